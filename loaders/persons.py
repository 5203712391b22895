"""People named in an article's body, with every title the text gives them, merged per person.

The genre writes a person in a few fixed shapes, and this module reads exactly those:

* title after the name: "Đồng chí A, Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức Thành ủy
  phát biểu" (titles separated by commas, up to the verb or the clause end), also with a dash
  ("Nguyễn Trường Năng - Ủy viên Ban thường vụ, ...");
* title before the name: "Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo" (the title must touch the name;
  comma-separated titles before it belong to the same person: "Tổng Bí thư, Chủ tịch nước Tô Lâm");
* lists: "Các đồng chí: A, title; B, title", "các đồng chí Ủy viên Bộ Chính trị: A, ...; B, ..."
  (the group title applies to the first item and to every item that opens with a name), and
  "các Phó Chủ tịch HĐND tỉnh A, B" (a plural title shared by the names that follow);
* a name without a title after an address ("đồng chí A và B", "đ/c X", "ông X") or before a
  verb of the meeting ("X phát biểu");
* later short references ("Đồng chí Vũ Đức Bảo", "đồng chí Bảo") resolve to the same person.

A name is 2-4 capitalised syllables, normally starting with a family name from
``loaders/data/surnames.txt``. Place names (from the gazetteer), committee names and titles are
not names. The title phrases found are split into offices by ``loaders.titles.split_titles``,
which also makes each office's organisation explicit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from pathlib import Path

from loaders import geo
from loaders.orgs import Locality, _surnames
from loaders.fastre import first_letter_alternation
from loaders.records import Person, Title
from loaders.textnorm import clean_text
from loaders.titles import _leading_letters, _may_open_title, looks_like_org_or_place, split_titles, title_starts_at

_DATA = Path(__file__).parent / "data"

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_LETTER = UPPER + LOWER + "0-9"
_SYLLABLE = rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]*"  # "H'Yim": an Ê-đê woman's name
# A run of two or more capitalised syllables separated by single spaces.
# Both open with their first letter's class (the look-behind comes after it), so that a search
# jumps from one capital to the next instead of trying the look-behind at every position.
_CAP_RUN = re.compile(
    rf"[{UPPER}](?<![{_LETTER}/].)(?:['’][{UPPER}])?[{LOWER}]*(?: {_SYLLABLE})+(?![{_LETTER}])"
)
_WORD_START = re.compile(rf"[{_LETTER}](?<![{_LETTER}/].)")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = json.loads((_DATA / "person_cues.json").read_text(encoding="utf-8"))
    words = sorted(set(data["clause_words"]), key=len, reverse=True)
    exceptions = data["clause_word_exceptions"]

    def word_re(w: str) -> str:
        body = r"\s+".join(map(re.escape, w.split()))
        if w in exceptions:
            body += r"(?!\s+(?:%s)(?![%s]))" % ("|".join(map(re.escape, exceptions[w])), _LETTER)
        return body

    alternation = "|".join(word_re(w) for w in words)
    address = "|".join(re.escape(a) for a in sorted(set(data["address_terms"]), key=len, reverse=True))
    not_person = "|".join(re.escape(w) for w in sorted(set(data["not_person_before"]), key=len, reverse=True))
    return {
        # Where a title written after (or before) a name stops (the definition: _title_end finds
        # the same stop in two cheaper searches, which tests/test_fast_paths_persons.py checks).
        "title_end": re.compile(
            rf"\s*[,;:()“”\"|]|\.(?:\s|$)|\s+-\s+|\s+-$|(?<![{_LETTER}])(?:{alternation})(?![{_LETTER}])"
            rf"|\s+và\s+(?=(?:{address}|các)\b)"
        ),
        # "title_end" without its clause words (see _title_end), each match starting where that
        # branch of "title_end" does or, for its white-space runs, later in the same run.
        "title_break": re.compile(
            rf"[,;:()“”\"|]|\.(?:\s|$)|\s(?=-(?:\s|$))|\s(?=và\s+(?:{address}|các)\b)"
        ),
        "clause": re.compile(rf"(?<![{_LETTER}])(?:{alternation})(?![{_LETTER}])"),
        "address_before": re.compile(rf"(?i:(?<![{_LETTER}])(?:{address}))\s*:?\s*$"),
        "address_tokens": frozenset(data["address_tokens"]),
        "not_person_before": re.compile(rf"(?<![{_LETTER}])(?:{not_person})\s+$"),
        "weak_surnames": frozenset(data["weak_surnames"]),
        "not_name_words": frozenset(data["not_name_words"]),
        "not_name_after": re.compile(r"\s(?:%s)(?![%s])" % ("|".join(map(re.escape, data["not_name_followers"])), _LETTER)),
        # (The address words as loaders.fastre writes them, opening with their first letters, so
        # that a search skips other words fast: it reads every sentence of an article.)
        "short_ref": re.compile(_address_alternation(data["address_terms"]) + rf"\s+({_SYLLABLE})(?! [{UPPER}])(?![{_LETTER}])"),
        # The most characters "address_before" / "not_person_before" can match in a normalised
        # sentence (single spaces): the longest word and the spaces and colon after it.
        "address_reach": max(map(len, data["address_terms"])) + 3,
        "not_person_reach": max(map(len, data["not_person_before"])) + 1,
    }


def _address_alternation(terms: list[str]) -> str:
    """``(?i:(?<![letter])(?:term|...))``, longest term first, written by loaders.fastre to open
    with the terms' first letters (the same matches)."""
    ordered = sorted(set(terms), key=len, reverse=True)
    return first_letter_alternation([(t[0], re.escape(t[1:])) for t in ordered], f"[{_LETTER}]", ignore_case=True)[0]


