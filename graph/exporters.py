"""Export a (selected) graph to the formats other tools read.

Everything starts from the export-shaped dict of ``Store.export()`` / ``graph.selection.select``:
``{"nodes": [{id, labels, properties}], "relationships": [{id, type, start, end, properties,
support}]}``: a fact's ``properties`` hold its provenance as users see it (``sources``,
``evidence``, HOLDS ``first_seen``/``last_seen``) and ``support`` its evidence rows
(graph/provenance.py). A relationship without ``support`` (built by hand, read from networkx)
is supported by its ``sources`` (``support_rows``).

The logical view, for tools that read the facts (``support`` is not written):

* json: that dict, without ``support``.
* graphml, gexf (Gephi, ``networkx.read_graphml``/``read_gexf``): flat attributes only, so list
  properties (``sources``, ``evidence``) are written as JSON text and dates stay ISO strings;
  every node has ``labels`` (the graph label), ``name`` and ``label`` (its caption), every
  edge ``rel_type`` and ``label`` (its type; GEXF reserves an edge's ``type``).
* nodelink: ``networkx.node_link_data`` with the edges key pinned to ``"edges"``.
* csv: ``nodes.csv`` and ``relationships.csv`` (lists as JSON text).

The physical schema (graph/schema.py), for a Neo4j that partykg then queries: entity nodes, facts
without properties, an ``Evidence`` node per (fact, article) and its ``SUPPORTS`` link to the
fact's anchors (the article, a meeting, a HOLDS fact's ends; each written when that node is exported).

* neo4j-admin: header-typed CSV files per label and per relationship type for
  ``neo4j-admin database import full``, and the command line in ``neo4j-admin-import.sh``.
* cypher: a parameter-free, idempotent MERGE script (constraints first) for any Neo4j 5.
"""

from __future__ import annotations

import csv
import json
import os
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import UserError
from graph.provenance import earliest_first, fact_of, provenance
from graph.schema import (
    DERIVED_PROPERTIES,
    EVIDENCE,
    LABELS,
    NODE_PROPERTIES,
    PAGES_READ_ONCE,
    REL_TYPES,
    SEEN_PROPERTIES,
    STORED_NODE_PROPERTIES,
    STORED_REL_TYPES,
    SUPPORTS,
    anchor_ids,
    evidence_id,
    neo4j_ddl,
)
from graph.selection import caption

Graph = dict[str, list[dict[str, Any]]]

FORMATS = ("json", "graphml", "gexf", "nodelink", "csv", "neo4j-admin", "cypher")
# Formats that write a folder of files rather than one file.
FOLDER_FORMATS = ("csv", "neo4j-admin")

# neo4j-admin splits array values on this character; no text property contains it (it is a
# control character, removed from values before writing).
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_FLAG = "U+001F"


