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

from collections.abc import Iterator
from typing import Any

from graph.schema import EVIDENCE_CAP, EVIDENCE_PAGE, PAGES_READ_ONCE, REL_TYPES, SENTENCELESS_ANCHORS

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

# A selection's evidence on the embedded store, read from the pages of the nodes that anchor its
# facts: first the ids of those pages (each anchor found through the id index), then each page by
# its id. Measured 2026-11 on the 100k-article graph, the 4,773 nodes of "Thành ủy Hà Nội":
# reading every page and keeping the rows between the selected nodes took 117 s (LadybugDB checks
# ``IN $ids`` against the whole list for each of 3.6 million rows); anchor -> pages -> entries in
# one statement 7 s and 5 GB (the entries of every page were read before the join); in two
# statements the whole selection's evidence ~2.5 s, 1.1 GB for the export process.
LADYBUG_PAGE_IDS_OF = {
    label: f"UNWIND $ids AS i MATCH (a:{label} {{id: i}})<-[:SUPPORTS]-(pg:{EVIDENCE_PAGE}) RETURN pg.id AS id"
    for label in ("Person", "Meeting", "Article", "Position")}
_ENTRIES_OF_PAGES = f"UNWIND $ids AS i MATCH (pg:{EVIDENCE_PAGE} {{id: i}}) UNWIND pg.entries AS e "
LADYBUG_ENTRIES_OF_PAGES = _ENTRIES_OF_PAGES + _COLUMNS
LADYBUG_TYPED_ENTRIES_OF_PAGES = _ENTRIES_OF_PAGES + "WITH e WHERE e.type IN $types " + _COLUMNS
# Pages read per statement: the rows of each chunk are filtered to the selection's facts before
# the next is read, so memory holds the selection's evidence, not every row of the pages read (a
# person's two-hop neighbourhood on the 100k graph reads 2 million rows to keep a fraction).
PAGE_CHUNK = 2_000
# The facts anchored at their article only, between two nodes that are not articles: the articles
# that state one are among those where the end named here is mentioned (``MENTIONED_IN``) or, for
# a position, held (its pages list every HOLDS of it, with the article). graph.batch.add_extraction
# writes them so (tests/test_selection.py checks it on hand-made and generated graphs):
# an organisation with a parent is one the article lists (and mentions); a document's issuer is
# written with the document's mention; a position's organisation with the HOLDS of that position.
ARTICLES_FROM = {"PART_OF": "start", "ISSUED": "end", "OF": "start"}
LADYBUG_ARTICLES_MENTIONING = {
    label: f"UNWIND $ids AS i MATCH (n:{label} {{id: i}})-[:MENTIONED_IN]->(a:Article) RETURN DISTINCT a.id AS id"
    for label in ("Organization", "Resolution")}
LADYBUG_ARTICLES_OF_PAGES = _ENTRIES_OF_PAGES + "RETURN DISTINCT e.article AS id"

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
    elif pages:
        rows = _ladybug_evidence_of(store, relationships, anchors)
    else:
        rows = store.query(EVIDENCE_OF, {"ids": sorted(anchors)})
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


def _side_label(rel_type: str, side: str) -> str | None:
    """The label of a fact type's start or end when every endpoint pair agrees on it."""
    labels = {pair[0 if side == "start" else 1] for pair in REL_TYPES[rel_type].endpoints}
    return labels.pop() if len(labels) == 1 else None


def _ladybug_evidence_of(store: Any, relationships: list[dict[str, Any]], anchors: set[str]) -> list[dict[str, Any]]:
    """The evidence rows of ``relationships`` (between the nodes ``anchors``) from the pages of the
    nodes anchoring them: a person, meeting or article at one of a fact's ends holds all of its
    evidence; the articles of the other facts are found as ``ARTICLES_FROM`` says."""
    read: dict[str, set[str]] = {"Person": set(), "Meeting": set(), "Article": set()}
    mentioned: dict[str, set[str]] = {label: set() for label in LADYBUG_ARTICLES_MENTIONING}
    held: set[str] = set()
    elsewhere: set[str] = set()  # articles not in the selection that state some of its facts
    for r in relationships:
        rel = REL_TYPES[r["type"]]
        ends = {side: _side_label(r["type"], side) for side in ("start", "end")}
        kept = [side for side in rel.anchors if ends.get(side) in read and ends[side] not in SENTENCELESS_ANCHORS]
        if kept:  # a person or meeting at this end holds every row of the fact
            read[ends[kept[0]]].add(r[kept[0]])
            continue
        side = next((side for side, label in ends.items() if label == "Article"), None) if "article" in rel.anchors else None
        if side:  # WROTE, MENTIONED_IN: the article is an end
            read["Article"].add(r[side])
            continue
        side = ARTICLES_FROM.get(r["type"])
        label = ends[side] if side else None
        if label in mentioned:
            mentioned[label].add(r[side])
        elif label in SENTENCELESS_ANCHORS:
            held.add(r[side])
        else:  # a fact type nobody taught this function: read every page (slow, never wrong)
            return store.query(LADYBUG_EVIDENCE_OF, {"ids": sorted(anchors)})
    for label, ids in mentioned.items():
        if ids:
            elsewhere |= {row["id"] for row in store.query(LADYBUG_ARTICLES_MENTIONING[label], {"ids": sorted(ids)})}
    if held:
        for chunk in page_chunks(_page_ids(store, {"Position": held})):
            elsewhere |= {row["id"] for row in store.query(LADYBUG_ARTICLES_OF_PAGES, {"ids": chunk})}
    elsewhere -= read["Article"]
    wanted = {(r["type"], r["start"], r["end"]) for r in relationships}
    rows: list[dict[str, Any]] = []
    for chunk in page_chunks(_page_ids(store, read)):
        rows.extend(row for row in store.query(LADYBUG_ENTRIES_OF_PAGES, {"ids": chunk}) if fact_of(row) in wanted)
    # Articles outside the selection hold only its OF / PART_OF / ISSUED facts: only those rows.
    types = sorted({r["type"] for r in relationships if r["type"] in ARTICLES_FROM})
    for chunk in page_chunks(_page_ids(store, {"Article": elsewhere})):
        rows.extend(row for row in store.query(LADYBUG_TYPED_ENTRIES_OF_PAGES, {"ids": chunk, "types": types})
                    if fact_of(row) in wanted)
    return rows


def page_chunks(ids: list[str]) -> Iterator[list[str]]:
    """``ids`` in runs of ``PAGE_CHUNK`` (read when called: tests shrink it)."""
    for start in range(0, len(ids), PAGE_CHUNK):
        yield ids[start:start + PAGE_CHUNK]


def _page_ids(store: Any, anchors: dict[str, set[str]]) -> list[str]:
    """The ids of the evidence pages of the nodes ``anchors`` (label -> ids)."""
    pages: set[str] = set()
    for label, ids in anchors.items():
        if ids:
            pages |= {row["id"] for row in store.query(LADYBUG_PAGE_IDS_OF[label], {"ids": sorted(ids)})}
    return sorted(pages)
