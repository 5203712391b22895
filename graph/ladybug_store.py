"""The embedded store: one LadybugDB file, created on first use.

Writes go one batch per transaction (``UNWIND $rows ... MERGE`` per label and per relationship
type), so a batch lands whole or not at all. Read-only queries pass the static guard and then
run in a ``READ ONLY`` transaction.

One thread may write while another asks ``known_articles`` (the ingest overlaps writing a batch
with extracting the next): that lookup has its own connection, which sees the last committed
batch, and a lock keeps it off the database while a write commits (a commit after a bulk write is
a checkpoint; a lookup during one failed with "DiskArray ... may be corrupted") or reopens it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import os
import queue
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import ladybug

from graph import ladybug_bulk
from graph.batch import GraphBatch, node_rows, rel_rows
from graph.cypher_readonly import check_read_only
from graph.errors import QueryError, ReadOnlyViolation, StoreUnavailable, WriteFailed
from graph.provenance import attach_provenance
from graph.schema import (
    EVIDENCE,
    EVIDENCE_PAGE,
    LABELS,
    LADYBUG_NODE_PROPERTIES,
    LADYBUG_REL_TYPES,
    REL_TYPES,
    PAGES_READ_ONCE,
    ladybug_ddl,
    node_merge_statement,
)
from graph.store import WriteStats


# How many Evidence rows (one per fact and article) the pages hold: Position pages repeat HOLDS.
EVIDENCE_COUNT = PAGES_READ_ONCE + " RETURN CAST(coalesce(sum(pg.rows), 0) AS INT64) AS c"


def node_write_statement(label: str) -> str:
    """MERGE one label's rows by id; a null in a row keeps the stored value (never erases it)."""
    return node_merge_statement(label, sep=" ")