def normalise_sentence(sentence: str) -> str:
    """The form every matcher here works on: clean_text (tone placement, Đ) and single spaces."""
    text = clean_text(sentence)
    # Squash only when needed: every white-space character but the plain space is unprintable.
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    return text.strip()


# --------------------------------------------------------------------------- names


@dataclass
class _Candidate:
    start: int
    end: int
    name: str
    surname_led: bool


@lru_cache(maxsize=65536)  # asked for every capitalised run of every sentence; names repeat
def _is_place(name: str) -> bool:
    return geo.province_info(name) is not None or bool(geo.districts_named(name))


_CENTRAL_HIGHLANDS_PREFIX = re.compile(r"Y|H|H['’][A-ZĐÀ-Ỹ][\wÀ-ỹ]*")


@lru_cache(maxsize=65536)
def _is_place_as_written(name: str) -> bool:
    """A place spelled with its own tone marks: "Chu" (a surname) is not "Chũ" (a town), which
    the accent-free lookup of ``_is_place`` would equate."""
    if geo.province_info(name) is not None:
        return True
    written = clean_text(name)
    return any(d.name == written for d in geo.districts_named(name))


def _name_candidates(s: str) -> list[_Candidate]:
    """Possible person names in a normalised sentence, before any context check."""
    return list(_name_candidates_of(s))


@lru_cache(maxsize=4096)
def _name_candidates_of(s: str) -> tuple[_Candidate, ...]:
    # Pure in ``s`` and find_persons reads every sentence twice, so the second read is a lookup.
    not_name_after = _cues()["not_name_after"]
    found: list[_Candidate] = []
    for run in _CAP_RUN.finditer(s):
        text = run.group(0)
        words = text.split(" ")
        starts = _word_starts(run.start(), words)
        # A title start inside the run ends the name before it ("Trương Thị Mai Ủy viên ...").
        # Most runs hold no word a title can open with, and that is a lookup on the run's text.
        following = s[run.end() : run.end() + 1]
        title_words = [i for i in _title_opening_words(text, following) if title_starts_at(s, starts[i])]
        first = 0
        for stop in (*title_words, len(words)):
            if stop > first:
                # (A segment's last word is followed by a space or by what follows the run.)
                end = starts[stop - 1] + len(words[stop - 1])
                if not not_name_after.match(s, end):
                    name = _name_in_words(tuple(words[first:stop]))
                    if name is not None:
                        offset, written, surname_led = name
                        found.append(_Candidate(starts[first + offset], end, written, surname_led))
            first = stop + 1
    if "'" in s or "’" in s:
        found.extend(_apostrophe_names(s, found, _cues()))
        found.sort(key=lambda c: c.start)
    return tuple(found)


