"""Which organisations an article lists, on the project's own fixtures (tests/fixtures/articles/q3_*.txt).

The rules follow the annotation conventions of the corpus README: bodies named in the text or in a
title are listed; a rank ("Ủy viên Trung ương Đảng"), an office ("Thường trực Ban Bí thư"), a
congress's owner and a business named on its own are not.
"""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract
from loaders.orgs import (
    Locality, canonical_org, defined_abbreviations, find_organizations, is_business, names_central_committee,
)
from loaders.reader import iter_documents

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CC = "Ban Chấp hành Trung ương"


def _orgs(name: str) -> dict[str, str | None]:
    [doc] = list(iter_documents([str(ARTICLES / name)]))
    return {o.name: o.parent for o in extract(doc).organizations}


def _titles(name: str) -> dict[str, list[str]]:
    [doc] = list(iter_documents([str(ARTICLES / name)]))
    return {p.name: [t.text for t in p.titles] for p in extract(doc).persons}


def test_central_committee_membership_is_a_rank_not_a_listed_body():
    orgs = _orgs("q3_central_ranks.txt")
    assert CC not in orgs  # only "Ủy viên (dự khuyết) (Ban Chấp hành) Trung ương Đảng"
    assert orgs["Tỉnh ủy Nghệ An"] == CC  # still every provincial committee's parent
    assert _titles("q3_central_ranks.txt")["Lê Văn Hòa"][0] == "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng"


def test_central_committee_named_as_a_body():
    assert names_central_committee("Tỉnh ủy quán triệt các nghị quyết, quy định của trung ương về cán bộ.")
    assert names_central_committee("Hội nghị lần thứ 6, BCH T.Ư Đảng khóa XII đã ban hành nghị quyết.")
    assert not names_central_committee("Đồng chí A, Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy phát biểu.")
    assert not names_central_committee("Đồng chí B, Ủy viên Ban Chấp hành Trung ương Đoàn, Bí thư Tỉnh đoàn.")
    assert not names_central_committee("Thực hiện Nghị quyết Trung ương 4 khóa XII.")
    assert CC not in _orgs("q3_youth_union_cc.txt")


def test_an_office_held_by_a_person_is_not_a_body_but_names_one():
    orgs = _orgs("q3_central_ranks.txt")
    assert "Thường trực Ban Bí thư" not in orgs
    assert orgs["Ban Bí thư"] == CC  # "Thường trực Ban Bí thư" names the Secretariat


def test_implied_bodies_of_titles_are_not_listed():
    orgs = _orgs("q3_secretariat_rank.txt")
    assert "Ban Bí thư" not in orgs  # "Bí thư Trung ương Đảng" only
    assert CC not in orgs  # "Tổng Bí thư" only
    assert orgs["Ủy ban Kiểm tra Trung ương"] == CC
    assert _titles("q3_secretariat_rank.txt")["Tô Lâm"] == ["Tổng Bí thư", "Chủ tịch nước"]


def test_a_party_organisation_named_only_as_a_congress_owner_is_not_listed():
    assert "Đảng bộ tỉnh Nghệ An" not in _orgs("q3_central_ranks.txt")
    assert "Đảng bộ thành phố Hà Nội" not in _orgs("q3_secretariat_rank.txt")
    loc = Locality("Nghệ An", None, "2023-03-15")
    found = [o.name for o, _ in find_organizations("Đảng bộ tỉnh Nghệ An có 120 nghìn đảng viên.", loc)]
    assert found == ["Đảng bộ tỉnh Nghệ An"]


def test_executive_committees_take_the_party_organisation_name():
    loc = Locality("Điện Biên", None, "2020-10-13")
    assert canonical_org("Ban Chấp hành Tỉnh ủy Điện Biên", loc).name == "Ban Chấp hành Đảng bộ tỉnh Điện Biên"
    assert canonical_org("Ban Chấp hành Tỉnh ủy Điện Biên", loc).parent == CC
    khoi = canonical_org("Ban Chấp hành Đảng bộ Khối Doanh nghiệp Trung ương", loc)
    assert (khoi.name, khoi.parent) == ("Đảng ủy Khối Doanh nghiệp Trung ương", CC)
    district = canonical_org("Ban Chấp hành Huyện ủy Kim Thành", loc)
    assert (district.name, district.parent) == ("Ban Chấp hành Đảng bộ huyện Kim Thành", "Tỉnh ủy Hải Dương")


def test_coordinated_units_share_the_body():
    orgs = _orgs("q3_steering_committee.txt")
    assert orgs["Ban Chấp hành Đảng bộ thành phố Hà Nội"] == CC  # "Ban Chấp hành, Ban Thường vụ Thành ủy Hà Nội"
    assert orgs["Ban Thường vụ Thành ủy Hà Nội"] == "Thành ủy Hà Nội"


