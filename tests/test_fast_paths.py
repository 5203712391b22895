"""The extraction's shortcuts (cheap pre-checks, caches, lazily compiled lexicon regexes) must give
the same answers as the full work they skip. Each case here is one a careless shortcut would get
wrong: odd case and spacing, abbreviations, a full name learned through an abbreviation, a shared
cached result, a commune of a place name written after a hyphen."""

from loaders import geo, meetings, orgs
from loaders.records import ArticleMeta, Document


def test_recasing_finds_phrases_in_any_case_and_spacing():
    assert orgs.normalise_org_text("Ban  THƯỜNG\nvụ Tỉnh ủy Vĩnh Phúc") == "Ban Thường vụ Tỉnh ủy Vĩnh Phúc"
    assert orgs.normalise_org_text("đoàn ĐẠI BIỂU quốc hội tỉnh Quảng Nam") == "Đoàn đại biểu Quốc hội tỉnh Quảng Nam"


def test_lexicon_abbreviations_are_still_expanded():
    assert orgs.normalise_org_text("Ban thường vụ HU Chương Mỹ") == "Ban Thường vụ Huyện ủy Chương Mỹ"
    assert orgs.normalise_org_text("Trưởng BTC Tỉnh ủy, UVBCH") == "Trưởng Ban Tổ chức Tỉnh ủy, Ủy viên Ban Chấp hành"


def _doc(*paragraphs: str) -> Document:
    return Document(ArticleMeta(id="t", source="test", published="2021-03-25"), list(paragraphs))


def test_full_name_of_a_bloc_committee_is_learned_through_its_abbreviation():
    # "ĐUK" never spells "Khối", yet normalising expands it; the skip test must see that.
    loc = orgs.resolve_locality(_doc("Sáng 25/3, ĐUK các cơ quan thành phố Hà Nội tổ chức hội nghị.",
                                     "ĐUK đã triển khai nhiệm vụ năm."))
    assert loc.known[orgs.fold("Đảng ủy Khối")] == "Đảng ủy Khối các cơ quan thành phố Hà Nội"


def test_article_without_a_bloc_committee_learns_no_full_names():
    loc = orgs.resolve_locality(_doc("Chiều 24/3, Ban Thường vụ Thành ủy Hà Nội họp phiên thường kỳ."))
    assert loc.known == {}


def test_cached_parse_gives_each_caller_its_own_result():
    loc = orgs.Locality(province="Hà Nội")
    first = orgs.parse_org("Ban Tổ chức Thành ủy", loc)
    first.end = 999
    again = orgs.parse_org("Ban Tổ chức Thành ủy", loc)
    assert again.name == "Ban Tổ chức Thành ủy Hà Nội"
    assert again.end != 999


def test_bare_committee_followed_by_lower_case_text_takes_the_articles_place():
    found = orgs.find_organizations("Thành ủy đã ban hành kế hoạch thực hiện.", orgs.Locality(province="Hà Nội"))
    assert [org.name for org, _ in found] == ["Thành ủy Hà Nội"]


def test_places_with_hyphenated_names_and_neighbours():
    places = geo.find_places("Tỉnh ủy Bà Rịa - Vũng Tàu và huyện Chương Mỹ, Hà Nội")
    assert [(p.name, p.level) for p in places] == [
        ("Bà Rịa - Vũng Tàu", "province"), ("Chương Mỹ", "district"), ("Hà Nội", "province")]
    # The same text again (served from the cache) is a fresh list.
    again = geo.find_places("Tỉnh ủy Bà Rịa - Vũng Tàu và huyện Chương Mỹ, Hà Nội")
    again.clear()
    assert len(geo.find_places("Tỉnh ủy Bà Rịa - Vũng Tàu và huyện Chương Mỹ, Hà Nội")) == 3


def test_reporting_period_anchors_in_upper_case():
    anchors = meetings.context_anchors("Tính đến hết NGÀY 30/6/2022, 6 THÁNG đầu năm 2021 và tháng 3/2020")
    assert [a.isoformat() for a in anchors] == ["2022-06-30", "2021-06-30", "2020-03-31"]
