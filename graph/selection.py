"""One selection language for ``export``, ``analyze`` and ``show``: which part of the graph.

A :class:`Selection` narrows the graph step by step; every step that is given narrows further:

* ``around`` + ``hops``: the nodes within ``hops`` relationships of the node(s) named ``around``
  (a person, organisation, position, meeting or resolution; matched on the folded ``search``
  key, exact first, else as a substring). Articles are reached but never walked through, so a
  neighbourhood does not swallow every other name mentioned in the same article.
* ``org``: the organisation(s) named, everything below them (``PART_OF*``), the positions of
  those organisations, the people holding them, and the meetings those people took part in or
  the organisations organised.
* ``labels`` / ``rels``: keep only those node labels / relationship types (with ``rels``,
  nodes left without any relationship are dropped).
* ``date_from`` / ``date_to``: facts seen in that period: meetings dated in it, articles
  published in it, positions held in it (``HOLDS`` first/last seen overlapping it). Undated
  meetings and articles fall outside any period.

The node sets are computed with parameterised Cypher whose text is the same on Neo4j 5 and
LadybugDB (one statement per label and per relationship type), so the same selection gives the
same nodes on both stores; the result has the shape of ``Store.export()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.errors import UserError
from graph.provenance import attach_provenance
from graph.schema import CAPTION, LABELS, NODE_PROPERTIES, REL_TYPES
from loaders.textnorm import fold

SEARCHABLE = tuple(label for label, props in NODE_PROPERTIES.items() if "search" in props)
MEETING_RELS = ("CHAIRED", "ATTENDED", "SPOKE_AT")
DATED_RELS = ("HOLDS", "MENTIONED_IN", "WROTE", "ORGANIZED", "DISCUSSED", *MEETING_RELS)
MAX_HIERARCHY_DEPTH = 30  # LadybugDB's default upper bound for variable-length paths
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Selection:
    around: str | None = None
    hops: int = 1
    org: str | None = None
    date_from: str | None = None  # ISO date, or a year / year-month
    date_to: str | None = None
    labels: list[str] = field(default_factory=list)
    rels: list[str] = field(default_factory=list)

    def is_everything(self) -> bool:
        return not (self.around or self.org or self.date_from or self.date_to or self.labels or self.rels)

    def validate(self) -> None:
        """Raise UserError (one line) for anything the user must fix."""
        if self.hops < 0 or self.hops > 10:
            raise UserError(f"--hops must be between 0 and 10, got {self.hops}")
        for label in self.labels:
            if label not in LABELS:
                raise UserError(f"unknown label {label!r}; known labels: {', '.join(LABELS)}")
        for rel in self.rels:
            if rel not in REL_TYPES:
                raise UserError(f"unknown relationship type {rel!r}; known types: {', '.join(REL_TYPES)}")
        for flag, value in (("--from", self.date_from), ("--to", self.date_to)):
            if value is not None and not _DATE.match(value):
                raise UserError(f"{flag} {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.around is not None and not fold(self.around):
            raise UserError("--around needs a name")
        if self.org is not None and not fold(self.org):
            raise UserError("--org needs an organisation name")

    def period(self) -> tuple[str | None, str | None]:
        """The period as inclusive ISO bounds comparable with stored dates as strings."""
        start = self.date_from
        end = self.date_to
        if end is not None:
            end = end + {4: "-12-31", 7: "-31"}.get(len(end), "")
        return start, end


# -- the statements ---------------------------------------------------------------------------
# Every statement is fixed text (labels and types come from the schema, never from the user);
# user input reaches them as parameters. The text is valid on Neo4j 5 and on LadybugDB alike.


def _node_columns(label: str) -> str:
    return ", ".join(f"n.{k} AS {k}" for k in NODE_PROPERTIES[label])


def _rel_columns(rel_type: str) -> str:
    return ", ".join(["a.id AS source", "b.id AS target"] + [f"r.{k} AS {k}" for k in REL_TYPES[rel_type].properties])


# Any fact: a neighbourhood never walks through the Evidence nodes that back them.
FACTS = "|".join(REL_TYPES)


# Nodes are looked up one id at a time through the id index ("UNWIND $ids AS i MATCH (n:L {id: i})"),
# never with "n.id IN $ids": LadybugDB checks IN against the whole list for every row of the table
# (measured 2026-11, 100k-article graph: 3,000 articles by IN 0.81 s, by the index 0.03 s; the
# selection of "Thành ủy Hà Nội", 4,773 nodes, took 23 s without its evidence). On Neo4j 5 the
# same text is an index seek per id (the id uniqueness constraints).
def _by_id(variable: str, label: str) -> str:
    return f"UNWIND $ids AS i MATCH ({variable}:{label} {{id: i}})"


def _build_statements() -> dict[str, str]:
    s: dict[str, str] = {}
    for label in SEARCHABLE:
        s[f"find_exact_{label}"] = f"MATCH (n:{label}) WHERE n.search = $key RETURN n.id AS id"
        s[f"find_contains_{label}"] = f"MATCH (n:{label}) WHERE n.search CONTAINS $key RETURN n.id AS id"
    for label in LABELS:
        if label != "Article":  # articles are reached, never walked through
            s[f"neighbours_{label}"] = f"{_by_id('s', label)}-[:{FACTS}]-(m) RETURN DISTINCT m.id AS id"
        s[f"nodes_all_{label}"] = f"MATCH (n:{label}) RETURN {_node_columns(label)}"
        s[f"nodes_in_{label}"] = f"{_by_id('n', label)} RETURN {_node_columns(label)}"
    for rel_type, rel in REL_TYPES.items():
        for start, end in rel.endpoints:
            key = f"{rel_type}_{start}_{end}"
            s[f"rels_all_{key}"] = f"MATCH (a:{start})-[r:{rel_type}]->(b:{end}) RETURN {_rel_columns(rel_type)}"
            # A selection's relationships, read from the end with fewer selected nodes (``_fetch``
            # keeps those whose other end is selected too).
            s[f"rels_from_{key}"] = f"{_by_id('a', start)}-[r:{rel_type}]->(b:{end}) RETURN {_rel_columns(rel_type)}"
            s[f"rels_to_{key}"] = f"{_by_id('b', end)}<-[r:{rel_type}]-(a:{start}) RETURN {_rel_columns(rel_type)}"
    s["org_below"] = (
        f"{_by_id('o', 'Organization')}<-[:PART_OF*1..{MAX_HIERARCHY_DEPTH}]-(c:Organization) RETURN DISTINCT c.id AS id"
    )
    s["org_positions"] = f"{_by_id('o', 'Organization')}<-[:OF]-(p:Position) RETURN DISTINCT p.id AS id"
    s["org_holders"] = f"{_by_id('p', 'Position')}<-[:HOLDS]-(h:Person) RETURN DISTINCT h.id AS id"
    s["org_meetings_of_people"] = f"{_by_id('h', 'Person')}-[:CHAIRED|ATTENDED|SPOKE_AT]->(m:Meeting) RETURN DISTINCT m.id AS id"
    s["org_meetings_organized"] = f"{_by_id('o', 'Organization')}-[:ORGANIZED]->(m:Meeting) RETURN DISTINCT m.id AS id"
    return s


# The Neo4j statements this module sends (for the Cypher linter). Same text on LadybugDB.
NEO4J_STATEMENTS: dict[str, str] = _build_statements()
LADYBUG_STATEMENTS: dict[str, str] = dict(NEO4J_STATEMENTS)


def statements_for(store: Any) -> dict[str, str]:
    return NEO4J_STATEMENTS if getattr(store, "dialect", "ladybug") == "neo4j" else LADYBUG_STATEMENTS


# -- running a selection ----------------------------------------------------------------------


def select(store: Any, selection: Selection) -> dict[str, list[dict[str, Any]]]:
    """The selected subgraph, shaped like ``Store.export()``."""
    selection.validate()
    statements = statements_for(store)

    def ids_of(name: str, params: dict[str, Any]) -> set[str]:
        return {row["id"] for row in store.query(statements[name], params)}

    wanted: set[str] | None = None  # None = every node
    if selection.around:
        start = find_nodes(store, selection.around, SEARCHABLE, "--around")
        wanted = _neighbourhood(ids_of, start, selection.hops)
    if selection.org:
        org_nodes = _org_closure(ids_of, find_nodes(store, selection.org, ("Organization",), "--org"))
        wanted = org_nodes if wanted is None else wanted & org_nodes
    graph = _fetch(store, statements, wanted, selection.labels or list(LABELS), selection.rels or list(REL_TYPES))
    graph = filter_period(graph, *selection.period())
    if selection.rels:
        graph = drop_isolated(graph)
    return graph


def find_nodes(store: Any, name: str, labels: tuple[str, ...], flag: str = "name") -> set[str]:
    """Ids of the nodes whose folded name equals the folded ``name``, else contains it."""
    statements = statements_for(store)
    key = fold(name)
    for mode in ("exact", "contains"):
        found: set[str] = set()
        for label in labels:
            found |= {row["id"] for row in store.query(statements[f"find_{mode}_{label}"], {"key": key})}
        if found:
            return found
    kinds = "organisation" if labels == ("Organization",) else "node"
    raise UserError(f"{flag}: no {kinds} named {name!r} in the graph")


def _neighbourhood(ids_of: Any, start: set[str], hops: int) -> set[str]:
    seen = set(start)
    frontier = set(start)
    for _ in range(hops):
        if not frontier:
            break
        reached: set[str] = set()
        params = {"ids": sorted(frontier)}
        for label in LABELS:
            if label != "Article":
                reached |= ids_of(f"neighbours_{label}", params)
        frontier = reached - seen
        seen |= reached
    return seen


def _org_closure(ids_of: Any, orgs: set[str]) -> set[str]:
    orgs = orgs | ids_of("org_below", {"ids": sorted(orgs)})
    positions = ids_of("org_positions", {"ids": sorted(orgs)})
    people = ids_of("org_holders", {"ids": sorted(positions)})
    meetings = ids_of("org_meetings_of_people", {"ids": sorted(people)})
    meetings |= ids_of("org_meetings_organized", {"ids": sorted(orgs)})
    return orgs | positions | people | meetings


def _fetch(
    store: Any, statements: dict[str, str], wanted: set[str] | None, labels: list[str], rels: list[str]
) -> dict[str, list[dict[str, Any]]]:
    params = {} if wanted is None else {"ids": sorted(wanted)}
    mode = "all" if wanted is None else "in"
    nodes = []
    present_by_label: dict[str, list[str]] = {}
    for label in labels:
        for row in store.query(statements[f"nodes_{mode}_{label}"], params):
            nodes.append({"id": row["id"], "labels": [label], "properties": _clean(row)})
            present_by_label.setdefault(label, []).append(row["id"])
    present = {n["id"] for n in nodes}
    relationships = []
    for rel_type in rels:
        for start, end in REL_TYPES[rel_type].endpoints:
            if start not in labels or end not in labels:
                continue
            if wanted is None:
                rows = store.query(statements[f"rels_all_{rel_type}_{start}_{end}"])
            else:
                starts, ends = present_by_label.get(start, []), present_by_label.get(end, [])
                if not starts or not ends:
                    continue
                side, ids_ = ("from", starts) if len(starts) <= len(ends) else ("to", ends)
                rows = store.query(statements[f"rels_{side}_{rel_type}_{start}_{end}"], {"ids": sorted(ids_)})
            for row in rows:
                if row["source"] in present and row["target"] in present:
                    relationships.append(_relationship(rel_type, row))
    nodes.sort(key=lambda n: (LABELS.index(n["labels"][0]), n["id"]))
    relationships.sort(key=lambda r: r["id"])
    attach_provenance(store, relationships, None if wanted is None else present)
    return {"nodes": nodes, "relationships": relationships}


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def _relationship(rel_type: str, row: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in row.items() if k not in ("source", "target") and v is not None}
    return {
        "id": f"{rel_type}:{row['source']}->{row['target']}",  # as LadybugStore.export() names them
        "type": rel_type,
        "start": row["source"],
        "end": row["target"],
        "properties": props,
    }


# -- pure steps over an export-shaped dict ----------------------------------------------------


def filter_period(graph: dict[str, list[dict[str, Any]]], start: str | None, end: str | None) -> dict[str, Any]:
    """Keep the facts seen in [start, end]; nodes left without a fact in the period go too.

    Dated facts: meetings (their date), articles (published), HOLDS (first/last seen). Undated
    structure (OF, PART_OF, ISSUED) stays between the nodes that remain."""
    if start is None and end is None:
        return graph

    def inside(date: str | None) -> bool:
        if not date:
            return False
        return (start is None or date[: len(start)] >= start) and (end is None or date[: len(end)] <= end)

    nodes = {n["id"]: n for n in graph["nodes"]}
    dated_out = {
        i for i, n in nodes.items()
        if (n["labels"][0] == "Meeting" and not inside(n["properties"].get("date")))
        or (n["labels"][0] == "Article" and not inside(n["properties"].get("published")))
    }
    kept_rels = []
    for r in graph["relationships"]:
        if r["start"] in dated_out or r["end"] in dated_out:
            continue
        if r["type"] == "HOLDS":
            first, last = r["properties"].get("first_seen"), r["properties"].get("last_seen")
            if not first or not last:
                continue
            if (end is not None and first[: len(end)] > end) or (start is not None and last[: len(start)] < start):
                continue
        kept_rels.append(r)
    # Nodes backed by a dated fact in the period; then the structure hanging off them.
    # (every kept relationship of a dated type touches an in-period meeting or article, or is
    # a HOLDS overlapping the period)
    keep = {i for i, n in nodes.items() if n["labels"][0] in ("Meeting", "Article") and i not in dated_out}
    for r in kept_rels:
        if r["type"] in DATED_RELS:
            keep |= {r["start"], r["end"]}
    changed = True
    while changed:  # positions' organisations and those organisations' parents
        changed = False
        for r in kept_rels:
            if r["type"] in ("OF", "PART_OF") and r["start"] in keep and r["end"] not in keep:
                keep.add(r["end"])
                changed = True
    return {
        "nodes": [n for i, n in nodes.items() if i in keep],
        "relationships": [r for r in kept_rels if r["start"] in keep and r["end"] in keep],
    }


def drop_isolated(graph: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    linked = {r["start"] for r in graph["relationships"]} | {r["end"] for r in graph["relationships"]}
    return {"nodes": [n for n in graph["nodes"] if n["id"] in linked], "relationships": graph["relationships"]}


def caption(node: dict[str, Any]) -> str:
    """A node's human caption: its name or title, else its id."""
    label = node["labels"][0] if node.get("labels") else ""
    props = node.get("properties", {})
    return str(props.get(CAPTION.get(label, "name")) or props.get("name") or node["id"])