def test_unit_names_its_committee():
    orgs = _orgs("q3_steering_committee.txt")
    assert orgs["Ban Tổ chức Thành ủy Hà Nội"] == "Thành ủy Hà Nội"
    assert orgs["Thành ủy Hà Nội"] == CC


def test_steering_committee_of_several_documents_and_its_short_mentions():
    orgs = _orgs("q3_steering_committee.txt")
    assert orgs["Ban Chỉ đạo thực hiện Nghị quyết 15, Chỉ thị 15 của Thành ủy Hà Nội"] == "Thành ủy Hà Nội"
    assert "Ban Chỉ đạo thực hiện Nghị quyết 15" not in orgs  # the same group named again by its start


def test_enterprise_is_listed_inside_its_party_committee_only():
    orgs = _orgs("q3_enterprise.txt")
    assert "Tập đoàn Dệt May Việt Nam" not in orgs
    # "Đảng ủy Tập đoàn" refers back to the one Tập đoàn the article names in full.
    assert orgs["Đảng ủy Tập đoàn Dệt May Việt Nam"] == "Đảng ủy Khối Doanh nghiệp Trung ương"
    assert orgs["Ban Thường vụ Đảng ủy Tập đoàn Dệt May Việt Nam"] == "Đảng ủy Tập đoàn Dệt May Việt Nam"
    assert orgs["Đảng ủy Khối Doanh nghiệp Trung ương"] == CC  # "Ủy viên BCH Đảng bộ Khối DNTW"
    assert is_business("Ngân hàng Phát triển Việt Nam") and not is_business("Đảng ủy Ngân hàng Phát triển Việt Nam")


def test_enterprise_committee_parent_only_while_the_bloc_existed():
    before = canonical_org("Đảng ủy Tập đoàn Điện lực Việt Nam", Locality(None, None, "2020-05-01"))
    after = canonical_org("Đảng ủy Tập đoàn Điện lực Việt Nam", Locality(None, None, "2025-09-01"))
    assert before.parent == "Đảng ủy Khối Doanh nghiệp Trung ương"
    assert after.parent is None


def test_abbreviation_defined_by_the_article_is_spelled_out():
    text = "Tổng công ty Đường sắt Việt Nam (ĐSVN) và Ủy ban nhân dân (UBND) tỉnh; Nghị quyết Đại hội (khóa XIII)."
    assert defined_abbreviations(text) == {"ĐSVN": "Tổng công ty Đường sắt Việt Nam", "UBND": "Ủy ban nhân dân"}
    orgs = _orgs("q3_defined_abbreviation.txt")
    assert orgs["Đảng ủy Tổng công ty Đường sắt Việt Nam"] == "Đảng ủy Khối Doanh nghiệp Trung ương"
    assert orgs["Ban Thường vụ Đảng ủy Tổng công ty Đường sắt Việt Nam"] == "Đảng ủy Tổng công ty Đường sắt Việt Nam"
    assert not any("ĐSVN" in name for name in orgs)
    assert _titles("q3_defined_abbreviation.txt")["Đặng Sỹ Mạnh"] == ["Bí thư Đảng ủy Tổng công ty Đường sắt Việt Nam"]


def test_front_committee_and_a_deputys_seat_are_not_listed(tmp_path):
    path = tmp_path / "front.txt"
    path.write_text("Thành ủy Đà Nẵng tổng kết công tác dân vận\n"
                    "Sáng 5/1, Thành ủy Đà Nẵng tổ chức hội nghị tổng kết công tác dân vận năm 2025. Dự hội nghị có đồng chí "
                    "Lê Văn Hòa, ĐBQH thành phố Đà Nẵng; đồng chí Trần Thị Mơ, Chủ tịch Ủy ban MTTQ Việt Nam thành phố Đà Nẵng.\n",
                    encoding="utf-8")
    [doc] = list(iter_documents([str(path)]))
    names = {o.name for o in extract(doc).organizations}
    assert "Quốc hội" not in names
    assert not any(n.startswith("Ủy ban Mặt trận") for n in names)
    assert "Thành ủy Đà Nẵng" in names


def test_bare_commune_body_in_a_title_is_the_one_named_in_full():
    from loaders.records import ArticleMeta, Document

    doc = Document(meta=ArticleMeta(id="x", source="own", title="Tỉnh ủy Lào Cai tổng kết năm 2025",
                                    published="2026-01-06"),
                   paragraphs=["Ngày 6/1, Tỉnh ủy Lào Cai tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2025.",
                               "Tại điểm cầu xã Bắc Hà, dự hội nghị có đồng chí Lý Seo Chứ, Chủ tịch UBND xã."])
    orgs = {o.name: o.parent for o in extract(doc).organizations}
    assert orgs.get("Ủy ban nhân dân xã Bắc Hà", "missing") is None
    assert "Ủy ban nhân dân xã" not in orgs
