"""The records -> graph rows mapping: ids, provenance (Evidence rows), merging."""

import datetime as dt
from dataclasses import replace

from graph import ids
from graph.batch import add_support, build_batch, evidence_rows, node_rows, rel_rows
from graph.provenance import provenance
from graph.schema import EVIDENCE, EVIDENCE_CAP, SUPPORTS, evidence_id
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


HOLDS_KEY = ("HOLDS", ids.person_id("Vũ Đức Bảo", "Hà Nội"), ids.position_id("Trưởng Ban Tổ chức Thành ủy Hà Nội"))


def _holds_evidence(batch) -> list[dict]:
    """The HOLDS fact's evidence rows, by article (the rows' order is the stores' business)."""
    rows = [r for r in evidence_rows(batch) if r["id"].startswith("HOLDS\t" + HOLDS_KEY[1] + "\t")]
    return sorted(rows, key=lambda r: r["article"])


def _unordered(groups: dict) -> dict:
    return {k: sorted(rows, key=lambda r: sorted((a, str(v)) for a, v in r.items())) for k, rows in groups.items()}


def test_batch_maps_every_fact_with_provenance():
    b = build_batch([_extraction("a:1", "2020-07-02")])
    labels = {label for label, _ in b.nodes}
    assert labels == {"Article", "Person", "Position", "Organization", "Meeting", "Resolution"}
    types = {t for t, _, _ in b.rels}
    assert {"HOLDS", "OF", "PART_OF", "CHAIRED", "ORGANIZED", "DISCUSSED", "ISSUED", "WROTE", "MENTIONED_IN"} <= types
    assert b.rels[HOLDS_KEY].props == {"support": {"a:1": S1}}
    # The fact leaves as one Evidence row, dated by its article, linked to the fact's anchor end.
    assert _holds_evidence(b) == [{"id": evidence_id(*HOLDS_KEY, "a:1"), "type": "HOLDS", "start_id": HOLDS_KEY[1],
                                   "end_id": HOLDS_KEY[2], "article": "a:1", "published": "2020-07-02",
                                   "sentence": S1}]
    # Each Evidence row SUPPORTS its fact's anchors: HOLDS both its ends (the person and the position),
    # a meeting's facts the meeting, the others (OF, PART_OF, ISSUED, WROTE, MENTIONED_IN) the article
    # the evidence came from.
    supports = rel_rows(b)
    assert {key for key in supports if key[0] == SUPPORTS} == {
        (SUPPORTS, EVIDENCE, label) for label in ("Person", "Position", "Meeting", "Article")}
    holds_id = evidence_id(*HOLDS_KEY, "a:1")
    assert supports[(SUPPORTS, EVIDENCE, "Person")] == [{"src": holds_id, "dst": HOLDS_KEY[1]}]
    assert supports[(SUPPORTS, EVIDENCE, "Position")] == [{"src": holds_id, "dst": HOLDS_KEY[2]}]
    meeting = next(id_ for label, id_ in b.nodes if label == "Meeting")
    anchored: dict[str, set[tuple[str, str]]] = {}
    for (rel_type, _, label), rows in supports.items():
        if rel_type == SUPPORTS:
            for r in rows:
                anchored.setdefault(r["src"].split("\t")[0], set()).add((label, r["dst"]))
    assert anchored == {"HOLDS": {("Person", HOLDS_KEY[1]), ("Position", HOLDS_KEY[2])},
                        "CHAIRED": {("Meeting", meeting)}, "ORGANIZED": {("Meeting", meeting)},
                        "DISCUSSED": {("Meeting", meeting)}, "OF": {("Article", "a:1")},
                        "PART_OF": {("Article", "a:1")}, "ISSUED": {("Article", "a:1")},
                        "WROTE": {("Article", "a:1")}, "MENTIONED_IN": {("Article", "a:1")}}
    of = next(r for r in evidence_rows(b) if r["type"] == "OF")
    assert {"src": of["id"], "dst": "a:1"} in supports[(SUPPORTS, EVIDENCE, "Article")]
    # One link per (evidence, anchor): every Evidence row once, HOLDS evidence twice.
    links = sum(len(rows) for key, rows in supports.items() if key[0] == SUPPORTS)
    assert links == len(evidence_rows(b)) + len(_holds_evidence(b))
    # Every fact has evidence from its article, and fact rows themselves carry no properties.
    assert len(node_rows(b)[EVIDENCE]) == len(b.rels)
    assert all(set(r) == {"src", "dst"} for key, rows in rel_rows(b).items() for r in rows)
    # The parent named only as a parent still becomes a node.
    assert ("Organization", ids.org_id("Ban Chấp hành Trung ương")) in b.nodes


