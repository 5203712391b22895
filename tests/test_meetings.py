"""Meeting dates, roles and events, on text written for these tests."""

from __future__ import annotations

from datetime import date

from loaders.meetings import context_anchors, find_meetings, resolve_date, url_month
from loaders.orgs import Locality
from loaders.persons import find_persons


def _meetings(sentences, published=None, url=None, loc=None):
    loc = loc or Locality("Hà Nội")
    idx = find_persons(sentences, loc)
    meetings, _ = find_meetings(sentences, idx.normalised, idx.mentions, loc, published=published, url=url)
    return meetings


def test_day_month_takes_the_article_year():
    assert resolve_date(1, 7, None, date(2020, 7, 1)) == "2020-07-01"
    assert resolve_date(30, 12, None, date(2021, 1, 2)) == "2020-12-30"  # across New Year


def test_no_year_and_no_article_date_is_null():
    assert resolve_date(25, 3, None, None, []) is None
    assert resolve_date(22, 8, None, date(2019, 1, 26)) is None  # later than the article: unknown


def test_year_from_a_reporting_period_or_the_address():
    anchors = context_anchors("Báo cáo nêu rõ, 6 tháng đầu năm 2022, các tỉnh đạt nhiều kết quả.")
    assert resolve_date(29, 6, None, None, anchors) == "2022-06-29"
    assert resolve_date(19, 7, None, url_month("https://baodongnai.com.vn/video/202107/bai-3068046")) == "2021-07-19"


def test_lede_gives_name_kind_date_organiser_and_chair():
    [m] = _meetings(["Chiều 01/7, Ban Tổ chức Thành ủy Hà Nội đã tổ chức Hội nghị sơ kết 6 tháng đầu năm 2020 về công tác tổ chức xây dựng Đảng.",
                     "Đồng chí Vũ Đức Bảo, Trưởng ban Tổ chức Thành ủy chủ trì hội nghị."], published="2020-07-01")
    assert (m.kind, m.date, m.main) == ("hội nghị", "2020-07-01", True)
    assert m.name.startswith("Hội nghị sơ kết")
    assert m.organizers == ["Ban Tổ chức Thành ủy Hà Nội"]
    assert m.chairs == ["Vũ Đức Bảo"]


def test_several_chairs_attendees_and_speakers():
    [m] = _meetings([
        "Sáng nay (25/3), tại Quảng Ngãi, Ban Tổ chức Trung ương đã tổ chức hội nghị trực tuyến.",
        "Các đồng chí: Trương Thị Mai, Trưởng Ban Tổ chức Trung ương; Hoàng Đăng Quang, Phó Trưởng Ban Tổ chức Trung ương chủ trì hội nghị.",
        "Dự hội nghị còn có đồng chí Bùi Thị Quỳnh Vân, Bí thư Tỉnh ủy Quảng Ngãi.",
        "Phát biểu chỉ đạo hội nghị, đồng chí Trương Thị Mai lưu ý các tỉnh quan tâm hơn.",
    ])
    assert m.kind == "hội nghị trực tuyến" and m.location == "Quảng Ngãi" and m.date is None
    assert m.chairs == ["Trương Thị Mai", "Hoàng Đăng Quang"]
    assert m.attendees == ["Bùi Thị Quỳnh Vân"]
    assert m.speakers == ["Trương Thị Mai"]
    assert all(p.evidence for p in m.participants)


def test_cited_congress_and_future_event_are_not_meetings():
    meetings = _meetings(["Các đảng bộ tiếp tục thực hiện Nghị quyết Đại hội XIII của Đảng.",
                          "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV sẽ khai mạc vào sáng mai (14/10)."])
    assert meetings == []


def test_delegation_head_chairs_a_working_session():
    [m] = _meetings(["Sáng 25/3, đoàn kiểm tra số 2 do Phó Bí thư Thường trực Thành ủy "
                     "Nguyễn Thị Tuyến làm trưởng đoàn đã có buổi làm việc với Đảng ủy Khối."], published="2021-03-25")
    assert m.kind == "buổi làm việc" and m.chairs == ["Nguyễn Thị Tuyến"] and m.date == "2021-03-25"


