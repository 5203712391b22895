"""Sentence splitting for Vietnamese news: boundaries, and the periods that are not boundaries."""

from __future__ import annotations

import pytest

from loaders.sentences import split_sentences


def test_splits_on_sentence_punctuation():
    text = "Hội nghị bế mạc. Các đại biểu thảo luận! Vì sao chậm? Do dịch bệnh… Công tác tiếp tục."
    assert split_sentences(text) == [
        "Hội nghị bế mạc.",
        "Các đại biểu thảo luận!",
        "Vì sao chậm?",
        "Do dịch bệnh…",
        "Công tác tiếp tục.",
    ]


def test_splits_on_line_breaks():
    assert split_sentences("Sáng 01.12, Ban Thường vụ Tỉnh ủy họp\nTố Tuấn") == [
        "Sáng 01.12, Ban Thường vụ Tỉnh ủy họp",
        "Tố Tuấn",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội nghị tổ chức tại TP. Hà Nội với 200 đại biểu.",
        "Dự có đại diện BCH T.Ư Đảng và Tp. Hồ Chí Minh.",
        "Tính đến ngày 15/5/2020, 17.118/17.118 chi bộ đã tổ chức đại hội.",
        "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, đạt 99,96%.",
        "Báo cáo do PGS.TS. Nguyễn Văn Minh và Th.S Lê Thị Hoa trình bày.",
        "Ảnh minh họa của tác giả N.Đ được sử dụng.",
        "Đồng chí Nguyễn V. An phát biểu tại hội nghị.",
        "Sáng 01.12, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.",
        "Các đề án, kế hoạch v.v. đều được ban hành đúng hạn.",
    ],
)
def test_abbreviations_numbers_and_initials_do_not_split(sentence):
    assert split_sentences(sentence) == [sentence]


def test_roman_numeral_after_khoa_ends_a_sentence():
    assert split_sentences("Thực hiện Nghị quyết Trung ương 4 khóa X. Các cấp ủy tiếp tục.") == [
        "Thực hiện Nghị quyết Trung ương 4 khóa X.",
        "Các cấp ủy tiếp tục.",
    ]


def test_place_abbreviation_at_the_end_of_a_sentence():
    assert split_sentences("Đây là chỉ tiêu lớn của TP. Trong đó, chú trọng Chương trình 01.") == [
        "Đây là chỉ tiêu lớn của TP.",
        "Trong đó, chú trọng Chương trình 01.",
    ]
    assert split_sentences("Đoàn làm việc tại TP. Hà Nội và TP. Huế.") == ["Đoàn làm việc tại TP. Hà Nội và TP. Huế."]


def test_period_glued_to_next_sentence():
    text = "Thường trực Tỉnh ủy họp đánh giá tình hình trên địa bàn tỉnh.Các đồng chí Hồ Sơn chủ trì."
    assert split_sentences(text) == [
        "Thường trực Tỉnh ủy họp đánh giá tình hình trên địa bàn tỉnh.",
        "Các đồng chí Hồ Sơn chủ trì.",
    ]


def test_quotes_stay_with_their_sentence():
    text = "“Cần làm tốt công tác cán bộ.” - Phó Bí thư nhấn mạnh. “Phải gần dân.” Đồng chí kết luận."
    assert split_sentences(text) == [
        "“Cần làm tốt công tác cán bộ.” - Phó Bí thư nhấn mạnh.",
        "“Phải gần dân.”",
        "Đồng chí kết luận.",
    ]


def test_keeps_original_wording():
    text = "HNP - Chiều 01/7, Ban Tổ chức Thành ủy  tổ chức Hội nghị. Đồng chí Vũ Đức Bảo chủ trì Hội nghị."
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert " ".join(sentences) == text
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_candidate_boundaries_are_those_of_the_full_pattern():
    from loaders.sentences import _CANDIDATE, _candidates

    line = ("Sáng 12/10... Hội nghị khai mạc!! “Đây là dịp tốt.” (Ảnh: TL). tỉnh.Các đồng chí dự; PGS.TS. Nguyễn "
            "V. An, TP. Hà Nội ...Kết thúc? …")
    assert [m.span() for m in _candidates(line)] == [m.span() for m in _CANDIDATE.finditer(line)]
