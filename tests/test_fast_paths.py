"""The extraction's shortcuts (cheap pre-checks, caches, lazily compiled lexicon regexes) must give
the same answers as the full work they skip. Each case here is one a careless shortcut would get
wrong: odd case and spacing, abbreviations, a full name learned through an abbreviation, a shared
cached result, a commune of a place name written after a hyphen."""

from loaders import geo, meetings, orgs, persons, textnorm, titles
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


# --- round 2: per-word place keys, cached lookups, sentence contexts read once ------------------


def test_place_names_are_found_from_their_words_keys_in_any_tone_placement_and_spacing():
    # A place's key is joined from its words' keys: old tone placement ("Hoà"), a double space
    # and a hyphenated name must still give the whole name.
    places = geo.find_places("Tỉnh ủy Hoà Bình, Huyện ủy Chương  Mỹ và tỉnh Bà Rịa - Vũng Tàu")
    assert [(p.name, p.level, p.text) for p in places] == [
        ("Hòa Bình", "province", "Hoà Bình"), ("Chương Mỹ", "district", "Chương  Mỹ"),
        ("Bà Rịa - Vũng Tàu", "province", "Bà Rịa - Vũng Tàu")]


def test_cached_gazetteer_lookups_answer_every_spelling_and_give_fresh_lists():
    assert geo.province_info("thành phố Hà Nội") == geo.province_info("Hà Nội") == geo.province_info("TP. Hà Nội")
    assert geo.province_info("Chương Mỹ") is None
    found = geo.districts_named("huyện Chương Mỹ")
    found.clear()
    assert [d.province for d in geo.districts_named("huyện Chương Mỹ")] == ["Hà Nội"]


def test_squash_spaces_only_touches_runs_of_spaces_and_tabs():
    assert textnorm.squash_spaces(" Ban  Thường\tvụ ") == "Ban Thường vụ"
    assert textnorm.squash_spaces("Ban Thường vụ ") == "Ban Thường vụ"
    assert textnorm.squash_spaces("Ban\u00a0Thường vụ") == "Ban\u00a0Thường vụ"  # not a space for this rule


def test_title_rewrites_and_member_ranks_match_in_any_case_and_tone_placement():
    loc = orgs.Locality(province="Quảng Nam")
    read = [(t.text, t.org) for t in titles.split_titles("Tỉnh uỷ viên, Bí thư Huyện ủy Núi Thành", loc)]
    assert read == [("Ủy viên Tỉnh ủy Quảng Nam", "Tỉnh ủy Quảng Nam"),
                    ("Bí thư Huyện ủy Núi Thành", "Huyện ủy Núi Thành")]
    read = [t.text for t in titles.split_titles("thường vụ tỉnh ủy, Chủ tịch UBND tỉnh", loc)]
    assert read == ["Ủy viên Ban Thường vụ Tỉnh ủy Quảng Nam", "Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam"]


def test_a_sentence_read_before_is_decided_again_with_what_the_article_knows():
    # The context of a name is cached per sentence; whether it is a person is not: "Theo Lê Văn
    # Dũng, ..." names a person only in an article that introduced him.
    loc = orgs.Locality(province="Quảng Nam")
    later = "Theo Lê Văn Dũng, năm nay tỉnh đạt kết quả tốt."
    assert persons.find_persons([later], loc).persons == []
    index = persons.find_persons(["Đồng chí Lê Văn Dũng, Bí thư Tỉnh ủy, chủ trì hội nghị.", later], loc)
    assert [(p.name, len(p.evidence)) for p in index.persons] == [("Lê Văn Dũng", 2)]
    assert persons.find_persons([later], loc).persons == []


def test_central_committee_pre_check_sees_any_case_and_spacing():
    assert orgs.names_central_committee("Quán triệt các nghị quyết của TRUNG   ƯƠNG về công tác cán bộ.")
    assert orgs.names_central_committee("Hội nghị Ban Chấp hành Trung ương lần thứ 8.")
    assert not orgs.names_central_committee("Đồng chí Nguyễn Văn Nên, Ủy viên Trung ương Đảng, phát biểu.")
    assert not orgs.names_central_committee("Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.")
