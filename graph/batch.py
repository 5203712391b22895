"""Turn extraction records into graph rows: the one place the schema's mapping lives.

``build_batch`` is pure: the same extractions give the same rows, and rows with the same id
merge (a fact keeps the first sentence each article gives it), so a batch can be written to either
store with MERGE semantics and loading twice changes nothing. A fact's provenance leaves as
``Evidence`` rows, one per (fact, article), each ``SUPPORTS`` the fact's anchors
(graph/schema.py), or for the embedded store as evidence pages (``page_rows``); the fact's own
row has no properties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph import ids
from graph.schema import (
    EVIDENCE,
    EVIDENCE_PAGE,
    NODE_PROPERTIES,
    REL_TYPES,
    SENTENCELESS_ANCHORS,
    SUPPORTS,
    anchor_ids,
    anchor_labels,
    evidence_id,
    page_id,
)
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
    ) -> None:
        """The fact ``start -[type_]-> end``, stated by ``article`` in the first of ``evidence``."""
        key = (type_, start[1], end[1])
        row = self.rels.get(key)
        if row is None:
            row = self.rels[key] = RelRow(type_, start[0], start[1], end[0], end[1], {"support": {}})
        add_support(row.props["support"], {article: next((e for e in evidence if e), "")})

    def merge(self, other: GraphBatch) -> None:
        for key, n in other.nodes.items():
            self.node(n.label, n.id, **{k: v for k, v in n.props.items() if k != "id"})
        for key, r in other.rels.items():
            mine = self.rels.get(key)
            if mine is None:
                self.rels[key] = RelRow(r.type, r.start_label, r.start, r.end_label, r.end,
                                        {"support": dict(r.props["support"])})
            else:
                add_support(mine.props["support"], r.props["support"])
        known = set(self.articles)  # a set: a write batch merges thousands of articles
        self.articles.extend(a for a in other.articles if a not in known)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label, _ in self.nodes:
            out[label] = out.get(label, 0) + 1
        for type_, _, _ in self.rels:
            out[type_] = out.get(type_, 0) + 1
        return out


def add_support(support: dict[str, str], new: dict[str, str]) -> None:
    """Each article's first sentence for a fact: a later sentence of the same article fills only
    a gap, so any grouping of the same articles into batches gives the same evidence."""
    for article, sentence in new.items():
        if not support.get(article):
            support[article] = sentence or ""


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

    # A selection finds the articles of PART_OF, OF and ISSUED through the child's MENTIONED_IN,
    # the position's HOLDS and the document's MENTIONED_IN written here (graph.provenance.ARTICLES_FROM).
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
            batch.rel("HOLDS", pid, pos, a.id, [t.evidence])
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


def node_rows(batch: GraphBatch, evidence: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Node rows per label, each with every schema property of the label (missing or "" -> None),
    the shape the stores' ``UNWIND $rows`` statements and bulk loaders expect; then, unless
    ``evidence`` is false (the embedded store writes ``page_rows`` instead), the facts'
    ``Evidence`` rows (``evidence_rows``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for (label, _), row in sorted(batch.nodes.items()):
        props = NODE_PROPERTIES[label]
        out.setdefault(label, []).append({k: row.props.get(k) if row.props.get(k) != "" else None for k in props})
    rows = evidence_rows(batch) if evidence else []
    if rows:
        out[EVIDENCE] = rows
    return out


def evidence_rows(batch: GraphBatch) -> list[dict[str, Any]]:
    """One row per (fact, article): the fact's type and ends, the article, its date and the
    sentence. Articles not in the batch (a fact merged from elsewhere) have no date here."""
    published = {id_: row.props.get("published") for (label, id_), row in batch.nodes.items() if label == "Article"}
    rows = []
    for r in batch.rels.values():  # in the order the batch met them: deterministic, and no sort to pay
        for article, sentence in r.props["support"].items():
            rows.append({"id": evidence_id(r.type, r.start, r.end, article), "type": r.type, "start_id": r.start,
                         "end_id": r.end,
                         "article": article, "published": published.get(article) or None,
                         "sentence": sentence or None})
    return rows


def rel_rows(batch: GraphBatch, supports: bool = True) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Relationship rows per (type, start label, end label): {"src", "dst"}; then, unless
    ``supports`` is false, each Evidence row's ``SUPPORTS`` link to its fact's anchor
    (graph/schema.py), per anchor label."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    links: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in batch.rels.values():
        out.setdefault((r.type, r.start_label, r.end_label), []).append({"src": r.start, "dst": r.end})
        if not supports:
            continue
        rel = REL_TYPES[r.type]
        for article in r.props["support"]:
            src = evidence_id(r.type, r.start, r.end, article)
            for label, anchor in zip(anchor_labels(rel, r.start_label, r.end_label),
                                     anchor_ids(rel, r.start, r.end, article), strict=True):
                links.setdefault((SUPPORTS, EVIDENCE, label), []).append({"src": src, "dst": anchor})
    out.update(links)
    return out


def page_rows(batch: GraphBatch, new_articles: set[str]) -> tuple[list[dict[str, Any]],
                                                                  dict[tuple[str, str, str], list[dict[str, Any]]]]:
    """The embedded store's evidence (graph/schema.py): one ``EvidencePage`` row per anchor, with
    the entries of the articles in ``new_articles`` (those this write adds to the graph: evidence
    from an article is written with it, once), and per anchor label its ``SUPPORTS`` links.
    Position pages keep no sentences. Entries are in the order the batch met them."""
    published = {id_: row.props.get("published") for (label, id_), row in batch.nodes.items() if label == "Article"}
    pages: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in batch.rels.values():
        rel = REL_TYPES[r.type]
        labels = anchor_labels(rel, r.start_label, r.end_label)
        for article, sentence in r.props["support"].items():
            if article not in new_articles:
                continue
            entry = {"type": r.type, "start_id": r.start, "end_id": r.end, "article": article,
                     "published": published.get(article) or None, "sentence": sentence or None}
            for label, anchor in zip(labels, anchor_ids(rel, r.start, r.end, article), strict=True):
                kept = {**entry, "sentence": None} if label in SENTENCELESS_ANCHORS else entry
                pages.setdefault((label, anchor), []).append(kept)
    rows: list[dict[str, Any]] = []
    links: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for (label, anchor), entries in pages.items():
        id_ = page_id(label, anchor, min(e["article"] for e in entries))
        rows.append({"id": id_, "anchor": label, "rows": len(entries), "entries": entries})
        links.setdefault((SUPPORTS, EVIDENCE_PAGE, label), []).append({"src": id_, "dst": anchor})
    return rows, links
