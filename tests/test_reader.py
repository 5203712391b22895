"""Reading sources: encodings, .txt/.html/.jsonl, folders, skipped files and path errors.

Encoded variants of one short article are written into tmp_path by the tests themselves
(``write_encoded``), so no binary fixtures live in the repository.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from graph.errors import InputFileError
from loaders.reader import decode_bytes, iter_documents, iter_sources
from loaders.records import Document, RawArticle, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "reader"

ARTICLE = (
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12\n\n"
    "Sáng 18/4, Ban Thường vụ Tỉnh ủy tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12, khóa XX. "
    "Đồng chí Đỗ Trọng Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.\n\n"
    "Hội nghị đã thảo luận, cho ý kiến vào dự thảo báo cáo của Ban Thường vụ Tỉnh ủy về công tác xây dựng Đảng.\n"
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as legacy editors wrote it: base letters precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "cp1258": cp1258_bytes,
    "utf-8-nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_each_encoding_reads_the_same_article(tmp_path, encoding):
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(ENCODINGS[encoding](ARTICLE))
    [raw] = list(iter_sources([str(path)]))
    assert isinstance(raw, RawArticle)
    assert raw.text.strip() == ARTICLE.strip()
    assert unicodedata.is_normalized("NFC", raw.text)
    [doc] = list(iter_documents([str(path)]))
    assert doc.meta.title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"
    assert doc.paragraphs[0].startswith("Sáng 18/4, Ban Thường vụ Tỉnh ủy")


def test_all_encodings_give_one_article_id(tmp_path):
    ids = set()
    for name, encode in ENCODINGS.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(encode(ARTICLE))
        ids.update(d.meta.id for d in iter_documents([str(path)]))
    assert len(ids) == 1


def test_cp1258_is_not_mistaken_for_another_code_page():
    data = cp1258_bytes("Đồng chí Nguyễn Thị Tuyến, Phó Bí thư Thường trực Thành ủy, phát biểu.")
    assert decode_bytes(data) == "Đồng chí Nguyễn Thị Tuyến, Phó Bí thư Thường trực Thành ủy, phát biểu."


def test_html_main_text_and_metadata_with_trafilatura():
    [doc] = list(iter_documents([str(FIXTURES / "page.html")]))
    assert doc.meta.title == "Tỉnh ủy Bắc Giang tổng kết công tác kiểm tra"
    assert doc.meta.published == "2022-12-20"
    assert doc.meta.url == "https://baobacgiang.example.vn/tinh-uy-tong-ket-kiem-tra.html"
    assert doc.meta.outlet == "BBG"
    assert doc.authors == ["Hải Yến"]
    text = doc.text
    assert "Đồng chí Dương Văn Thái, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" in text
    assert "Trang chủ" not in text and "Bản quyền" not in text  # navigation and footer are not content
    assert doc.paragraphs[0].startswith("BBG - Chiều 20/12")  # the h1 title is metadata, not a paragraph


def test_html_in_windows_1258_declared_by_meta(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
    path = tmp_path / "page.htm"
    path.write_bytes(cp1258_bytes(html))
    [doc] = list(iter_documents([str(path)]))
    assert "Đồng chí Dương Văn Thái" in doc.text


def test_jsonl_bad_line_is_skipped_and_the_rest_read():
    items = list(iter_sources([str(FIXTURES / "articles.jsonl")]))
    raws = [i for i in items if isinstance(i, RawArticle)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [r.source.rsplit(":", 1)[1] for r in raws] == ["1", "3"]
    assert [s.reason.split(":")[0] for s in skipped] == ["line 2", "line 5"]
    assert "invalid JSON" in skipped[0].reason
    assert "no 'text' or 'content'" in skipped[1].reason
    first, second = raws
    assert first.title == "Đảng ủy Khối tổ chức hội nghị giao ban quý I"
    assert (first.url, first.published, first.outlet) == ("https://example.vn/giao-ban-quy-1", "2022-03-28", "BTN")
    assert second.published == "2023-04-05"  # from "date": "05/04/2023"
    assert second.text.startswith("(ĐCSVN) - Ngày 5/4")


def test_same_text_from_txt_and_jsonl_has_one_id(tmp_path):
    import json

    body = "Sáng 28/3, Đảng ủy Khối tổ chức hội nghị giao ban.\n\nCác đại biểu thảo luận về kết quả quý I."
    (tmp_path / "a.txt").write_text("Đảng ủy Khối giao ban quý I\n\n" + body + "\n", encoding="utf-8")
    record = {"title": "Đảng ủy Khối giao ban quý I", "text": body}
    (tmp_path / "b.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = [d for d in iter_documents([str(tmp_path)]) if isinstance(d, Document)]
    assert len(docs) == 2
    assert docs[0].meta.id == docs[1].meta.id


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "deep" / "two.TXT").write_text(ARTICLE.replace("lần thứ 12", "lần thứ 13"), encoding="utf-8")
    (tmp_path / "a" / "zero.txt").write_text(ARTICLE.replace("lần thứ 12", "lần thứ 11"), encoding="utf-8")
    (tmp_path / "a" / "zero.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("không phải bài báo", encoding="utf-8")
    sources = [Path(i.source).relative_to(tmp_path).as_posix() for i in iter_sources([str(tmp_path)])]
    assert sources == ["a/deep/two.TXT", "a/zero.txt", "b/one.txt"]


def test_binary_file_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Skipped) and items[1].source.endswith("photo.txt")
    assert "binary" in items[1].reason
    # named explicitly, it is skipped as well (not an error: the path exists and was read)
    [item] = list(iter_sources([str(tmp_path / "photo.txt")]))
    assert isinstance(item, Skipped)


def test_missing_path_is_a_one_line_input_error(tmp_path):
    missing = tmp_path / "nope" / "bai-bao.txt"
    with pytest.raises(InputFileError) as info:
        list(iter_sources([str(missing)]))
    assert str(info.value) == f"{missing}: no such file or folder"
    assert "\n" not in str(info.value)


def test_unreadable_file_inside_folder_is_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")  # a dangling link: listed, cannot be opened
    items = list(iter_sources([str(tmp_path)]))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[1], Skipped) and "cannot be read" in items[1].reason


def test_skip_unreadable_turns_path_errors_into_skipped(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    items = list(iter_documents([str(tmp_path / "missing.txt"), str(tmp_path / "link.txt")], skip_unreadable=True))
    assert [type(i) for i in items] == [Skipped, Skipped]
    assert items[0].reason == "no such file or folder"


def test_unsupported_explicit_file_is_skipped(tmp_path):
    path = tmp_path / "bai.pdf"
    path.write_bytes(b"%PDF-1.4")
    [item] = list(iter_sources([str(path)]))
    assert isinstance(item, Skipped) and "unsupported file type" in item.reason


def test_empty_text_file_is_skipped(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    [item] = list(iter_sources([str(path)]))
    assert isinstance(item, Skipped) and item.reason == "empty file"


def test_jsonl_in_utf16_and_with_a_bom(tmp_path):
    import json

    line = json.dumps({"title": "Tiêu đề", "text": "Sáng 5/4, Ban Bí thư làm việc với Tỉnh ủy."}, ensure_ascii=False)
    (tmp_path / "a.jsonl").write_bytes(b"\xff\xfe" + (line + "\n").encode("utf-16-le"))
    (tmp_path / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + (line + "\n" + line + "\n").encode("utf-8"))
    items = list(iter_sources([str(tmp_path)]))
    assert [type(i) for i in items] == [RawArticle, RawArticle, RawArticle]
    assert {i.title for i in items} == {"Tiêu đề"}
    assert items[2].source.endswith("b.jsonl:2")


def _as_windows_1252(data: bytes) -> str:
    """What a tool that read UTF-8 bytes as Windows-1252 wrote (undefined bytes kept as-is)."""
    out = []
    for byte in data:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize("misread", [_as_windows_1252, lambda data: data.decode("latin-1")])
def test_utf8_read_as_windows_1252_is_repaired(tmp_path, misread):
    garbled = misread(ARTICLE.encode("utf-8"))
    assert "Há»" in garbled
    path = tmp_path / "mojibake.txt"
    path.write_text(garbled, encoding="utf-8")
    [raw] = list(iter_sources([str(path)]))
    assert raw.text.strip() == ARTICLE.strip()


def test_text_with_a_few_odd_characters_is_left_alone():
    text = "Giá 5Ã cái, mã số Ä‘ặc biệt được giữ nguyên."
    assert decode_bytes(text.encode("utf-8")) == text


def test_html_photo_credit_in_a_figure_caption_is_kept(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>Hội nghị</title></head><body><article>"
            "<p>Chiều 5/3, Ban Tổ chức Tỉnh ủy Bắc Giang tổ chức hội nghị giao ban công tác tổ chức xây dựng Đảng quý I năm 2024."
            " Đồng chí Nguyễn Văn Gấu chủ trì hội nghị và phát biểu kết luận.</p>"
            "<figure><img src='a.jpg'><figcaption>Quang cảnh hội nghị. Ảnh: Thu Trang</figcaption></figure>"
            "<p>Hội nghị thống nhất các nhiệm vụ trọng tâm quý II năm 2024 của ngành tổ chức xây dựng Đảng tỉnh.</p>"
            "</article></body></html>")
    path = tmp_path / "credit.html"
    path.write_text(page, encoding="utf-8")
    [doc] = list(iter_documents([str(path)]))
    assert "Thu Trang" in doc.authors
