"""The graph schema: the contract every part of partykg and every consumer relies on.

One description, from which both stores derive their DDL (LadybugDB node/rel tables, Neo4j
uniqueness constraints and indexes) and the Cypher linter its schema.
"""

from __future__ import annotations

from dataclasses import dataclass

# Property types: "STRING", "STRING[]", "DATE?" are all stored as strings (ISO dates compare
# correctly as strings and survive every export format unchanged).
NODE_PROPERTIES: dict[str, dict[str, str]] = {
    "Article": {
        "id": "STRING",
        "source": "STRING",
        "title": "STRING",
        "published": "STRING",
        "outlet": "STRING",
        "url": "STRING",
    },
    "Person": {"id": "STRING", "name": "STRING", "search": "STRING"},
    "Position": {"id": "STRING", "title": "STRING", "role": "STRING", "search": "STRING"},
    "Organization": {
        "id": "STRING",
        "name": "STRING",
        "kind": "STRING",
        "level": "STRING",
        "locality": "STRING",
        "search": "STRING",
    },
    "Meeting": {
        "id": "STRING",
        "name": "STRING",
        "kind": "STRING",
        "date": "STRING",
        "location": "STRING",
        "search": "STRING",
    },
    "Resolution": {
        "id": "STRING",
        "kind": "STRING",
        "number": "STRING",
        "name": "STRING",
        "issuer": "STRING",
        "term": "STRING",
        "search": "STRING",
    },
}

# The property a person sees as a node's caption.
CAPTION = {
    "Article": "title",
    "Person": "name",
    "Position": "title",
    "Organization": "name",
    "Meeting": "name",
    "Resolution": "name",
}

# Every fact carries provenance: the article and the sentence it came from. Neo4j stores it as an
# append-only ``Evidence`` node per (fact, article) (the embedded store in pages of them, below),
# linked by ``SUPPORTS`` to a node created with it, its anchor (``RelType.anchors``): the meeting
# of a meeting's facts, the article of the others (a fact's ends only where queries must reach its
# evidence from them: the person and the position of HOLDS, for first/last seen), and never on
# the relationship itself. Measured on LadybugDB (2026-11): a commit
# after a COPY into a relationship table rewrites the list and text columns of every node group it
# touches, so provenance lists on relationships made each batch's write grow with the graph
# (commit 0.9 -> 12.8 s per 2,500 articles over 17.5k articles); and links from each fact's
# evidence to its hub end (a position, a committee) still grew (SUPPORTS copy 0.6 -> 2.2 s per
# batch from 10k to 30k articles). Links to new nodes, relationships without such columns, and
# nodes appended to a table write in near-constant time. Facts are written once and never
# updated; what a user sees as a fact's ``sources``, ``evidence`` and (HOLDS)
# ``first_seen``/``last_seen`` is read from its evidence (graph/provenance.py).
EVIDENCE = "Evidence"
EVIDENCE_PROPERTIES = {
    "id": "STRING",  # evidence_id(type, start, end, article)
    "type": "STRING",  # the fact's relationship type
    "start_id": "STRING",  # the id of the fact's start node
    "end_id": "STRING",  # the id of the fact's end node
    "article": "STRING",  # the article's id
    "published": "STRING",  # the article's date (ISO), for ordering and first/last seen
    "sentence": "STRING",  # the sentence the fact came from ("" when none is kept)
}
SUPPORTS = "SUPPORTS"