def rel_write_statement(rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE one relationship type between two labels. Facts carry no properties
    (graph/schema.py): a fact seen again is left as it is."""
    assert not LADYBUG_REL_TYPES[rel_type].properties
    return (
        f"UNWIND $rows AS row MATCH (a:{start_label} {{id: row.src}}), (b:{end_label} {{id: row.dst}}) "
        f"MERGE (a)-[r:{rel_type}]->(b) "
        "RETURN count(*) AS written"
    )


# The page cache of a store opened for writing. LadybugDB's default is most of the machine's RAM;
# a bulk write's uncommitted rows live in it too, so it must grow with the batch. Measured
# (2026-11, ladybug 0.22, batches of generated articles into a 100k-article graph): 1,250 articles
# write with 256 MB (peak 1.02 GB; 1.10 GB with 384 MB); 2,500 fail with 192 MB and write with
# 384 MB; 10,000 fail with 384 MB (after the commit, in its checkpoint) and write with 768 MB. A
# write gets WRITE_BUFFER_POOL, or POOL_PER_ARTICLE per article of its batch when that is more
# (``_pool_for``). Readers keep the default.
WRITE_BUFFER_POOL = 256 * 2**20
POOL_PER_ARTICLE = 128 * 2**10


def _glibc_malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None on other C libraries (macOS, Windows, musl)."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_MALLOC_TRIM = _glibc_malloc_trim()


def _pool_for(batch: GraphBatch) -> int:
    """The page cache a write of ``batch`` needs (WRITE_BUFFER_POOL)."""
    return max(WRITE_BUFFER_POOL, POOL_PER_ARTICLE * len(batch.articles))


def _committed(exc: BaseException) -> bool:
    """LadybugDB's COMMIT stored the transaction but its checkpoint failed (the log replays it
    when the file is next opened): the batch is written, not rolled back."""
    return isinstance(exc, RuntimeError) and "Transaction committed successfully" in str(exc)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class LadybugStore:
    """graph.store.Store on an embedded LadybugDB file."""

    dialect = "ladybug"

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False):
        self.location = os.fspath(path)
        self.read_only = read_only
        self._lock = threading.Lock()  # held while the database is reopened or _lookup is used
        parent = os.path.dirname(os.path.abspath(self.location))
        if not os.path.isdir(parent):
            raise StoreUnavailable(f"cannot open graph {self.location}: folder {parent} does not exist")
        if read_only and not os.path.exists(self.location):
            raise StoreUnavailable(f"cannot open graph {self.location}: no such file (ingest articles first)")
        try:
            self._open()
            outdated = self._outdated_schema()  # before the DDL: a refused file is left as it was
            if not read_only and not outdated:
                for statement in ladybug_ddl():
                    self._conn.execute(statement)
            self._labels_by_table = self._tables()
        except RuntimeError as exc:
            self.close()
            raise StoreUnavailable(f"cannot open graph {self.location}: {_one_line(exc)}") from None
        if outdated:
            self.close()
            raise StoreUnavailable(f"cannot open graph {self.location}: {outdated}")

    def _tables(self) -> dict[int, str]:
        """Table name by table id (relationship values name their ends by table id)."""
        return {row["id"]: row["name"] for row in self._rows(self._conn.execute("CALL show_tables() RETURN *"))}

    def _outdated_schema(self) -> str:
        """Why the file's tables are not the ones this version writes and reads, or "": graphs
        built before provenance moved to evidence pages keep it on their relationships or in one
        Evidence node per (fact, article)."""
        tables = set(self._tables().values())
        if "HOLDS" not in tables:
            return ""  # a new file opened read-only before any ingest: the query says what is missing
        holds = {row["name"] for row in self._rows(self._conn.execute("CALL table_info('HOLDS') RETURN *"))}
        if holds or EVIDENCE_PAGE not in tables:
            where = "on relationships" if holds else "in Evidence nodes"
            return (f"it was built by an older partykg (provenance stored {where}); "
                    "ingest the articles again into a new graph file")
        pages = [row["name"] for row in self._rows(self._conn.execute(f"CALL table_info('{EVIDENCE_PAGE}') RETURN *"))]
        if pages != list(LADYBUG_NODE_PROPERTIES[EVIDENCE_PAGE]):
            return ("it was built by an older partykg (evidence pages without "
                    f"{', '.join(sorted(set(LADYBUG_NODE_PROPERTIES[EVIDENCE_PAGE]) - set(pages))) or 'this layout'}); "
                    "ingest the articles again into a new graph file")
        return ""

    def _open(self, pool: int = 0) -> None:
        pool = 0 if self.read_only else max(WRITE_BUFFER_POOL, pool)  # 0: LadybugDB's default (most of the RAM)
        self._db = ladybug.Database(self.location, read_only=self.read_only, buffer_pool_size=pool)
        self._pool = pool
        self._conn = ladybug.Connection(self._db)
        self._lookup = ladybug.Connection(self._db)  # known_articles, from any thread
        self._readers: queue.SimpleQueue[ladybug.Connection] = queue.SimpleQueue()  # query_all's, made on demand
        self._reader_count = 0

    # -- writing ---------------------------------------------------------------------------

    def write(self, batch: GraphBatch) -> WriteStats:
        if self.read_only:
            raise ReadOnlyViolation(f"graph {self.location} is open read-only; cannot write")
        stats = WriteStats(transactions=1)
        if _pool_for(batch) > self._pool:  # a big batch: a bigger cache for this write
            self._reopen(_pool_for(batch), "batch not written to {location}: the graph could not be reopened "
                                            "with a page cache for it")
        self._conn.execute("BEGIN TRANSACTION")
        try:
            if ladybug_bulk.use_bulk(batch):  # new rows by COPY FROM Arrow tables (graph/ladybug_bulk.py)
                ladybug_bulk.write_batch(self._conn, batch, stats)
            else:
                articles = [id_ for label, id_ in batch.nodes if label == "Article"]
                new_articles = set(articles) - set(ladybug_bulk.existing_nodes(self._conn, "Article", articles))
                for label, rows in node_rows(batch, evidence=False).items():
                    stats.nodes[label] = stats.nodes.get(label, 0) + self._write_nodes(label, rows)
                    stats.round_trips += 1
                for (rel_type, start_label, end_label), rows in rel_rows(batch, supports=False).items():
                    written = self._write_rels(rel_type, start_label, end_label, rows)
                    stats.relationships[rel_type] = stats.relationships.get(rel_type, 0) + written
                    stats.round_trips += 1
                ladybug_bulk.write_pages(self._conn, batch, new_articles, stats, bulk=False)
            with self._lock:  # a commit checkpoints; a concurrent read then saw a half-written index
                self._conn.execute("COMMIT")
        except Exception as exc:
            if _committed(exc):  # stored; the checkpoint runs again when the file is reopened
                self._release_memory()
                return stats
            self._rollback()
            if isinstance(exc, WriteFailed):
                raise
            raise WriteFailed(f"batch not written to {self.location} (rolled back): {_one_line(exc)}") from exc
        if ladybug_bulk.use_bulk(batch) or self._pool > WRITE_BUFFER_POOL:
            self._release_memory()
        return stats

    def _release_memory(self) -> None:
        """Give back the memory a big write leaves behind.

        LadybugDB keeps several hundred MB per bulk write (caches and allocator arenas that a
        smaller buffer pool or a checkpoint do not free), so an ingest's memory grew with the
        graph (10k articles: 1.7 GB, 30k: 4.4 GB). Closing and reopening the database frees
        them, and ``malloc_trim`` returns the freed pages to the OS (glibc keeps them otherwise);
        neither alone helps much. Reopening takes a fraction of a second, so it is done only
        after bulk writes. Callers see the same store: the path, mode and table ids are
        unchanged, and the committed batch is on disk.
        """
        self._reopen(WRITE_BUFFER_POOL, "batch written to {location}, but the graph could not be reopened")

    def _reopen(self, pool: int, failure: str) -> None:
        with self._lock:
            self.close()
            if _MALLOC_TRIM is not None:
                _MALLOC_TRIM(0)
            try:
                self._open(pool)
            except RuntimeError as exc:
                raise StoreUnavailable(f"{failure.format(location=self.location)}: {_one_line(exc)}") from None

    def _write_nodes(self, label: str, rows: list[dict[str, Any]]) -> int:
        """Write one label's rows inside the open transaction; the bulk loader may replace this."""
        return self._execute_count(node_write_statement(label), rows)

    def _write_rels(self, rel_type: str, start_label: str, end_label: str, rows: list[dict[str, Any]]) -> int:
        """Write one relationship type's rows inside the open transaction; both ends must exist."""
        written = self._execute_count(rel_write_statement(rel_type, start_label, end_label), rows)
        if written != len(rows):
            raise WriteFailed(
                f"batch not written to {self.location} (rolled back): {len(rows) - written} {rel_type} "
                f"relationship(s) point at a missing {start_label} or {end_label} node"
            )
        return written

    def _execute_count(self, statement: str, rows: list[dict[str, Any]]) -> int:
        result = self._conn.execute(statement, {"rows": rows})
        return int(result.get_next()[0])

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # LadybugDB already rolled back the transaction when the statement failed

    # -- reading ---------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict[str, Any]]:
        if not write:
            check_read_only(cypher)
        elif self.read_only:
            raise ReadOnlyViolation(f"graph {self.location} is open read-only; cannot write")
        try:
            if write:
                return self._converted(*self._run(cypher, params))
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                rows = self._converted(*self._run(cypher, params))
                self._conn.execute("COMMIT")
            except Exception:
                self._rollback()
                raise
            return rows
        except RuntimeError as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def query_all(self, statements: list[str], params: dict[str, Any] | None = None) -> list[list[dict[str, Any]]]:
        """The rows of each of several independent read-only statements (the branches of a UNION ALL),
        run at the same time, each in a read-only transaction on a connection of its own.

        LadybugDB runs a union's branches one after another, a small one on about one core; the
        branches of ``person`` on a name 61 people share take 27 and 25 ms, together 55 ms, at the
        same time 45 ms on two cores. Rows come back as ``query`` gives them, per statement in order.
        """
        for statement in statements:
            check_read_only(statement)
        workers = min(len(statements), os.cpu_count() or 1)
        if workers < 2:
            return [self.query(statement, params) for statement in statements]
        with self._lock:
            while self._reader_count < workers:
                self._readers.put(ladybug.Connection(self._db))
                self._reader_count += 1
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda statement: self._read_on_reader(statement, params), statements))

    def _read_on_reader(self, cypher: str, params: dict[str, Any] | None) -> list[dict[str, Any]]:
        conn = self._readers.get()  # one per worker thread: no two statements share a connection
        try:
            conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                result = conn.execute(cypher, params or {})
                rows, plain = self._rows(result), _plain_columns(result)
                conn.execute("COMMIT")
            except Exception:
                try:
                    conn.execute("ROLLBACK")
                except RuntimeError:
                    pass  # LadybugDB already rolled back the transaction when the statement failed
                raise
        except RuntimeError as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None
        finally:
            self._readers.put(conn)
        return self._converted(rows, plain)

    def _run(self, cypher: str, params: dict[str, Any] | None) -> tuple[list[dict[str, Any]], bool]:
        """The rows of the statement (of the last one, given several) and whether its columns
        are all plain (``_plain_columns``)."""
        result = self._conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: the last one's rows
            result = result[-1]
        return self._rows(result), _plain_columns(result)

    def _converted(self, rows: list[dict[str, Any]], plain: bool) -> list[dict[str, Any]]:
        return rows if plain else self._convert_rows(rows)

    @staticmethod
    def _rows(result: Any) -> list[dict[str, Any]]:
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(columns, result.get_next(), strict=True)))
        return rows

    def known_articles(self, article_ids: list[str]) -> set[str]:
        """Safe while another thread writes: the articles of the last committed batch."""
        if not article_ids:
            return set()
        with self._lock:
            try:
                result = self._lookup.execute("UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id",
                                              {"ids": list(article_ids)})
            except RuntimeError as exc:
                raise QueryError(f"query failed: {_one_line(exc)}") from None
            found = set()
            while result.has_next():
                found.add(result.get_next()[0])
            return found

    def counts(self) -> dict[str, int]:
        out = {}
        for label in LABELS:
            out[label] = self.query(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
        out[EVIDENCE] = self.query(EVIDENCE_COUNT)[0]["c"]
        for rel_type in REL_TYPES:
            out[rel_type] = self.query(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS c")[0]["c"]
        return out

    def export(self) -> dict[str, list[dict[str, Any]]]:
        nodes = []
        for label in LABELS:
            nodes += [r["n"] for r in self.query(f"MATCH (n:{label}) RETURN n ORDER BY n.id")]
        relationships = []
        for rel_type, rel in REL_TYPES.items():
            for start_label, end_label in rel.endpoints:
                relationships += [
                    r["r"]
                    for r in self.query(
                        f"MATCH (a:{start_label})-[r:{rel_type}]->(b:{end_label}) RETURN r ORDER BY a.id, b.id"
                    )
                ]
        attach_provenance(self, relationships)
        return {"nodes": nodes, "relationships": relationships}

    # -- converting values -----------------------------------------------------------------

    def _convert_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Nodes, relationships and paths become plain dicts like export's; dates ISO strings."""
        ids = self._endpoint_ids(rows)
        return [{k: self._convert(v, ids) for k, v in row.items()} for row in rows]

    def _endpoint_ids(self, rows: list[dict[str, Any]]) -> dict[tuple[int, int], str]:
        """The ``id`` property of every node a returned relationship starts or ends at."""
        known: dict[tuple[int, int], str] = {}
        wanted: set[tuple[int, int]] = set()

        def visit(value: Any) -> None:
            if isinstance(value, dict):
                if "_SRC" in value:
                    wanted.update((_key(value["_SRC"]), _key(value["_DST"])))
                elif "_LABEL" in value and "_ID" in value:
                    known[_key(value["_ID"])] = value.get("id")
                for v in value.values():
                    visit(v)
            elif isinstance(value, list) and not _plain(value):
                for v in value:
                    visit(v)

        for row in rows:
            for v in row.values():
                visit(v)
        missing: dict[str, list[int]] = {}
        for table, offset in wanted - known.keys():
            missing.setdefault(self._labels_by_table[table], []).append(offset)
        for label, offsets in missing.items():
            result = self._conn.execute(
                f"MATCH (n:{label}) WHERE offset(ID(n)) IN $offsets RETURN ID(n) AS nid, n.id AS id",
                {"offsets": offsets},
            )
            for r in self._rows(result):
                known[_key(r["nid"])] = r["id"]
        return known

    def _convert(self, value: Any, ids: dict[tuple[int, int], str]) -> Any:
        if isinstance(value, dict):
            if "_SRC" in value:
                rel_type = value["_LABEL"]
                start, end = ids.get(_key(value["_SRC"])), ids.get(_key(value["_DST"]))
                props = {k: v for k, v in value.items() if not k.startswith("_") and v is not None}
                return {"id": f"{rel_type}:{start}->{end}", "type": rel_type, "start": start, "end": end,
                        "properties": props}
            if "_LABEL" in value and "_ID" in value:
                label = value["_LABEL"]
                schema = LADYBUG_NODE_PROPERTIES.get(label, {})
                props = {k: v for k, v in value.items() if k in schema and v is not None}
                return {"id": value.get("id"), "labels": [label], "properties": props}
            if "_NODES" in value or "_RELS" in value:
                return {
                    "nodes": [self._convert(n, ids) for n in value.get("_NODES", [])],
                    "relationships": [self._convert(r, ids) for r in value.get("_RELS", [])],
                }
            return {k: self._convert(v, ids) for k, v in value.items()}
        if isinstance(value, list):
            return value if _plain(value) else [self._convert(v, ids) for v in value]
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return value.isoformat()
        return value

    def close(self) -> None:
        conns = [getattr(self, "_conn", None), getattr(self, "_lookup", None)]
        readers = getattr(self, "_readers", None)
        while readers is not None and not readers.empty():
            conns.append(readers.get())
        self._reader_count = 0
        db = getattr(self, "_db", None)
        self._conn = self._lookup = self._db = None
        for conn in conns:
            if conn is not None:
                conn.close()
        if db is not None:
            db.close()

    def __enter__(self) -> LadybugStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Column types whose values come back as Python needs them (str, int, float, bool, Decimal, None,
# lists of those): ``_convert`` would return them unchanged, after looking at every value (a
# selection's 2 million evidence rows: ~20 s of the 62 s of a hub's two-hop neighbourhood).
_PLAIN_COLUMN = re.compile(r"(?:STRING|BOOL|DOUBLE|FLOAT|SERIAL|U?INT(?:8|16|32|64|128)?)(?:\[\])*")


def _plain_columns(result: Any) -> bool:
    """Whether every column of ``result`` is plain: no nodes, relationships, paths, structs or dates."""
    return all(_PLAIN_COLUMN.fullmatch(t) for t in result.get_column_data_types())


def _plain(values: list[Any]) -> bool:
    """A list with nothing to convert: strings and numbers (evidence, sources, names)."""
    return all(type(v) in (str, int, float) for v in values)


def _key(internal_id: dict[str, int]) -> tuple[int, int]:
    return (internal_id["table"], internal_id["offset"])
