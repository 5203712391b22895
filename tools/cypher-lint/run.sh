#!/usr/bin/env bash
# Lint every Cypher statement partykg sends to Neo4j (the store's and the query catalogue's)
# with Neo4j's own linter, against partykg's schema. Exits 1 on any error.
# Usage: tools/cypher-lint/run.sh [PYTHON]   (default: $PYTHON, else .venv/bin/python, else python3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${1:-${PYTHON:-}}"
if [ -z "$python" ]; then
  if [ -x "$root/.venv/bin/python" ]; then python="$root/.venv/bin/python"; else python=python3; fi
fi
if [ ! -d "$here/node_modules/@neo4j-cypher/language-support" ]; then
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error --engine-strict=false
fi
cd "$root"
"$python" -m graph.lint_statements | node "$here/lint.mjs"