def test_presidium_members_chair_a_congress():
    [m] = _meetings(["Sáng 3/8, Đảng bộ phường Tân Mai tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030.",
                     "Đoàn Chủ tịch đại hội gồm các đồng chí: Lê Văn Tám, Bí thư Đảng ủy phường; Ngô Thị Hà, Chủ tịch UBND phường."],
                    published="2025-08-03", loc=Locality("Đồng Nai", None, "2025-08-03"))
    assert m.chairs == ["Lê Văn Tám", "Ngô Thị Hà"]
    assert m.name.startswith("Đại hội đại biểu Đảng bộ phường Tân Mai lần thứ I")  # the owner named


def test_people_at_a_connection_point_attend_and_an_opening_speech_is_speaking():
    [m] = _meetings(["Sáng 10/4, Ban Tổ chức Trung ương tổ chức hội nghị trực tuyến toàn quốc.",
                     "Đồng chí Lê Minh Hưng chủ trì hội nghị tại điểm cầu Trung ương.",
                     "Tại điểm cầu tỉnh Hà Tĩnh có đồng chí Hoàng Trung Dũng, Bí thư Tỉnh ủy; đồng chí Trần Thế Dũng, Phó Bí thư Tỉnh ủy.",
                     "Đồng chí Lê Minh Hưng đọc diễn văn khai mạc."], published="2023-04-10")
    assert m.chairs == ["Lê Minh Hưng"]
    assert set(m.attendees) == {"Hoàng Trung Dũng", "Trần Thế Dũng"}
    assert m.speakers == ["Lê Minh Hưng"]


def test_closing_a_session_names_the_session():
    [m] = _meetings(["Chiều 8/7, HĐND tỉnh Hà Nam khóa XIX bế mạc kỳ họp thứ 15 sau 2 ngày làm việc."], published="2023-07-09",
                    loc=Locality("Hà Nam"))
    assert (m.kind, m.name) == ("kỳ họp", "kỳ họp thứ 15")


def test_about_side_lists_attendees_and_announcing_or_thanking_is_speaking():
    [m] = _meetings([
        "Sáng 5/3/2026, Đảng ủy phường Hòa Bình tổ chức lễ trao Huy hiệu Đảng.",
        "Về phía tỉnh có đồng chí Lê Thị Mai, Phó Trưởng Ban Tổ chức Tỉnh ủy.",
        "Đồng chí Lê Văn Nam, Chánh Văn phòng Đảng ủy phường, công bố Quyết định số 12-QĐ/ĐU về việc chỉ định "
        "đồng chí Hoàng Minh Đức tham gia Ban Thường vụ Đảng ủy phường.",
        "Thay mặt các đảng viên, đồng chí Lò Văn Sinh bày tỏ niềm vinh dự.",
    ])
    assert m.attendees == ["Lê Thị Mai"]
    assert m.speakers == ["Lê Văn Nam", "Lò Văn Sinh"]


def test_year_from_the_quarter_the_event_names():
    anchors = context_anchors("Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác quý III năm 2024.")
    assert resolve_date(2, 7, None, None, anchors) == "2024-07-02"
    assert resolve_date(2, 3, None, None, anchors) is None  # far from the quarter: unknown


def test_event_as_subject_with_do_organiser_and_date_after_the_verb():
    [m] = _meetings(["BĐT - Hội nghị giao ban công tác dân vận quý III năm 2023 các tỉnh Tây Nam Bộ do Ban Dân vận "
                     "Trung ương tổ chức đã diễn ra ngày 12/9 tại Cần Thơ.",
                     "Đồng chí Bùi Thị Minh Hoài, Trưởng Ban Dân vận Trung ương chủ trì hội nghị."],
                    published="2023-09-13", loc=Locality("Cần Thơ"))
    assert m.name == "Hội nghị giao ban công tác dân vận quý III năm 2023 các tỉnh Tây Nam Bộ"
    assert (m.kind, m.date, m.location) == ("giao ban", "2023-09-12", "Cần Thơ")
    assert m.organizers == ["Ban Dân vận Trung ương"]
    assert m.chairs == ["Bùi Thị Minh Hoài"]


