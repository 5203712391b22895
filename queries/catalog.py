"""The canned query catalogue: named, parameterised, documented Cypher for both stores.

Each query has one Neo4j 5 text (linted against graph.schema in CI) and, only where the
embedded store's dialect differs, a ``ladybug`` variant (LadybugDB is the Kùzu fork: no list
comprehensions, ``label(r)`` for ``type(r)``, ``* SHORTEST`` for ``shortestPath``).

Conventions every text follows, so the two dialects behave alike:

* user input arrives only as ``$parameters``; labels and types are fixed text here;
* names are matched on the stored ``search`` key (``loaders.textnorm.fold``): parameters of
  kind ``search`` are folded in Python before they reach Cypher, so "vu duc bao" finds
  "Vũ Đức Bảo"; ``words`` parameters become a list of folded words that must all occur, so
  "Quy định 205" finds "Quy định số 205-QĐ/TW của Bộ Chính trị";
* an optional filter is an empty string when not given (``$x = '' OR ...``): LadybugDB
  cannot type a null parameter;
* where one entity is meant (a person's profile, an organisation's hierarchy), an exact match
  of the search key wins, and a substring match is the fallback (``exact_or_contains``);
* ``UNION ALL`` queries cannot ORDER BY in both dialects, so ``sort_by`` orders them in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Param:
    name: str
    type: type  # str or int
    help: str
    default: Any = None  # None: required
    search: bool = False  # folded with loaders.textnorm.fold before it reaches Cypher
    words: bool = False  # folded, then split into a list of words that must all occur
    date: bool = False  # an ISO date YYYY-MM-DD (or empty)

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    neo4j: str
    ladybug: str | None = None  # None: the Neo4j text runs unchanged on LadybugDB
    sort_by: tuple[str, ...] = field(default=())  # Python-side order for UNION ALL queries
    prefer_exact: bool = False  # has an $exact flag: try exact names first (see exact_or_contains)

    def text(self, dialect: str) -> str:
        return self.ladybug if dialect == "ladybug" and self.ladybug else self.neo4j


def exact_or_contains(var: str, param: str) -> str:
    """A WHERE condition: ``var.search`` equals ``$param``, or, when ``$exact`` is false, contains it.

    run_query tries ``$exact = true`` first and falls back to false when nothing answers, so a
    name that exists exactly wins over the longer names containing it.
    """
    return f"({var}.search = ${param} OR (NOT $exact AND {var}.search CONTAINS ${param}))"


LIMIT = Param("limit", int, "at most this many rows", 200)
FROM_DATE = Param("from_date", str, "only meetings on or after this ISO date (YYYY-MM-DD)", "", date=True)
TO_DATE = Param("to_date", str, "only meetings on or before this ISO date (YYYY-MM-DD)", "", date=True)

DOCUMENT = Param("name", str, "words of the document's name or number, e.g. 'Chỉ thị 05' or '05-CT/TW'",
                 words=True)

_DATE_FILTER = "($from_date = '' OR m.date >= $from_date) AND ($to_date = '' OR m.date <= $to_date)"
_ORGANIZER_FILTER = (
    "($org = '' OR EXISTS { MATCH (g:Organization)-[:ORGANIZED]->(m) WHERE g.search CONTAINS $org })"
)

CHAIRS = Query(
    name="chairs",
    description="Who chaired which meeting, with the date, kind, organisers, evidence and source articles.",
    params=(
        Param("person", str, "only chairs whose name contains this", "", search=True),
        Param("org", str, "only meetings organised by an organisation whose name contains this", "", search=True),
        FROM_DATE,
        TO_DATE,
        LIMIT,
    ),
    neo4j=f"""
MATCH (p:Person)-[c:CHAIRED]->(m:Meeting)
WHERE ($person = '' OR p.search CONTAINS $person)
  AND {_DATE_FILTER}
  AND {_ORGANIZER_FILTER}
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
OPTIONAL MATCH (a:Article) WHERE a.id IN c.sources
RETURN p.name AS person, m.name AS meeting, m.date AS date, m.kind AS kind,
       collect(DISTINCT o.name) AS organizers, c.evidence AS evidence, collect(DISTINCT a.source) AS sources
ORDER BY date, meeting, person
LIMIT $limit
""",
)

PERSON = Query(
    name="person",
    description="A person's profile: positions over time (first/last seen) and meetings chaired, attended, spoken at.",
    params=(Param("name", str, "the person's name, with or without diacritics", search=True),),
    prefer_exact=True,
    neo4j=f"""
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[h:HOLDS]->(pos:Position)
OPTIONAL MATCH (pos)-[:OF]->(o:Organization)
RETURN p.name AS person, 'HOLDS' AS relation, pos.title AS what, o.name AS organization,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.evidence AS evidence
UNION ALL
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[r:CHAIRED|ATTENDED|SPOKE_AT]->(m:Meeting)
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
RETURN p.name AS person, type(r) AS relation, m.name AS what, o.name AS organization,
       m.date AS first_seen, m.date AS last_seen, r.evidence AS evidence
