"""Organisations: canonical names, the locality an article is about, and the Party's hierarchy.

The genre names bodies in a small grammar: a unit ("Ban Tổ chức", "Ban Thường vụ", "Ủy ban Kiểm
tra", "Văn phòng", "Thường trực") of a committee ("Thành ủy Hà Nội", "Huyện ủy Chương Mỹ",
"Trung ương"), a party organisation ("Đảng bộ huyện Chương Mỹ", "Đảng ủy Khối ..."), a state body
("Hội đồng nhân dân tỉnh Quảng Nam"), a central body ("Bộ Chính trị") or a group ("Ban Chỉ đạo ...
của Thành ủy Hà Nội"). ``_Parser`` reads that grammar and knows each body's parent from the
Party's standard structure; the article's locality fills in what the text leaves implicit
("Thành ủy" in a Hà Nội article is Thành ủy Hà Nội). The lexicons live in ``loaders/data``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders import geo
from loaders.records import Document, Organization
from loaders.textnorm import canonical, clean_text, fold

_DATA = Path(__file__).parent / "data"
CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương"
REFORM_DATE = "2025-07-01"  # districts abolished, provinces merged


@dataclass
class Locality:
    """What an article is about: its province and district (short names), for implicit names."""

    province: str | None = None
    district: str | None = None
    published: str | None = None  # ISO date; before REFORM_DATE districts still exist
    # Full names the article itself gives for bodies it later names short
    # ("Đảng ủy Khối" -> "Đảng ủy Khối các cơ quan thành phố Hà Nội"), keyed by fold().
    known: dict[str, str] = field(default_factory=dict)

    @property
    def post_2025(self) -> bool:
        return bool(self.published and self.published >= REFORM_DATE)


# --- lexicons -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    kinds = json.loads((_DATA / "org_kinds.json").read_text(encoding="utf-8"))
    central = json.loads((_DATA / "central_bodies.json").read_text(encoding="utf-8"))["bodies"]
    return {"kinds": kinds, "central": central}


def central_bodies() -> list[dict]:
    """The central bodies (name, kind, parent, aliases) from loaders/data/central_bodies.json."""
    return _lexicon()["central"]


def _ci(phrase: str) -> str:
    """Regex for ``phrase`` whose first letter keeps its case and the rest is case-insensitive."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    first, rest = body[0], body[1:]
    return first + (f"(?i:{rest})" if rest else "")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = _lexicon()
    kinds = lex["kinds"]
    central: dict[str, dict] = {}
    for body in lex["central"]:
        for alias in [body["name"], *body["aliases"]]:
            central[fold(alias)] = body
    # Names scanned in running text (the bare "Trung ương" is a committee only inside a title).
    scan_aliases = sorted(
        {a for b in lex["central"] for a in [b["name"], *b["aliases"]] if fold(a) not in ("trung uong", "trung uong dang")},
        key=len, reverse=True,
    )
    units = sorted(kinds["units"], key=lambda u: len(u["name"]), reverse=True)
    groups = kinds["groups"]
    state = sorted(kinds["state_bodies"], key=lambda s: len(s["name"]), reverse=True)
    committees = kinds["committees"]
    named = kinds["named_heads"]
    phrases = [u["name"] for u in units] + [s["name"] for s in state] + [g["name"] for g in groups]
    phrases += [c["head"] for c in committees] + [n["head"] for n in named] + scan_aliases
    capitalise = sorted(set(phrases), key=len, reverse=True)
    extra = sorted(kinds["extra_abbreviations"].items(), key=lambda kv: len(kv[0]), reverse=True)
    letter = r"0-9A-Za-zÀ-ỹĐđ"
    return {
        "central": central,
        "central_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(a) for a in scan_aliases), letter)),
        "units": units,
        "unit_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(u["name"]) for u in units), letter)),
        "groups": groups,
        "group_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(g["name"]) for g in groups), letter)),
        "state": state,
        "state_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(s["name"]) for s in state), letter)),
        "committees": {c["head"]: c for c in committees},
        "committee_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(c["head"]) for c in committees), letter)),
        "named": {n["head"]: n for n in named},
        "named_re": re.compile(r"(?:%s)(?![%s])" % ("|".join(_ci(n["head"]) for n in named), letter)),
        # Re-case only phrases the article already starts with a capital ("Ban thường vụ").
        "capitalise": [(re.compile(r"(?<![%s])%s(?![%s])" % (letter, _ci(p), letter)), p) for p in capitalise if " " in p],
        "extra": [(re.compile(r"(?<![%s/\-.])%s(?![%s])" % (letter, re.escape(a), letter)), full) for a, full in extra],
        "level_words": kinds["level_words"],
        "level_re": re.compile(r"(?i:(thành phố|thị trấn|thị xã|tỉnh|huyện|quận|xã|phường))(?![%s])" % letter),
        "khoi_re": re.compile(
            r"Khối\s+(?i:((?:các\s+)?(?:cơ quan(?:\s+và\s+doanh nghiệp)?|doanh nghiệp|dân chính đảng)(?:\s+đảng)?))(?![%s])" % letter
        ),
        "generic_after": re.compile(r"^\s*(?:%s)(?![%s])" % ("|".join(map(re.escape, kinds["generic_after"])), letter)),
        "head_re": re.compile(
            "|".join(
                "(?:%s)" % p
                for p in [
                    r"(?:%s)" % "|".join(_ci(a) for a in scan_aliases),
                    r"(?:%s)" % "|".join(_ci(u["name"]) for u in units),
                    r"(?:%s)" % "|".join(_ci(g["name"]) for g in groups),
                    r"(?:%s)" % "|".join(_ci(s["name"]) for s in state),
                    r"(?:%s)" % "|".join(_ci(c["head"]) for c in committees),
                    r"(?:%s)" % "|".join(_ci(n["head"]) for n in named),
                ]
            )
            + r"(?![%s])" % letter
        ),
    }


