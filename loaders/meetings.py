"""Meetings the article reports: name, kind, date, location, organisers, and who chaired, attended
and spoke, each participation with its sentence.

A reported event opens with a lede: a time expression, then who did what ("Chiều 01/7, Ban Tổ
chức Thành ủy Hà Nội tổ chức Hội nghị ...", "Sáng nay (25/3), đoàn kiểm tra ... có buổi làm việc
với ..."). The first lede is the main meeting; a later lede that opens a paragraph starts another
event, and the sentences after it are about that event. A plenum or congress the text only cites
(as a resolution's source, or a future event: "sẽ", "dự kiến", "sáng mai") has no lede and is no
meeting. An article with no lede but with people chairing, attending or speaking gets one main
meeting named by the event noun it uses ("Hội nghị").

Dates: a day/month is resolved with the year the text itself gives; else with the article's own
date (published, or a date line before the item); else with the year and month in the page's
address; else with a reporting period that ends within weeks of that day ("6 tháng đầu năm
2022" for a meeting on 29/6, "Đến ngày 11/3/2021" for one on 25/3, "Tết ... 2019" for 25/1).
A date later than the article's own date is a different year only across New Year; otherwise
it is unknown. Never a partial date.

Roles come from verbs (``loaders/data/meeting_kinds.json``): "X chủ trì", "do X chủ trì", "Dự
hội nghị có X", "Kết luận hội nghị, X nhấn mạnh". A chair is not also an attendee.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from loaders.fastre import case_variants, first_letter_alternation, word_branches
from loaders.orgs import Locality, canonical_org
from loaders.persons import Mention
from loaders.records import Meeting, Participation
from loaders.textnorm import canonical

_DATA = Path(__file__).parent / "data"
_LETTER = r"0-9A-Za-zÀ-ỹĐđ"
_WINDOW = timedelta(days=45)

# "Chiều 01/7", "Sáng nay (25/3)", "Hôm nay 10.10", "Ngày 10 và 11-2", "Sáng ngày 19/11/2024".
# (The opening words as loaders.fastre writes them, so that a search skips to their first letters:
# it is tried on most sentences.)
_PART_OF_DAY_SUFFIX = r"(?:\s+(?:nay|qua|hôm qua))?(?:\s+ngày)?"
TIME_EXPR = re.compile(
    first_letter_alternation(
        [(w[0], re.escape(w[1:]) + _PART_OF_DAY_SUFFIX) for w in ("sáng", "chiều", "tối", "trưa", "đêm", "hôm")]
        + [("n", "gày")], None, ignore_case=True)[0]
    + r"\s*\(?\s*"
    r"(?P<d>\d{1,2})(?:\s*(?:và|,|-)\s*\d{1,2}(?=\s*[/.\-]\s*\d))?\s*[/.\-]\s*(?P<m>\d{1,2})"
    r"(?:\s*[/.\-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])\s*\)?"
)
_FUTURE_WORDS = ("sẽ", "dự kiến", "sáng mai", "chiều mai", "ngày mai", "sắp tới")
_FUTURE = re.compile(
    first_letter_alternation([(w[0], re.escape(w[1:])) for w in _FUTURE_WORDS], r"\w", ignore_case=True)[0] + r"(?![\w])")
# The letters case-insensitive matching takes for "s" or "i" that do not lower-case to them
# (loaders.fastre; a test checks every character of the future words).
_CASE_EXTRAS = ("ſ", "İ", "ı")


def _speaks_of_future(s: str) -> bool:
    """``_FUTURE.search(s) is not None``, the pattern (whose search stops at every "c", "d", "n",
    "s") tried only when the lower-cased sentence holds one of its words, or a letter that
    case-insensitive matching takes for one of theirs without lower-casing to it."""
    if not any(extra in s for extra in _CASE_EXTRAS):
        lowered = s.lower()
        if not any(word in lowered for word in _FUTURE_WORDS):
            return False
    return _FUTURE.search(s) is not None

# What may stand before a lede's time expression: an outlet tag or a rubric ("HNP - ", "(BBNĐT) ").
_LEDE_PREFIX = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*-?\s*|[^\s,.;()]{1,20}(?:\s[^\s,.;()]{1,20})?\s+-\s+)?$")
_DATELINE = re.compile(r"^\s*(?:[^\d]{0,20}?,\s*)?(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d{2})(?:\s+\d{1,2}:\d{2})?\s*\|?\s*$")
# Every TIME_EXPR match holds a day and month: a digit, a "/", "." or "-", a digit. This search
# jumps from digit to digit, where TIME_EXPR is tried at every opening letter.
_DAY_MONTH = re.compile(r"\d\s*[/.\-]\s*\d")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])(?:[/-]|\d{2}[/-])")

# Reporting periods that end close to the meeting they are reported at. Each pattern opens with
# a plain character set ("[đĐ]" is what a case-insensitive "đ" matches; "\d"), so that a search
# jumps to where it can match; an opening look-behind, repeat or case-insensitive letter would
# make it try every position of the article.
_ANCHOR_DAY = re.compile(r"[đĐ](?i:ến\s+(?:hết\s+)?ngày)\s+(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d{2})")  # "(tính) đến hết ngày"
_ANCHOR_MONTHS = re.compile(r"(\d\d?)\s+(?i:tháng\s+(?:đầu\s+)?(?:của\s+)?năm)\s+((?:19|20)\d{2})")
# "3/2020" not preceded by a digit, "/", "." or "-" (the look-behind sits after the first digit).
_ANCHOR_MONTH = re.compile(r"(\d(?<![\d/.\-]\d)\d?)/((?:19|20)\d{2})(?![\d/])")
# The same matches, found from their "/": a search skips to that rare character, where it stops at
# every digit for _ANCHOR_MONTH. The month's one or two digits are read behind it (two when there
# are two: a one-digit month must not follow a digit), the year after it.
_ANCHOR_MONTH_FROM_SLASH = re.compile(
    r"/(?:(?<=(?<![\d/.\-])(?P<mm>\d\d)/)|(?<=(?<![\d/.\-])(?P<m>\d)/))(?P<y>(?:19|20)\d{2})(?![\d/])"
)
_ANCHOR_QUARTER = re.compile(r"[qQ](?i:uý\s+(I{1,3}|IV|[1-4])\s+(?:của\s+)?năm\s+((?:19|20)\d{2}))")
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ANCHOR_TET = re.compile(r"(?:Tết|Xuân)[^.;]{0,30}?((?:19|20)\d{2})")


def _alternation_by_letter_case(branches: list[tuple[str, str]], not_before: str) -> tuple[str, list[int]]:
    """What ``first_letter_alternation(branches, not_before, ignore_case=True, capture=True)`` gives
    (the regex and, for each capture group, its branch), written as one alternative per case of
    each first letter: "P(?<!..)(?:(?i:(hát biểu)))|p(?<!..)(?:(?i:(hát biểu)))|T...". Every
    alternative opens with a plain letter: a search still skips to those letters, then tries only
    the alternatives of the letter it stopped at, where the one-alternative form tries the look-
    behind of each first letter in turn (~25% faster on the role verbs, tried on every sentence
    that names someone). Same matches: alternatives of different letters never match at one
    position, and the branches of one letter keep their order."""
    by_letter: dict[str, list[tuple[int, str]]] = {}
    for i, (letter, rest) in enumerate(branches):
        for variant in case_variants(letter):
            by_letter.setdefault(variant, []).append((i, f"(?i:{rest})"))
    alternatives: list[str] = []
    order: list[int] = []
    for variant, members in by_letter.items():
        alternative, member_order = first_letter_alternation(
            [(variant, rest) for _, rest in members], not_before, ignore_case=False, capture=True)
        alternatives.append(alternative)
        order.extend(members[j][0] for j in member_order)
    return "|".join(alternatives), order


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = json.loads((_DATA / "meeting_kinds.json").read_text(encoding="utf-8"))

    def alternation(words: list[str]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    kinds = sorted(data["kinds"], key=lambda k: len(k[0]), reverse=True)
    cues = []
    for role, words in data["roles"].items():
        for w in words:
            cues.append((w, role))
    cues.sort(key=lambda c: len(c[0]), reverse=True)
    # Word lists a search skips to fast (see loaders.fastre); the cues one group each
    # (``lastindex`` tells which matched).
    no_letter_ci, no_letter = f"(?i:[{_LETTER}])", f"[{_LETTER}]"

    def words_re(words: list[str], not_before: str, ignore_case: bool) -> str:
        ordered = sorted(words, key=len, reverse=True)  # as ``alternation``
        return first_letter_alternation(word_branches(ordered), not_before, ignore_case)[0]

    cue_re, cue_order = _alternation_by_letter_case(word_branches([w for w, _ in cues]), no_letter_ci)
    # The role verbs in lower case, as written, grouped by first letter: a search of the
    # lower-cased sentence for places where one may start (see _cue_matches).
    by_letter: dict[str, list[str]] = {}
    for w, _ in cues:
        by_letter.setdefault(w[0], []).append(re.escape(w[1:]))
    cue_start = "|".join(f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
    return {
        "cue_start": re.compile(cue_start),
        "kinds": kinds,
        "kind_re": re.compile(rf"{words_re([k for k, _ in kinds], no_letter_ci, True)}(?![{_LETTER}])"),
        "report_re": re.compile(rf"{words_re(data['report_verbs'], no_letter, False)}(?![{_LETTER}])"),
        "cue_re": re.compile(rf"(?:{cue_re})(?![{_LETTER}])"),
        "cue_roles": [cues[i][1] for i in cue_order],
        "cue_listing_only": [cues[i][0] in data.get("listing_only", ()) for i in cue_order],
        "not_subject": re.compile(rf"{words_re(data['not_in_lede_subject'], no_letter_ci, True)}(?![{_LETTER}])"),
        "online": data["online"],
        "not_online": data["not_online"],
        "not_before": re.compile(rf"(?<![{_LETTER}])(?:{alternation(data['not_role_before'])})\s+$"),
        # How far back "not_before" can reach in a normalised sentence (single spaces).
        "not_before_reach": max(len(w) for w in data["not_role_before"]) + 1,
        "document_re": re.compile(rf"{words_re(data['document_nouns'], no_letter, False)}(?![{_LETTER}])"),
        "not_after": re.compile(rf"\s+(?:{alternation(data['not_role_after'])})(?![{_LETTER}])"),
    }


# --------------------------------------------------------------------------- dates


def _dateline(s: str) -> re.Match[str] | None:
    """``_DATELINE.match(s)``, tried only on a sentence that ends (white space aside) as a
    dateline must: with a digit of its year or time, or a "|"."""
    last = s.rstrip()[-1:]  # str.rstrip drops what \s matches
    return _DATELINE.match(s) if last.isdecimal() or last == "|" else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def context_anchors(text: str) -> list[date]:
    """Ends of reporting periods the text names ("6 tháng đầu năm 2022" -> 2022-06-30; a quarter
    "quý III năm 2024" -> its first and last days)."""
    anchors: list[date] = []
    low = text.lower()  # each pattern below needs a word or mark this cheap check looks for
    for m in _ANCHOR_DAY.finditer(text) if "ngày" in low and "đến" in low else ():
        d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            anchors.append(d)
    for m in _ANCHOR_MONTHS.finditer(text) if "tháng" in low else ():
        months, year = int(m.group(1)), int(m.group(2))
        if 1 <= months <= 12:
            anchors.append(_month_end(year, months))
    for m in _ANCHOR_MONTH_FROM_SLASH.finditer(text) if "/19" in text or "/20" in text else ():
        month, year = int(m.group("mm") or m.group("m")), int(m.group("y"))
        if 1 <= month <= 12:
            anchors.append(_month_end(year, month))
    for m in _ANCHOR_QUARTER.finditer(text) if "quý" in low else ():
        # "giao ban quý IV năm 2025": the quarter's first and last days bound the event.
        quarter, year = _QUARTERS[m.group(1).upper()], int(m.group(2))
        anchors.append(date(year, 3 * quarter - 2, 1))
        anchors.append(_month_end(year, 3 * quarter))
    for m in _ANCHOR_TET.finditer(text) if "Tết" in text or "Xuân" in text else ():
        anchors.append(date(int(m.group(1)), 2, 1))
    return anchors


class _Anchors:
    """An article's reporting-period ends (``context_anchors``), read from its text on first use:
    ``resolve_date`` reads them only for a day/month with no year in an article with no date of
    its own, and most articles either have a date or give none of their meetings' dates that way."""

    def __init__(self, sentences: list[str]) -> None:
        self._sentences = sentences
        self._found: list[date] | None = None

    def get(self) -> list[date]:
        if self._found is None:
            self._found = context_anchors(" ".join(self._sentences))
        return self._found


