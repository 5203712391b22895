"""Export formats, each read back the way its consumer reads it: same nodes, relationships,
labels, types and key properties. The logical formats carry each fact's provenance as
properties (no ``support``); neo4j-admin and cypher write the stores' physical schema (Evidence
nodes SUPPORTS-linked to each fact's anchor), which reads back as the store's own export. On the
fixture graph, on awkward strings, and on a generated graph of a few thousand nodes."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import warnings
from pathlib import Path

import ladybug
import networkx as nx
import pytest
from fixtures.records import EXTRACTIONS
from fixtures.synthetic import synthetic_extractions
from typer.testing import CliRunner

from cli.main import app
from graph.batch import build_batch
from graph.errors import UserError
from graph.exporters import (
    ARRAY_DELIMITER,
    as_stored,
    cypher_statements,
    cypher_string,
    evidence_nodes,
    export_graph,
    from_networkx,
    read_neo4j_admin,
    support_rows,
    to_networkx,
    without_support,
)
from graph.ladybug_store import LadybugStore
from graph.provenance import attach_provenance
from graph.schema import (
    CAPTION,
    EVIDENCE,
    LABELS,
    NODE_PROPERTIES,
    REL_TYPES,
    STORED_NODE_PROPERTIES,
    STORED_REL_TYPES,
    SUPPORTS,
    evidence_id,
    ladybug_ddl,
)

ROOT = Path(__file__).resolve().parents[1]
LINTER = ROOT / "tools" / "cypher-lint"


def load(tmp_path: Path, extractions) -> dict:
    store = LadybugStore(tmp_path / "graph.lbdb")
    try:
        store.write(build_batch(extractions))
        return store.export()
    finally:
        store.close()


@pytest.fixture(scope="module")
def fixture_graph(tmp_path_factory):
    return load(tmp_path_factory.mktemp("fixture"), EXTRACTIONS)


@pytest.fixture(scope="module")
def large_graph(tmp_path_factory):
    return load(tmp_path_factory.mktemp("large"), synthetic_extractions())


# Awkward strings: quotes of both kinds, backslashes, a newline, a tab, Vietnamese, JSON-ish text.
TRICKY = "Đồng chí Lê 'Văn' \"Tám\" nói: C:\\đường\\dẫn;\nxuống dòng\t| [\"a\"] ỦY BAN — «hết»"
TRICKY_GRAPH = {
    "nodes": [
        {"id": "h:le-van-tam", "labels": ["Person"], "properties": {"id": "h:le-van-tam", "name": TRICKY,
                                                                     "search": "le van tam"}},
        {"id": "m:1", "labels": ["Meeting"], "properties": {"id": "m:1", "name": "Hội nghị 'đặc biệt'",
                                                            "date": "2024-02-29", "kind": "hội nghị"}},
        {"id": "p:x", "labels": ["Position"], "properties": {"id": "p:x", "title": "Bí thư \\ Chủ tịch"}},
        {"id": "a:1", "labels": ["Article"], "properties": {"id": "a:1", "title": "Tin 'một'",
                                                            "published": "2024-02-29"}},
    ],
    "relationships": [
        # With its evidence rows (as a store exports it); a:2 is an article outside the graph.
        {"id": "CHAIRED:h:le-van-tam->m:1", "type": "CHAIRED", "start": "h:le-van-tam", "end": "m:1",
         "properties": {"sources": ["a:1", "a:2"], "evidence": [TRICKY, "câu thứ hai; có dấu chấm phẩy"]},
         "support": [{"article": "a:1", "published": "2024-02-29", "sentence": TRICKY},
                     {"article": "a:2", "published": None, "sentence": "câu thứ hai; có dấu chấm phẩy"}]},
        # Built by hand: supported by its one source, with that source's sentence.
        {"id": "HOLDS:h:le-van-tam->p:x", "type": "HOLDS", "start": "h:le-van-tam", "end": "p:x",
         "properties": {"sources": ["a:1"], "evidence": [TRICKY], "first_seen": "2020-01-01",
                        "last_seen": "2024-02-29"}},
    ],
}


def by_id(items):
    return {item["id"]: item for item in items}


def assert_same_graph(a: dict, b: dict) -> None:
    assert by_id(a["nodes"]) == by_id(b["nodes"])
    assert by_id(a["relationships"]) == by_id(b["relationships"])


def evidence_count(graph: dict) -> int:
    return sum(len(r["support"]) for r in graph["relationships"])


def supports_count(graph: dict) -> int:
    """One SUPPORTS link per Evidence node and anchor: HOLDS evidence has two (person, position)."""
    holds = sum(len(r["support"]) for r in graph["relationships"] if r["type"] == "HOLDS")
    return evidence_count(graph) + holds


def read_quietly(reader, path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "open without warnings"
        return reader(path)


# -- networkx ---------------------------------------------------------------------------------


def test_to_networkx_keeps_everything_and_goes_back(fixture_graph):
    G = to_networkx(fixture_graph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (39, 88)
    assert all(data["name"] for _, data in G.nodes(data=True))
    assert {d["type"] for *_, d in G.edges(data=True)} == set(REL_TYPES)
    assert not any("support" in d for *_, d in G.edges(data=True))
    assert_same_graph(from_networkx(G), without_support(fixture_graph))


# -- file formats -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_without_warnings(fixture_graph, tmp_path, fmt, reader):
    path = tmp_path / f"graph.{fmt}"
    export_graph(fixture_graph, fmt, path)
    G = read_quietly(reader, path)
    assert isinstance(G, nx.MultiDiGraph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (39, 88)
    for n in fixture_graph["nodes"]:
        data = G.nodes[n["id"]]
        label = n["labels"][0]
        assert data["labels"] == label
        assert data["name"] == n["properties"][CAPTION[label]]  # a caption on every node
        for key in ("published", "date", "kind"):
            if key in n["properties"]:
                assert data[key] == n["properties"][key]
    edges = {(u, v, d["rel_type"]): d for u, v, d in G.edges(data=True)}
    for r in fixture_graph["relationships"]:
        data = edges[(r["start"], r["end"], r["type"])]
        assert data["label"] == r["type"]
        assert json.loads(data["sources"]) == r["properties"]["sources"]  # lists as JSON text
        assert json.loads(data["evidence"]) == r["properties"]["evidence"]
        if r["type"] == "HOLDS":
            assert data["first_seen"] == r["properties"]["first_seen"]


def test_nodelink_pins_the_edges_key_and_round_trips(fixture_graph, tmp_path):
    path = tmp_path / "graph.json"
    export_graph(fixture_graph, "nodelink", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    G = nx.node_link_graph(data, edges="edges")
    assert_same_graph(from_networkx(G), without_support(fixture_graph))


def test_json_round_trips(fixture_graph, tmp_path):
    path = tmp_path / "graph.json"
    export_graph(fixture_graph, "json", path)
    back = json.loads(path.read_text(encoding="utf-8"))
    assert not any("support" in r for r in back["relationships"])
    assert_same_graph(back, without_support(fixture_graph))
    assert all("support" in r for r in fixture_graph["relationships"])  # the input is left as it was


def test_csv_has_nodes_and_relationships(fixture_graph, tmp_path):
    written = export_graph(fixture_graph, "csv", tmp_path / "csv")
    assert [p.name for p in written] == ["nodes.csv", "relationships.csv"]
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "csv" / "relationships.csv").open(encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    assert len(nodes) == 39 and len(rels) == 88
    want = by_id(fixture_graph["nodes"])
    for row in nodes:
        assert row["labels"] == want[row["id"]]["labels"][0]
        assert row["name"]
    want_rels = by_id(fixture_graph["relationships"])
    for row in rels:
        r = want_rels[row["id"]]
        assert (row["type"], row["start"], row["end"]) == (r["type"], r["start"], r["end"])
        assert json.loads(row["evidence"]) == r["properties"]["evidence"]
        assert json.loads(row["sources"]) == r["properties"]["sources"]
        if r["type"] == "HOLDS":
            assert (row["first_seen"], row["last_seen"]) == (r["properties"]["first_seen"],
                                                             r["properties"]["last_seen"])
        else:
            assert row["first_seen"] == row["last_seen"] == ""


def read_admin_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_neo4j_admin_writes_the_physical_schema_and_reads_back_as_the_store_exports(fixture_graph, tmp_path):
    out = tmp_path / "admin"
    export_graph(fixture_graph, "neo4j-admin", out)
    with (out / "nodes_Person.csv").open(encoding="utf-8") as f:
        assert f.readline().strip() == "id:ID,:LABEL,name:string,search:string"
    with (out / "relationships_HOLDS.csv").open(encoding="utf-8") as f:
        assert f.readline().strip() == ":START_ID,:END_ID,:TYPE"  # facts carry no properties
    evidence = read_admin_csv(out / "nodes_Evidence.csv")
    assert list(evidence[0]) == ["id:ID", ":LABEL", "type:string", "start_id:string", "end_id:string",
                                 "article:string", "published:string", "sentence:string"]
    supports = read_admin_csv(out / "relationships_SUPPORTS.csv")
    assert len(evidence) == evidence_count(fixture_graph) > len(fixture_graph["relationships"])
    assert len(supports) == supports_count(fixture_graph) > len(evidence)
    holds = next(r for r in fixture_graph["relationships"] if r["type"] == "HOLDS")
    row = next(e for e in evidence if e["id:ID"] == evidence_id("HOLDS", holds["start"], holds["end"],
                                                                   holds["support"][0]["article"]))
    assert (row[":LABEL"], row["type:string"], row["start_id:string"], row["end_id:string"]) == (
        EVIDENCE, "HOLDS", holds["start"], holds["end"])
    assert row["sentence:string"] == holds["support"][0]["sentence"]
    links = sorted((s[":END_ID"], s[":TYPE"]) for s in supports if s[":START_ID"] == row["id:ID"])
    # HOLDS is anchored at both its ends: the person and the position.
    assert links == sorted([(holds["start"], SUPPORTS), (holds["end"], SUPPORTS)])
    # An OF fact's evidence SUPPORTS the article it came from, not the fact's (hub) organisation.
    of = next(r for r in fixture_graph["relationships"] if r["type"] == "OF")
    of_links = {s[":START_ID"]: s[":END_ID"] for s in supports
                if s[":START_ID"].startswith(f"OF\t{of['start']}\t{of['end']}\t")}
    assert of_links == {evidence_id("OF", of["start"], of["end"], s["article"]): s["article"] for s in of["support"]}
    # A meeting's facts: the meeting.
    chaired = next(r for r in fixture_graph["relationships"] if r["type"] == "CHAIRED")
    chaired_ids = {evidence_id("CHAIRED", chaired["start"], chaired["end"], s["article"]) for s in chaired["support"]}
    assert {s[":END_ID"] for s in supports if s[":START_ID"] in chaired_ids} == {chaired["end"]}
    assert_same_graph(read_neo4j_admin(out), fixture_graph)
    command = (out / "neo4j-admin-import.sh").read_text(encoding="utf-8").splitlines()[-1]
    assert command.startswith("neo4j-admin database import full ")
    for path in out.glob("*.csv"):
        flag = "--nodes=" if path.name.startswith("nodes_") else "--relationships="
        assert f"{flag}{path.name}" in command
    assert "--array-delimiter=U+001F" in command and "--multiline-fields=true" in command
    constraints = (out / "constraints.cypher").read_text(encoding="utf-8")
    assert "CREATE CONSTRAINT person_id" in constraints and "CREATE CONSTRAINT evidence_id" in constraints


def test_a_store_export_is_already_as_stored(fixture_graph):
    assert as_stored(fixture_graph) == fixture_graph
    assert as_stored(without_support(fixture_graph)) != fixture_graph  # sources alone lose the sentences


def test_neo4j_admin_keeps_awkward_strings(tmp_path):
    export_graph(TRICKY_GRAPH, "neo4j-admin", tmp_path / "admin")
    back = read_neo4j_admin(tmp_path / "admin")
    assert by_id(back["nodes"])["h:le-van-tam"]["properties"]["name"] == TRICKY
    assert EVIDENCE not in {n["labels"][0] for n in back["nodes"]}
    chaired = by_id(back["relationships"])["CHAIRED:h:le-van-tam->m:1"]
    assert chaired["properties"] == {"sources": ["a:1", "a:2"],
                                     "evidence": [TRICKY, "câu thứ hai; có dấu chấm phẩy"]}
    assert chaired["support"] == TRICKY_GRAPH["relationships"][0]["support"]
    holds = by_id(back["relationships"])["HOLDS:h:le-van-tam->p:x"]
    # Built from its one source: that source's sentence, dated by the graph's Article node.
    assert holds["properties"] == {"sources": ["a:1"], "evidence": [TRICKY], "first_seen": "2024-02-29",
                                   "last_seen": "2024-02-29"}
    assert_same_graph(back, as_stored(TRICKY_GRAPH))
    assert ARRAY_DELIMITER not in TRICKY


def test_support_rows_come_from_sources_when_a_relationship_has_none():
    rel = {"id": "x", "type": "ATTENDED", "start": "h:1", "end": "m:1",
           "properties": {"sources": ["a:2", "a:1", "a:2"], "evidence": ["câu một", "câu hai"]}}
    dates = {"a:1": "2021-03-25"}
    # Two articles, two sentences: which article said which is unknown, so no sentence is kept.
    assert support_rows(rel, dates) == [{"article": "a:2", "published": None, "sentence": None},
                                        {"article": "a:1", "published": "2021-03-25", "sentence": None}]
    one = {**rel, "properties": {"sources": ["a:1"], "evidence": ["", "câu một"]}}
    assert support_rows(one, dates) == [{"article": "a:1", "published": "2021-03-25", "sentence": "câu một"}]
    given = {**rel, "support": [{"article": "a:9", "published": "", "sentence": ""}]}
    assert support_rows(given) == [{"article": "a:9", "published": None, "sentence": None}]


def test_evidence_nodes_anchor_each_fact_at_its_schema_end(fixture_graph):
    present = {n["id"] for n in fixture_graph["nodes"]}
    dangling = {"id": "CHAIRED:h:x->m:gone", "type": "CHAIRED", "start": "h:x", "end": "m:gone",
                "properties": {"sources": ["a:1"]}}
    rows = evidence_nodes({**fixture_graph, "relationships": [*fixture_graph["relationships"], dangling]})
    assert len(rows) == evidence_count(fixture_graph)  # a relationship with an end outside is left out
    facts = {(r["type"], r["start"], r["end"]) for r in fixture_graph["relationships"]}
    want_anchor = {"start": "start_id", "end": "end_id", "article": "article"}
    for row, anchors in rows:
        fact = (row["type"], row["start_id"], row["end_id"])
        assert fact in facts and set(anchors) <= present
        assert row["id"] == evidence_id(*fact, row["article"])
        assert anchors == [row[want_anchor[a]] for a in REL_TYPES[row["type"]].anchors]
    kinds = {(row["type"], tuple(a == row["article"] for a in anchors)) for row, anchors in rows}
    assert ("OF", (True,)) in kinds and ("HOLDS", (False, False)) in kinds and ("CHAIRED", (False,)) in kinds


# -- cypher script ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, literal",
    [
        ("Vũ Đức Bảo", "'Vũ Đức Bảo'"),
        ("it's", "'it\\'s'"),
        ('say "x"', "'say \"x\"'"),
        ("a\\b", "'a\\\\b'"),
        ("one\ntwo\tthree\r", "'one\\ntwo\\tthree\\r'"),
        ("\\'", "'\\\\\\''"),
    ],
)
def test_cypher_string_escapes(text, literal):
    assert cypher_string(text) == literal


def test_cypher_script_is_constraints_first_and_parameter_free(fixture_graph, tmp_path):
    path = tmp_path / "graph.cypher"
    export_graph(fixture_graph, "cypher", path)
    statements = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//")]
    assert all(s.endswith(";") for s in statements)
    statements = [s.removesuffix(";") for s in statements]
    constraints = [i for i, s in enumerate(statements) if s.startswith("CREATE CONSTRAINT")]
    assert constraints == list(range(len(constraints))) and len(constraints) == len(LABELS) + 1  # + Evidence
    body = statements[len(constraints):]
    assert all(" MERGE " in s or s.startswith("MERGE ") for s in body if not s.startswith("CREATE INDEX"))
    assert not any("$" in s for s in statements)
    evidence = evidence_count(fixture_graph)
    assert len([s for s in body if s.startswith(f"MERGE (n:{EVIDENCE} ")]) == evidence
    assert len([s for s in body if s.startswith("MERGE (n:")]) == 39 + evidence
    supports = supports_count(fixture_graph)
    assert supports > evidence  # HOLDS evidence SUPPORTS the person and the position
    assert len([s for s in body if s.startswith("MATCH (a:")]) == 88 + supports
    assert len([s for s in body if s.endswith(f"MERGE (a)-[r:{SUPPORTS}]->(b)")]) == supports
    holds = [s for s in body if s.startswith(f"MATCH (a:{EVIDENCE} {{id: 'HOLDS\\t")]
    holds_evidence = supports - evidence
    assert sorted(s.split("(b:")[1].split(" ")[0] for s in holds) == ["Person"] * holds_evidence + [
        "Position"] * holds_evidence
    facts = [s for s in body if s.startswith("MATCH (a:") and f":{SUPPORTS}]" not in s]
    assert len(facts) == 88 and not any(" SET " in s for s in facts)  # facts carry no properties


class Neo4jLayout:
    """A LadybugDB file with Neo4j's tables (one Evidence node per fact and article, SUPPORTS from
    it: graph.schema.STORED_*), where a real Cypher engine runs the cypher script; read back as
    the stores export (the embedded store itself keeps evidence in pages)."""

    dialect = "neo4j"  # graph.provenance reads its Evidence nodes with the Neo4j statements

    def __init__(self, path: Path):
        self.db = ladybug.Database(str(path))
        self.conn = ladybug.Connection(self.db)
        for statement in ladybug_ddl(STORED_NODE_PROPERTIES, STORED_REL_TYPES):
            self.conn.execute(statement)

    def query(self, cypher: str, params: dict | None = None) -> list[dict]:
        result = self.conn.execute(cypher, params or {})
        names, rows = result.get_column_names(), []
        while result.has_next():
            rows.append(dict(zip(names, result.get_next(), strict=True)))
        return rows

    def export(self) -> dict:
        nodes = []
        for label, props in NODE_PROPERTIES.items():
            columns = ", ".join(f"n.{k} AS {k}" for k in props)
            for row in self.query(f"MATCH (n:{label}) RETURN {columns} ORDER BY n.id"):
                nodes.append({"id": row["id"], "labels": [label],
                              "properties": {k: v for k, v in row.items() if v is not None}})
        rels = []
        for rel_type, rel in REL_TYPES.items():
            for a, b in rel.endpoints:
                for row in self.query(f"MATCH (a:{a})-[:{rel_type}]->(b:{b}) RETURN a.id AS s, b.id AS e"):
                    rels.append({"id": f"{rel_type}:{row['s']}->{row['e']}", "type": rel_type, "start": row["s"],
                                 "end": row["e"], "properties": {}})
        attach_provenance(self, rels)
        return {"nodes": nodes, "relationships": rels}

    def evidence_count(self) -> int:
        return self.query(f"MATCH (e:{EVIDENCE}) RETURN count(e) AS n")[0]["n"]

    def close(self) -> None:
        self.conn.close()
        self.db.close()


@pytest.mark.parametrize("graph_name", ["fixture", "tricky"])
def test_cypher_script_rebuilds_the_graph_in_a_cypher_engine_and_is_idempotent(fixture_graph, tmp_path, graph_name):
    graph = fixture_graph if graph_name == "fixture" else TRICKY_GRAPH
    # LadybugDB has no CREATE CONSTRAINT (its tables carry the primary key): the rest runs as written.
    statements = cypher_statements(graph, constraints=False)
    engine = Neo4jLayout(tmp_path / "copy.lbdb")
    try:
        for _ in range(2):  # twice: MERGE makes the second run change nothing
            for statement in statements:
                engine.query(statement)
            assert_same_graph(engine.export(), as_stored(graph))
            assert engine.evidence_count() == evidence_count(as_stored(graph))
    finally:
        engine.close()


@pytest.mark.skipif(shutil.which("node") is None or not (LINTER / "node_modules").is_dir(),
                    reason="node or tools/cypher-lint/node_modules is missing (installed by .ci/run)")
def test_cypher_script_passes_neo4j_linter():
    from graph.lint_statements import lint_schema

    statements = [{"origin": f"export:{i}", "cypher": s} for i, s in enumerate(cypher_statements(TRICKY_GRAPH))]
    payload = json.dumps({"schema": lint_schema(), "statements": statements}, ensure_ascii=False)
    result = subprocess.run(["node", str(LINTER / "lint.mjs")], input=payload, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


# -- errors and the CLI -----------------------------------------------------------------------


def test_bad_targets_are_user_errors(fixture_graph, tmp_path):
    with pytest.raises(UserError, match="unknown export format"):
        export_graph(fixture_graph, "dot", tmp_path / "x")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(UserError, match="writes a folder"):
        export_graph(fixture_graph, "csv", tmp_path / "afile")
    with pytest.raises(UserError, match="is a folder"):
        export_graph(fixture_graph, "graphml", tmp_path)


def test_only_entities_and_facts_are_exported(fixture_graph, tmp_path):
    # Evidence is how the stores keep provenance, not part of the graph users export.
    evidence = {"id": "e:1", "labels": [EVIDENCE], "properties": {"id": "e:1", "type": "HOLDS"}}
    with pytest.raises(UserError, match="no known label"):
        export_graph({**fixture_graph, "nodes": [*fixture_graph["nodes"], evidence]}, "json", tmp_path / "g.json")
    supports = {"id": "s", "type": SUPPORTS, "start": "e:1", "end": fixture_graph["nodes"][0]["id"], "properties": {}}
    with pytest.raises(UserError, match="unknown type 'SUPPORTS'"):
        export_graph({**fixture_graph, "relationships": [supports]}, "neo4j-admin", tmp_path / "admin")
    assert not (tmp_path / "g.json").exists() and not (tmp_path / "admin").exists()


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    store.write(build_batch(EXTRACTIONS))
    store.close()
    return str(path)


def test_cli_exports_a_selection_in_every_format(db, tmp_path):
    runner = CliRunner()
    outputs = {"json": "g.json", "graphml": "g.graphml", "gexf": "g.gexf", "nodelink": "g.nodelink.json",
               "csv": "csv", "neo4j-admin": "admin", "cypher": "g.cypher"}
    for fmt, name in outputs.items():
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--around", "vu duc bao",
                                     "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "wrote 9 nodes and" in result.stdout
    G = read_quietly(nx.read_graphml, tmp_path / "g.graphml")
    assert G.number_of_nodes() == 9
    selection = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert selection["relationships"] and not any("support" in r for r in selection["relationships"])
    assert_same_graph(without_support(read_neo4j_admin(tmp_path / "admin")), selection)
    admin = runner.invoke(app, ["export", "--db", db, "--format", "neo4j-admin", "--out", str(tmp_path / "a2")])
    assert "neo4j-admin database import full" in admin.stdout
    missing = runner.invoke(app, ["export", "--db", db, "--format", "gexf"])
    assert missing.exit_code == 1 and "needs --out" in missing.stderr


def _rows_by_file(folder: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each file's header and its rows in sorted order (the order rows are written in is free)."""
    out = {}
    for path in sorted(folder.iterdir()):
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        out[path.name] = (rows[0], sorted(rows[1:]))
    return out


