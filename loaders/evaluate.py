"""Score extractions against the corpus's gold annotations (``*.gold.json``).

The rules follow ``shared/corpus/README.md`` ("Using the set for scoring"):

* persons: matched by name, exact after NFC and one tone placement (``clean_text``), authors
  included (a byline is a person with ``is_author``).
* person–title pairs: (person, title), titles matched tolerantly within a matched person (see
  ``titles_match``): case-insensitive, abbreviations expanded, and a title that only leaves out
  the locality the gold spells out ("Trưởng ban Tổ chức Thành ủy" for "... Thành ủy Hà Nội",
  "Tỉnh ủy viên" for "Ủy viên Tỉnh ủy Vĩnh Phúc") counts as found.
* chairs / attendees / speakers: (meeting, person), after aligning the predicted meetings with
  the gold ones (main with main, then same kind and date, then by name similarity).
* main-meeting date: accuracy over articles whose gold has a main meeting; exact ISO date, and
  ``null`` is right only where the gold has ``null``. Meeting dates: every aligned meeting's date.
* organisations and organisation–parent pairs: names compared case-insensitively after
  ``canonical``; a pair needs the parent right too (``None`` included).
* resolutions: matched on kind + number when the gold has a number, else on kind + name (see
  ``resolutions_match``). Resolution issuers: (document, issuer) for the matched documents.

Counts are micro-averaged: tp/fp/fn summed over articles, then precision, recall, F1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InputFileError
from loaders.records import (
    ArticleMeta,
    Extraction,
    Meeting,
    Organization,
    Participation,
    Person,
    Resolution,
    Title,
)
from loaders.textnorm import canonical, clean_text, fold, squash_spaces

# The team's gate (issue 3, "Measured"): F1 floors per metric, and main-meeting date accuracy.
FLOORS: dict[str, float] = {
    "persons": 0.97,
    "person_titles": 0.90,
    "chairs": 0.97,
    "main_meeting_date": 1.0,
    "resolutions": 0.90,
    "organization_parents": 0.85,
}

METRICS = (
    "persons",
    "person_titles",
    "chairs",
    "attendees",
    "speakers",
    "meeting_dates",
    "organizations",
    "organization_parents",
    "resolutions",
    "resolution_issuers",
)


# --------------------------------------------------------------------------- keys


def name_key(name: str) -> str:
    """Person names: exact after NFC and one tone placement ("Thuỷ" = "Thủy")."""
    return squash_spaces(clean_text(name))


_PUNCT = re.compile(r"[^\w/]+", re.UNICODE)


def text_key(text: str | None) -> str:
    """Organisation names, titles, document names: canonical, case- and punctuation-blind."""
    if not text:
        return ""
    return " ".join(_PUNCT.sub(" ", canonical(text)).lower().split())


def number_key(number: str | None) -> str:
    return re.sub(r"\s+", "", clean_text(number)).upper() if number else ""


# Short forms of committee membership: "Tỉnh ủy viên" = "Ủy viên Tỉnh ủy".
_MEMBER_SHORT = re.compile(r"\b(Tỉnh|Thành|Huyện|Quận|Thị|Đảng|Khối)\s+ủy\s+viên\b", re.IGNORECASE)
# Lower-case words a locality tail may hold: place types, and "Đảng" ("Trung ương Đảng").
_PLACE_WORDS = {"tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "đảng"}


def title_tokens(title: str) -> list[str]:
    """Canonical title words, case kept (a locality is told apart by its capitals)."""
    text = _PUNCT.sub(" ", canonical(title))
    text = _MEMBER_SHORT.sub(lambda m: f"Ủy viên {m.group(1)} ủy", text)
    return text.split()


def _is_locality_tail(tokens: list[str]) -> bool:
    """ "Hà Nội", "tỉnh Quảng Ngãi", "huyện Chương Mỹ", "Đảng": place words, then capitalised
    words only. Offices and bodies are written in sentence case ("Ban Thường vụ", "Tỉnh ủy",
    "Trung ương"), so a tail holding one never passes."""
    rest = list(tokens)
    while rest and rest[0].lower() in _PLACE_WORDS:
        rest.pop(0)
    return bool(tokens) and all(t[0].isupper() and (len(t) == 1 or t[1:].islower()) for t in rest)


def titles_match(predicted: str, gold: str) -> bool:
    """Tolerant title comparison.

    Equal after normalisation (case, punctuation, abbreviations, "Tỉnh ủy viên" = "Ủy viên
    Tỉnh ủy"), or one is the other without a trailing locality (see ``_is_locality_tail``), so
    "Trưởng ban Tổ chức Thành ủy" matches "Trưởng Ban Tổ chức Thành ủy Hà Nội" but "Trưởng Ban
    Tổ chức" does not.
    """
    p, g = title_tokens(predicted), title_tokens(gold)
    pl, gl = [t.lower() for t in p], [t.lower() for t in g]
    if pl == gl:
        return True
    (short, _), (long_l, long_) = sorted([(pl, p), (gl, g)], key=lambda x: len(x[0]))
    return bool(short) and long_l[: len(short)] == short and _is_locality_tail(long_[len(short):])


# Words that start a document name's qualifying tail: "... của Thành ủy", "... về ...".
_QUALIFIERS = {"của", "về", "ngày", "do", "trong", "đã", "đến", "nhằm", "nhiệm", "giai"}
# Words that tell one document from another of the same kind: "XIII", "4", "2021".
_IDENTIFIER = re.compile(r"^(\d+\w*|[ivxlc]+)$")


def _names_match(p: list[str], g: list[str]) -> bool:
    """Equal, the same words in another order ("Đại hội lần thứ XIII Đảng bộ Khối" / "Đại hội
    Đảng bộ Khối lần thứ XIII"), or one fits inside the other where the words it lacks carry no
    identifier (a locality, "đại biểu toàn quốc lần thứ") or form a qualifying tail ("của ...",
    "về ...", "ngày ...")."""
    if sorted(p) == sorted(g):
        return True
    short, long_ = (p, g) if len(p) < len(g) else (g, p)
    if len(short) < 2:
        return False
    aligned: list[int] = []  # positions in long_ of short's words, leftmost
    for j, word in enumerate(long_):
        if len(aligned) < len(short) and word == short[len(aligned)]:
            aligned.append(j)
    if len(aligned) < len(short):
        return False
    inner = [w for j, w in enumerate(long_[: aligned[-1]]) if j not in aligned]
    tail = long_[aligned[-1] + 1 :]
    if tail and tail[0] in _QUALIFIERS:
        tail = []
    return not any(_IDENTIFIER.match(w) for w in inner + tail)


def resolutions_match(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same kind, then the number when the gold has one, else the name (``_names_match``):
    "Nghị quyết Trung ương 4" never matches "Nghị quyết Trung ương 4 khóa XI", the term
    identifies another document."""
    if text_key(predicted.get("kind")) != text_key(gold.get("kind")):
        return False
    if gold.get("number"):
        return number_key(predicted.get("number")) == number_key(gold["number"])
    if predicted.get("number"):
        return False
    return _names_match(text_key(predicted.get("name")).split(), text_key(gold.get("name")).split())


# --------------------------------------------------------------------------- counting


@dataclass
class Metric:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Metric) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class ArticleScore:
    """One article's counts, and the items behind every fp/fn (for developers to iterate)."""

    article: str
    metrics: dict[str, Metric] = field(default_factory=dict)
    main_date: tuple[str | None, str | None] | None = None  # (gold, predicted); None: no gold main
    fp: dict[str, list[str]] = field(default_factory=dict)
    fn: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None  # the article could not be read or extracted

    @property
    def main_date_correct(self) -> bool | None:
        return None if self.main_date is None else self.main_date[0] == self.main_date[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "error": self.error,
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
            "main_date": None
            if self.main_date is None
            else {"gold": self.main_date[0], "predicted": self.main_date[1]},
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class EvalReport:
    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def metrics(self) -> dict[str, Metric]:
        total = {name: Metric() for name in METRICS}
        for a in self.articles:
            for name, m in a.metrics.items():
                total[name].add(m)
        return total

    @property
    def main_date(self) -> Accuracy:
        acc = Accuracy()
        for a in self.articles:
            if a.main_date is not None:
                acc.total += 1
                acc.correct += a.main_date[0] == a.main_date[1]
        return acc

    def scores(self) -> dict[str, float]:
        """The gated numbers: F1 per metric, accuracy for the main-meeting date."""
        out = {name: m.f1 for name, m in self.metrics.items()}
        out["main_meeting_date"] = self.main_date.value
        return out

    def failures(self, floors: dict[str, float] = FLOORS) -> dict[str, tuple[float, float]]:
        """Metrics below their floor: name -> (measured, floor)."""
        scores = self.scores()
        return {k: (scores[k], v) for k, v in floors.items() if scores[k] + 1e-9 < v}

    def misses(self) -> dict[str, dict[str, dict[str, list[str]]]]:
        """article -> metric -> {"fp": [...], "fn": [...]}, only where something was missed."""
        out: dict[str, dict[str, dict[str, list[str]]]] = {}
        for a in self.articles:
            per: dict[str, dict[str, list[str]]] = {}
            for name in [*METRICS, "main_meeting_date"]:
                fp, fn = a.fp.get(name, []), a.fn.get(name, [])
                if fp or fn:
                    per[name] = {"fp": fp, "fn": fn}
            if a.error:
                per["error"] = {"fp": [], "fn": [a.error]}
            if per:
                out[a.article] = per
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
            "main_meeting_date": self.main_date.to_dict(),
            "floors": FLOORS,
            "failures": {k: {"measured": round(v[0], 4), "floor": v[1]} for k, v in self.failures().items()},
            "per_article": [a.to_dict() for a in self.articles],
            "misses": self.misses(),
        }

    def format_table(self) -> str:
        """Plain-text table (the CLI renders the same numbers with Rich)."""
        lines = [f"{'metric':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}{'floor':>8}"]
        for name, m in self.metrics.items():
            floor = FLOORS.get(name)
            mark = "" if floor is None else f"{floor:>8.2f}" + (" FAIL" if m.f1 + 1e-9 < floor else "")
            lines.append(
                f"{name:<22}{m.tp:>5}{m.fp:>5}{m.fn:>5}{m.precision:>8.3f}{m.recall:>8.3f}{m.f1:>8.3f}{mark}"
            )
        acc = self.main_date
        fail = " FAIL" if acc.value + 1e-9 < FLOORS["main_meeting_date"] else ""
        lines.append(f"{'main_meeting_date':<22}{acc.correct:>5}/{acc.total:<4} accuracy {acc.value:.3f}"
                     f"  floor {FLOORS['main_meeting_date']:.2f}{fail}")
        return "\n".join(lines)


def _match(
    predicted: list[Any], gold: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Greedy one-to-one matching: (pairs, unmatched predicted, unmatched gold)."""
    left = list(predicted)
    pairs, missed = [], []
    for g in gold:
        hit = next((i for i, p in enumerate(left) if same(p, g)), None)
        if hit is None:
            missed.append(g)
        else:
            pairs.append((left.pop(hit), g))
    return pairs, left, missed


def _score(
    score: ArticleScore, metric: str, predicted: list[Any], gold: list[Any],
    same: Callable[[Any, Any], bool], show: Callable[[Any], str] = str,
) -> list[tuple[Any, Any]]:
    pairs, extra, missed = _match(predicted, gold, same)
    score.metrics[metric] = Metric(len(pairs), len(extra), len(missed))
    score.fp[metric] = [show(x) for x in extra]
    score.fn[metric] = [show(x) for x in missed]
    return pairs


# --------------------------------------------------------------------------- meetings


def _meeting_similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    ta, tb = set(fold(a.get("name") or "").split()), set(fold(b.get("name") or "").split())
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def align_meetings(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """Pairs of (predicted index, gold index); None on one side when a meeting has no match.

    Main with main first, then the same kind and a known, equal date, then the most similar
    names (folded word overlap of at least one third).
    """
    pairs: list[tuple[int | None, int | None]] = []
    free_p, free_g = set(range(len(predicted))), set(range(len(gold)))

    def take(ok: Callable[[dict[str, Any], dict[str, Any]], bool]) -> None:
        for gi in sorted(free_g):
            for pi in sorted(free_p):
                if ok(predicted[pi], gold[gi]):
                    pairs.append((pi, gi))
                    free_p.discard(pi)
                    free_g.discard(gi)
                    break

    take(lambda p, g: bool(p.get("main")) and bool(g.get("main")))
    take(lambda p, g: bool(g.get("date")) and p.get("date") == g.get("date") and p.get("kind") == g.get("kind"))
    while free_p and free_g:
        best = max(((_meeting_similarity(predicted[p], gold[g]), p, g) for p in free_p for g in free_g))
        if best[0] < 1 / 3:
            break
        pairs.append((best[1], best[2]))
        free_p.discard(best[1])
        free_g.discard(best[2])
    pairs += [(p, None) for p in sorted(free_p)] + [(None, g) for g in sorted(free_g)]
    return pairs


# --------------------------------------------------------------------------- scoring


def _as_gold(extraction: Extraction) -> dict[str, Any]:
    """The extraction in the gold file's shape, so both sides are compared alike."""
    return {
        "persons": [
            {"name": p.name, "titles": [t.text for t in p.titles], "is_author": p.is_author}
            for p in extraction.persons
        ],
        "meetings": [
            {
                "main": m.main, "kind": m.kind, "name": m.name, "date": m.date,
                "chairs": m.chairs, "attendees": m.attendees, "speakers": m.speakers,
            }
            for m in extraction.meetings
        ],
        "organizations": [{"name": o.name, "parent": o.parent} for o in extraction.organizations],
        "resolutions": [
            {"kind": r.kind, "number": r.number, "name": r.name, "issuer": r.issuer}
            for r in extraction.resolutions
        ],
    }


def _doc_label(r: dict[str, Any]) -> str:
    return f"{r.get('kind')} {r.get('number') or ''} | {r.get('name')}".replace("  ", " ")


def score_article(extraction: Extraction, gold: dict[str, Any]) -> ArticleScore:
    """Score one article's extraction against its gold annotation."""
    pred = _as_gold(extraction)
    score = ArticleScore(article=gold.get("article") or extraction.article.source)

    # Persons, and their titles within matched persons.
    person_pairs = _score(
        score, "persons", pred["persons"], gold.get("persons", []),
        lambda p, g: name_key(p["name"]) == name_key(g["name"]), lambda x: x["name"],
    )
    titles = Metric()
    tfp: list[str] = []
    tfn: list[str] = []
    for p, g in person_pairs:
        pairs, extra, missed = _match(p["titles"], g["titles"], titles_match)
        titles.add(Metric(len(pairs), len(extra), len(missed)))
        tfp += [f"{g['name']}: {t}" for t in extra]
        tfn += [f"{g['name']}: {t}" for t in missed]
    matched_pred = {id(p) for p, _ in person_pairs}
    matched_gold = {id(g) for _, g in person_pairs}
    for p in pred["persons"]:
        if id(p) not in matched_pred:
            titles.fp += len(p["titles"])
            tfp += [f"{p['name']}: {t}" for t in p["titles"]]
    for g in gold.get("persons", []):
        if id(g) not in matched_gold:
            titles.fn += len(g["titles"])
            tfn += [f"{g['name']}: {t}" for t in g["titles"]]
    score.metrics["person_titles"], score.fp["person_titles"], score.fn["person_titles"] = titles, tfp, tfn

    # Meetings: align, then roles and dates per aligned pair.
    pm, gm = pred["meetings"], gold.get("meetings", [])
    aligned = align_meetings(pm, gm)
    for role in ("chairs", "attendees", "speakers"):
        p_items = [(gi if gi is not None else f"p{pi}", name_key(n)) for pi, gi in aligned if pi is not None
                   for n in pm[pi].get(role, [])]
        g_items = [(gi, name_key(n)) for _, gi in aligned if gi is not None for n in gm[gi].get(role, [])]
        _score(score, role, p_items, g_items, lambda p, g: p == g, lambda x: x[1])
    p_dates = [(gi if gi is not None else f"p{pi}", pm[pi]["date"]) for pi, gi in aligned
               if pi is not None and pm[pi].get("date")]
    g_dates = [(gi, gm[gi]["date"]) for _, gi in aligned if gi is not None and gm[gi].get("date")]
    _score(score, "meeting_dates", p_dates, g_dates, lambda p, g: p == g, lambda x: str(x[1]))
    gold_main = next((m for m in gm if m.get("main")), None)
    if gold_main is not None:
        pred_main = next((m for m in pm if m.get("main")), None)
        predicted_date = pred_main.get("date") if pred_main else "(no main meeting)"
        score.main_date = (gold_main.get("date"), predicted_date)
        if score.main_date[0] != score.main_date[1]:
            score.fp["main_meeting_date"] = [str(predicted_date)]
            score.fn["main_meeting_date"] = [str(gold_main.get("date"))]

    # Organisations, and their parents.
    _score(
        score, "organizations", pred["organizations"], gold.get("organizations", []),
        lambda p, g: text_key(p["name"]) == text_key(g["name"]), lambda x: x["name"],
    )
    _score(
        score, "organization_parents", pred["organizations"], gold.get("organizations", []),
        lambda p, g: text_key(p["name"]) == text_key(g["name"]) and text_key(p["parent"]) == text_key(g["parent"]),
        lambda x: f"{x['name']} -> {x['parent']}",
    )

    # Resolutions, and the issuer of each matched one.
    doc_pairs = _score(score, "resolutions", pred["resolutions"], gold.get("resolutions", []),
                       resolutions_match, _doc_label)
    issuers = Metric()
    ifp: list[str] = []
    ifn: list[str] = []
    for p, g in doc_pairs:
        if text_key(p.get("issuer")) == text_key(g.get("issuer")):
            issuers.tp += 1
        else:
            issuers.fp += p.get("issuer") is not None
            issuers.fn += g.get("issuer") is not None
            ifp += [f"{_doc_label(g)}: {p.get('issuer')}"] if p.get("issuer") is not None else []
            ifn += [f"{_doc_label(g)}: {g.get('issuer')}"] if g.get("issuer") is not None else []
    score.metrics["resolution_issuers"] = issuers
    score.fp["resolution_issuers"], score.fn["resolution_issuers"] = ifp, ifn
    return score


def evaluate_pairs(pairs: Iterable[tuple[Extraction, dict[str, Any]]]) -> EvalReport:
    """Score (extraction, gold) pairs directly."""
    return EvalReport([score_article(extraction, gold) for extraction, gold in pairs])


# --------------------------------------------------------------------------- corpus


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(str(path), f"not a readable gold file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputFileError(str(path), "gold file has no 'article' field naming the article text")
    return data


def iter_gold_files(path: Path) -> Iterator[Path]:
    """``*.gold.json`` under a folder (recursively), or the file itself."""
    path = Path(path)
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise InputFileError(str(path), "no such file or folder")
    yield from sorted(path.rglob("*.gold.json"))


def _empty_extraction(source: str) -> Extraction:
    return Extraction(article=ArticleMeta(id=source, source=source))


def extract_file(text_path: Path, url: str | None = None) -> tuple[Extraction, str | None]:
    """Read and extract one article file; (empty extraction, reason) when that fails.

    ``url`` is the page address recorded beside a bare ``.txt`` (the gold file's ``url``): source
    metadata a ``.jsonl`` or ``.html`` input would carry itself, never an annotation."""
    if not text_path.is_file():
        return _empty_extraction(str(text_path)), f"{text_path}: article text not found"
    from loaders.extract import extract  # imported late: scoring alone needs no extractor
    from loaders.reader import iter_documents
    from loaders.records import Document

    for item in iter_documents([text_path]):
        if isinstance(item, Document):
            if url and not item.meta.url:
                item.meta.url = url
            return extract(item), None
        reason = getattr(item, "reason", "not read")
        return _empty_extraction(str(text_path)), f"{text_path}: skipped ({reason})"
    return _empty_extraction(str(text_path)), f"{text_path}: no article read"


def evaluate_dir(path: str | Path) -> EvalReport:
    """Extract every article that has a ``*.gold.json`` beside it and score it."""
    report = EvalReport()
    for gold_path in iter_gold_files(Path(path)):
        gold = load_gold(gold_path)
        extraction, error = extract_file(gold_path.parent / gold["article"], gold.get("url"))
        score = score_article(extraction, gold)
        score.error = error
        report.articles.append(score)
    return report


# --------------------------------------------------------------------------- gold -> records


def extraction_from_gold(gold: dict[str, Any]) -> Extraction:
    """Extraction records carrying exactly a gold annotation (tests, baselines)."""
    meta = ArticleMeta(
        id=gold.get("article") or "gold", source=gold.get("article") or "gold",
        published=gold.get("published"), outlet=gold.get("outlet"), url=gold.get("url"),
    )
    persons = [
        Person(
            name=p["name"],
            titles=[Title(text=t, role="", org=None, original=t, evidence="") for t in p.get("titles", [])],
            is_author=bool(p.get("is_author")),
        )
        for p in gold.get("persons", [])
    ]
    meetings = []
    for m in gold.get("meetings", []):
        participants = [
            Participation(person=name, role=role, evidence="")
            for role, key in (("chair", "chairs"), ("attendee", "attendees"), ("speaker", "speakers"))
            for name in m.get(key, [])
        ]
        meetings.append(
            Meeting(
                name=m.get("name") or "", kind=m.get("kind") or "other", date=m.get("date"),
                location=m.get("location"), main=bool(m.get("main")),
                organizers=list(m.get("organizers", [])), participants=participants,
            )
        )
    organizations = [
        Organization(name=o["name"], kind="other", level=None, locality=None, parent=o.get("parent"))
        for o in gold.get("organizations", [])
    ]
    resolutions = [
        Resolution(kind=r["kind"], number=r.get("number"), name=r["name"], issuer=r.get("issuer"))
        for r in gold.get("resolutions", [])
    ]
    return Extraction(
        article=meta, persons=persons, organizations=organizations, meetings=meetings, resolutions=resolutions
    )