def normalise_org_text(text: str) -> str:
    """Canonical spelling of an organisation phrase: textnorm.canonical, the lexicon's own
    abbreviations ("DNTW", "UBKT"), and standard capitalisation ("Ban thường vụ" -> "Ban Thường vụ")."""
    p = _patterns()
    text = canonical(text)
    for pattern, full in p["extra"]:
        text = pattern.sub(full, text)
    for pattern, phrase in p["capitalise"]:
        text = pattern.sub(phrase, text)
    text = re.sub(r"(?<![\w])(?i:đoàn\s+đại\s+biểu\s+Quốc\s+hội)(?=\s+(?:tỉnh|thành phố|Thành phố))", "Đoàn đại biểu Quốc hội", text)
    return text


# --- parsing ------------------------------------------------------------------------------------


@dataclass
class _Parsed:
    name: str
    kind: str
    level: str | None
    locality: str | None
    parent: "_Parsed | None"
    end: int = 0
    complete: bool = True  # False for a bare unit ("Ban Thường vụ") whose committee is implicit
    unit: str | None = None  # the unit phrase of a unit-of-body ("Ban Tổ chức")
    base: "_Parsed | None" = None  # the body a unit belongs to

    def to_org(self, evidence: str | None = None) -> Organization:
        return Organization(
            name=self.name, kind=self.kind, level=self.level, locality=self.locality,
            parent=self.parent.name if self.parent else None,
            evidence=[evidence] if evidence else [],
        )


def _central(name: str) -> _Parsed | None:
    body = _patterns()["central"].get(fold(name))
    if body is None:
        return None
    parent = _central(body["parent"]) if body["parent"] else None
    return _Parsed(body["name"], body["kind"], "central", None, parent)


def _province_committee(province: str | None, loc: Locality) -> _Parsed | None:
    if not province:
        return None
    head = "Thành ủy" if geo.province_kind(province) == "thành phố" else "Tỉnh ủy"
    name = f"{head} {geo.committee_place(province)}"
    return _Parsed(name, "party committee", "provincial", province, _central(CENTRAL_COMMITTEE))


def _province_party_org(province: str | None) -> _Parsed | None:
    if not province:
        return None
    kind_word = geo.province_kind(province) or "tỉnh"
    return _Parsed(_with_place(f"Đảng bộ {kind_word}", province), "party organisation", "provincial", province, None)


def _with_place(prefix: str, place: str) -> str:
    """"Hội đồng nhân dân thành phố" + "Hồ Chí Minh" -> "Hội đồng nhân dân Thành phố Hồ Chí Minh"."""
    shown = geo.committee_place(place)
    words = prefix.split()
    if shown.lower().startswith(("thành phố ", "tỉnh ")):
        level = shown.split()[0].lower()
        if len(words) > 1 and words[-1].lower() == level or (len(words) > 2 and " ".join(words[-2:]).lower() == "thành phố"):
            prefix = prefix[: prefix.lower().rfind(level)].rstrip()
    return f"{prefix} {shown}".strip()


