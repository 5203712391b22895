"""Bulk writes for the embedded store: new nodes and relationships go in with ``COPY FROM``
Arrow tables instead of row-by-row ``MERGE``.

Idempotence is kept by splitting each batch in two:

* rows whose node id (or relationship start/end pair) is already stored: one lookup query per
  label (per relationship table) for the whole batch finds them with their stored properties (a
  relationship touching a node this batch creates cannot exist, so it is not looked up). Nodes
  the update would change are updated with the SET expressions of the store's own ``MERGE``
  statements (taken from them, so properties fill exactly as on the MERGE path), reached by MATCH
  instead of MERGE; the rest (most of them in a big ingest: a known person with the same name)
  are skipped. Facts have no properties, so a stored fact is never written again: its new
  provenance arrives in new evidence pages;
* the rest are new: they are copied in one ``COPY <table> FROM $arrow`` per label and per
  (type, start label, end label), with ``(from='A', to='B')`` for relationship tables that join
  several label pairs.

Evidence goes in as pages, one per anchor per batch, always new (``write_pages``; graph/schema.py).

Atomicity: LadybugDB accepts ``COPY`` inside an explicit transaction, and a failing ``COPY``
(a missing endpoint, a duplicate key) aborts and rolls back that whole transaction. The store
calls these functions between its ``BEGIN TRANSACTION`` and ``COMMIT``, so a failed batch leaves
the graph as it was before it (``tests/test_ingest.py`` checks this).

Both paths give the same graph: ``tests/test_ingest.py`` compares the exports.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from graph.batch import GraphBatch, node_rows, page_rows, rel_rows
from graph.schema import (
    EVIDENCE,
    EVIDENCE_PAGE,
    LADYBUG_NODE_PROPERTIES,
    LADYBUG_REL_TYPES,
    PAGE_ENTRY_FIELDS,
    SENTENCELESS_ANCHORS,
)
from graph.store import WriteStats

# A bulk load writes far more than the 16 MB of log after which LadybugDB checkpoints by default.
# Checkpoint every 256 MB (MERGE-path writes). Measured (2026-11, ladybug 0.22): a commit after a
# COPY into a non-empty table checkpoints whatever this threshold says, and that checkpoint
# rewrites the string and list columns of every relationship node group the batch touched - all
# of them, since people, positions and organisations sit in one node group. That is why facts
# carry no properties and their provenance is appended as Evidence nodes (graph/schema.py).
CHECKPOINT_BYTES = 256 * 1024 * 1024

# Rows per UNWIND parameter: LadybugDB's memory for a statement's parameters grows with them and
# is kept by the allocator, so big lists raise the process's peak memory for good.
UNWIND_ROWS = 5000

# Below this many rows a MERGE statement is as fast as a COPY and simpler to follow.
BULK_MIN_ROWS = 500  # nodes + relationships in the batch


_ENTRIES = pa.list_(pa.struct([(k, pa.string()) for k in PAGE_ENTRY_FIELDS]))  # EvidencePage.entries


_ARROW_TYPES = {"INT64": pa.int64(), LADYBUG_NODE_PROPERTIES[EVIDENCE_PAGE]["entries"]: _ENTRIES}


def _column(rows: list[dict[str, Any]], key: str, schema_type: str = "STRING") -> pa.Array:
    return pa.array([row.get(key) for row in rows], type=_ARROW_TYPES.get(schema_type, pa.string()))


def _rows(result: Any) -> list[list[Any]]:
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def _chunks(rows: list[Any]) -> list[list[Any]]:
    return [rows[i : i + UNWIND_ROWS] for i in range(0, len(rows), UNWIND_ROWS)]


def existing_nodes(conn: Any, label: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored properties of those of ``ids`` already stored under ``label``: primary-key
    lookups, one query per chunk. The properties let the writer skip rows that change nothing."""
    props = list(LADYBUG_NODE_PROPERTIES[label])
    columns = ", ".join(f"n.{k}" for k in props)
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        result = conn.execute(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {columns}", {"ids": chunk})
        for values in _rows(result):
            found[values[0]] = dict(zip(props, values, strict=True))
    return found


def existing_rels(conn: Any, rel_type: str, start_label: str, end_label: str,
                  pairs: list[dict[str, str]]) -> set[tuple[str, str]]:
    """Those (start id, end id) pairs already joined by ``rel_type``: one query per chunk, each
    reached from one end by primary key and then along its edges (from the article end for
    MENTIONED_IN and WROTE, whose other end may be mentioned in thousands of articles)."""
    if end_label == "Article":
        pattern = f"MATCH (b:{end_label} {{id: p.dst}}) MATCH (a:{start_label})-[r:{rel_type}]->(b) WHERE a.id = p.src"
    else:
        pattern = f"MATCH (a:{start_label} {{id: p.src}}) MATCH (a)-[r:{rel_type}]->(b:{end_label}) WHERE b.id = p.dst"
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(pairs):
        result = conn.execute(f"UNWIND $pairs AS p {pattern} RETURN a.id, b.id", {"pairs": chunk})
        found.update((values[0], values[1]) for values in _rows(result))
    return found


def node_changes(stored: dict[str, Any], row: dict[str, Any]) -> bool:
    """Whether the store's node SET (``coalesce(row.k, n.k)``) would change the stored node."""
    return any(v is not None and stored.get(k) != v for k, v in row.items())


def copy_nodes(conn: Any, label: str, rows: list[dict[str, Any]]) -> None:
    table = pa.table({k: _column(rows, k, t) for k, t in LADYBUG_NODE_PROPERTIES[label].items()})
    conn.execute(f"COPY {label} FROM $arrow", {"arrow": table})


def copy_rels(conn: Any, rel_type: str, start_label: str, end_label: str, rows: list[dict[str, Any]]) -> None:
    rel = LADYBUG_REL_TYPES[rel_type]
    columns = {"from": _column(rows, "src"), "to": _column(rows, "dst")}
    columns.update({k: _column(rows, k) for k in rel.properties})
    options = f" (from='{start_label}', to='{end_label}')" if len(rel.endpoints) > 1 else ""
    conn.execute(f"COPY {rel_type} FROM $arrow{options}", {"arrow": pa.table(columns)})


def _set_clause(statement: str, marker: str) -> str:
    """The SET expressions of one of the store's MERGE statements, so both paths update alike."""
    return statement.split(marker, 1)[1].split(" RETURN ", 1)[0]


def update_nodes_statement(label: str) -> str:
    """Rows known to exist: the store's SET, reached by a primary-key MATCH instead of MERGE."""
    from graph.ladybug_store import node_write_statement

    sets = _set_clause(node_write_statement(label), " SET ")
    return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET {sets} RETURN count(*) AS written"


def _count(conn: Any, statement: str, rows: list[dict[str, Any]]) -> int:
    return sum(int(conn.execute(statement, {"rows": chunk}).get_next()[0]) for chunk in _chunks(rows))


def use_bulk(batch: GraphBatch) -> bool:
    """Bulk-load batches with many rows; small ones are as fast, and simpler, with MERGE."""
    return len(batch.nodes) + len(batch.rels) >= BULK_MIN_ROWS


def write_batch(conn: Any, batch: GraphBatch, stats: WriteStats) -> None:
    """Write ``batch`` inside the transaction the caller opened.

    New rows are copied; nodes that already exist get the store's own update expressions, but
    only those the update would change. A relationship with an endpoint created by this batch
    cannot exist yet, so only the others are looked up. ``stats`` counts every row of the batch
    as written, as the MERGE path does; the evidence of the articles new to the graph goes in as
    pages (``write_pages``).
    """
    conn.execute(f"CALL checkpoint_threshold={CHECKPOINT_BYTES}")
    fresh: set[str] = set()  # node ids this batch creates
    new_articles: set[str] = set()
    for label, rows in node_rows(batch, evidence=False).items():
        known = existing_nodes(conn, label, [r["id"] for r in rows])
        stats.round_trips += 1
        new = [r for r in rows if r["id"] not in known]
        changed = [r for r in rows if r["id"] in known and node_changes(known[r["id"]], r)]
        if new:
            copy_nodes(conn, label, new)
            fresh.update(r["id"] for r in new)
            if label == "Article":
                new_articles.update(r["id"] for r in new)
        if changed:
            _count(conn, update_nodes_statement(label), changed)
        stats.nodes[label] = stats.nodes.get(label, 0) + len(rows)
        stats.round_trips += bool(new) + bool(changed)
    for (rel_type, start_label, end_label), rows in rel_rows(batch, supports=False).items():
        maybe = [{"src": r["src"], "dst": r["dst"]} for r in rows if r["src"] not in fresh and r["dst"] not in fresh]
        known_pairs = existing_rels(conn, rel_type, start_label, end_label, maybe) if maybe else set()
        new = [r for r in rows if (r["src"], r["dst"]) not in known_pairs]
        if new:  # a missing endpoint makes this COPY, and so the whole batch, fail
            copy_rels(conn, rel_type, start_label, end_label, new)
        stats.relationships[rel_type] = stats.relationships.get(rel_type, 0) + len(rows)
        stats.round_trips += bool(maybe) + bool(new)
    write_pages(conn, batch, new_articles, stats)


# A small write creates its pages with CREATE: each COPY into a node table kept ~18 MB of the
# buffer pool until the store was reopened (a small write does not reopen it), so 80 one-article
# writes in a row filled a 384 MB pool.
CREATE_PAGES = (f"UNWIND $rows AS row CREATE (n:{EVIDENCE_PAGE} {{id: row.id, anchor: row.anchor, rows: row.rows, "
                "entries: row.entries}) RETURN count(*) AS written")


def write_pages(conn: Any, batch: GraphBatch, new_articles: set[str], stats: WriteStats, bulk: bool = True) -> None:
    """Write the batch's evidence pages (graph/schema.py) and their links, inside the caller's
    transaction, after the anchors they link to: by COPY when ``bulk``, else by CREATE and MERGE.
    Only ``new_articles``' evidence is written: an article and its evidence are committed together,
    so any other article's is stored already. Pages are always new (their ids name one of this
    batch's new articles), so nothing is looked up.
    """
    from graph.ladybug_store import rel_write_statement

    pages, links = page_rows(batch, new_articles)
    if not pages:
        return
    if bulk:
        copy_nodes(conn, EVIDENCE_PAGE, pages)
    else:
        _count(conn, CREATE_PAGES, pages)
    stats.round_trips += 1
    entries = sum(len(p["entries"]) for p in pages if p["anchor"] not in SENTENCELESS_ANCHORS)
    stats.nodes[EVIDENCE] = stats.nodes.get(EVIDENCE, 0) + entries
    for (rel_type, start_label, end_label), rows in links.items():
        if bulk:
            copy_rels(conn, rel_type, start_label, end_label, rows)
        else:
            _count(conn, rel_write_statement(rel_type, start_label, end_label), rows)
        stats.relationships[rel_type] = stats.relationships.get(rel_type, 0) + len(rows)
        stats.round_trips += 1