# The embedded store keeps the same evidence in pages: one ``EvidencePage`` per (anchor, batch)
# holding the entries (the Evidence properties, minus ``id``) that batch brought for that anchor,
# linked to it by ``SUPPORTS``. Measured on LadybugDB 0.22 (2026-11): every COPY into a
# relationship table, or into a node table, holds memory in proportion to the node tables it
# touches until the transaction commits (~70 bytes per node of each end's table: a COPY of 20,000
# links from a 4-million-node table took 280 MB, from a 100,000-node table 38 MB, whatever the
# number of links already stored). One Evidence node per (fact, article) made each batch's four
# SUPPORTS copies and its Evidence copy hold 1.5 GB at 100k articles (4.3 million Evidence nodes),
# growing with the archive; pages are ~7x fewer nodes. A page is written once, with the articles
# new to the graph that its batch brings, and never updated, so a fact's evidence from an article
# is stored exactly once per anchor. The Position pages of HOLDS keep dates but no sentences
# (queries read a holder's sentences from the person's pages); reading evidence back skips them.
EVIDENCE_PAGE = "EvidencePage"
PAGE_ENTRY_FIELDS = ("type", "start_id", "end_id", "article", "published", "sentence")
EVIDENCE_PAGE_PROPERTIES = {
    "id": "STRING",  # page_id(anchor label, anchor id, the first of its articles)
    "anchor": "STRING",  # the anchor's label
    "entries": "STRUCT(" + ", ".join(f"{k} STRING" for k in PAGE_ENTRY_FIELDS) + ")[]",
    "rows": "INT64",  # how many entries (counted without reading them)
}
SENTENCELESS_ANCHORS = ("Position",)
# The pages each of whose rows is read once (Cypher, the embedded store): counts, exports.
PAGES_READ_ONCE = (f"MATCH (pg:{EVIDENCE_PAGE}) WHERE NOT pg.anchor IN ["
                   + ", ".join(f"'{a}'" for a in SENTENCELESS_ANCHORS) + "]")


def page_id(anchor_label: str, anchor: str, first_article: str) -> str:
    """One batch's page of evidence for one anchor: an article is written in one batch only."""
    return "\t".join((anchor_label, anchor, first_article))


EVIDENCE_CAP = 5
DERIVED_PROPERTIES = ("sources", "evidence")  # plus first_seen/last_seen on HOLDS
SEEN_PROPERTIES = ("first_seen", "last_seen")


def evidence_id(rel_type: str, start: str, end: str, article: str) -> str:
    """One fact's evidence from one article (ids never contain a tab)."""
    return "\t".join((rel_type, start, end, article))


@dataclass(frozen=True)
class RelType:
    name: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, str]
    anchors: tuple[str, ...] = ("article",)  # the nodes its Evidence SUPPORTS: "start", "end", "article"


REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in [
        RelType("HOLDS", (("Person", "Position"),), {}, ("start", "end")),
        RelType("OF", (("Position", "Organization"),), {}),
        RelType("PART_OF", (("Organization", "Organization"),), {}),
        RelType("CHAIRED", (("Person", "Meeting"),), {}, ("end",)),
        RelType("ATTENDED", (("Person", "Meeting"),), {}, ("end",)),
        RelType("SPOKE_AT", (("Person", "Meeting"),), {}, ("end",)),
        RelType("ORGANIZED", (("Organization", "Meeting"),), {}, ("end",)),
        RelType("DISCUSSED", (("Meeting", "Resolution"),), {}, ("start",)),
        RelType("ISSUED", (("Organization", "Resolution"),), {}),
        RelType("WROTE", (("Person", "Article"),), {}),
        RelType(
            "MENTIONED_IN",
            (
                ("Person", "Article"),
                ("Organization", "Article"),
                ("Meeting", "Article"),
                ("Resolution", "Article"),
            ),
            {},
        ),
    ]
}

def anchor_labels(rel: RelType, start_label: str, end_label: str) -> list[str]:
    return [{"start": start_label, "end": end_label}.get(a, "Article") for a in rel.anchors]


def anchor_ids(rel: RelType, start: str, end: str, article: str) -> list[str]:
    return [{"start": start, "end": end}.get(a, article) for a in rel.anchors]


ANCHOR_LABELS = tuple(sorted({label for rel in REL_TYPES.values() for ends in rel.endpoints
                              for label in anchor_labels(rel, *ends)}))
SUPPORTS_TYPE = RelType(SUPPORTS, tuple((EVIDENCE, label) for label in ANCHOR_LABELS), {})

