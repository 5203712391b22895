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
* ``UNION ALL`` queries cannot ORDER BY in both dialects, so ``sort_by`` orders them in Python;
* every listing takes ``$limit`` (0: no limit) and is ordered deterministically, newest first
  where rows have a date (``_newest``). Rows are ordered and limited *before* organisers,
  chairs, evidence and sources are joined and collected, so those joins only run for the rows
  returned (``person`` and ``holders`` order by first/last seen, which comes from the evidence);
* a fact's evidence is reached from a node it ``SUPPORTS`` (graph/schema.py), never by scanning
  the Evidence table (``_provenance``); on the embedded store from that node's evidence pages.

What keeps them fast on a large embedded graph (LadybugDB's planner, measured on 30k/100k articles):

* a ``words`` filter is unrolled into one ``CONTAINS`` per word (``Query.text``): ``all(w IN $name ...)``
  is evaluated as a list function on every row and cost ~8x more;
* where a selection comes out of a variable-length match, its ids are collected and the next MATCH
  starts from ``x.id IN ids`` (``members``): matching from the bound nodes made the planner hash-join
  whole relationship tables;
* newest-first listings of meeting facts (``window``) are asked for the last months first: run_query
  adds ``$since`` (a lower bound on the date) and widens it until ``$limit`` rows come back, so the
  answer is the same as over the whole graph (rows older than ``$since`` would all sort after them);
* ``path`` on the embedded store runs one breadth-first search per start node, so run_query first
  searches from one of the nodes carrying the name, then from all of them with fewer hops than found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.schema import EVIDENCE, EVIDENCE_CAP, EVIDENCE_PAGE, LABELS, PAGES_READ_ONCE, REL_TYPES


@dataclass(frozen=True)
class Param:
    name: str
    type: type  # str or int
    help: str
    default: Any = None  # None: required
    search: bool = False  # folded with loaders.textnorm.fold before it reaches Cypher
    words: bool = False  # folded, then split into a list of words that must all occur
    date: bool = False  # an ISO date YYYY-MM-DD (or empty)
    row_limit: bool = False  # a row limit: 0 means no limit

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
    # (param, condition) pairs: a "($param = '' OR ...)" condition in the text, cut to "($param = '')" when the
    # parameter is empty, because LadybugDB runs an EXISTS subquery on every row even when the OR is already true.
    skip_when_empty: tuple[tuple[str, str], ...] = ()
    # A newest-first listing whose text has a "$since" lower bound on the date it is ordered by: run_query
    # asks for the newest months first and widens (see NEWEST_DATE and queries.run.newest_first).
    window: bool = False
    # (param, text) pairs: when the parameter is given, the embedded store runs this text instead. Used where
    # a filter is selective and LadybugDB's planner must be told to start from it (HINT, Kùzu only).
    ladybug_when_given: tuple[tuple[str, str], ...] = ()
    # The embedded store runs the ``ladybug`` text in two steps: this query first picks the ids of the
    # (at most $limit) newest meetings that can have rows, then ``ladybug`` fetches the rows of just
    # those ($ids). Joining from a few meetings looked up by id costs far less than joining the window.
    ladybug_ids: str | None = None
    # The embedded store runs the branches of the UNION ALL at the same time, each on a connection of
    # its own (queries.run.ask): for branches that each take tens of milliseconds; for many small ones
    # (stats) the extra transactions cost what running them together saves.
    branches_at_once: bool = False

    def text(self, dialect: str, params: dict[str, Any] | None = None) -> str:
        """The dialect's text, with the conditions of empty ``skip_when_empty`` parameters cut short
        and ``all(w IN $words ...)`` conditions unrolled into one CONTAINS per given word."""
        text = self.ladybug if dialect == "ladybug" and self.ladybug else self.neo4j
        for name, given_text in self.ladybug_when_given:
            if dialect == "ladybug" and params is not None and params.get(name):
                text = given_text
        for name, condition in self.skip_when_empty:
            if params is not None and params.get(name) == "":
                text = text.replace(condition, f"(${name} = '')")
        for p in self.params:
            if p.words and params is not None and params.get(p.name):
                text = unroll_words(text, p.name, len(params[p.name]), dialect)
        return text

    def ids_text(self, params: dict[str, Any]) -> str:
        """``ladybug_ids`` with the conditions of empty ``skip_when_empty`` parameters cut short."""
        assert self.ladybug_ids
        text = self.ladybug_ids
        for name, condition in self.skip_when_empty:
            if params.get(name) == "":
                text = text.replace(condition, f"(${name} = '')")
        return text


_ALL_WORDS = r"all\(w IN \${name} WHERE ([\w.]+) CONTAINS w\)"


def unroll_words(text: str, name: str, count: int, dialect: str) -> str:
    """``all(w IN $name WHERE x.search CONTAINS w)`` as ``(x.search CONTAINS $name[0] AND ...)``.

    The same condition, but LadybugDB evaluates the list form per row as a function call (~8x slower
    on 18k documents). Lists index from 1 there (``list_extract``), from 0 in Neo4j.
    """
    def item(i: int) -> str:
        return f"list_extract(${name}, {i + 1})" if dialect == "ladybug" else f"${name}[{i}]"

    def conjunction(match: re.Match[str]) -> str:
        return "(" + " AND ".join(f"{match.group(1)} CONTAINS {item(i)}" for i in range(count)) + ")"

    return re.sub(_ALL_WORDS.format(name=name), conjunction, text)


def exact_or_contains(var: str, param: str) -> str:
    """A WHERE condition: ``var.search`` equals ``$param``, or, when ``$exact`` is false, contains it.

    run_query tries ``$exact = true`` first and falls back to false when nothing answers, so a
    name that exists exactly wins over the longer names containing it.
    """
    return f"({var}.search = ${param} OR (NOT $exact AND {var}.search CONTAINS ${param}))"


def _newest(date: str, *nodes: str) -> str:
    """One string key for ``ORDER BY key DESC``: newest first, undated last, ties broken by node ids.

    One key, not ``ORDER BY date DESC, name``: LadybugDB's top-k on several string keys is many
    times slower than on one.
    """
    return " + ".join([f"coalesce({date}, '0000-00-00')", *(f"{n}.id" for n in nodes)])


# What a fact's evidence shows: every source, the first EVIDENCE_CAP distinct sentences (graph/provenance.py).
# The embedded store's evidence and sources come back as sorted "date|article|value" strings, at
# most KEYED_EVIDENCE_ROWS of them for the evidence; queries.run.unkey_rows cuts the keys off and
# keeps the first EVIDENCE_CAP distinct sentences. Cutting them in Cypher needs list lambdas, and
# LadybugDB 0.22 returned wrong (empty) lists from list_transform/list_filter in some plans.
KEYED_EVIDENCE_ROWS = 50
KEYED_COLUMNS = ("evidence", "sources")
_EVIDENCE_KEY = "coalesce(e.published, '~') + '|' + e.article + '|' + "
# The embedded store's evidence of one fact: its earliest sentences behind their keys.
_KEYED_EVIDENCE = (f"list_slice(list_sort(collect({_EVIDENCE_KEY}coalesce(e.sentence, ''))), 1, {KEYED_EVIDENCE_ROWS})"
                   " AS evidence")


# The embedded store's evidence of an anchor: the entries of its pages (graph/schema.py). Per row
# of a result (``_provenance``) as an OPTIONAL MATCH, which LadybugDB follows from each anchor
# (MATCH hash-joined the page links: members 62 -> 41 ms on 100k articles); from one person's or
# position's pages at once, a MATCH (person's positions 30 ms, 38 with OPTIONAL). No row is lost
# either way: every fact has an entry in a page of its anchor.
_PAGE_ENTRIES = f"{{match}} (pg:{EVIDENCE_PAGE})-[:SUPPORTS]->({{anchor}})\nUNWIND pg.entries AS e\n"


def _provenance(dialect: str, carry: str, anchor: str, fact: str, start: str, end: str, *, sources: bool = False,
                seen: bool = False, evidence: bool = True) -> str:
    """Clauses that follow one fact's Evidence from its anchor node and keep ``carry`` plus
    ``evidence`` (the first distinct sentences, earliest article first), and on request ``sources``
    (the articles' files, earliest first) and ``first_seen``/``last_seen`` (their first and last date).

    ``fact`` is the fact's type as a Cypher expression (``'CHAIRED'``, or ``type(r)``); ``start`` and
    ``end`` the variables of its ends; ``anchor`` the one its Evidence SUPPORTS (graph/schema.py).
    LadybugDB cannot ORDER BY before an aggregation without a LIMIT, so there each value is
    collected behind a sortable ``date|article|`` key and the list sorted; ``KEYED_COLUMNS`` says
    what queries.run then cuts (dates and article ids never contain "|"). ``evidence=False``: the
    embedded store skips the sentences (a query that shows only dates).
    """
    where = f"e.end_id = {end}.id AND e.start_id = {start}.id AND e.type = {fact}"
    if dialect == "neo4j":
        text = f"OPTIONAL MATCH (e:Evidence)-[:SUPPORTS]->({anchor})\nWHERE {where}\n"
    else:
        text = f"{_PAGE_ENTRIES.format(match='OPTIONAL MATCH', anchor=anchor)}WITH {carry}, e WHERE {where}\n"
    if sources:
        text += "OPTIONAL MATCH (a:Article) WHERE a.id = e.article\n"
    seen_cols = ", min(e.published) AS first_seen, max(e.published) AS last_seen" if seen else ""
    seen_keep = ", first_seen, last_seen" if seen else ""
    if dialect == "neo4j":
        text += f"WITH {carry}, e{', a' if sources else ''} ORDER BY e.published, e.article\n"
        text += (f"WITH {carry}, collect(e.sentence) AS sentences"
                 f"{', collect(a.source) AS files' if sources else ''}{seen_cols}\n")
        distinct = "reduce(acc = [], x IN {0} | CASE WHEN x IN acc THEN acc ELSE acc + [x] END)"
        text += f"WITH {carry}, {distinct.format('sentences')}[0..{EVIDENCE_CAP}] AS evidence"
        text += f", {distinct.format('files')} AS sources" if sources else ""
        return text + seen_keep + "\n"
    columns = [_KEYED_EVIDENCE] if evidence else []
    columns += [f"list_sort(collect({_EVIDENCE_KEY}a.source)) AS sources"] if sources else []
    columns += ["min(e.published) AS first_seen", "max(e.published) AS last_seen"] if seen else []
    assert columns, "nothing to gather"
    return f"{text}WITH {carry}, {', '.join(columns)}\n"


LIMIT = Param("limit", int, "at most this many rows (0: no limit)", 50, row_limit=True)
FROM_DATE = Param("from_date", str, "only meetings on or after this ISO date (YYYY-MM-DD)", "", date=True)
TO_DATE = Param("to_date", str, "only meetings on or before this ISO date (YYYY-MM-DD)", "", date=True)

DOCUMENT = Param("name", str, "words of the document's name or number, e.g. 'Chỉ thị 05' or '05-CT/TW'",
                 words=True)

_DATE_FILTER = "($from_date = '' OR m.date >= $from_date) AND ($to_date = '' OR m.date <= $to_date)"
# The window's lower bound (run_query fills $since; '' lets every row through, undated ones too).
_SINCE = "coalesce(m.date, '0000-00-00') >= $since"
# The newest meeting date: where run_query starts the window of a ``window`` query.
NEWEST_DATE = "MATCH (m:Meeting) RETURN max(m.date) AS newest"
_ORGANIZER_FILTER = (
    "($org = '' OR EXISTS { MATCH (g:Organization)-[:ORGANIZED]->(m) WHERE g.search CONTAINS $org })"
)

def _chairs_tail(dialect: str) -> str:
    return f"""WITH p, m, {_newest("m.date", "m", "p")} AS newest
ORDER BY newest DESC
LIMIT $limit
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
WITH p, m, newest, collect(DISTINCT o.name) AS organizers
{_provenance(dialect, "p, m, newest, organizers", "m", "'CHAIRED'", "p", "m", sources=True)}RETURN p.name AS person, m.name AS meeting, m.date AS date, m.kind AS kind,
       organizers, evidence, sources
ORDER BY newest DESC
"""


CHAIRS = Query(
    name="chairs",
    description="Who chaired which meeting, newest first, with the date, kind, organisers, evidence and sources.",
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
  AND {_DATE_FILTER} AND {_SINCE}
  AND {_ORGANIZER_FILTER}
{_chairs_tail("neo4j")}""",
    # A name or organiser filter: start from the people, or from the organisations, in that order.
    ladybug_when_given=(("person", f"""
MATCH (p:Person)-[c:CHAIRED]->(m:Meeting)
WHERE p.search CONTAINS $person
  AND {_DATE_FILTER} AND {_SINCE}
  AND {_ORGANIZER_FILTER}
HINT (p JOIN c) JOIN m
{_chairs_tail("ladybug")}"""), ("org", f"""
MATCH (g:Organization)-[og:ORGANIZED]->(m:Meeting)<-[c:CHAIRED]-(p:Person)
WHERE g.search CONTAINS $org AND ($person = '' OR p.search CONTAINS $person)
  AND {_DATE_FILTER} AND {_SINCE}
HINT (((g JOIN og) JOIN m) JOIN c) JOIN p
WITH DISTINCT p, m
{_chairs_tail("ladybug")}"""),),
    skip_when_empty=(("org", _ORGANIZER_FILTER),),
    window=True,
    # No filter but dates: the newest meetings with a chair, then their chairs. The limited rows ordered
    # by date, meeting id, person id all belong to the $limit newest such meetings (ids are fixed-length).
    ladybug_ids=f"""
MATCH (m:Meeting)<-[:CHAIRED]-(:Person)
WHERE {_DATE_FILTER} AND {_SINCE}
WITH DISTINCT m
RETURN m.id AS id
ORDER BY {_newest("m.date", "m")} DESC
LIMIT $limit
""",
    # OPTIONAL MATCH and `m.id = mid`: LadybugDB then follows each meeting's own relationships
    # (a plain MATCH hash-joins the whole CHAIRED table; `{id: mid}` fails in the tail's later joins).
    ladybug=f"""
UNWIND $ids AS mid
MATCH (m:Meeting) WHERE m.id = mid
OPTIONAL MATCH (p:Person)-[c:CHAIRED]->(m)
WITH p, c, m WHERE c IS NOT NULL
{_chairs_tail("ladybug")}""",
)


# Neo4j: a person's positions with their evidence's dates, ordered by the last one.
_PERSON_HOLDS_NEO4J = f"""
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[:HOLDS]->(pos:Position)
{_provenance("neo4j", "p, pos", "p", "'HOLDS'", "p", "pos", seen=True)}WITH p, pos, evidence, first_seen, last_seen, {_newest("last_seen", "pos", "p")} AS newest
ORDER BY newest DESC
LIMIT $limit
OPTIONAL MATCH (pos)-[:OF]->(o:Organization)
RETURN p.name AS person, 'HOLDS' AS relation, pos.title AS what, o.name AS organization,
       first_seen, last_seen, evidence
"""


# The embedded store reads a person's HOLDS evidence once, from the person's pages, for the dates
# and the sentences of every position together, then keeps the $limit newest (a hub holds 164
# positions from 10,993 evidence rows on 100k articles). Same rows as the Neo4j text: every HOLDS
# fact has evidence.
_PERSON_HOLDS_LADYBUG = f"""
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
{_PAGE_ENTRIES.format(match="MATCH", anchor="p")}WITH p, e WHERE e.type = 'HOLDS'
WITH p, e.end_id AS pos_id, min(e.published) AS first_seen, max(e.published) AS last_seen, {_KEYED_EVIDENCE}
WITH p, pos_id, first_seen, last_seen, evidence, coalesce(last_seen, '0000-00-00') + pos_id + p.id AS newest
ORDER BY newest DESC
LIMIT $limit
MATCH (pos:Position) WHERE pos.id = pos_id
OPTIONAL MATCH (pos)-[:OF]->(o:Organization)
RETURN p.name AS person, 'HOLDS' AS relation, pos.title AS what, o.name AS organization,
       first_seen, last_seen, evidence
"""


def _person_meetings(dialect: str) -> str:
    rel_type = "type(r)" if dialect == "neo4j" else "label(r)"
    return f"""
MATCH (p:Person) WHERE {exact_or_contains("p", "name")}
MATCH (p)-[r:CHAIRED|ATTENDED|SPOKE_AT]->(m:Meeting)
WITH p, {rel_type} AS relation, m, {_newest("m.date", "m", "p")} AS newest
ORDER BY newest DESC
LIMIT $limit
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
WITH p, relation, m, o
{_provenance(dialect, "p, relation, m, o", "m", "relation", "p", "m")}RETURN p.name AS person, relation, m.name AS what, o.name AS organization,
       m.date AS first_seen, m.date AS last_seen, evidence
"""


PERSON = Query(
    name="person",
    description="A person's profile, newest first: positions (first/last seen) and meetings chaired, attended, "
    "spoken at.",
    params=(Param("name", str, "the person's name, with or without diacritics", search=True), LIMIT),
    prefer_exact=True,
    neo4j=_PERSON_HOLDS_NEO4J + "UNION ALL" + _person_meetings("neo4j"),
    ladybug=_PERSON_HOLDS_LADYBUG + "UNION ALL" + _person_meetings("ladybug"),
    branches_at_once=True,  # 61 people sharing a name: positions 27 ms, meetings 25 ms
    sort_by=("person", "-last_seen", "-first_seen", "relation", "what"),
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


# Neo4j: a position's holders with their evidence's dates, ordered by the first one.
_HOLDERS_NEO4J = f"""
MATCH (pos:Position) WHERE {exact_or_contains("pos", "title")}
MATCH (p:Person)-[:HOLDS]->(pos)
{_provenance("neo4j", "pos, p", "pos", "'HOLDS'", "p", "pos", seen=True)}WITH pos, p, evidence, first_seen, last_seen, {_newest("first_seen", "pos", "p")} AS newest
ORDER BY newest DESC
LIMIT $limit
RETURN pos.title AS position, p.name AS person, first_seen, last_seen, evidence
ORDER BY newest DESC
"""


# The embedded store starts from the position's HOLDS evidence (4,181 holders of one title on 100k
# articles): dates per holder, the $limit newest, then only their sentences. Same rows.
_HOLDERS_LADYBUG = f"""
MATCH (pos:Position) WHERE {exact_or_contains("pos", "title")}
{_PAGE_ENTRIES.format(match="MATCH", anchor="pos")}WITH pos, e WHERE e.type = 'HOLDS'
WITH pos, e.start_id AS pid, min(e.published) AS first_seen, max(e.published) AS last_seen
WITH pos, pid, first_seen, last_seen, coalesce(first_seen, '0000-00-00') + pos.id + pid AS newest
ORDER BY newest DESC
LIMIT $limit
MATCH (p:Person) WHERE p.id = pid
{_provenance("ladybug", "pos, p, first_seen, last_seen, newest", "p", "'HOLDS'", "p", "pos")}RETURN pos.title AS position, p.name AS person, first_seen, last_seen, evidence
ORDER BY newest DESC
"""


HOLDERS = Query(
    name="holders",
    description="The holders of a position over time, the most recently first seen in it first.",
    params=(
        Param("title", str, "the position's title, e.g. 'Trưởng Ban Tổ chức Trung ương'", search=True),
        LIMIT,
    ),
    prefer_exact=True,
    neo4j=_HOLDERS_NEO4J,
    ladybug=_HOLDERS_LADYBUG,
)


def _members(dialect: str) -> str:
    return f"""
MATCH (o:Organization) WHERE {exact_or_contains("o", "org")}
MATCH path = (sub:Organization)-[:PART_OF*0..10]->(o)
WHERE length(path) <= $depth
WITH collect(DISTINCT sub.id) AS subs
MATCH (p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(sub:Organization)
WHERE sub.id IN subs
WITH DISTINCT sub, p, pos
ORDER BY sub.name, p.name, pos.title, sub.id, p.id, pos.id
LIMIT $limit
{_provenance(dialect, "sub, p, pos", "p", "'HOLDS'", "p", "pos", seen=True, evidence=False)}RETURN sub.name AS organization, p.name AS person, pos.title AS position, first_seen, last_seen
ORDER BY organization, person, position, first_seen, last_seen
"""


MEMBERS = Query(
    name="members",
    description="People holding positions in an organisation, optionally in its sub-organisations too, by name.",
    params=(
        Param("org", str, "the organisation's name, with or without diacritics", search=True),
        Param("depth", int, "levels of sub-organisations to include (0: only this one)", 0),
        LIMIT,
    ),
    prefer_exact=True,
    neo4j=_members("neo4j"),
    ladybug=_members("ladybug"),
)

def _resolution(dialect: str) -> str:
    return f"""
MATCH (r:Resolution) WHERE all(w IN $name WHERE r.search CONTAINS w)
MATCH (m:Meeting)-[:DISCUSSED]->(r)
WITH r, m, {_newest("m.date", "m", "r")} AS newest
ORDER BY newest DESC
LIMIT $limit
{_provenance(dialect, "r, m, newest", "m", "'DISCUSSED'", "m", "r", sources=True)}RETURN r.name AS resolution, r.number AS number, m.name AS meeting, m.kind AS kind, m.date AS date,
       evidence, sources
ORDER BY newest DESC
"""


RESOLUTION = Query(
    name="resolution",
    description="Meetings that discussed a resolution or other party document, newest first, with evidence.",
    params=(DOCUMENT, LIMIT),
    neo4j=_resolution("neo4j"),
    ladybug=_resolution("ladybug"),
)


def _citations(dialect: str) -> str:
    return f"""
MATCH (r:Resolution) WHERE all(w IN $name WHERE r.search CONTAINS w)
MATCH (r)-[:MENTIONED_IN]->(a:Article)
WITH r, a, {_newest("a.published", "a", "r")} AS newest
ORDER BY newest DESC
LIMIT $limit
{_provenance(dialect, "r, a, newest", "a", "'MENTIONED_IN'", "r", "a")}RETURN r.name AS resolution, r.number AS number, a.title AS article, a.published AS published,
       a.source AS source, evidence
ORDER BY newest DESC
"""


CITATIONS = Query(
    name="citations",
    description="Articles that cite a resolution or other party document, newest first, with the citing sentence.",
    params=(DOCUMENT, LIMIT),
    neo4j=_citations("neo4j"),
    ladybug=_citations("ladybug"),
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
    # The embedded store's text starts from node ids (run_query's shortest_path finds them by name)
    # and its hop bound is set per call (path_text): it searches once per start node.
    ladybug="""
MATCH (a:Person|Organization) WHERE a.id IN $from_ids
MATCH (b:Person|Organization) WHERE b.id IN $to_ids AND a <> b
MATCH p = (a)-[:HOLDS|OF|PART_OF|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|DISCUSSED|ISSUED* SHORTEST 1..6]-(b)
WITH a, b, p, length(p) AS hops
ORDER BY hops, a.name, b.name
LIMIT 1
RETURN a.name AS source, b.name AS target, hops,
       list_transform(nodes(p), n -> coalesce(n.name, n.title)) AS nodes,
       list_transform(rels(p), x -> label(x)) AS relationships
""",
)
PATH_MAX_HOPS = 6
# The ids of the people and organisations a path may start or end at (exact_or_contains on $name).
PATH_ENDS = (f"MATCH (n:Person|Organization) WHERE {exact_or_contains('n', 'name')} "
             "RETURN n.id AS id, label(n) AS label ORDER BY id")
PATH_LABELS = ("Person", "Organization", "Person|Organization")


# One step: a plain match, which costs far less than a search from each of many start nodes.
PATH_ONE_STEP = """
MATCH (a:Person|Organization)-[r:HOLDS|OF|PART_OF|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|DISCUSSED|ISSUED]-(b:Person|Organization)
WHERE a.id IN $from_ids AND b.id IN $to_ids AND a <> b
WITH a, b, r
ORDER BY a.name, b.name
LIMIT 1
RETURN a.name AS source, b.name AS target, 1 AS hops, [a.name, b.name] AS nodes, [label(r)] AS relationships
"""


def path_text(max_hops: int, from_label: str = "Person|Organization", to_label: str = "Person|Organization") -> str:
    """The embedded store's path text with at most ``max_hops`` steps (1..PATH_MAX_HOPS).

    When every end of a side has one label, matching that table alone spares the search a scan of
    the other (~20 ms on 100k articles); the labels are schema names, never user input.
    """
    assert PATH.ladybug and 1 <= max_hops <= PATH_MAX_HOPS and {from_label, to_label} <= set(PATH_LABELS)
    text = PATH_ONE_STEP if max_hops == 1 else PATH.ladybug.replace(
        f"* SHORTEST 1..{PATH_MAX_HOPS}]", f"* SHORTEST 1..{max_hops}]")
    text = text.replace("(a:Person|Organization)", f"(a:{from_label})", 1)
    return text.replace("(b:Person|Organization)", f"(b:{to_label})", 1)


def _count(element: str, pattern: str, name: str) -> str:
    """One label's or type's count: both stores answer a single-label count from their metadata."""
    return (f"MATCH {pattern} WITH count(*) AS count WHERE count > 0\n"
            f"RETURN '{element}' AS element, '{name}' AS name, count")


STATS = Query(
    name="stats",
    description="How many nodes of each label and relationships of each type the graph holds.",
    params=(),
    neo4j="\nUNION ALL\n".join(
        [_count("node", f"(n:{label})", label) for label in (*LABELS, EVIDENCE)]
        + [_count("relationship", f"()-[r:{rel}]->()", rel) for rel in REL_TYPES]
    ),
    # The embedded store counts Evidence rows in its pages (graph/schema.py).
    ladybug="\nUNION ALL\n".join(
        [_count("node", f"(n:{label})", label) for label in LABELS]
        + [f"""{PAGES_READ_ONCE}
WITH CAST(sum(pg.rows) AS INT64) AS count WHERE count > 0
RETURN 'node' AS element, '{EVIDENCE}' AS name, count"""]
        + [_count("relationship", f"()-[r:{rel}]->()", rel) for rel in REL_TYPES]
    ),
    sort_by=("element", "name"),
)

_MEETING_FILTER = f"""($name = '' OR m.search CONTAINS $name)
  AND ($kind = '' OR m.kind = $kind)
  AND {_DATE_FILTER} AND {_SINCE}"""
_MEETINGS_TAIL = f"""WITH m, {_newest("m.date", "m")} AS newest
ORDER BY newest DESC
LIMIT $limit
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(m)
WITH m, newest, collect(DISTINCT o.name) AS organizers
OPTIONAL MATCH (c:Person)-[:CHAIRED]->(m)
WITH m, newest, organizers, collect(DISTINCT c.name) AS chairs
RETURN m.name AS meeting, m.kind AS kind, m.date AS date, m.location AS location, organizers, chairs
ORDER BY newest DESC
"""

MEETINGS = Query(
    name="meetings",
    description="Meetings, newest first, filtered by name, kind, organiser and date, with organisers and chairs.",
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
WHERE ({_MEETING_FILTER})
  AND {_ORGANIZER_FILTER}
{_MEETINGS_TAIL}""",
    ladybug_when_given=(("org", f"""
MATCH (g:Organization)-[og:ORGANIZED]->(m:Meeting)
WHERE g.search CONTAINS $org AND ({_MEETING_FILTER})
HINT (g JOIN og) JOIN m
WITH DISTINCT m
{_MEETINGS_TAIL}"""),),
    skip_when_empty=(("org", _ORGANIZER_FILTER), ("name", "($name = '' OR m.search CONTAINS $name)"),
                     ("kind", "($kind = '' OR m.kind = $kind)")),
    window=True,
    # No organiser filter: the ids of the newest meetings first, then their organisers and chairs.
    ladybug_ids=f"""
MATCH (m:Meeting)
WHERE {_MEETING_FILTER}
RETURN m.id AS id
ORDER BY {_newest("m.date", "m")} DESC
LIMIT $limit
""",
    ladybug=f"""
UNWIND $ids AS mid
MATCH (m:Meeting) WHERE m.id = mid
{_MEETINGS_TAIL}""",
)

ORGANIZATIONS = Query(
    name="organizations",
    description="Organisations by name, filtered by kind or level, with what they are part of.",
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
WITH o
ORDER BY o.name, o.id
LIMIT $limit
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organization)
WITH o, collect(DISTINCT parent.name) AS part_of
RETURN o.name AS organization, o.kind AS kind, o.level AS level, o.locality AS locality, part_of
ORDER BY o.name, o.id
""",
)

PEOPLE = Query(
    name="people",
    description="People by name, with the positions they were seen in.",
    params=(Param("name", str, "only people whose name contains this", "", search=True), LIMIT),
    neo4j="""
MATCH (p:Person)
WHERE ($name = '' OR p.search CONTAINS $name)
WITH p
ORDER BY p.name, p.id
LIMIT $limit
OPTIONAL MATCH (p)-[:HOLDS]->(pos:Position)
WITH p, collect(DISTINCT pos.title) AS positions
RETURN p.name AS person, positions
ORDER BY p.name, p.id
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