@pytest.mark.parametrize("records", ["hand-made", "synthetic"])
def test_the_whole_store_streams_to_the_neo4j_admin_files_its_export_gives(records, tmp_path, monkeypatch):
    from graph import provenance
    from graph.exporters import write_neo4j_admin, write_neo4j_admin_from_store

    monkeypatch.setattr(provenance, "PAGE_CHUNK", 3)  # evidence pages read a few at a time, as on a big graph
    store = LadybugStore(tmp_path / "graph.lbdb")
    store.write(build_batch(EXTRACTIONS if records == "hand-made" else synthetic_extractions()))
    whole = store.export()
    written, nodes, facts = write_neo4j_admin_from_store(store, tmp_path / "streamed")
    store.close()
    reference = write_neo4j_admin(whole, tmp_path / "reference")
    assert [p.name for p in written] == [p.name for p in reference]
    assert (nodes, facts) == (len(whole["nodes"]), len(whole["relationships"]))
    streamed, expected = _rows_by_file(tmp_path / "streamed"), _rows_by_file(tmp_path / "reference")
    assert streamed == expected
    assert len(streamed[f"nodes_{EVIDENCE}.csv"][1]) > len(whole["relationships"])  # every fact's every article
    assert_same_graph(read_neo4j_admin(tmp_path / "streamed"), whole)


