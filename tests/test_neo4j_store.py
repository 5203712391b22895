"""The Neo4j store without a server: clear, quick failures and the statements it would send.

No Neo4j server can run here; the statements themselves are checked by Neo4j's linter in
tests/test_cypher_lint.py. The "servers" below are local sockets that refuse, stay silent, or
answer nonsense, which is what a wrong or unreachable URI looks like to the driver.
"""

from __future__ import annotations

import os
import socket
import threading
from contextlib import contextmanager

import pytest

from graph import neo4j_store
from graph.errors import StoreUnavailable
from graph.neo4j_store import Neo4jStore, all_statements, node_write_statement, rel_write_statement
from graph.schema import (
    ANCHOR_LABELS,
    EVIDENCE,
    EVIDENCE_PROPERTIES,
    LABELS,
    NODE_PROPERTIES,
    STORED_REL_TYPES,
    SUPPORTS,
    evidence_id,
    neo4j_ddl,
)
from graph.store import open_store


@contextmanager
def local_server(reply: bytes | None):
    """A TCP server on 127.0.0.1 that accepts connections and sends ``reply`` (or nothing)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    clients: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            clients.append(conn)
            if reply is not None:
                conn.sendall(reply)
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield server.getsockname()[1]
    finally:
        server.close()
        for c in clients:
            c.close()


def assert_unavailable(uri: str, *fragments: str) -> str:
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(uri, "neo4j", "secret-password")
    message = str(err.value)
    assert message.startswith(f"Neo4j at {uri} is unreachable: ")
    assert "\n" not in message and "secret-password" not in message
    for fragment in fragments:
        assert fragment in message
    return message


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"])
def test_refused_port_is_a_one_line_store_unavailable(uri):
    assert_unavailable(uri, "Connection refused")


@pytest.mark.parametrize("uri, problem", [
    ("foo://127.0.0.1:7687", "scheme 'foo' is not supported"),
    ("127.0.0.1:7687", "is not supported"),  # no scheme
    ("bolt://127.0.0.1:99999", "Port out of range"),
])
def test_malformed_uri_is_a_one_line_store_unavailable(uri, problem):
    assert_unavailable(uri, problem)


def test_a_server_that_never_answers_fails_within_the_driver_timeouts():
    with local_server(reply=None) as port:
        assert_unavailable(f"bolt://127.0.0.1:{port}", "timed out")


def test_a_server_that_does_not_speak_bolt_is_store_unavailable():
    with local_server(reply=b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") as port:
        assert_unavailable(f"bolt://127.0.0.1:{port}")


def test_open_store_uses_neo4j_when_neo4j_uri_is_set(monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreUnavailable, match=r"Neo4j at bolt://127\.0\.0\.1:1 is unreachable"):
        open_store()
    assert not list(tmp_path.iterdir())  # no embedded file was created instead


def test_driver_timeouts_are_bounded():
    # The driver's defaults (about a minute of retries) would leave a user waiting.
    assert neo4j_store.DRIVER_CONFIG["connection_timeout"] <= 5
    assert neo4j_store.DRIVER_CONFIG["connection_acquisition_timeout"] <= 10
    assert neo4j_store.DRIVER_CONFIG["max_transaction_retry_time"] <= 5


def test_node_write_statement_merges_by_id_and_keeps_known_values():
    statement = node_write_statement("Organization")
    assert statement.startswith("UNWIND $rows AS row\nMERGE (n:Organization {id: row.id})\n")
    for prop in NODE_PROPERTIES["Organization"]:
        if prop != "id":
            assert f"n.{prop} = coalesce(row.{prop}, n.{prop})" in statement
    assert statement.endswith("RETURN count(*) AS written")


def test_fact_write_statement_only_merges_the_relationship():
    """Facts carry no properties: a fact seen again is left as it is, its new provenance arrives
    as Evidence nodes."""
    statement = rel_write_statement("HOLDS", "Person", "Position")
    assert statement == ("UNWIND $rows AS row\nMATCH (a:Person) WHERE a.id = row.src\n"
                         "MATCH (b:Position) WHERE b.id = row.dst\nMERGE (a)-[r:HOLDS]->(b)\n"
                         "RETURN count(*) AS written")
    assert "SET" not in rel_write_statement("CHAIRED", "Person", "Meeting")


def test_evidence_is_merged_by_id_and_supports_its_anchor():
    statement = node_write_statement(EVIDENCE)
    assert statement.startswith("UNWIND $rows AS row\nMERGE (n:Evidence {id: row.id})\n")
    for prop in EVIDENCE_PROPERTIES:
        if prop != "id":
            assert f"n.{prop} = coalesce(row.{prop}, n.{prop})" in statement
    assert "MERGE (a)-[r:SUPPORTS]->(b)" in rel_write_statement(SUPPORTS, EVIDENCE, "Person")
    assert "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE" in neo4j_ddl()


def test_statements_take_values_only_as_parameters():
    # Labels and types come from the schema; every value reaches Cypher as $rows / $ids.
    for origin, statement in all_statements().items():
        assert "'" not in statement and '"' not in statement, origin


def test_all_statements_cover_ddl_and_every_label_and_type():
    statements = all_statements()
    texts = set(statements.values())
    assert set(neo4j_ddl()) <= texts
    assert all(node_write_statement(label) in texts for label in (*LABELS, EVIDENCE))
    pairs = [(t, a, b) for t, rel in STORED_REL_TYPES.items() for a, b in rel.endpoints]
    assert all(rel_write_statement(*pair) in texts for pair in pairs)
    # MENTIONED_IN from four labels; SUPPORTS to the four labels that anchor some fact (HOLDS: both ends).
    assert ANCHOR_LABELS == ("Article", "Meeting", "Person", "Position")
    assert len(pairs) == 14 + len(ANCHOR_LABELS)


def test_a_batch_is_one_statement_of_every_label_then_every_relationship_type():
    statement = neo4j_store.BATCH_WRITE
    assert statement in all_statements().values()
    # Each label's and type's own MERGE, as a scoped unit subquery on its own parameter.
    for name, label in neo4j_store.NODE_GROUPS:
        body = node_write_statement(label).replace("$rows", f"${name}").replace("AS written", f"AS {name}")
        assert "CALL () {\n" + body + "\n}" in statement
    for name, key in neo4j_store.REL_GROUPS:
        body = rel_write_statement(*key).replace("$rows", f"${name}").replace("AS written", f"AS {name}")
        assert "CALL () {\n" + body + "\n}" in statement
    # Nodes first: a relationship MATCHes nodes written earlier in the same statement.
    last_node = max(statement.index(f"${n} AS row") for n, _ in neo4j_store.NODE_GROUPS)
    first_rel = min(statement.index(f"${n} AS row") for n, _ in neo4j_store.REL_GROUPS)
    assert last_node < first_rel
    names = [n for n, _ in neo4j_store.NODE_GROUPS + neo4j_store.REL_GROUPS]
    assert statement.endswith("RETURN " + ", ".join(names))
    assert len(names) == len(LABELS) + 1 + 14 + len(ANCHOR_LABELS)  # Evidence; SUPPORTS per anchor label


def test_a_large_batch_is_cut_into_statements_that_keep_nodes_before_their_relationships():
    people = [{"id": f"p{i}"} for i in range(12_001)]
    orgs = [{"id": f"o{i}"} for i in range(3)]
    holds = [{"src": f"p{i}", "dst": "x"} for i in range(9_000)]
    nodes = {"Person": people, "Organization": orgs}
    rels = {("HOLDS", "Person", "Position"): holds}
    statements = list(neo4j_store.statement_params(nodes, rels))
    sizes = [sum(len(rows) for rows in params.values()) for params in statements]
    assert sizes == [10_000, 10_000, 1_004]
    names = {n for n, _ in neo4j_store.NODE_GROUPS + neo4j_store.REL_GROUPS}
    assert all(set(params) == names for params in statements)  # same text, every group bound
    by_label = dict((label, n) for n, label in neo4j_store.NODE_GROUPS)
    holds_param = next(n for n, key in neo4j_store.REL_GROUPS if key == ("HOLDS", "Person", "Position"))
    assert [r for p in statements for r in p[by_label["Person"]]] == people
    assert [r for p in statements for r in p[by_label["Organization"]]] == orgs
    assert [r for p in statements for r in p[holds_param]] == holds
    # Every node row is sent no later than the statement of the first relationship row.
    last_node_statement = max(i for i, p in enumerate(statements) if any(p[n] for n, _ in neo4j_store.NODE_GROUPS))
    first_rel_statement = min(i for i, p in enumerate(statements) if p[holds_param])
    assert last_node_statement <= first_rel_statement
    assert list(neo4j_store.statement_params({}, {})) == []


@pytest.mark.parametrize("agent, too_old", [
    ("Neo4j/5.26.0", False), ("Neo4j/5.23.0", False), ("Neo4j/2025.01.0", False), ("Neo4j/5.22.1", True),
    ("Neo4j/4.4.30", True), ("Memgraph/2.1", False), ("", False), (None, False),
])
def test_servers_older_than_5_23_are_refused_with_the_reason(agent, too_old):
    problem = neo4j_store.version_problem(agent)
    assert bool(problem) is too_old
    if too_old:
        assert problem.startswith(f"server version {agent.split('/')[1]} is too old: partykg needs Neo4j 5.23")


class RecordingSession:
    """Stands in for a driver session: keeps the parameters of every statement the store's own
    ``write`` sends, and answers each group's written count as its row count."""

    def __init__(self, sent: list[dict]):
        self.sent = sent

    def execute_write(self, work):
        return work(self)

    def run(self, statement, parameters=None, **kwargs):
        assert statement == neo4j_store.BATCH_WRITE
        self.sent.append(parameters)
        counts = {name: len(rows) for name, rows in parameters.items()}
        return type("Result", (), {"single": lambda self: counts})()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def _sending_store(sent: list[dict]) -> Neo4jStore:
    store = object.__new__(Neo4jStore)
    store.location, store.database, store._driver = "record-only://", None, None
    store._session = lambda *args: RecordingSession(sent)
    return store