def test_event_as_subject_owned_by_a_committee_after_a_time():
    [m] = _meetings(["Sáng 9/2, Hội nghị tổng kết công tác kiểm tra, giám sát năm 2022 của Huyện ủy Gia Lâm "
                     "đã diễn ra tại hội trường Huyện ủy."], published="2023-02-10")
    assert m.name == "Hội nghị tổng kết công tác kiểm tra, giám sát năm 2022"
    assert (m.kind, m.date) == ("hội nghị", "2023-02-09")
    assert m.organizers == ["Huyện ủy Gia Lâm"]
    assert m.location == "hội trường Huyện ủy"


def test_online_event_as_subject_is_named_from_its_noun():
    [m] = _meetings(["Chiều nay (14/5), Hội nghị trực tuyến sơ kết công tác tuyên giáo 6 tháng đầu năm 2021 do "
                     "Ban Tuyên giáo Trung ương tổ chức được kết nối tới các tỉnh, thành phố."], published="2021-05-14")
    assert m.name == "Hội nghị trực tuyến sơ kết công tác tuyên giáo 6 tháng đầu năm 2021"
    assert (m.kind, m.date) == ("hội nghị trực tuyến", "2021-05-14")
    assert m.organizers == ["Ban Tuyên giáo Trung ương"]


def test_of_a_cited_document_is_not_the_organiser():
    [m] = _meetings(["Sáng 4/3, Hội nghị học tập Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương đã khai mạc "
                     "tại Hà Nội."], published="2023-03-04")
    assert m.organizers == []
    assert m.name.startswith("Hội nghị học tập Nghị quyết số 18-NQ/TW")


def test_bare_or_future_event_subject_is_no_lede():
    assert _meetings(["Hội nghị diễn ra trong không khí dân chủ."]) == []
    assert _meetings(["Đại hội đại biểu Đảng bộ huyện lần thứ XX sẽ chính thức khai mạc vào ngày 12/8."],
                     published="2020-08-01") == []


def test_head_of_a_visiting_delegation_chairs_but_a_deputy_does_not():
    [m] = _meetings(["Sáng 8/6, Ban Thường vụ Huyện ủy Sóc Sơn đón và làm việc với Đoàn công tác của Ủy ban Kiểm tra Thành ủy.",
                     "Trưởng đoàn là đồng chí Phạm Văn Sơn, Phó Chủ nhiệm Ủy ban Kiểm tra Thành ủy.",
                     "Phó Trưởng đoàn là đồng chí Lưu Thị Hạnh, Ủy viên Ủy ban Kiểm tra Thành ủy."], published="2022-06-08")
    assert m.kind == "buổi làm việc" and m.chairs == ["Phạm Văn Sơn"]
    [m] = _meetings(["Chiều 2/11, Đoàn công tác của Ban Tổ chức Thành ủy do đồng chí Đỗ Minh Khang, Phó Trưởng Ban Tổ chức Thành ủy "
                     "dẫn đầu có buổi làm việc với Đảng ủy xã Minh Phú."], published="2022-11-02")
    assert m.chairs == ["Đỗ Minh Khang"]


def test_reporting_period_anchors_need_their_own_boundaries():
    anchors = context_anchors("tính ĐẾN HẾT NGÀY 30/6/2022; 12/2020 và 1/12/2020, 13/2020, QUÝ iii NĂM 2024, Tết Nguyên đán 2019")
    assert [a.isoformat() for a in anchors] == ["2022-06-30", "2020-12-31", "2024-07-01", "2024-09-30", "2019-02-01"]


def test_a_role_word_used_as_a_noun_far_into_a_long_sentence_gives_no_role():
    [m] = _meetings(["Chiều 01/7, Ban Tổ chức Thành ủy Hà Nội tổ chức hội nghị tổng kết.",
                     "Đồng chí Nguyễn Văn An, Trưởng ban Tổ chức Thành ủy chủ trì; ý kiến phát biểu của đồng chí "
                     "Trần Văn Bình được ghi nhận.",
                     "Tham dự có đồng chí Lê Văn Cường, Phó Bí thư Thành ủy."], published="2020-07-02")
    assert m.chairs == ["Nguyễn Văn An"] and m.attendees == ["Lê Văn Cường"] and m.speakers == []
