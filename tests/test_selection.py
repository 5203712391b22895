"""The selection language on the embedded store, over the graph of tests/fixtures/records.py."""

from __future__ import annotations

import os
import re

import networkx as nx
import pytest
from fixtures.records import EXTRACTIONS

from graph import ids
from graph.batch import build_batch
from graph.errors import UserError
from graph.ladybug_store import LadybugStore
from graph.schema import LABELS, REL_TYPES
from graph.selection import NEO4J_STATEMENTS, Selection, filter_period, select

BAO = ids.person_id("Vũ Đức Bảo", "Hà Nội")
HAU = ids.person_id("Vũ Văn Hậu", "Hà Nội")
NANG = ids.person_id("Nguyễn Trường Năng", "Hà Nội")
TUONG = ids.person_id("Trịnh Tiến Tường", "Hà Nội")
CHINH = ids.person_id("Phạm Minh Chính", "Trung ương")
MAI = ids.person_id("Trương Thị Mai", "Trung ương")
AUTHOR = ids.person_id("Minh Anh", "Hà Nội")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = LadybugStore(tmp_path_factory.mktemp("sel") / "graph.lbdb")
    s.write(build_batch(EXTRACTIONS))
    yield s
    s.close()


def node_ids(graph, label=None):
    return {n["id"] for n in graph["nodes"] if label is None or n["labels"][0] == label}


def meeting_dates(graph):
    return sorted(n["properties"].get("date") for n in graph["nodes"] if n["labels"][0] == "Meeting")


def test_no_selection_is_the_whole_graph_exactly_as_exported(store):
    whole = store.export()
    graph = select(store, Selection())
    by_id = {n["id"]: n for n in whole["nodes"]}
    assert len(graph["nodes"]) == len(whole["nodes"]) == 39
    assert all(by_id[n["id"]] == n for n in graph["nodes"])
    rels = {r["id"]: r for r in whole["relationships"]}
    assert len(graph["relationships"]) == len(rels) == 88
    assert all(rels[r["id"]] == r for r in graph["relationships"])


def reference_neighbourhood(graph, start, hops):
    """The same rule computed independently with networkx: walk any edge, never out of an Article."""
    G = nx.Graph()
    G.add_nodes_from((n["id"], {"label": n["labels"][0]}) for n in graph["nodes"])
    G.add_edges_from((r["start"], r["end"]) for r in graph["relationships"])
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {m for n in frontier if G.nodes[n]["label"] != "Article" for m in G[n]} - seen
        seen |= frontier
    return seen


@pytest.mark.parametrize("hops", [0, 1, 2, 3])
def test_around_is_the_neighbourhood_within_k_hops(store, hops):
    graph = select(store, Selection(around="Vũ Đức Bảo", hops=hops))
    assert node_ids(graph) == reference_neighbourhood(store.export(), {BAO}, hops)


def test_around_one_hop_by_construction(store):
    graph = select(store, Selection(around="vu duc bao", hops=1))  # typed without diacritics
    assert node_ids(graph, "Person") == {BAO}
    assert node_ids(graph, "Position") == {ids.position_id("Trưởng Ban Tổ chức Thành ủy Hà Nội"),
                                           ids.position_id("Ủy viên Ban Thường vụ Thành ủy Hà Nội")}
    assert meeting_dates(graph) == ["2020-07-01", "2020-11-30", "2024-01-17"]
    assert len(node_ids(graph, "Article")) == 3
    # The relationships among the selected nodes: all of Bảo's, and e.g. meeting -> article.
    selected = node_ids(graph)
    assert all(r["start"] in selected and r["end"] in selected for r in graph["relationships"])
    whole = store.export()["relationships"]
    assert {r["id"] for r in whole if BAO in (r["start"], r["end"])} < {r["id"] for r in graph["relationships"]}


def test_org_is_the_subtree_its_office_holders_and_their_meetings(store):
    graph = select(store, Selection(org="thanh uy ha noi"))
    orgs = {n["properties"]["name"] for n in graph["nodes"] if n["labels"][0] == "Organization"}
    assert orgs == {"Thành ủy Hà Nội", "Ban Tổ chức Thành ủy Hà Nội", "Ban Thường vụ Thành ủy Hà Nội",
                    "Huyện ủy Chương Mỹ", "Ban Tổ chức Huyện ủy Chương Mỹ", "Ban Thường vụ Huyện ủy Chương Mỹ"}
    assert node_ids(graph, "Person") == {BAO, HAU, NANG, TUONG}
    # Positions of organisations outside the subtree stay out (the district People's Council).
    assert ids.position_id("Chủ tịch Hội đồng nhân dân huyện Chương Mỹ") not in node_ids(graph)
    # Their meetings, including the central briefing Bảo attended.
    assert meeting_dates(graph) == ["2020-07-01", "2020-11-30", "2024-01-17"]
    assert not node_ids(graph, "Article")


