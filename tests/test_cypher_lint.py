"""Every Cypher statement sent to Neo4j passes Neo4j's own linter against partykg's schema.

Needs node and the npm package pinned in tools/cypher-lint (``npm ci --prefix tools/cypher-lint``,
done by .ci/run). Without them the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph import lint_statements
from graph.neo4j_store import node_write_statement, rel_write_statement
from graph.schema import EVIDENCE, EVIDENCE_PROPERTIES, LABELS, REL_TYPES, STORED_REL_TYPES, SUPPORTS, neo4j_ddl

ROOT = Path(__file__).resolve().parents[1]
LINT_DIR = ROOT / "tools" / "cypher-lint"


def _require_linter() -> None:
    missing = []
    if shutil.which("node") is None:
        missing.append("node is not installed")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        missing.append("the linter is not installed (npm ci --prefix tools/cypher-lint)")
    if missing:
        reason = "Cypher linter unavailable: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _lint(statements: list[dict[str, str]]) -> subprocess.CompletedProcess:
    payload = json.dumps({"schema": lint_statements.lint_schema(), "statements": statements}, ensure_ascii=False)
    return subprocess.run(["node", str(LINT_DIR / "lint.mjs")], input=payload, capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_every_statement_sent_to_neo4j_lints_without_errors():
    _require_linter()
    result = subprocess.run([str(LINT_DIR / "run.sh"), sys.executable], capture_output=True, text=True,
                            timeout=600, cwd=ROOT)
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors" in result.stdout


WRONG = {
    "unknown label": ("MATCH (p:Persn) RETURN p.name", "Persn"),
    "unknown type": ("MATCH (p:Person)-[:HOLD]->(x:Position) RETURN p", "HOLD"),
    "unknown property": ("MATCH (p:Person) RETURN p.fullname", "fullname"),
    "wrong endpoints": ("MATCH (p:Person)-[:OF]->(o:Organization) RETURN p", "[:OF] has no incoming (:Person)"),
    "syntax error": ("MATCH (p:Person RETURN p", "Invalid input"),
    "LadybugDB-only function": ("MATCH (p:Person) RETURN list_concat([p.name], [])", "list_concat"),
    # Provenance is read from Evidence nodes, never stored on the fact.
    "provenance as a fact property": ("MATCH (:Person)-[h:HOLDS]->(:Position) RETURN h.first_seen", "first_seen"),
}


def test_the_linter_reports_each_wrong_statement():
    _require_linter()
    statements = [{"origin": f"wrong: {name}", "cypher": cypher} for name, (cypher, _) in WRONG.items()]
    result = _lint([*statements, {"origin": "right", "cypher": "MATCH (p:Person) RETURN p.name AS name"}])
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    for name, (_, expected) in WRONG.items():
        assert any(f"wrong: {name} " in line and expected in line for line in errors), (name, result.stdout)
    assert not any(" right " in line for line in errors)


def test_parameters_and_correct_patterns_are_not_errors():
    _require_linter()
    result = _lint([{"origin": "test.ok", "cypher": (
        "MATCH (e:Evidence)-[:SUPPORTS]->(p:Person)-[:HOLDS]->(pos:Position)-[:OF]->(o:Organization) "
        "WHERE p.search CONTAINS $q AND e.type = 'HOLDS' AND e.end_id = pos.id "
        "RETURN p.name AS name, o.name AS org, min(e.published) AS since ORDER BY since LIMIT $limit")}])
    assert result.returncode == 0, result.stdout
    assert "1 statements, 0 errors" in result.stdout


def test_lint_input_holds_every_store_statement_and_the_schema():
    texts = {s["cypher"] for s in lint_statements.statements()}
    assert set(neo4j_ddl()) <= texts
    assert {node_write_statement(label) for label in (*LABELS, EVIDENCE)} <= texts
    assert {rel_write_statement(t, a, b) for t, rel in STORED_REL_TYPES.items() for a, b in rel.endpoints} <= texts
    schema = lint_statements.lint_schema()
    # The stores' schema: the entities and facts plus the Evidence nodes and their SUPPORTS links.
    assert schema["labels"] == [*LABELS, EVIDENCE] and schema["relationshipTypes"] == [*REL_TYPES, SUPPORTS]
    supported = {link["to"] for link in schema["graphSchema"] if link["relType"] == SUPPORTS}
    assert supported == {"Article", "Meeting", "Person", "Position"}  # HOLDS evidence: the person and position
    assert all(link["from"] == EVIDENCE for link in schema["graphSchema"] if link["relType"] == SUPPORTS)
    assert set(EVIDENCE_PROPERTIES) | {"name", "title", "search"} <= set(schema["propertyKeys"])
    # A fact's sources, evidence and first/last seen are computed from its Evidence, not stored.
    assert not {"sources", "evidence", "first_seen", "last_seen", "support"} & set(schema["propertyKeys"])


def test_lint_input_holds_every_catalogue_query_when_the_catalogue_exists():
    try:
        from queries.catalog import QUERIES
    except ModuleNotFoundError as exc:
        if exc.name != "queries.catalog":
            raise
        pytest.skip("queries.catalog is not written yet")
    texts = {s["cypher"] for s in lint_statements.statements()}
    assert QUERIES and {q.neo4j for q in QUERIES.values()} <= texts


def test_lint_statements_prints_json():
    result = subprocess.run([sys.executable, "-m", "graph.lint_statements"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"schema", "statements"}
    assert all(set(s) == {"origin", "cypher"} for s in data["statements"])