# -- networkx ---------------------------------------------------------------------------------


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by node id; node attributes: ``label`` (the graph label), ``labels``,
    ``name`` (caption) and the properties (lists kept as lists); edges keyed by relationship id
    with ``type`` and the properties. Relationships whose ends are not in the graph are left out."""
    G = nx.MultiDiGraph()
    for n in graph["nodes"]:
        labels = list(n.get("labels") or [])
        props = dict(n.get("properties") or {})
        props.setdefault("name", caption(n))
        G.add_node(n["id"], **props, label=labels[0] if labels else "", labels=labels)
    for r in graph["relationships"]:
        if r["start"] in G and r["end"] in G:
            G.add_edge(r["start"], r["end"], key=r["id"], type=r["type"], **(r.get("properties") or {}))
    return G


def from_networkx(G: nx.MultiDiGraph) -> Graph:
    """Back to the export-shaped dict (the inverse of :func:`to_networkx`)."""
    nodes = []
    for node_id, data in G.nodes(data=True):
        labels = list(data.get("labels") or [data.get("label")])
        props = {k: v for k, v in data.items() if k not in ("label", "labels")}
        props["id"] = node_id  # node-link JSON keeps the id as the node's key only
        if "name" not in NODE_PROPERTIES.get(labels[0], {"name": ""}):
            props.pop("name", None)  # the caption added by to_networkx
        nodes.append({"id": node_id, "labels": labels, "properties": props})
    rels = []
    for start, end, key, data in G.edges(keys=True, data=True):
        props = {k: v for k, v in data.items() if k != "type"}
        rels.append({"id": key, "type": data["type"], "start": start, "end": end, "properties": props})
    return {"nodes": nodes, "relationships": rels}


def _flat(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists become JSON text, everything else as is."""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def to_flat_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The graph with only scalar attributes, for GraphML and GEXF."""
    G = nx.MultiDiGraph()
    for n in graph["nodes"]:
        name = caption(n)
        attrs = {k: _flat(v) for k, v in (n.get("properties") or {}).items() if v is not None}
        attrs.update(labels=";".join(n.get("labels") or []), name=name, label=name)
        G.add_node(n["id"], **attrs)
    for r in graph["relationships"]:
        if r["start"] in G and r["end"] in G:
            attrs = {k: _flat(v) for k, v in (r.get("properties") or {}).items() if v is not None}
            attrs.update(rel_type=r["type"], label=r["type"])
            G.add_edge(r["start"], r["end"], key=r["id"], **attrs)
    return G


# -- writers ----------------------------------------------------------------------------------


def write_json(graph: Graph, out: Path) -> list[Path]:
    out.write_text(json.dumps(without_support(graph), ensure_ascii=False, indent=2), encoding="utf-8")
    return [out]


def write_graphml(graph: Graph, out: Path) -> list[Path]:
    nx.write_graphml(to_flat_networkx(graph), out, encoding="utf-8", named_key_ids=True)
    return [out]


def write_gexf(graph: Graph, out: Path) -> list[Path]:
    G = to_flat_networkx(graph)
    for _, _, key, data in G.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids: the relationship ids
    nx.write_gexf(G, out, encoding="utf-8")
    return [out]


def write_nodelink(graph: Graph, out: Path) -> list[Path]:
    data = nx.node_link_data(to_networkx(graph), edges="edges")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return [out]


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def write_csv(graph: Graph, out: Path) -> list[Path]:
    """``nodes.csv`` (id, labels, name, properties) and ``relationships.csv`` (id, type, start, end, properties)."""
    out.mkdir(parents=True, exist_ok=True)
    node_props = _union_keys(NODE_PROPERTIES[label] for label in LABELS)
    node_props = [k for k in node_props if k not in ("id", "name")]
    rel_props = _union_keys([*(rel.properties for rel in REL_TYPES.values()),
                             dict.fromkeys((*DERIVED_PROPERTIES, *SEEN_PROPERTIES))])
    nodes_path, rels_path = out / "nodes.csv", out / "relationships.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "labels", "name", *node_props])
        for n in graph["nodes"]:
            props = n.get("properties") or {}
            w.writerow([n["id"], ";".join(n["labels"]), caption(n), *(_csv_value(props.get(k)) for k in node_props)])
    with rels_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "type", "start", "end", *rel_props])
        for r in graph["relationships"]:
            props = r.get("properties") or {}
            w.writerow([r["id"], r["type"], r["start"], r["end"], *(_csv_value(props.get(k)) for k in rel_props)])
    return [nodes_path, rels_path]


def _union_keys(dicts: Any) -> list[str]:
    keys: list[str] = []
    for d in dicts:
        keys += [k for k in d if k not in keys]
    return keys


# -- the logical view and the stored evidence -------------------------------------------------


def without_support(graph: Graph) -> Graph:
    """The graph as the logical formats write it: each relationship without its ``support``."""
    rels = [{k: v for k, v in r.items() if k != "support"} for r in graph["relationships"]]
    return {**graph, "relationships": rels}


def _article_dates(graph: Graph) -> dict[str, str | None]:
    return {n["id"]: (n.get("properties") or {}).get("published") for n in graph["nodes"]
            if n.get("labels") and n["labels"][0] == "Article"}


def support_rows(rel: dict[str, Any], dates: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """A relationship's evidence rows ``{"article", "published", "sentence"}``, one per article.

    Its ``support`` when it has one; else one row per article in its ``sources`` (dated from
    ``dates``, the graph's Article nodes, when known), with the sentence only when there is one
    source (``evidence`` does not say which article gave which sentence)."""
    if "support" in rel:
        rows = [{"article": s["article"], "published": s.get("published") or None,
                 "sentence": s.get("sentence") or None} for s in rel["support"]]
    else:
        props = rel.get("properties") or {}
        sources = list(props.get("sources") or [])
        sentences = [e for e in props.get("evidence") or [] if e]
        only = sentences[0] if len(sources) == 1 and sentences else None
        rows = [{"article": a, "published": (dates or {}).get(a) or None, "sentence": only} for a in sources]
    by_article: dict[str, dict[str, Any]] = {}  # an article supports a fact once
    for row in rows:
        by_article.setdefault(row["article"], row)
    return list(by_article.values())


def evidence_nodes(graph: Graph) -> list[tuple[dict[str, Any], list[str]]]:
    """The Evidence node rows a store would hold for the graph's facts (every property of
    ``EVIDENCE_PROPERTIES``), each with the ids of the nodes it ``SUPPORTS`` (``schema.anchor_ids``).
    Relationships whose ends are not in the graph are left out, as everywhere."""
    present = {n["id"] for n in graph["nodes"]}
    dates = _article_dates(graph)
    out = []
    for r in graph["relationships"]:
        if r["start"] not in present or r["end"] not in present:
            continue
        for s in support_rows(r, dates):
            row = {"id": evidence_id(r["type"], r["start"], r["end"], s["article"]), "type": r["type"],
                   "start_id": r["start"], "end_id": r["end"], **s}
            anchors = anchor_ids(REL_TYPES[r["type"]], r["start"], r["end"], s["article"])
            out.append(({k: row.get(k) for k in STORED_NODE_PROPERTIES[EVIDENCE]}, anchors))
    return out


def as_stored(graph: Graph) -> Graph:
    """The graph as a store shows it once loaded from a neo4j-admin or cypher export: each fact's
    ``support`` (``support_rows``, earliest first) and the ``properties`` derived from it."""
    dates = _article_dates(graph)
    rels = []
    for r in graph["relationships"]:
        support = earliest_first(support_rows(r, dates))
        props = {k: v for k, v in (r.get("properties") or {}).items()
                 if v is not None and k not in (*DERIVED_PROPERTIES, *SEEN_PROPERTIES)}
        props.update(provenance(support, r["type"]))
        rels.append({**r, "properties": props, "support": support})
    return {**graph, "relationships": rels}


# -- neo4j-admin ------------------------------------------------------------------------------


def _admin_type(schema_type: str) -> str:
    return "string[]" if schema_type.endswith("[]") else "string"


def _admin_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return str(value).replace(ARRAY_DELIMITER, " ")


def admin_command(node_files: list[str], rel_files: list[str], database: str = "neo4j") -> list[str]:
    """The ``neo4j-admin database import full`` arguments for the files (relative names)."""
    return [
        "neo4j-admin", "database", "import", "full",
        *(f"--nodes={name}" for name in node_files),
        *(f"--relationships={name}" for name in rel_files),
        "--delimiter=,",
        f"--array-delimiter={ARRAY_DELIMITER_FLAG}",
        "--multiline-fields=true",
        "--id-type=string",
        database,
    ]


def _admin_node_header(label: str) -> list[str]:
    schema = STORED_NODE_PROPERTIES[label]
    return ["id:ID", ":LABEL", *(f"{k}:{_admin_type(schema[k])}" for k in schema if k != "id")]


def _admin_rel_header(rel_type: str) -> list[str]:
    props = STORED_REL_TYPES[rel_type].properties
    return [":START_ID", ":END_ID", ":TYPE", *(f"{k}:{_admin_type(t)}" for k, t in props.items())]


def _write_admin_nodes(path: Path, label: str, rows: list[dict[str, Any]]) -> None:
    schema = STORED_NODE_PROPERTIES[label]
    props = [k for k in schema if k != "id"]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(_admin_node_header(label))
        for row in rows:
            w.writerow([row["id"], label, *(_admin_value(row.get(k)) for k in props)])


def _write_admin_rels(path: Path, rel_type: str, ends: list[tuple[str, str]]) -> None:
    props = STORED_REL_TYPES[rel_type].properties  # none: a fact's provenance is its Evidence
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(_admin_rel_header(rel_type))
        for start, end in ends:
            w.writerow([start, end, rel_type, *([None] * len(props))])


def write_neo4j_admin(graph: Graph, out: Path) -> list[Path]:
    """The physical schema: one CSV per label, ``Evidence`` included (``id:ID``, ``:LABEL``, typed
    properties), and per relationship type, ``SUPPORTS`` included (``:START_ID``, ``:END_ID``,
    ``:TYPE``); the import command in ``neo4j-admin-import.sh`` (run it from this folder) and the
    constraints to create afterwards."""
    out.mkdir(parents=True, exist_ok=True)
    present = {n["id"] for n in graph["nodes"]}
    evidence = evidence_nodes(graph)
    nodes: dict[str, list[dict[str, Any]]] = {label: [] for label in STORED_NODE_PROPERTIES}
    for n in graph["nodes"]:
        nodes[n["labels"][0]].append({**(n.get("properties") or {}), "id": n["id"]})
    nodes[EVIDENCE] = [row for row, _ in evidence]
    rels: dict[str, list[tuple[str, str]]] = {rel_type: [] for rel_type in STORED_REL_TYPES}
    for r in graph["relationships"]:
        if r["start"] in present and r["end"] in present:
            rels[r["type"]].append((r["start"], r["end"]))
    rels[SUPPORTS] = [(row["id"], anchor) for row, anchors in evidence for anchor in anchors if anchor in present]

    written: list[Path] = []
    files: dict[str, list[str]] = {"nodes": [], "relationships": []}
    for kind, groups, write in (("nodes", nodes, _write_admin_nodes), ("relationships", rels, _write_admin_rels)):
        for name, rows in groups.items():
            if rows:
                path = out / f"{kind}_{name}.csv"
                write(path, name, rows)
                files[kind].append(path.name)
                written.append(path)
    return [*written, *_write_admin_script(out, files)]


def _write_admin_script(out: Path, files: dict[str, list[str]]) -> list[Path]:
    """``neo4j-admin-import.sh`` (the import command, run from the folder) and ``constraints.cypher``."""
    command = admin_command(files["nodes"], files["relationships"])
    script = out / "neo4j-admin-import.sh"
    script.write_text(
        "#!/bin/sh\n"
        "# Load these files into an empty, stopped Neo4j 5 database, then create the constraints:\n"
        "#   cypher-shell -f constraints.cypher\n"
        'cd "$(dirname "$0")" || exit 1\n'
        + shlex.join(command) + "\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    constraints = out / "constraints.cypher"
    constraints.write_text("".join(s + ";\n" for s in neo4j_ddl()), encoding="utf-8")
    return [script, constraints]


def write_neo4j_admin_from_store(store: Any, out: Path) -> tuple[list[Path], int, int]:
    """``write_neo4j_admin(store.export(), out)`` for the whole of an embedded store, without
    holding the graph: nodes and facts are read per label and per type, and the Evidence nodes
    and their SUPPORTS links written page chunk by page chunk as they are read. The same files
    (rows in another order). Returns the files, and the nodes (Evidence aside) and facts written.

    Measured (2026-11, the 100k-article graph: 303,703 nodes, 2.28 million facts, 3.6 million
    Evidence rows): through ``export()`` 230 s and 12.9 GB, since every fact held its evidence."""
    from graph.provenance import LADYBUG_ENTRIES_OF_PAGES, page_chunks

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {"nodes": [], "relationships": []}
    written: list[Path] = []
    nodes = facts = 0

    def done(kind: str, path: Path, rows: int) -> None:
        if rows:
            files[kind].append(path.name)
            written.append(path)
        else:
            path.unlink()  # as write_neo4j_admin: no file for what the graph has none of

    for label in NODE_PROPERTIES:
        columns = ", ".join(f"n.{k} AS {k}" for k in NODE_PROPERTIES[label])
        rows = store.query(f"MATCH (n:{label}) RETURN {columns}")
        path = out / f"nodes_{label}.csv"
        _write_admin_nodes(path, label, rows)
        nodes += len(rows)
        done("nodes", path, len(rows))
    # Evidence: one row per (fact, article), from the pages that keep sentences (a HOLDS row is
    # also on its position's sentenceless page), each written once (graph/schema.py).
    pages = [row["id"] for row in store.query(f"{PAGES_READ_ONCE} RETURN pg.id AS id")]
    evidence_path, supports_path = out / f"nodes_{EVIDENCE}.csv", out / f"relationships_{SUPPORTS}.csv"
    evidence_props = [k for k in STORED_NODE_PROPERTIES[EVIDENCE] if k != "id"]
    entries = 0
    with evidence_path.open("w", newline="", encoding="utf-8") as ef, supports_path.open("w", newline="", encoding="utf-8") as sf:
        evidence_csv, supports_csv = csv.writer(ef), csv.writer(sf)
        evidence_csv.writerow(_admin_node_header(EVIDENCE))
        supports_csv.writerow(_admin_rel_header(SUPPORTS))
        for chunk in page_chunks(pages):
            for e in store.query(LADYBUG_ENTRIES_OF_PAGES, {"ids": chunk}):
                row_id = evidence_id(e["type"], e["start_id"], e["end_id"], e["article"])
                evidence_csv.writerow([row_id, EVIDENCE, *(_admin_value(e.get(k)) for k in evidence_props)])
                for anchor in anchor_ids(REL_TYPES[e["type"]], e["start_id"], e["end_id"], e["article"]):
                    supports_csv.writerow([row_id, anchor, SUPPORTS])
                entries += 1
    done("nodes", evidence_path, entries)
    for rel_type, rel in REL_TYPES.items():
        ends = []
        for start_label, end_label in rel.endpoints:
            ends += [(r["s"], r["t"]) for r in store.query(
                f"MATCH (a:{start_label})-[:{rel_type}]->(b:{end_label}) RETURN a.id AS s, b.id AS t")]
        path = out / f"relationships_{rel_type}.csv"
        _write_admin_rels(path, rel_type, ends)
        facts += len(ends)
        done("relationships", path, len(ends))
    done("relationships", supports_path, entries)
    return [*written, *_write_admin_script(out, files)], nodes, facts  # in write_neo4j_admin's order


def _read_admin_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def read_neo4j_admin(folder: Path) -> Graph:
    """Read a neo4j-admin export back the way the importer reads it and partykg then shows it
    (for round-trip checks): the entity nodes, and each fact with the ``properties`` and
    ``support`` its Evidence gives (graph/provenance.py), like ``Store.export()``."""
    nodes, evidence = [], {}
    for path in sorted(folder.glob("nodes_*.csv")):
        header, rows = _read_admin_csv(path)
        for row in rows:
            props: dict[str, Any] = {}
            node_id, labels = None, []
            for col, value in zip(header, row):
                name, _, kind = col.partition(":")
                if kind == "ID":
                    node_id = value
                    props[name] = value
                elif kind == "LABEL":
                    labels = value.split(";")
                elif value != "":
                    props[name] = value.split(ARRAY_DELIMITER) if kind.endswith("[]") else value
            if labels == [EVIDENCE]:
                evidence[node_id] = props
            else:
                nodes.append({"id": node_id, "labels": labels, "properties": props})
    facts = []
    for path in sorted(folder.glob("relationships_*.csv")):
        header, rows = _read_admin_csv(path)
        for row in rows:
            ends = {col.partition(":")[2]: value for col, value in zip(header, row)}
            if ends["TYPE"] != SUPPORTS:
                facts.append((ends["TYPE"], ends["START_ID"], ends["END_ID"]))
    by_fact: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for e in evidence.values():
        row = {"type": e["type"], "start_id": e["start_id"], "end_id": e["end_id"], "article": e["article"],
               "published": e.get("published"), "sentence": e.get("sentence")}
        by_fact.setdefault(fact_of(row), []).append(row)
    rels = []
    for fact in facts:
        rows = earliest_first(by_fact.get(fact, []))
        rel_type, start, end = fact
        rels.append({"id": f"{rel_type}:{start}->{end}", "type": rel_type, "start": start, "end": end,
                     "properties": provenance(rows, rel_type),
                     "support": [{"article": r["article"], "published": r["published"], "sentence": r["sentence"]}
                                 for r in rows]})
    return {"nodes": nodes, "relationships": rels}


# -- cypher script ----------------------------------------------------------------------------


def cypher_string(value: str) -> str:
    """A Cypher string literal: single quotes, with backslash, quote and control characters escaped."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    return cypher_string(str(value))


