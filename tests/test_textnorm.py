import unicodedata

import pytest

from loaders.textnorm import canonical, clean_text, expand_abbreviations, fold, slug


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Uỷ ban Kiểm tra", "Ủy ban Kiểm tra"),
        ("khoá XIII", "khóa XIII"),
        ("hoà giải", "hòa giải"),
        ("sức khoẻ", "sức khỏe"),
        ("Thuỷ", "Thủy"),
        ("quý", "quý"),  # "qu" + y keeps the tone on y
        ("huyện", "huyện"),  # a closed syllable is left alone
        ("hoàn thành", "hoàn thành"),
        ("Ðảng bộ", "Đảng bộ"),  # U+00D0 typed for Đ
    ],
)
def test_clean_text_unifies_tone_placement_and_d(written, expected):
    assert clean_text(written) == expected


def test_clean_text_composes_decomposed_unicode():
    decomposed = unicodedata.normalize("NFD", "Trưởng Ban Tổ chức")
    assert decomposed != "Trưởng Ban Tổ chức"
    assert clean_text(decomposed) == "Trưởng Ban Tổ chức"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Chủ tịch UBND TP", "Chủ tịch Ủy ban nhân dân thành phố"),
        ("Chủ tịch HĐND huyện", "Chủ tịch Hội đồng nhân dân huyện"),
        ("UVTW, Bí thư Tỉnh ủy", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"),
        ("UVT.Ư, Trưởng ban", "Ủy viên Trung ương Đảng, Trưởng ban"),
        ("ĐBQH khóa XV", "đại biểu Quốc hội khóa XV"),
        ("Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc"),
        ("các TCCSĐ", "các tổ chức cơ sở đảng"),
        ("Ban Tổ chức T.Ư", "Ban Tổ chức Trung ương"),
        ("TP. Hà Nội", "thành phố Hà Nội"),
    ],
)
def test_expand_abbreviations(written, expected):
    assert expand_abbreviations(written) == expected


def test_document_numbers_keep_their_suffix():
    assert canonical("Chỉ thị số 05-CT/TW của TW") == "Chỉ thị số 05-CT/TW của Trung ương"
    assert canonical("Đề án 21-ĐA/TU") == "Đề án 21-ĐA/TU"


def test_fold_matches_the_way_users_type():
    assert fold("Vũ Đức Bảo") == fold("vu duc bao") == fold("VŨ ĐỨC BẢO") == "vu duc bao"
    assert fold("Uỷ ban") == fold("Ủy ban")
    assert slug("Thành ủy Hà Nội") == "thanh-uy-ha-noi"
