"""Network analysis on graphs whose right answer is known by construction.

Two provinces, each a clique of four officials (one meeting, one party committee), joined by a
single central inspector who attended both meetings: the inspector is the broker, the cliques
are the communities. Built with graph.batch.build_batch from extraction records, like real data.
"""

from __future__ import annotations

from collections import Counter

import pytest
from fixtures.records import EXTRACTIONS
from fixtures.synthetic import synthetic_extractions
from typer.testing import CliRunner

from cli.main import app
from graph import analysis, ids
from graph.batch import build_batch
from graph.errors import UserError
from graph.exporters import to_networkx
from graph.ladybug_store import LadybugStore
from loaders.records import ArticleMeta, Extraction, Meeting, Organization, Participation, Person, Title

A = ["Lê Văn An", "Lê Thị Bình", "Lê Quang Cường", "Lê Minh Dũng"]
B = ["Trần Văn Giang", "Trần Thị Hà", "Trần Quang Hải", "Trần Minh Hùng"]
X = "Phạm Thanh Xuân"


def title(role: str, org: str) -> Title:
    text = f"{role} {org}"
    return Title(text, role, org, text, f"{text} phát biểu tại hội nghị.")


def province_article(province: str, people: list[str], date: str) -> Extraction:
    committee = f"Tỉnh ủy {province}"
    persons = [Person(name, titles=[title("Ủy viên Ban Thường vụ" if i else "Bí thư", committee)], scope=province)
               for i, name in enumerate(people)]
    persons.append(Person(X, titles=[title("Phó Chủ nhiệm", "Ủy ban Kiểm tra Trung ương")], scope="Trung ương"))
    meeting = Meeting(f"Hội nghị Ban Chấp hành Đảng bộ tỉnh {province}", "hội nghị", date, location=province,
                      organizers=[committee],
                      participants=[Participation(people[0], "chair", "chủ trì"),
                                    *(Participation(n, "attendee", "dự") for n in people[1:]),
                                    Participation(X, "attendee", "dự")])
    return Extraction(
        article=ArticleMeta(id=ids.article_id(f"two-cliques-{province}"), source=f"{province}.txt",
                            published=date),
        persons=persons,
        organizations=[Organization(committee, "party committee", "provincial", province),
                       Organization("Ủy ban Kiểm tra Trung ương", "commission", "central", None)],
        meetings=[meeting],
    )


TWO_CLIQUES = [province_article("Bắc Ninh", A, "2023-03-01"), province_article("Hà Giang", B, "2023-04-01")]


def graph_of(extractions, tmp_path):
    store = LadybugStore(tmp_path / "graph.lbdb")
    try:
        store.write(build_batch(extractions))
        return to_networkx(store.export())
    finally:
        store.close()


@pytest.fixture
def cliques(tmp_path):
    return graph_of(TWO_CLIQUES, tmp_path)


def names(rows, key="name"):
    return [r[key] for r in rows]


def test_people_network_links_shared_meetings_and_organisations(cliques):
    P = analysis.people_network(cliques)
    assert P.number_of_nodes() == 9
    assert P.number_of_edges() == 6 + 6 + 8  # two 4-cliques, and the inspector to all eight
    a0, a1 = (ids.person_id(n, "Bắc Ninh") for n in A[:2])
    x = ids.person_id(X, "Trung ương")
    assert P[a0][a1]["weight"] == 2  # the same meeting and the same committee
    assert P[a0][x]["weight"] == 1  # the same meeting only
    assert not P.has_edge(a0, ids.person_id(B[0], "Hà Giang"))


def test_centrality_ranks_the_bridge_first(cliques):
    by_degree = analysis.centrality(cliques)
    assert by_degree[0]["name"] == X and by_degree[0]["degree"] == 8
    assert all(r["degree"] == 4 for r in by_degree[1:])
    by_betweenness = analysis.centrality(cliques, rank_by="betweenness")
    assert by_betweenness[0]["name"] == X
    assert by_betweenness[0]["betweenness"] == pytest.approx(16 / 28, abs=1e-6)  # every A-B pair through X
    assert all(r["betweenness"] == 0 for r in by_betweenness[1:])
    assert analysis.centrality(cliques, rank_by="eigenvector")[0]["name"] == X
    with pytest.raises(UserError):
        analysis.centrality(cliques, rank_by="fame")


def test_communities_are_the_two_cliques(cliques):
    found = analysis.communities(cliques)
    assert len(found) == 2
    groups = [set(c["members"]) - {X} for c in found]
    assert sorted(groups, key=sorted) == [set(A), set(B)]
    for c in found:
        committee = "Tỉnh ủy Bắc Ninh" if set(A) <= set(c["members"]) else "Tỉnh ủy Hà Giang"
        assert c["organizations"][0] == f"{committee} (4)"
    assert analysis.communities(cliques) == found  # a fixed seed: the same answer every time


def test_the_bridge_is_the_broker(cliques):
    rows = analysis.brokers(cliques)
    assert names(rows) == [X]
    top = rows[0]
    assert top["cut_vertex"] and top["splits"] == 1
    assert {"province: Bắc Ninh", "province: Hà Giang"} <= set(top["groups"])