""",
    ladybug=f"""
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[h:HOLDS]->(pos:Position)
OPTIONAL MATCH (pos)-[:OF]->(o:Organization)
RETURN p.name AS person, 'HOLDS' AS relation, pos.title AS what, o.name AS organization,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.evidence AS evidence
UNION ALL
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[r:CHAIRED|ATTENDED|SPOKE_AT]->(m:Meeting)
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
RETURN p.name AS person, label(r) AS relation, m.name AS what, o.name AS organization,
       m.date AS first_seen, m.date AS last_seen, r.evidence AS evidence
""",
    sort_by=("person", "first_seen", "relation", "what"),
)

HIERARCHY = Query(
    name="hierarchy",
    description="An organisation's chain up to the top (PART_OF) and the tree below it, with depth.",
    params=(Param("org", str, "the organisation's name, with or without diacritics", search=True),),
    prefer_exact=True,
    neo4j=f"""
MATCH (o:Organization) WHERE {exact_or_contains("o", "org")}
MATCH path = (o)-[:PART_OF*0..9]->(via:Organization)-[:PART_OF]->(n:Organization)
RETURN DISTINCT o.name AS organization, 'up' AS direction, length(path) AS depth,
       n.name AS name, n.kind AS kind, via.name AS via
UNION ALL
MATCH (o:Organization) WHERE {exact_or_contains("o", "org")}
MATCH path = (o)<-[:PART_OF*0..9]-(via:Organization)<-[:PART_OF]-(n:Organization)
RETURN DISTINCT o.name AS organization, 'down' AS direction, length(path) AS depth,
       n.name AS name, n.kind AS kind, via.name AS via
""",
    sort_by=("organization", "-direction", "depth", "via", "name"),
)

HOLDERS = Query(
    name="holders",
    description="The holders of a position over time, ordered by when they were first seen in it.",
    params=(Param("title", str, "the position's title, e.g. 'Trưởng Ban Tổ chức Trung ương'", search=True),),
    prefer_exact=True,
    neo4j=f"""
MATCH (pos:Position) WHERE {exact_or_contains("pos", "title")}
MATCH (p:Person)-[h:HOLDS]->(pos)
RETURN pos.title AS position, p.name AS person, h.first_seen AS first_seen, h.last_seen AS last_seen,
       h.evidence AS evidence
ORDER BY first_seen, last_seen, person
""",
)

MEMBERS = Query(
    name="members",
    description="People holding positions in an organisation, optionally in its sub-organisations too.",
    params=(
        Param("org", str, "the organisation's name, with or without diacritics", search=True),
        Param("depth", int, "levels of sub-organisations to include (0: only this one)", 0),
    ),
    prefer_exact=True,
    neo4j=f"""
MATCH (o:Organization) WHERE {exact_or_contains("o", "org")}
MATCH path = (sub:Organization)-[:PART_OF*0..10]->(o)
WHERE length(path) <= $depth
MATCH (p:Person)-[h:HOLDS]->(pos:Position)-[:OF]->(sub)
RETURN DISTINCT sub.name AS organization, p.name AS person, pos.title AS position,
       h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY organization, person, position
""",
)

RESOLUTION = Query(
    name="resolution",
    description="Meetings that discussed a resolution or other party document, with evidence.",
    params=(DOCUMENT,),
    neo4j="""
MATCH (r:Resolution) WHERE all(w IN $name WHERE r.search CONTAINS w)
MATCH (m:Meeting)-[d:DISCUSSED]->(r)
OPTIONAL MATCH (a:Article) WHERE a.id IN d.sources
RETURN r.name AS resolution, r.number AS number, m.name AS meeting, m.kind AS kind, m.date AS date,
       d.evidence AS evidence, collect(DISTINCT a.source) AS sources
ORDER BY date, meeting
""",
)

CITATIONS = Query(
    name="citations",
    description="Articles that cite a resolution or other party document, with the citing sentence.",
    params=(DOCUMENT,),
    neo4j="""
MATCH (r:Resolution) WHERE all(w IN $name WHERE r.search CONTAINS w)
MATCH (r)-[c:MENTIONED_IN]->(a:Article)
RETURN r.name AS resolution, r.number AS number, a.title AS article, a.published AS published,
       a.source AS source, c.evidence AS evidence
