"""Vietnamese text normalisation shared by every stage.

Two levels, kept apart on purpose:

* ``clean_text`` makes text comparable without changing its wording: NFC, one tone-mark
  placement ("Uỷ" -> "Ủy", "khoá" -> "khóa", "hoà" -> "hòa"), U+00D0 "Ð" -> "Đ", unified
  spaces and dashes. Evidence sentences are kept as the article wrote them; ``clean_text`` is
  applied before matching and to canonical names.
* ``expand_abbreviations`` rewrites the genre's abbreviations (UBND, HĐND, TW/T.Ư, TP, ĐBQH,
  MTTQ, TCCSĐ, UVTW, ...) into full words for canonical names.

``fold`` gives the search key used by both stores: lower case, no diacritics, "đ" -> "d".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters (NFD).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# "Ð" (U+00D0, Icelandic eth) and "ð" are often typed for "Đ"/"đ" (U+0110/U+0111).
_CHAR_MAP = str.maketrans(
    {
        "\u00d0": "\u0110",
        "\u00f0": "\u0111",
        "\u0189": "\u0110",  # Latin capital African D
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",
    }
)

# Syllables of the open "oa", "oe", "uy" rhymes carry the tone on the first vowel in the
# placement our canonical names use (Ủy, khóa, hòa, thủy); "qu" + y is the exception (quý).
_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def _move_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    letters = [c for c in decomposed if not unicodedata.combining(c)]
    base = "".join(letters).lower()
    if len(base) < 2 or base[-2:] not in ("oa", "oe", "uy"):
        return syllable
    if base[-2:] == "uy" and base[:-2].endswith("q"):
        return syllable
    # Split the NFD string into (letter, marks) clusters.
    clusters: list[list[str]] = []
    for c in decomposed:
        if unicodedata.combining(c) and clusters:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    last, prev = clusters[-1], clusters[-2]
    tone = [m for m in last[1:] if m in _TONES]
    if not tone or any(m in _TONES for m in prev[1:]):
        return syllable
    clusters[-1] = [last[0]] + [m for m in last[1:] if m not in _TONES]
    clusters[-2] = prev + tone
    return unicodedata.normalize("NFC", "".join("".join(c) for c in clusters))


@lru_cache(maxsize=65536)
def _normalise_syllable(word: str) -> str:
    return _move_tone(word)


# Only a syllable that ENDS in a toned "a"/"e" after "o", or a toned "y" after "u", can need a
# move; the pass touches those words only.
_TONE_MOVE_WORD = re.compile(
    "(?i)\\b\\w*(?:o[\u00e0\u00e1\u1ea3\u00e3\u1ea1\u00e8\u00e9\u1ebb\u1ebd\u1eb9]|u[\u1ef3\u00fd\u1ef7\u1ef9\u1ef5])(?!\\w)"
)


@lru_cache(maxsize=32768)
def _clean_short(text: str) -> str:
    return _clean(text)


# Cheap pre-check: most text has no character to map.
_MAPPED_CHAR = re.compile("[%s]" % re.escape("".join(map(chr, _CHAR_MAP))))
# The mapped characters one by one: str.translate with a dict walks every character in Python
# objects, far slower on a whole article than a replace per character present (none of the
# replacements is itself mapped, so the order does not matter).
_CHAR_REPLACEMENTS = [(chr(c), r if isinstance(r, str) else chr(r)) for c, r in _CHAR_MAP.items()]
# A toned pair ending its word, where _TONE_MOVE_WORD matches: found from its toned vowel (a rare
# letter the search skips to fast) with the "o"/"u" before it checked behind; both cases spelled
# out, which is what the case-insensitive pattern matches.
_TONED_A_E = "\u00e0\u00e1\u1ea3\u00e3\u1ea1\u00e8\u00e9\u1ebb\u1ebd\u1eb9\u00c0\u00c1\u1ea2\u00c3\u1ea0\u00c8\u00c9\u1eba\u1ebc\u1eb8"
_TONED_Y = "\u1ef3\u00fd\u1ef7\u1ef9\u1ef5\u1ef2\u00dd\u1ef6\u1ef8\u1ef4"
_TONED_VOWEL_AT_END = re.compile(
    f"[{_TONED_A_E}{_TONED_Y}](?<=[oO][{_TONED_A_E}]|[uU][{_TONED_Y}])(?!\\w)"
)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # the regex module's \w


def _move_tones(text: str) -> str:
    """``_TONE_MOVE_WORD.sub`` done from the toned pairs: most words ("đoàn", "toàn") contain a
    pair but do not end with one, and trying the pattern at every word start is slow."""
    pieces: list[str] = []
    done = 0
    for m in _TONED_VOWEL_AT_END.finditer(text):
        start = m.start() - 1  # the "o" or "u"
        while start > done and _is_word_char(text[start - 1]):
            start -= 1
        pieces.append(text[done:start])
        pieces.append(_normalise_syllable(text[start : m.end()]))
        done = m.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _clean(text: str) -> str:
    if _MAPPED_CHAR.search(text):
        for char, replacement in _CHAR_REPLACEMENTS:
            if char in text:
                text = text.replace(char, replacement)
    return _move_tones(unicodedata.normalize("NFC", text))


def cleaning_keeps_offsets(text: str) -> bool:
    """Whether clean_text(text) has every character where ``text`` has it, in the same case: no
    character to map or drop and nothing for NFC to compose, so cleaning can at most move a tone
    mark within its syllable (which changes neither length nor case)."""
    return not _MAPPED_CHAR.search(text) and unicodedata.is_normalized("NFC", text)


def clean_text(text: str) -> str:
    """NFC, one tone placement, "Ð" -> "Đ", plain spaces and dashes. Wording is unchanged."""
    if len(text) <= 200:
        return _clean_short(text)
    return _clean_sentence(text) if len(text) <= 2000 else _clean(text)


@lru_cache(maxsize=128)
def _clean_sentence(text: str) -> str:
    """A long sentence is cleaned by one stage after another (names, then organisations): keep
    the current article's few."""
    return _clean(text)