def test_org_below_a_district_committee(store):
    graph = select(store, Selection(org="Huyện ủy Chương Mỹ"))
    assert node_ids(graph, "Person") == {NANG, TUONG}
    assert meeting_dates(graph) == ["2024-01-17"]


def test_period_keeps_facts_seen_in_it(store):
    graph = select(store, Selection(date_from="2020", date_to="2020"))
    assert meeting_dates(graph) == ["2020-07-01", "2020-11-30"]
    assert {n["properties"]["published"] for n in graph["nodes"] if n["labels"][0] == "Article"} == {
        "2020-07-01", "2020-11-30"}
    assert node_ids(graph, "Person") == {BAO, HAU, CHINH, AUTHOR}
    holds = [r for r in graph["relationships"] if r["type"] == "HOLDS"]
    assert holds and all(r["properties"]["first_seen"] <= "2020-12-31" for r in holds)
    # Positions keep their organisations and those organisations' parents.
    assert "Ban Chấp hành Trung ương" in {n["properties"].get("name") for n in graph["nodes"]}


def test_period_by_month_and_open_ended(store):
    # Mai chaired a meeting that month; Bảo was seen as head of the Hà Nội board before and after it.
    assert node_ids(select(store, Selection(date_from="2022-06", date_to="2022-06-30")), "Person") == {MAI, BAO}
    later = select(store, Selection(date_from="2022-01-01"))
    assert meeting_dates(later) == ["2022-06-29", "2024-01-17"]
    assert CHINH not in node_ids(later)


def test_label_and_rel_filters(store):
    graph = select(store, Selection(labels=["Person", "Meeting"]))
    assert {n["labels"][0] for n in graph["nodes"]} == {"Person", "Meeting"}
    assert {r["type"] for r in graph["relationships"]} == {"CHAIRED", "ATTENDED", "SPOKE_AT"}
    holds = select(store, Selection(rels=["HOLDS"]))
    assert {r["type"] for r in holds["relationships"]} == {"HOLDS"}
    assert AUTHOR not in node_ids(holds)  # a byline holds no office: dropped with --rel
    assert {n["labels"][0] for n in holds["nodes"]} == {"Person", "Position"}


def test_filters_combine(store):
    graph = select(store, Selection(around="Vũ Đức Bảo", hops=2, org="Thành ủy Hà Nội", labels=["Person"]))
    assert node_ids(graph) == {BAO, HAU, NANG, TUONG}


@pytest.mark.parametrize(
    "selection, message",
    [
        (Selection(around="Không Có Ai"), "no node named"),
        (Selection(org="Tỉnh ủy Không Có"), "no organisation named"),
        (Selection(labels=["Persons"]), "unknown label"),
        (Selection(rels=["CHAIRS"]), "unknown relationship type"),
        (Selection(date_from="1/7/2020"), "not a date"),
        (Selection(hops=11), "--hops"),
    ],
)
def test_bad_selections_are_one_line_user_errors(store, selection, message):
    with pytest.raises(UserError, match=message) as info:
        select(store, selection)
    assert "\n" not in str(info.value)


def test_statements_take_user_input_only_as_parameters():
    # No literal in any statement: names, dates and ids all arrive as $parameters.
    for name, cypher in NEO4J_STATEMENTS.items():
        assert "'" not in cypher and '"' not in cypher, name
        assert re.findall(r"\$(\w+)", cypher) in ([], ["key"], ["ids"], ["ids", "ids"]), name
    assert {name.removeprefix("nodes_in_") for name in NEO4J_STATEMENTS if name.startswith("nodes_in_")} == set(LABELS)
    for side in ("from", "to"):
        rel_statements = [cypher for name, cypher in NEO4J_STATEMENTS.items() if name.startswith(f"rels_{side}_")]
        assert {re.search(r"\[r:(\w+)\]", cypher).group(1) for cypher in rel_statements} == set(REL_TYPES)


