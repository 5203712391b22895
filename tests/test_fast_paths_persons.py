"""Shortcuts in loaders.persons and loaders.titles: each must give what the slower form it
replaced gives. The sentences are written for these tests; the cases are the ones a careless
shortcut gets wrong: upper case, old tone placement (Uỷ, khoá), abbreviations, white space other
than a plain space, "Ð" (U+00D0), apostrophes in names, a letter the name pattern does not know."""

from __future__ import annotations

import re

import pytest

from loaders import persons
from loaders.titles import title_starts_at

SENTENCES = [
    "Đồng chí Vũ Đức Bảo, Uỷ viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức Thành ủy phát biểu.",
    "Dự có Tổng Bí thư, Chủ tịch nước Tô Lâm và Phó Chủ tịch HĐND tỉnh Trần Xuân Vinh.",
    "Trương Thị Mai Ủy Viên Bộ Chính trị dự hội nghị khoá XIII.",
    "Ðồng chí H'Yim Kđoh Bí Thư Huyện ủy và đ/c Y Thanh Hà Niê Kđăm phát biểu.",
    "Ông\u00a0Nguyễn Thành Tâm,\u200b Phó Bí thư Thường trực Tỉnh uỷ, chủ trì; bà K'Brơi dự.",
    "ĐỒNG CHÍ Bảo và Ông Tâm cùng Hà Nội Nguyễn Thị Tuyến, UVTW, Bí thư Quận ủy dự.",
    "Đoàn Thanh niên và Đoàn Thư ký Trưởng Ban Tuyên giáo Lê Văn Nam thăm Trường Nguyễn Du.",
    "Trưởng Banç Phó Chủ Tịchç Nguyễn Văn Anç dự.",  # a letter outside the name pattern after a run
    "Các đồng chí: Phạm Văn Sơn, Bí thư Đảng ủy; Lê Thị Hoa, Chủ tịch MTTQ Việt Nam tỉnh.",
]


def _normalised():
    return [persons.normalise_sentence(s) for s in SENTENCES]


def _candidates_word_by_word(s: str) -> list[tuple[int, int, str, bool]]:
    """The name candidates as found before the shortcut: ``title_starts_at`` asked at every
    word of every capitalised run."""
    found = []
    not_name_after = persons._cues()["not_name_after"]
    for run in persons._CAP_RUN.finditer(s):
        spans, pos = [], run.start()
        for word in run.group(0).split(" "):
            spans.append((pos, pos + len(word)))
            pos += len(word) + 1
        segments, segment = [], []
        for span in spans:
            if title_starts_at(s, span[0]):
                segments.append(segment)
                segment = []
            else:
                segment.append(span)
        segments.append(segment)
        for seg in filter(None, segments):
            if not_name_after.match(s, seg[-1][1]):
                continue
            name = persons._name_in_words(tuple(s[a:b] for a, b in seg))
            if name is not None:
                found.append((seg[name[0]][0], seg[-1][1], name[1], name[2]))
    return found


@pytest.mark.parametrize("s", _normalised())
def test_title_opening_words_keep_every_word_where_a_title_starts(s):
    for run in persons._CAP_RUN.finditer(s):
        words = run.group(0).split(" ")
        starts = persons._word_starts(run.start(), words)
        kept = persons._title_opening_words(run.group(0), s[run.end() : run.end() + 1])
        for i, start in enumerate(starts):
            if title_starts_at(s, start):
                assert i in kept, (run.group(0), i)


@pytest.mark.parametrize("s", _normalised())
def test_name_candidates_are_those_found_word_by_word(s):
    persons._name_candidates_of.cache_clear()
    # (One-word names, "K'Brơi", come from their own pattern.)
    fast = [(c.start, c.end, c.name, c.surname_led) for c in persons._name_candidates(s) if " " in c.name]
    assert fast == _candidates_word_by_word(s)


