"""Shortcuts of the locality stage, round 2 (geo.find_places and what it reads): each gives what
the longer reading gives, including on upper case, old tone placement, abbreviations, NBSP and
zero-width spaces, and "Ð" (U+00D0)."""

import random

import pytest

from loaders import geo, textnorm


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội",
        "BÀ RỊA - VŨNG TÀU",  # upper case, a hyphen
        "Thừa Thiên Huế",
        "Uỷ ban khoá mới hoà",  # old tone placement
        "Hòa Bình",
        "Ðắk Lắk",  # U+00D0
        "ðắk",  # U+00F0
        "Đắk\u00a0Nông",  # NBSP
        "Vũng\u200bTàu\ufeff",  # zero-width space, BOM
        "Ho\u0300a Bi\u0300nh",  # decomposed marks (NFD)
        "\u0301Uỷ",  # a combining mark with no letter before it
        "K'Brơi B’Lao",  # apostrophes
        "TP.HCM 2020–2025",  # abbreviation, en dash, digits
        "\u212a\u0130stanbul",  # Kelvin sign, dotted capital I: lower case gives ASCII
        "ǅ ﬁ ß",  # a title-case digraph, a ligature, sharp s
        "Đảng uỷ khối hoà " * 20,  # longer than fold's cached short texts
        "",
        "  ",
    ],
)
def test_place_key_is_fold_without_spaces(text):
    assert geo._key.__wrapped__(text) == textnorm.fold(text).replace(" ", "")


def test_place_key_is_fold_without_spaces_on_mixed_characters():
    # Characters whose folding could depend on their neighbours (combining marks, tone marks
    # that cleaning moves, mapped characters), mixed at random.
    alphabet = list("aAoOuUyYeEqQđĐÐðıİ -'’.") + [
        "\u00a0", "\u200b", "\ufeff", "\u2013", "\u212a", "\u212b",
        "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b",
    ] + list("àáảãạòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÒÓỲÝỶăâêôơưĂÂÊÔƠƯ")
    rnd = random.Random(7)
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
        assert geo._key.__wrapped__(text) == textnorm.fold(text).replace(" ", ""), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bí thư Tỉnh ủy Hà Nội Nguyễn Văn Nam làm việc tại huyện Chương Mỹ",  # no joined words
        "Tỉnh ủy Bà Rịa - Vũng Tàu và tỉnh Đắk Lắk",  # joined by a hyphen
        "xã Ia O, huyện Ia Grai, tỉnh Gia Lai và K'Brơi, Đà Nẵng",  # joined by an apostrophe
        "THÀNH ỦY HÀ NỘI, Uỷ ban nhân dân tỉnh Hoà Bình",  # upper case, old tone placement
        "Ðảng bộ tỉnh Bà\u00a0Rịa - Vũng\u200bTàu",  # U+00D0, NBSP, zero-width space
        "Đồng chí Trần Văn Bình, Bí thư",  # runs that name no place
        "",
    ],
)
def test_named_runs_are_the_capitalised_runs_that_name_a_place(text):
    cleaned = textnorm.clean_text(text)
    runs = geo._capitalised_runs(cleaned)
    expected = [(*run, geo._names_in_run(run[0])) for run in runs if geo._names_in_run(run[0])]
    assert geo._named_runs(cleaned) == expected
    # Only the runs holding one of the offsets asked for.
    for at in {0, len(cleaned) // 2, max(0, len(cleaned) - 3)}:
        assert geo._named_runs(cleaned, (at,)) == [run for run in expected if run[1] <= at < run[2]]