def test_cli_streams_a_whole_embedded_store_to_neo4j_admin(db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", db, "--format", "neo4j-admin", "--out", str(tmp_path / "all")])
    assert result.exit_code == 0, result.output
    assert "wrote 39 nodes and 88 relationships" in result.stdout
    assert "neo4j-admin database import full" in result.stdout
    store = LadybugStore(db, read_only=True)
    assert_same_graph(read_neo4j_admin(tmp_path / "all"), store.export())
    store.close()
    (tmp_path / "file").write_text("x")
    clash = runner.invoke(app, ["export", "--db", db, "--format", "neo4j-admin", "--out", str(tmp_path / "file")])
    assert clash.exit_code == 1 and "writes a folder" in clash.stderr and "Traceback" not in clash.output


# -- the generated graph ----------------------------------------------------------------------


def test_large_generated_graph_round_trips(large_graph, tmp_path):
    n, m = len(large_graph["nodes"]), len(large_graph["relationships"])
    assert n > 1500 and m > 5000
    export_graph(large_graph, "graphml", tmp_path / "g.graphml")
    G = read_quietly(nx.read_graphml, tmp_path / "g.graphml")
    assert (G.number_of_nodes(), G.number_of_edges()) == (n, m)
    export_graph(large_graph, "nodelink", tmp_path / "g.json")
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges")
    assert_same_graph(from_networkx(H), without_support(large_graph))
    export_graph(large_graph, "neo4j-admin", tmp_path / "admin")
    assert_same_graph(read_neo4j_admin(tmp_path / "admin"), large_graph)


# -- the example articles, through the real extractor ------------------------------------------

EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def examples_graph(tmp_path_factory):
    pytest.importorskip("loaders.extract", reason="the extractor (issue 3) is not in this tree")
    if not EXAMPLES.is_dir():
        pytest.skip(f"{EXAMPLES} is missing")
    from loaders.ingest import ingest

    store = LadybugStore(tmp_path_factory.mktemp("examples") / "graph.lbdb")
    try:
        ingest(store, [str(EXAMPLES)])
        return store.export()
    finally:
        store.close()


def test_example_articles_round_trip_in_every_format(examples_graph, tmp_path):
    graph = examples_graph
    assert graph["nodes"] and graph["relationships"]
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        export_graph(graph, fmt, tmp_path / f"g.{fmt}")
        G = read_quietly(reader, tmp_path / f"g.{fmt}")
        assert (G.number_of_nodes(), G.number_of_edges()) == (len(graph["nodes"]), len(graph["relationships"]))
        assert {d["labels"] for _, d in G.nodes(data=True)} == {n["labels"][0] for n in graph["nodes"]}
        assert {d["rel_type"] for *_, d in G.edges(data=True)} == {r["type"] for r in graph["relationships"]}
    export_graph(graph, "nodelink", tmp_path / "g.json")
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges")
    assert_same_graph(from_networkx(H), without_support(graph))
    export_graph(graph, "neo4j-admin", tmp_path / "admin")
    assert_same_graph(read_neo4j_admin(tmp_path / "admin"), graph)
    engine = Neo4jLayout(tmp_path / "copy.lbdb")
    try:
        for statement in cypher_statements(graph, constraints=False):
            engine.query(statement)
        assert_same_graph(engine.export(), graph)
    finally:
        engine.close()