def test_a_letter_outside_the_name_pattern_keeps_the_last_word_to_check():
    # "ç" is a letter to titles (so "Banç" opens no title) but ends a capitalised run.
    assert persons._title_opening_words("Nguyễn Văn Phó", ",") == (2,)
    assert persons._title_opening_words("Nguyễn Văn Phó", "ç") == (2,)
    assert persons._title_opening_words("Phó Nguyễn Văn", "ç") == (0, 2)
    assert persons._title_opening_words("Phó Nguyễn Văn", ".") == (0,)
    assert persons._title_opening_words("H'Yim Phó Kđoh", "") == (1,)


_OLD_SHORT_REF = None


def _old_short_ref():
    """The short reference pattern as written before loaders.fastre (a look-ahead opening)."""
    import json

    data = json.loads((persons._DATA / "person_cues.json").read_text(encoding="utf-8"))
    letters, upper = persons._LETTER, persons.UPPER
    address = "|".join(re.escape(a) for a in sorted(set(data["address_terms"]), key=len, reverse=True))
    first_letters = "".join(sorted({re.escape(a[0]) for a in data["address_terms"]}))
    return re.compile(rf"(?i:(?=[{first_letters}])(?<![{letters}])(?:{address}))\s+({persons._SYLLABLE})(?! [{upper}])(?![{letters}])")


@pytest.mark.parametrize("s", _normalised() + [
    "Sau đó, ĐỒNG CHÍ Bảo, Đồng Chí Tâm, đ/c Hùng, Đ/C Lan, ông Nam, BÀ Mai, anh Tuấn, CHỊ Hà, đồngchí Hoa.",
    "Thông Bảo, bông Hoa, chịu Khó: không là tên; đồng chí  Bảo và Ðồng chí Bình.",
])
def test_short_reference_pattern_finds_what_the_flat_pattern_found(s):
    s = persons.normalise_sentence(s)
    old = [(m.start(1), m.group(1)) for m in _old_short_ref().finditer(s)]
    new = [(m.start(1), m.group(1)) for m in persons._cues()["short_ref"].finditer(s)]
    assert new == old


_TITLE_PIECES = ["Chủ tịch UBND TP.", "Hồ Chí Minh", "Phó Chủ tịch UBND tỉnh", "Bà Rịa", "Vũng Tàu", "huyện",
                 "Chương Mỹ", "Bí thư Tỉnh uỷ Thanh Hoá", "thành phố.", "Hà Nội", "CHỦ TỊCH UBND TỈNH NAM ĐỊNH",
                 "Bí thư Huyện ủy", "Kiến Xương", "Phó Giám đốc Công an TP.HCM", "Thái Bình Dương", "UVTW", "Hòa Bình"]


@pytest.mark.parametrize("province", [None, "Hà Nội", "Thái Bình", "Hòa Bình"])
def test_places_of_a_title_chain_are_those_of_its_pieces(province):
    from loaders import titles
    from loaders.textnorm import clean_text

    joined = 0
    for first in _TITLE_PIECES:
        for second in _TITLE_PIECES:
            text = clean_text(f"{first}, {second}").strip(" ,;.:-")
            pieces = titles._pieces(text)
            joined += ", ".join(pieces) == text and len(pieces) > 1
            assert titles._places_named_in_pieces(text, pieces, province) == titles._places_named(text, province), text
    assert joined > 50  # most pairs are read piece by piece


@pytest.mark.parametrize("text", [
    "Bí thư Quận ủy Hoàng Mai", "Chủ tịch UBND huyện Thanh Trì", "Phó Bí thư Thị ủy Sơn Tây", "Bí thư Huyện ủy Chợ Mới",
    "Chủ tịch UBND tỉnh Hòa Bình", "Bí thư Huyện ủy Chương Mỹ", "Chủ tịch UBND tỉnh", "Giám đốc Sở Y tế TP. Hà Nội",
    "BÍ THƯ HUYỆN UỶ SƠN TÂY", "Bí thư Huyện uỷ Tân Uyên, tỉnh Lai Châu", "Phó Chủ tịch HĐND thị xã Sơn Tây, Hà Nội",
])
@pytest.mark.parametrize("province", [None, "Hà Nội", "Quảng Ngãi", "Lai Châu", "Nghệ An", "Cà Mau"])
def test_places_of_a_title_phrase_read_once_for_every_province(text, province):
    from loaders import geo, titles
    from loaders.textnorm import canonical

    places = geo.find_places(canonical(text), province)
    expected = (frozenset(p.province for p in places if p.level == "province" and p.province),
                frozenset((p.name, p.province) for p in places if p.level == "district" and p.province))
    assert titles._places_named(text, province) == expected


