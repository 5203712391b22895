"""The scorer: gold against itself scores 1.0; known perturbations give hand-computed numbers."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from loaders.evaluate import (
    evaluate_dir,
    evaluate_pairs,
    extraction_from_gold,
    resolutions_match,
    score_article,
    titles_match,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# A gold annotation written for these tests (facts reused, wording our own).
GOLD = {
    "article": "fixture.txt",
    "url": None,
    "published": "2020-11-30",
    "outlet": None,
    "persons": [
        {
            "name": "Phạm Minh Chính",
            "titles": ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng Ban Tổ chức Trung ương"],
            "is_author": False,
        },
        {
            "name": "Nguyễn Phú Sơn",
            "titles": ["Ủy viên Tỉnh ủy Vĩnh Phúc", "Phó Trưởng Ban Tổ chức Tỉnh ủy Vĩnh Phúc"],
            "is_author": False,
        },
        {"name": "Bạch Dương", "titles": [], "is_author": True},
    ],
    "meetings": [
        {
            "main": True,
            "kind": "hội nghị trực tuyến",
            "name": "Hội nghị trực tuyến giao ban công tác tổ chức xây dựng Đảng tháng 11",
            "date": "2020-11-30",
            "location": "điểm cầu Vĩnh Phúc",
            "organizers": ["Ban Tổ chức Trung ương"],
            "chairs": ["Phạm Minh Chính"],
            "attendees": ["Nguyễn Phú Sơn"],
            "speakers": ["Phạm Minh Chính"],
        }
    ],
    "organizations": [
        {"name": "Ban Tổ chức Trung ương", "parent": "Ban Chấp hành Trung ương"},
        {"name": "Ban Chấp hành Trung ương", "parent": None},
        {"name": "Tỉnh ủy Vĩnh Phúc", "parent": "Ban Chấp hành Trung ương"},
        {"name": "Ban Tổ chức Tỉnh ủy Vĩnh Phúc", "parent": "Tỉnh ủy Vĩnh Phúc"},
    ],
    "resolutions": [
        {"kind": "Nghị quyết", "number": None, "name": "Nghị quyết Trung ương 4 khóa XI",
         "issuer": "Ban Chấp hành Trung ương"},
        {"kind": "Nghị quyết", "number": None, "name": "Nghị quyết Trung ương 4 khóa XII",
         "issuer": "Ban Chấp hành Trung ương"},
        {"kind": "Chỉ thị", "number": "05", "name": "Chỉ thị 05 của Bộ Chính trị", "issuer": "Bộ Chính trị"},
        {"kind": "Quy định", "number": "205", "name": "Quy định 205", "issuer": None},
    ],
}


def test_gold_against_itself_scores_one() -> None:
    report = evaluate_pairs([(extraction_from_gold(GOLD), GOLD)])
    for name, metric in report.metrics.items():
        assert (metric.fp, metric.fn) == (0, 0), name
        assert metric.f1 == 1.0, name
    assert report.main_date.value == 1.0
    assert report.failures() == {}
    assert report.misses() == {}


def test_perturbed_copy_scores_by_hand() -> None:
    pred = copy.deepcopy(GOLD)
    pred["persons"][1]["name"] = "Nguyễn Phú Sang"  # wrong name: 1 fp + 1 fn person, its 2 titles fp+fn
    pred["persons"][0]["titles"] = ["UVBCT", "Trưởng ban Tổ chức TW"]  # abbreviated: 2 right, 1 missed
    pred["persons"].append({"name": "Hoàng Minh", "titles": ["Phó Bí thư"], "is_author": False})
    pred["meetings"][0]["date"] = "2021-11-30"  # wrong year
    pred["meetings"][0]["chairs"] = ["Phạm Minh Chính", "Bạch Dương"]
    pred["organizations"][3]["parent"] = "Ban Chấp hành Trung ương"  # wrong parent
    pred["resolutions"] = [
        {"kind": "Nghị quyết", "number": None, "name": "Nghị quyết Trung ương 4 (khoá XI)",
         "issuer": "Ban Chấp hành Trung ương"},
        {"kind": "Chỉ thị", "number": "05", "name": "Chỉ thị số 05", "issuer": None},
        {"kind": "Kết luận", "number": "205", "name": "Kết luận 205", "issuer": None},
    ]
    score = score_article(extraction_from_gold(pred), GOLD)
    m = score.metrics
    # persons: gold {Chính, Sơn, Dương}; predicted {Chính, Sang, Dương, Minh}
    assert (m["persons"].tp, m["persons"].fp, m["persons"].fn) == (2, 2, 1)
    assert m["persons"].f1 == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    # titles: Chính 2 tp, 1 fn; Sang 2 fp; Sơn 2 fn; Minh 1 fp
    assert (m["person_titles"].tp, m["person_titles"].fp, m["person_titles"].fn) == (2, 3, 3)
    assert (m["chairs"].tp, m["chairs"].fp, m["chairs"].fn) == (1, 1, 0)
    assert score.main_date == ("2020-11-30", "2021-11-30")
    assert (m["meeting_dates"].tp, m["meeting_dates"].fp, m["meeting_dates"].fn) == (0, 1, 1)
    assert (m["organizations"].tp, m["organizations"].fn) == (4, 0)
    assert (m["organization_parents"].tp, m["organization_parents"].fp, m["organization_parents"].fn) == (3, 1, 1)
    # resolutions: khóa XI matched by name (tone placement, brackets); Chỉ thị 05 by number;
    # Kết luận 205 is the wrong kind; khóa XII and Quy định 205 missed.
    assert (m["resolutions"].tp, m["resolutions"].fp, m["resolutions"].fn) == (2, 1, 2)
    assert (m["resolution_issuers"].tp, m["resolution_issuers"].fp, m["resolution_issuers"].fn) == (1, 0, 1)

    report = evaluate_pairs([(extraction_from_gold(pred), GOLD)])
    assert report.main_date.value == 0.0
    assert set(report.failures()) == {"persons", "person_titles", "chairs", "main_meeting_date", "resolutions",
                                      "organization_parents"}
    misses = report.misses()["fixture.txt"]
    assert misses["persons"] == {"fp": ["Nguyễn Phú Sang", "Hoàng Minh"], "fn": ["Nguyễn Phú Sơn"]}
    assert "Phạm Minh Chính: Bí thư Trung ương Đảng" in misses["person_titles"]["fn"]
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["metrics"]["resolutions"]["tp"] == 2
    assert "FAIL" in report.format_table()


def test_micro_average_sums_counts_over_articles() -> None:
    other = copy.deepcopy(GOLD)
    other["article"] = "other.txt"
    pred = copy.deepcopy(other)
    pred["persons"] = pred["persons"][:1]  # 2 persons missed
    report = evaluate_pairs([(extraction_from_gold(GOLD), GOLD), (extraction_from_gold(pred), other)])
    persons = report.metrics["persons"]
    assert (persons.tp, persons.fp, persons.fn) == (4, 0, 2)
    assert persons.recall == pytest.approx(4 / 6)


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Trưởng ban Tổ chức Thành ủy", "Trưởng Ban Tổ chức Thành ủy Hà Nội", True),
        ("Tỉnh ủy viên", "Ủy viên Tỉnh ủy Vĩnh Phúc", True),
        ("Tỉnh uỷ viên", "Ủy viên Tỉnh ủy Vĩnh Phúc", True),
        ("Chủ tịch HĐND huyện", "Chủ tịch Hội đồng nhân dân huyện Chương Mỹ", True),
        ("Bí thư Trung ương", "Bí thư Trung ương Đảng", True),
        ("UVTW", "Ủy viên Trung ương Đảng", True),
        ("Phó Bí thư Tỉnh ủy Tây Ninh", "Phó Bí thư Tỉnh ủy Tây Ninh", True),
        ("Trưởng Ban Tổ chức", "Trưởng Ban Tổ chức Thành ủy Hà Nội", False),
        ("Ủy viên", "Ủy viên Ban Thường vụ Tỉnh ủy", False),
        ("Phó Bí thư Thường trực", "Phó Bí thư Thường trực Tỉnh ủy Tây Ninh", False),
        ("Bí thư Tỉnh ủy Tây Ninh", "Phó Bí thư Tỉnh ủy Tây Ninh", False),
        ("Trưởng Ban Tổ chức Thành ủy Hải Phòng", "Trưởng Ban Tổ chức Thành ủy Hà Nội", False),
    ],
)
def test_titles_match_is_tolerant_but_not_loose(predicted: str, gold: str, same: bool) -> None:
    assert titles_match(predicted, gold) is same


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        (("Chỉ thị", "05-CT/TW", "x"), ("Chỉ thị", "05-CT/TW", "Chỉ thị số 05-CT/TW của Bộ Chính trị"), True),
        (("Chỉ thị", "05", "x"), ("Chỉ thị", "05-CT/TW", "y"), False),
        (("Nghị quyết", "05-CT/TW", "x"), ("Chỉ thị", "05-CT/TW", "y"), False),
        (("Nghị quyết", None, "Nghị quyết Đại hội XIII"), ("Nghị quyết", None, "Nghị quyết Đại hội XIII của Đảng"),
         True),
        (("Nghị quyết", None, "Nghị quyết Trung ương 4"), ("Nghị quyết", None, "Nghị quyết Trung ương 4 khóa XI"),
         False),
        (("Kế hoạch", None, "Kế hoạch kiểm tra, giám sát"),
         ("Kế hoạch", None, "Kế hoạch kiểm tra, giám sát năm 2021 của Đảng ủy Khối"), False),
        (("Nghị quyết", "15", "Nghị quyết 15"), ("Nghị quyết", None, "Nghị quyết 15"), False),
    ],
)
def test_resolutions_match(predicted: tuple, gold: tuple, same: bool) -> None:
    keys = ("kind", "number", "name")
    assert resolutions_match(dict(zip(keys, predicted)), dict(zip(keys, gold))) is same


def test_corpus_gold_against_itself_scores_one() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.rglob("*.gold.json"))]
    assert golds
    report = evaluate_pairs((extraction_from_gold(g), g) for g in golds)
    assert report.misses() == {}
    assert all(score == 1.0 for score in report.scores().values())


def test_evaluate_dir_reports_a_missing_article_text(tmp_path: Path) -> None:
    gold = dict(GOLD, article="absent.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "absent.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_dir(tmp_path)
    assert len(report.articles) == 1
    assert "article text not found" in (report.articles[0].error or "")
    assert report.metrics["persons"].fn == 3


def test_bad_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    from graph.errors import InputFileError

    (tmp_path / "broken.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputFileError, match="broken.gold.json"):
        evaluate_dir(tmp_path)


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Nghị quyết Đại hội XVII Đảng bộ thành phố", "Nghị quyết Đại hội XVII Đảng bộ thành phố Hà Nội", True),
        ("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", True),
        ("Nghị quyết Đại hội Đảng bộ Khối lần thứ XIII", "Nghị quyết Đại hội lần thứ XIII Đảng bộ Khối", True),
        ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2015-2020",
         True),
        ("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội XII của Đảng", False),
        ("Kết luận Hội nghị Trung ương 4 khóa XIII", "Kết luận Hội nghị Trung ương 5 khóa XIII", False),
    ],
)
def test_unnumbered_document_names_match_by_identity(predicted: str, gold: str, same: bool) -> None:
    pred = {"kind": "Nghị quyết", "number": None, "name": predicted}
    assert resolutions_match(pred, dict(pred, name=gold)) is same
