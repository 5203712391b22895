"""Split a Vietnamese news paragraph into sentences, keeping the original wording.

Pure regex, no model: a boundary is sentence punctuation (. ! ? …) plus optional closing
quotes/brackets, then a space and the start of a new sentence (upper-case letter, digit,
opening quote or bracket), or a line break. Periods that belong to abbreviations ("TP. Hà Nội",
"PGS.TS. Nguyễn", "Th.S"), initials ("Nguyễn V. An", "N.Đ") and numbers ("17.118", "01.12")
are not boundaries. A period glued to the next sentence ("trên địa bàn tỉnh.Các đồng chí")
is a boundary when a lower-case word precedes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "sentence_abbreviations.json"

# Candidate boundary: punctuation, closing quotes/brackets, then either spaces before a
# sentence start, or (for a single ".") a glued upper-case word.
_CANDIDATE = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>[”\"’'»)\]]*)(?P<space>\s+)(?=[^\W_]|[“\"‘'«(\[])"
    r"|(?P<glued>\.)(?<=[^\W\d_]{2}\.)(?=[^\W\d_][^\W\d_])"
)
# Lower-case words after which a single upper-case letter is a roman numeral ("khóa X.").
_NUMERAL_CONTEXT = re.compile(r"(?:khóa|khoá|thứ|lần|số|Đại hội|kỳ)\s+[IVXLC]+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    return {
        "abbreviations": frozenset(a.lower() for a in data["abbreviations"]),
        "places": frozenset(a.lower() for a in data["place_abbreviations"]),
        "starters": frozenset(data["sentence_starters"]),
    }


_NEXT_TWO_WORDS = re.compile(r"\s*(\w+)\s+(\w+)")


def _starts_sentence_after_place(text: str, end: int) -> bool:
    """ "... của TP. Trong đó, ..." ends a sentence; "TP. Hà Nội" does not."""
    m = _NEXT_TWO_WORDS.match(text, end)
    return bool(m) and m.group(1) in _lexicon()["starters"] and m.group(2)[:1].islower()


def _is_boundary(text: str, start: int, punct: str, glued: bool) -> bool:
    """Decide whether the punctuation at ``start`` ends the sentence."""
    if punct != ".":
        return True  # "!", "?", "…", "..." end a sentence when a new one starts after them
    token = text[text.rfind(" ", 0, start) + 1 : start]
    if not token:
        return False
    token = token.lstrip("(“\"‘'[")
    if not token:
        return True
    last = token.rsplit(".", 1)[-1]
    if last.lower() in _lexicon()["places"] and _starts_sentence_after_place(text, start + 1):
        return True
    abbreviations = _lexicon()["abbreviations"]
    if token.lower() in abbreviations or last.lower() in abbreviations:
        return False
    if len(last) == 1 and last.isalpha():
        # An initial ("Nguyễn V. An", "N.Đ.") or "p."/"q." (phường, quận); but a roman
        # numeral after "khóa"/"thứ" ends a sentence ("... khóa X. Các đồng chí").
        if last.isupper() and _NUMERAL_CONTEXT.search(text, max(0, start - 20), start):
            return True
        return False
    if glued:
        # "tỉnh.Các": only after an all-lower-case word that is not an abbreviation.
        return last.islower()
    return True


_PUNCT = re.compile(r"[.!?…]")


def _punctuation_starts(line: str) -> list[int]:
    """Where ``_PUNCT`` matches in ``line``. A line whose only sentence punctuation is "." (most
    lines) is read with str.find, which skips to each period much faster than a regex search
    tests each character against the class."""
    if "!" in line or "?" in line or "…" in line:
        return [p.start() for p in _PUNCT.finditer(line)]
    starts = []
    at = line.find(".")
    while at >= 0:
        starts.append(at)
        at = line.find(".", at + 1)
    return starts


def _candidates(line: str) -> Iterator[re.Match[str]]:
    """What ``_CANDIDATE.finditer(line)`` gives, faster: every candidate starts with sentence
    punctuation, so the pattern is tried only there (a search for one character class jumps
    between them, where the two-branch pattern would be tried at every position)."""
    end = 0
    for start in _punctuation_starts(line):
        if start < end:
            continue
        m = _CANDIDATE.match(line, start)
        if m:
            yield m
            end = m.end()


def _split_line(line: str) -> list[str]:
    sentences: list[str] = []
    begin = 0
    for m in _candidates(line):
        glued = m.group("glued") is not None
        punct = m.group("glued") or m.group("punct")
        if line[m.end()].islower():
            continue  # "... v.v. và", "TP. hà": a lower-case word never starts a sentence
        if not _is_boundary(line, m.start(), punct, glued):
            continue
        end = m.start("glued") + 1 if glued else m.end("close")
        piece = line[begin:end].strip()
        if piece:
            sentences.append(piece)
        begin = end
    rest = line[begin:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of ``paragraph`` in order, original wording, surrounding spaces trimmed."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip()
        if line:
            sentences.extend(_split_line(line))
    return sentences
