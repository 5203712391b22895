"""The Neo4j store without a server: clear, quick failures and the statements it would send.

No Neo4j server can run here; the statements themselves are checked by Neo4j's linter in
tests/test_cypher_lint.py. The "servers" below are local sockets that refuse, stay silent, or
answer nonsense, which is what a wrong or unreachable URI looks like to the driver.
"""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

import pytest

from graph import neo4j_store
from graph.errors import StoreUnavailable
from graph.neo4j_store import Neo4jStore, all_statements, node_write_statement, rel_write_statement
from graph.schema import EVIDENCE_CAP, LABELS, NODE_PROPERTIES, REL_TYPES, SOURCES_CAP, neo4j_ddl
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


def test_holds_write_statement_unions_provenance_and_widens_dates():
    statement = rel_write_statement("HOLDS", "Person", "Position")
    assert "MATCH (a:Person) WHERE a.id = row.src" in statement
    assert "MATCH (b:Position) WHERE b.id = row.dst" in statement
    assert "MERGE (a)-[r:HOLDS]->(b)" in statement
    assert "ON CREATE SET r.sources = row.sources, r.evidence = row.evidence" in statement
    for k, cap in (("sources", SOURCES_CAP), ("evidence", EVIDENCE_CAP)):
        assert f"r.{k} = (coalesce(r.{k}, []) + [x IN row.{k} WHERE NOT x IN coalesce(r.{k}, [])])[0..{cap}]" in statement
    assert "row.first_seen < r.first_seen" in statement and "row.last_seen > r.last_seen" in statement
    assert "first_seen" not in rel_write_statement("CHAIRED", "Person", "Meeting")


def test_statements_take_values_only_as_parameters():
    # Labels and types come from the schema; every value reaches Cypher as $rows / $ids.
    for origin, statement in all_statements().items():
        assert "'" not in statement and '"' not in statement, origin


def test_all_statements_cover_ddl_and_every_label_and_type():
    statements = all_statements()
    texts = set(statements.values())
    assert set(neo4j_ddl()) <= texts
    assert all(node_write_statement(label) in texts for label in LABELS)
    pairs = [(t, a, b) for t, rel in REL_TYPES.items() for a, b in rel.endpoints]
    assert all(rel_write_statement(*pair) in texts for pair in pairs)
    assert len(pairs) == 14  # MENTIONED_IN from four labels


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
    assert len(names) == len(LABELS) + 14


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