def _official_batch(article: str = "a:1", published: str = "2020-07-01"):
    from graph.batch import GraphBatch

    b = GraphBatch()
    art = ("Article", b.node("Article", article, source=f"{article}.txt", published=published))
    b.articles.append(article)
    person = ("Person", b.node("Person", "h:vu-duc-bao@ha-noi", name="Vũ Đức Bảo"))
    position = ("Position", b.node("Position", "p:truong-ban", title="Trưởng Ban Tổ chức Thành ủy Hà Nội"))
    b.rel("HOLDS", person, position, article, ["Đồng chí Vũ Đức Bảo, Trưởng Ban Tổ chức Thành ủy, phát biểu."])
    b.rel("MENTIONED_IN", person, art, article, [])
    return b


def test_a_batch_sends_each_facts_evidence_and_its_supports_link():
    sent: list[dict] = []
    stats = _sending_store(sent).write(_official_batch())
    assert len(sent) == 1
    by_label = {label: sent[0][name] for name, label in neo4j_store.NODE_GROUPS}
    by_key = {key: sent[0][name] for name, key in neo4j_store.REL_GROUPS}
    holds = evidence_id("HOLDS", "h:vu-duc-bao@ha-noi", "p:truong-ban", "a:1")
    mention = evidence_id("MENTIONED_IN", "h:vu-duc-bao@ha-noi", "a:1", "a:1")
    assert sorted(by_label[EVIDENCE], key=lambda r: r["type"]) == [
        {"id": holds, "type": "HOLDS", "start_id": "h:vu-duc-bao@ha-noi", "end_id": "p:truong-ban",
         "article": "a:1", "published": "2020-07-01",
         "sentence": "Đồng chí Vũ Đức Bảo, Trưởng Ban Tổ chức Thành ủy, phát biểu."},
        {"id": mention, "type": "MENTIONED_IN", "start_id": "h:vu-duc-bao@ha-noi", "end_id": "a:1",
         "article": "a:1", "published": "2020-07-01", "sentence": None},
    ]
    # HOLDS evidence SUPPORTS both ends of its fact, the person and the position; a mention its article.
    assert by_key[(SUPPORTS, EVIDENCE, "Person")] == [{"src": holds, "dst": "h:vu-duc-bao@ha-noi"}]
    assert by_key[(SUPPORTS, EVIDENCE, "Position")] == [{"src": holds, "dst": "p:truong-ban"}]
    assert by_key[(SUPPORTS, EVIDENCE, "Article")] == [{"src": mention, "dst": "a:1"}]
    assert by_key[(SUPPORTS, EVIDENCE, "Meeting")] == []
    assert by_key[("HOLDS", "Person", "Position")] == [{"src": "h:vu-duc-bao@ha-noi", "dst": "p:truong-ban"}]
    assert stats.nodes[EVIDENCE] == 2 and stats.relationships[SUPPORTS] == 3 and stats.relationships["HOLDS"] == 1