def _merge_node(label: str, node_id: str, props: dict[str, Any]) -> str:
    props = {k: v for k, v in props.items() if k != "id" and v is not None}
    text = f"MERGE (n:{label} {{id: {cypher_string(node_id)}}})"
    if props:
        text += " SET " + ", ".join(f"n.{k} = {cypher_value(v)}" for k, v in sorted(props.items()))
    return text


def _merge_rel(rel_type: str, start: tuple[str, str], end: tuple[str, str]) -> str:
    return (f"MATCH (a:{start[0]} {{id: {cypher_string(start[1])}}}), (b:{end[0]} {{id: {cypher_string(end[1])}}}) "
            f"MERGE (a)-[r:{rel_type}]->(b)")


def cypher_statements(graph: Graph, constraints: bool = True) -> list[str]:
    """The script's statements (without the trailing ``;``), in the physical schema: constraints,
    entity nodes, Evidence nodes, facts (no properties), then each Evidence's SUPPORTS link."""
    statements = list(neo4j_ddl()) if constraints else []
    labels = {n["id"]: n["labels"][0] for n in graph["nodes"]}
    evidence = evidence_nodes(graph)
    statements += [_merge_node(n["labels"][0], n["id"], n.get("properties") or {}) for n in graph["nodes"]]
    statements += [_merge_node(EVIDENCE, row["id"], row) for row, _ in evidence]
    statements += [_merge_rel(r["type"], (labels[r["start"]], r["start"]), (labels[r["end"]], r["end"]))
                   for r in graph["relationships"] if r["start"] in labels and r["end"] in labels]
    statements += [_merge_rel(SUPPORTS, (EVIDENCE, row["id"]), (labels[anchor], anchor))
                   for row, anchors in evidence for anchor in anchors if anchor in labels]
    return statements