def _word_starts(start: int, words: list[str]) -> list[int]:
    """Where each word of a ``_CAP_RUN`` match starts; the run's words are one space apart."""
    starts = []
    for word in words:
        starts.append(start)
        start += len(word) + 1
    return starts


@lru_cache(maxsize=65536)  # capitalised runs (names, bodies, places) repeat across articles
def _title_opening_words(run: str, following: str) -> tuple[int, ...]:
    """Indices of the words of a ``_CAP_RUN`` match where a title may start (``title_starts_at``
    is then asked there): every word where it does, and maybe a few more.

    ``title_starts_at`` first reads the letters at the word (in ``titles``' wider letter class).
    A word followed by a space has just its own, up to an apostrophe ("H'Yim": "H"); so has the
    last word when the character ``following`` the run is no such letter. When it is one (the
    run ends before a letter the name pattern does not know, "ç"), the last word is kept."""
    words = run.split(" ")
    last = len(words) - 1
    if following and _leading_letters(following):
        return tuple(i for i, word in enumerate(words) if i == last or _may_open_title(_leading_letters(word)))
    return tuple(i for i, word in enumerate(words) if _may_open_title(_leading_letters(word)))


# A one-word ethnic-minority name written with an apostrophe ("K'Brơi", "H'Loan").
_APOSTROPHE_NAME = re.compile(rf"(?<![{_LETTER}/])[{UPPER}]['’][{UPPER}][{LOWER}]+(?![{_LETTER}'’])(?! [{UPPER}])")


def _apostrophe_names(s: str, found: list[_Candidate], cues: dict) -> list[_Candidate]:
    """One-word names ("đồng chí K'Brơi") are names only right after an address ("đồng chí", "ông")."""
    extra = []
    for m in _APOSTROPHE_NAME.finditer(s):
        if any(c.start <= m.start() < c.end for c in found):
            continue
        if cues["address_before"].search(s, max(0, m.start() - 12), m.start()):
            extra.append(_Candidate(m.start(), m.end(), m.group(0), True))
    return extra


@lru_cache(maxsize=65536)  # pure in the words, and the same names and bodies recur across articles
def _name_in_words(words: tuple[str, ...]) -> tuple[int, str, bool] | None:
    """The person's name a segment of a capitalised run holds: (index of its first word, the
    name, whether a family name leads it), or None. What follows the segment is checked before."""
    cues = _cues()
    address_tokens, weak = cues["address_tokens"], cues["weak_surnames"]
    surnames = _surnames()
    first = 0
    # "Ông Nguyễn Thành Tâm": an address word is not part of the name.
    while first < len(words) - 2 and words[first] in address_tokens:
        first += 1
    # Leading place names ("Hà Nội Nguyễn Thị Tuyến" after "Thành ủy").
    for k in range(min(3, len(words) - first - 2), 0, -1):
        if _is_place_as_written(" ".join(words[first : first + k])):
            first += k
            break
    rest = words[first:]
    if len(rest) < 2:
        return None
    if 2 <= len(rest) <= 5 and _CENTRAL_HIGHLANDS_PREFIX.fullmatch(rest[0]):
        # Ê-đê / Jrai names: "Y" (men) or "H'" (women) then up to four names ("Y Thanh Hà Niê
        # Kđăm", "H'Hen Niê"); a Kinh surname inside them does not start the name.
        if not any(w in cues["not_name_words"] for w in rest[1:]) and not _is_place(" ".join(rest[1:])):
            return first, " ".join(rest), True
    for i in range(len(rest)):
        if rest[i] in surnames and 2 <= len(rest) - i <= 4 and (i == 0 or rest[i] not in weak):
            name = " ".join(rest[i:])
            if any(w in cues["not_name_words"] for w in rest[i + 1 :]):
                return None
            return None if _is_place(name) else (first + i, name, True)
    if 2 <= len(rest) <= 4:
        name = " ".join(rest)
        if not _is_place(name) and not looks_like_org_or_place(name):
            return first, name, False
    return None