def test_brokers_and_bridges_on_a_chain(tmp_path):
    # Bắc Ninh clique - X - Hà Giang clique, plus one official who only met X: a bridge X - them.
    lone = Extraction(
        article=ArticleMeta(id=ids.article_id("lone"), source="lone.txt", published="2023-05-01"),
        persons=[Person("Đỗ Văn Lẻ", scope="Cao Bằng"), Person(X, scope="Trung ương")],
        meetings=[Meeting("Buổi làm việc tại Cao Bằng", "buổi làm việc", "2023-05-01",
                          participants=[Participation(X, "chair", "chủ trì"),
                                        Participation("Đỗ Văn Lẻ", "attendee", "dự")])],
    )
    rows = analysis.brokers(graph_of([*TWO_CLIQUES, lone], tmp_path))
    assert names(rows) == [X, "Đỗ Văn Lẻ"]
    assert rows[0]["splits"] == 2 and rows[0]["bridges"] == 1
    assert rows[1]["bridges"] == 1 and not rows[1]["cut_vertex"]


def test_timeline_of_a_person_and_of_a_position(tmp_path):
    G = graph_of(EXTRACTIONS, tmp_path)
    rows = analysis.timeline(G, "vu duc bao")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    positions = [r for r in rows if r["event"] == "position"]
    head = next(r for r in positions if r["what"] == "Trưởng Ban Tổ chức Thành ủy Hà Nội")
    assert (head["date"], head["end"], head["sources"]) == ("2020-07-01", "2024-01-17", 3)
    meetings = [(r["date"], r["role"]) for r in rows if r["event"] == "meeting"]
    assert meetings == [("2020-07-01", "chair"), ("2020-11-30", "attendee"), ("2024-01-17", "attendee")]
    holders = analysis.timeline(G, "Trưởng Ban Tổ chức Trung ương")
    assert [(r["what"], r["date"]) for r in holders] == [("Phạm Minh Chính", "2020-11-30"),
                                                          ("Trương Thị Mai", "2022-06-29")]
    with pytest.raises(UserError, match="no person or position"):
        analysis.timeline(G, "Không Có Ai")


def test_summary_counts(cliques):
    s = analysis.summary(cliques)
    # 9 people; 2 committees + the commission; 5 positions (secretary and standing-committee member
    # of each province, shared by their holders, and the inspector's); 2 meetings; 2 articles
    assert s["nodes_by_label"] == {"Article": 2, "Meeting": 2, "Organization": 3, "Person": 9, "Position": 5}
    assert s["nodes"] == 21 and s["components"] == 1 and s["isolated_nodes"] == 0
    assert sum(s["degree_distribution"].values()) == 21
    assert 0 < s["density"] < 1
    assert s["relationships_by_type"]["CHAIRED"] == 2 and s["relationships_by_type"]["ATTENDED"] == 8


def test_empty_graph(tmp_path):
    G = graph_of([], tmp_path)
    assert analysis.centrality(G) == [] and analysis.communities(G) == [] and analysis.brokers(G) == []
    assert analysis.summary(G)["nodes"] == 0


def test_cli_analyze_commands(tmp_path):
    import json

    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    store.write(build_batch(TWO_CLIQUES))
    store.close()
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, ["analyze", *args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert json.loads(run("centrality", "--rank-by", "betweenness", "-f", "json"))[0]["name"] == X
    assert json.loads(run("brokers", "-f", "json"))[0]["name"] == X
    assert len(json.loads(run("communities", "-f", "json"))) == 2
    assert json.loads(run("summary", "-f", "json"))["nodes"] == 21
    assert "Bí thư Tỉnh ủy Bắc Ninh" in run("timeline", "le van an")
    assert run("centrality", "-f", "csv").splitlines()[0].startswith("rank,name,degree")
    assert X in run("brokers")  # a Rich table
    assert json.loads(run("summary", "-f", "json", "--org", "Tỉnh ủy Bắc Ninh"))["nodes_by_label"]["Person"] == 4


# -- the generated graph ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return graph_of(synthetic_extractions(), tmp_path_factory.mktemp("large"))


def province_of(person_id: str) -> str:
    return person_id.rsplit("@", 1)[1]


def test_large_graph_communities_follow_provinces(large):
    found = analysis.communities(large)
    assert len(found) == 16
    for c in found:
        counts = Counter(province_of(m) for m in c["member_ids"])
        assert counts.most_common(1)[0][1] >= 0.8 * c["size"]
    assert analysis.summary(large)["nodes"] > 1500


def test_large_graph_brokers_are_the_provincial_secretaries(large):
    # By construction only the provincial secretaries meet people of other provinces.
    secretaries = {p for p, _, d in large.edges(data=True)
                   if d["type"] == "HOLDS" and large.nodes[_]["name"].startswith("Bí thư Tỉnh ủy")}
    top = analysis.brokers(large, top=10)
    assert len(top) == 10 and {r["id"] for r in top} <= secretaries
    ranked = analysis.centrality(large, rank_by="betweenness", top=5)
    assert {r["id"] for r in ranked} <= secretaries
