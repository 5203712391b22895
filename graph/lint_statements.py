"""Print, as JSON, every Cypher statement partykg sends to Neo4j (and the README's Neo4j examples),
with the schema to lint against.

``python -m graph.lint_statements | node tools/cypher-lint/lint.mjs`` is how CI checks them
with Neo4j's own parser and semantic analysis (tools/cypher-lint/run.sh).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from graph.neo4j_store import all_statements
from graph.schema import STORED_NODE_PROPERTIES, STORED_REL_TYPES


def lint_schema() -> dict[str, Any]:
    """graph.schema as the linter's DbSchema: labels, types, property keys and allowed paths."""
    property_keys = {k for props in STORED_NODE_PROPERTIES.values() for k in props}
    property_keys |= {k for rel in STORED_REL_TYPES.values() for k in rel.properties}
    return {
        "labels": list(STORED_NODE_PROPERTIES),
        "relationshipTypes": list(STORED_REL_TYPES),
        "propertyKeys": sorted(property_keys),
        "graphSchema": [
            {"from": start, "to": end, "relType": name}
            for name, rel in STORED_REL_TYPES.items()
            for start, end in rel.endpoints
        ],
    }


def catalogue_statements() -> list[dict[str, str]]:
    """The Neo4j text of every catalogue query (none while queries.catalog is not written yet)."""
    try:
        from queries.catalog import QUERIES
    except ModuleNotFoundError as exc:
        if exc.name != "queries.catalog":
            raise
        return []
    return [{"origin": f"queries.catalog:{name}", "cypher": q.neo4j} for name, q in QUERIES.items()]


def selection_statements() -> list[dict[str, str]]:
    """The statements graph.selection sends (export/show/analyze selections)."""
    from graph.selection import NEO4J_STATEMENTS

    return [{"origin": f"graph.selection:{name}", "cypher": cypher} for name, cypher in NEO4J_STATEMENTS.items()]


def readme_blocks() -> list[str]:
    """The ```cypher blocks of the README (none when it is not beside the package)."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    if not readme.is_file():
        return []
    return re.findall(r"```cypher\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)


def readme_statements() -> list[dict[str, str]]:
    """The README's examples for Neo4j (the embedded store's, on EvidencePage, run in tests/test_queries.py)."""
    return [{"origin": f"README.md:cypher-{i}", "cypher": block} for i, block in enumerate(readme_blocks())
            if "EvidencePage" not in block]


def statements() -> list[dict[str, str]]:
    store = [{"origin": origin, "cypher": cypher} for origin, cypher in all_statements().items()]
    return store + catalogue_statements() + selection_statements() + readme_statements()


def main() -> None:
    json.dump({"schema": lint_schema(), "statements": statements()}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