def _resolve_time(t: re.Match[str], reference: date | None, anchors: _Anchors) -> str | None:
    """``resolve_date`` of a TIME_EXPR match, the anchors read only when it uses them (no year, no
    reference)."""
    year = int(t.group("y")) if t.group("y") else None
    needs_anchors = not year and not reference
    return resolve_date(int(t.group("d")), int(t.group("m")), year, reference, anchors.get() if needs_anchors else None)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def resolve_date(day: int, month: int, year: int | None, reference: date | None,
                 anchors: list[date] | None = None) -> str | None:
    """ISO date for a day/month (and maybe year), or None when the year cannot be worked out.

    ``reference`` is the article's own date (the event is on or before it, across New Year at
    most); ``anchors`` are reporting-period ends from the text, used when there is no reference.
    """
    if year:
        d = _safe_date(year, month, day)
        return d.isoformat() if d else None
    if reference:
        d = _safe_date(reference.year, month, day)
        if d and d <= reference + timedelta(days=1):
            return d.isoformat()
        d = _safe_date(reference.year - 1, month, day)
        if d and reference - d <= _WINDOW * 2 and month >= 11:
            return d.isoformat()
        return None
    years = set()
    for anchor in anchors or []:
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            d = _safe_date(y, month, day)
            if d and abs(d - anchor) <= _WINDOW:
                years.add(y)
    if len(years) == 1:
        d = _safe_date(years.pop(), month, day)
        return d.isoformat() if d else None
    return None