def test_short_references_resolve_only_known_given_names_once_each():
    sentences = [
        "Đồng chí Vũ Đức Bảo, Bí thư Tỉnh uỷ, và đồng chí Lê Văn Tâm, Phó Bí thư Tỉnh ủy, dự hội nghị.",
        "Đồng chí Trần Văn Tâm, Chủ tịch UBND tỉnh, phát biểu.",
        "Phát biểu kết luận, ĐỒNG CHÍ Bảo yêu cầu các đơn vị làm tốt.",  # one Bảo: resolved
        "Sau đó, đồng chí Tâm trao quà.",  # two Tâm: not resolved
        "Các đại biểu tham quan nhà máy.",  # no known given name in the sentence
    ]
    index = persons.find_persons(sentences)
    assert [(m.name, index.normalised[2][m.start:m.end]) for m in index.mentions[2]] == [("Vũ Đức Bảo", "Bảo")]
    assert index.mentions[3] == [] and index.mentions[4] == []
    assert persons._owners_by_given({"Lê Văn Tâm": "Lê Văn Tâm", "Trần Văn Tâm": "Trần Văn Tâm"}) == {"Tâm": {"Lê Văn Tâm", "Trần Văn Tâm"}}


@pytest.mark.parametrize("s", _normalised() + [
    "Tại “Hội nghị” (lần 2): đồng chí A | B; C - D, E", "Nguyễn Trường Năng - Ủy viên - - Ban", "10-2 và 11 - 2, x",
    "a\u00a0-\u00a0b, c", "“Bí thư”, \"Chủ tịch\" (Phó) Trưởng ban",
])
def test_last_boundary_before_a_name_is_the_last_the_pattern_finds(s):
    for hi in range(len(s) + 1):
        lo = 0
        for m in persons._TITLE_BOUNDARY.finditer(s, 0, hi):
            lo = m.end()
        assert persons._last_boundary_end(s, hi) == lo, (s, hi)
    # Every one-character boundary of the pattern is one the shortcut looks for.
    assert {c for c in map(chr, range(0x3000)) if persons._TITLE_BOUNDARY.fullmatch(c)} == set(persons._BOUNDARY_CHARS)


def _title_end_by_definition(s: str, pos: int, starts: set[int]) -> int:
    """What ``_title_end`` gave when one search of the whole "title_end" pattern found the stop."""
    m = persons._cues()["title_end"].search(s, pos + 1)
    end = m.start() if m else len(s)
    for st in starts:
        if pos < st < end:
            end = st
    return len(s[:end].rstrip())


@pytest.mark.parametrize("s", _normalised() + [persons.normalise_sentence(s) for s in [
    "Ủy viên dự khuyết Ban Chấp hành, Ủy viên dự - khuyết và các đồng chí dự, khuyết",
    "Phó Bí thư Tỉnh ủy làm Trưởng đoàn. Bí thư Huyện ủy cùng với ông An - Chủ tịch -",
    "Chủ tịch UBND tỉnh và anh Bảo, Phó Chủ tịch và  chị Hoa; Trưởng ban “Tổ chức” (Thành uỷ) | có mặt dự",
    "Bí thư Đảng ủy và\u00a0đ/c Hoa, Giám đốc Sở dự thảo, Phó Giám đốc Sở dự kiến.",
    "UVTW Ðảng, Trưởng Ban Tuyên giáo Trung ương -",
]])
def test_title_end_is_the_stop_of_the_whole_pattern(s):
    starts = {m.start() for m in re.finditer(r"(?<!\S)\S", s)}
    for pos in range(len(s)):
        for names_at in (set(), starts):
            assert persons._title_end(s, pos, names_at) == _title_end_by_definition(s, pos, names_at), (s, pos)
