"""Shortcuts in text normalisation, meetings and documents: each must give what the slower form
it replaced gives. The cases are the ones a careless shortcut would get wrong: lower-case and
dotted abbreviations ("đ/c", "T.Ư"), old tone placement, white space other than a plain space,
"Ð" (U+00D0) for "Đ"."""

import re
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
def test_one_pass_expansion_is_every_pattern_in_turn(abbr):
    for text in (abbr, f"Đồng chí {abbr} tỉnh", f"({abbr})", f"05-CT/{abbr}", f"x{abbr}y", abbr.lower()):
        assert textnorm.expand_abbreviations(text) == _expand_every_pattern(text)
    # Next to every other abbreviation, whatever stands between them: the one pass must not
    # let one match hide another that the patterns in turn would find, or the reverse.
    for other, _ in textnorm.ABBREVIATIONS:
        for between in ("", " ", ".", ". ", "/", "-", ", ", "\u00a0", "TW"):
            for text in (f"{abbr}{between}{other}", f"{other}{between}{abbr} tỉnh"):
                assert textnorm.expand_abbreviations(text) == _expand_every_pattern(text), repr(text)


def test_no_expansion_holds_an_abbreviation():
    for _, full in textnorm.ABBREVIATIONS:
        for pattern, _ in textnorm._ABBREV_PATTERNS:
            assert pattern.search(full) is None, (full, pattern.pattern)


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


_LEDE_TIMES = [
    "Chiều 01/7, Ban Tổ chức Thành ủy tổ chức hội nghị.",
    "Sáng nay (25/3), đoàn kiểm tra có buổi làm việc.",
    "Hôm nay 10.10, HĐND tỉnh họp.",
    "NGÀY 10 VÀ 11 - 2, Đảng bộ tổ chức đại hội.",
    "Sáng ngày 19 / 11 / 2024, tại Hà Nội, hội nghị khai mạc.",
    "Tối\u00a0qua 5-9, đoàn công tác làm việc.",
    "Chiều 01/7",
    "Sáng nay, hội nghị khai mạc lúc 8 giờ.",  # no day/month
]


@pytest.mark.parametrize("sentence", _LEDE_TIMES)
def test_a_time_expression_always_holds_the_day_month_the_cheap_search_looks_for(sentence):
    from loaders import meetings

    for end in (60, len(sentence), 12):
        if meetings.TIME_EXPR.search(sentence, 0, end):
            assert meetings._DAY_MONTH.search(sentence, 0, end)
        if meetings._DAY_MONTH.search(sentence, 0, end):  # and the separator str.find looks for first
            assert any(sentence.find(mark, 0, end) >= 0 for mark in "/.-")


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội nghị SẼ diễn ra vào tuần tới.",
        "Dự Kiến, Đại hội tổ chức trong 2 ngày.",
        "Sáng Mai, đoàn công tác làm việc; chiều mai bế mạc; NGÀY MAI về; sắp tới họp.",
        "Hội nghị ſẽ diễn ra",  # long s: case-insensitive "s", lower-cases to itself
        "Đại hội dự kİến kéo dài",  # dotted capital I: lower-cases to two characters
        "Hội nghị sẽx, dựkiến, xsắp tới",  # glued to a letter: not the word
        "Hội nghị đã diễn ra.",
        "",
    ],
)
def test_future_check_is_the_future_pattern(sentence):
    from loaders import meetings

    assert meetings._speaks_of_future(sentence) == (meetings._FUTURE.search(sentence) is not None)


def _assert_lower_cases_to_its_letter_or_is_a_known_extra(letters: set[str]) -> None:
    """Every character of the BMP that ``(?i)`` matches with one of ``letters`` lower-cases to that
    letter or is one of meetings' known extras (what a plain search of the lower-cased text misses)."""
    from loaders import meetings

    for letter in letters:
        pattern = re.compile("(?i:%s)" % re.escape(letter))
        for code in range(0x10000):
            c = chr(code)
            if pattern.fullmatch(c):
                assert c.lower() == letter or c in meetings._CASE_EXTRAS, (letter, hex(code))