def url_month(url: str | None) -> date | None:
    """The year and month in a page address ("/202107/" -> 2021-07-31), as an upper bound."""
    if not url:
        return None
    m = _URL_MONTH.search(url)
    return _month_end(int(m.group(1)), int(m.group(2))) if m else None


# --------------------------------------------------------------------------- roles


_JOINED = re.compile(r"\s*(?:và|,)\s*")  # two cues joined ("chủ trì và phát biểu")
_LISTED = re.compile(r"(?<![\w])(?:có|gồm)(?![\w])|:")
_LISTED_OR_OWNED = re.compile(r"(?<![\w])(?:có|của|gồm)(?![\w])|:")
_STOP = re.compile(r"[.;]")
_ADDRESS_ONLY = re.compile(r"\s*(?:đồng chí|ông|bà)?\s*")


def _cue_matches(s: str) -> list[re.Match[str]]:
    """What ``_lexicon()["cue_re"].finditer(s)`` gives, that pattern tried only where a role verb
    starts in the lower-cased sentence. Those places are found by a plain search for the verbs as
    written, several times faster than the pattern's (each letter it compares case-insensitively,
    after a look-behind at every "b", "c", "d", "đ", "k", "l", "p", "q", "t", "v" of the sentence).
    No place is missed when lower-casing keeps the sentence's length, no white space but single
    plain spaces separates its words (as in the lexicon), and it holds none of the letters that
    case-insensitive matching takes for a verb's letter without lower-casing to it (a test checks
    every character); otherwise the pattern is searched as it is."""
    lex = _lexicon()
    lowered = s.lower()
    if (len(lowered) != len(s) or "  " in s or not s.isprintable()  # any other white space is unprintable
            or any(extra in s for extra in _CASE_EXTRAS)):
        return list(lex["cue_re"].finditer(s))
    cue_start, cue = lex["cue_start"], lex["cue_re"]
    matches: list[re.Match[str]] = []
    end = 0
    # Every place a verb starts, overlapping ones too ("đồng chủ trì", then "chủ trì"); the
    # pattern's matches do not overlap, as finditer's.
    while (found := cue_start.search(lowered, end)) is not None:
        at = found.start()
        m = cue.match(s, at)
        if m is not None:
            matches.append(m)
            end = m.end()
        else:
            end = at + 1
    return matches