_SPACE_RUN = re.compile(r"[ \t]+")


def single_spaces(text: str) -> str:
    r"""What ``re.sub(r"\s+", " ", text)`` gives, faster: text with no run to rewrite (every
    white-space character but the plain space is unprintable) is returned as it is; other text is
    split at its white space (str.split's white space is what ``\s`` matches) and joined again
    with one space, one kept at either end where the text had white space."""
    if "  " not in text and text.isprintable():
        return text
    words = text.split()
    joined = " ".join(words)
    if text[:1].isspace():
        joined = " " + joined
    if words and text[-1:].isspace():
        joined += " "
    return joined


def squash_spaces(text: str) -> str:
    if "  " not in text and "\t" not in text:
        return text.strip()  # no run to squash: single spaces stay as they are
    return _SPACE_RUN.sub(" ", text).strip()


# Abbreviations of the genre, longest first so "UVT.Ư" wins over "T.Ư". Each is matched as a
# whole token (no letter on either side).
ABBREVIATIONS: list[tuple[str, str]] = [
    ("UVBCT", "Ủy viên Bộ Chính trị"),
    ("UVTW", "Ủy viên Trung ương Đảng"),
    ("UVTƯ", "Ủy viên Trung ương Đảng"),
    ("UVT.Ư", "Ủy viên Trung ương Đảng"),
    ("UVBTV", "Ủy viên Ban Thường vụ"),
    ("TVTU", "Thường vụ Tỉnh ủy"),
    ("BTVTU", "Ban Thường vụ Tỉnh ủy"),
    ("BCHTW", "Ban Chấp hành Trung ương"),
    ("BCH TW", "Ban Chấp hành Trung ương"),
    ("BCH", "Ban Chấp hành"),
    ("BTV", "Ban Thường vụ"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("ĐBQH", "đại biểu Quốc hội"),
    ("TCCSĐ", "tổ chức cơ sở đảng"),
    ("KHCN", "khoa học công nghệ"),
    ("TP.HCM", "thành phố Hồ Chí Minh"),
    ("TPHCM", "thành phố Hồ Chí Minh"),
    ("TP", "thành phố"),
    ("T.Ư", "Trung ương"),
    ("TƯ", "Trung ương"),
    ("TW", "Trung ương"),
    ("đ/c", "đồng chí"),
    ("Đ/c", "Đồng chí"),
]

_LETTER = r"0-9A-Za-zÀ-ỹĐđ"


def _abbrev_pattern(abbr: str) -> re.Pattern[str]:
    # "TP." followed by a name ("TP. Hà Nội") also counts; a document number suffix
    # ("05-CT/TW") never does: a "/" or "-" before the token blocks it. The first letter is
    # written ahead of that look-behind ("T(?<![...]T)P" for "(?<![...])TP"): a search then
    # skips to the letter fast instead of trying the look-behind at every position.
    first, rest = re.escape(abbr[0]), re.escape(abbr[1:])
    return re.compile(rf"{first}(?<![{_LETTER}/\-.]{first}){rest}(?![{_LETTER}])")


_ABBREV_PATTERNS = [(_abbrev_pattern(a), full) for a, full in ABBREVIATIONS]
# The patterns above as one alternation, in the same order, and what each abbreviation expands to.
# One pass of it gives what applying the patterns one after another gives (the tests check it):
# - a match of an earlier pattern is never overlapped by one of a later pattern that starts
#   before it (a pattern starts after a non-letter other than "/", "-", ".", and the only
#   abbreviation with such a character inside, "BCH TW", has no earlier pattern starting at "TW");
# - an expansion neither creates nor removes a match around it: every abbreviation and every
#   expansion begins and ends with a letter, which is all the patterns' boundaries look at;
# - no expansion holds an abbreviation (each of its words has a lower-case second letter).
_ONE_PASS_ABBREVIATIONS = re.compile("|".join(pattern.pattern for pattern, _ in _ABBREV_PATTERNS))
_EXPANSION = dict(ABBREVIATIONS)


def _expansion(match: re.Match[str]) -> str:
    return _EXPANSION[match.group(0)]  # each pattern matches its abbreviation as written


_CITY_DOT = re.compile(r"thành phố\.\s*")


def expand_abbreviations(text: str) -> str:
    """Expand the genre's abbreviations in a canonical name or title (not in evidence)."""
    text = _ONE_PASS_ABBREVIATIONS.sub(_expansion, text)
    if "thành phố." in text:
        text = _CITY_DOT.sub("thành phố ", text)
    return squash_spaces(text)


@lru_cache(maxsize=16384)
def canonical(text: str) -> str:
    """Canonical form of a name or title: cleaned, abbreviations expanded, spaces squashed."""
    return expand_abbreviations(squash_spaces(clean_text(text)))


_DIACRITICS_OFF = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    # (Two replaces: str.translate with a dict is slow; the result is that of _DIACRITICS_OFF.)
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _COMBINING.sub("", decomposed)


_COMBINING = re.compile("[\u0300-\u036f]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=131072)
def _fold_short(text: str) -> str:
    return _fold_by_characters(text)


def _fold(text: str) -> str:
    return _NON_ALNUM.sub(" ", strip_diacritics(clean_text(text)).lower()).strip()


class _FoldedCharacters(dict):
    """Code point -> ``_fold`` of that one character without the final strip: "" (zero-width
    space, a combining mark), " " (any other character that is not a letter or digit once
    folded) or its letters ("Ố" -> "o"). Filled as characters are first met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _NON_ALNUM.sub(" ", strip_diacritics(clean_text(chr(code))).lower())
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def _fold_by_characters(text: str) -> str:
    """``_fold(text)`` put together from the folds of its characters, with no regex, cleaning or
    normalisation of the text itself. The same result: every step of ``_fold`` acts on each
    character on its own (mapping "Ð", NBSP, dashes, zero-width spaces; lower-casing; taking off
    marks), or on a letter and the marks after it, whose letter is what remains either way
    (composing, decomposing, reordering the marks, moving a tone mark within its syllable); each
    character then folds to letters, digits and spaces, and a run of spaces ends as one."""
    return " ".join(text.translate(_FOLDED_CHARACTERS).split())


def fold(text: str) -> str:
    """Search key: "Vũ Đức Bảo" and "vu duc bao" both fold to "vu duc bao"."""
    return _fold_short(text) if len(text) <= 200 else _fold(text)


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")
