"""The Neo4j 5 store, through the official driver.

Every Cypher statement this module sends is built here, by the constants and builder functions
at the top, so ``graph.lint_statements`` can hand each of them to Neo4j's linter in CI
(``all_statements``). A batch is one explicit write transaction holding one statement,
``BATCH_WRITE``: a ``CALL { UNWIND ... MERGE }`` subquery per label, then per relationship type,
each with its own list parameter, so the whole batch travels in one round trip (plus BEGIN and
COMMIT) instead of one per label and type; a batch of more than ``STATEMENT_ROWS`` rows is sent
as several such statements in the same transaction. The statement's text never changes, so the
server plans it once. Reads run in read transactions after the static read-only guard.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable
from neo4j.graph import Node, Path, Relationship

from graph.batch import GraphBatch, node_rows, rel_rows
from graph.cypher_readonly import check_read_only
from graph.errors import PartyKGError, QueryError, StoreUnavailable, WriteFailed
from graph.provenance import STATEMENTS as PROVENANCE_STATEMENTS
from graph.provenance import attach_provenance
from graph.schema import (
    EVIDENCE,
    LABELS,
    REL_TYPES,
    STORED_NODE_PROPERTIES,
    STORED_REL_TYPES,
    neo4j_ddl,
    node_merge_statement,
)
from graph.store import WriteStats

# The driver's defaults wait about a minute for an unreachable server; a user waits seconds.
DRIVER_CONFIG = {
    "connection_timeout": 3.0,
    "connection_acquisition_timeout": 5.0,
    "max_transaction_retry_time": 2.0,
}
STATEMENT_ROWS = 10_000  # rows per write statement, all labels and types together

# The driver logs connection failures itself; partykg reports them as one line instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

# --- every statement the store sends ----------------------------------------------------------

PING = "RETURN 1 AS ok"
KNOWN_ARTICLES = "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id"
# Relationships returned without their end nodes carry only element ids; this finds the ``id``s.
ENDPOINT_IDS = "MATCH (n) WHERE elementId(n) IN $element_ids RETURN elementId(n) AS element_id, n.id AS id"


def ddl_statements() -> list[str]:
    """Uniqueness constraints on every label's id and indexes on search keys."""
    return neo4j_ddl()


def node_write_statement(label: str) -> str:
    """MERGE one label's rows by id; a null in a row keeps the stored value (never erases it)."""
    return node_merge_statement(label, sep="\n")


def rel_write_statement(rel_type: str, start_label: str, end_label: str, rows: str = "rows",
                        written: str = "written") -> str:
    """MERGE one relationship type between two labels (rows in ``$rows``). Facts and SUPPORTS
    links carry no properties (graph/schema.py): a fact seen again is left as it is."""
    assert not STORED_REL_TYPES[rel_type].properties
    return (
        f"UNWIND ${rows} AS row\n"
        # `WHERE a.id = row.src`, not `{id: row.src}`: the linter takes a row key in a pattern's
        # map for a property of the node; the server plans both as a unique-constraint seek.
        f"MATCH (a:{start_label}) WHERE a.id = row.src\n"
        f"MATCH (b:{end_label}) WHERE b.id = row.dst\n"
        f"MERGE (a)-[r:{rel_type}]->(b)\n"
        f"RETURN count(*) AS {written}"
    )


# The batch statement's groups, in write order (every node before any relationship, since a
# relationship MATCHes its end nodes): (parameter name, label) or (parameter name, (type, a, b)).
NODE_GROUPS = [(f"n{i}", label) for i, label in enumerate(STORED_NODE_PROPERTIES)]
REL_GROUPS = [(f"r{i}", key) for i, key in enumerate(
    (rel_type, a, b) for rel_type, rel in STORED_REL_TYPES.items() for a, b in rel.endpoints)]


def batch_write_statement() -> str:
    """Every label's node MERGE, then every relationship type's, as unit subqueries of one
    statement; returns each group's written count under its parameter's name."""
    bodies = [node_merge_statement(label, "\n", rows=name, written=name) for name, label in NODE_GROUPS]
    bodies += [rel_write_statement(*key, rows=name, written=name) for name, key in REL_GROUPS]
    parts = ["CALL () {\n" + body + "\n}" for body in bodies]
    names = [name for name, _ in NODE_GROUPS + REL_GROUPS]
    return "\n".join(parts) + f"\nRETURN {', '.join(names)}"