def roles_in_sentence(s: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """(person, role) pairs a normalised sentence (single spaces) states, from its role verbs."""
    lex = _lexicon()
    reach = lex["not_before_reach"]
    cues = []
    for m in _cue_matches(s):
        # The word before the cue: only the last few characters can hold it, so read only those.
        if lex["not_before"].search(s, max(0, m.start() - reach), m.start()) or lex["not_after"].match(s, m.end()):
            continue
        if m.group(0)[0].isupper() and m.start() > 0 and s[m.start() - 1] not in " ,.;:(“\"":
            continue
        role = lex["cue_roles"][m.lastindex - 1]
        listing_only = lex["cue_listing_only"][m.lastindex - 1]
        cues.append((m.start(), m.end(), role, listing_only))
    found: list[tuple[str, str]] = []
    previous_people: list[str] = []
    boundary = 0
    for i, (start, end, role, listing_only) in enumerate(cues):
        next_start = cues[i + 1][0] if i + 1 < len(cues) else len(s)
        before = [m for m in mentions if boundary <= m.start < start]
        joined = i > 0 and _JOINED.fullmatch(s, cues[i - 1][1], start) is not None
        if listing_only:
            rest = [m for m in mentions if m.start >= end]
            listed = rest and _LISTED.search(s[end : rest[0].start])
            if listed and next_start > rest[0].start and not _STOP.search(s, end, rest[0].start):
                found.extend((m.name, role) for m in rest)
                break
            continue
        if joined and previous_people:
            people = previous_people
        elif before:
            people = [m.name for m in before]
        else:
            rest = [m for m in mentions if m.start >= end]
            if rest and _LISTED_OR_OWNED.search(s[end : rest[0].start]):
                # "Dự hội nghị có A, ...; B, ...": everyone listed to the end of the sentence.
                people = [m.name for m in rest]
                for name in people:
                    found.append((name, role))
                for later_start, later_end, later_role, _ in cues[i + 1 :]:
                    if _JOINED.fullmatch(s, end, later_start):
                        found.extend((name, later_role) for name in people)
                        end = later_end
                break
            after = [m for m in rest if m.start < next_start]
            gap = s[end : after[0].start] if after else ""
            # "Trưởng đoàn là đồng chí X": the one person the cue names.
            named = s[start:end].endswith(" là") and _ADDRESS_ONLY.fullmatch(gap)
            people = [after[0].name] if after and ("," in gap or named) else []
        for name in people:
            found.append((name, role))
        previous_people = people
        boundary = max(boundary, end)
    return found


# --------------------------------------------------------------------------- events


@dataclass
class _Lede:
    index: int  # sentence index
    date: str | None
    name: str
    kind: str
    location: str | None
    organizers: list[str]


_HELD_ONLINE = re.compile(r"(?:tổ chức|hình thức)\s+trực tuyến")


def _kind_of(name: str, context: str) -> str:
    lex = _lexicon()
    low = name.lower()
    kind = "other"
    for phrase, k in lex["kinds"]:
        if low.startswith(phrase):
            kind = k
            break
    else:
        m = lex["kind_re"].search(name)
        if m:
            kind = dict(lex["kinds"]).get(m.group(0).lower(), "other")
    if kind == "hội nghị":
        ctx = context.lower()
        if any(o in low for o in lex["online"]) or (
            _HELD_ONLINE.search(ctx) and not any(n in ctx for n in lex["not_online"])
        ):
            kind = "hội nghị trực tuyến"
    return kind


# Where an event's name ends: "\s+(?:để|nhằm)\s|\s+sau\s+\d+\s+ngày|,\s+với\s|\s+với chủ đề|\s+với sự tham
# dự|\s*\((?:ảnh|Ảnh)\)|[.;:]\s*$", written to open with the set of characters a match can start
# with (white space, ",", "(", ".", ";", ":"), the branches for each checked behind it in the same
# order: a search then jumps between those characters instead of trying every position.
_NAME_CUT = re.compile(
    r"[\s,(.;:](?:(?<=\s)(?:\s*(?:để|nhằm)\s|\s*sau\s+\d+\s+ngày|\s*với chủ đề|\s*với sự tham dự|\s*\((?:ảnh|Ảnh)\))"
    r"|(?<=,)\s+với\s|(?<=\()(?:ảnh|Ảnh)\)|(?<=[.;:])\s*$)"
)
_LEADING_TENSE = re.compile(r"^(?:đã|sẽ)\s+")
_LOCATION = re.compile(r"(?<![\w])tại\s+([^,;.]{3,80}?)\s*(?:,|$)")


def _read_lede(index: int, s: str, reference: date | None, anchors: _Anchors, loc: Locality,
               first: bool) -> _Lede | None:
    """A sentence that reports an event: a time expression near its start, then a report verb."""
    # (_DAY_MONTH needs a "/", "." or "-": str.find tells first, in most sentences that it has none.)
    may_hold_date = s.find("/", 0, 60) >= 0 or s.find(".", 0, 60) >= 0 or s.find("-", 0, 60) >= 0
    t = TIME_EXPR.search(s, 0, 60) if may_hold_date and _DAY_MONTH.search(s, 0, 60) else None
    if t is not None and not _LEDE_PREFIX.match(s[: t.start()]):
        t = None
    if t is None:
        # "Hội nghị ... do X tổ chức đã diễn ra ngày 29/6 tại Y": the time comes after the verb.
        return _read_passive(index, s, None, reference, anchors, loc) if first and index <= 3 else None
    if _speaks_of_future(s):
        return None
    passive = _read_passive(index, s, t, reference, anchors, loc)
    if passive is not None:
        return passive
    lex = _lexicon()
    rest_start = t.end()
    verb = lex["report_re"].search(s, rest_start)
    kind_m = lex["kind_re"].search(s, rest_start)
    if verb is None and (kind_m is None or not first):
        return None
    if verb is not None and lex["not_subject"].search(s, rest_start, verb.start()):
        return None
    when = _resolve_time(t, reference, anchors)
    subject_end = verb.start() if verb else kind_m.start()
    subject = s[rest_start:subject_end]
    location = None
    loc_m = _LOCATION.search(subject)
    if loc_m:
        location = canonical(loc_m.group(1))
        subject = subject[: loc_m.start()] + subject[loc_m.end():]
    # The event's name: the words after the verb, or from the event noun on.
    if verb and verb.group(0) in ("có buổi làm việc", "làm việc với", "thăm và làm việc với"):
        obj = s[verb.end():]
        name_text = "Buổi làm việc " + ("với " if not verb.group(0).endswith("với") else "với ") + obj.lstrip()
        if verb.group(0) == "có buổi làm việc":
            name_text = "Buổi làm việc" + (" của " + _clean_subject(subject) if _clean_subject(subject) else "") + obj
    else:
        name_text = s[verb.end():] if verb else s[kind_m.start():]
    cut = _NAME_CUT.search(name_text)
    name = (name_text[: cut.start()] if cut else name_text).strip(" ,.:;“”\"")
    name = _LEADING_TENSE.sub("", name)
    if not name:
        return None
    if name[0].islower() and name.split()[0] in ("hội", "kỳ", "buổi", "cuộc", "phiên", "lễ", "đại"):
        pass
    kind = _kind_of(name, s)
    organizers = _organizers(subject, loc) if verb and verb.group(0) not in ("chủ trì", "đồng chủ trì") else []
    name = _with_owner(canonical(name), organizers)
    return _Lede(index, when, name, kind, location, organizers)


# "... đã diễn ra", "... khai mạc", "... được tổ chức": a lede whose subject is the event itself.
_PASSIVE_VERB = re.compile(
    rf"\s+(?:đã\s+|vừa\s+|đang\s+)?(?:diễn ra|khai mạc|bế mạc|được tổ chức|được kết nối|được truyền hình trực tiếp)"
    rf"(?![{_LETTER}])"
)
_CLAUSE_BREAK = re.compile(r"[.;:]\s")
_PASSIVE_ORGANISER = re.compile(r"\s+do\s+(.+?)\s+(?:phối hợp\s+)?tổ chức\s*$")
_LEDE_OUTLET = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*-?\s*|[^\s,.;()]{1,20}(?:\s[^\s,.;()]{1,20})?\s+-\s+)?")


