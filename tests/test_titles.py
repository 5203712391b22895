"""Title splitting: one Title per office, organisation explicit, names split from titles."""

from loaders.orgs import Locality
from loaders.titles import TITLE_START, split_title_and_name, split_titles, title_prefix_len

HANOI = Locality("Hà Nội", None, "2020-07-01")
CHUONG_MY = Locality("Hà Nội", "Chương Mỹ", "2024-01-17")
VINH_PHUC = Locality("Vĩnh Phúc", None, "2020-11-30")


def texts(phrase, loc=None):
    return [t.text for t in split_titles(phrase, loc or Locality(), evidence="câu")]


def test_list_of_central_titles():
    titles = split_titles("Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương", Locality(), "e")
    assert [t.text for t in titles] == ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng Ban Tổ chức Trung ương"]
    assert [t.role for t in titles] == ["Ủy viên", "Bí thư", "Trưởng Ban"]
    assert titles[2].org == "Ban Tổ chức Trung ương"
    assert titles[0].original == "Ủy viên Bộ Chính trị" and titles[0].evidence == "e"


def test_locality_made_explicit_and_capitalised():
    assert texts("Ủy viên Ban thường vụ Thành uỷ, Trưởng ban Tổ chức Thành ủy", HANOI) == [
        "Ủy viên Ban Thường vụ Thành ủy Hà Nội", "Trưởng Ban Tổ chức Thành ủy Hà Nội"]
    assert texts("Phó trưởng Ban Thường trực Ban Tổ chức Thành ủy", HANOI) == [
        "Phó Trưởng Ban Thường trực Ban Tổ chức Thành ủy Hà Nội"]


def test_first_title_shares_the_organisation_of_the_second():
    titles = split_titles("Ủy viên Ban Thường vụ, Trưởng ban Tổ chức Huyện ủy", CHUONG_MY, "e")
    assert [t.text for t in titles] == ["Ủy viên Ban Thường vụ Huyện ủy Chương Mỹ", "Trưởng Ban Tổ chức Huyện ủy Chương Mỹ"]
    assert titles[0].org == "Ban Thường vụ Huyện ủy Chương Mỹ"


def test_abbreviations_expand():
    assert texts("UVTW, Bí thư Tỉnh ủy", VINH_PHUC) == ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Vĩnh Phúc"]
    assert texts("UVT.Ư, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh", VINH_PHUC) == [
        "Ủy viên Trung ương Đảng", "Phó Bí thư Thường trực Tỉnh ủy Vĩnh Phúc", "Chủ tịch Hội đồng nhân dân tỉnh Vĩnh Phúc"]
    assert texts("Chủ tịch HĐND huyện", CHUONG_MY) == ["Chủ tịch Hội đồng nhân dân huyện Chương Mỹ"]
    assert texts("ĐBQH") == ["đại biểu Quốc hội"]
    assert texts("Ủy viên BTV Tỉnh ủy", VINH_PHUC) == ["Ủy viên Ban Thường vụ Tỉnh ủy Vĩnh Phúc"]


def test_committee_member_form():
    titles = split_titles("Tỉnh ủy viên, Phó trưởng Ban Tổ chức Tỉnh ủy", VINH_PHUC, "e")
    assert [t.text for t in titles] == ["Ủy viên Tỉnh ủy Vĩnh Phúc", "Phó Trưởng Ban Tổ chức Tỉnh ủy Vĩnh Phúc"]
    assert titles[0].role == "Ủy viên" and titles[0].org == "Tỉnh ủy Vĩnh Phúc"


def test_province_named_at_the_end_applies_to_the_list():
    assert texts("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Quảng Ngãi", HANOI) == [
        "Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Quảng Ngãi", "Chủ tịch Hội đồng nhân dân tỉnh Quảng Ngãi"]


def test_commas_inside_a_body_name_do_not_split():
    titles = split_titles("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", Locality(), "e")
    assert [(t.text, t.org) for t in titles] == [
        ("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch")]


def test_roles_without_body_and_ranks():
    assert texts("Tổng Bí thư, Chủ tịch nước") == ["Tổng Bí thư", "Chủ tịch nước"]
    assert texts("Đại tướng, Bộ trưởng Bộ Công an") == ["Bộ trưởng Bộ Công an"]
    assert texts("nguyên Phó Bí thư Tỉnh ủy Quảng Ninh") == ["nguyên Phó Bí thư Tỉnh ủy Quảng Ninh"]


def test_title_start_and_name_split():
    assert TITLE_START.match("Trưởng ban Tổ chức Thành ủy")
    assert title_prefix_len("Tỉnh ủy viên, Phó Chủ tịch") == len("Tỉnh ủy viên")
    assert title_prefix_len("Nguyễn Văn A") == 0
    assert split_title_and_name("Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo") == ("Trưởng Ban Tổ chức Thành ủy", "Vũ Đức Bảo")
    assert split_title_and_name("Phó Bí thư Thành ủy Hà Nội Nguyễn Văn Phong") == (
        "Phó Bí thư Thành ủy Hà Nội", "Nguyễn Văn Phong")
    assert split_title_and_name("Bí thư Huyện ủy Tuy Phong Trần Sinh Toàn") == ("Bí thư Huyện ủy Tuy Phong", "Trần Sinh Toàn")
    assert split_title_and_name("Bí thư Tỉnh ủy") == ("Bí thư Tỉnh ủy", None)


def test_abbreviated_steering_committee_head_is_a_title():
    loc = Locality("Sơn La", "Mộc Châu", "2023-04-06", district_kind="huyện")
    assert texts("Bí thư Huyện ủy, Trưởng BCĐ 35 huyện", loc) == [
        "Bí thư Huyện ủy Mộc Châu", "Trưởng Ban Chỉ đạo 35 huyện Mộc Châu"]


def test_bare_party_committee_is_the_articles_own_enterprise():
    loc = Locality("Hà Nội", None, "2023-05-01", known={"dang uy": "Đảng ủy Tập đoàn Dầu khí Việt Nam"})
    assert texts("Phó Bí thư Đảng ủy, Tổng Giám đốc", loc)[0] == "Phó Bí thư Đảng ủy Tập đoàn Dầu khí Việt Nam"


# --- shortcuts (cached pieces, a look at the word before the title regex) ----------------------


def test_word_check_agrees_with_the_title_pattern_everywhere():
    from loaders.titles import title_starts_at

    text = ("Đ/c NGUYỄN Văn An, nguyên Phó Bí thư, UVT.Ư, Tỉnh ủy viên, quyền Giám đốc Sở; "
            "phó chủ tịch, Nguyên Bí thư Huyện ủy, ủy viên BCH và 3 UV khác (Trưởng ban) dự.")
    for pos in range(len(text) + 1):
        assert title_starts_at(text, pos) == (TITLE_START.match(text, pos) is not None), text[pos:pos + 20]


def test_cached_split_gives_each_caller_fresh_titles():
    first = split_titles("Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố", HANOI, "câu 1")
    first[0].text, first[0].org = "sửa", "sửa"  # extract edits titles in place
    again = split_titles("Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố", HANOI, "câu 2")
    assert [(t.text, t.org, t.evidence) for t in again] == [
        ("Phó Bí thư Thành ủy Hà Nội", "Thành ủy Hà Nội", "câu 2"),
        ("Chủ tịch Hội đồng nhân dân thành phố Hà Nội", "Hội đồng nhân dân thành phố Hà Nội", "câu 2"),
    ]
