"""Shortcuts of the organisation stage, second round (orgs.find_organizations, _Parser, the
normalisation pre-checks and extract._organizations): each must give what the slower form it
replaced gives. Cases a careless version would get wrong: upper case, old tone placement (Uỷ,
khoá), abbreviations, white space other than a plain space (NBSP, zero-width), "Ð" (U+00D0)."""

import pytest

from loaders import orgs


@pytest.mark.parametrize("name", [
    "Ban tổ chức Tỉnh uỷ", "BAN TỔ CHỨC THÀNH ỦY", "Thường trực HĐND tỉnh", "Ðảng ủy Khối các cơ quan tỉnh",
    "UBND\u00a0huyện", "Văn phòng Trung ương Đảng", "các Huyện ủy",
])
def test_a_name_asked_with_its_locality_key_is_the_name_asked_without(name):
    # _organizations builds the locality's key once per article and passes it on.
    loc = orgs.Locality(province="Quảng Nam", district="Tam Kỳ", published="2024-05-01")
    with_key = orgs.canonical_org(name, loc, loc_key=orgs.locality_key(loc))
    assert with_key == orgs.canonical_org(name, loc)


@pytest.mark.parametrize("sentence", [
    "Quốc hội và Chính phủ họp bàn.",  # no "trung" at all
    "TRUNG\u00a0ƯƠNG ĐẢNG chỉ đạo; các nghị quyết của TW.",  # upper case, NBSP, an abbreviation
    "Chỉ thị của T.Ư và BCHTW khoá XIII.",
    "Thị trấn Trung Sơn họp.",  # "trung" but no "trung ương"
])
def test_central_committee_check_stops_early_only_where_the_search_finds_nothing(sentence):
    norm = orgs.normalise_org_text(sentence)
    searched = "trung ương" in orgs._case_key(norm) and bool(orgs._CC_BODY.search(orgs._CC_MEMBERSHIP.sub(" ", norm)))
    assert orgs.names_central_committee.__wrapped__(sentence) == searched


def test_misspelt_phrases_grouped_by_first_word_match_where_one_of_them_does():
    misspelt = orgs._normalise_plan().misspelt
    for text in ("Ban thường vụ", "BAN Thường vụ", "Ban\tThường vụ", "Ban Thường Vụ Tỉnh ủy", "Hội Đồng nhân dân"):
        assert misspelt.search(text), text
    for text in ("Ban Thường vụ", "Bank thường vụ", "Banthường vụ", "ban thường vụ", "Bí thư Tỉnh ủy"):
        assert misspelt.search(text) is None, text