def _read_passive(index: int, s: str, t: re.Match | None, reference: date | None, anchors: _Anchors,
                  loc: Locality) -> _Lede | None:
    """A lede whose subject is the event: "[time,] Hội nghị X [do Y tổ chức | của Y] (đã) diễn ra
    [ngày D/M] [tại Z]". The name runs to "do"/"của"; Y organised it."""
    if not any(v in s for v in ("diễn ra", "khai mạc", "bế mạc", "được tổ chức", "được kết nối", "được truyền")):
        return None
    if t is None and _speaks_of_future(s):
        return None
    lex = _lexicon()
    start = t.end() if t is not None else _LEDE_OUTLET.match(s).end()
    while start < len(s) and s[start] in " ,":
        start += 1
    noun = lex["kind_re"].match(s, start)
    if noun is None or not s[start].isupper():
        return None
    verb = _PASSIVE_VERB.search(s, noun.end())
    if verb is None or _CLAUSE_BREAK.search(s, start, verb.start()):
        return None
    subject = s[start : verb.start()]
    organizers: list[str] = []
    by = _PASSIVE_ORGANISER.search(subject)
    if by:
        organizers = _organizers(by.group(1), loc)
        subject = subject[: by.start()]
    else:
        owner = _passive_owner(subject, loc)
        if owner is not None:
            subject, organizers = owner
    name = canonical(subject.strip(" ,"))
    tail = s[verb.end():].rstrip(" .;")
    when = None
    if t is not None:
        when = _resolve_time(t, reference, anchors)
    else:
        later = TIME_EXPR.match(tail.lstrip(" ,").removeprefix("vào ").removeprefix("trong "))
        if later is None:
            if index > 1:
                return None
        else:
            when = _resolve_time(later, reference, anchors)
    loc_m = _LOCATION.search(tail)
    location = canonical(loc_m.group(1)) if loc_m else None
    if name.lower() == noun.group(0).lower() and when is None:
        return None  # "Hội nghị đã diễn ra ...": too bare to be the lede
    return _Lede(index, when, _with_owner(name, organizers), _kind_of(name, s), location, organizers)


