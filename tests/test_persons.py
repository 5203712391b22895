"""People and their titles, on sentences written for these tests in the genre's style."""

from __future__ import annotations

from loaders.orgs import Locality
from loaders.persons import find_persons

HANOI = Locality("Hà Nội")


def _titles(index, name):
    person = next(p for p in index.persons if p.name == name)
    return [t.text for t in person.titles]


def test_title_after_name_up_to_the_verb_with_old_tone_placement():
    idx = find_persons(["Đồng chí Vũ Đức Bảo, Uỷ viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức Thành ủy phát biểu khai mạc."], HANOI)
    assert _titles(idx, "Vũ Đức Bảo") == ["Ủy viên Ban Thường vụ Thành ủy Hà Nội", "Trưởng Ban Tổ chức Thành ủy Hà Nội"]


def test_title_before_name_and_comma_chain_before_it():
    idx = find_persons(["Dự hội nghị có Tổng Bí thư, Chủ tịch nước Tô Lâm.",
                        "Trình bày báo cáo sơ kết, Phó Trưởng Ban Thường trực Ban Tổ chức Thành ủy Trần Đình Cảnh nhấn mạnh."], HANOI)
    assert _titles(idx, "Tô Lâm") == ["Tổng Bí thư", "Chủ tịch nước"]
    assert _titles(idx, "Trần Đình Cảnh") == ["Phó Trưởng Ban Thường trực Ban Tổ chức Thành ủy Hà Nội"]


def test_dash_title_shares_its_committee():
    idx = find_persons(["Đ/c Nguyễn Trường Năng - Ủy viên Ban thường vụ, Trưởng ban Tổ chức Huyện ủy trình bày dự thảo kế hoạch."],
                       Locality("Hà Nội", "Chương Mỹ"))
    assert _titles(idx, "Nguyễn Trường Năng") == ["Ủy viên Ban Thường vụ Huyện ủy Chương Mỹ", "Trưởng Ban Tổ chức Huyện ủy Chương Mỹ"]


def test_semicolon_list_with_group_title():
    idx = find_persons(["Tới dự có các đồng chí Ủy viên Bộ Chính trị: Trần Thanh Mẫn, Chủ tịch Quốc hội; "
                        "Phạm Minh Chính, Thủ tướng Chính phủ."])
    assert _titles(idx, "Phạm Minh Chính") == ["Ủy viên Bộ Chính trị", "Thủ tướng Chính phủ"]
    assert _titles(idx, "Trần Thanh Mẫn") == ["Ủy viên Bộ Chính trị", "Chủ tịch Quốc hội"]


def test_plural_title_is_shared_and_names_without_titles_are_found():
    idx = find_persons(["Các Phó Chủ tịch HĐND tỉnh Trần Xuân Vinh, Nguyễn Công Thanh đồng chủ trì phiên khai mạc.",
                        "Tham dự có đồng chí Hoàng Văn Minh và Lê Thị Hoa."], Locality("Quảng Nam"))
    assert _titles(idx, "Nguyễn Công Thanh") == ["Phó Chủ tịch Hội đồng nhân dân tỉnh Quảng Nam"]
    assert _titles(idx, "Hoàng Văn Minh") == [] and _titles(idx, "Lê Thị Hoa") == []


def test_abbreviations_and_eth_letter():
    idx = find_persons(["Đ/c Ðinh Thị Hồng Minh, UVTW, Phó Chủ tịch Thường trực HĐND tỉnh Quảng Ngãi, ĐBQH khoá XV phát biểu."])
    assert _titles(idx, "Đinh Thị Hồng Minh")[:2] == ["Ủy viên Trung ương Đảng", "Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Quảng Ngãi"]


def test_short_reference_is_the_same_person_and_places_are_not_people():
    idx = find_persons(["Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo chủ trì hội nghị tại Hà Nội.",
                        "Kết luận hội nghị, đồng chí Bảo đề nghị Thành ủy Hà Nội quan tâm."], HANOI)
    assert [p.name for p in idx.persons] == ["Vũ Đức Bảo"]
    assert [m.name for m in idx.mentions[1]] == ["Vũ Đức Bảo"]


def test_byline_name_is_not_a_participant():
    idx = find_persons(["Hội nghị kết thúc tốt đẹp.", "Nguyễn Minh Anh"], HANOI, authors=["Nguyễn Minh Anh"])
    assert idx.persons == []


