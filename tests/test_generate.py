"""The synthetic corpus generator: deterministic, well-formed gold, every province reachable."""

from __future__ import annotations

import json

from bench.generate import build_article, communes, districts, generate, provinces
from graph.schema import MEETING_KINDS, RESOLUTION_KINDS
from loaders.textnorm import clean_text


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_bytes(tmp_path):
    generate(tmp_path / "a", 40, seed=11)
    generate(tmp_path / "b", 40, seed=11)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) == 80 and a == b


def test_a_different_seed_gives_a_different_corpus(tmp_path):
    generate(tmp_path / "a", 20, seed=11)
    generate(tmp_path / "b", 20, seed=12)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys()
    assert sum(a[k] != b[k] for k in a) >= 18


def test_articles_do_not_depend_on_where_a_run_starts(tmp_path):
    generate(tmp_path / "whole", 10, seed=3)
    generate(tmp_path / "tail", 4, seed=3, start=6)
    assert (tmp_path / "whole" / "000007.txt").read_bytes() == (tmp_path / "tail" / "000007.txt").read_bytes()


def test_gold_files_are_well_formed(tmp_path):
    generate(tmp_path, 150, seed=5)
    for gold_path in sorted(tmp_path.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name.removesuffix(".gold.json")
        assert gold["article"] == f"{stem}.txt"
        text = clean_text((tmp_path / gold["article"]).read_text(encoding="utf-8").replace("\u00d0", "Đ"))
        assert set(gold) >= {"article", "url", "published", "outlet", "persons", "meetings", "organizations",
                             "resolutions", "notes"}
        names = {p["name"] for p in gold["persons"]}
        for p in gold["persons"]:
            assert p["name"] in text, (gold_path.name, p["name"])
            assert p["titles"] == [] if p["is_author"] else p["titles"]
        orgs = {o["name"] for o in gold["organizations"]}
        (meeting,) = gold["meetings"]
        assert meeting["main"] and meeting["kind"] in MEETING_KINDS
        assert meeting["chairs"] and set(meeting["chairs"] + meeting["attendees"] + meeting["speakers"]) <= names
        assert not set(meeting["chairs"]) & set(meeting["attendees"])
        assert set(meeting["organizers"]) <= orgs
        if meeting["date"] is not None:
            assert len(meeting["date"]) == 10 and meeting["date"][:4].isdigit()
        for r in gold["resolutions"]:
            assert r["kind"] in RESOLUTION_KINDS and r["name"]
            assert r["number"] is None or r["number"] in text


def test_every_province_and_its_units_can_appear():
    assert len(provinces("legacy")) == 63 and len(provinces("new")) == 34
    assert all(districts(p) for p in provinces("legacy"))
    assert all(communes(p) for p in provinces("new"))


def test_the_genre_surface_forms_show_up():
    texts = [build_article(9, i)[0] for i in range(300)]
    joined = "\n".join(texts)
    for form in ("HĐND", "UBND", "Tỉnh ủy viên", "đồng chủ trì", "Các đồng chí: ", "uỷ", "Ảnh: ", "Tin liên quan",
                 "Ngày đăng", "Huyện ủy", "Đảng ủy xã", "điểm cầu"):
        assert form in joined, form
    assert any("; " in t and "Các đồng chí: " in t for t in texts)
