"""The whole extraction on the project's own fixture articles (tests/fixtures/articles/h5_*.txt)."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract
from loaders.reader import iter_documents

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def _extract(name):
    [doc] = list(iter_documents([str(ARTICLES / name)]))
    return extract(doc)


def test_hanoi_conference_end_to_end():
    x = _extract("h5_hoi_nghi_hanoi.txt")
    people = {p.name: p for p in x.persons}
    assert set(people) == {"Vũ Đức Bảo", "Nguyễn Văn Phong", "Trần Đình Cảnh", "Minh Anh"}
    assert people["Minh Anh"].is_author and people["Minh Anh"].titles == []
    assert people["Vũ Đức Bảo"].scope == "Hà Nội"
    [m] = x.meetings
    assert (m.date, m.chairs, m.attendees) == ("2021-07-02", ["Vũ Đức Bảo"], ["Nguyễn Văn Phong"])
    assert set(m.speakers) == {"Trần Đình Cảnh", "Vũ Đức Bảo"}  # "đồng chí Bảo" is the same person
    assert m.discussed == [r.name for r in x.resolutions if r.kind == "Chỉ thị"]
    orgs = {o.name: o.parent for o in x.organizations}
    assert orgs["Ban Tổ chức Thành ủy Hà Nội"] == "Thành ủy Hà Nội"


def test_district_lists_two_chairs_and_names_without_titles():
    x = _extract("h5_lists_chuong_my.txt")
    [m] = x.meetings
    assert m.kind == "giao ban" and m.date == "2023-03-20"
    assert m.chairs == ["Trịnh Tiến Tường", "Nguyễn Trường Năng"]
    assert m.attendees == ["Hoàng Văn Minh", "Lê Thị Hoa"]
    titles = {p.name: [t.text for t in p.titles] for p in x.persons}
    assert titles["Trịnh Tiến Tường"] == ["Phó Bí thư Thường trực Huyện ủy Chương Mỹ", "Chủ tịch Hội đồng nhân dân huyện Chương Mỹ"]
    assert {p.name for p in x.persons if p.is_author} == {"Hoàng Tình", "Đặng Sáng"}


def test_abbreviations_eth_and_a_date_without_year():
    x = _extract("h5_abbreviations.txt")
    titles = {p.name: [t.text for t in p.titles] for p in x.persons}
    assert titles["Bùi Thị Quỳnh Vân"][0] == "Ủy viên Trung ương Đảng"
    assert titles["Đinh Thị Hồng Minh"] == ["Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Quảng Ngãi"]
    assert titles["Đặng Văn Minh"] == ["Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"]
    [m] = x.meetings
    assert m.date is None  # "Sáng nay (12/4)" with no year anywhere and no article date
    assert m.chairs == ["Bùi Thị Quỳnh Vân"]