class _Parser:
    """Reads one organisation name starting at a position of a normalised text."""

    def __init__(self, text: str, loc: Locality, whole: bool = False) -> None:
        self.text = text
        self.loc = loc
        self.whole = whole  # the text is one name (canonical_org), not running text
        self.p = _patterns()

    # place right after a head: "Thành ủy| Hà Nội", "Hội đồng nhân dân| tỉnh Quảng Nam"
    def _place_after(self, head_start: int, pos: int) -> tuple[str | None, str | None, str | None, int]:
        """(level word, place short name, place level, end) for the place following ``pos``."""
        text = self.text
        m = re.match(r"\s+", text[pos:])
        q = pos + (m.end() if m else 0)
        level_word = None
        lm = self.p["level_re"].match(text, q)
        if lm:
            level_word = lm.group(1).lower()
        window_start = head_start
        places = geo.find_places(text[window_start : q + 70], self.loc.province)
        for place in places:
            if place.start + window_start == q:
                return None, place.name, place.level, place.end + window_start
            if lm and place.start + window_start == lm.end() + 1:
                lvl = self.p["level_words"].get(level_word)
                return level_word, place.name, place.level if lvl != "grassroots" else "grassroots", place.end + window_start
        if lm:
            if level_word in ("xã", "phường", "thị trấn"):
                # A commune is named by the capitalised words after it.
                cm = re.match(rf"\s+((?:[{geo.UPPER}][\wÀ-ỹ]*)(?:\s+[{geo.UPPER}][\wÀ-ỹ]*){{0,3}})", text[lm.end():])
                if cm:
                    return level_word, cm.group(1), "grassroots", lm.end() + cm.end()
            return level_word, None, None, lm.end()
        return None, None, None, pos

    def _implicit_place(self, level_word: str | None, head_kind: str | None) -> tuple[str | None, str | None]:
        """The article's province or district that fits a bare head ("Huyện ủy", "HĐND tỉnh")."""
        loc = self.loc
        want = head_kind or level_word
        pkind = geo.province_kind(loc.province)
        dinfo = geo.district_info(loc.district, loc.province) if loc.district else None
        if want in ("tỉnh",) and pkind == "tỉnh":
            return loc.province, "province"
        if want == "thành phố":
            if pkind == "thành phố":
                return loc.province, "province"
            if dinfo and dinfo.kind == "thành phố":
                return loc.district, "district"
            return None, None
        if want in ("huyện", "quận", "thị xã") and dinfo and dinfo.kind == want:
            return loc.district, "district"
        if want is None and loc.province:
            return loc.province, "province"
        return None, None

    def _parent_committee_of_district(self, district: str) -> _Parsed | None:
        province = geo.district_province(district, self.loc.province)
        if province and self.loc.post_2025:
            province = geo.province_2025(province) or province
        return _province_committee(province, self.loc)

    # -- the grammar --
    def parse(self, pos: int) -> _Parsed | None:
        for parser in (self._central_at, self._group_at, self._unit_at, self._committee_at, self._khoi_at,
                       self._state_at, self._named_at):
            result = parser(pos)
            if result is not None:
                return result
        return None

    def _central_at(self, pos: int) -> _Parsed | None:
        m = self.p["central_re"].match(self.text, pos)
        if not m:
            return None
        parsed = _central(m.group(0))
        if parsed is None:
            return None
        # "Đảng ủy Khối ..." or "Ban X ..." that continues past a central alias is not that alias.
        parsed.end = m.end()
        return parsed

    def _committee_at(self, pos: int) -> _Parsed | None:
        m = self.p["committee_re"].match(self.text, pos)
        if not m:
            return None
        head = next(h for h in self.p["committees"] if fold(h) == fold(m.group(0)))
        spec = self.p["committees"][head]
        level_word, place, place_level, end = self._place_after(pos, m.end())
        if level_word and not place:
            end = m.end()
        if place is None:
            place, place_level = self._implicit_place(None, spec["place_kind"])
            end = m.end() if place is None else end
            if place is None:
                end = m.end()
        if place is None:
            level = spec["level"]
            parent = _central(CENTRAL_COMMITTEE) if level == "provincial" else _province_committee(self.loc.province, self.loc)
            if level == "provincial" and head == "Thành ủy" and geo.province_kind(self.loc.province) == "tỉnh":
                level, parent = "district", _province_committee(self.loc.province, self.loc)
            return _Parsed(head, "party committee", level, None, parent, max(end, m.end()))
        if place_level == "province":
            return _Parsed(f"{head} {geo.committee_place(place)}", "party committee", "provincial", place,
                           _central(CENTRAL_COMMITTEE), end)
        parent = self._parent_committee_of_district(place)
        return _Parsed(f"{head} {place}", "party committee", "district", place, parent, end)

    def _khoi_at(self, pos: int) -> _Parsed | None:
        m = re.compile(r"Đảng\s+(?i:(ủy|bộ))\s+").match(self.text, pos)
        if not m:
            return None
        km = self.p["khoi_re"].match(self.text, m.end())
        is_committee = m.group(1).lower() == "ủy"
        head = "Đảng ủy" if is_committee else "Đảng bộ"
        if not km:
            if self.text.startswith("Khối", m.end()):
                # Bare "Đảng ủy Khối": the article's own full name for it, if it gave one.
                full = self.loc.known.get(fold(head + " Khối"))
                end = m.end() + len("Khối")
                if full:
                    return self._finish_khoi(full, end)
                return _Parsed(f"{head} Khối", "party committee" if is_committee else "party organisation", None, None, None, end)
            return None
        desc = km.group(1)
        after = km.end()
        tm = re.compile(r"\s+Trung\s+ương").match(self.text, after)
        if tm:
            name = f"{head} Khối {desc} Trung ương"
            central = _central(name)
            parent = central.parent if central else (_central(CENTRAL_COMMITTEE) if is_committee else None)
            return _Parsed(central.name if central else name, "party committee" if is_committee else "party organisation",
                           "central", None, parent, tm.end())
        level_word, place, place_level, end = self._place_after(pos, after)
        if place is None:
            full = self.loc.known.get(fold(f"{head} Khối {desc}"))
            if full:
                return self._finish_khoi(full, after)
            place, place_level = self._implicit_place(level_word, level_word)
            end = end if level_word else after
            if place is None:
                return _Parsed(f"{head} Khối {desc}", "party committee" if is_committee else "party organisation", None, None, None, after)
            level_word = geo.province_kind(place)
        if not level_word:
            level_word = geo.province_kind(place) or "tỉnh"
        name = _with_place(f"{head} Khối {desc} {level_word}", place)
        return self._finish_khoi(name, end, place)

    def _finish_khoi(self, name: str, end: int, place: str | None = None) -> _Parsed:
        is_committee = name.startswith("Đảng ủy")
        if place is None:
            found = geo.find_places(name, self.loc.province)
            place = found[-1].name if found else self.loc.province
        if "Trung ương" in name:
            central = _central(name)
            return _Parsed(name, "party committee" if is_committee else "party organisation", "central", None,
                           central.parent if central else (_central(CENTRAL_COMMITTEE) if is_committee else None), end)
        parent = _province_committee(place, self.loc) if is_committee else _province_party_org(place)
        return _Parsed(name, "party committee" if is_committee else "party organisation", "provincial", place, parent, end)

    def _state_at(self, pos: int) -> _Parsed | None:
        m = self.p["state_re"].match(self.text, pos)
        if not m:
            return None
        spec = next(s for s in self.p["state"] if fold(s["name"]) == fold(m.group(0)))
        head = spec["name"]
        level_word, place, place_level, end = self._place_after(pos, m.end())
        if place is None and level_word is None:
            # "Đoàn đại biểu Quốc hội" alone is not a local body; others need a level word.
            return None
        if place is None:
            place, place_level = self._implicit_place(level_word, level_word)
            if place is None:
                return _Parsed(f"{head} {level_word}", spec["kind"], _level_of(level_word), None, None, end)
        if level_word is None:
            level_word = geo.province_kind(place) if place_level == "province" else None
            if level_word is None:
                d = geo.district_info(place, self.loc.province)
                level_word = d.kind if d else ""
        level = "provincial" if place_level == "province" else ("grassroots" if place_level == "grassroots" else "district")
        return _Parsed(_with_place(f"{head} {level_word}".strip(), place), spec["kind"], level, place, None, end)

    def _unit_at(self, pos: int) -> _Parsed | None:
        m = self.p["unit_re"].match(self.text, pos)
        if not m:
            return None
        spec = next(u for u in self.p["units"] if fold(u["name"]) == fold(m.group(0)))
        unit = spec["name"]
        rest = m.end()
        cm = re.compile(r"\s+của\s+").match(self.text, rest)
        ws = re.compile(r"\s+").match(self.text, rest)
        joiner = " "
        start = rest
        if cm:
            start, joiner = cm.end(), " của "
        elif ws:
            start = ws.end()
        # "Ban Tổ chức Trung ương", "Văn phòng Trung ương Đảng": a central commission.
        tm = re.compile(r"Trung\s+ương(\s+Đảng)?(?![\wÀ-ỹ])").match(self.text, start)
        if tm and not cm:
            name = f"{unit} Trung ương"
            central = _central(name) or _central(name + " Đảng")
            if central:
                central.end = tm.end()
                return central
            return _Parsed(name, spec["kind"], "central", None, _central(CENTRAL_COMMITTEE), tm.end())
        base = self.parse(start) if start < len(self.text) else None
        if base is None or not base.complete:
            return _Parsed(unit, spec["kind"], None, None, None, m.end(), complete=False, unit=unit)
        if unit == "Ban Chấp hành" and base.kind == "party organisation":
            # The executive committee of a party organisation is its committee: same parent.
            committee = self._committee_for_party_org(base)
            return _Parsed(f"{unit} {base.name}", "party committee", base.level, base.locality,
                           committee.parent if committee else None, base.end, unit=unit, base=base)
        name = f"{unit}{joiner}{base.name}"
        return _Parsed(name, spec["kind"], base.level, base.locality, base, base.end, unit=unit, base=base)

    def _committee_for_party_org(self, org: _Parsed) -> _Parsed | None:
        if org.level == "provincial" and org.locality and not org.name.startswith(("Đảng bộ Khối",)):
            return _province_committee(org.locality, self.loc)
        if org.level == "district" and org.locality:
            return _Parsed("", "party committee", "district", org.locality, self._parent_committee_of_district(org.locality))
        if org.level == "provincial" and org.locality is None:
            return _Parsed("", "party committee", "provincial", None, _central(CENTRAL_COMMITTEE))
        return None

    def _group_at(self, pos: int) -> _Parsed | None:
        m = self.p["group_re"].match(self.text, pos)
        if not m:
            return None
        spec = next(g for g in self.p["groups"] if fold(g["name"]) == fold(m.group(0)))
        # The group's name runs to "của <body>" (inclusive) or to the clause's end.
        tail = self.text[m.end():]
        stop = None if self.whole else re.search(r"[;:.()\"“”]|,\s|\s-\s|\s(?:do|đã|sẽ|đang|được|tổ chức|họp|làm việc|chủ trì|tiến hành|với|tại|và\s+các|cho|trong|gồm|có|ngày|lần|nhiệm kỳ|năm)\s", tail)
        clause = tail[: stop.start()] if stop else tail
        if not self.whole:
            word_ends = [w.end() for w in re.finditer(r"\S+", clause)]
            if len(word_ends) > 14:
                clause = clause[: word_ends[13]]
        parent = None
        end = m.end() + len(clause.rstrip())
        of = re.search(r"\scủa\s+", clause)
        if of:
            sub_start = m.end() + of.end()
            base = self.parse(sub_start)
            if base is not None and base.complete:
                parent = base
                end = base.end
                name = re.sub(r"\s+", " ", self.text[pos : m.end() + of.start()]).strip() + " của " + base.name
                if self.whole:  # "Ban Chỉ đạo của Thành ủy X về ..." keeps its subject
                    name = (name + " " + self.text[end:].strip()).strip()
                    end = len(self.text)
                return _Parsed(name, spec["kind"], base.level, base.locality, base, end)
            elif self.text.startswith("Đảng", sub_start):
                end = sub_start + 4  # "... của Đảng" (the Party itself)
            else:
                end = m.end() + of.start()
        name = re.sub(r"\s+", " ", self.text[pos:end]).strip(" ,")
        return _Parsed(name, spec["kind"], parent.level if parent else None, parent.locality if parent else None, parent, end)

    def _named_at(self, pos: int) -> _Parsed | None:
        m = self.p["named_re"].match(self.text, pos)
        if not m:
            return None
        head = next(h for h in self.p["named"] if fold(h) == fold(m.group(0)))
        spec = self.p["named"][head]
        if head == "Đảng bộ":
            level_word, place, place_level, end = self._place_after(pos, m.end())
            if level_word in ("tỉnh", "thành phố", "huyện", "quận", "thị xã"):
                if place is None:
                    place, place_level = self._implicit_place(level_word, level_word)
                if place is None:
                    lvl = "provincial" if level_word in ("tỉnh",) else ("district" if level_word in ("huyện", "quận", "thị xã") else None)
                    return _Parsed(f"Đảng bộ {level_word}", "party organisation", lvl, None, None, lm_end(self.text, m.end()))
                if place_level == "province":
                    kw = geo.province_kind(place) or level_word
                    return _Parsed(_with_place(f"Đảng bộ {kw}", place), "party organisation", "provincial", place, None, end)
                province = geo.district_province(place, self.loc.province)
                return _Parsed(f"Đảng bộ {level_word} {place}", "party organisation", "district", place,
                               _province_party_org(province), end)
        # "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh X": a party organisation of a named body.
        ws = re.compile(r"\s+").match(self.text, m.end())
        if ws and head in ("Đảng ủy", "Đảng bộ", "Chi bộ"):
            inner = self.parse(ws.end())
            if inner is not None and inner.complete and inner.kind != "party committee":
                return _Parsed(f"{head} {inner.name}", spec["kind"], inner.level, inner.locality, None, inner.end)
        # A proper name: capitalised words (with "và", "-" and a commune's kind word inside).
        # One lower-case word may sit between capitalised ones ("Tập đoàn Hóa chất Việt Nam").
        words = list(re.finditer(rf"\s+(?:(và|-|xã|phường|thị trấn|tỉnh|thành phố|huyện|(?!(?:tại|dự|họp|của|với|về|do|đã|có|là|cho|các|trong|ngày)\s)[{geo.LOWER}]+)\s+)?([{geo.UPPER}][\wÀ-ỹ]*|\d+)", self.text[m.end():]))
        end = m.end()
        taken: list[str] = []
        for w in words:
            if w.start() != end - m.end():
                break
            taken.append(w.group(0).strip())
            end = m.end() + w.end()
        if not taken:
            return None
        if len(taken) == 1 and not taken[0].isupper() and re.match(rf"\s+[{geo.LOWER}]", self.text[end:]):
            return None  # "Đảng ủy Tập| đoàn": a compound word cut in half, not a name
        name_words = " ".join(taken)
        name_words = _drop_trailing_person(name_words)
        if not name_words:
            return None
        end = m.end() + len(" " + name_words)  # approximate when spaces were squashed
        name = f"{head} {name_words}"
        level = "grassroots" if re.match(r"(xã|phường|thị trấn)\s", name_words) or head == "Chi bộ" else None
        return _Parsed(name, spec["kind"], level, None, None, end)


