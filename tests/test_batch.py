"""The records -> graph rows mapping: ids, provenance, merging."""

from dataclasses import replace

from graph import ids
from graph.batch import build_batch, rel_rows
from graph.schema import EVIDENCE_CAP, SOURCES_CAP
from loaders.records import ArticleMeta, Extraction, Meeting, Organization, Participation, Person, Resolution, Title

S1 = "Đồng chí Vũ Đức Bảo, Trưởng ban Tổ chức Thành ủy chủ trì hội nghị."


def _extraction(article_id: str, published: str) -> Extraction:
    title = Title("Trưởng Ban Tổ chức Thành ủy Hà Nội", "Trưởng Ban", "Ban Tổ chức Thành ủy Hà Nội",
                  "Trưởng ban Tổ chức Thành ủy", S1)
    return Extraction(
        article=ArticleMeta(article_id, f"{article_id}.txt", "t", published, "HNP", None),
        persons=[Person("Vũ Đức Bảo", [title], False, [S1], "Hà Nội"), Person("Minh Anh", [], True, ["Minh Anh"])],
        organizations=[
            Organization("Ban Tổ chức Thành ủy Hà Nội", "commission", "provincial", "Hà Nội", "Thành ủy Hà Nội", [S1]),
            Organization("Thành ủy Hà Nội", "party committee", "provincial", "Hà Nội", "Ban Chấp hành Trung ương", [S1]),
        ],
        meetings=[Meeting("Hội nghị giao ban quý II", "giao ban", published, None, True, ["Ban Tổ chức Thành ủy Hà Nội"],
                          [Participation("Vũ Đức Bảo", "chair", S1)], ["Nghị quyết 15 của Thành ủy Hà Nội"], [S1])],
        resolutions=[Resolution("Nghị quyết", "15", "Nghị quyết 15 của Thành ủy Hà Nội", "Thành ủy Hà Nội", None, [S1])],
    )


def test_batch_maps_every_fact_with_provenance():
    b = build_batch([_extraction("a:1", "2020-07-02")])
    labels = {label for label, _ in b.nodes}
    assert labels == {"Article", "Person", "Position", "Organization", "Meeting", "Resolution"}
    types = {t for t, _, _ in b.rels}
    assert {"HOLDS", "OF", "PART_OF", "CHAIRED", "ORGANIZED", "DISCUSSED", "ISSUED", "WROTE", "MENTIONED_IN"} <= types
    holds = b.rels[("HOLDS", ids.person_id("Vũ Đức Bảo", "Hà Nội"), ids.position_id("Trưởng Ban Tổ chức Thành ủy Hà Nội"))]
    assert holds.props["sources"] == ["a:1"] and holds.props["evidence"] == [S1]
    assert holds.props["first_seen"] == holds.props["last_seen"] == "2020-07-02"
    # The parent named only as a parent still becomes a node.
    assert ("Organization", ids.org_id("Ban Chấp hành Trung ương")) in b.nodes


def test_same_facts_from_two_articles_merge_and_widen_dates():
    b = build_batch([_extraction("a:2", "2021-01-05"), _extraction("a:1", "2020-07-02")])
    holds = b.rels[("HOLDS", ids.person_id("Vũ Đức Bảo", "Hà Nội"), ids.position_id("Trưởng Ban Tổ chức Thành ủy Hà Nội"))]
    assert holds.props["sources"] == ["a:2", "a:1"]
    assert (holds.props["first_seen"], holds.props["last_seen"]) == ("2020-07-02", "2021-01-05")
    assert sum(1 for label, _ in b.nodes if label == "Person") == 2


def test_batch_is_deterministic():
    one = build_batch([_extraction("a:1", "2020-07-02")])
    two = build_batch([_extraction("a:1", "2020-07-02")])
    assert one.counts() == two.counts()
    assert {k: v.props for k, v in one.rels.items()} == {k: v.props for k, v in two.rels.items()}


def test_one_document_named_two_ways_is_one_node():
    assert ids.resolution_id("Chỉ thị", "05-CT/TW", "Chỉ thị số 05-CT/TW", None) == ids.resolution_id(
        "Chỉ thị", "05", "Chỉ thị 05 của Bộ Chính trị", "Bộ Chính trị")
    assert ids.resolution_id("Nghị quyết", "15", "x", "Thành ủy Hà Nội") != ids.resolution_id(
        "Chỉ thị", "15", "x", "Thành ủy Hà Nội")


def test_namesakes_in_different_provinces_stay_apart():
    assert ids.person_id("Nguyễn Văn Hùng", "Hà Nội") != ids.person_id("Nguyễn Văn Hùng", "Vĩnh Phúc")
    assert ids.person_id("Nguyễn Văn Hùng", "Hà Nội") == ids.person_id("Nguyễn  Văn Hùng", "Hà Nội")


def test_document_search_key_carries_the_full_number_either_way_it_was_written():
    from graph.batch import resolution_search_key
    from loaders.textnorm import fold

    short = Resolution("Chỉ thị", "05", "Chỉ thị 05 của Bộ Chính trị", "Bộ Chính trị")
    full = Resolution("Chỉ thị", "05-CT/TW", "Chỉ thị số 05-CT/TW", None)
    for r in (short, full):
        key = resolution_search_key(r)
        assert all(w in key for w in fold("05-CT/TW").split()), key
    assert "nq tu" in resolution_search_key(Resolution("Nghị quyết", "15", "Nghị quyết 15 của Thành ủy", "Thành ủy Hà Nội"))
    assert resolution_search_key(Resolution("Quy định", "205", "Quy định 205", None)) == "quy dinh 205"


def _many_articles(n: int) -> list[Extraction]:
    """``n`` articles naming the same official, each in a sentence of its own."""
    out = []
    for i in range(n):
        ex = _extraction(f"a:{i:04d}", "2020-07-02")
        sentence = f"{S1} (bài {i})"
        ex.persons[0].titles[0] = replace(ex.persons[0].titles[0], evidence=sentence)
        out.append(ex)
    return out


def test_provenance_keeps_the_first_distinct_values_up_to_the_caps():
    articles = _many_articles(SOURCES_CAP + 30)
    b = build_batch(articles)
    holds = b.rels[("HOLDS", ids.person_id("Vũ Đức Bảo", "Hà Nội"), ids.position_id("Trưởng Ban Tổ chức Thành ủy Hà Nội"))]
    assert holds.props["sources"] == [f"a:{i:04d}" for i in range(SOURCES_CAP)]
    assert holds.props["evidence"] == [f"{S1} (bài {i})" for i in range(EVIDENCE_CAP)]
    # Any grouping of the same articles, in the same order, gives the same lists.
    grouped = build_batch(articles[:7])
    for k in range(7, len(articles), 23):
        grouped.merge(build_batch(articles[k:k + 23]))
    assert {k: v.props for k, v in grouped.rels.items()} == {k: v.props for k, v in b.rels.items()}
    # Rows handed to the stores are capped too.
    rows = [r for rows in rel_rows(b).values() for r in rows]
    assert max(len(r["sources"]) for r in rows) == SOURCES_CAP
    assert max(len(r["evidence"]) for r in rows) == EVIDENCE_CAP