def _passive_owner(subject: str, loc: Locality) -> tuple[str, list[str]] | None:
    """"Hội nghị ... năm 2024 của Huyện ủy X": the body after the last "của" holds the event,
    unless it owns a document the name cites ("... quán triệt Nghị quyết số 57 của Bộ Chính trị")."""
    at = subject.rfind(" của ")
    if at < 0:
        return None
    head, body = subject[:at], subject[at + 5 :]
    if _lexicon()["document_re"].search(head):
        return None
    org = canonical_org(body.strip(" ,"), loc)
    if org is None:
        return None
    return head, [org.name]


_OWNERLESS_CONGRESS = re.compile(r"(?i:(đại hội(?:\s+đại biểu)?))\s+(?=(?i:lần thứ)\s)")


def _with_owner(name: str, organizers: list[str]) -> str:
    """"Đảng bộ X tổ chức Đại hội đại biểu lần thứ XXVI": the congress is Đảng bộ X's, and its
    name says so ("Đại hội đại biểu Đảng bộ X lần thứ XXVI")."""
    m = _OWNERLESS_CONGRESS.match(name)
    owner = next((o for o in organizers if o.startswith("Đảng bộ ")), None)
    if m is None or owner is None or len(organizers) != 1:
        return name
    return f"{m.group(1)} {owner} {name[m.end():]}"


