"""Cleaning: metadata (title, date, outlet), bylines and credits, furniture out, body kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.clean import clean
from loaders.reader import iter_documents
from loaders.records import Document, RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

LEDE = (
    "Chiều 14/7, Ban Tổ chức Tỉnh ủy tổ chức hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm. "
    "Đồng chí Lê Văn Hòa, Trưởng Ban Tổ chức Tỉnh ủy chủ trì hội nghị."
)
BODY = (
    "Tại hội nghị, đại biểu các đơn vị trao đổi về việc chỉ đạo đại hội ở đảng bộ cơ sở, "
    "nêu rõ việc đã làm tốt, điểm còn hạn chế và đề xuất cách làm cho 6 tháng cuối năm."
)


def doc_of(text: str, **meta) -> Document:
    return clean(RawArticle(source="test", text=text, **meta))


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "head, expected",
    [
        ("Tiêu đề bài viết (20:05 01/07/2020)\n\n", "2020-07-01"),
        ("Tiêu đề bài viết\n\n06:11 | 30/11/2020\n|\n\n", "2020-11-30"),
        ("TIN TỨC - SỰ KIỆN\n\nTiêu đề bài viết\nNgày đăng 17/01/2024 | 14:27  | Lượt xem: 390\n\n", "2024-01-17"),
        ("Thứ Hai, 17/01/2024 08:15\n\n", "2024-01-17"),
        ("Tiêu đề bài viết\n17-01-2024\n", "2024-01-17"),
        ("20/03/2020 00:00\nTiêu đề bài viết\n\n", "2020-03-20"),
        ("Tiêu đề bài viết\nCập nhật: 09:00 ngày 05.02.2021\n", "2021-02-05"),
        ("Tiêu đề bài viết\nThứ Sáu, ngày 5 tháng 2 năm 2021\n", "2021-02-05"),
        ("Tiêu đề bài viết\n\nTHU HÀ (thực hiện) 10/10/2018 03:09\n\n", "2018-10-10"),
        ("Tiêu đề bài viết\n\n", None),
    ],
)
def test_publication_date_formats(head, expected):
    doc = doc_of(head + LEDE + "\n\n" + BODY + "\n")
    assert doc.meta.published == expected
    assert not any("Lượt xem" in p or "|" == p for p in doc.paragraphs)
    assert doc.paragraphs[0] == LEDE


def test_title_loses_its_stamp():
    doc = doc_of("Tiếp tục tham mưu tổ chức đại hội (20:05 01/07/2020)\n\n" + LEDE + "\n\n" + BODY)
    assert doc.meta.title == "Tiếp tục tham mưu tổ chức đại hội"
    assert doc.paragraphs == [LEDE, BODY]


def test_today_with_year_from_the_text():
    text = (
        "Sáng nay (25/3), đoàn kiểm tra làm việc với Đảng ủy Khối. "
        "Đến ngày 11/3/2021, có 43 tổ chức đăng ký. Năm 2021 là năm bản lề."
    )
    assert doc_of(text + "\n\n" + BODY).meta.published == "2021-03-25"


def test_today_without_a_year_gives_no_date():
    text = "Sáng nay 21/3, kỳ họp thứ 13 của HĐND tỉnh khóa X, nhiệm kỳ 2021-2026 đã khai mạc."
    assert doc_of(text + "\n\n" + BODY).meta.published is None


def test_listing_page_with_several_dates_has_no_date():
    text = (
        "Hội nghị tổng kết ngành văn hóa |\n03/01/2024\n" + LEDE + "\n"
        "Khởi công khu công nghiệp mới |\n02/01/2024\n" + BODY + "\n"
    )
    doc = doc_of(text)
    assert doc.meta.published is None
    # each item's date stays before its item: the year its "Chiều 14/7" takes
    assert doc.paragraphs == ["03/01/2024", LEDE, "Khởi công khu công nghiệp mới |", "02/01/2024", BODY]


def test_dateline_at_the_end_of_one_article_is_dropped():
    doc = doc_of("Tiêu đề (20:05 01/07/2020)\n\n" + LEDE + "\n\n" + BODY + "\n\n01/07/2020\n")
    assert doc.meta.published == "2020-07-01"
    assert doc.paragraphs == [LEDE, BODY]


def test_metadata_date_wins():
    assert doc_of("Tiêu đề (20:05 01/07/2020)\n\n" + LEDE, published="2020-07-02").meta.published == "2020-07-02"


# ---------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    "lede, outlet",
    [
        ("HNP - " + LEDE, "HNP"),
        ("TTXVN – " + LEDE, "TTXVN"),
        ("(ĐCSVN) - " + LEDE, "ĐCSVN"),
        ("(BBNĐT) " + LEDE, "BBNĐT"),
        ("(Chinhphu.vn) - " + LEDE, "Chinhphu.vn"),
        ("Dân trí - " + LEDE, "Dân trí"),
        ("Trực tiếp - " + LEDE, None),
        ("UBND tỉnh tổ chức hội nghị. " + LEDE, None),
        (LEDE, None),
    ],
)
def test_outlet_tag_on_the_lede(lede, outlet):
    doc = doc_of("Tiêu đề bài viết\n\n" + lede + "\n\n" + BODY)
    assert doc.meta.outlet == outlet
    assert doc.paragraphs[0] == lede  # the tag stays in the text


def test_outlet_tag_alone_on_its_line():
    doc = doc_of("Tiêu đề bài viết\n\nNDO -\n\n" + LEDE + "\n\n" + BODY)
    assert doc.meta.outlet == "NDO"
    assert doc.paragraphs == [LEDE, BODY]


def test_outlet_naming_itself_in_the_text():
    text = LEDE + " Dịp này, Bí thư Tỉnh ủy chia sẻ với Báo Quảng Nam về công tác kiểm tra."
    assert doc_of(text + "\n\n" + BODY).meta.outlet == "Báo Quảng Nam"


# ---------------------------------------------------------------- bylines and credits


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("Huy Kiên", ["Huy Kiên"]),
        ("Hoàng Tình – Đặng Sáng", ["Hoàng Tình", "Đặng Sáng"]),
        ("Hồng Nhung - Minh Anh", ["Hồng Nhung", "Minh Anh"]),
        ("Văn Bình (TTXVN)", ["Văn Bình"]),
        ("Thực hiện: Đắc Nhân - Ngọc Thành", ["Đắc Nhân", "Ngọc Thành"]),
        ("Bài và ảnh: Thanh Hương", ["Thanh Hương"]),
        ("Theo TTXVN", []),
        ("Nguyễn Hoàng - TTXVN", ["Nguyễn Hoàng"]),
        ("Nhóm PV", []),
        ("PV", []),
        ("Quang cảnh hội nghị", []),
    ],
)
def test_byline_after_the_body(byline, authors):
    doc = doc_of("Tiêu đề\n\n" + LEDE + "\n\n" + BODY + "\n\n" + byline + "\n\nTin liên quan\n")
    assert doc.authors == authors
    assert (byline in doc.paragraphs) == (byline == "Quang cảnh hội nghị")
    assert doc.paragraphs[-1] == (byline if byline == "Quang cảnh hội nghị" else BODY)
    if authors:
        assert doc.author_evidence == [byline]


def test_person_in_the_text_is_not_an_author():
    # "Lê Văn Hòa" chairs the meeting in the lede; the byline "Trần Minh" looks just like a name.
    doc = doc_of(LEDE + "\n\nĐồng chí Lê Văn Hòa phát biểu tại hội nghị\n\n" + BODY + "\n\nTrần Minh\n")
    assert doc.authors == ["Trần Minh"]
    assert "Đồng chí Lê Văn Hòa phát biểu tại hội nghị" in doc.paragraphs


def test_last_line_naming_a_person_of_the_article_is_not_a_byline():
    doc = doc_of(LEDE + "\n\n" + BODY + "\n\nLê Văn Hòa\n")
    assert doc.authors == []
    assert doc.paragraphs[-1] == "Lê Văn Hòa"


def test_name_line_inside_the_body_is_kept():
    doc = doc_of(LEDE + "\n\nLương Hải Sinh\nBí thư Đảng ủy\n\n" + BODY)
    assert doc.authors == []
    assert "Lương Hải Sinh" in doc.paragraphs


def test_repeated_name_lines_on_a_tag_page_are_the_byline():
    doc = doc_of(LEDE + "\nTố Tuấn\n" + BODY + "\nTố Tuấn\n")
    assert doc.authors == ["Tố Tuấn"]
    assert doc.paragraphs == [LEDE, BODY]


@pytest.mark.parametrize(
    "caption, authors, kept",
    [
        (
            "Đại biểu dự hội nghị ở điểm cầu Vĩnh Phúc. Ảnh: Dương Hà",
            ["Dương Hà"],
            "Đại biểu dự hội nghị ở điểm cầu Vĩnh Phúc.",
        ),
        ("Toàn cảnh hội nghị (Ảnh: Thu Hà)", ["Thu Hà"], "Toàn cảnh hội nghị"),
        ("Các đại biểu dự hội nghị. Ảnh: Minh Đức - Hải Nam", ["Minh Đức", "Hải Nam"], "Các đại biểu dự hội nghị."),
        ("Ủy ban Kiểm tra tổ chức hội nghị. Ảnh: N.Đ", ["N.Đ"], "Ủy ban Kiểm tra tổ chức hội nghị."),
        ("Tại buổi họp báo (Ảnh: baophapluat.vn)", [], "Tại buổi họp báo"),
        ("Thủ tướng phát biểu. Ảnh: VGP/Nhật Bắc", ["Nhật Bắc"], "Thủ tướng phát biểu."),
        ("Quang cảnh lễ công bố. Ảnh: TTXVN", [], "Quang cảnh lễ công bố."),
        ("Ảnh: Đồng chí Vũ Đức Bảo phát biểu", [], "Ảnh: Đồng chí Vũ Đức Bảo phát biểu"),
    ],
)
def test_photo_credits(caption, authors, kept):
    doc = doc_of(LEDE + "\n\n" + caption + "\n\n" + BODY)
    assert doc.authors == authors
    assert doc.paragraphs == [LEDE, kept, BODY]


def test_all_caps_byline_is_title_cased():
    doc = doc_of("Tiêu đề bài viết\n\nNGUYÊN ĐOAN (thực hiện) 10/10/2018 03:09\n\n" + LEDE + "\n\n" + BODY)
    assert doc.authors == ["Nguyên Đoan"]


# ---------------------------------------------------------------- furniture and repeats


def test_repeated_paragraph_and_caption_are_removed_once():
    caption = "Đồng chí Lê Văn Hòa phát biểu kết luận hội nghị."
    text = "\n\n".join([LEDE, LEDE, caption, caption, BODY, "Kết luận, đồng chí đề nghị làm tốt. " + caption])
    doc = doc_of(text)
    assert doc.paragraphs == [LEDE, BODY, "Kết luận, đồng chí đề nghị làm tốt. " + caption]


def test_a_lone_heading_with_a_colon_is_not_a_form_field():
    doc = doc_of(LEDE + "\n\nCụ thể:\n\n" + BODY + "\n\nHọ tên:\nEmail:\nNội dung:(*)\n")
    assert doc.paragraphs == [LEDE, "Cụ thể:", BODY]


def test_place_and_date_line_in_the_body_is_content():
    closing = "Hà Nội, ngày 15 tháng 5 năm 2020"
    doc = doc_of("Tiêu đề (20:05 14/05/2020)\n\n" + LEDE + "\n\n" + closing + "\n\n" + BODY)
    assert doc.authors == []
    assert closing in doc.paragraphs
    assert doc.meta.published == "2020-05-14"


def test_caption_not_repeated_is_kept():
    caption = "Trưởng Ban Tổ chức Thành ủy Vũ Đức Bảo trao đổi với đại biểu dự hội nghị"
    assert caption in doc_of(LEDE + "\n\n" + caption + "\n\n" + BODY).paragraphs


def test_comment_form_related_list_and_garble_are_removed():
    doc = clean(RawArticle(source="x", text=(FIXTURES / "hnp_article.txt").read_text(encoding="utf-8")))
    assert doc.meta.title == "Ban Tổ chức Thành ủy sơ kết công tác 6 tháng đầu năm"
    assert doc.meta.published == "2021-07-15"
    assert doc.meta.outlet == "HNP"
    assert doc.authors == ["Minh Anh"]
    assert len(doc.paragraphs) == 4
    text = doc.text
    for furniture in ("Các bài mới đăng", "Viết bình luận", "Họ tên", "Mã xác nhận", "?", "\ufffd", "Bài viết Xem"):
        assert furniture not in text


def test_site_header_counter_rating_and_repeats_in_a_district_page():
    doc = clean(RawArticle(source="x", text=(FIXTURES / "district_article.txt").read_text(encoding="utf-8")))
    assert doc.meta.title == "Huyện ủy Đan Phượng triển khai nhiệm vụ năm 2023"
    assert doc.meta.published == "2023-01-12"
    assert doc.authors == ["Thu Hà", "Lê Hùng", "Phạm Ngọc"]
    assert not any(p.startswith(("TIN TỨC", "Ngày đăng", "Trung bình")) for p in doc.paragraphs)
    assert sum(p.startswith("Tại hội nghị, đồng chí Lê Thị Hoa") for p in doc.paragraphs) == 1
    assert "Đồng chí Nguyễn Văn Hưng phát biểu kết luận hội nghị." not in doc.paragraphs  # caption repeating a sentence


def test_related_article_list_ends_at_the_next_real_paragraph():
    related = "Tin liên quan\nHà Nội kiện toàn cán bộ chủ chốt\nĐảng bộ Khối tổng kết năm 2023\n"
    doc = doc_of(LEDE + "\n" + related + BODY)
    assert doc.paragraphs == [LEDE, BODY]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Sáng ngày\n7/6/2021, Thường trực HĐND huyện họp liên tịch để bàn và thống nhất nội\n"
        "dung, chương trình Kỳ họp thứ nhất của HĐND huyện khóa XX, nhiệm kỳ 2021-2026.\n"
        "Cùng dự họp là đ/c Nguyễn Kim Diện, Tỉnh ủy viên, Bí thư Huyện ủy và đ/c Nguyễn\n"
        "Văn Hán, UV BTV Huyện ủy, Phó Chủ tịch HĐND huyện; cùng lãnh đạo một số cơ quan\n"
        "chuyên môn của huyện.\n"
    )
    doc = doc_of(text)
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].startswith("Sáng ngày 7/6/2021, Thường trực HĐND huyện")
    assert "đ/c Nguyễn Văn Hán, UV BTV Huyện ủy" in doc.paragraphs[1]


def test_decomposed_text_given_directly_is_composed():
    import unicodedata

    doc = doc_of(unicodedata.normalize("NFD", LEDE + "\n\n" + BODY))
    assert doc.paragraphs == [LEDE, BODY]


def test_id_depends_on_the_body_only():
    a = doc_of("Tiêu đề (20:05 01/07/2020)\n\n" + LEDE + "\n\n" + BODY + "\n\nHuy Kiên\n\nViết bình luận\nHọ tên:(*)")
    b = doc_of(LEDE + "\n\n" + BODY, title="Tiêu đề")
    assert a.meta.id == b.meta.id
    assert a.meta.id != doc_of(LEDE).meta.id


# ---------------------------------------------------------------- the shared corpus


def _corpus_pairs():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    texts = sorted(CORPUS.glob("seeds/*.txt")) + sorted(CORPUS.glob("dev/*.txt"))
    docs = {Path(d.meta.source).name: d for d in iter_documents([str(p) for p in texts])}
    for path in texts:
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        yield path.name, docs[path.name], gold


def test_corpus_published_outlet_and_authors_match_gold():
    pairs = list(_corpus_pairs())
    published = [name for name, doc, gold in pairs if doc.meta.published != gold["published"]]
    outlets = [name for name, doc, gold in pairs if doc.meta.outlet != gold["outlet"]]
    gold_authors = {(n, p["name"]) for n, _, g in pairs for p in g["persons"] if p["is_author"]}
    found_authors = {(n, a) for n, d, _ in pairs for a in d.authors}
    assert len(pairs) == 25
    assert published == []  # 25/25
    assert outlets == []  # 25/25
    assert found_authors == gold_authors  # precision and recall 1.0 (11 authors)


def test_corpus_furniture_is_gone():
    for name, doc, _ in _corpus_pairs():
        text = doc.text
        furniture = ("Viết bình luận", "Mã xác nhận", "Tin liên quan", "Lượt xem", "Bình chọn", "\ufffd", "TIN TỨC")
        for phrase in furniture:
            assert phrase not in text, (name, phrase)
        assert len(doc.paragraphs) == len(set(doc.paragraphs)), name


def test_title_in_capitals_and_byline_in_capitals():
    text = (
        "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LẦN THỨ 12\n\nCập nhật: 10:20 15/04/2023\n\n"
        "QĐND - " + LEDE + "\n\n" + BODY + "\n\nBài và ảnh: TRẦN THU HÀ\n"
    )
    doc = doc_of(text)
    assert doc.meta.title == "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LẦN THỨ 12"
    assert (doc.meta.published, doc.meta.outlet) == ("2023-04-15", "QĐND")
    assert doc.authors == ["Trần Thu Hà"]
    assert doc.paragraphs == ["QĐND - " + LEDE, BODY]


def test_byline_under_the_title():
    doc = doc_of("Tỉnh ủy giao ban quý I\nTác giả: Lê Minh\n17-04-2024 08:00\n\n" + LEDE + "\n\n" + BODY)
    assert doc.meta.title == "Tỉnh ủy giao ban quý I"
    assert doc.meta.published == "2024-04-17"
    assert doc.authors == ["Lê Minh"]
    assert doc.paragraphs == [LEDE, BODY]


def test_related_list_comment_counter_and_share_bar():
    tail = "\n\nTin liên quan\n• Giao ban quý III\n• Kiện toàn nhân sự\nBình luận (0)\nChia sẻ Facebook Zalo\n"
    doc = doc_of(LEDE + "\n\n" + BODY + "\n\nNguyễn Linh" + tail)
    assert doc.authors == ["Nguyễn Linh"]
    assert doc.paragraphs == [LEDE, BODY]


def test_dates_and_spacing_of_lines():
    from loaders.clean import _squash, find_date

    assert find_date("Cập nhật lúc 08:30 ngày 5 tháng 3 năm 2019") == "2019-03-05"
    assert find_date("17-01-2024 | 14:27") == "2024-01-17"
    assert find_date("Lượt xem: 390") is None
    assert [_squash(line) for line in ["a  b", " a b", "a\tb", "a\u200bb c", "a b", "a\u00a0b"]] == [
        "a b", "a b", "a b", "ab c", "a b", "a b"]
