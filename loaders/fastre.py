"""Word alternations a regex search can skip to fast.

A search with Python's ``re`` tries its pattern at every position of the text unless the pattern
opens with a plain character or character set: then it jumps from one such character to the
next. A case-insensitive alternation of words, or one that opens with a look-behind ("no letter
before"), gets no such jump and costs ~100-300 ns per character of every sentence scanned.
``first_letter_alternation`` writes the same alternation so that it opens with the set of the
words' first letters in every case ``(?i)`` equates with them, the look-behind checked after it.
"""

from __future__ import annotations

import re

# Letters Python's case-insensitive matching equates with a letter beyond its upper and lower
# case (tests/test_extract_speed_fastre.py checks this against every character of the BMP).
_EXTRA_CASES = {"i": "İı", "k": "\u212a", "s": "ſ"}


def case_variants(letter: str) -> str:
    """Every character ``(?i)`` matches for ``letter``."""
    pattern = re.compile("(?i:%s)" % re.escape(letter))
    candidates = {letter, letter.lower(), letter.upper(), *_EXTRA_CASES.get(letter.lower(), "")}
    return "".join(sorted(c for c in candidates if len(c) == 1 and pattern.fullmatch(c)))


def first_letter_alternation(branches: list[tuple[str, str]], not_before: str | None, ignore_case: bool,
                             capture: bool = False) -> tuple[str, list[int]]:
    """The regex ``(?<!not_before)(?:b1|b2|...)`` written to open with a character set, and for
    each capture group (``capture``: one around each branch's rest) the index of its branch.

    ``branches`` are (first letter, regex for the rest) in the order the flat alternation tries
    them; the first letter is a plain letter. ``not_before`` is a regex for one character (None: no
    look-behind). With
    ``ignore_case`` every branch matches as inside ``(?i:...)``.

    The same matches as the flat form: branches whose first letters differ (in every case) never
    match at the same position, and the branches of one first letter keep their order.
    """
    groups: dict[str, list[tuple[int, str]]] = {}  # a first letter's variants -> (index, rest)
    for i, (letter, rest) in enumerate(branches):
        variants = case_variants(letter) if ignore_case else letter
        groups.setdefault(variants, []).append((i, rest))
    if len(set("".join(groups))) != sum(map(len, groups)):
        raise ValueError("first letters that case-insensitive matching equates only in part")
    order: list[int] = []
    parts = []
    for variants, members in groups.items():
        body = "|".join(f"({rest})" if capture else f"(?:{rest})" for _, rest in members)
        body = f"(?i:{body})" if ignore_case else f"(?:{body})"  # the letter check covers every branch
        parts.append(f"(?<=[{re.escape(variants)}]){body}" if len(groups) > 1 else body)
        order.extend(i for i, _ in members)
    letters = re.escape("".join(sorted("".join(groups))))
    behind = f"(?<!{not_before}.)" if not_before else ""
    return f"[{letters}]{behind}(?:{'|'.join(parts)})", order


def word_branches(words: list[str]) -> list[tuple[str, str]]:
    """(first letter, regex for the rest) of each word or phrase, its words joined by ``\\s+``."""
    branches = []
    for w in words:
        body = r"\s+".join(map(re.escape, w.split()))
        branches.append((w[0], body[len(re.escape(w[0])):]))
    return branches