@pytest.mark.skipif(not os.environ.get("PARTYKG_TEST_NEO4J_URI"),
                    reason="set PARTYKG_TEST_NEO4J_URI to a scratch Neo4j 5 (it is written to) to compare stores")
def test_neo4j_keeps_the_same_facts_and_evidence_as_the_embedded_store(tmp_path):
    from graph.ladybug_store import LadybugStore

    batches = [_official_batch("a:2", "2021-01-05"), _official_batch("a:1", "2020-07-01")]
    neo = Neo4jStore(os.environ["PARTYKG_TEST_NEO4J_URI"], user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                     password=os.environ.get("NEO4J_PASSWORD", ""), database=os.environ.get("NEO4J_DATABASE"))
    try:
        neo.query("MATCH (n) DETACH DELETE n", write=True)
        with LadybugStore(tmp_path / "g.lbdb") as embedded:
            for batch in batches:
                neo.write(batch)
                embedded.write(batch)
            counts, graph = neo.counts(), neo.export()
            assert counts == embedded.counts() and counts[EVIDENCE] == 4
            assert graph["relationships"] == embedded.export()["relationships"]
            links = "MATCH (e:Evidence)-[:SUPPORTS]->(x) RETURN e.type AS type, x.id AS anchor ORDER BY type, anchor"
            assert neo.query(links) == embedded.query(links) and len(embedded.query(links)) == 6  # HOLDS: 2 each
        holds = next(r for r in graph["relationships"] if r["type"] == "HOLDS")
        assert holds["properties"]["sources"] == ["a:1", "a:2"]
        assert (holds["properties"]["first_seen"], holds["properties"]["last_seen"]) == ("2020-07-01", "2021-01-05")
        neo.write(batches[0])  # writing a batch again changes nothing, counts included
        assert (neo.counts(), neo.export()) == (counts, graph)
    finally:
        neo.close()