BATCH_WRITE = batch_write_statement()


def statement_params(nodes: dict[str, list[dict[str, Any]]], rels: dict[tuple[str, str, str], list[dict[str, Any]]],
                     size: int = STATEMENT_ROWS) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """The parameters of each ``BATCH_WRITE`` statement of a batch: the groups' rows in write
    order, cut into statements of at most ``size`` rows (every group present, empty or not, so
    the text stays the same). Nodes come before relationships in the sequence and inside each
    statement, so a relationship's nodes are always written by then."""
    sequence = [(name, nodes.get(label, [])) for name, label in NODE_GROUPS]
    sequence += [(name, rels.get(key, [])) for name, key in REL_GROUPS]
    params: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in sequence}
    filled = 0
    for name, rows in sequence:
        start = 0
        while start < len(rows):
            take = min(size - filled, len(rows) - start)
            params[name].extend(rows[start : start + take])
            filled, start = filled + take, start + take
            if filled == size:
                yield params
                params, filled = {n: [] for n, _ in sequence}, 0
    if filled:
        yield params


def count_nodes_statement(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS c"


def count_rels_statement(rel_type: str) -> str:
    return f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS c"


def export_nodes_statement(label: str) -> str:
    return f"MATCH (n:{label}) RETURN n ORDER BY n.id"


def export_rels_statement(rel_type: str, start_label: str, end_label: str) -> str:
    return (
        f"MATCH (a:{start_label})-[r:{rel_type}]->(b:{end_label}) "
        "RETURN a.id AS start, b.id AS end, properties(r) AS properties ORDER BY start, end"
    )


def all_statements() -> dict[str, str]:
    """Every statement the store can send, by where it comes from (for the Cypher linter)."""
    out = {"neo4j_store.PING": PING, "neo4j_store.KNOWN_ARTICLES": KNOWN_ARTICLES,
           "neo4j_store.ENDPOINT_IDS": ENDPOINT_IDS}
    for i, statement in enumerate(ddl_statements()):
        out[f"neo4j_store.ddl[{i}]"] = statement
    out["neo4j_store.BATCH_WRITE"] = BATCH_WRITE
    out.update(PROVENANCE_STATEMENTS)
    for label in STORED_NODE_PROPERTIES:
        out[f"neo4j_store.node_write[{label}]"] = node_write_statement(label)
    for label in (*LABELS, EVIDENCE):
        out[f"neo4j_store.count_nodes[{label}]"] = count_nodes_statement(label)
    for label in LABELS:
        out[f"neo4j_store.export_nodes[{label}]"] = export_nodes_statement(label)
    for rel_type, rel in STORED_REL_TYPES.items():
        for start_label, end_label in rel.endpoints:
            key = f"{rel_type},{start_label},{end_label}"
            out[f"neo4j_store.rel_write[{key}]"] = rel_write_statement(rel_type, start_label, end_label)
    for rel_type, rel in REL_TYPES.items():
        out[f"neo4j_store.count_rels[{rel_type}]"] = count_rels_statement(rel_type)
        for start_label, end_label in rel.endpoints:
            key = f"{rel_type},{start_label},{end_label}"
            out[f"neo4j_store.export_rels[{key}]"] = export_rels_statement(rel_type, start_label, end_label)
    return out


# --- the store --------------------------------------------------------------------------------


MIN_VERSION = (5, 23)  # BATCH_WRITE's `CALL () { ... }` subqueries (the scope clause) came in 5.23


def version_problem(agent: str | None) -> str:
    """Why a server that introduces itself as ``agent`` ("Neo4j/5.26.0") can't be used, or ""."""
    name, _, version = (agent or "").partition("/")
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return ""  # an unknown agent string: let the server's own errors speak
    if name == "Neo4j" and (major, minor) < MIN_VERSION:
        wanted = ".".join(map(str, MIN_VERSION))
        return f"server version {version} is too old: partykg needs Neo4j {wanted} or later (5.26 LTS)"
    return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reason(exc: BaseException) -> str:
    """The exception's message plus its innermost cause (e.g. "Connection refused"), on one line."""
    top = _one_line(str(exc).split("\n")[0]).rstrip(":") or type(exc).__name__
    leaf, seen = exc, set()
    while id(leaf) not in seen:
        seen.add(id(leaf))
        inner = getattr(leaf, "exceptions", None)  # an ExceptionGroup of routing failures
        nxt = inner[0] if inner else (leaf.__cause__ or leaf.__context__)
        if nxt is None:
            break
        leaf = nxt
    detail = _one_line(str(leaf))
    return top if leaf is exc or not detail or detail in top else f"{top}: {detail}"


def _check_port(uri: str) -> None:
    """Raise ValueError for a port out of range: the driver wraps it around instead of refusing it."""
    urlsplit(uri).port  # noqa: B018 - the property raises for a bad port


def _tcp_problem(uri: str) -> str:
    """": <why a TCP connection to the URI's host fails>", or "" when it connects."""
    try:
        parts = urlsplit(uri)
        with socket.create_connection((parts.hostname or "localhost", parts.port or 7687),
                                      timeout=DRIVER_CONFIG["connection_timeout"]):
            return ""
    except (OSError, ValueError) as exc:
        return f": {_one_line(str(exc)) or type(exc).__name__}"


class Neo4jStore:
    """graph.store.Store on a Neo4j 5 server (local, server, or Aura)."""

    dialect = "neo4j"

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str | None = None):
        self.location = uri
        self.database = database
        self._driver = None
        try:
            _check_port(uri)
            self._driver = GraphDatabase.driver(uri, auth=(user, password), **DRIVER_CONFIG)
            self._driver.verify_connectivity()
            with self._session() as session:
                session.run(PING).consume()  # checks the database exists and the user may use it
            too_old = version_problem(self._driver.get_server_info().agent)
        except (DriverError, Neo4jError, ValueError, OSError) as exc:
            self.close()
            reason = _reason(exc)
            if isinstance(exc, ServiceUnavailable) and reason == _one_line(str(exc)).rstrip(":"):
                # No cause given (driver 5.x, routing schemes): say what the network says.
                reason += _tcp_problem(uri)
            raise StoreUnavailable(f"Neo4j at {uri} is unreachable: {reason}") from None
        if too_old:
            self.close()
            raise StoreUnavailable(f"Neo4j at {uri}: {too_old}")
        try:
            with self._session() as session:
                for statement in ddl_statements():
                    session.run(statement).consume()
        except (DriverError, Neo4jError) as exc:
            self.close()
            raise StoreUnavailable(f"Neo4j at {uri}: cannot create the schema constraints: {_reason(exc)}") from None

    def _session(self, access_mode: str = WRITE_ACCESS):
        if self.database:
            return self._driver.session(database=self.database, default_access_mode=access_mode)
        return self._driver.session(default_access_mode=access_mode)

    # -- writing ---------------------------------------------------------------------------

    def write(self, batch: GraphBatch) -> WriteStats:
        nodes, rels = node_rows(batch), rel_rows(batch)
        if not nodes and not rels:
            return WriteStats()

        def work(tx) -> WriteStats:
            stats = WriteStats(transactions=1, round_trips=2)  # BEGIN and COMMIT; rebuilt on a retry
            written: dict[str, int] = {}
            for params in statement_params(nodes, rels):
                record = tx.run(BATCH_WRITE, params).single()
                stats.round_trips += 1
                for name in params:
                    written[name] = written.get(name, 0) + record[name]
            for name, label in NODE_GROUPS:
                if label in nodes:
                    stats.nodes[label] = written.get(name, 0)
            for name, (rel_type, start_label, end_label) in REL_GROUPS:
                expected = len(rels.get((rel_type, start_label, end_label), []))
                if not expected:
                    continue
                if written.get(name, 0) != expected:
                    raise WriteFailed(
                        f"batch not written to Neo4j at {self.location} (rolled back): "
                        f"{expected - written.get(name, 0)} {rel_type} relationship(s) point at a missing "
                        f"{start_label} or {end_label} node"
                    )
                stats.relationships[rel_type] = stats.relationships.get(rel_type, 0) + expected
            return stats

        try:
            with self._session() as session:
                return session.execute_write(work)
        except WriteFailed:
            raise
        except (DriverError, Neo4jError) as exc:
            raise WriteFailed(f"batch not written to Neo4j at {self.location} (rolled back): {_reason(exc)}") from exc

    # -- reading ---------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict[str, Any]]:
        if not write:
            check_read_only(cypher)

        def work(tx) -> list[dict[str, Any]]:
            records = list(tx.run(cypher, params or {}))
            ids = self._endpoint_ids(tx, records)
            return [{k: _convert(v, ids) for k, v in record.items()} for record in records]

        try:
            with self._session() as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except PartyKGError:
            raise
        except Neo4jError as exc:
            raise QueryError(f"query failed: {_reason(exc)}") from None
        except DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {self.location} is unreachable: {_reason(exc)}") from None

    @staticmethod
    def _endpoint_ids(tx, records: list) -> dict[str, str]:
        """``id`` of every node a returned relationship starts or ends at, by element id."""
        known: dict[str, str] = {}
        wanted: set[str] = set()

        def visit(value: Any) -> None:
            if isinstance(value, Node):
                if "id" in value:
                    known[value.element_id] = value["id"]
            elif isinstance(value, Relationship):
                wanted.update(n.element_id for n in value.nodes if n is not None)
                for n in value.nodes:
                    visit(n)
            elif isinstance(value, Path):
                for v in (*value.nodes, *value.relationships):
                    visit(v)
            elif isinstance(value, (list, tuple)):
                for v in value:
                    visit(v)
            elif isinstance(value, dict):
                for v in value.values():
                    visit(v)

        for record in records:
            for v in record.values():
                visit(v)
        missing = sorted(wanted - known.keys())
        if missing:
            for r in tx.run(ENDPOINT_IDS, element_ids=missing):
                known[r["element_id"]] = r["id"]
        return known

    def known_articles(self, article_ids: list[str]) -> set[str]:
        """The ids already stored. An auto-commit read (one round trip; ingest asks once per unit
        of articles) rather than a managed transaction (BEGIN, RUN, COMMIT: three)."""
        try:
            with self._session(READ_ACCESS) as session:
                return {r["id"] for r in session.run(KNOWN_ARTICLES, ids=list(article_ids))}
        except Neo4jError as exc:
            raise QueryError(f"query failed: {_reason(exc)}") from None
        except DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {self.location} is unreachable: {_reason(exc)}") from None

    def counts(self) -> dict[str, int]:
        out = {label: self.query(count_nodes_statement(label))[0]["c"] for label in (*LABELS, EVIDENCE)}
        out.update({t: self.query(count_rels_statement(t))[0]["c"] for t in REL_TYPES})
        return out

    def export(self) -> dict[str, list[dict[str, Any]]]:
        nodes = []
        for label in LABELS:
            nodes += [r["n"] for r in self.query(export_nodes_statement(label))]
        relationships = []
        for rel_type, rel in REL_TYPES.items():
            for start_label, end_label in rel.endpoints:
                for r in self.query(export_rels_statement(rel_type, start_label, end_label)):
                    relationships.append(_relationship(rel_type, r["start"], r["end"], r["properties"]))
        attach_provenance(self, relationships)
        return {"nodes": nodes, "relationships": relationships}

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _relationship(rel_type: str, start: str | None, end: str | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"{rel_type}:{start}->{end}", "type": rel_type, "start": start, "end": end, "properties": props}


def _convert(value: Any, ids: dict[str, str]) -> Any:
    """Driver values to plain data: nodes, relationships and paths like export's; dates ISO strings."""
    if isinstance(value, Node):
        props = {k: _convert(v, ids) for k, v in value.items()}
        return {"id": props.get("id"), "labels": sorted(value.labels), "properties": props}
    if isinstance(value, Relationship):
        start, end = (ids.get(n.element_id) if n is not None else None for n in value.nodes)
        return _relationship(value.type, start, end, {k: _convert(v, ids) for k, v in value.items()})
    if isinstance(value, Path):
        return {"nodes": [_convert(n, ids) for n in value.nodes],
                "relationships": [_convert(r, ids) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [_convert(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v, ids) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return value