def lm_end(text: str, pos: int) -> int:
    m = re.compile(r"\s+\S+").match(text, pos)
    return m.end() if m else pos


def _level_of(level_word: str | None) -> str | None:
    lvl = _patterns()["level_words"].get(level_word or "")
    return {"province": "provincial", "district": "district", "grassroots": "grassroots"}.get(lvl or "")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    lines = (_DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(clean_text(s.strip()) for s in lines if s.strip() and not s.startswith("#"))


def _drop_trailing_person(words: str) -> str:
    """"Tập đoàn Hóa chất Việt Nam Phùng Quang Hiệp" -> "Tập đoàn Hóa chất Việt Nam"."""
    parts = words.split()
    surnames = _surnames()
    for i in range(1, len(parts)):
        if parts[i] in surnames and 2 <= len(parts) - i <= 4 and parts[i - 1] not in surnames:
            if geo.find_places(" ".join(parts[i:])):
                continue
            return " ".join(parts[:i])
    return words


# --- public API ---------------------------------------------------------------------------------


def canonical_org(text: str, loc: Locality | None = None) -> Organization | None:
    """Canonical Organization for a mention ("Ban tổ chức Thành ủy" -> "Ban Tổ chức Thành ủy Hà
    Nội", parent "Thành ủy Hà Nội"); None for generic groups and unknown phrases."""
    parsed = parse_org(text, loc)
    return parsed.to_org() if parsed else None


def parse_org(text: str, loc: Locality | None = None) -> _Parsed | None:
    loc = loc or Locality()
    norm = normalise_org_text(text).strip(" ,.;:")
    if not norm or _is_generic(norm):
        return None
    central = _central(norm)
    if central:
        return central
    parsed = _Parser(norm, loc, whole=True).parse(0)
    if parsed is None or not parsed.complete:
        return None
    return parsed


def _is_generic(norm: str) -> bool:
    low = norm.lower()
    return low.startswith(("các ", "những ")) or " các cấp" in low or low.endswith((" trực thuộc", " cơ sở")) and "dân chủ" not in low


def ancestors(org: Organization | str, loc: Locality | None = None) -> list[Organization]:
    """Bodies above ``org`` in the Party's structure, nearest first."""
    name = org if isinstance(org, str) else org.name
    parsed = parse_org(name, loc)
    chain: list[Organization] = []
    node = parsed.parent if parsed else None
    seen: set[str] = set()
    while node is not None and node.name not in seen:
        seen.add(node.name)
        chain.append(node.to_org())
        node = node.parent
    return chain


def with_ancestors(org: Organization, loc: Locality | None = None) -> list[Organization]:
    """``org`` followed by every body above it (convenient for filling Extraction.organizations)."""
    return [org, *ancestors(org, loc)]


def named_inside(org: Organization | str, loc: Locality | None = None) -> list[Organization]:
    """Bodies whose names are part of ``org``'s name, nearest first: "Ban Tổ chức Thành ủy Hà Nội"
    -> [Thành ủy Hà Nội]. Articles name these, so an extractor lists them; bodies above them
    (Ban Chấp hành Trung ương) are parents only."""
    name = org if isinstance(org, str) else org.name
    parsed = parse_org(name, loc)
    found: list[Organization] = []
    node = parsed
    while node is not None and node.base is not None:
        if node.unit == "Ban Chấp hành" and node.base.kind == "party organisation":
            break  # "Ban Chấp hành Đảng bộ tỉnh X" names the committee, not a separate body
        node = node.base
        found.append(node.to_org())
    if parsed is not None and parsed.base is None and parsed.parent is not None and parsed.parent.name in name:
        found.append(parsed.parent.to_org())  # "Đoàn kiểm tra ... của Ban Thường vụ Thành ủy X"
    return found


def find_organizations(sentence: str, loc: Locality | None = None) -> list[tuple[Organization, str]]:
    """Organisation mentions in running text, as (Organization, matched text in normalised form).

    Generic groups ("các Huyện ủy", "HĐND các cấp", "Ban Tổ chức các cấp ủy trực thuộc") and bare
    units whose body is not named are skipped. Matched text is from the normalised sentence
    (abbreviations expanded), since expansion shifts offsets.
    """
    loc = loc or Locality()
    p = _patterns()
    norm = normalise_org_text(sentence)
    parser = _Parser(norm, loc)
    found: list[tuple[Organization, str]] = []
    pos = 0
    while True:
        m = p["head_re"].search(norm, pos)
        if not m:
            break
        start = m.start()
        parsed = parser.parse(start)
        if parsed is None or not parsed.complete or parsed.end <= start:
            pos = m.end()
            continue
        if parsed.unit == "Thường trực" and _ROLE_BEFORE.search(norm[max(0, start - 30) : start]):
            # "Phó Bí thư Thường trực Tỉnh ủy": part of a role, the body is what follows.
            pos = m.end()
            continue
        if _unresolved_generic(parsed):
            pos = max(parsed.end, m.end())
            continue
        before = norm[max(0, start - 12) : start].lower()
        after = norm[parsed.end : parsed.end + 30]
        generic = (re.search(r"(các|những|mỗi|từng)\s+$", before) or p["generic_after"].match(after)
                   or re.match(r"\s+\d+\s+(tỉnh|thành phố|huyện|quận|xã|phường)", after))
        if parsed.name == "Quốc hội" and re.search(r"(?i:đại biểu)\s+$", before) and re.match(r"\s+(tỉnh|thành phố)", after):
            generic = True  # "đoàn đại biểu Quốc hội tỉnh": the delegation, read at "đoàn"
        if not generic:
            evidence = sentence
            found.append((parsed.to_org(evidence), norm[start : parsed.end]))
        pos = max(parsed.end, m.end())
    return found


_ROLE_BEFORE = re.compile(r"(?i:bí thư|chủ tịch|trưởng ban|chủ nhiệm|thứ trưởng|thủ tướng|giám đốc|trưởng)\s+$")


def _unresolved_generic(parsed: _Parsed) -> bool:
    """A district committee or commune body with no name in running text is a generic mention
    ("các Quận ủy, Thị ủy", "UBND xã")."""
    node = parsed
    while node.base is not None:
        node = node.base
    if node.locality is None and node.level in ("district", "grassroots"):
        return True
    return False


_PART_OF_LINK = re.compile(r"^[\s,]*(?:là\s+(?:1|một)\s+trong\s+[\w\s]*?\s+)?(?:trực\s+thuộc|thuộc)\s+$", re.IGNORECASE)


def find_part_of_statements(sentence: str, loc: Locality | None = None) -> list[tuple[Organization, Organization]]:
    """(child, parent) pairs the text states: "X là 1 trong 50 đảng bộ ... thuộc Đảng bộ TP",
    "X trực thuộc Y"."""
    loc = loc or Locality()
    norm = normalise_org_text(sentence)
    mentions = find_organizations(sentence, loc)
    pairs: list[tuple[Organization, Organization]] = []
    # Locate each mention in the normalised text again to read what lies between neighbours.
    spans = []
    cursor = 0
    for org, written in mentions:
        i = norm.find(written, cursor)
        if i < 0:
            continue
        spans.append((org, i, i + len(written)))
        cursor = i + len(written)
    for (a, _, a_end), (b, b_start, _) in zip(spans, spans[1:]):
        between = norm[a_end:b_start]
        if len(between) < 120 and _PART_OF_LINK.match(between):
            pairs.append((a, b))
    return pairs


# --- locality of an article ---------------------------------------------------------------------

_COMMITTEE_CUE = re.compile(r"(Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|điểm cầu|tỉnh|thành phố|huyện|quận|thị xã)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _outlets() -> dict[str, dict]:
    path = _DATA / "outlets.json"
    return json.loads(path.read_text(encoding="utf-8"))["outlets"] if path.exists() else {}


def resolve_locality(doc: Document) -> Locality:
    """The province and district the article is about: explicit committee and place names in the
    title and lede weigh most, then the rest of the text, then the outlet; a district implies its
    province (the 2025 province for articles after the reform)."""
    published = doc.meta.published
    province_votes: Counter[str] = Counter()
    district_votes: Counter[tuple[str, str | None]] = Counter()
    title = doc.meta.title or ""
    paragraphs = [title, *doc.paragraphs] if title else list(doc.paragraphs)
    for index, para in enumerate(paragraphs):
        weight = 3 if index < 2 else 1
        for place in geo.find_places(para):
            w = weight * (2 if place.explicit else 1)
            if place.level == "province":
                province_votes[place.name] += w
            else:
                district_votes[(place.name, place.province)] += w
                if not place.province:
                    for cand in place.candidates:
                        province_votes[cand] += 0  # known, not voted
    url_province, url_district = _places_in_url(doc.meta.url)
    if url_province:
        province_votes[url_province] += 4
    if url_district:
        district_votes[(url_district, url_province)] += 4
    outlet = _outlets().get((doc.meta.outlet or "").strip())
    if outlet and outlet.get("province"):
        province_votes[outlet["province"]] += 2
    province = province_votes.most_common(1)[0][0] if province_votes else None
    district = None
    if district_votes:
        # Only a district named as explicitly as the province counts as the article's own.
        ranked = sorted(district_votes.items(), key=lambda kv: -kv[1])
        for (name, dprov), votes in ranked:
            owner = geo.district_province(name, province)
            if owner is None:
                continue
            if province is None or geo.province_info(owner) == geo.province_info(province):
                if votes >= 2:
                    district = name
                    province = province or owner
                break
    if province and published and published >= REFORM_DATE:
        province = geo.province_2025(province) or province
        district = None
    loc = Locality(province=province, district=district, published=published)
    loc.known = _known_full_names(doc, loc)
    return loc


_URL_PREFIXES = ("bao", "tinhuy", "thanhuy", "huyenuy", "dangbo", "cong", "www")


def _places_in_url(url: str | None) -> tuple[str | None, str | None]:
    """Province and district spelled in a site address: "kimthanh.haiduong.gov.vn",
    "baothainguyen.vn", "tuyphong.binhthuan.dcs.vn"."""
    if not url:
        return None, None
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    labels = [label for label in host.split(".") if label not in ("vn", "gov", "com", "org", "dcs", "net", "www")]
    g = geo.gazetteer()
    province = None
    district_keys: list[str] = []
    for label in labels:
        keys = [label] + [label[len(p):] for p in _URL_PREFIXES if label.startswith(p) and len(label) > len(p) + 3]
        hit = next((g.province_by_key[k] for k in keys if k in g.province_by_key), None)
        if hit and province is None:
            province = hit
        else:
            district_keys.extend(k for k in keys if k in g.districts)
    district = None
    for key in district_keys:
        options = g.districts[key]
        chosen = [d for d in options if province and geo.province_info(d.province) == geo.province_info(province)]
        if not chosen and len({d.province for d in options}) == 1:
            chosen = options
        if chosen:
            district = chosen[0].name
            province = province or chosen[0].province
            break
    return province, district


def _known_full_names(doc: Document, loc: Locality) -> dict[str, str]:
    """Full names of bodies the article later shortens ("Đảng ủy Khối các cơ quan thành phố Hà Nội")."""
    known: dict[str, str] = {}
    text = normalise_org_text(doc.text)
    for m in re.finditer(rf"Đảng\s+(?:ủy|bộ)\s+Khối\s+[^,.;:()]{{3,60}}?\s+(?:tỉnh|thành phố)\s+[{geo.UPPER}][\wÀ-ỹ]*(?:\s+[{geo.UPPER}][\wÀ-ỹ]*){{0,3}}", text):
        full = re.sub(r"\s+", " ", m.group(0))
        places = geo.find_places(full)
        if not places:
            continue
        full = full[: places[-1].end]
        head = "Đảng ủy" if full.startswith("Đảng ủy") else "Đảng bộ"
        other = "Đảng bộ" if head == "Đảng ủy" else "Đảng ủy"
        for key_head, value in ((head, full), (other, other + full[len(head):])):
            known.setdefault(fold(key_head + " Khối"), value)
            desc = re.match(r"Đảng\s+(?:ủy|bộ)\s+Khối\s+(.*?)\s+(?:tỉnh|thành phố)\s", value)
            if desc:
                known.setdefault(fold(f"{key_head} Khối {desc.group(1)}"), value)
    return known


def looks_like_org_or_place(text: str) -> bool:
    """True for "Thành ủy Hà Nội", "Chương Mỹ", "Ban Tổ chức", "HĐND huyện": not a person's name."""
    norm = normalise_org_text(text).strip()
    if not norm:
        return False
    if _patterns()["head_re"].match(norm) or re.match(r"(?i)(Bộ|Sở|Ban|Ủy ban|Hội đồng|Văn phòng|Đoàn|Mặt trận|Công an|Quân)\s", norm):
        return True
    if geo.province_info(norm) is not None or geo.districts_named(norm):
        first = norm.split()[0]
        return first not in _surnames() or len(norm.split()) <= 2
    return bool(re.search(r"(?i)\b(tỉnh|huyện|quận|thành phố|xã|phường)\b", norm))