def test_surname_that_folds_like_a_place_starts_the_name():
    # "Chu" folds like the town "Chũ": only a place spelled as written is dropped before a name.
    idx = find_persons(["Các đồng chí: Lê Văn Hải, Chủ tịch HĐND tỉnh; Chu Minh Tuấn, Phó Chủ tịch HĐND tỉnh chủ trì kỳ họp."],
                       Locality("Bắc Giang"))
    assert {p.name for p in idx.persons} == {"Lê Văn Hải", "Chu Minh Tuấn"}


def test_central_highlands_names_with_y_and_h_prefix():
    idx = find_persons(["Đồng chí Y Vinh Tơr, Bí thư Tỉnh ủy chủ trì hội nghị; đồng chí H'Yim Kđoh, Phó Chủ tịch UBND tỉnh dự."],
                       Locality("Đắk Lắk"))
    assert {p.name for p in idx.persons} == {"Y Vinh Tơr", "H'Yim Kđoh"}
    assert _titles(idx, "Y Vinh Tơr") == ["Bí thư Tỉnh ủy Đắk Lắk"]


def test_title_stops_before_heading_a_delegation():
    idx = find_persons(["Đoàn kiểm tra do đ/c Trần Cẩm Tú, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư làm Trưởng đoàn đã làm việc với Thành ủy."],
                       HANOI)
    assert _titles(idx, "Trần Cẩm Tú") == ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư"]


def test_one_word_apostrophe_name_after_an_address_and_apostrophe_place():
    idx = find_persons(["Đồng chí K'Sơn, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy chủ trì buổi làm việc "
                        "với đồng chí Nguyễn Văn Hòa, Bí thư Đảng ủy phường H'Ra."], Locality("Gia Lai"))
    assert _titles(idx, "K'Sơn") == ["Ủy viên Ban Thường vụ Tỉnh ủy Gia Lai", "Trưởng Ban Dân vận Tỉnh ủy Gia Lai"]
    assert _titles(idx, "Nguyễn Văn Hòa") == ["Bí thư Đảng ủy phường H'Ra"]
    # Without an address word a lone "K'..." word is not taken for a person.
    assert find_persons(["Nhà văn hóa thôn K'Nak được khánh thành."]).persons == []


def test_group_title_reaches_items_that_open_with_a_rank_and_long_chains_keep_their_end():
    idx = find_persons(["Dự hội nghị có các đồng chí Thứ trưởng Bộ Quốc phòng: Thượng tướng Hoàng Xuân Chiến; "
                        "Thượng tướng Võ Minh Lương; Trung tướng Lê Huy Vịnh.",
                        "Đồng chí Đào Minh Tuấn, Ủy viên Trung ương Đảng, Tổng Tham mưu trưởng, Thứ trưởng Bộ Quốc phòng phát biểu."])
    for name in ("Hoàng Xuân Chiến", "Võ Minh Lương", "Lê Huy Vịnh"):
        assert _titles(idx, name) == ["Thứ trưởng Bộ Quốc phòng"]
    assert _titles(idx, "Đào Minh Tuấn")[-2:] == ["Tổng Tham mưu trưởng", "Thứ trưởng Bộ Quốc phòng"]


# --- shortcuts: only the text just before a name is read for the word before it ----------------


def test_words_before_a_name_are_read_after_squashing_odd_spaces():
    idx = find_persons(["Học sinh trường   Nguyễn Du và đường Lê Lợi được nhắc đến; ông\tNguyễn Văn An phát biểu."], HANOI)
    assert [p.name for p in idx.persons] == ["Nguyễn Văn An"]  # "trường", "đường" name no one
    assert idx.normalised[0].count("  ") == 0 and "\t" not in idx.normalised[0]


def test_group_title_delegation_head_and_short_reference_in_one_article():
    idx = find_persons([
        "Dự hội nghị có các đồng chí Ủy viên Ban Thường vụ Thành ủy:  Nguyễn Văn An, Trưởng ban Tổ chức Thành ủy; "
        "Trần Thị Bình, Chủ nhiệm Ủy ban Kiểm tra Thành ủy.",
        "Đoàn kiểm tra số 2 của Thành ủy do đồng chí Lê Văn Cường, Phó Bí thư Thành ủy làm trưởng đoàn đã làm việc.",
        "Sau đó, ĐỒNG CHÍ Cường nhấn mạnh yêu cầu.",
    ], HANOI)
    assert _titles(idx, "Trần Thị Bình") == ["Ủy viên Ban Thường vụ Thành ủy Hà Nội", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy Hà Nội"]
    assert _titles(idx, "Lê Văn Cường") == ["Phó Bí thư Thành ủy Hà Nội", "Trưởng đoàn kiểm tra số 2 của Thành ủy Hà Nội"]
    assert [m.name for m in idx.mentions[2]] == ["Lê Văn Cường"]  # the short reference, upper-case address