_BY = re.compile(r"\s+do\s+")


def _clean_subject(subject: str) -> str:
    subject = _BY.split(subject, 1)[0]
    return subject.strip(" ,")


_ORG_SPLIT = re.compile(r"\s*,\s*|\s+và\s+|\s+phối hợp(?:\s+với)?\s+|\s+cùng\s+")
_TRAILING_AUXILIARY = re.compile(r"\s+(?:đã|sẽ|đang|phối hợp)\s*$")
_TERM_SUFFIX = re.compile(r"\s+(?:khóa|nhiệm kỳ)\s+.*$")


def _organizers(subject: str, loc: Locality) -> list[str]:
    subject = _TRAILING_AUXILIARY.sub("", _clean_subject(subject))
    names: list[str] = []
    # Each separator holds ",", "và", "phối hợp" or "cùng": a subject with none is one name.
    one_name = not any(word in subject for word in (",", "và", "phối hợp", "cùng"))
    for part in [subject] if one_name else _ORG_SPLIT.split(subject):
        part = _TERM_SUFFIX.sub("", part.strip(" ,"))
        if not part:
            continue
        org = canonical_org(part, loc)
        if org is not None and org.name not in names:
            names.append(org.name)
    return names


def find_meetings(
    sentences: list[str],
    normalised: list[str],
    mentions: list[list[Mention]],
    loc: Locality,
    published: str | None = None,
    url: str | None = None,
    paragraph_starts: set[int] | None = None,
) -> tuple[list[Meeting], list[int]]:
    """The article's meetings, and for each sentence the index of the meeting it is about (-1: none).

    ``sentences`` are the original sentences (evidence), ``normalised`` the same after
    ``persons.normalise_sentence``, ``mentions`` the people found in each.
    """
    paragraph_starts = paragraph_starts if paragraph_starts is not None else set(range(len(sentences)))
    anchors = _Anchors(normalised)
    base_reference = _iso(published) or url_month(url)
    ledes: list[_Lede] = []
    reference = base_reference
    for i, s in enumerate(normalised):
        dl = _dateline(s)
        if dl:
            reference = _safe_date(int(dl.group(3)), int(dl.group(2)), int(dl.group(1))) or reference
            continue
        if ledes and i not in paragraph_starts:
            continue
        lede = _read_lede(i, s, reference, anchors, loc, first=not ledes)
        if lede is not None:
            ledes.append(lede)
    owner = [-1] * len(sentences)
    if ledes:
        for k, lede in enumerate(ledes):
            end = ledes[k + 1].index if k + 1 < len(ledes) else len(sentences)
            for i in range(0 if k == 0 else lede.index, end):
                owner[i] = k
    meetings = [
        Meeting(name=l.name, kind=l.kind, date=l.date, location=l.location, main=(k == 0),
                organizers=l.organizers, evidence=[sentences[l.index]])
        for k, l in enumerate(ledes)
    ]
    roles = [roles_in_sentence(s, m) if m else [] for s, m in zip(normalised, mentions)]
    if not meetings and any(roles):
        fallback = _fallback_meeting(normalised, sentences, roles)
        if fallback is not None:
            meetings.append(fallback)
            owner = [0] * len(sentences)
    for i, pairs in enumerate(roles):
        if owner[i] < 0 or not pairs:
            continue
        meeting = meetings[owner[i]]
        for name, role in pairs:
            meeting.participants.append(Participation(person=name, role=role, evidence=sentences[i]))
    for k, meeting in enumerate(meetings):
        _tidy_roles(meeting)
        if meeting.location is None:
            for i, s in enumerate(normalised):
                if owner[i] == k and "điểm cầu" in s:
                    m = _AT_LINK_POINT.search(s)
                    if m:
                        meeting.location = canonical(m.group(1))
                        break
    return meetings, owner


_AT_LINK_POINT = re.compile(r"tại\s+(điểm cầu\s+[^,;.]{2,60}?)\s*(?:,|;|\.|$)")


def _fallback_meeting(normalised: list[str], sentences: list[str], roles: list[list[tuple[str, str]]]) -> Meeting | None:
    """No lede, but people chair, attend or speak: one main meeting named by the event noun."""
    lex = _lexicon()
    for i, pairs in enumerate(roles):
        if not pairs:
            continue
        m = lex["kind_re"].search(normalised[i])
        if m:
            noun = m.group(0)
            name = noun[0].upper() + noun[1:]
            return Meeting(name=name, kind=_kind_of(name, normalised[i]), date=None, main=True,
                           evidence=[sentences[i]])
    return None


def _tidy_roles(meeting: Meeting) -> None:
    """One participation per (person, role); a chair is not also listed as an attendee."""
    chairs = {p.person for p in meeting.participants if p.role == "chair"}
    seen: set[tuple[str, str]] = set()
    kept: list[Participation] = []
    for p in meeting.participants:
        key = (p.person, p.role)
        if key in seen or (p.role == "attendee" and p.person in chairs):
            continue
        seen.add(key)
        kept.append(p)
    meeting.participants = kept
