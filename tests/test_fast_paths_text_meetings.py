"""Shortcuts in text normalisation, meetings and documents: each must give what the slower form
it replaced gives. The cases are the ones a careless shortcut would get wrong: lower-case and
dotted abbreviations ("đ/c", "T.Ư"), old tone placement, white space other than a plain space,
"Ð" (U+00D0) for "Đ"."""

import pytest

from loaders import textnorm


def _expand_every_pattern(text: str) -> str:
    """expand_abbreviations without its shortcut: every pattern tried on every text."""
    for pattern, full in textnorm._ABBREV_PATTERNS:
        text = pattern.sub(full, text)
    text = textnorm._CITY_DOT.sub("thành phố ", text)
    return textnorm.squash_spaces(text)


@pytest.mark.parametrize("abbr", [a for a, _ in textnorm.ABBREVIATIONS])
def test_every_abbreviation_passes_the_one_search_that_gates_expansion(abbr):
    for text in (abbr, f"Đồng chí {abbr} tỉnh", f"({abbr})", f"05-CT/{abbr}", f"x{abbr}y"):
        assert textnorm._ANY_ABBREVIATION.search(text)
        assert textnorm.expand_abbreviations(text) == _expand_every_pattern(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ban Thường vụ Tỉnh ủy Hoà Bình",  # no abbreviation
        "đ/c Nguyễn Văn A, UVT.Ư, Bí thư",  # lower-case and dotted
        "Ban Chấp hành T.Ư  Đảng",
        "thành phố.  Hà Nội",  # no abbreviation, but a dotted city
        "TP.\u00a0Hà Nội",
        "UBND  TP  Hồ Chí Minh",
        "Ðảng ủy Khối, BCH TW",
        "",
    ],
)
def test_expand_abbreviations_is_every_pattern_tried(text):
    assert textnorm.expand_abbreviations(text) == _expand_every_pattern(text)
