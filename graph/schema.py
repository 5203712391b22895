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

# Every fact relationship carries provenance.
PROVENANCE = {"sources": "STRING[]", "evidence": "STRING[]"}

# Provenance keeps the first N: ``sources`` the first SOURCES_CAP distinct article ids and
# ``evidence`` the first EVIDENCE_CAP distinct sentences, in the order articles were written.
# Hub facts (a common position OF its committee) are supported by thousands of articles; unbounded
# lists made every batch rewrite them (quadratic write cost and memory). So the article count of a
# fact is ``len(sources)`` only below the cap; at the cap it means "at least SOURCES_CAP articles"
# (an entity's MENTIONED_IN relationships, one per article, are not capped). Both stores and
# graph/batch.py apply the caps.
SOURCES_CAP = 100
EVIDENCE_CAP = 5
PROVENANCE_CAPS = {"sources": SOURCES_CAP, "evidence": EVIDENCE_CAP}


@dataclass(frozen=True)
class RelType:
    name: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, str]


REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in [
        RelType("HOLDS", (("Person", "Position"),), {**PROVENANCE, "first_seen": "STRING", "last_seen": "STRING"}),
        RelType("OF", (("Position", "Organization"),), dict(PROVENANCE)),
        RelType("PART_OF", (("Organization", "Organization"),), dict(PROVENANCE)),
        RelType("CHAIRED", (("Person", "Meeting"),), dict(PROVENANCE)),
        RelType("ATTENDED", (("Person", "Meeting"),), dict(PROVENANCE)),
        RelType("SPOKE_AT", (("Person", "Meeting"),), dict(PROVENANCE)),
        RelType("ORGANIZED", (("Organization", "Meeting"),), dict(PROVENANCE)),
        RelType("DISCUSSED", (("Meeting", "Resolution"),), dict(PROVENANCE)),
        RelType("ISSUED", (("Organization", "Resolution"),), dict(PROVENANCE)),
        RelType("WROTE", (("Person", "Article"),), dict(PROVENANCE)),
        RelType(
            "MENTIONED_IN",
            (
                ("Person", "Article"),
                ("Organization", "Article"),
                ("Meeting", "Article"),
                ("Resolution", "Article"),
            ),
            dict(PROVENANCE),
        ),
    ]
}

LABELS = tuple(NODE_PROPERTIES)
LIST_PROPERTIES = {"sources", "evidence"}

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


def ladybug_ddl() -> list[str]:
    """CREATE statements for the embedded store (LadybugDB / Kùzu dialect)."""
    ddl = []
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(f"{k} {t}" for k, t in props.items())
        ddl.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY(id))")
    for rel in REL_TYPES.values():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in rel.endpoints)
        cols = ", ".join(f"{k} {t}" for k, t in rel.properties.items())
        ddl.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({ends}, {cols})")
    return ddl


def neo4j_ddl() -> list[str]:
    """Constraints and indexes for Neo4j 5: unique ids, search keys indexed."""
    ddl = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in LABELS
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
    sets = ", ".join(f"n.{k} = coalesce(row.{k}, n.{k})" for k in NODE_PROPERTIES[label] if k != "id")
    return sep.join([f"UNWIND ${rows} AS row", f"MERGE (n:{label} {{id: row.id}})", f"SET {sets}",
                     f"RETURN count(*) AS {written}"])


# On a relationship seen again, HOLDS's first/last seen dates widen to cover the new row.
SEEN_WIDENING = [
    "r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen"
    " THEN coalesce(row.first_seen, r.first_seen) ELSE r.first_seen END",
    "r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen"
    " THEN coalesce(row.last_seen, r.last_seen) ELSE r.last_seen END",
]