# --------------------------------------------------------------------------- titles around a name


def _title_end(s: str, pos: int, starts: set[int]) -> int:
    """Where a title beginning at ``pos`` stops: punctuation, a verb, or the next name.

    ``title_end`` tries its clause words (a long alternation) at every position up to the stop.
    The punctuation is found first, by a pattern of the other branches; then the clause words
    are searched only before it. The same stop: a clause word is letters, so it neither lies in
    the white space where "title_break" may start later than "title_end", nor reaches past that
    break (a non-letter, which also ends the look-ahead "no letter after" as the window's end does)."""
    cues = _cues()
    brk = cues["title_break"].search(s, pos + 1)
    end = brk.start() if brk else len(s)
    verb = cues["clause"].search(s, pos + 1, end)
    if verb:
        end = verb.start()
    for st in starts:
        if pos < st < end:
            end = st
    return len(s[:end].rstrip())


_AFTER_NAME = re.compile(r"\s*(?:,|-|:|\()\s*")  # what opens the titles written after a name
_BETWEEN_TITLES = re.compile(r"\s*(,|;|-(?=\S))\s*")
_BOUNDARY_CHARS = ",;:()“”\"|"  # the one-character boundaries of _TITLE_BOUNDARY
_TITLE_BOUNDARY = re.compile(f"[{re.escape(_BOUNDARY_CHARS)}]|\\s-\\s")  # no title written before a name crosses these


def _titles_after(s: str, end: int, starts: set[int]) -> list[str]:
    """Title phrases written after a name: ", Ủy viên ..., Trưởng ban ..." up to the clause end."""
    m = _AFTER_NAME.match(s, end)
    if not m:
        return []
    chain: list[str] = []
    pos = m.end()
    while pos < len(s) and title_starts_at(s, pos):
        stop = _title_end(s, pos, starts)
        if stop <= pos:
            break
        touching_name = stop + 1 in starts  # a name starts right after the title and its space
        if touching_name:
            break  # the title belongs to the name it touches ("..., Phó Chủ tịch HĐND tỉnh Trần Xuân Vinh")
        chain.append(s[pos:stop])
        sep = _BETWEEN_TITLES.match(s, stop)
        if not sep:
            break
        nxt = sep.end()
        if sep.group(1) == ";":
            # "Ủy viên Bộ Chính trị; Bí thư Trung ương Đảng, ...": go on only while no name follows.
            item_end = s.find(";", nxt)
            item_end = len(s) if item_end < 0 else item_end
            if any(nxt <= st < item_end for st in starts):
                break
        pos = nxt
    return chain


def _leftmost_title(s: str, lo: int, hi: int, starts: set[int]) -> int | None:
    """Earliest word start p in [lo, hi) where s[p:hi] is one title phrase (no verb, no name)."""
    clause = _cues()["clause"]
    for m in _WORD_START.finditer(s, lo, hi):
        p = m.start()
        if not title_starts_at(s, p):
            continue
        if clause.search(s, p, hi) or any(p <= st < hi for st in starts):
            continue
        return p
    return None


# Everything up to the last one-character boundary: the greedy ".*" backs off from the end, so
# the match ends right after the last such character (one scan back instead of one per character).
_UP_TO_LAST_BOUNDARY_CHAR = re.compile(f"(?s:.*)[{re.escape(_BOUNDARY_CHARS)}]")


