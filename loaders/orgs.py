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
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from loaders import geo
from loaders.records import Document, Organization
from loaders.textnorm import (
    ABBREVIATIONS, canonical, clean_text, cleaning_keeps_offsets, fold, single_spaces, squash_spaces,
)
from loaders import textnorm as _textnorm

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
    # The district's kind as the article writes it ("Huyện ủy Mộc Châu": huyện), which may
    # predate the gazetteer's; None: the gazetteer's kind.
    district_kind: str | None = None
    # The commune or ward the article is about ("Đảng bộ xã Tân Lợi"): (kind word, name).
    commune: tuple[str, str] | None = None

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


class LazyPattern:
    """A regex compiled on first use. The re-casing lexicons hold over a hundred patterns, each
    with the Vietnamese letter class twice (slow to compile), and an article needs a few."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def sub(self, repl: str, text: str) -> str:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled.sub(repl, text)


class BoundedPhrase:
    """``(?<![not_before])body(?![not_after])`` where both classes are single characters checked
    in Python. The same regex with the Vietnamese letter class in its look-arounds takes ~1.5 ms
    to compile (the class spans ~7,700 code points), the bare body 20x less; the re-casing
    lexicons hold ~140 phrases and an article meets ones no article before it used.

    ``body`` must match at most one way at a given start (phrases: literal words joined by
    ``\\s+``), so a match whose neighbours fail the checks means none starts there."""

    __slots__ = ("body", "not_before", "not_after", "_compiled")

    def __init__(self, body: str, not_before: re.Pattern[str], not_after: re.Pattern[str]) -> None:
        self.body = body
        self.not_before = not_before  # a one-character class
        self.not_after = not_after
        self._compiled: re.Pattern[str] | None = None

    def sub(self, repl: str, text: str) -> str:
        """``text`` with every match replaced by ``repl`` (literal: no group references)."""
        if self._compiled is None:
            self._compiled = re.compile(self.body)
        pieces = []
        kept = 0  # text[:kept] is done
        search_from = 0
        while True:
            m = self._compiled.search(text, search_from)
            if m is None:
                break
            start, end = m.span()
            if (start and self.not_before.match(text, start - 1)) or self.not_after.match(text, end):
                search_from = start + 1  # as the full regex would, try the next start
                continue
            pieces.append(text[kept:start])
            pieces.append(repl)
            kept = search_from = end
        if not pieces:
            return text
        pieces.append(text[kept:])
        return "".join(pieces)


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
    letter_char = re.compile(r"[%s]" % letter)
    business_heads = [n["head"] for n in named if n.get("business")]
    letter_or_joiner = re.compile(r"[%s/\-.]" % letter)  # what may not precede an abbreviation
    return {
        "central": central,
        "central_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(a) for a in scan_aliases]), letter)),
        "units": units,
        "unit_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(u["name"]) for u in units]), letter)),
        "groups": groups,
        "group_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(g["name"]) for g in groups]), letter)),
        "state": state,
        "state_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(s["name"]) for s in state]), letter)),
        "committees": {c["head"]: c for c in committees},
        "committee_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(c["head"]) for c in committees]), letter)),
        "named": {n["head"]: n for n in named},
        "named_re": re.compile(r"(?:%s)(?![%s])" % (_by_first_letter([_ci(n["head"]) for n in named]), letter)),
        # Re-case only phrases the article already starts with a capital ("Ban thường vụ").
        "capitalise": [(BoundedPhrase(_ci(p), letter_char, letter_char), p) for p in capitalise if " " in p],
        "extra": [(BoundedPhrase(re.escape(a), letter_or_joiner, letter_char), full, a) for a, full in extra],
        "level_words": kinds["level_words"],
        "level_re": re.compile(r"(?i:(thành phố|thị trấn|thị xã|tỉnh|huyện|quận|xã|phường))(?![%s])" % letter),
        "khoi_re": re.compile(
            r"Khối\s+(?i:((?:các\s+)?(?:cơ quan(?:\s+và\s+doanh nghiệp)?|doanh nghiệp|dân chính đảng)(?:\s+đảng)?))(?![%s])" % letter
        ),
        "generic_after": re.compile(r"^\s*(?:%s)(?![%s])" % ("|".join(map(re.escape, kinds["generic_after"])), letter)),
        # Any head: a central body's alias, a unit, group, state body, committee or named head
        # (in that order of preference), only the named ones followed by no letter.
        "head_re": re.compile(_by_first_letter(_by_first_word(
            [(a, _ci(a)) for a in scan_aliases] + [(u["name"], _ci(u["name"])) for u in units]
            + [(g["name"], _ci(g["name"])) for g in groups] + [(s["name"], _ci(s["name"])) for s in state]
            + [(c["head"], _ci(c["head"])) for c in committees]
            + [(n["head"], _ci(n["head"]) + r"(?![%s])" % letter) for n in named]
        ))),
        # Businesses (named heads marked "business"): any head, and one named at a text's end.
        "business_head_re": re.compile("|".join(_ci(h) for h in business_heads)),
        "business_at_end": re.compile(
            r"(?:%s)\s+%s(?:\s+[\wÀ-ỹ-]+){0,7}$" % ("|".join(re.escape(h) for h in business_heads), geo.PROPER_WORD)
        ),
    }


def _by_first_letter(branches: list[str]) -> str:
    """The alternation of ``branches`` (each starting with a plain letter, as ``_ci`` writes them)
    grouped by that letter: it matches what the flat alternation matches, since branches of
    different letters never match at the same place and each group keeps its branches' order,
    but a search skips to those letters fast and tries only their group there."""
    by_letter: dict[str, list[str]] = {}
    for branch in branches:
        letter = branch[:2] if branch.startswith("\\") else branch[:1]  # an escaped character is one
        by_letter.setdefault(letter, []).append(branch[len(letter):])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


# Characters Python's case-insensitive regex matching equates with another letter although
# str.lower() does not ("ı" matches "i"), so the cheap pre-check below never misses a match.
_CASE_FIXES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "ẛ": "ṡ"})
_DELEGATION = re.compile(r"(?<![\w])(?i:đoàn\s+đại\s+biểu\s+Quốc\s+hội)(?=\s+(?:tỉnh|thành phố|Thành phố))")


def _case_key(text: str) -> str:
    """Lower-case, single-spaced text: a re-cased phrase can match only where its key occurs."""
    if "İ" in text or "ı" in text or "ſ" in text or "ẛ" in text:
        text = text.translate(_CASE_FIXES)
    return single_spaces(text.lower())


@dataclass(frozen=True)
class _NormalisePlan:
    """The substitutions of normalise_org_text, each with a plain substring that must be present
    for it to apply (checking that is far cheaper than running ~130 regexes on every phrase)."""

    extra: list  # (pattern, full form, the abbreviation it needs)
    capitalise: list  # (pattern, phrase, the phrase's _case_key), in the order they apply
    # A re-cased phrase of three words or more is present only if its inner words are words of
    # the text's key: the phrases to check, by one inner word; the two-word ones are always checked.
    by_inner_word: dict[str, list[int]]
    inner_words: frozenset[str]
    two_words: list[int]
    overlapping: frozenset[int]  # phrases two occurrences of which can overlap (none in practice)
    # Matches where some phrase occurs spelled otherwise than the lexicon spells it: text with
    # no such place is left as it is by every re-casing (see _misspelt_phrase_branches).
    misspelt: re.Pattern[str]
    # Matches wherever one of the substitutions may apply: one of the lexicon's abbreviations, a
    # misspelt phrase, or "đoàn đại biểu Quốc hội" in any case. Text it does not match is
    # already normalised (most sentences): a single search instead of every check one by one.
    may_change: re.Pattern[str]

    def phrases_to_check(self, key: str) -> list[int]:
        """Indexes into ``capitalise`` of the phrases that may occur in ``key``, in order."""
        found = list(self.two_words)
        for word in self.inner_words.intersection(key.split(" ")):
            found.extend(self.by_inner_word[word])
        found.sort()
        return found


@lru_cache(maxsize=1)
def _normalise_plan() -> _NormalisePlan:
    p = _patterns()
    extra = [(pattern, full, written) for pattern, full, written in p["extra"]]  # the pattern needs ``written``
    capitalise = [(pattern, phrase, _case_key(phrase)) for pattern, phrase in p["capitalise"]]
    by_inner_word: dict[str, list[int]] = {}
    two_words = []
    for index, (_, _, phrase_key) in enumerate(capitalise):
        inner = phrase_key.split(" ")[1:-1]
        if inner:
            by_inner_word.setdefault(max(inner, key=len), []).append(index)
        else:
            two_words.append(index)
    overlapping = frozenset(i for i, (_, _, phrase_key) in enumerate(capitalise) if _overlaps_itself(phrase_key))
    misspelling = _by_first_word(_misspelt_phrase_branches([phrase for _, phrase, _ in capitalise]))
    # Each abbreviation literally (its pattern needs it), and a delegation _DELEGATION would
    # re-case: "đoàn đại biểu quốc hội" in any case and spacing, but not as it writes it.
    delegation = r"(?i:oàn\s+đại\s+biểu\s+quốc\s+hội)"
    may_change = [re.escape(abbr) for _, _, abbr in extra] + misspelling + [
        "đ" + delegation, "Đ(?!oàn đại biểu Quốc hội)" + delegation]
    return _NormalisePlan(extra, capitalise, by_inner_word, frozenset(by_inner_word), two_words, overlapping,
                          re.compile(_by_first_letter(misspelling)), re.compile(_by_first_letter(may_change)))


def _misspelt_phrase_branches(phrases: list[str]) -> list[tuple[str, str]]:
    """(Phrase, regex) for "a re-cased phrase written otherwise than the lexicon writes it": each
    phrase's own re-casing pattern (first letter as written, the rest in any case and spacing;
    ``_ci``) behind a look-ahead that refuses the exact phrase. A re-casing replaces a match by
    the phrase, so it can change a text only where one of these matches. (Without the letter
    checks around a phrase they match more places than the re-casings do, never fewer.)"""
    branches = []
    for phrase in phrases:
        cased = _ci(phrase)  # the first letter, then "(?i:...)" for the rest
        first = cased[0]
        branches.append((phrase, first + "(?!" + re.escape(phrase[1:]) + ")" + cased[1:]))
    return branches


def _by_first_word(branches: list[tuple[str, str]]) -> list[str]:
    """Branches (a head or phrase, its regex as ``_ci`` writes it: the first letter, then the
    rest in any case) put together by the head's first word: one branch per word, its first
    letter, a look-ahead for the rest of the word in any case and the white space after it,
    then the alternation of its heads' branches (each without that first letter) in their order.

    Every head of several words needs what its look-ahead checks, so a branch matches where one
    of its heads does, and the same way. Heads of different first words cannot match at the same
    place (the word there is one or the other, white space after it), so regrouping them keeps
    what a search finds. At the many places where a capital starts another word ("Bí thư",
    "Tại"), a single look-ahead fails where the heads were tried one by one. A word that is a
    whole head too ("Sở") gets no look-ahead: a character other than white space may end it."""
    by_word: dict[str, list[tuple[str, str]]] = {}
    for head, branch in branches:
        by_word.setdefault(_word_key(head.split()[0]), []).append((head, branch))
    grouped = []
    for members in by_word.values():
        word = members[0][0].split()[0]
        rests = "|".join(branch[1:] for _, branch in members)
        if all(len(head.split()) > 1 for head, _ in members):
            grouped.append(f"{word[0]}(?=(?i:{re.escape(word[1:])})\\s)(?:{rests})")
        else:
            grouped.append(f"{word[0]}(?:{rests})")
    return grouped


def _overlaps_itself(key: str) -> bool:
    """Whether two occurrences of ``key`` can overlap: a proper suffix of it is also a prefix."""
    return any(key.startswith(key[i:]) for i in range(1, len(key)))


def normalise_org_text(text: str) -> str:
    """Canonical spelling of an organisation phrase: textnorm.canonical, the lexicon's own
    abbreviations ("DNTW", "UBKT"), and standard capitalisation ("Ban thường vụ" -> "Ban Thường vụ")."""
    # Names and sentences recur (titles, the second look at a sentence); whole articles do not,
    # but resolve_locality reads the article it works on several times.
    return _normalise_cached(text) if len(text) <= 2000 else _normalise_article(text)


@lru_cache(maxsize=8192)
def _normalise_cached(text: str) -> str:
    return _normalise_org_text(text)


@lru_cache(maxsize=2)
def _normalise_article(text: str) -> str:
    return _normalise_org_text(text)


def _normalise_org_text(text: str) -> str:
    plan = _normalise_plan()
    text = canonical(text)
    if plan.may_change.search(text) is None:
        return text
    for pattern, full, abbr in plan.extra:
        if abbr in text:
            text = pattern.sub(full, text)
    key = _case_key(text)
    # Most sentences spell every phrase as the lexicon does: one search tells, and spares the
    # loop below (which checks each phrase the text may hold, one by one).
    for index in plan.phrases_to_check(key) if plan.misspelt.search(text) else ():
        pattern, phrase, phrase_key = plan.capitalise[index]
        if phrase_key not in key:
            continue
        # Most texts already spell a phrase as the lexicon does. When the key lines up with the
        # text character for character (no run of white space to squash) and the text holds the
        # phrase exactly as often as the key holds it in any case, every match is the phrase
        # itself and re-casing would change nothing.
        if len(text) == len(key) and index not in plan.overlapping and text.count(phrase) == key.count(phrase_key):
            continue
        text = pattern.sub(phrase, text)
    if "đoàn đại biểu quốc hội" in key:  # what _DELEGATION needs, in the key's spelling
        text = _DELEGATION.sub("Đoàn đại biểu Quốc hội", text)
    return text


def _entry_name(entry) -> str:
    return entry if isinstance(entry, str) else entry["name"]


@lru_cache(maxsize=1)
def _fold_index() -> dict[str, dict[str, object]]:
    """Per lexicon group the parser looks entries up in, the first entry for each fold key."""
    p = _patterns()
    index: dict[str, dict[str, object]] = {}
    for group in ("committees", "named", "units", "state", "groups"):
        table = index[group] = {}
        for entry in p[group]:
            table.setdefault(fold(_entry_name(entry)), entry)
    return index


@lru_cache(maxsize=4096)  # asked for every head read; the same few heads, written alike, recur
def _first_by_fold(group: str, matched: str):
    """The first entry of ``group`` (a committee or named head, or a unit/state/group spec)
    spelled like ``matched`` up to case and diacritics-insensitive folding (a lexicon entry,
    shared: read only)."""
    entry = _fold_index()[group].get(fold(matched))
    if entry is None:  # cannot happen for text the group's own regex matched; scan as before
        entry = next(e for e in _patterns()[group] if fold(_entry_name(e)) == fold(matched))
    return entry


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
    """The central body ``name`` names, a new object (callers set its ``end``) whose parent chain
    is shared: nothing changes a parent once it is one (only the object a parse returns gets its
    ``end`` set)."""
    return _shallow_copy(_central_shared(name))


@lru_cache(maxsize=1024)  # a few dozen central bodies, written a few ways each; most are parents
def _central_shared(name: str) -> _Parsed | None:
    body = _patterns()["central"].get(fold(name))
    if body is None:
        return None
    parent = _central_shared(body["parent"]) if body["parent"] else None
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


# The parser's small patterns, compiled once (they run for every head of every sentence).
_WHITESPACE = re.compile(r"\s+")
_OF = re.compile(r"\s+của\s+")
_OF_INSIDE = re.compile(r"\scủa\s+")
_TRUNG_UONG = re.compile(r"Trung\s+ương(\s+Đảng)?(?![\wÀ-ỹ])")
_TRUNG_UONG_AFTER = re.compile(r"\s+Trung\s+ương")
_PARTY_HEAD = re.compile(r"Đảng\s+(?i:(ủy|bộ))\s+")
_NON_SPACE_RUN = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"\s+\S+")
_CLAUSE_ENDS = re.compile(r"\s*(?:[,;.)]|$)")
_LOWER_WORD_AFTER = re.compile(rf"\s+[{geo.LOWER}]")
_COMMUNE_WORD = re.compile(r"(xã|phường|thị trấn)\s")
# A commune's name after its kind word: capitalised words.
_COMMUNE_NAME_AFTER = re.compile(rf"\s+((?:{geo.PROPER_WORD})(?:\s+{geo.PROPER_WORD}){{0,6}})")
# One word of a proper name after a head (a lower-case word or "và", "-", a kind word may lead it).
_NAME_WORD = re.compile(
    rf"\s+(?:(và|-|xã|phường|thị trấn|tỉnh|thành phố|huyện|(?!(?:tại|dự|họp|của|với|về|do|đã|có|là|cho|các|trong|ngày)\s)[{geo.LOWER}]+)\s+)?({geo.PROPER_WORD}|\d+)")


class _Parser:
    """Reads one organisation name starting at a position of a normalised text."""

    def __init__(self, text: str, loc: Locality, whole: bool = False) -> None:
        self.text = text
        self.loc = loc
        self.whole = whole  # the text is one name (canonical_org), not running text
        self.p = _patterns()
        # What parse gave at each position: a sentence's scan meets a body again after a unit
        # read it ("Phó Bí thư Thường trực| Tỉnh ủy X", "Ban Chấp hành, |Ban Thường vụ ...").
        # (A parse depends only on the text, the locality and the position; nothing changes
        # what this parser's parse returns: an end is set only on objects made for the caller.)
        self._parsed: dict[int, _Parsed | None] = {}

    # place right after a head: "Thành ủy| Hà Nội", "Hội đồng nhân dân| tỉnh Quảng Nam"
    def _place_after(self, head_start: int, pos: int) -> tuple[str | None, str | None, str | None, int]:
        """(level word, place short name, place level, end) for the place following ``pos``."""
        text = self.text
        m = _WHITESPACE.match(text, pos)  # (not a slice: running text may be a whole article)
        q = m.end() if m else pos
        level_word = None
        lm = self.p["level_re"].match(text, q)
        if lm:
            level_word = lm.group(1).lower()
        window_start = head_start
        window = text[window_start : q + 70]
        # Only a place starting at q (or after the level word) counts, and a place starts with a
        # capital. When cleaning keeps every offset and letter case (it only moves tone marks), no
        # capital there means no place there: skip the search (most heads are followed by
        # lower-case text).
        capital_there = text[q : q + 1].isupper() or (lm is not None and text[lm.end() + 1 : lm.end() + 2].isupper())
        if capital_there or not cleaning_keeps_offsets(window):
            # Only these starts count: the words around them are all that is read.
            starts = (q - window_start, lm.end() + 1 - window_start) if lm else (q - window_start,)
            places = geo.places_starting_at(_up_to_place_end(window, starts[-1]), starts, self.loc.province)
        else:
            places = []
        for place in places:
            if place.start + window_start == q:
                return None, place.name, place.level, place.end + window_start
            if lm and place.start + window_start == lm.end() + 1:
                lvl = self.p["level_words"].get(level_word)
                return level_word, place.name, place.level if lvl != "grassroots" else "grassroots", place.end + window_start
        if lm:
            if level_word in ("xã", "phường", "thị trấn"):
                # A commune is named by the capitalised words after it, short of a person's name
                # written right after it ("Chủ tịch UBND xã Tân Nhuận Đông Quách Xuân Toàn").
                cm = _COMMUNE_NAME_AFTER.match(text, lm.end())
                if cm:
                    run = cm.group(1)
                    name = _drop_trailing_person(run) if len(run.split()) > 2 else run
                    name = " ".join(name.split()[:4])
                    own = self.loc.commune
                    if own and own[0] == level_word and name != own[1] and name.split()[0] in _surnames() \
                            and len(run.split()) >= 4 and not run.startswith(own[1]):
                        return level_word, None, None, lm.end()  # "Đảng ủy phường Mai Thế Hồng Hiếu": a person
                    return level_word, name, "grassroots", lm.end() + len(cm.group(0)) - len(run) + len(name)
            return level_word, None, None, lm.end()
        return None, None, None, pos

    def _implicit_place(self, level_word: str | None, head_kind: str | None,
                        pos: int | None = None) -> tuple[str | None, str | None]:
        """The article's province or district that fits a bare head ("Huyện ủy", "HĐND tỉnh");
        a bare commune head ("UBND xã") at ``pos`` may mean the one commune its sentence named
        before it ("Tại điểm cầu xã X, ... Chủ tịch UBND xã")."""
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
        if want in ("huyện", "quận", "thị xã") and dinfo and want in (dinfo.kind, loc.district_kind):
            return loc.district, "district"
        if want in ("xã", "phường", "thị trấn") and loc.commune and loc.commune[0] == want:
            return loc.commune[1], "grassroots"
        if want in ("xã", "phường", "thị trấn") and pos is not None:
            named = self._commune_named_before(want, pos)
            if named:
                return named, "grassroots"
        if want is None and loc.province:
            return loc.province, "province"
        return None, None

    def _commune_named_before(self, kind_word: str, pos: int) -> str | None:
        """The one commune of this kind the same sentence names before ``pos``, if only one."""
        window = self.text[max(0, pos - 300) : pos]
        if kind_word not in window:
            return None
        window = window[window.rfind(". ") + 1 :]
        names = set()
        for m in _COMMUNE.finditer(window):
            if m.group(1) == kind_word:
                run = m.group(2)
                names.add(_drop_trailing_person(run) if len(run.split()) > 2 else run)
        names.discard("")
        return names.pop() if len(names) == 1 else None

    def _parent_committee_of_district(self, district: str) -> _Parsed | None:
        province = geo.district_province(district, self.loc.province)
        if province and self.loc.post_2025:
            province = geo.province_2025(province) or province
        return _province_committee(province, self.loc)

    # -- the grammar --
    def parse(self, pos: int) -> _Parsed | None:
        # Each reader opens with its head regex matched at ``pos``: only the readers with a head
        # whose first word is the word there can match (see _readers_for_word).
        if pos in self._parsed:
            return self._parsed[pos]
        result = None
        word = _NON_SPACE_RUN.match(self.text, pos)
        for reader in _readers_for_word(word.group(0)) if word else ():
            result = reader(self, pos)
            if result is not None:
                break
        self._parsed[pos] = result
        return result

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
        head = _first_by_fold("committees", m.group(0))
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
        m = _PARTY_HEAD.match(self.text, pos)
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
        tm = _TRUNG_UONG_AFTER.match(self.text, after)
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
        spec = _first_by_fold("state", m.group(0))
        head = spec["name"]
        level_word, place, place_level, end = self._place_after(pos, m.end())
        if place is None and level_word is None:
            # "Đoàn đại biểu Quốc hội" alone is not a local body; others need a level word.
            return None
        if place is None:
            place, place_level = self._implicit_place(level_word, level_word, pos)
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
        spec = _first_by_fold("units", m.group(0))
        unit = spec.get("same_as", spec["name"])
        rest = m.end()
        cm = _OF.match(self.text, rest)
        ws = _WHITESPACE.match(self.text, rest)
        joiner = " "
        start = rest
        if cm:
            start, joiner = cm.end(), " của "
        elif ws:
            start = ws.end()
        # "Ban Tổ chức Trung ương", "Văn phòng Trung ương Đảng": a central commission.
        tm = _TRUNG_UONG.match(self.text, start)
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
        if unit == "Ban Chấp hành" and base.kind == "party organisation" and not _TERRITORIAL_PARTY_ORG.match(base.name):
            # "Ban Chấp hành Đảng bộ Khối X" of a non-territorial organisation is "Đảng ủy Khối X".
            committee = _Parser("Đảng ủy" + base.name[len("Đảng bộ"):], self.loc, whole=True).parse(0)
            if committee is not None and committee.complete:
                committee.end = base.end
                return committee
        if unit == "Ban Chấp hành" and base.kind == "party committee" and base.locality \
                and any(base.name.startswith(head + " ") for head in self.p["committees"]):
            # "Ban Chấp hành Tỉnh ủy X" is the executive committee of Đảng bộ tỉnh X, named so.
            org = _province_party_org(base.locality) if base.level == "provincial" else None
            district = geo.district_info(base.locality, self.loc.province) if base.level == "district" else None
            name = org.name if org else (f"Đảng bộ {district.kind} {base.locality}" if district else None)
            if name:
                return _Parsed(f"{unit} {name}", "party committee", base.level, base.locality, base.parent, base.end,
                               unit=unit, base=org)
        if unit == "Ban Chấp hành" and base.kind == "party organisation":
            # The executive committee of a party organisation is its committee: same parent.
            committee = self._committee_for_party_org(base)
            return _Parsed(f"{unit} {base.name}", "party committee", base.level, base.locality,
                           committee.parent if committee else None, base.end, unit=unit, base=base)
        name = f"{unit}{joiner}{base.name}"
        return _Parsed(name, spec["kind"], base.level, base.locality, base, base.end, unit=unit, base=base)

    def _committee_for_party_org(self, org: _Parsed) -> _Parsed | None:
        if org.level == "grassroots" and org.name.startswith("Đảng bộ "):
            parent = self._commune_parent("Đảng ủy")
            return _Parsed("", "party committee", "grassroots", org.locality, parent) if parent else None
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
        spec = _first_by_fold("groups", m.group(0))
        # The group's name runs to "của <body>" (inclusive) or to the clause's end.
        tail = self.text[m.end():]
        stop = None if self.whole else _GROUP_CLAUSE_END.search(tail)
        clause = tail[: stop.start()] if stop else tail
        if not self.whole:
            word_ends = [w.end() for w in _NON_SPACE_RUN.finditer(clause)]
            if len(word_ends) > 14:
                clause = clause[: word_ends[13]]
        parent = None
        end = m.end() + len(clause.rstrip())
        of = _OF_INSIDE.search(clause)
        if of:
            sub_start = m.end() + of.end()
            base = self.parse(sub_start)
            if base is not None and base.complete:
                parent = base
                end = base.end
                name = _WHITESPACE.sub(" ", self.text[pos : m.end() + of.start()]).strip() + " của " + base.name
                if self.whole:  # "Ban Chỉ đạo của Thành ủy X về ..." keeps its subject
                    name = (name + " " + self.text[end:].strip()).strip()
                    end = len(self.text)
                return _Parsed(name, spec["kind"], base.level, base.locality, base, end)
            elif self.text.startswith("Đảng", sub_start):
                end = sub_start + 4  # "... của Đảng" (the Party itself)
            else:
                end = m.end() + of.start()
        name = _WHITESPACE.sub(" ", self.text[pos:end]).strip(" ,")
        last = name.rsplit(" ", 1)[-1]
        if parent is None and last in ("tỉnh", "huyện", "quận", "xã", "phường") and not name.endswith(("thị xã", "Thị xã")):
            # "Ban Chỉ đạo 35 huyện": the group of the article's own district (province, commune).
            place, place_level = self._implicit_place(last, last)
            if place is not None:
                level = {"province": "provincial", "district": "district"}.get(place_level or "", "grassroots")
                return _Parsed(_with_place(name, place), spec["kind"], level, place, None, end)
        return _Parsed(name, spec["kind"], parent.level if parent else None, parent.locality if parent else None, parent, end)

    def _commune_party_at(self, pos: int, head_end: int, head: str, kind: str) -> _Parsed | None:
        """"Đảng ủy xã X", "Đảng bộ phường Y", and bare "Đảng ủy xã" in an article about one
        commune. A commune's party committee sits under its district's (before the 2025 reform)
        or its province's (after it); its party organisation likewise."""
        level_word, place, place_level, end = self._place_after(pos, head_end)
        if level_word not in ("xã", "phường", "thị trấn"):
            return None
        if place is None:
            place, place_level = self._implicit_place(level_word, level_word, pos)
            if place is None:
                return None
        if place_level != "grassroots":
            return None
        name = f"{head} {level_word} {place}"
        return _Parsed(name, kind, "grassroots", place, self._commune_parent(head), end)

    def _commune_parent(self, head: str) -> _Parsed | None:
        """The party committee (head "Đảng ủy") or party organisation above a commune's."""
        loc = self.loc
        if loc.district and not loc.post_2025:
            dinfo = geo.district_info(loc.district, loc.province)
            dkind = loc.district_kind or (dinfo.kind if dinfo else "huyện")
            if head == "Đảng bộ":
                return _Parsed(f"Đảng bộ {dkind} {loc.district}", "party organisation", "district", loc.district,
                               _province_party_org(loc.province))
            committee = {"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(dkind)
            if committee:
                return _Parsed(f"{committee} {loc.district}", "party committee", "district", loc.district,
                               self._parent_committee_of_district(loc.district))
            return None
        if loc.post_2025:
            return _province_party_org(loc.province) if head == "Đảng bộ" else _province_committee(loc.province, loc)
        return None

    def _department_at(self, pos: int, head_end: int, kind: str) -> _Parsed | None:
        """"Sở Giao thông vận tải tỉnh X": a province's department, under its People's Committee.
        Its field runs to the first level word; without one the province is not certain."""
        dm = _DEPARTMENT_FIELD.match(self.text, head_end)
        if not dm:
            return None
        level_word, place, place_level, end = self._place_after(pos, dm.end(1))
        if level_word not in (None, "tỉnh", "thành phố"):
            return None
        if place is None and level_word:
            place, place_level = self._implicit_place(level_word, level_word)
            end = lm_end(self.text, dm.end(1))
        if place is None or place_level != "province":
            return None
        kind_word = geo.province_kind(place) or "tỉnh"
        committee = _Parsed(_with_place(f"Ủy ban nhân dân {kind_word}", place), "state body", "provincial", place, None)
        name = _with_place(f"Sở {dm.group(1)} {kind_word}", place)
        return _Parsed(name, kind, "provincial", place, committee, end)

    def _provincial_bloc_at(self, pos: int, start: int, head: str, kind: str) -> _Parsed | None:
        """"Đảng ủy các cơ quan Đảng tỉnh (X)": a province's own bloc committee, under its Tỉnh ủy."""
        for words in _lexicon()["kinds"]["provincial_party_blocs"]["words"]:
            if not self.text.startswith(words, start):
                continue
            level_word, place, place_level, end = self._place_after(pos, start + len(words))
            if level_word not in ("tỉnh", "thành phố"):
                return None
            if place is None:
                place, place_level = self._implicit_place(level_word, level_word)
            if place is None or place_level != "province":
                return None
            name = _with_place(f"{head} {words} {geo.province_kind(place) or level_word}", place)
            parent = _province_committee(place, self.loc) if head == "Đảng ủy" else _province_party_org(place)
            return _Parsed(name, kind, "provincial", place, parent, end)
        return None

    def _named_at(self, pos: int) -> _Parsed | None:
        m = self.p["named_re"].match(self.text, pos)
        if not m:
            return None
        head = _first_by_fold("named", m.group(0))
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
        if head == "Sở":
            return self._department_at(pos, m.end(), spec["kind"])
        if head in ("Đảng ủy", "Đảng bộ"):
            commune = self._commune_party_at(pos, m.end(), head, spec["kind"])
            if commune is not None:
                return commune
        # "Đảng bộ Văn phòng Ủy ban nhân dân tỉnh X": a party organisation of a named body.
        ws = _WHITESPACE.match(self.text, m.end())
        if ws and head in ("Đảng ủy", "Đảng bộ"):
            bloc = self._provincial_bloc_at(pos, ws.end(), head, spec["kind"])
            if bloc is not None:
                return bloc
        if ws and head in ("Đảng ủy", "Đảng bộ", "Chi bộ"):
            short = _business_short().match(self.text, ws.end()) if head != "Chi bộ" else None
            full = self.loc.known.get(fold(f"{head} {short.group(1)}")) if short else None
            if full:  # "Đảng ủy Tập đoàn" after the article named "Tập đoàn Hóa chất Việt Nam"
                return _Parsed(full, spec["kind"], None, None,
                               _business_committee_parent(head, full[len(head) + 1:], self.loc), short.end())
            inner = self.parse(ws.end())
            if inner is not None and inner.complete and inner.kind != "party committee":
                parent = _business_committee_parent(head, inner.name, self.loc)
                if parent is None and inner.kind == "state body" and inner.unit is None \
                        and inner.level == "provincial" and inner.locality:
                    # "Đảng ủy Ủy ban nhân dân tỉnh X" sits under the Tỉnh ủy (its Đảng bộ under the province's).
                    parent = _province_committee(inner.locality, self.loc) if head == "Đảng ủy" \
                        else _province_party_org(inner.locality)
                return _Parsed(f"{head} {inner.name}", spec["kind"], inner.level, inner.locality, parent, inner.end)
        # A proper name: capitalised words (with "và", "-" and a commune's kind word inside).
        # One lower-case word may sit between capitalised ones ("Tập đoàn Hóa chất Việt Nam").
        end = m.end()
        taken: list[str] = []
        # The words right after the head, one by one: each must start where the last one ended.
        # (Matched there, not searched for: a search runs on through the rest of the sentence for
        # a word that would only be dropped.)
        while (w := _NAME_WORD.match(self.text, end)) is not None:
            taken.append(w.group(0).strip())
            end = w.end()
        if not taken:
            if head in ("Đảng ủy", "Đảng bộ") and _CLAUSE_ENDS.match(self.text, m.end()):
                own = self.loc.known.get(fold(head))  # bare: the article's own committee
                if own and own != head:
                    parsed = _Parser(own, self.loc, whole=True).parse(0)
                    if parsed is not None and parsed.complete:
                        parsed.end = m.end()
                        return parsed
            return None
        if len(taken) == 1 and not taken[0].isupper() and _LOWER_WORD_AFTER.match(self.text, end):
            return None  # "Đảng ủy Tập| đoàn": a compound word cut in half, not a name
        name_words = " ".join(taken)
        name_words = _drop_trailing_person(name_words)
        if not name_words:
            return None
        end = m.end() + len(" " + name_words)  # approximate when spaces were squashed
        name = f"{head} {name_words}"
        own = self.loc.known.get(fold(name)) if name_words == "Bộ" else None
        if own:  # bare "Đảng ủy Bộ" in an article about one ministry's committee
            parsed = _Parser(own, self.loc, whole=True).parse(0)
            if parsed is not None and parsed.complete:
                parsed.end = end
                return parsed
        level = "grassroots" if _COMMUNE_WORD.match(name_words) or head == "Chi bộ" else None
        return _Parsed(name, spec["kind"], level, None, None, end)


@lru_cache(maxsize=1)
def _reader_heads() -> list[tuple]:
    """The readers ``_Parser.parse`` tries, in its order, each with the heads its opening regex
    matches (as ``_patterns`` builds them)."""
    lex = _lexicon()
    kinds = lex["kinds"]
    scan_aliases = [a for b in lex["central"] for a in [b["name"], *b["aliases"]] if fold(a) not in ("trung uong", "trung uong dang")]
    return [
        (_Parser._central_at, scan_aliases),
        (_Parser._group_at, [g["name"] for g in kinds["groups"]]),
        (_Parser._unit_at, [u["name"] for u in kinds["units"]]),
        (_Parser._committee_at, [c["head"] for c in kinds["committees"]]),
        (_Parser._khoi_at, ["Đảng ủy", "Đảng bộ"]),  # _PARTY_HEAD
        (_Parser._state_at, [st["name"] for st in kinds["state_bodies"]]),
        (_Parser._named_at, [n["head"] for n in kinds["named_heads"]]),
    ]


@lru_cache(maxsize=1)
def _readers_by_first_letter() -> dict[str, tuple]:
    """The readers ``_Parser.parse`` tries, in its order, by the letter a head of theirs starts
    with (the heads as ``_patterns`` builds their regexes: ``_ci`` keeps the first letter's case)."""
    heads = _reader_heads()
    readers: dict[str, list] = {}
    for reader, names in heads:
        for letter in sorted({name[0] for name in names}):
            if reader not in readers.setdefault(letter, []):
                readers[letter].append(reader)
    order = [reader for reader, _ in heads]
    return {letter: tuple(sorted(found, key=order.index)) for letter, found in readers.items()}


def _word_key(word: str) -> str:
    """``word`` as a case-insensitive regex match sees it after its first letter (which the
    heads' regexes match in its case, see ``_ci``): two words a head's regex can both match
    have the same key."""
    rest = word[1:]
    if "İ" in rest or "ı" in rest or "ſ" in rest or "ẛ" in rest:
        rest = rest.translate(_CASE_FIXES)
    return word[:1] + rest.lower()


@lru_cache(maxsize=1)
def _reader_first_words() -> dict:
    """For each reader, the keys (_word_key) of its heads' first words: those of the heads of
    several words, which white space ends, and the whole one-word heads ("Sở"), which only a
    character that is no letter ends (so the word there may go on: "Sở,")."""
    return {
        reader: (frozenset(_word_key(h.split()[0]) for h in names if len(h.split()) > 1),
                 tuple(_word_key(h) for h in names if len(h.split()) == 1))
        for reader, names in _reader_heads()
    }


@lru_cache(maxsize=4096)  # the words that start heads (and the few words read after a unit) recur
def _readers_for_word(word: str) -> tuple:
    """The readers ``_Parser.parse`` tries at a position where the text's run of non-space
    characters is ``word``, in its order.

    Each reader opens by matching its head regex there (``_ci``: the first letter in its case,
    the rest in any case). A head of several words matches only where its first word does and
    white space follows, so only where ``word`` is that first word (the same _word_key; its
    letters are no white space); a one-word head matches only where ``word`` starts with it. A
    reader with neither would fail its first match: it is left out (of 3 to 7 readers tried per
    head, most fail)."""
    key = _word_key(word)
    first_words = _reader_first_words()
    return tuple(
        reader for reader in _readers_by_first_letter().get(word[:1], ())
        if key in first_words[reader][0] or key.startswith(first_words[reader][1])
    )


# Where the capitalised words that may name a place end: a lower-case word or punctuation.
_PLACE_WORDS_END = re.compile(rf"\s+[{geo.LOWER}]|[,;:()]")


def _up_to_place_end(window: str, start: int) -> str:
    """``window`` (a head and the text after it) cut where the capitalised words at ``start``
    and after it end. A place is a run of capitalised words with only white space between
    (geo.find_places), so what follows the run cannot change the places that start at or before
    ``start``; the cut window is the same for every sentence naming that head and place, and
    geo's cache of places_starting_at finds it again. Text whose cleaning would move offsets is
    left whole (a place's offsets and spelling are read from the cleaned text then)."""
    end = _PLACE_WORDS_END.search(window, start)
    if end is None:
        return window
    cut = window[: end.start()]
    return cut if cleaning_keeps_offsets(window) and cleaning_keeps_offsets(cut) else window


# The field of a department: capitalised, up to eight words, ended by its province's level word.
_DEPARTMENT_FIELD = re.compile(
    rf"\s+([{geo.UPPER}](?:[^;:.()\n]{{0,60}}?[^\s,;:.()])?)(?=\s+(?:tỉnh|thành phố|Thành phố)\s)")


def lm_end(text: str, pos: int) -> int:
    m = _NEXT_WORD.match(text, pos)
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


def canonical_org(text: str, loc: Locality | None = None, *, loc_key: tuple | None = None) -> Organization | None:
    """Canonical Organization for a mention ("Ban tổ chức Thành ủy" -> "Ban Tổ chức Thành ủy Hà
    Nội", parent "Thành ủy Hà Nội"); None for generic groups and unknown phrases.

    ``loc_key``: ``locality_key(loc)``, for a caller asking for many names with one ``loc`` it
    does not change in between (building the key is most of the cost of a cached name)."""
    parsed = _shared_parse(text, loc, loc_key)  # (to_org only reads it: no copy needed)
    return parsed.to_org() if parsed else None


# parse_org results by (text, locality): titles and organisers repeat within an article.
_PARSE_CACHE: dict[tuple, _Parsed | None] = {}
_PARSE_CACHE_SIZE = 8192


_LOCALITY_FIELDS = tuple(f.name for f in fields(Locality))  # read once: fields() is slow per call
_locality_values = attrgetter(*_LOCALITY_FIELDS)


_PUBLISHED = _LOCALITY_FIELDS.index("published")


def locality_key(loc: Locality) -> tuple:
    """What parsing reads of ``loc``: every field, but the publication date only as parsing uses
    it (after the 2025 reform; after the central enterprise bloc's end), so that the articles of
    one place and period share their parses."""
    values = [tuple(sorted(v.items())) if isinstance(v, dict) else v for v in _locality_values(loc)]
    values[_PUBLISHED] = (loc.post_2025, _after_enterprise_bloc(loc))
    return tuple(values)


def _shallow_copy(parsed: _Parsed | None) -> _Parsed | None:
    """What copy.copy gives for a plain dataclass instance, without its generic reduce protocol."""
    if parsed is None:
        return None
    clone = object.__new__(_Parsed)
    clone.__dict__.update(parsed.__dict__)
    return clone


def parse_org(text: str, loc: Locality | None = None) -> _Parsed | None:
    # The caller's own top-level object; the bodies above it are shared.
    return _shallow_copy(_shared_parse(text, loc))


def _shared_parse(text: str, loc: Locality | None, loc_key: tuple | None = None) -> _Parsed | None:
    """parse_org's result as cached, shared by every caller: only to be read. (``loc_key``: see
    canonical_org.)"""
    loc = loc or Locality()
    key = (text, loc_key if loc_key is not None else locality_key(loc))
    if key in _PARSE_CACHE:
        return _PARSE_CACHE[key]
    if len(_PARSE_CACHE) >= _PARSE_CACHE_SIZE:
        _PARSE_CACHE.clear()
    parsed = _PARSE_CACHE[key] = _parse_org(text, loc)
    return parsed


def _parse_org(text: str, loc: Locality) -> _Parsed | None:
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
        if parsed is not None and not parsed.complete and parsed.unit:
            parsed = _shared_body(parser, parsed) or parsed
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
        generic_tail = p["generic_after"].match(after)
        if generic_tail and generic_tail.group(0).strip() == "trực thuộc" \
                and _CAPITAL_WORD_AFTER.match(norm, parsed.end + generic_tail.end()):
            generic_tail = None  # "Đảng ủy Bộ X trực thuộc Đảng ủy Chính phủ": a statement, not a plural
        generic = (_PLURAL_BEFORE.search(before) or generic_tail or _COUNTED_PLACES_AFTER.match(after))
        if parsed.name == "Quốc hội" and _DELEGATE_BEFORE.search(before) and _PROVINCE_WORD_AFTER.match(after):
            generic = True  # "đoàn đại biểu Quốc hội tỉnh": the delegation, read at "đoàn"
        if parsed.name == "Quốc hội" and _DELEGATES_BEFORE.search(norm[max(0, start - 24) : start]):
            generic = True  # "các vị đại biểu Quốc hội": delegates, not the assembly
        if parsed.kind == "party organisation" and _CONGRESS_BEFORE.search(norm, max(0, start - 50), start):
            generic = True  # "Đại hội đại biểu Đảng bộ tỉnh X": names the congress, not the body
        if not generic:
            evidence = sentence
            found.append((parsed.to_org(evidence), norm[start : parsed.end]))
        pos = max(parsed.end, m.end())
    return found


# "Nghị quyết 15, Chỉ thị 15 của Thành ủy": a group's subject lists numbered documents.
_NUMBERED_DOCUMENT = r"(?:Nghị quyết|Chỉ thị|Quy định|Kết luận|Đề án|Chương trình|Kế hoạch)\s+(?:số\s+)?\d"
# Where a group's name ends in running text: punctuation, a dash, or a verb or preposition.
_GROUP_CLAUSE_END = re.compile(
    r"[;:.()\"“”]|,\s(?!%s)|\s-\s|\s(?:do|đã|sẽ|đang|được|tổ chức|họp|làm việc|chủ trì|tiến hành|với|tại|và\s+các|cho|trong|gồm|có|ngày|lần|nhiệm kỳ|năm)\s"
    % _NUMBERED_DOCUMENT)
_COORDINATION = re.compile(r"\s*,\s*|\s+và\s+")


def _shared_body(parser: _Parser, unit: _Parsed) -> _Parsed | None:
    """A bare unit coordinated with a unit of a named body shares that body: "Ban Chấp hành,
    Ban Thường vụ Tỉnh ủy X" -> "Ban Chấp hành Tỉnh ủy X" (ending where the unit ends)."""
    link = _COORDINATION.match(parser.text, unit.end)
    if not link:
        return None
    following = parser.parse(link.end())
    if following is None or not following.complete or following.unit is None or following.base is None:
        return None
    shared = _Parser(f"{unit.unit} {following.base.name}", parser.loc, whole=True).parse(0)
    if shared is None or not shared.complete:
        return None
    shared.end = unit.end
    return shared


# A party organisation of a place ("Đảng bộ tỉnh X"), whose committee keeps its own name.
_TERRITORIAL_PARTY_ORG = re.compile(r"Đảng bộ (?:tỉnh|thành phố|Thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?:\s|$)")
# "Đại hội (đại biểu) (lần thứ XVII|XVII)" right before a party organisation: its congress.
_CONGRESS_BEFORE = re.compile(r"(?i:đại\s+hội)(?:\s+(?i:đại\s+biểu))?(?:\s+(?i:lần\s+thứ)\s+\S+|\s+[IVXLC]+)?\s+$")
_CAPITAL_WORD_AFTER = re.compile(rf"\s+[{geo.UPPER}]")
# A mention read as generic: "các Huyện ủy", "Ủy ban nhân dân 12 xã", "các vị đại biểu Quốc hội".
_PLURAL_BEFORE = re.compile(r"(các|những|mỗi|từng)\s+$")
_COUNTED_PLACES_AFTER = re.compile(r"\s+\d+\s+(tỉnh|thành phố|huyện|quận|xã|phường)")
_DELEGATE_BEFORE = re.compile(r"(?i:đại biểu)\s+$")
_PROVINCE_WORD_AFTER = re.compile(r"\s+(tỉnh|thành phố)")
_DELEGATES_BEFORE = re.compile(r"(?i:(?:các|những)\s+(?:vị\s+)?đại\s+biểu)\s+$")
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


# "X trực thuộc Y", "X là 1 trong 50 đảng bộ thuộc Y", "X được thành lập theo mô hình mới, trực thuộc Y".
_PART_OF_LINK = re.compile(
    r"^[\s,]*(?:là\s+(?:1|một)\s+trong\s+[\w\s]*?\s+|(?:được\s+)?thành\s+lập\b[^,;:.()]{0,60},\s*)?"
    r"(?:trực\s+thuộc|thuộc)\s+$", re.IGNORECASE)


def find_part_of_statements(sentence: str, loc: Locality | None = None,
                            mentions: list[tuple[Organization, str]] | None = None) -> list[tuple[Organization, Organization]]:
    """(child, parent) pairs the text states: "X là 1 trong 50 đảng bộ ... thuộc Đảng bộ TP",
    "X trực thuộc Y". ``mentions``: what find_organizations(sentence, loc) gave, if the caller has it."""
    loc = loc or Locality()
    norm = normalise_org_text(sentence)
    if mentions is None:
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
    district_kinds: dict[str, str] = {}  # district -> the kind the text first writes it with
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
                if place.province:  # a city or district named is a vote for its own province
                    province_votes[place.province] += w
                if place.explicit and place.kind:
                    district_kinds.setdefault(place.name, place.kind)
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
    district_kind = district_kinds.get(district) if district else None
    if province and published and published >= REFORM_DATE:
        province = geo.province_2025(province) or province
        district = district_kind = None
    loc = Locality(province=province, district=district, published=published, district_kind=district_kind,
                   commune=_article_commune(paragraphs))
    loc.known = _known_full_names(doc, loc)
    for short, full in _known_business_names(doc, loc).items():
        loc.known.setdefault(short, full)
    for short, full in _known_ministry_committee(doc, loc).items():
        loc.known.setdefault(short, full)
    own = _own_party_committee(doc.text, loc)
    if own:  # a bare "Bí thư Đảng ủy" in an article about one enterprise or commune
        loc.known.setdefault(fold("Đảng ủy"), own)
        loc.known.setdefault(fold("Đảng bộ"), "Đảng bộ" + own[len("Đảng ủy"):])
    return loc


_MINISTRY_COMMITTEE = re.compile(r"Đảng (?:ủy|bộ) Bộ ")


def _known_ministry_committee(doc: Document, loc: Locality) -> dict[str, str]:
    """In an article about one ministry's party committee ("Đảng ủy Bộ Tài chính", and no other
    ministry's), bare "Đảng ủy Bộ" / "Đảng bộ Bộ" mean that one."""
    if "Đảng ủy Bộ " not in doc.text and "Đảng bộ Bộ " not in doc.text:
        return {}
    text = normalise_org_text(doc.text)
    parser = _Parser(text, loc)
    ministries: set[str] = set()
    for m in _MINISTRY_COMMITTEE.finditer(text):
        parsed = parser.parse(m.start())
        if parsed is not None and parsed.complete and _central(parsed.name[len("Đảng ủy "):]) is not None:
            ministries.add(parsed.name[len("Đảng ủy "):])
    if len(ministries) != 1:
        return {}
    ministry = ministries.pop()
    return {fold("Đảng ủy Bộ"): f"Đảng ủy {ministry}", fold("Đảng bộ Bộ"): f"Đảng bộ {ministry}"}


def _own_party_committee(text: str, loc: Locality) -> str | None:
    """The one grassroots or enterprise party committee the article is about: its commune's, or
    the enterprise whose "Đảng ủy <name>" it writes in full (and no other such)."""
    if loc.commune:
        return f"Đảng ủy {loc.commune[0]} {loc.commune[1]}"
    committees = {full for key, full in loc.known.items() if full.startswith("Đảng ủy ") and is_business(full[8:])}
    if len(committees) == 1:
        full = committees.pop()
        if full in normalise_org_text(text):
            return full
    return None


# The kind word "xã", "phường" or "thị trấn" not glued to a letter before it, then the name. (Each
# kind word is written ahead of its look-behind: a search then skips to its first letter fast,
# where a pattern starting with a look-behind is tried at every position.)
_COMMUNE = re.compile(
    rf"(xã(?<![\wÀ-ỹ]xã)|phường(?<![\wÀ-ỹ]phường)|thị trấn(?<![\wÀ-ỹ]thị trấn))"
    rf"\s+({geo.PROPER_WORD}(?:\s+{geo.PROPER_WORD}){{0,3}})"
)


def _article_commune(paragraphs: list[str]) -> tuple[str, str] | None:
    """The commune or ward an article is about: named in its title or lede and more often than
    any other ("Đảng bộ xã Tân Lợi" ... "xã Tân Lợi"); bare "Đảng ủy xã", "UBND xã" then mean it."""
    votes: Counter[tuple[str, str]] = Counter()
    for index, para in enumerate(paragraphs):
        if "xã" not in para and "phường" not in para and "thị trấn" not in para:
            continue
        for m in _COMMUNE.finditer(para):
            votes[(m.group(1), m.group(2))] += 3 if index < 2 else 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 4 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


_URL_SCHEME = re.compile(r"^[a-z]+://")
_URL_PREFIXES = ("bao", "tinhuy", "thanhuy", "huyenuy", "dangbo", "cong", "www")


def _places_in_url(url: str | None) -> tuple[str | None, str | None]:
    """Province and district spelled in a site address: "kimthanh.haiduong.gov.vn",
    "baothainguyen.vn", "tuyphong.binhthuan.dcs.vn"."""
    if not url:
        return None, None
    host = _URL_SCHEME.sub("", url.lower()).split("/")[0].split(":")[0]
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


@lru_cache(maxsize=1)
def _khoi_abbreviations() -> tuple[str, ...]:
    """Abbreviations whose expansion (by canonical or the lexicon) writes "khối" ("ĐUK")."""
    pairs = [*ABBREVIATIONS, *_lexicon()["kinds"]["extra_abbreviations"].items()]
    found = {a for a, full in pairs if "khối" in _case_key(full)}
    found |= {a for a, full in ABBREVIATIONS if any(k in full for k in found)}
    return tuple(found)


@lru_cache(maxsize=1)
def _abbreviations_ending_in_uy_or_bo() -> tuple[str, ...]:
    """Abbreviations whose expansion (by canonical or the lexicon) ends in the word "ủy" or "bộ"
    ("BTVTU" -> "Ban Thường vụ Tỉnh ủy"): written before "khối", the expansion puts one of those
    words right before it."""
    pairs = [*ABBREVIATIONS, *_lexicon()["kinds"]["extra_abbreviations"].items()]
    found = {a for a, full in pairs if _case_key(full).split(" ")[-1] in ("ủy", "bộ")}
    found |= {a for a, full in ABBREVIATIONS if any(k in full for k in found)}
    return tuple(found)


@lru_cache(maxsize=1)
def _khoi_after_uy_or_bo() -> re.Pattern[str]:
    """ "ủy khối", "bộ khối", or an abbreviation of _abbreviations_ending_in_uy_or_bo then "khối",
    in lower-cased text, any white space between."""
    before = ["ủy", "bộ", *(re.escape(_case_key(a)) for a in _abbreviations_ending_in_uy_or_bo())]
    return re.compile(rf"(?:{'|'.join(before)})\s+khối")


def _may_name_khoi_committee(paragraphs: list[str]) -> bool:
    """False only when normalise_org_text(text) of the article's text (its paragraphs joined by
    blank lines) cannot contain "Đảng ủy Khối" or "Đảng bộ Khối" (any white space between):
    most articles that write "khối" write "khối lượng", "khối đại đoàn kết", and normalising a
    whole article is slow. Normalising cleans, expands abbreviations and re-cases (which keeps
    the text's _case_key), so the cleaned text has an abbreviation that writes "khối", or its
    _case_key has "ủy khối" or "bộ khối", or an abbreviation written right before "khối" writes
    the "ủy"/"bộ" before it.

    The text is cleaned paragraph by paragraph: nothing clean_text changes spans a line break,
    and resolve_locality has just cleaned each paragraph (to find places), so most are cached."""
    cleaned = squash_spaces("\n\n".join(map(clean_text, paragraphs)))
    if any(a in cleaned for a in _khoi_abbreviations()):
        return True
    # The letters of _case_key(cleaned) without squashing its white space (slow on a whole
    # article; the pattern allows any white space).
    if any(chr(c) in cleaned for c in _CASE_FIXES):
        cleaned = cleaned.translate(_CASE_FIXES)
    lowered = cleaned.lower()
    return "khối" in lowered and _khoi_after_uy_or_bo().search(lowered) is not None


# Compiled here, not on first use: the proper-name classes make it slow to compile (~3 ms).
_KHOI_FULL_NAME = re.compile(
    rf"Đảng\s+(?:ủy|bộ)\s+Khối\s+[^,.;:()]{{3,60}}?\s+(?:tỉnh|thành phố)\s+{geo.PROPER_WORD}(?:\s+{geo.PROPER_WORD}){{0,3}}"
)
_KHOI_DESCRIPTION = re.compile(r"Đảng\s+(?:ủy|bộ)\s+Khối\s+(.*?)\s+(?:tỉnh|thành phố)\s")


def _known_full_names(doc: Document, loc: Locality) -> dict[str, str]:
    """Full names of bodies the article later shortens ("Đảng ủy Khối các cơ quan thành phố Hà Nội")."""
    known: dict[str, str] = {}
    if not _may_name_khoi_committee(doc.paragraphs):
        return known  # the pattern below needs "Đảng ủy Khối"; skip normalising the whole article
    text = normalise_org_text(doc.text)
    for m in _KHOI_FULL_NAME.finditer(text):
        full = _WHITESPACE.sub(" ", m.group(0))
        places = geo.find_places(full)
        if not places:
            continue
        full = full[: places[-1].end]
        head = "Đảng ủy" if full.startswith("Đảng ủy") else "Đảng bộ"
        other = "Đảng bộ" if head == "Đảng ủy" else "Đảng ủy"
        for key_head, value in ((head, full), (other, other + full[len(head):])):
            known.setdefault(fold(key_head + " Khối"), value)
            desc = _KHOI_DESCRIPTION.match(value)
            if desc:
                known.setdefault(fold(f"{key_head} Khối {desc.group(1)}"), value)
    return known


_BODY_WORD = re.compile(r"(?i)(Bộ|Sở|Ban|Ủy ban|Hội đồng|Văn phòng|Đoàn|Mặt trận|Công an|Quân)\s")
_LEVEL_WORD = re.compile(r"(?i)\b(tỉnh|huyện|quận|thành phố|xã|phường)\b")


def looks_like_org_or_place(text: str) -> bool:
    """True for "Thành ủy Hà Nội", "Chương Mỹ", "Ban Tổ chức", "HĐND huyện": not a person's name."""
    norm = normalise_org_text(text).strip()
    if not norm:
        return False
    if _patterns()["head_re"].match(norm) or _BODY_WORD.match(norm):
        return True
    if geo.province_info(norm) is not None or geo.districts_named(norm):
        first = norm.split()[0]
        return first not in _surnames() or len(norm.split()) <= 2
    return bool(_LEVEL_WORD.search(norm))


# --- the Central Committee named as a body ------------------------------------------------------

# "Ủy viên (dự khuyết) (Ban Chấp hành) Trung ương Đảng": membership of the Central Committee, a rank.
_CC_MEMBERSHIP = re.compile(r"Ủy\s+viên(?:\s+dự\s+khuyết)?\s+(?:Ban\s+Chấp\s+hành\s+)?(?i:trung\s+ương)(?:\s+Đảng)?")
# The body itself: "Ban Chấp hành Trung ương (Đảng)", or the owner of documents ("các nghị quyết,
# quy định của Trung ương"); not the Youth Union's or another association's central committee.
_CC_BODY = re.compile(
    # (the look-ahead: the letters the two forms can start with, so a search skips the others fast;
    # "\u212a", the Kelvin sign, is a "k" to case-insensitive matching)
    "(?=[BnNcCqQkK\u212avVhH])"
    r"(?:Ban\s+(?i:chấp\s+hành)\s+(?i:trung\s+ương)"
    r"|(?i:nghị\s+quyết|chỉ\s+thị|quy\s+định|kết\s+luận|văn\s+bản|chủ\s+trương|hướng\s+dẫn)[^.;:]{0,40}?\s+của\s+(?i:trung\s+ương))"
    r"(?![\wÀ-ỹ])(?!\s+(?:Đoàn|Hội|Mặt\s+trận|Công\s+đoàn))"
)


@lru_cache(maxsize=8192)  # asked once or twice for every sentence
def names_central_committee(sentence: str) -> bool:
    """Whether ``sentence`` names the Central Committee as a body, not only as a member's rank."""
    norm = normalise_org_text(sentence)
    if "trung" not in norm.lower():
        # No "trung ương" in the key below either: _case_key only lower-cases (after mapping
        # "İ", "ı", "ſ", "ẛ", none of which lower-cases to a letter of "trung") and squashes
        # white space. Lower-casing alone is cheaper than the key, and most sentences stop here.
        return False
    key = _case_key(norm)
    if "trung ương" not in key:
        return False  # both patterns need "trung ương" in some case and spacing; most sentences lack it
    if "ban chấp hành trung ương" not in key and "của trung ương" not in key:
        # _CC_BODY ends in one of these (in the key's spelling): without them, no search (a slow
        # one, tried at every "n", "c", "h" or "v") can match. Most sentences that say "Trung
        # ương" name a central body ("Ban Tổ chức Trung ương") or a member's rank.
        return False
    return bool(_CC_BODY.search(_CC_MEMBERSHIP.sub(" ", norm)))


# --- businesses: named inside their party committee's name --------------------------------------


@lru_cache(maxsize=1)
def _business_heads() -> tuple[str, ...]:
    return tuple(n["head"] for n in _lexicon()["kinds"]["named_heads"] if n.get("business"))


@lru_cache(maxsize=1)
def _business_short() -> re.Pattern[str]:
    """A business head with no name after it ("Đảng ủy Tập đoàn; ..."): the article's own business."""
    heads = "|".join(_ci(h) for h in _business_heads())
    return re.compile(rf"({heads})(?![\wÀ-ỹ])(?!\s+[{geo.UPPER}\d])")


@lru_cache(maxsize=1)
def _unlisted_heads() -> tuple[str, ...]:
    return tuple(s["name"] for s in _lexicon()["kinds"]["state_bodies"] if s.get("listed") is False)


def is_listed_body(name: str) -> bool:
    """False for bodies the annotation leaves out of organisations ("Ủy ban Mặt trận Tổ quốc
    Việt Nam tỉnh X", org_kinds.json ``listed: false``)."""
    return not name.startswith(_unlisted_heads())


def is_business(name: str) -> bool:
    """"Tập đoàn Hóa chất Việt Nam": an enterprise, listed only inside "Đảng ủy Tập đoàn ..."."""
    return name.startswith(_business_prefixes())


@lru_cache(maxsize=1)
def _business_prefixes() -> tuple[str, ...]:
    return tuple(h + " " for h in _business_heads())


def _business_committee_parent(head: str, inner: str, loc: Locality) -> _Parsed | None:
    """The party committee of a national enterprise sat in the central enterprise bloc until it
    was dissolved (loaders/data/org_kinds.json business_party_committee)."""
    rule = _lexicon()["kinds"].get("business_party_committee")
    if head not in ("Đảng ủy", "Đảng bộ") or not rule or not is_business(inner) or not inner.endswith(" " + rule["national_suffix"]):
        return None
    if _after_enterprise_bloc(loc):
        return None
    if head == "Đảng bộ":  # the enterprise's party organisation sits in the bloc's
        return _Parsed("Đảng bộ" + rule["parent"][len("Đảng ủy"):], "party organisation", "central", None, None)
    return _central(rule["parent"]) or _Parsed(rule["parent"], "party committee", "central", None, _central(CENTRAL_COMMITTEE))


def _after_enterprise_bloc(loc: Locality) -> bool:
    """Whether the article is dated after the central enterprise bloc was dissolved."""
    rule = _lexicon()["kinds"].get("business_party_committee")
    return bool(rule and loc.published and loc.published >= rule["until"])


def _known_business_names(doc: Document, loc: Locality) -> dict[str, str]:
    """"Đảng ủy Tập đoàn" -> "Đảng ủy Tập đoàn Hóa chất Việt Nam" when the article names exactly
    one business of that kind in full (keys folded, as Locality.known)."""
    heads = _business_heads()
    lower = doc.text.lower()
    if not any(h.lower() in lower for h in heads):
        return {}
    text = normalise_org_text(doc.text)
    parser = _Parser(text, loc)
    names: dict[str, set[str]] = {}
    for m in _patterns()["business_head_re"].finditer(text):
        parsed = parser._named_at(m.start())
        if parsed is not None and parsed.complete and is_business(parsed.name):
            head = next(h for h in heads if parsed.name.startswith(h + " "))
            names.setdefault(head, set()).add(parsed.name)
    known: dict[str, str] = {}
    for head, full in names.items():
        if len(full) == 1:
            name = full.pop()
            for party in ("Đảng ủy", "Đảng bộ"):
                known[fold(f"{party} {head}")] = f"{party} {name}"
    return known


# --- abbreviations an article defines -----------------------------------------------------------

_ROMAN_NUMBER = re.compile(r"[IVXLC]+")
_DEFINED = re.compile(rf"\(([{geo.UPPER}][{geo.UPPER}&]{{1,9}})\)")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the article defines: "Ngân hàng Phát triển Việt Nam (NHPT)" -> {"NHPT": ...}.

    The full form is the shortest run of words before the brackets that starts with a capital
    and whose initials contain the abbreviation's letters in order, starting with its first one.
    """
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        abbr = m.group(1)
        if abbr in found or _ROMAN_NUMBER.fullmatch(abbr):
            continue
        letters = fold(abbr).lower().replace("&", "")
        words = text[max(0, m.start() - 150) : m.start()].split()[-12:]
        for k in range(len(words) - 1, -1, -1):
            run = words[k:]
            if not run[0][:1].isupper() or len(run) < len(letters) // 2:
                continue
            initials = "".join(fold(w)[:1].lower() for w in run)
            if initials[0] == letters[0] and _subsequence(letters, initials):
                head = next((h for h in _business_heads() if " ".join(words[:k]).endswith(h)), None)
                found[abbr] = ((head + " ") if head else "") + " ".join(run).strip(" ,;:-")
                break  # "Tổng công ty Đường sắt Việt Nam (ĐSVN)": the head stays in the full name
        else:
            business = _business_name_before(" ".join(words))
            if business:  # "Tập đoàn Điện lực Việt Nam (EVN)": an English acronym of the name
                found[abbr] = business
    return found


def _business_name_before(text: str) -> str | None:
    """The business named at the very end of ``text``: a business head and capitalised words."""
    m = _patterns()["business_at_end"].search(text.rstrip(" ,;:-"))
    return m.group(0) if m else None
