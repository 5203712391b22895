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


def _runs_of_the_full_word_reading(cleaned: str) -> list[list[tuple[str, tuple[int, int]]]]:
    """Runs of capitalised words from the list of every word of the whole text."""
    parts = geo._WORD_SPLIT.split(cleaned)
    words, gaps = parts[1::2], parts[2::2]
    starts = [sum(map(len, parts[: 2 * j + 1])) for j in range(len(words))]
    runs: list[list[tuple[str, tuple[int, int]]]] = []
    last = -2
    for j, word in enumerate(words):
        if not word[0].isupper():
            continue
        if not (j == last + 1 and not gaps[last].strip()):
            runs.append([])
        runs[-1].append((word, (starts[j], starts[j] + len(word))))
        last = j
    return runs


def _runs_read_in_pieces(cleaned: str) -> list[list[tuple[str, tuple[int, int]]]]:
    got = []
    for run_words, start, end, spans in geo._capitalised_runs(cleaned):
        if spans is None:  # the run's text stands for its words, its pieces between white space
            run_words = run_words.split()
            spans = geo._word_spans(cleaned, run_words, start)
        assert (start, end) == (spans[0][0], spans[-1][1])
        got.append(list(zip(run_words, spans)))
    return got


@pytest.mark.parametrize(
    "text",
    [
        "Đồng chí Trần Văn Sơn - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu.",
        "(HNP) - Chiều 10/12, Đảng bộ xã B'Lao (Lâm Đồng) - Ủy viên",  # a piece starts at "("
        "Hà Nội, x'Lao Cai; 2020 - Hà Nam: “Đoàn kết- Dân chủ- Sáng tạo”",
        "Hà Nội - Hải Phòng, Nam Định",  # the joined piece is the text's start
        "Nam Định, Hà Nội - Hải Phòng",  # ... its end
        "- Hà Nội -, 'Lao, K’Brơi",
        ",,, - Ab. - Cd, ",
        "TỈNH BÀ RỊA - VŨNG TÀU (Đắk Lắk - Gia Lai)",
        "Ðảng bộ tỉnh Bà\u00a0Rịa - Vũng\u200bTàu, Huyện uỷ Chương Mỹ - Hà Nội",  # U+00D0, NBSP, ZWSP, old tones
    ],
)
def test_runs_read_in_pieces_are_those_of_the_full_word_reading(text):
    cleaned = textnorm.clean_text(text)
    assert any(joined for _, _, joined in geo._pieces(cleaned))
    assert _runs_read_in_pieces(cleaned) == _runs_of_the_full_word_reading(cleaned)


def test_pieces_tile_the_text_and_runs_match_on_mixed_text():
    alphabet = ["Hà", "nội", "B", "x", "2020", "Ủy", "VŨNG", " ", " ", "  ", "-", " - ", "'", "’", ",", ".", "(", ")", "“", ":", "\n"]
    rnd = random.Random(11)
    for _ in range(3000):
        cleaned = textnorm.clean_text("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 25))))
        pieces = geo._pieces(cleaned)
        assert pieces[0][0] == 0 and pieces[-1][1] == len(cleaned)
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
        assert _runs_read_in_pieces(cleaned) == _runs_of_the_full_word_reading(cleaned), repr(cleaned)
