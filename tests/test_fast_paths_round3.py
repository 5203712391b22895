"""Round 3 of the extraction shortcuts (textnorm, geo, orgs): each must give what the slower
form it replaced gives. The cases are the ones a careless shortcut would get wrong: upper case,
old tone placement in the middle and at the end of words, white space other than a plain space,
an abbreviation glued to a document number, a place written after a zero-width space."""

import re
import unicodedata

import pytest

from loaders import geo, orgs, textnorm


@pytest.mark.parametrize(
    "written, expected",
    [
        ("HOÀ BÌNH, Thuỷ lợi và hoàn thành", "HÒA BÌNH, Thủy lợi và hoàn thành"),
        ("sức khoẻ, khoá XIII, đoàn kết", "sức khỏe, khóa XIII, đoàn kết"),  # "đoàn": a pair inside a word
        ("quý, QUÝ, thuý", "quý, QUÝ, thúy"),  # "qu" + y keeps the tone on y
        ("Ðảng\u00a0bộ\u200b tỉnh – huyện", "Đảng bộ tỉnh - huyện"),  # mapped, dropped and spaced characters
        ("Uy\u0309 ban", "Ủy ban"),  # decomposed: composed, then the tone moved
    ],
)
def test_clean_text_moves_tones_only_at_word_ends_in_any_case(written, expected):
    assert textnorm.clean_text(written) == expected
    assert textnorm.clean_text(" ".join([written] * 30)) == " ".join([expected] * 30)  # the long (uncached) path


def test_single_spaces_is_the_plain_white_space_squash():
    for text in ["Ban Thường vụ", "Ban  Thường\tvụ", "Ban\u00a0Thường\nvụ ", " a\u2028 b\x85c", "", " ",
                 "\n\t ", "  Ban\x1c\x1fvụ\u3000 \n", "\u200bBan\u200b vụ\ufeff"]:
        assert textnorm.single_spaces(text) == re.sub(r"\s+", " ", text)
    every_space = "".join(chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c)))
    assert every_space == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())  # what str.split splits at
    assert textnorm.single_spaces(f"a{every_space}b{every_space}") == "a b "


def test_cleaning_keeps_offsets_only_when_nothing_is_dropped_or_composed():
    assert textnorm.cleaning_keeps_offsets("Ủy ban nhân dân tỉnh Hoà Bình")  # a tone move keeps offsets
    assert not textnorm.cleaning_keeps_offsets("Thành ủy\u200b Hà Nội")  # a dropped character
    assert not textnorm.cleaning_keeps_offsets(unicodedata.normalize("NFD", "Hà Nội"))
    assert not textnorm.cleaning_keeps_offsets("Ðà Nẵng")


def test_abbreviations_expand_as_whole_tokens_only():
    assert textnorm.expand_abbreviations("TW và UBND TP") == "Trung ương và Ủy ban nhân dân thành phố"
    assert textnorm.expand_abbreviations("Chỉ thị 05-CT/TW, Kết luận 01.TW") == "Chỉ thị 05-CT/TW, Kết luận 01.TW"
    assert textnorm.expand_abbreviations("BCH TW khóa XIII, BCHTW") == "Ban Chấp hành Trung ương khóa XIII, Ban Chấp hành Trung ương"
    assert textnorm.expand_abbreviations("TWO, aTP") == "TWO, aTP"


def test_recasing_of_long_phrases_needs_their_inner_words_in_any_case():
    assert orgs.normalise_org_text("Ủy ban kiểm tra TỈNH ỦY Quảng Nam") == "Ủy ban Kiểm tra Tỉnh ủy Quảng Nam"
    assert orgs.normalise_org_text("Ban chấp  hành\nTrung ương Đảng") == "Ban Chấp hành Trung ương Đảng"
    assert orgs.normalise_org_text("ban chấp hành Trung ương") == "ban chấp hành Trung ương"  # lower-case start: kept