def test_same_facts_from_two_articles_merge_and_show_earliest_first():
    b = build_batch([_extraction("a:2", "2021-01-05"), _extraction("a:1", "2020-07-02")])
    assert b.rels[HOLDS_KEY].props["support"] == {"a:2": S1, "a:1": S1}
    rows = _holds_evidence(b)
    assert [(r["article"], r["published"]) for r in rows] == [("a:1", "2020-07-02"), ("a:2", "2021-01-05")]
    assert provenance(rows, "HOLDS") == {"sources": ["a:1", "a:2"], "evidence": [S1],
                                         "first_seen": "2020-07-02", "last_seen": "2021-01-05"}
    assert sum(1 for label, _ in b.nodes if label == "Person") == 2


def test_an_articles_first_sentence_for_a_fact_stays_its_evidence():
    support = {"a:1": "", "a:2": "câu đầu"}
    add_support(support, {"a:1": "câu sau", "a:2": "câu khác", "a:3": ""})
    assert support == {"a:1": "câu sau", "a:2": "câu đầu", "a:3": ""}  # a later sentence only fills a gap


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
    """``n`` articles naming the same official; pairs of articles share a date and a sentence, and
    later ids are earlier articles, so "earliest first" is neither id order nor batch order."""
    out = []
    for i in range(n):
        published = (dt.date(2020, 1, 1) + dt.timedelta(days=(n - 1 - i) // 2)).isoformat()
        ex = _extraction(f"a:{i:04d}", published)
        ex.persons[0].titles[0] = replace(ex.persons[0].titles[0], evidence=f"{S1} (bài {i // 2})")
        out.append(ex)
    return out


def test_provenance_keeps_every_article_and_the_first_distinct_sentences():
    articles = _many_articles(130)
    b = build_batch(articles)
    assert len(b.rels[HOLDS_KEY].props["support"]) == 130
    rows = _holds_evidence(b)
    assert len(rows) == 130
    shown = provenance(rows, "HOLDS")
    # Earliest first: days 0, 1, ... hold articles (128, 129), (126, 127), ...; a date tie goes by id.
    assert shown["sources"] == [f"a:{i:04d}" for k in range(65) for i in (128 - 2 * k, 129 - 2 * k)]
    assert shown["evidence"] == [f"{S1} (bài {64 - k})" for k in range(EVIDENCE_CAP)]
    assert (shown["first_seen"], shown["last_seen"]) == ("2020-01-01", "2020-03-05")
    # Any grouping of the same articles into batches gives the same rows for the stores.
    grouped = build_batch(articles[:7])
    for k in range(7, len(articles), 23):
        grouped.merge(build_batch(articles[k:k + 23]))
    assert _unordered(node_rows(grouped)) == _unordered(node_rows(b))
    assert _unordered(rel_rows(grouped)) == _unordered(rel_rows(b))
    assert len(rel_rows(b)[(SUPPORTS, EVIDENCE, "Person")]) == 130
    assert {r["dst"] for r in rel_rows(b)[(SUPPORTS, EVIDENCE, "Position")]} == {HOLDS_KEY[2]}
    assert len(rel_rows(b)[(SUPPORTS, EVIDENCE, "Position")]) == 130