ORDER BY published, source
""",
)

PATH = Query(
    name="path",
    description="The shortest chain of facts (up to 6 steps; co-mentions in an article do not count) between two "
    "people or organisations.",
    params=(
        Param("a", str, "a person's or organisation's name", search=True),
        Param("b", str, "another person's or organisation's name", search=True),
    ),
    prefer_exact=True,
    neo4j=f"""
MATCH (a:Person|Organization) WHERE {exact_or_contains("a", "a")}
MATCH (b:Person|Organization) WHERE {exact_or_contains("b", "b")} AND a <> b
MATCH p = shortestPath((a)-[:HOLDS|OF|PART_OF|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|DISCUSSED|ISSUED*1..6]-(b))
RETURN a.name AS source, b.name AS target, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.name, n.title)] AS nodes,
       [x IN relationships(p) | type(x)] AS relationships
ORDER BY hops, source, target
LIMIT 1
""",
    ladybug=f"""
MATCH (a:Person|Organization) WHERE {exact_or_contains("a", "a")}
MATCH (b:Person|Organization) WHERE {exact_or_contains("b", "b")} AND a <> b
MATCH p = (a)-[:HOLDS|OF|PART_OF|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|DISCUSSED|ISSUED* SHORTEST 1..6]-(b)
RETURN a.name AS source, b.name AS target, length(p) AS hops,
       list_transform(nodes(p), n -> coalesce(n.name, n.title)) AS nodes,
       list_transform(rels(p), x -> label(x)) AS relationships
ORDER BY hops, source, target
LIMIT 1
""",
)

STATS = Query(
    name="stats",
    description="How many nodes of each label and relationships of each type the graph holds.",
    params=(),
    neo4j="""
MATCH (n)
UNWIND labels(n) AS name
RETURN 'node' AS element, name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS element, type(r) AS name, count(*) AS count
""",
    ladybug="""
MATCH (n)
RETURN 'node' AS element, label(n) AS name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS element, label(r) AS name, count(*) AS count
""",
    sort_by=("element", "name"),
)

MEETINGS = Query(
    name="meetings",
    description="Meetings, filtered by name, kind, organiser and date, with organisers and chairs.",
    params=(
        Param("name", str, "only meetings whose name contains this", "", search=True),
        Param("kind", str, "only this kind: hội nghị, đại hội, buổi làm việc, giao ban, kỳ họp, ...", ""),
        Param("org", str, "only meetings organised by an organisation whose name contains this", "", search=True),
        FROM_DATE,
        TO_DATE,
        LIMIT,
    ),
    neo4j=f"""
MATCH (m:Meeting)
WHERE ($name = '' OR m.search CONTAINS $name)
  AND ($kind = '' OR m.kind = $kind)
  AND {_DATE_FILTER}
  AND {_ORGANIZER_FILTER}
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
OPTIONAL MATCH (c:Person)-[:CHAIRED]->(m)
RETURN m.name AS meeting, m.kind AS kind, m.date AS date, m.location AS location,
       collect(DISTINCT o.name) AS organizers, collect(DISTINCT c.name) AS chairs
ORDER BY date, meeting
LIMIT $limit
""",
)

ORGANIZATIONS = Query(
    name="organizations",
    description="Organisations, searched by name and filtered by kind or level, with what they are part of.",
    params=(
        Param("name", str, "only organisations whose name contains this", "", search=True),
        Param("kind", str, "only this kind: party committee, commission, standing committee, ...", ""),
        Param("level", str, "only this level: central, provincial, district, grassroots", ""),
        LIMIT,
    ),
    neo4j="""
MATCH (o:Organization)
WHERE ($name = '' OR o.search CONTAINS $name)
  AND ($kind = '' OR o.kind = $kind)
  AND ($level = '' OR o.level = $level)
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organization)
RETURN o.name AS organization, o.kind AS kind, o.level AS level, o.locality AS locality,
       collect(DISTINCT parent.name) AS part_of
ORDER BY organization
LIMIT $limit
""",
)

PEOPLE = Query(
    name="people",
    description="People, searched by name, with the positions they were seen in.",
    params=(Param("name", str, "only people whose name contains this", "", search=True), LIMIT),
    neo4j="""
MATCH (p:Person)
WHERE ($name = '' OR p.search CONTAINS $name)
OPTIONAL MATCH (p)-[:HOLDS]->(pos:Position)
RETURN p.name AS person, collect(DISTINCT pos.title) AS positions
ORDER BY person
LIMIT $limit
""",
)

QUERIES: dict[str, Query] = {
    q.name: q
    for q in (
        CHAIRS,
        PERSON,
        HIERARCHY,
        HOLDERS,
        MEMBERS,
        RESOLUTION,
        CITATIONS,
        PATH,
        MEETINGS,
        ORGANIZATIONS,
        PEOPLE,
        STATS,
    )
}