def test_every_letter_the_future_pattern_takes_lower_cases_to_it_or_is_a_known_extra():
    from loaders import meetings

    letters = set("".join(meetings._FUTURE_WORDS)) - {" "}
    _assert_lower_cases_to_its_letter_or_is_a_known_extra(letters)


@pytest.mark.parametrize(
    "subject",
    ["Ban Tổ chức Thành ủy Hà Nội", "Ban Tổ chức Thành ủy, Ban Tuyên giáo", "Tỉnh ủy và  UBND tỉnh",
     "Sở Nội vụ phối hợp với Tỉnh ủy", "Huyện ủy cùng\tUBND huyện", "Hội Cựu chiến binh", ""],
)
def test_organisers_split_only_where_a_separator_word_is(subject):
    from loaders import meetings

    one_name = not any(word in subject for word in (",", "và", "phối hợp", "cùng"))
    assert not one_name or meetings._ORG_SPLIT.split(subject) == [subject]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hà Nội, 30/06/2021",
        "30/06/2021 10:05 |",
        "30.06.2021 \n",
        "Cập nhật, 1-7-2020\u00a0",
        "Hà Nội, 30/06/20٢١",  # other decimal digits: \d and str.isdecimal agree
        "Hà Nội, 30/06/2021.",
        "Ngày 30/06/2021 Đảng bộ họp",
        "",
    ],
)
def test_dateline_check_is_the_dateline_pattern(sentence):
    from loaders import meetings

    expected = meetings._DATELINE.match(sentence)
    found = meetings._dateline(sentence)
    assert (found and found.groups()) == (expected and expected.groups())


_NAME_CUT_AS_WRITTEN = re.compile(
    r"\s+(?:để|nhằm)\s|\s+sau\s+\d+\s+ngày|,\s+với\s|\s+với chủ đề|\s+với sự tham dự|\s*\((?:ảnh|Ảnh)\)|[.;:]\s*$"
)


@pytest.mark.parametrize(
    "name",
    [
        "Hội nghị sơ kết công tác 6 tháng để triển khai nhiệm vụ",
        "Hội nghị nhằm\u00a0quán triệt Nghị quyết",
        "Đại hội sau 5 ngày làm việc",
        "Hội nghị, với sự tham dự của lãnh đạo",
        "Hội thảo  với chủ đề chuyển đổi số",
        "Hội nghị với sự tham dự của các đồng chí",
        "Lễ kỷ niệm(Ảnh) tại hội trường",
        "Lễ kỷ niệm \t(ảnh)",
        "Hội nghị Ban Chấp hành: ",
        "Hội nghị lần thứ 5.",
        "Hội nghị ĐỂ triển khai",  # upper case: not a cut (the pattern is case-sensitive)
        "Hội nghị trực tuyến toàn quốc",
    ],
)
def test_name_cut_is_the_pattern_as_written(name):
    from loaders import meetings

    expected = _NAME_CUT_AS_WRITTEN.search(name)
    found = meetings._NAME_CUT.search(name)
    assert (found and found.start()) == (expected and expected.start())


_WHITE_SPACE = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()]


@pytest.mark.parametrize(
    "text",
    [
        "Vũ Đức Bảo",
        "  ỦY BAN NHÂN DÂN  tỉnh Hoà Bình ",
        "Ðảng ủy Khối\u00a0các cơ quan",  # "Ð" (U+00D0), NBSP
        "Thành\u200bủy Hà\u200b Nội",  # zero-width space inside and at the end of a word
        "Khoá XIII, Uỷ viên",  # old tone placement
        "a \u0301b \u0301 c",  # combining marks after a space
        "UBND TP.HCM (Hà Nội) - 05-CT/TW",
        "İstanbul, Kelvin \u212a, đ/c",
        "Hoa\u0300 Bi\u0300nh, THUY\u0309",  # decomposed, old tone placement
        "a\u0323\u0302 a\u0302\u0323 o\u1dc0\u0316",  # marks out of canonical order, a mark outside U+0300-036F
        "\u1100\u1161 \u2000x\u2001 ΣΑΣ ǅ ẞ Ｈà",  # Hangul jamo, singleton decompositions, final sigma, fullwidth
        " . , ",
        "",
    ],
)
def test_fold_by_characters_is_fold_of_the_whole_text(text):
    assert textnorm._fold_by_characters(text) == textnorm._fold(text)
    for space in _WHITE_SPACE:  # every character str.split splits on
        joined = space.join([text, "Hoà", text, "\u0301x"])
        assert textnorm._fold_by_characters(joined) == textnorm._fold(joined), repr(space)


