"""A fact's provenance as users see it, read from its Evidence nodes.

Neo4j keeps one ``Evidence`` node per (fact, article) with the fact's type and ends, linked by
``SUPPORTS`` to its anchor; the embedded store keeps the same rows in evidence pages
(graph/schema.py). Exports and subgraphs show each fact with the properties it had
when provenance lived on the relationship:

* ``sources``: the ids of every article that states it, earliest first (by publication date,
  then id; undated articles last);
* ``evidence``: the first ``EVIDENCE_CAP`` distinct sentences, in the same order;
* HOLDS only: ``first_seen``/``last_seen``, the earliest and latest dates of those articles.

Each relationship dict also gets ``support``, beside ``properties``: its evidence rows themselves
(``{"article", "published", "sentence"}``, earliest first), from which the Neo4j exports write the
Evidence nodes a store holds.

The Evidence statements are Neo4j 5 text; the page statements LadybugDB's.
"""

from __future__ import annotations

from typing import Any

from graph.schema import EVIDENCE_CAP, PAGES_READ_ONCE

_COLUMNS = ("RETURN e.type AS type, e.start_id AS start_id, e.end_id AS end_id, e.article AS article, "
            "e.published AS published, e.sentence AS sentence")
ALL_EVIDENCE = "MATCH (e:Evidence) " + _COLUMNS
# The evidence of the facts between the nodes ``$ids`` (a scan of the Evidence table: exports only).
EVIDENCE_OF = "MATCH (e:Evidence) WHERE e.start_id IN $ids AND e.end_id IN $ids " + _COLUMNS
STATEMENTS = {"provenance.ALL_EVIDENCE": ALL_EVIDENCE, "provenance.EVIDENCE_OF": EVIDENCE_OF}

# The embedded store's evidence pages hold the same rows (graph/schema.py); each is read once,
# from the pages that keep sentences (Position pages repeat HOLDS without them).
_PAGES = PAGES_READ_ONCE + " UNWIND pg.entries AS e "
LADYBUG_ALL_EVIDENCE = _PAGES + _COLUMNS
LADYBUG_EVIDENCE_OF = _PAGES + "WITH e WHERE e.start_id IN $ids AND e.end_id IN $ids " + _COLUMNS

Fact = tuple[str, str, str]  # (type, start id, end id)


def fact_of(row: dict[str, Any]) -> Fact:
    """The fact an evidence row (from ALL_EVIDENCE / EVIDENCE_OF) supports."""
    return (row["type"], row["start_id"], row["end_id"])


def earliest_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence rows by their article's date, then id; undated last."""
    return sorted(rows, key=lambda r: (r.get("published") is None, r.get("published") or "", r["article"]))


def provenance(rows: list[dict[str, Any]], rel_type: str) -> dict[str, Any]:
    """The derived properties of one fact of type ``rel_type`` from its evidence rows."""
    rows = earliest_first(rows)
    sentences: list[str] = []
    for r in rows:
        if len(sentences) == EVIDENCE_CAP:
            break
        if r.get("sentence") and r["sentence"] not in sentences:
            sentences.append(r["sentence"])
    props: dict[str, Any] = {"sources": [r["article"] for r in rows], "evidence": sentences}
    if rel_type == "HOLDS":
        dates = [r["published"] for r in rows if r.get("published")]
        if dates:
            props["first_seen"], props["last_seen"] = min(dates), max(dates)
    return props


def attach_provenance(store: Any, relationships: list[dict[str, Any]], anchors: set[str] | None = None) -> None:
    """Set each relationship's derived properties (export-shaped dicts, changed in place).

    ``anchors``: the ids of the nodes between which to read evidence (the relationships' ends);
    None reads all.
    """
    if not relationships:
        return
    pages = getattr(store, "dialect", "") == "ladybug"
    if anchors is None:
        rows = store.query(LADYBUG_ALL_EVIDENCE if pages else ALL_EVIDENCE)
    else:
        rows = store.query(LADYBUG_EVIDENCE_OF if pages else EVIDENCE_OF, {"ids": sorted(anchors)})
    by_fact: dict[Fact, list[dict[str, Any]]] = {}
    for row in rows:
        by_fact.setdefault(fact_of(row), []).append(row)
    for r in relationships:
        props = {k: v for k, v in (r.get("properties") or {}).items() if v is not None}
        rows = earliest_first(by_fact.get((r["type"], r["start"], r["end"]), []))
        props.update(provenance(rows, r["type"]))
        r["properties"] = props
        r["support"] = [{"article": e["article"], "published": e.get("published"), "sentence": e.get("sentence")}
                        for e in rows]