def test_heads_grouped_by_first_letter_still_prefer_the_first_listed_form():
    loc = orgs.Locality(province="Hà Nội")
    found = [org.name for org, _ in orgs.find_organizations(
        "Ban Chấp hành Trung ương Đảng, Ban Tổ chức Thành ủy và Đảng bộ Khối doanh nghiệp thành phố Hà Nội họp.", loc)]
    assert found == ["Ban Chấp hành Trung ương", "Ban Tổ chức Thành ủy Hà Nội",
                     "Đảng bộ Khối doanh nghiệp thành phố Hà Nội"]
    assert orgs.find_organizations("Đảng bộX và Sởn", loc) == []  # a head glued to other letters


def test_a_place_after_a_head_is_found_through_cleaning_and_old_tone_placement():
    loc = orgs.Locality()
    assert orgs.canonical_org("Tỉnh ủy Hoà Bình", loc).name == "Tỉnh ủy Hòa Bình"
    assert orgs.canonical_org("Huyện ủy Chương Mỹ", loc).parent == "Thành ủy Hà Nội"
    assert orgs.canonical_org("UBND tỉnh Quảng Nam", loc).name == "Ủy ban nhân dân tỉnh Quảng Nam"


def test_place_lookup_stops_only_where_no_longer_name_can_start():
    # "Thừa Thiên Huế": three words whose first two are no name on their own; a person's name
    # of capitalised words before a province does not swallow it.
    places = geo.find_places("Đồng chí Lê Trường Lưu, Bí thư Tỉnh ủy Thừa Thiên Huế, và tỉnh Bà Rịa - Vũng Tàu")
    assert [(p.name, p.level) for p in places] == [("Thừa Thiên Huế", "province"), ("Bà Rịa - Vũng Tàu", "province")]
    assert [p.name for p in geo.find_places("huyện Chương Mỹ")] == ["Chương Mỹ"]
    assert geo.find_places("chương trình công tác năm") == []


def test_central_committee_is_named_by_its_body_or_its_documents_in_any_case():
    assert orgs.names_central_committee("thực hiện các NGHỊ QUYẾT của trung ương về xây dựng Đảng")
    assert not orgs.names_central_committee("nghị quyết của Trung ương Đoàn về thanh niên")


@pytest.mark.parametrize(
    "text",
    [
        "Tỉnh ủy Bà Rịa - Vũng Tàu và tỉnh Đắk Lắk",  # a hyphen joins words: the full word reading
        "xã Ia O, huyện Ia Grai, tỉnh Gia Lai và K'Brơi, Đà Nẵng",  # an apostrophe joins words
        "Huyện ủy Chương Mỹ, Hà Nội; thành phố Hồ Chí Minh (TP.HCM) và Nguyễn Văn Nam Định",
        "nhiệm kỳ 2020-2025 của Đảng bộ tỉnh Quảng Nam",  # a hyphen between numbers joins nothing
    ],
)
def test_capitalised_runs_read_directly_are_the_runs_of_the_full_reading(text):
    # Text without joined words is read without splitting every word; the runs of capitalised
    # words that stand together, and each word's place, must be those the full word pattern gives.
    cleaned = textnorm.clean_text(text)
    parts = geo._WORD_SPLIT.split(cleaned)
    words, gaps = parts[1::2], parts[2::2]
    starts = [sum(map(len, parts[: 2 * j + 1])) for j in range(len(words))]
    expected: list[list[tuple[str, tuple[int, int]]]] = []
    last = -2
    for j, word in enumerate(words):
        if not word[0].isupper():
            continue
        if not (j == last + 1 and not gaps[last].strip()):
            expected.append([])
        expected[-1].append((word, (starts[j], starts[j] + len(word))))
        last = j
    got = []
    for run_words, start, end, spans in geo._capitalised_runs(cleaned):
        if spans is None:  # the fast reading: the run's text, its words its pieces between white space
            run_words = run_words.split()
            spans = geo._word_spans(cleaned, run_words, start)
        assert (start, end) == (spans[0][0], spans[-1][1])
        got.append(list(zip(run_words, spans)))
    assert got == expected