def write_cypher(graph: Graph, out: Path) -> list[Path]:
    with out.open("w", encoding="utf-8") as f:
        f.write("// partykg export: run with cypher-shell -f; safe to run twice (MERGE by id).\n")
        for statement in cypher_statements(graph):
            f.write(statement + ";\n")
    return [out]


def _check_schema(graph: Graph) -> None:
    for n in graph["nodes"]:
        if not n.get("labels") or n["labels"][0] not in NODE_PROPERTIES:
            raise UserError(f"node {n.get('id')!r} has no known label ({n.get('labels')})")
    for r in graph["relationships"]:
        if r.get("type") not in REL_TYPES:
            raise UserError(f"relationship {r.get('id')!r} has an unknown type {r.get('type')!r}")


WRITERS: dict[str, Callable[[Graph, Path], list[Path]]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "nodelink": write_nodelink,
    "csv": write_csv,
    "neo4j-admin": write_neo4j_admin,
    "cypher": write_cypher,
}


def export_graph(graph: Graph, fmt: str, out: str | os.PathLike[str]) -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``out`` (a file, or a folder for csv and neo4j-admin)."""
    if fmt not in WRITERS:
        raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _check_schema(graph)
    return _write_to(fmt, Path(out), lambda path: WRITERS[fmt](graph, path))


def export_store_for_neo4j_admin(store: Any, out: str | os.PathLike[str]) -> tuple[list[Path], int, int]:
    """``write_neo4j_admin_from_store`` with ``export_graph``'s checks and one-line errors."""
    return _write_to("neo4j-admin", Path(out), lambda path: write_neo4j_admin_from_store(store, path))


def _write_to(fmt: str, path: Path, write: Callable[[Path], Any]) -> Any:
    """``write(path)`` once ``path`` suits ``fmt`` (a folder or a file) and its folder exists; a
    file system error becomes a one-line UserError."""
    if fmt in FOLDER_FORMATS:
        if path.exists() and not path.is_dir():
            raise UserError(f"{path}: --format {fmt} writes a folder, but this is a file")
    elif path.is_dir():
        raise UserError(f"{path}: is a folder; --format {fmt} writes one file")
    parent = path if fmt in FOLDER_FORMATS else path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return write(path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
