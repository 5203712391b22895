"""Provinces and districts of Vietnam, from the ``vietnamadminunits`` package (offline).

Articles span the 63-province structure (with districts, before July 2025) and the 34-province
structure after it, so both are kept: ``PROVINCES`` holds the legacy provinces (plus the few
2025 ones that are new names), ``DISTRICTS`` the legacy districts, and ``province_2025`` maps a
legacy province to the one it merged into. Names are the short forms articles write ("Hà Nội",
"Chương Mỹ", "Hồ Chí Minh"); lookups go through ``fold`` keys so tone placement and case do not
matter. Everything is built once, on first use.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders.textnorm import clean_text, fold

_DATA = Path(__file__).parent / "data"

# Province kinds and district kinds as the Party names its committees.
PROVINCE_KINDS = ("tỉnh", "thành phố")
DISTRICT_KINDS = ("huyện", "quận", "thị xã", "thành phố")


@dataclass(frozen=True, slots=True)
class ProvinceInfo:
    name: str  # short name: "Hà Nội", "Vĩnh Phúc", "Hồ Chí Minh"
    kind: str  # "tỉnh" | "thành phố"
    key: str  # package key: "thanhphohanoi"
    new_key: str  # 2025 province key it belongs to
    legacy: bool  # part of the 63-province list


@dataclass(frozen=True, slots=True)
class DistrictInfo:
    name: str  # short name: "Chương Mỹ"
    kind: str  # "huyện" | "quận" | "thị xã" | "thành phố"
    province: str  # legacy province short name


@dataclass(frozen=True, slots=True)
class Place:
    """A place name found in text."""

    name: str  # canonical short name ("Chương Mỹ")
    level: str  # "province" | "district"
    kind: str | None  # "tỉnh", "thành phố", "huyện", "quận", "thị xã"
    province: str | None  # the province (itself for a province); None when ambiguous
    start: int
    end: int
    text: str  # as written
    explicit: bool  # introduced by a kind word or committee ("huyện Chương Mỹ", "Tỉnh ủy Vĩnh Phúc")
    candidates: tuple[str, ...] = field(default=())  # provinces of an ambiguous district name


class _KeyOfCharacter(dict):
    """What each character adds to a place key: ``fold(c)`` without spaces ("Ả" -> "a", "Đ" -> "d",
    NBSP -> "", "-" -> ""), worked out by ``fold`` itself the first time the character is met
    (keyed by code point, as ``str.translate`` asks)."""

    def __missing__(self, code: int) -> str:
        part = fold(chr(code)).replace(" ", "")
        self[code] = part
        return part


_KEY_OF_CHARACTER = _KeyOfCharacter()


@lru_cache(maxsize=65536)  # one lookup per word of every sentence scanned for places
def _key(text: str) -> str:
    """``fold(text)`` without its spaces ("Bà Rịa - Vũng Tàu" -> "bariavungtau"), put together
    character by character: each step of fold (mapping a character, NFC/NFD, moving a tone mark
    within its syllable, dropping combining marks, lower case, keeping [0-9a-z]) acts on each
    character apart or only moves and drops marks, so every ASCII letter or digit of the key
    comes from one character of the text, in order (checked against fold by a test). A new word
    costs one str.translate, not fold's chain of cached steps (the first sight of an article
    meets many new words)."""
    return text.translate(_KEY_OF_CHARACTER)


class _Gazetteer:
    def __init__(self) -> None:
        # Locate the package's data without importing it: its __init__ pulls in geopy and
        # compiles hundreds of regexes (about 4 s) that we never use.
        spec = importlib.util.find_spec("vietnamadminunits")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("vietnamadminunits is not installed")
        root = Path(list(spec.submodule_search_locations)[0]) / "data"
        with sqlite3.connect(root / "dataset.db") as conn:
            legacy_rows = conn.execute(
                "SELECT DISTINCT province, provinceShort, provinceKey, provinceKeywords, "
                "district, districtShort, districtType, districtKeywords FROM admin_units_legacy"
            ).fetchall()
            new_rows = conn.execute(
                "SELECT DISTINCT province, provinceShort, provinceKey, provinceKeywords FROM admin_units"
            ).fetchall()
        mapping = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
        old_to_new = {old: new for new, olds in mapping.items() for old in olds}
        aliases = json.loads((_DATA / "place_aliases.json").read_text(encoding="utf-8"))

        self.provinces: dict[str, ProvinceInfo] = {}  # short name -> info
        self.province_by_key: dict[str, str] = {}  # fold key (no spaces) -> short name
        self.districts: dict[str, list[DistrictInfo]] = {}  # fold key -> districts
        self.province_by_pkg_key: dict[str, str] = {}

        def add_province(full: str, short: str, pkg_key: str, keywords: str | None, legacy: bool) -> None:
            short = clean_text(short)
            if short in self.provinces:
                return
            kind = "thành phố" if full.lower().startswith("thành phố") else "tỉnh"
            info = ProvinceInfo(short, kind, pkg_key, old_to_new.get(pkg_key, pkg_key), legacy)
            self.provinces[short] = info
            self.province_by_pkg_key[pkg_key] = short
            for k in {_key(short), *(json.loads(keywords) if keywords else [])}:
                # Two-letter aliases ("hn") are too ambiguous for running text.
                if len(k) > 3 and not k.startswith(("tinh", "thanhpho")):
                    self.province_by_key.setdefault(k, short)

        for prov, pshort, pkey, pkw, dist, dshort, dtype, dkw in legacy_rows:
            add_province(prov, pshort, pkey, pkw, True)
            dname = clean_text(re.sub(r"\s*\(.*\)$", "", dshort))
            info = DistrictInfo(dname, dtype.lower(), clean_text(pshort))
            keys = {_key(dname)} | {k for k in (json.loads(dkw) if dkw else []) if not k.startswith(("huyen", "quan", "thixa", "thanhpho"))}
            for k in keys:
                bucket = self.districts.setdefault(k, [])
                if info not in bucket:
                    bucket.append(info)
        for prov, pshort, pkey, pkw in new_rows:
            add_province(prov, pshort, pkey, pkw, False)
        # Names articles use that the package spells differently ("Thừa Thiên Huế").
        for written, short in aliases["provinces"].items():
            self.province_by_key[_key(written)] = short
        # Province names that are also a person's name ("Hồ Chí Minh"): only after "thành phố"/"TP".
        self.needs_cue = set(aliases.get("needs_cue", []))
        self.display = aliases["display"]  # short name -> how committee names spell it
        self.max_words = 5


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    return _Gazetteer()


_PROVINCE_KIND_WORD = re.compile(r"^(tỉnh|thành phố|tp\.?)\s*", re.IGNORECASE)
_DISTRICT_KIND_WORD = re.compile(r"^(huyện|quận|thị xã|thành phố)\s+", re.IGNORECASE)


# Cached: called tens of thousands of times per thousand articles with a few hundred distinct
# names; the answer is a frozen ProvinceInfo, so sharing it is safe.
@lru_cache(maxsize=4096)
def province_info(name: str | None) -> ProvinceInfo | None:
    """ProvinceInfo for "Hà Nội", "thành phố Hà Nội", "TP.HCM", "Thừa Thiên Huế", ..."""
    if not name:
        return None
    g = gazetteer()
    text = _PROVINCE_KIND_WORD.sub("", clean_text(name).strip())
    short = g.province_by_key.get(_key(text))
    return g.provinces.get(short) if short else None


def province_name(name: str | None) -> str | None:
    """Short canonical province name, or None when ``name`` is not a province."""
    info = province_info(name)
    if info is None:
        return None
    return _written_province(name) or info.name


@lru_cache(maxsize=4096)
def _written_province(name: str) -> str | None:
    # Keep a legacy spelling the article uses ("Thừa Thiên Huế") rather than the package's.
    text = _PROVINCE_KIND_WORD.sub("", clean_text(name).strip())
    for written in gazetteer().display.get("keep_written", []):
        if _key(written) == _key(text):
            return written
    return None


def province_kind(name: str | None) -> str | None:
    info = province_info(name)
    if info is None:
        return None
    override = gazetteer().display.get("kind", {}).get(name)
    return override or info.kind


def districts_named(name: str) -> list[DistrictInfo]:
    return list(_districts_named(name))  # a fresh list: callers may change it


@lru_cache(maxsize=4096)
def _districts_named(name: str) -> tuple[DistrictInfo, ...]:
    text = _DISTRICT_KIND_WORD.sub("", clean_text(name).strip())
    return tuple(gazetteer().districts.get(_key(text), []))


def district_info(name: str | None, province: str | None = None) -> DistrictInfo | None:
    """The district called ``name``; ``province`` settles names shared by several provinces."""
    if not name:
        return None
    found = districts_named(name)
    if province:
        pinfo = province_info(province)
        for d in found:
            if pinfo and province_info(d.province) == pinfo:
                return d
    return found[0] if len(found) == 1 else None


def district_province(name: str, prefer: str | None = None) -> str | None:
    """Legacy province of a district ("Chương Mỹ" -> "Hà Nội"); None when ambiguous."""
    info = district_info(name, prefer)
    return info.province if info else None


def province_2025(name: str | None) -> str | None:
    """The province a legacy province belongs to since July 2025 ("Vĩnh Phúc" -> "Phú Thọ")."""
    info = province_info(name)
    if info is None:
        return None
    return gazetteer().province_by_pkg_key.get(info.new_key, info.name)


def committee_place(name: str) -> str:
    """How a province is spelled inside committee and body names ("Hồ Chí Minh" -> "Thành phố Hồ Chí Minh")."""
    return gazetteer().display.get("committee", {}).get(name, name)


# --- finding place names in text -------------------------------------------------------------

# Vietnamese upper- and lower-case letters as regex classes ("À-Ỹ" alone would mix both cases).
_VIET = [chr(c) for c in range(0x00C0, 0x1EFA) if chr(c).isalpha()]
UPPER = "A-Z" + "".join(c for c in _VIET if c.isupper())
LOWER = "a-z" + "".join(c for c in _VIET if c.islower())
# A capitalised word of a proper name; ethnic-minority names keep their apostrophe ("B'Lao", "K'Brơi").
PROPER_WORD = rf"[{UPPER}](?:['’][{UPPER}])?[\wÀ-ỹ]*"
_WORD = re.compile(rf"[0-9A-Za-zÀ-ỹĐđ]+(?:['’][A-ZÀ-ỸĐ][0-9A-Za-zÀ-ỹĐđ]*)?(?:\s*-\s*[{UPPER}][{LOWER}]+)?")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the same words, kept by re.split
# A word runs on past an apostrophe ("B'Lao") or a hyphen ("Rịa - Vũng") only where one of these
# is; text without them has for words the runs of letters, so its capitalised words are found
# directly (no list of every word). (Found from the apostrophe or hyphen, with the letter before
# an apostrophe checked behind: a search skips to those rare characters fast.)
_JOINED_WORDS = re.compile(rf"[-'’](?:(?<=[0-9A-Za-zÀ-ỹĐđ]['’])[A-ZÀ-ỸĐ]|(?<=-)\s*[{UPPER}][{LOWER}])")
# (The capital first, then the look-behind for what precedes it: a search skips to a capital
# fast, where a pattern starting with a look-behind is tried at every position.)
_CAPITALISED_LETTER_RUN = re.compile(rf"[{UPPER}](?<![0-9A-Za-zÀ-ỹĐđ][{UPPER}])[0-9A-Za-zÀ-ỹĐđ]*")
# Such runs one after another with only white space between: capitalised words that stand together.
_CAPITALISED_RUN = re.compile(rf"{_CAPITALISED_LETTER_RUN.pattern}(?:\s+[{UPPER}][0-9A-Za-zÀ-ỹĐđ]*)*")
# The same runs in text with joined words, read the way ``_WORD_SPLIT`` reads its words: a word
# is a _WORD match that starts where the last word (or the text between) ends, so a match first
# consumes the words not capitalised and what lies between (a capital inside "x'Lao" or
# "2020 - Hà" starts no word), then the run: capitalised words with only white space (or
# nothing, after a hyphen-joined "Rịa - VũngTàu") between. Every match is the text up to the end
# of one run (or of the text), so the words are read in C, one Python step per run. (For letters
# of _WORD, [UPPER] is exactly str.isupper, and \s exactly what str.strip removes.)
_WORD_REST = rf"[0-9A-Za-zÀ-ỹĐđ]*(?:['’][A-ZÀ-ỸĐ][0-9A-Za-zÀ-ỹĐđ]*)?(?:\s*-\s*[{UPPER}][{LOWER}]+)?"  # _WORD after its first letter
_CAPITALISED_WORD = rf"[{UPPER}]{_WORD_REST}"
_LOWER_WORD = rf"(?![{UPPER}])[0-9A-Za-zÀ-ỹĐđ]{_WORD_REST}"
_NOT_LETTER = r"[^0-9A-Za-zÀ-ỹĐđ]*"
_NEXT_CAPITALISED_RUN = re.compile(
    rf"{_NOT_LETTER}(?:{_LOWER_WORD}{_NOT_LETTER})*(?P<run>{_CAPITALISED_WORD}(?:\s*{_CAPITALISED_WORD})*)?"
)
_KIND_WORDS = (
    "tỉnh", "thành phố", "TP.", "TP", "huyện", "quận", "thị xã", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy",
    "Thị ủy", "điểm cầu", "tại", "UBND", "HĐND", "Hội đồng nhân dân", "Ủy ban nhân dân",
)
# The kind words spelled backwards, longest first: matched at the start of the reversed context,
# the first that matches is the longest that ends the context (see _cue_before).
_KIND_BEFORE_REVERSED = re.compile(
    "|".join(re.escape(word[::-1]) for word in sorted(_KIND_WORDS, key=len, reverse=True)), re.IGNORECASE
)
_DISTRICT_CUES = {"huyện": "huyện", "huyện ủy": "huyện", "quận": "quận", "quận ủy": "quận", "thị xã": "thị xã", "thị ủy": "thị xã"}


def find_places(text: str, prefer_province: str | None = None) -> list[Place]:
    """Province and district names in ``text``, longest match first, left to right.

    A district name counts only after a kind word or committee ("huyện Chương Mỹ", "Huyện ủy
    Chương Mỹ") or as a free-standing capitalised phrase; a province name counts unless it is
    glued to other capitalised words (a person's name, "Thái Bình Dương"). Ambiguous district
    names take ``prefer_province`` when it is one of theirs.
    """
    if len(text) > 500:  # a paragraph: read once, not worth keeping
        return list(_find_places(text, prefer_province))
    return list(_find_places_cached(text, prefer_province))


@lru_cache(maxsize=8192)
def _find_places_cached(text: str, prefer_province: str | None) -> tuple[Place, ...]:
    return _find_places(text, prefer_province)


def places_starting_at(text: str, starts: tuple[int, ...], prefer_province: str | None = None) -> list[Place]:
    """The places of ``find_places(text, prefer_province)`` that start at one of ``starts``
    (offsets in ``clean_text(text)``), found reading only the words around those offsets."""
    if not starts:
        return []
    return list(_places_starting_at(text, starts, prefer_province))


@lru_cache(maxsize=8192)
def _places_starting_at(text: str, starts: tuple[int, ...], prefer_province: str | None) -> tuple[Place, ...]:
    return _find_places(text, prefer_province, starts)


@lru_cache(maxsize=1)
def _key_prefixes() -> frozenset[str]:
    """Every beginning of a place key: a run of words whose joined key is not one of these
    cannot grow into a place name, so the lookup stops there."""
    g = gazetteer()
    return frozenset(key[:n] for key in (*g.districts, *g.province_by_key) for n in range(1, len(key) + 1))


# Characters, common in running text, that no word and no run of words holds (a word holds
# letters, an apostrophe, a hyphen and the white space around it; a run, words and white space).
_OUTSIDE_WORDS = ",.;:()!?\"“”"
_OUTSIDE_WORD_CHARACTER = re.compile(f"[{re.escape(_OUTSIDE_WORDS)}]")
# The text up to the last such character (found backwards from the end: ".*" takes it all, then gives back).
_UP_TO_LAST_OUTSIDE_WORDS = re.compile(f".*[{re.escape(_OUTSIDE_WORDS)}]", re.DOTALL)


def _pieces(cleaned: str) -> list[tuple[int, int, bool]]:
    """``cleaned`` cut into pieces (start, end, whether it has words joined by an apostrophe or a
    hyphen: "B'Lao", "Rịa - Vũng"), one after another: a piece with joined words runs from just
    after a character of _OUTSIDE_WORDS (or the text's start) to the next one (or the text's end).

    No word and no run holds those characters, so the runs of the text are the runs of its
    pieces, each read alone (reading from an offset, a pattern's look-behind still sees the
    character before it); and a piece without joined words has for words its runs of letters,
    so its runs are found directly. Joined words are rare ("Trần Văn Sơn - Phó Bí thư"): the slow
    word-by-word reading is kept for the few pieces that hold them. (Apostrophes and hyphens are
    looked for first: a substring test is far cheaper than a regex scan.)"""
    if not ("'" in cleaned or "’" in cleaned or "-" in cleaned):
        return [(0, len(cleaned), False)]
    pieces = []
    done = 0  # the pieces so far end here
    for joined in _JOINED_WORDS.finditer(cleaned):
        at = joined.start()
        if at < done:
            continue  # in the piece just read
        before = _UP_TO_LAST_OUTSIDE_WORDS.match(cleaned, done, at)
        start = before.end() if before else done
        after = _OUTSIDE_WORD_CHARACTER.search(cleaned, at)
        end = after.start() if after else len(cleaned)
        if start > done:
            pieces.append((done, start, False))
        pieces.append((start, end, True))
        done = end
    if done < len(cleaned) or not pieces:
        pieces.append((done, len(cleaned), False))
    return pieces


def _named_runs(cleaned: str, only_at: tuple[int, ...] = ()) -> list[tuple[str | tuple[str, ...], int, int, list[tuple[int, int]] | None, tuple]]:
    """The runs of ``_capitalised_runs(cleaned)`` that hold a known place name (and, with
    ``only_at``, hold one of those offsets), each with ``_names_in_run`` of its words appended.

    Most runs name no place ("Bí thư", "Nguyễn Văn Nam"): where a run is found directly (pieces
    without joined words: most text), its match is asked for its offsets, and a tuple built,
    only once its words are known to hold a name. The runs are those of ``_capitalised_runs``
    (the same pieces, read the same way; checked by a test)."""
    named = []
    for piece_start, piece_end, joined in _pieces(cleaned):
        if joined:
            named.extend((*run, names) for run in _joined_runs(cleaned, piece_start, piece_end) if (names := _names_in_run(run[0])))
            continue
        for m in _CAPITALISED_RUN.finditer(cleaned, piece_start, piece_end):
            names = _names_in_run(m.group())
            if names:
                named.append((m.group(), m.start(), m.end(), None, names))
    if only_at:  # (texts read for a few offsets are short: their other runs cost little)
        named = [run for run in named if any(run[1] <= at < run[2] for at in only_at)]
    return named


def _capitalised_runs(cleaned: str) -> list[tuple[str | tuple[str, ...], int, int, list[tuple[int, int]] | None]]:
    """The runs of capitalised words of ``cleaned`` that stand together (only white space between
    one and the next): a place name lies inside a run. Each run as (its words, start, end, the
    (start, end) of each word); when the run's words are its pieces between white space, the
    run's text stands for its words and the last is None (``_word_spans`` finds them then; most
    runs name no place)."""
    runs = []
    for piece_start, piece_end, joined in _pieces(cleaned):
        if joined:
            runs.extend(_joined_runs(cleaned, piece_start, piece_end))
        else:  # a run's words are its pieces between white space
            runs.extend((m.group(), m.start(), m.end(), None) for m in _CAPITALISED_RUN.finditer(cleaned, piece_start, piece_end))
    return runs


def _joined_runs(cleaned: str, start: int, end: int) -> list[tuple[str | tuple[str, ...], int, int, list[tuple[int, int]] | None]]:
    """The runs of ``cleaned[start:end]``, a piece with joined words (see _pieces), read word by
    word (as _capitalised_runs gives them)."""
    runs = []
    for m in _NEXT_CAPITALISED_RUN.finditer(cleaned, start, end):
        run = m.group("run")
        if run is None:
            continue  # the text after the last run
        run_start = m.start("run")
        if "-" not in run:  # no hyphen-joined word: its words are its pieces between white space
            runs.append((run, run_start, m.end(), None))
            continue
        # Within a run, white space alone lies between words, so the words read from the run
        # alone are those read from the whole text.
        words = [(w.group(), run_start + w.start(), run_start + w.end()) for w in _WORD.finditer(run)]
        runs.append((tuple(w for w, _, _ in words), run_start, m.end(), [(s, e) for _, s, e in words]))
    return runs


def _word_spans(cleaned: str, words: list[str], start: int) -> list[tuple[int, int]]:
    """(start, end) of each word of a run that starts at ``start`` and has only white space
    between its words."""
    spans = []
    for word in words:
        start = cleaned.find(word, start)  # right after the white space that follows the last word
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


@lru_cache(maxsize=65536)  # runs recur: "Bí thư", "Hà Nội", "Ban Thường vụ Tỉnh ủy"
def _names_in_run(words: str | tuple[str, ...]) -> tuple[tuple[int, tuple[tuple[int, str], ...]], ...]:
    """The known place names inside a run of capitalised words (its words, or its text when they
    are its pieces between white space), whatever the text around it: for each word that starts
    one, (its index, ((words, key), ...) shortest first). Pure in the run, so cached; what the
    text around says (a kind word before, glued capitals) is read by ``_find_places``.

    A name's key is the join of its words' keys (fold works word by word and _key drops the
    spaces), so each word is folded once; a run of words whose key is not the start of any key
    cannot grow into a place name, so the lookup stops there."""
    g = gazetteer()
    districts, provinces, prefixes = g.districts, g.province_by_key, _key_prefixes()
    if isinstance(words, str):
        words = words.split()
    keys = [_key(w) for w in words]
    last = len(words) - 1
    names = []
    for i in range(len(words)):
        key = keys[i]
        if key not in prefixes:
            continue
        known = [(1, key)] if key in districts or key in provinces else []
        j = i
        while j - i + 1 < g.max_words and j < last:
            j += 1
            key += keys[j]
            if key not in prefixes:
                break
            if key in districts or key in provinces:
                known.append((j - i + 1, key))
        if known:
            names.append((i, tuple(known)))
    return tuple(names)


def _find_places(text: str, prefer_province: str | None, only_at: tuple[int, ...] = ()) -> tuple[Place, ...]:
    """``only_at``: only the places starting at these offsets (of the cleaned text), read from
    the runs of words that hold them (the rest cannot change where a place there starts)."""
    g = gazetteer()
    cleaned = clean_text(text)
    districts, provinces = g.districts, g.province_by_key
    same_length = len(cleaned) == len(text)
    places: list[Place] = []
    for words, run_start, run_end, spans, names in _named_runs(cleaned, only_at):
        if spans is None:
            words = words.split()
            spans = _word_spans(cleaned, words, run_start)
        last = len(words) - 1
        resume = 0  # words of the run before this belong to a place already found
        for i, known in names:
            if i < resume:
                continue
            found = None
            cue = None  # read once per start word, only when a chunk is a known name
            for n, key in reversed(known):  # longest first
                start, end = spans[i][0], spans[i + n - 1][1]
                if cue is None:
                    cue = _cue_before(cleaned[max(0, start - 30) : start])
                before_cap = i > 0 and not cue
                after_cap = i + n - 1 < last
                glued = before_cap or after_cap
                written = text[start:end] if same_length else cleaned[start:end]
                if cue in _DISTRICT_CUES and key in districts:
                    found = _district_place(districts[key], prefer_province, start, end, written, True, _DISTRICT_CUES[cue])
                elif key in provinces and not glued and (cue or provinces[key] not in g.needs_cue):
                    short = provinces[key]
                    name = _written_province(written) or short
                    kind = province_kind(name)
                    if cue in ("thành phố", "tp", "tp.", "thành ủy") and kind == "tỉnh" and key in districts:
                        found = _district_place(districts[key], short, start, end, written, True, "thành phố")
                    else:
                        found = Place(name, "province", kind, name, start, end, written, bool(cue))
                elif key in districts and (cue or not glued) and n >= 2:
                    explicit = cue in ("thành phố", "tp", "tp.", "thành ủy")
                    found = _district_place(districts[key], prefer_province, start, end, written, explicit, "thành phố" if explicit else None)
                if found:
                    if not only_at or start in only_at:
                        places.append(found)
                    resume = i + n
                    break
    return tuple(places)


@lru_cache(maxsize=65536)  # the words before a place repeat: "Ủy ban nhân dân tỉnh ", "Huyện ủy "
def _cue_before(context: str) -> str:
    """The kind word or committee the text writes right before a place ("huyện", "tỉnh ủy"), or "":
    of the kind words (any case) that end ``context`` but for white space, the one that starts
    first, i.e. the longest. Read backwards, that is one match at the start of the reversed
    context (str.rstrip removes exactly the characters regex \\s matches), where a search for
    "(kind words)\\s*$" tries every kind word at every position."""
    found = _KIND_BEFORE_REVERSED.match(context.rstrip()[::-1])
    return found.group()[::-1].lower() if found else ""


def _district_place(options: list[DistrictInfo], prefer: str | None, start: int, end: int, written: str,
                    explicit: bool, kind: str | None) -> Place:
    if kind:
        narrowed = [d for d in options if d.kind == kind]
        options = narrowed or options
    chosen = None
    if prefer:
        pinfo = province_info(prefer)
        chosen = next((d for d in options if province_info(d.province) == pinfo), None)
    if chosen is None and len({d.province for d in options}) == 1:
        chosen = options[0]
    if chosen is None:
        return Place(options[0].name, "district", kind, None, start, end, written, explicit,
                     tuple(sorted({d.province for d in options})))
    # The kind the text writes wins: a district keeps the kind the article's date gave it
    # ("Huyện ủy Mộc Châu" before the district became a thị xã).
    return Place(chosen.name, "district", kind or chosen.kind, chosen.province, start, end, written, explicit,
                 tuple(sorted({d.province for d in options})))