def test_filter_period_on_a_hand_made_graph():
    graph = {
        "nodes": [
            {"id": "h:a", "labels": ["Person"], "properties": {"name": "A"}},
            {"id": "p:x", "labels": ["Position"], "properties": {"title": "X"}},
            {"id": "o:x", "labels": ["Organization"], "properties": {"name": "O"}},
            {"id": "m:1", "labels": ["Meeting"], "properties": {"date": "2021-03-04"}},
            {"id": "m:2", "labels": ["Meeting"], "properties": {}},
        ],
        "relationships": [
            {"id": "1", "type": "HOLDS", "start": "h:a", "end": "p:x",
             "properties": {"first_seen": "2019-01-01", "last_seen": "2020-02-02"}},
            {"id": "2", "type": "OF", "start": "p:x", "end": "o:x", "properties": {}},
            {"id": "3", "type": "CHAIRED", "start": "h:a", "end": "m:1", "properties": {}},
            {"id": "4", "type": "CHAIRED", "start": "h:a", "end": "m:2", "properties": {}},
        ],
    }
    in_2020 = filter_period(graph, "2020", "2020-12-31")
    assert {n["id"] for n in in_2020["nodes"]} == {"h:a", "p:x", "o:x"}
    in_2021 = filter_period(graph, "2021-03", None)
    assert {n["id"] for n in in_2021["nodes"]} == {"h:a", "m:1"}  # undated m:2 is in no period
    assert [r["id"] for r in in_2021["relationships"]] == ["3"]


@pytest.mark.skipif(not os.environ.get("PARTYKG_TEST_NEO4J_URI"),
                    reason="set PARTYKG_TEST_NEO4J_URI to a scratch Neo4j 5 (it is written to) to compare stores")
def test_same_selection_gives_the_same_nodes_on_neo4j(store):
    from graph.neo4j_store import Neo4jStore

    neo = Neo4jStore(os.environ["PARTYKG_TEST_NEO4J_URI"], user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                     password=os.environ.get("NEO4J_PASSWORD", ""), database=os.environ.get("NEO4J_DATABASE"))
    try:
        neo.query("MATCH (n) DETACH DELETE n", write=True)
        neo.write(build_batch(EXTRACTIONS))
        for selection in (Selection(), Selection(around="vu duc bao", hops=2), Selection(org="Thành ủy Hà Nội"),
                          Selection(date_from="2020", date_to="2022"), Selection(rels=["HOLDS", "OF"])):
            a, b = select(store, selection), select(neo, selection)
            assert node_ids(a) == node_ids(b), selection
            assert {r["id"] for r in a["relationships"]} == {r["id"] for r in b["relationships"]}, selection
    finally:
        neo.close()


# -- a selection's evidence ---------------------------------------------------------------------
# A selection reads its facts' evidence from the pages of the nodes anchoring them (and, for
# OF/PART_OF/ISSUED, of the articles where their ends are mentioned or held), never all pages:
# every fact it shows must still carry exactly what the whole graph gives it.


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    """300 generated articles: officials, committees and documents recur across many articles."""
    from bench.generate import generate
    from loaders.ingest import ingest

    folder = tmp_path_factory.mktemp("gen")
    generate(folder, 300, seed=11)
    s = LadybugStore(tmp_path_factory.mktemp("gen-graph") / "graph.lbdb")
    ingest(s, [str(folder)], jobs=1)
    yield s
    s.close()


def _hub(store, label, rel):
    """The node of ``label`` with the most ``rel`` relationships (either direction)."""
    rows = store.query(f"MATCH (n:{label})-[:{rel}]-() RETURN n.name AS name, count(*) AS c ORDER BY c DESC, name LIMIT 1")
    return rows[0]["name"]


@pytest.mark.parametrize("make", [
    lambda s: Selection(org=_hub(s, "Organization", "PART_OF")),
    lambda s: Selection(org=_hub(s, "Organization", "OF")),
    lambda s: Selection(around=_hub(s, "Person", "HOLDS"), hops=1),
    lambda s: Selection(around=_hub(s, "Person", "HOLDS"), hops=2),
    lambda s: Selection(around=_hub(s, "Resolution", "ISSUED"), hops=1),
    lambda s: Selection(around=_hub(s, "Meeting", "ATTENDED"), hops=1),
    lambda s: Selection(around=_hub(s, "Person", "WROTE"), hops=1),
    lambda s: Selection(org=_hub(s, "Organization", "PART_OF"), rels=["OF", "PART_OF"]),
], ids=["org-part-of", "org-of", "person", "person-2-hops", "resolution", "meeting", "author", "org-structure"])
def test_a_selection_shows_each_fact_with_the_evidence_the_whole_graph_gives_it(generated_store, make, monkeypatch):
    from graph import provenance

    monkeypatch.setattr(provenance, "PAGE_CHUNK", 7)  # pages read a few at a time, as on a big graph
    selection = make(generated_store)
    whole = {r["id"]: r for r in generated_store.export()["relationships"]}
    graph = select(generated_store, selection)
    assert len(graph["relationships"]) > 10
    for r in graph["relationships"]:
        assert r["properties"]["sources"], r["id"]  # every stored fact has evidence
        assert r == whole[r["id"]], r["id"]