def _last_boundary_end(s: str, hi: int) -> int:
    """Where the last ``_TITLE_BOUNDARY`` before ``hi`` ends (0: none), found from ``hi`` back
    instead of by reading the sentence from its start.

    A one-character boundary is never inside a dash boundary ("\\s-\\s"), so reading the sentence
    from its start meets the last one-character boundary too; after it only dash boundaries can
    follow, and they are read from there (when a dash follows at all)."""
    last_char = _UP_TO_LAST_BOUNDARY_CHAR.match(s, 0, hi)
    lo = last_char.end() if last_char else 0
    if s.find("-", lo, hi) < 0:
        return lo
    for m in _TITLE_BOUNDARY.finditer(s, lo, hi):
        lo = m.end()
    return lo


def _titles_before(s: str, start: int, starts: set[int]) -> tuple[list[str], bool]:
    """Title phrases written right before a name, and whether the title is plural ("các ...")."""
    if start == 0 or s[start - 1] != " ":
        return [], False
    chain: list[str] = []
    plural = False
    hi = start - 1
    while True:
        lo = _last_boundary_end(s, hi)
        p = _leftmost_title(s, lo, hi, starts)
        if p is None:
            break
        if not chain:
            plural = s[max(0, p - 4) : p].lower() == "các "
        chain.insert(0, s[p:hi].strip())
        # Only whole comma-separated segments extend the chain backwards.
        if s[lo:p].strip() or lo == 0 or s[lo - 1] != ",":
            break
        hi = lo - 1
    return chain, plural


# --------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    """A person named in one sentence (offsets in the normalised sentence)."""

    name: str
    start: int
    end: int
    titles: list[str] = field(default_factory=list)


@dataclass
class PersonIndex:
    persons: list[Person]
    mentions: list[list[Mention]]  # per sentence, in order
    normalised: list[str]  # the normalised sentences the offsets refer to


_GROUP = re.compile(r"(?i:các đồng chí)\s+([^:;]{3,200}?):\s*")
_LEADING_ADDRESS = re.compile(r"^(?i:đồng chí|đ/c|ông|bà)\s*")


class _CandidateContext(NamedTuple):  # (a tuple: read-only, and cheaper to build than a frozen dataclass)
    """What the text around one name candidate says, whatever else the article names."""

    candidate: _Candidate
    before_titles: tuple[str, ...]
    after_titles: tuple[str, ...]
    plural: bool  # the titles before are plural ("các ...")
    addressed: bool  # "ông", "đồng chí" ... right before
    list_joiner_before: bool  # ", " / " và " / "; " right before: continues a list
    verb_after: bool


_LIST_JOINER_BEFORE = re.compile(r"(?:,|;|\svà)\s*(?:(?i:đồng chí|đ/c|ông|bà)\s+)?$")
_LIST_JOINER_REACH = len(" và đồng chí ")  # its longest match in a normalised sentence


def _ends_with(pattern: re.Pattern[str], s: str, end: int, reach: int) -> bool:
    """Whether ``pattern`` (anchored with $) matches text of ``s`` ending at ``end``. In a
    normalised sentence such a match is at most ``reach`` long, so only that much is searched
    (searching the whole text before every name would read the sentence again and again)."""
    return pattern.search(s, max(0, end - reach), end) is not None


@lru_cache(maxsize=4096)
def _candidate_contexts(s: str) -> tuple[_CandidateContext, ...]:
    """The name candidates of ``s`` not ruled out by the word before them, with their context.

    Pure in ``s``: find_persons reads every sentence twice (the second time knowing who the
    article's persons are), and only the decisions in ``_sentence_mentions`` differ."""
    cues = _cues()
    candidates = _name_candidates(s)
    starts = {c.start for c in candidates if c.surname_led}
    contexts = []
    for c in candidates:
        if _ends_with(cues["not_person_before"], s, c.start, cues["not_person_reach"]):
            continue
        before_titles, plural = _titles_before(s, c.start, starts)
        contexts.append(_CandidateContext(
            c, tuple(before_titles), tuple(_titles_after(s, c.end, starts)), plural,
            _ends_with(cues["address_before"], s, c.start, cues["address_reach"]),
            _ends_with(_LIST_JOINER_BEFORE, s, c.start, _LIST_JOINER_REACH),
            bool(cues["clause"].match(s, c.end + 1)) if c.end < len(s) else False,
        ))
    return tuple(contexts)


