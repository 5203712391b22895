"""Turn extraction records into graph rows: the one place the schema's mapping lives.

``build_batch`` is pure: the same extractions give the same rows, and rows with the same id
merge (provenance lists are unioned up to the caps in graph/schema.py, ``first_seen``/``last_seen``
widened), so a batch can be written to either store with MERGE semantics and loading twice changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph import ids
from graph.schema import LIST_PROPERTIES, NODE_PROPERTIES, PROVENANCE_CAPS, REL_TYPES
from loaders.records import Extraction, Person, Resolution
from loaders.textnorm import fold

ROLE_REL = {"chair": "CHAIRED", "attendee": "ATTENDED", "speaker": "SPOKE_AT"}


@dataclass(slots=True)
class NodeRow:
    label: str
    id: str
    props: dict[str, Any]


@dataclass(slots=True)
class RelRow:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: dict[str, Any]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.start, self.end)


@dataclass
class GraphBatch:
    nodes: dict[tuple[str, str], NodeRow] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], RelRow] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)

    def node(self, label: str, id_: str, **props: Any) -> str:
        props = {"id": id_, **props}
        row = self.nodes.get((label, id_))
        if row is None:
            self.nodes[(label, id_)] = NodeRow(label, id_, props)
        else:  # keep known values; fill the gaps
            for k, v in props.items():
                if row.props.get(k) in (None, "") and v not in (None, ""):
                    row.props[k] = v
        return id_

    def rel(
        self,
        type_: str,
        start: tuple[str, str],
        end: tuple[str, str],
        article: str,
        evidence: Iterable[str] = (),
        seen: str | None = None,
    ) -> None:
        key = (type_, start[1], end[1])
        row = self.rels.get(key)
        if row is None:
            props: dict[str, Any] = {"sources": [], "evidence": []}
            if type_ == "HOLDS":
                props["first_seen"] = props["last_seen"] = None
            row = self.rels[key] = RelRow(type_, start[0], start[1], end[0], end[1], props)
        merge_provenance(row.props, [article], list(evidence))
        if type_ == "HOLDS" and seen:
            widen_seen(row.props, seen, seen)

    def merge(self, other: GraphBatch) -> None:
        for key, n in other.nodes.items():
            self.node(n.label, n.id, **{k: v for k, v in n.props.items() if k != "id"})
        for key, r in other.rels.items():
            mine = self.rels.get(key)
            if mine is None:
                self.rels[key] = RelRow(r.type, r.start_label, r.start, r.end_label, r.end, dict(r.props))
            else:
                merge_provenance(mine.props, r.props["sources"], r.props["evidence"])
                if r.type == "HOLDS":
                    widen_seen(mine.props, r.props.get("first_seen"), r.props.get("last_seen"))
        known = set(self.articles)  # a set: a write batch merges thousands of articles
        self.articles.extend(a for a in other.articles if a not in known)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label, _ in self.nodes:
            out[label] = out.get(label, 0) + 1
        for type_, _, _ in self.rels:
            out[type_] = out.get(type_, 0) + 1
        return out


def merge_provenance(props: dict[str, Any], sources: Iterable[str], evidence: Iterable[str]) -> None:
    """Append unseen values in order, keeping only the first PROVENANCE_CAPS[k] (graph/schema.py),
    as the stores do, so any grouping of the same articles into batches gives the same lists."""
    for k, new in (("sources", sources), ("evidence", evidence)):
        cur = props.setdefault(k, [])
        cap = PROVENANCE_CAPS[k]
        for v in new:
            if len(cur) >= cap:
                break
            if v and v not in cur:
                cur.append(v)


def widen_seen(props: dict[str, Any], first: str | None, last: str | None) -> None:
    if first and (props.get("first_seen") is None or first < props["first_seen"]):
        props["first_seen"] = first
    if last and (props.get("last_seen") is None or last > props["last_seen"]):
        props["last_seen"] = last


def person_key(p: Person) -> str:
    return ids.person_id(p.name, p.scope)


def build_batch(extractions: Iterable[Extraction]) -> GraphBatch:
    batch = GraphBatch()
    for ex in extractions:
        add_extraction(batch, ex)
    return batch


def add_extraction(batch: GraphBatch, ex: Extraction) -> None:
    a = ex.article
    art = ("Article", batch.node("Article", a.id, source=a.source, title=a.title, published=a.published,
                                 outlet=a.outlet, url=a.url))
    batch.articles.append(a.id)

    orgs: dict[str, tuple[str, str]] = {}
    for o in ex.organizations:
        oid = batch.node("Organization", ids.org_id(o.name), name=o.name, kind=o.kind, level=o.level,
                         locality=o.locality, search=fold(o.name))
        orgs[o.name] = ("Organization", oid)
        batch.rel("MENTIONED_IN", orgs[o.name], art, a.id, o.evidence[:1])

    def org_ref(name: str) -> tuple[str, str]:
        # A name referred to but not listed (a parent, an issuer) still becomes a node.
        if name not in orgs:
            orgs[name] = ("Organization", batch.node("Organization", ids.org_id(name), name=name, search=fold(name)))
        return orgs[name]

    for o in ex.organizations:
        if o.parent:
            batch.rel("PART_OF", orgs[o.name], org_ref(o.parent), a.id, o.evidence[:1])

    people: dict[str, tuple[str, str]] = {}
    for p in ex.persons:
        pid = ("Person", batch.node("Person", person_key(p), name=p.name, search=fold(p.name)))
        people[p.name] = pid
        if p.is_author:
            batch.rel("WROTE", pid, art, a.id, p.evidence[:1])
            continue
        batch.rel("MENTIONED_IN", pid, art, a.id, p.evidence[:1])
        for t in p.titles:
            pos = ("Position", batch.node("Position", ids.position_id(t.text), title=t.text, role=t.role,
                                          search=fold(t.text)))
            batch.rel("HOLDS", pid, pos, a.id, [t.evidence], seen=a.published)
            if t.org:
                batch.rel("OF", pos, org_ref(t.org), a.id, [t.evidence])

    resolutions: dict[str, tuple[str, str]] = {}
    for r in ex.resolutions:
        rid = ("Resolution", batch.node("Resolution", ids.resolution_id(r.kind, r.number, r.name, r.issuer),
                                        kind=r.kind, number=r.number, name=r.name, issuer=r.issuer, term=r.term,
                                        search=resolution_search_key(r)))
        resolutions[r.name] = rid
        batch.rel("MENTIONED_IN", rid, art, a.id, r.evidence[:1])
        if r.issuer and (r.issuer in orgs or not _is_congress(r.issuer)):
            batch.rel("ISSUED", org_ref(r.issuer), rid, a.id, r.evidence[:1])

    for m in ex.meetings:
        mid = ("Meeting", batch.node("Meeting", ids.meeting_id(m.kind, m.name, m.date, a.id), name=m.name,
                                     kind=m.kind, date=m.date, location=m.location, search=fold(m.name)))
        batch.rel("MENTIONED_IN", mid, art, a.id, m.evidence[:1])
        for org in m.organizers:
            batch.rel("ORGANIZED", org_ref(org), mid, a.id, m.evidence[:1])
        for part in m.participants:
            if part.person in people:
                batch.rel(ROLE_REL[part.role], people[part.person], mid, a.id, [part.evidence])
        for name in m.discussed:
            if name in resolutions:
                batch.rel("DISCUSSED", mid, resolutions[name], a.id, resolutions_evidence(ex, name))


def resolution_search_key(r: Resolution) -> str:
    """The folded name plus the document's number in its full form, so "05-CT/TW" finds the
    directive whichever way an article wrote it ("Chỉ thị 05 của Bộ Chính trị")."""
    full = ids.full_number(r.kind, r.number, r.issuer)
    return fold(r.name) + (" | " + fold(full) if full else "")


def resolutions_evidence(ex: Extraction, name: str) -> list[str]:
    for r in ex.resolutions:
        if r.name == name:
            return r.evidence[:1]
    return []


def _is_congress(issuer: str) -> bool:
    return fold(issuer).startswith("dai hoi")


def node_rows(batch: GraphBatch) -> dict[str, list[dict[str, Any]]]:
    """Node rows per label, each with every schema property of the label (missing or "" -> None),
    the shape the stores' ``UNWIND $rows`` statements and bulk loaders expect."""
    out: dict[str, list[dict[str, Any]]] = {}
    for (label, _), row in sorted(batch.nodes.items()):
        props = NODE_PROPERTIES[label]
        out.setdefault(label, []).append({k: row.props.get(k) if row.props.get(k) != "" else None for k in props})
    return out


def rel_rows(batch: GraphBatch) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Relationship rows per (type, start label, end label): {"src", "dst", *schema properties}
    with provenance lists never null and never longer than their caps."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for _, r in sorted(batch.rels.items()):
        row: dict[str, Any] = {"src": r.start, "dst": r.end}
        for k in REL_TYPES[r.type].properties:
            v = r.props.get(k)
            row[k] = list(v or [])[: PROVENANCE_CAPS[k]] if k in LIST_PROPERTIES else (v if v != "" else None)
        out.setdefault((r.type, r.start_label, r.end_label), []).append(row)
    return out
