"""The static read-only guard shared by both stores."""

from __future__ import annotations

import pytest

from graph.cypher_readonly import check_read_only, writing_keyword
from graph.errors import ReadOnlyViolation

READS = [
    "MATCH (p:Person) RETURN p.name",
    "MATCH (p:Person) WHERE p.name = 'CREATE (x)' RETURN p",  # a keyword inside a string
    'MATCH (p:Person) WHERE p.name = "DELETE" RETURN p',
    "MATCH (p:Person) RETURN p.`set` AS `delete`",  # quoted names
    "MATCH (p:Person) // MERGE in a comment\nRETURN p",
    "MATCH (p:Person) /* DETACH DELETE p */ RETURN p",
    "MATCH (n) RETURN n.create, n.set",  # properties named like keywords
    "MATCH (n:Remove) RETURN n",  # a label named like a keyword
    "RETURN {set: 1, merge: 2} AS m",  # map keys
    "MATCH (a)--(b) RETURN count(*)",  # `--` is a pattern, not a comment
    "MATCH (p:Person) CALL { WITH p MATCH (p)-[:HOLDS]->(x) RETURN x } RETURN p, x",
    "CALL db.labels() YIELD label RETURN label",
    "CALL show_tables() RETURN *",
    "MATCH (p:Person) WHERE p.search STARTS WITH $q RETURN p ORDER BY p.name SKIP 0 LIMIT 10",
]

WRITES = [
    ("CREATE (:Person {id: 'x'})", "CREATE"),
    ("MATCH (p:Person) SET p.name = 'x'", "SET"),
    ("MATCH (p) detach delete p", "DETACH"),
    ("MERGE (p:Person {id: 'x'})", "MERGE"),
    ("MATCH (p) REMOVE p.name", "REMOVE"),
    ("DROP TABLE Person", "DROP"),
    ("ALTER TABLE Person ADD age INT64", "ALTER"),
    ("COPY Person FROM 'people.csv'", "COPY"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD"),
    ("INSTALL fts", "INSTALL"),
    ("MATCH (p) FOREACH (x IN [1] | SET p.n = x)", "FOREACH"),
    ("CALL db.createLabel('X')", "CALL db.createLabel"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
    ("CALL threads = 4", "CALL threads"),
    ("MATCH (p) WITH p // comment\nDELETE p", "DELETE"),
    ("MATCH (p) WHERE p.name = 'it''s' DELETE p", "DELETE"),
    # Under backslash escapes the quote ends early and CREATE is code: refused under either reading.
    ("RETURN 'a\\' CREATE (n) //'", "CREATE"),
    ("MATCH (n) RETURN n; MATCH (m) DELETE m", "DELETE"),
]


@pytest.mark.parametrize("cypher", READS)
def test_reading_statements_pass(cypher):
    assert writing_keyword(cypher) is None
    check_read_only(cypher)


@pytest.mark.parametrize("cypher, found", WRITES)
def test_writing_statements_are_refused_with_the_clause_named(cypher, found):
    assert writing_keyword(cypher) == found
    with pytest.raises(ReadOnlyViolation, match="--write") as err:
        check_read_only(cypher)
    assert found in str(err.value) and "\n" not in str(err.value)
