"""Shortcuts in text normalisation, meetings and documents: each must give what the slower form
it replaced gives. The cases are the ones a careless shortcut would get wrong: lower-case and
dotted abbreviations ("đ/c", "T.Ư"), old tone placement, white space other than a plain space,
"Ð" (U+00D0) for "Đ"."""

import unicodedata

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


def _meeting_dates(sentences, published=None):
    from loaders.meetings import find_meetings
    from loaders.orgs import Locality
    from loaders.persons import find_persons

    loc = Locality("Hà Nội")
    index = find_persons(sentences, loc)
    meetings, _ = find_meetings(sentences, index.normalised, index.mentions, loc, published=published)
    return [m.date for m in meetings]


def test_reporting_periods_are_read_when_a_lede_has_neither_year_nor_article_date():
    # The period is named after the lede, in upper case; the lede's date has no year.
    lede = "Sáng 29/6, Ban Tổ chức Thành ủy Hà Nội tổ chức Hội nghị sơ kết công tác."
    period = "Hội nghị đánh giá kết quả 6 THÁNG ĐẦU NĂM 2022 của các đảng bộ."
    assert _meeting_dates([lede, period]) == ["2022-06-29"]
    # The same lede with its article's date: the reporting period plays no part.
    assert _meeting_dates([lede, period], published="2023-07-01") == ["2023-06-29"]
    # A dateline before the item is the article's date.
    assert _meeting_dates(["Hà Nội, 30/06/2021", lede, period]) == ["2021-06-29"]
    # A passive lede whose date comes after its verb, and "Đến ngày" as the period.
    passive = "Hội nghị Ban Chấp hành Đảng bộ quận Ba Đình đã diễn ra ngày 25/3 tại Hà Nội."
    assert _meeting_dates([passive, "Đến ngày 11/3/2021, quận đã hoàn thành."]) == ["2021-03-25"]


@pytest.mark.parametrize(
    "before",
    [
        "Ban Thường vụ Tỉnh ủy\u200b\u200b\u200b quán triệt",  # dropped characters before the documents
        unicodedata.normalize("NFD", "Ban Thường vụ Tỉnh ủy quán triệt"),  # composed: shorter
        "Ban Thường vụ Tỉnh uỷ quán triệt",  # old tone placement: same length
        "BAN THƯỜNG VỤ TỈNH ỦY QUÁN TRIỆT",
    ],
)
def test_documents_are_read_from_the_cleaned_sentence_whatever_cleaning_moves(before):
    from loaders.resolutions import find_resolutions

    tail = " Nghị quyết số 18-NQ/TW và CHỈ THỊ 05-CT/TW của Bộ Chính trị."
    expected = [(r.kind, r.number, r.name) for r in find_resolutions(["Ban Thường vụ Tỉnh ủy quán triệt" + tail])]
    assert len(expected) == 2
    assert [(r.kind, r.number, r.name) for r in find_resolutions([before + tail])] == expected
