"""Shortcuts of the locality stage (geo.find_places, orgs.resolve_locality): each gives what the
longer reading gives, including on upper case, old tone placement, abbreviations, NBSP and
zero-width spaces, and "Ð" (U+00D0)."""

import random
import re

import pytest

from loaders import geo, orgs, textnorm


def _runs_of_the_full_word_reading(cleaned: str) -> list[list[tuple[str, tuple[int, int]]]]:
    """Runs of capitalised words from the list of every word (what _capitalised_runs shortens)."""
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
    """Runs of capitalised words as _capitalised_runs gives them, each word with its span."""
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
        "nhiệm kỳ 2020 - Hà Nội và Hải Phòng",  # "2020 - Hà" is one word: "Hà" starts no run
        "ông x'Lao Cai và bà B'Lao Đắk Nông",  # "x'Lao" is one word, not capitalised
        "tỉnh Bà Rịa - VũngTàu và Rịa - Vũng2X",  # a word starts right where a joined one ends
        "TỈNH BÀ RỊA - VŨNG TÀU, Đắk Lắk - Gia Lai",
        "Ðảng bộ tỉnh Bà\u00a0Rịa - Vũng\u200bTàu và K’Brơi - Bí thư",
        "Huyện ủy Chương Mỹ - Hà Nội; A - b - C - Dê",
        "- Hà Nội -",
    ],
)
def test_runs_read_from_the_next_run_are_those_of_the_full_word_reading(text):
    cleaned = textnorm.clean_text(text)
    assert geo._JOINED_WORDS.search(cleaned)  # these take the reading with joined words
    assert _runs_read_in_pieces(cleaned) == _runs_of_the_full_word_reading(cleaned)


def test_joined_words_found_from_the_apostrophe_or_hyphen():
    assert geo._JOINED_WORDS.search("xã B'Lao")
    assert geo._JOINED_WORDS.search("Bà Rịa -  Vũng Tàu")
    assert not geo._JOINED_WORDS.search("nhiệm kỳ 2020-2025, ' Hà Nội")  # nothing joined
    assert not geo._JOINED_WORDS.search("'Lao")  # no letter before the apostrophe


@pytest.mark.parametrize(
    "text",
    [
        "Đảng ủy Khối các cơ quan tỉnh Nghệ An",
        "Đảng uỷ khối các cơ quan tỉnh Nghệ An",  # old tone placement, lower case
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH NGHỆ AN",
        "Ðảng bộ Khối Doanh nghiệp tỉnh Nghệ An",  # U+00D0
        "Đảng ủy\u00a0Khối các cơ quan tỉnh Nghệ An",  # NBSP
        "Đảng ủy\u200b Khối các cơ quan tỉnh Nghệ An",  # zero-width space
        "Đảng ủy\n\nKhối các cơ quan tỉnh Nghệ An",
        "ĐUK các cơ quan tỉnh Nghệ An",  # an abbreviation writes "Khối"
        "Đảng BTVTU khối",  # an abbreviation writes the "ủy" before "khối"
    ],
)
def test_an_article_naming_a_bloc_committee_is_read_for_it(text):
    assert orgs._may_name_khoi_committee(["Tin hoạt động", text])


@pytest.mark.parametrize(
    "text",
    [
        "hoàn thành khối lượng công việc lớn",
        "củng cố khối đại đoàn kết toàn dân tộc",
        "theo Nghị quyết số 05-NQ/TU về khối doanh nghiệp",  # "TU" after "/" is no abbreviation
        "Đảng ủy các khối",
    ],
)
def test_khoi_without_a_bloc_committee_skips_normalising(text):
    assert not orgs._may_name_khoi_committee([text])
    assert not re.search(r"Đảng\s+(?:ủy|bộ)\s+Khối", orgs.normalise_org_text(text))


def test_a_bloc_committee_across_a_paragraph_break_is_read_for_it():
    assert orgs._may_name_khoi_committee(["Ban Thường vụ Đảng uỷ", "khối các cơ quan tỉnh họp"])


def test_cleaning_an_article_is_cleaning_its_paragraphs():
    # What _may_name_khoi_committee relies on: nothing clean_text changes spans a line break.
    paragraphs = [
        "Ðảng bộ xã Hoà Bình",  # U+00D0, old tone placement
        "\u0301Uỷ ban khoá mới",  # a combining mark opening a paragraph, old tones
        "Thuỷ\u00a0và\u200b hoà",  # NBSP, zero-width space, an old tone ending the paragraph
        "\u00a0 BAN THƯỜNG VỤ TỈNH UỶ –",
        "",
        "Đảng uỷ khối hoà " * 150,  # a long paragraph: cleaned apart from the short ones' cache
    ]
    joined = "\n\n".join(paragraphs)
    assert textnorm.clean_text(joined) == "\n\n".join(map(textnorm.clean_text, paragraphs))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đảng bộ xã Tân Lợi tổ chức đại hội", [("xã", "Tân Lợi")]),
        ("thị trấn Phong Điền, phường Bến Nghé", [("thị trấn", "Phong Điền"), ("phường", "Bến Nghé")]),
        ("Đảng bộxã Tân Lợi và Xã Tân Hòa", []),  # glued to a letter; "Xã" upper case is no kind word
        ("phát triển kinh tế - xã hội", []),
    ],
)
def test_commune_kind_word_found_from_its_first_letter(text, expected):
    assert [m.groups() for m in orgs._COMMUNE.finditer(text)] == expected


# What _cue_before answered before it read the context backwards: a search for a kind word that
# only white space follows.
_KIND_BEFORE_SEARCHED = re.compile(rf"(?P<kind>{'|'.join(map(re.escape, geo._KIND_WORDS))})\s*$", re.IGNORECASE)


@pytest.mark.parametrize(
    "context",
    [
        "Ban Thường vụ Huyện ủy ",
        "Bí thư Tỉnh Ủy  ",  # upper case, two spaces
        "Ủy ban nhân dân\u00a0",  # NBSP
        "HỘI ĐỒNG NHÂN DÂN\n",
        "đồng chí Trần Văn ",
        "làm việc tại ",
        "dự tại điểm cầu ",  # "tại" ends no kind word here: "điểm cầu" does
        "đıểm cầu ",  # dotless i: the case-insensitive match takes it for "i"
        "TP. ",
        "TP .",
        "thị xã",
        "thành  phố ",  # two spaces inside: no kind word
        "",
        "   ",
        "quậnhuyện ",  # a kind word glued to letters before it still counts, as before
    ],
)
def test_cue_read_backwards_is_the_one_the_search_finds(context):
    found = _KIND_BEFORE_SEARCHED.search(context)
    assert geo._cue_before.__wrapped__(context) == (found.group("kind").lower() if found else "")


def test_kind_words_differ_in_any_case():
    # Two kind words that matched the same text would make "the longest" ambiguous.
    assert len({w.lower() for w in geo._KIND_WORDS}) == len(geo._KIND_WORDS)


def test_the_run_reading_spells_words_as_the_word_pattern_does():
    # _NEXT_CAPITALISED_RUN builds its words from _WORD_REST: _WORD after its first letter.
    assert geo._WORD.pattern.replace("]+", "]*", 1) == geo._WORD_REST


# --- round 2: place keys by translate, runs read in pieces, runs that name a place


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