def test_fold_by_characters_on_mixed_tricky_characters():
    import random

    pool = list("aAoOuUyYdDđĐÐðƉ iİıKk\u212a-\u2013\u00a0\u200b\ufeff\u0300\u0301\u0309\u0323\u0302\u031b\u1dc0ǅẞ")
    pool += list("àáảãạÀÁẢÃẠýỳỷỹỵÝỲỶỸỴ") + ["\u2000", "\u1100", "\u1161", "\u11a8", "\uac00"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert textnorm._fold_by_characters(text) == textnorm._fold(text), repr(text)


def _role_verbs_as_one_alternative():
    """The role-verb regex as loaders.fastre writes it (one alternative, a look-behind per letter)."""
    import json

    from loaders import meetings
    from loaders.fastre import first_letter_alternation, word_branches

    data = json.loads((meetings._DATA / "meeting_kinds.json").read_text(encoding="utf-8"))
    cues = sorted(((w, role) for role, words in data["roles"].items() for w in words),
                  key=lambda c: len(c[0]), reverse=True)
    letter = meetings._LETTER
    pattern, order = first_letter_alternation(
        word_branches([w for w, _ in cues]), f"(?i:[{letter}])", ignore_case=True, capture=True)
    return re.compile(rf"{pattern}(?![{letter}])"), [cues[i][1] for i in order]


@pytest.mark.parametrize(
    "sentence",
    [
        "Đồng chí Vũ Đức Bảo chủ trì hội nghị; dự hội nghị có đồng chí Nguyễn Văn A.",
        "PHÁT BIỂU CHỈ ĐẠO, đồng chí B nhấn mạnh; Đồng chủ trì là C.",
        "\u212aết luận hội nghị, đồng chí D yêu cầu",  # Kelvin sign: (?i) takes it for "k"
        "Tham\u00a0dự có E, F; Trưởng đoàn là G, dẫn đầu đoàn.",
        "Ðoàn chủ tịch gồm H; bài phát biểu; ý kiến; thamdự; dựthảo",  # "Ð" (U+00D0), glued words
        "Về phía tỉnh có I; tại điểm cầu Hà Nội có K; (Chứng kiến) L công bố Quyết định.",
        "",
    ],
)
def test_role_verbs_split_by_letter_case_match_the_one_alternative_form(sentence):
    from loaders import meetings

    reference, roles = _role_verbs_as_one_alternative()
    lex = meetings._lexicon()
    expected = [(m.span(), roles[m.lastindex - 1]) for m in reference.finditer(sentence)]
    found = [(m.span(), lex["cue_roles"][m.lastindex - 1]) for m in lex["cue_re"].finditer(sentence)]
    assert found == expected
    assert sentence == "" or expected  # every case here holds a role verb


@pytest.mark.parametrize(
    "sentence",
    [
        "Quán triệt Nghị quyết số 18-NQ/TW, CHỈ THỊ 05 và kế hoạch của Tỉnh ủy.",
        "\u212aết luận 21 và \u212aế hoạch 45",  # Kelvin sign: (?i) takes it for "k"
        "Quyết định, Quy định, QUY ĐỊNH; Đề án, đề án, ĐỀ ÁN; Hướng dẫn; Chương trình",
        "nghịquyết, Xnghị quyết, nghị quyếtX, chương trìnhs",  # glued to a letter: no kind
        "Ðề án 06",  # "Ð" (U+00D0) is not "Đ"
        "",
    ],
)
def test_document_kinds_split_by_letter_case_match_the_one_alternative_form(sentence):
    from loaders import resolutions
    from loaders.fastre import first_letter_alternation

    kinds = sorted(resolutions.lexicon()["kinds"], key=len, reverse=True)
    branches = [(k[0], re.escape(k[1:])) for k in kinds]
    reference = re.compile(first_letter_alternation(branches, r"\w", ignore_case=True)[0] + r"(?![\w])")
    kind = resolutions.patterns().kind
    assert [m.span() for m in kind.finditer(sentence)] == [m.span() for m in reference.finditer(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Quán triệt Nghị quyết số 18-NQ/TW, CHỈ THỊ 05 và kế hoạch của Tỉnh ủy.",
        "\u212aết luận 21 và \u212aế hoạch 45",  # Kelvin sign: lower-cases to "k"
        "Nghị quyết định rõ; Quyết định, Quy định, QUY ĐỊNH, Quyết địnhs",  # overlapping kinds
        "nghịquyết, Xnghị quyết, nghị quyếtX, chương trìnhs, Nghị  quyết",  # no kind
        "Ðề án 06, ĐỀ ÁN 06, Đề Án",  # "Ð" (U+00D0) is not "Đ"
        "İstanbul: Nghị quyết 1, Kế hoạch 2",  # lower-casing "İ" adds a character
        "Nghị\u00a0quyết 3, Hướng dẫn\u200b 4",
        "",
    ],
)
def test_kinds_found_from_the_lower_cased_sentence_are_the_pattern_s_matches(sentence):
    from loaders import resolutions

    found = resolutions._kind_matches(sentence, sentence.lower())
    assert [m.span() for m in found] == [m.span() for m in resolutions.patterns().kind.finditer(sentence)]


def test_every_letter_a_kind_matches_lower_cases_to_the_kind_s_letter():
    """What lets a kind be looked for in the lower-cased sentence: each character the
    case-insensitive pattern takes for one of a kind's letters lower-cases to that letter."""
    from loaders import resolutions

    letters = set("".join(resolutions._kind_keys())) - {" "}
    for letter in letters:
        pattern = re.compile("(?i:%s)" % re.escape(letter))
        for code in range(0x10000):
            if pattern.fullmatch(chr(code)):
                assert chr(code).lower() == letter, (letter, hex(code))


@pytest.mark.parametrize(
    "line",
    [
        "Chiều 01.7, TP. Hà Nội tổ chức hội nghị. Các đồng chí dự.",
        "Hội nghị thành công tốt đẹp!Tiếp theo...",
        "Tại sao? Vì … và v.v. ",
        "Không có dấu câu nào",
        "...",
        ".",
        "",
    ],
)
def test_punctuation_starts_are_where_the_punctuation_class_matches(line):
    from loaders import sentences

    assert sentences._punctuation_starts(line) == [m.start() for m in sentences._PUNCT.finditer(line)]


def _month_anchors(pattern_matches):
    return [(m.group(0)[-4:], m.end()) for m in pattern_matches]


@pytest.mark.parametrize(
    "text",
    [
        "Tính đến 3/2020, và 12/2021; 123/2020, 1/2020/5, 05-CT/2020, 2.3/2021, x3/2022, ３/2020",
        "Từ 1/2019 đến 11/2019/, 10/20201 và 9/1999.",
        "3/2020/2021 4//2020 /2020 20/2020",
        "",
    ],
)
def test_month_anchors_found_from_the_slash_are_the_pattern_s(text):
    from loaders import meetings

    expected = [(int(m.group(1)), int(m.group(2)), m.end()) for m in meetings._ANCHOR_MONTH.finditer(text)]
    found = [(int(m.group("mm") or m.group("m")), int(m.group("y")), m.end())
             for m in meetings._ANCHOR_MONTH_FROM_SLASH.finditer(text)]
    assert found == expected


def test_month_anchors_from_the_slash_on_mixed_digits_and_marks():
    import random

    from loaders import meetings

    pool = list("0123456789/.-a ") + ["2020", "1999", "/20", "/19", "\u0663"]  # "٣": \d too
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        expected = [m.groups() + (m.end(),) for m in meetings._ANCHOR_MONTH.finditer(text)]
        found = [(m.group("mm") or m.group("m"), m.group("y"), m.end())
                 for m in meetings._ANCHOR_MONTH_FROM_SLASH.finditer(text)]
        assert found == expected, repr(text)


def test_quarter_anchors_need_quy_in_the_lower_cased_text():
    """The cheap check before the quarter pattern looks for "quý" in the lower-cased text: each
    letter the pattern takes for "q", "u", "ý" lower-cases to it (every character checked)."""
    from loaders import meetings

    for letter, pattern in (("q", "[qQ]"), ("u", "(?i:u)"), ("ý", "(?i:ý)")):
        compiled = re.compile(pattern)
        for code in range(0x10000):
            if compiled.fullmatch(chr(code)):
                assert chr(code).lower() == letter, (letter, hex(code))
    assert meetings.context_anchors("Giao ban QUÝ IV NĂM 2025 của Tỉnh ủy")[-1].isoformat() == "2025-12-31"


@pytest.mark.parametrize(
    "sentences",
    [
        ["Quán triệt Nghị quyết số 18-NQ/TW.", "", "Kế hoạch", "nghị quyết", "Chỉ thị 05 và Quyết định 12"],
        ["Nghị quyết định rõ", "Quyết định 1", "x Đề án", "Đề án y"],  # a kind at either end
        ["İstanbul: Nghị quyết 1", "Kế hoạch 2"],  # lower-casing "İ" adds a character
        ["Nghị quyết 1\nKết luận 2", "Hướng dẫn 3"],  # a line break inside a sentence
        ["không có văn bản nào"],
        [],
    ],
)
def test_kinds_looked_for_in_the_whole_article_are_each_sentence_s(sentences):
    from loaders import resolutions

    found = resolutions._kinds_per_sentence(sentences)
    expected = [list(resolutions.patterns().kind.finditer(s)) for s in sentences]
    assert [[m.span() for m in ms] for ms in found] == [[m.span() for m in ms] for ms in expected]
    assert all(m.string is s for ms, s in zip(found, sentences) for m in ms)


@pytest.mark.parametrize(
    "sentence",
    [
        "Đồng chí Nguyễn Văn A chủ trì hội nghị; dự có các đồng chí B, C.",
        "ĐỒNG CHỦ TRÌ hội nghị có đồng chí A và B. Phát Biểu Chỉ Đạo, đồng chí C nhấn mạnh.",
        "Xđồng chủ trì, thamdự, tham dựx, (dự) “Kết luận” hội nghị",  # verbs inside and after words
        "Đồng chí A \u212aết luận hội nghị",  # Kelvin sign for "k"
        "Đồng chí A tham  dự",  # two spaces: the pattern's \s+ still matches
        "Đồng chí A tham\u00a0dự, chủ\ttrì",  # other white space
        "Đồng chí A (İstanbul) tham dự và phát biểu",  # lower-casing "İ" adds a character
        "Đồng chí A dự kİến tham gia",  # dotted capital I taken for "i"
        "Trưởng đoàn là đồng chí A; làm trưởng đoàn là đồng chí B; thăm và làm việc với C",
        "",
    ],
)
def test_role_verbs_found_from_the_lower_cased_sentence_are_the_pattern_s(sentence):
    from loaders import meetings

    cue = meetings._lexicon()["cue_re"]
    expected = [(m.span(), m.lastindex) for m in cue.finditer(sentence)]
    assert [(m.span(), m.lastindex) for m in meetings._cue_matches(sentence)] == expected


def test_every_letter_the_role_verbs_take_lower_cases_to_it_or_is_a_known_extra():
    import json

    from loaders import meetings

    data = json.loads((meetings._DATA / "meeting_kinds.json").read_text(encoding="utf-8"))
    letters = set("".join(w for words in data["roles"].values() for w in words)) - {" "}
    assert all(w == w.lower() for words in data["roles"].values() for w in words)
    _assert_lower_cases_to_its_letter_or_is_a_known_extra(letters)