@pytest.mark.parametrize("selection", [
    Selection(org="thanh uy ha noi"), Selection(org="Huyện ủy Chương Mỹ"),
    Selection(around="Vũ Đức Bảo", hops=1), Selection(around="Vũ Đức Bảo", hops=2),
    Selection(around="Quy định số 205", hops=1), Selection(around="Bộ Chính trị", hops=1),
    Selection(around="Chỉ thị số 05", hops=2),
], ids=lambda s: f"{s.org or s.around}-{s.hops}")
def test_a_selection_of_the_hand_made_graph_keeps_each_fact_s_evidence(store, selection):
    """The hand-made graph states facts whose ends its articles do not list (Bộ Chính trị issuing
    Quy định 205 in the Chương Mỹ article, positions of bodies outside an article's list)."""
    whole = {r["id"]: r for r in store.export()["relationships"]}
    graph = select(store, selection)
    assert graph["relationships"]
    for r in graph["relationships"]:
        assert r == whole[r["id"]], r["id"]


def test_a_position_s_organisation_keeps_the_evidence_of_articles_that_do_not_list_it(tmp_path):
    """OF is stated with each HOLDS of the position, also where the article does not list the
    organisation (it is then not MENTIONED_IN that article): both articles' sentences stay."""
    from loaders.records import ArticleMeta, Extraction, Organization, Person, Title

    said = ["Đồng chí Đặng Xuân Phong, Bí thư Tỉnh ủy Lào Cai, dự hội nghị.",
            "Bí thư Tỉnh ủy Lào Cai Đặng Xuân Phong phát biểu tại Tỉnh ủy Lào Cai."]
    extractions = []
    for n, sentence in enumerate(said):
        title = Title("Bí thư Tỉnh ủy Lào Cai", "Bí thư", "Tỉnh ủy Lào Cai", "Bí thư Tỉnh ủy Lào Cai", sentence)
        listed = [Organization("Tỉnh ủy Lào Cai", "party committee", "provincial", "Lào Cai", evidence=[sentence])] if n else []
        extractions.append(Extraction(
            article=ArticleMeta(id=ids.article_id(sentence), source=f"lc{n}.txt", published=f"2024-0{n + 1}-01"),
            persons=[Person("Đặng Xuân Phong", titles=[title], evidence=[sentence], scope="Lào Cai")],
            organizations=listed, locality="Lào Cai"))
    s = LadybugStore(tmp_path / "graph.lbdb")
    s.write(build_batch(extractions))
    whole = {r["id"]: r for r in s.export()["relationships"]}
    graph = select(s, Selection(org="Tỉnh ủy Lào Cai"))  # no articles in it
    of = [r for r in graph["relationships"] if r["type"] == "OF"]
    assert len(of) == 1 and of[0]["properties"]["evidence"] == said
    assert all(r == whole[r["id"]] for r in graph["relationships"])
    s.close()


def test_the_selections_of_the_evidence_test_reach_every_kind_of_fact(generated_store):
    """Every fact type, and facts whose articles the selection does not hold (OF, PART_OF, ISSUED
    stated in articles outside it), appear in the selections above."""
    org = select(generated_store, Selection(org=_hub(generated_store, "Organization", "PART_OF")))
    types = {r["type"] for r in org["relationships"]}
    assert {"OF", "PART_OF", "HOLDS", "ORGANIZED", "CHAIRED"} <= types
    assert not node_ids(org, "Article")
    person = select(generated_store, Selection(around=_hub(generated_store, "Person", "HOLDS"), hops=2))
    assert {"MENTIONED_IN", "HOLDS", "OF"} <= {r["type"] for r in person["relationships"]}
    resolution = select(generated_store, Selection(around=_hub(generated_store, "Resolution", "ISSUED"), hops=1))
    assert {"ISSUED", "DISCUSSED", "MENTIONED_IN"} <= {r["type"] for r in resolution["relationships"]}
    author = select(generated_store, Selection(around=_hub(generated_store, "Person", "WROTE"), hops=1))
    assert "WROTE" in {r["type"] for r in author["relationships"]}
