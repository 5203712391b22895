"""Provinces and districts from vietnamadminunits: names, kinds, legacy -> 2025, find_places."""

from loaders import geo


def test_province_short_names_and_kinds():
    assert geo.province_name("thành phố Hà Nội") == "Hà Nội"
    assert geo.province_name("TP.HCM") == "Hồ Chí Minh"
    assert geo.province_kind("Hà Nội") == "thành phố"
    assert geo.province_kind("Vĩnh Phúc") == "tỉnh"
    assert geo.province_name("Hà Nội Mới") is None


def test_district_to_province_and_kind():
    assert geo.district_province("Chương Mỹ") == "Hà Nội"
    assert geo.district_info("huyện Kim Thành").kind == "huyện"
    assert geo.district_province("Kim Thành") == "Hải Dương"


def test_legacy_province_maps_to_2025_province():
    assert geo.province_2025("Vĩnh Phúc") == "Phú Thọ"
    assert geo.province_2025("Hải Dương") == "Hải Phòng"
    assert geo.province_2025("Hà Nội") == "Hà Nội"
    # A district of a merged province: its 2025 province follows its legacy one.
    assert geo.province_2025(geo.district_province("Kim Thành")) == "Hải Phòng"


def test_find_places_committees_and_cues():
    places = geo.find_places("Tỉnh ủy Vĩnh Phúc dự tại điểm cầu Vĩnh Phúc; Huyện ủy Chương Mỹ")
    assert [(p.name, p.level, p.explicit) for p in places] == [
        ("Vĩnh Phúc", "province", True), ("Vĩnh Phúc", "province", True), ("Chương Mỹ", "district", True)]
    assert places[2].province == "Hà Nội"


def test_find_places_ignores_person_names_and_longer_names():
    assert geo.find_places("đồng chí Nguyễn Thanh Bình phát biểu") == []
    assert geo.find_places("bờ Thái Bình Dương") == []
    assert geo.find_places("Học viện Chính trị Quốc gia Hồ Chí Minh") == []
    assert geo.find_places("Thành ủy TP Hồ Chí Minh")[0].name == "Hồ Chí Minh"


def test_district_city_versus_province():
    place = geo.find_places("Thành ủy Thái Nguyên")[0]
    assert (place.level, place.kind, place.province) == ("district", "thành phố", "Thái Nguyên")
    place = geo.find_places("Tỉnh ủy Thái Nguyên")[0]
    assert place.level == "province"


def test_ambiguous_district_takes_article_province():
    options = {d.province for d in geo.districts_named("Châu Thành")}
    assert len(options) > 1
    place = geo.find_places("huyện Châu Thành", prefer_province="Tây Ninh")[0]
    assert place.province == "Tây Ninh"
    assert geo.find_places("huyện Châu Thành")[0].province is None


def test_old_spelling_of_province_kept():
    place = geo.find_places("Tỉnh ủy Thừa Thiên Huế")[0]
    assert place.name == "Thừa Thiên Huế" and place.kind == "tỉnh"
