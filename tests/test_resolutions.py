"""Documents cited in articles: each pattern of the genre, on sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.resolutions import find_resolutions, issuer_from_number, number_issuer_code


@dataclass
class Loc:
    province: str | None = None
    district: str | None = None


HANOI = Loc("Hà Nội")
NGHE_AN = Loc("Nghệ An")


def found(sentence: str, loc: Loc | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(r.kind, r.number, r.issuer) for r in find_resolutions([sentence], loc, None)]


def test_number_as_written_with_issuer_named() -> None:
    docs = find_resolutions(["Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị."], None, None)
    assert [(d.kind, d.number, d.issuer, d.name) for d in docs] == [
        ("Chỉ thị", "05-CT/TW", "Bộ Chính trị", "Chỉ thị số 05-CT/TW của Bộ Chính trị")
    ]
    assert docs[0].evidence == ["Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị."]


def test_bare_numbers_and_abbreviated_kind() -> None:
    assert found("Thực hiện nghiêm Quy định 205 trong công tác cán bộ.") == [("Quy định", "205", None)]
    assert found("Chương trình 07 về phát triển khoa học công nghệ được triển khai.") == [
        ("Chương trình", "07", None)
    ]
    assert found("Tổng kết Nghị quyết (NQ) 32 của Bộ Chính trị (khóa IX).") == [("Nghị quyết", "32", "Bộ Chính trị")]


def test_suffix_tu_gives_the_province_committee() -> None:
    assert found("Ban Tổ chức tham mưu Đề án 21-ĐA/TU về sắp xếp tổ chức bộ máy.", HANOI) == [
        ("Đề án", "21-ĐA/TU", "Thành ủy Hà Nội")
    ]
    assert found("Tỉnh đã ban hành Kết luận số 189-KL/TU về phát triển đảng viên.", NGHE_AN) == [
        ("Kết luận", "189-KL/TU", "Tỉnh ủy Nghệ An")
    ]
    assert found("Tỉnh đã ban hành Kết luận số 189-KL/TU về phát triển đảng viên.") == [
        ("Kết luận", "189-KL/TU", None)
    ]


def test_number_codes() -> None:
    assert number_issuer_code("05-CT/TW") == "TW"
    assert number_issuer_code("1234/QĐ-TTg") == "TTg"
    assert issuer_from_number("1234/QĐ-TTg", None) == "Thủ tướng Chính phủ"
    assert issuer_from_number("05-CT/TW", None) is None  # several central bodies issue under /TW


def test_number_list_shares_kind_and_plenum() -> None:
    docs = find_resolutions(
        ["Sơ kết việc thực hiện Nghị quyết số 19-NQ/TW, số 18-NQ/TW, Hội nghị lần thứ 6, BCH T.Ư Đảng, khoá XII."],
        None, None,
    )
    assert [(d.number, d.issuer, d.term) for d in docs] == [
        ("19-NQ/TW", "Ban Chấp hành Trung ương", "XII"),
        ("18-NQ/TW", "Ban Chấp hành Trung ương", "XII"),
    ]


def test_plenum_documents_split_per_plenum_and_term_old_tone_placement() -> None:
    docs = find_resolutions(["Đẩy mạnh thực hiện Nghị quyết Trung ương 4 khoá XI, XII về xây dựng Đảng."], None, None)
    assert [(d.name, d.number, d.issuer, d.term) for d in docs] == [
        ("Nghị quyết Trung ương 4 khóa XI", None, "Ban Chấp hành Trung ương", "XI"),
        ("Nghị quyết Trung ương 4 khóa XII", None, "Ban Chấp hành Trung ương", "XII"),
    ]
    docs = find_resolutions(["Quán triệt Kết luận Hội nghị Trung ương 4, 5 khóa XIII tới đảng viên."], None, None)
    assert [d.name for d in docs] == [
        "Kết luận Hội nghị Trung ương 4 khóa XIII",
        "Kết luận Hội nghị Trung ương 5 khóa XIII",
    ]
    docs = find_resolutions(["Các tỉnh học tập Nghị quyết Trung ương 4 (khóa XI, XII)."], None, None)
    assert [d.name for d in docs] == ["Nghị quyết Trung ương 4 khóa XI", "Nghị quyết Trung ương 4 khóa XII"]
    docs = find_resolutions(["Hội nghị quán triệt nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng khóa XIII."],
                            None, None)
    assert [(d.name, d.term) for d in docs] == [
        ("Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng khóa XIII", "XIII")
    ]


def test_plenum_without_term_keeps_its_ordinal_out_of_the_number() -> None:
    docs = find_resolutions(["Việc thực hiện Nghị quyết Trung ương 4 còn hạn chế."], None, None)
    assert [(d.name, d.number, d.issuer) for d in docs] == [
        ("Nghị quyết Trung ương 4", None, "Ban Chấp hành Trung ương")
    ]


def test_congress_resolutions() -> None:
    docs = find_resolutions(
        ["Triển khai Nghị quyết Đại hội XVII Đảng bộ TP, Nghị quyết Đại hội XIII của Đảng đúng tiến độ."],
        HANOI, None,
    )
    assert [(d.name, d.issuer) for d in docs] == [
        ("Nghị quyết Đại hội XVII Đảng bộ thành phố Hà Nội", "Đại hội XVII Đảng bộ thành phố Hà Nội"),
        ("Nghị quyết Đại hội XIII của Đảng", "Đại hội XIII của Đảng"),
    ]
    docs = find_resolutions(
        ["Sơ kết nửa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Đại hội Đảng bộ tỉnh lần thứ XX."],
        NGHE_AN, None,
    )
    assert [d.name for d in docs] == [
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "Nghị quyết Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX",
    ]


def test_two_wordings_of_one_congress_resolution_are_one() -> None:
    docs = find_resolutions(
        [
            "Đảng ủy Khối cụ thể hóa Nghị quyết Đại hội lần thứ XIII Đảng bộ Khối.",
            "Kết quả thực hiện Nghị quyết Đại hội Đảng bộ Khối lần thứ XIII là khả quan.",
        ],
        None, None,
    )
    assert len(docs) == 1 and len(docs[0].evidence) == 2


def test_issuer_after_a_list_applies_to_each_item() -> None:
    assert found("Sơ kết Nghị quyết 15, Chỉ thị 15 của Thành ủy trong toàn Đảng bộ.", HANOI) == [
        ("Nghị quyết", "15", "Thành ủy Hà Nội"),
        ("Chỉ thị", "15", "Thành ủy Hà Nội"),
    ]
    # a semicolon ends an item: its issuer is its own
    assert found("Căn cứ Kế hoạch số 81-KH/ĐUK ngày 15/8/2019; Hướng dẫn số 23-HD/ĐUK của Đảng ủy Khối Doanh nghiệp "
                 "Trung ương.") == [
        ("Kế hoạch", "81-KH/ĐUK", None),
        ("Hướng dẫn", "23-HD/ĐUK", "Đảng ủy Khối Doanh nghiệp Trung ương"),
    ]


def test_issuer_that_the_number_contradicts_is_not_shared() -> None:
    assert found("Thực hiện Hướng dẫn số 26-HD/BTCTW, Chỉ thị số 35-CT/TW của Bộ Chính trị.") == [
        ("Hướng dẫn", "26-HD/BTCTW", "Ban Tổ chức Trung ương"),
        ("Chỉ thị", "35-CT/TW", "Bộ Chính trị"),
    ]


def test_one_document_under_two_wordings() -> None:
    docs = find_resolutions(
        ["Tiếp tục thực hiện Chỉ thị 05 của Bộ Chính trị.", "Sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW."],
        None, None,
    )
    assert len(docs) == 1
    assert docs[0].number == "05-CT/TW" and docs[0].issuer == "Bộ Chính trị"
    docs = find_resolutions(["Tổng kết Nghị quyết 32 của Bộ Chính trị.", "Đề án đánh giá Nghị quyết 32."], None, None)
    assert [(d.number, d.issuer, len(d.evidence)) for d in docs] == [("32", "Bộ Chính trị", 2)]


def test_owner_named_with_a_title_or_period() -> None:
    docs = find_resolutions(
        ["Ban Thường vụ ban hành chương trình kiểm tra, giám sát nhiệm kỳ 2025-2030 và kế hoạch kiểm tra, "
         "giám sát năm 2026 của Đảng ủy Khối."],
        HANOI, None,
    )
    assert [(d.kind, d.number) for d in docs] == [("Chương trình", None), ("Kế hoạch", None)]
    assert docs[0].issuer == docs[1].issuer and docs[1].issuer and docs[1].issuer.startswith("Đảng ủy Khối")
    assert docs[1].name.startswith("Kế hoạch kiểm tra, giám sát năm 2026 của Đảng ủy Khối")


def test_quoted_title() -> None:
    docs = find_resolutions(["Đảng ủy ban hành nghị quyết về “nâng cao chất lượng sinh hoạt chi bộ”."], None, None)
    assert [(d.kind, d.name) for d in docs] == [("Nghị quyết", "Nghị quyết về “nâng cao chất lượng sinh hoạt chi bộ”")]


def test_generic_plural_and_other_mentions_are_left_out() -> None:
    for sentence in [
        "Quán triệt các nghị quyết của Trung ương về công tác cán bộ.",
        "Tiếp tục thực hiện nghị quyết đại hội đảng bộ các cấp.",
        "Trong nhiệm kỳ, Đảng bộ ban hành 3 nghị quyết chuyên đề và 6 đề án.",
        "Kết luận hội nghị, đồng chí Bí thư nhấn mạnh yêu cầu đổi mới.",
        "Xây dựng kế hoạch tổ chức đại hội đảng bộ các cấp.",
        "Thực hiện đúng Điều lệ Đảng và quy chế bầu cử trong Đảng.",
        "Các đề án, kế hoạch của Thành ủy được triển khai kịp thời.",
        "Hướng dẫn của Ban Tổ chức Thành ủy được thực hiện nghiêm.",
        "Kế hoạch này của Đảng ủy bám sát chỉ đạo của cấp trên.",
        "Văn bản quy định 3 nội dung trọng tâm.",
        "Hoàn thành kế hoạch năm 2020 và cả nhiệm kỳ.",
        "Chương trình công tác năm 2022 bảo đảm tiến độ.",
    ]:
        assert found(sentence, HANOI) == [], sentence


def test_bare_issuing_body_is_read_whole_and_made_explicit() -> None:
    yen_lac = Loc("Vĩnh Phúc", "Yên Lạc")
    assert found("Thực hiện Đề án 05-ĐA/HU của Ban Thường vụ Huyện ủy về chuyển đổi số.", yen_lac) == [
        ("Đề án", "05-ĐA/HU", "Ban Thường vụ Huyện ủy Yên Lạc")]
    assert found("Triển khai Nghị quyết số 07-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về du lịch.", Loc("Quảng Ninh")) == [
        ("Nghị quyết", "07-NQ/TU", "Ban Chấp hành Đảng bộ tỉnh Quảng Ninh")]


def test_issuer_is_the_subject_that_issues_or_adopts_the_document() -> None:
    assert found("Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 12-KH/TU về công tác cán bộ.", NGHE_AN) == [
        ("Kế hoạch", "12-KH/TU", "Ban Thường vụ Tỉnh ủy Nghệ An")]


def test_plenum_named_after_the_number_and_nested_documents() -> None:
    assert found("Quán triệt Nghị quyết số 18-NQ/TW Hội nghị Trung ương 6 khóa XII về tinh gọn bộ máy.") == [
        ("Nghị quyết", "18-NQ/TW", "Ban Chấp hành Trung ương")]
    docs = found("Thực hiện Chương trình hành động số 15-CTr/TU về thực hiện Kết luận 35-KL/TW của Bộ Chính trị.", NGHE_AN)
    assert docs == [("Chương trình", "15-CTr/TU", "Tỉnh ủy Nghệ An"), ("Kết luận", "35-KL/TW", "Bộ Chính trị")]


def test_congress_of_a_bloc_keeps_its_whole_name() -> None:
    docs = find_resolutions(["Quán triệt Nghị quyết Đại hội đại biểu Đảng bộ Khối Doanh nghiệp Trung ương lần thứ II."], HANOI)
    assert [d.issuer for d in docs] == ["Đại hội đại biểu Đảng bộ Khối Doanh nghiệp Trung ương lần thứ II"]


def test_military_commission_code_and_a_plural_shared_by_a_list_of_kinds() -> None:
    assert found("Các đơn vị quán triệt Chỉ thị số 35-CT/QUTW về công tác huấn luyện.") == [
        ("Chỉ thị", "35-CT/QUTW", "Quân ủy Trung ương")]
    # "các" before the first kind makes every kind listed after it generic.
    assert found("Đảng bộ phường thực hiện nghiêm các nghị quyết, chương trình công tác của Thị ủy Nghi Sơn.") == []
    assert found("Đảng bộ xã thực hiện Nghị quyết số 12-NQ/TU, chương trình công tác của Thị ủy Nghi Sơn.")[0][1] == "12-NQ/TU"


def test_kind_words_in_any_case():
    assert found("Thực hiện NGHỊ QUYẾT số 18-NQ/TW và chỉ thị 05-CT/TW của Bộ Chính trị.") == [
        ("Nghị quyết", "18-NQ/TW", "Bộ Chính trị"), ("Chỉ thị", "05-CT/TW", "Bộ Chính trị")]