def _sentence_mentions(s: str, known: dict[str, str], authors: set[str], owners_by_given: dict[str, set[str]]) -> list[Mention]:
    mentions = _accepted_mentions(s, known, authors)
    # Cheap checks for the words each rare form needs, before its regex reads the sentence.
    if "các đồng chí" in s.lower():
        _apply_group_titles(s, mentions)
    if "làm trưởng đoàn" in s:
        _apply_delegation_head(s, mentions)
    if known:  # short references resolve only to persons already known
        _add_short_references(s, owners_by_given, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _accepted_contexts(s: str, known: dict[str, str], authors: set[str]) -> list[_CandidateContext]:
    """The candidates of ``s`` that are persons (the decision only: find_persons' first reading
    of an article needs their names, not their titles)."""
    accepted: list[_CandidateContext] = []
    for context in _candidate_contexts(s):
        c = context.candidate
        # A list continuation: ", B" / " và B" / "; B" right after an accepted name or its titles.
        continues = bool(accepted) and context.list_joiner_before
        titled = bool(context.after_titles or context.before_titles)
        if c.name in authors and not titled:
            continue
        if not c.surname_led and not (context.after_titles or context.addressed):
            continue
        if not (titled or context.addressed or continues or context.verb_after or c.name in known):
            continue
        accepted.append(context)
    return accepted


def _accepted_mentions(s: str, known: dict[str, str], authors: set[str]) -> list[Mention]:
    """The name candidates of ``s`` that are persons, with the titles written around them."""
    mentions: list[Mention] = []
    plural_title: list[str] | None = None
    for context in _accepted_contexts(s, known, authors):
        c = context.candidate
        continues = bool(mentions) and context.list_joiner_before
        before_titles = list(context.before_titles)
        titles = before_titles + list(context.after_titles)
        if before_titles and context.plural:
            plural_title = before_titles
        elif not titles and continues and plural_title:
            titles = list(plural_title)
        elif titles:
            plural_title = None
        mentions.append(Mention(c.name, c.start, c.end, titles))
    return mentions


def _owners_by_given(known: dict[str, str]) -> dict[str, set[str]]:
    """The known persons by given name (their last word): "Bảo" -> {"Vũ Đức Bảo"}."""
    owners: dict[str, set[str]] = {}
    for full in known.values():
        owners.setdefault(full.split()[-1], set()).add(full)
    return owners


def _add_short_references(s: str, owners_by_given: dict[str, set[str]], mentions: list[Mention]) -> None:
    """"đồng chí Bảo" -> the one known person whose given name is Bảo."""
    # A short reference names a known given name, so a sentence that holds none has none (the
    # pattern, which reads every address word of the sentence, is not asked).
    if not any(given in s for given in owners_by_given):
        return
    taken = [(m.start, m.end) for m in mentions]
    for m in _cues()["short_ref"].finditer(s):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        owners = owners_by_given.get(m.group(1), ())
        if len(owners) == 1:
            mentions.append(Mention(next(iter(owners)), m.start(1), m.end(1), []))


def _apply_group_titles(s: str, mentions: list[Mention]) -> None:
    """"Các đồng chí Ủy viên Bộ Chính trị: A, ...; B, ...": the group title for the list members."""
    for g in _GROUP.finditer(s):
        group = g.group(1).strip()
        if not title_starts_at(group, 0):
            continue
        items_start = g.end()
        item = 0
        pos = items_start
        for m in mentions:
            if m.start < items_start:
                continue
            item = s.count(";", items_start, m.start)
            item_start = items_start if item == 0 else s.rfind(";", items_start, m.start) + 1
            opener = s[item_start : m.start].strip()
            opener = _LEADING_ADDRESS.sub("", opener)
            # An item may open with a rank only ("Thượng tướng A"): still a member of the group.
            if item == 0 or not opener or _rank_only(opener):
                if group not in m.titles:
                    m.titles.insert(0, group)
            pos = m.end
        del pos


def _rank_only(text: str) -> bool:
    """A military or police rank with no office ("Thượng tướng", "Trung tướng")."""
    return title_starts_at(text, 0) and "," not in text and not split_titles(text)


_DELEGATION = re.compile(r"(?i:(đoàn [^,;]{3,120}?))\s+do\s+([^;]{3,300}?)\s+làm trưởng đoàn")


def _apply_delegation_head(s: str, mentions: list[Mention]) -> None:
    """"đoàn kiểm tra số 1 của ... do X làm trưởng đoàn": X is "Trưởng đoàn kiểm tra số 1 của ..."."""
    for d in _DELEGATION.finditer(s):
        inside = [m for m in mentions if d.start(2) <= m.start < d.end(2)]
        if inside:
            head = inside[-1]
            head.titles.append("Trưởng " + d.group(1)[0].lower() + d.group(1)[1:])


# --------------------------------------------------------------------------- article level


def find_persons(sentences: list[str], loc: Locality | None = None, authors: list[str] | None = None) -> PersonIndex:
    """Every person named in ``sentences`` (original wording) with the titles the text gives them."""
    loc = loc or Locality()
    author_names = {clean_text(a) for a in authors or []}
    normalised = [normalise_sentence(s) for s in sentences]
    # Two passes: the first learns who is a person, the second also finds bare later mentions
    # (titles do not change who is a person, so the first pass leaves them aside).
    known: dict[str, str] = {}
    for s in normalised:
        for context in _accepted_contexts(s, {}, author_names):
            known.setdefault(context.candidate.name, context.candidate.name)
    owners_by_given = _owners_by_given(known)
    mentions = [_sentence_mentions(s, known, author_names, owners_by_given) for s in normalised]
    persons: dict[str, Person] = {}
    seen_titles: dict[str, set[str]] = {}
    offices_of_chain: dict[str, list[Title]] = {}  # an article repeats a person's title chain
    for original, sentence_mentions in zip(sentences, mentions):
        for m in sentence_mentions:
            person = persons.get(m.name)
            if person is None:
                person = persons[m.name] = Person(name=m.name)
                seen_titles[m.name] = set()
            if original not in person.evidence:
                person.evidence.append(original)
            if m.titles:
                # One call for the whole chain, so offices share their organisation and locality.
                for title in _chain_offices(", ".join(m.titles), loc, original, offices_of_chain):
                    _add_title(person, title, seen_titles[m.name])
    return PersonIndex(list(persons.values()), mentions, normalised)


def _chain_offices(chain: str, loc: Locality, original: str, offices_of_chain: dict[str, list[Title]]) -> list[Title]:
    """``split_titles(chain, loc, original)``, split once per article: with the article's one
    ``loc`` a chain splits the same each time, only the evidence (``original``) differs."""
    offices = offices_of_chain.get(chain)
    if offices is None:
        offices = offices_of_chain[chain] = split_titles(chain, loc, original)
        return offices
    return [Title(t.text, t.role, t.org, t.original, original) for t in offices]


def _add_title(person: Person, title: Title, seen: set[str]) -> None:
    key = title.text.lower()
    if key in seen:
        return
    # A short form ("Trưởng ban Tổ chức Thành ủy") and a fuller one of the same office are one.
    for i, old in enumerate(person.titles):
        o = old.text.lower()
        if key.startswith(o + " "):
            seen.discard(o)
            seen.add(key)
            person.titles[i] = title
            return
        if o.startswith(key + " "):
            return
    seen.add(key)
    person.titles.append(title)