# What Neo4j holds (and the Neo4j exports write): the entity labels and fact types plus the
# evidence that backs the facts, one node per (fact, article).
STORED_NODE_PROPERTIES: dict[str, dict[str, str]] = {**NODE_PROPERTIES, EVIDENCE: EVIDENCE_PROPERTIES}
STORED_REL_TYPES: dict[str, RelType] = {**REL_TYPES, SUPPORTS: SUPPORTS_TYPE}

LABELS = tuple(NODE_PROPERTIES)

# What the embedded store holds: the same entities and facts, and evidence pages.
LADYBUG_NODE_PROPERTIES: dict[str, dict[str, str]] = {**NODE_PROPERTIES, EVIDENCE_PAGE: EVIDENCE_PAGE_PROPERTIES}
LADYBUG_REL_TYPES: dict[str, RelType] = {
    **REL_TYPES, SUPPORTS: RelType(SUPPORTS, tuple((EVIDENCE_PAGE, label) for label in ANCHOR_LABELS), {})}

ORG_KINDS = (
    "party committee",  # Thành ủy Hà Nội, Huyện ủy Chương Mỹ, Ban Chấp hành Trung ương
    "standing committee",  # Ban Thường vụ ..., Bộ Chính trị, Ban Bí thư
    "commission",  # Ban Tổ chức ..., Ủy ban Kiểm tra ..., Ban Tuyên giáo ...
    "party organisation",  # Đảng bộ thành phố Hà Nội, Đảng bộ Khối ...
    "grassroots organisation",  # chi bộ, đảng bộ cơ sở
    "state body",  # Quốc hội, Hội đồng nhân dân ..., Ủy ban nhân dân ...
    "mass organisation",  # Mặt trận Tổ quốc, Đoàn Thanh niên ...
    "steering committee",  # Ban Chỉ đạo ...
    "working group",  # Đoàn kiểm tra, Tổ công tác
    "other",
)
LEVELS = ("central", "provincial", "district", "grassroots")
MEETING_KINDS = ("hội nghị", "đại hội", "buổi làm việc", "giao ban", "kỳ họp", "hội nghị trực tuyến", "other")
RESOLUTION_KINDS = (
    "Nghị quyết",
    "Chỉ thị",
    "Quy định",
    "Kết luận",
    "Đề án",
    "Chương trình",
    "Kế hoạch",
    "Quyết định",
    "Hướng dẫn",
)


def ladybug_ddl(nodes: dict[str, dict[str, str]] | None = None,
                rels: dict[str, RelType] | None = None) -> list[str]:
    """CREATE statements for the embedded store (LadybugDB / Kùzu dialect); given ``nodes`` and
    ``rels`` (``STORED_*``: Neo4j's layout), those tables instead."""
    ddl = []
    for label, props in (nodes or LADYBUG_NODE_PROPERTIES).items():
        cols = ", ".join(f"{k} {t}" for k, t in props.items())
        ddl.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY(id))")
    for rel in (rels or LADYBUG_REL_TYPES).values():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in rel.endpoints)
        cols = "".join(f", {k} {t}" for k, t in rel.properties.items())
        ddl.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({ends}{cols})")
    return ddl


def neo4j_ddl() -> list[str]:
    """Constraints and indexes for Neo4j 5: unique ids, search keys indexed."""
    ddl = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in (*LABELS, EVIDENCE)
    ]
    ddl += [
        f"CREATE INDEX {label.lower()}_search IF NOT EXISTS FOR (n:{label}) ON (n.search)"
        for label, props in NODE_PROPERTIES.items()
        if "search" in props
    ]
    return ddl


# Cypher both stores write with (the same text is valid in Neo4j 5 and LadybugDB).
def node_merge_statement(label: str, sep: str = " ", rows: str = "rows", written: str = "written") -> str:
    """MERGE one label's rows (parameter ``$rows``) by id; a null in a row keeps the stored value
    (never erases it); returns how many rows it merged as ``written``."""
    sets = ", ".join(f"n.{k} = coalesce(row.{k}, n.{k})" for k in STORED_NODE_PROPERTIES[label] if k != "id")
    return sep.join([f"UNWIND ${rows} AS row", f"MERGE (n:{label} {{id: row.id}})", f"SET {sets}",
                     f"RETURN count(*) AS {written}"])
