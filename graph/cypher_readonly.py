"""The read-only guard: refuse a statement that could write before it reaches either store.

A keyword scan over the statement's tokens, with string literals, backtick-quoted names and
comments removed, so ``MATCH (n {name: 'CREATE'})`` is read-only and ``MATCH (n) // x`` newline
``DELETE n`` is not. Keywords after a dot or colon are property names and labels, not clauses.
The stores also run read-only statements in a read-only transaction: this check is the first line
of defence, and the one that gives the user a clear message.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.errors import ReadOnlyViolation

# Clauses that change data, schema, files or settings in Neo4j 5 or LadybugDB.
WRITE_KEYWORDS = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "RENAME",
        "COPY", "LOAD", "INSTALL", "UNINSTALL", "IMPORT", "EXPORT", "ATTACH", "FOREACH", "INSERT",
        "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "GRANT", "DENY", "REVOKE", "TERMINATE",
    }
)  # fmt: skip

# Procedures that only read (catalogue and schema introspection). Any other CALL of a named
# procedure is treated as writing: a procedure can create, delete or change settings.
READ_PROCEDURES = frozenset(
    {
        # LadybugDB
        "show_tables", "table_info", "show_connection", "show_functions", "show_indexes",
        "show_attached_databases", "show_warnings", "show_projected_graphs", "show_loaded_extensions",
        "current_setting", "db_version", "db_name",
        # Neo4j 5
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
        "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.info", "db.ping",
        "dbms.components",
    }
)  # fmt: skip

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\S")
_MAY_OPEN = re.compile("['\"`/]")  # where a string, a quoted name or a comment may start


def _strip_quoted(cypher: str, backslash_escapes: bool, doubled_quotes: bool) -> str:
    """The statement with strings, quoted names and comments blanked out (replaced by a space)."""
    out: list[str] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c in "'\"`":
            j = i + 1
            while j < n:
                if backslash_escapes and c != "`" and cypher[j] == "\\":
                    j += 2
                    continue
                if cypher[j] == c:
                    if doubled_quotes and j + 1 < n and cypher[j + 1] == c:  # '' as an escaped quote
                        j += 2
                        continue
                    break
                j += 1
            out.append(" `q` " if c == "`" else " 'q' ")
            i = j + 1
        elif cypher.startswith("//", i):
            j = cypher.find("\n", i)
            i = n if j < 0 else j
            out.append(" ")
        elif cypher.startswith("/*", i):
            j = cypher.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        else:  # plain text up to the next character that may open one of them
            found = _MAY_OPEN.search(cypher, i + 1)
            j = found.start() if found else n
            out.append(cypher[i:j])
            i = j
    return "".join(out)


def _writing_keyword_in(text: str) -> str | None:
    tokens = _TOKEN.findall(text)
    for k, tok in enumerate(tokens):
        word = tok.upper()
        prev = tokens[k - 1] if k else ""
        if prev in (".", ":", "$"):  # a property, a label or type, a parameter
            continue
        if word in WRITE_KEYWORDS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
            if nxt == ":" and prev in ("{", ","):  # a map key, e.g. {set: 1}
                continue
            return word
        if word == "CALL":
            name = _procedure_name(tokens, k + 1)
            if name is not None and name.lower() not in READ_PROCEDURES:
                return f"CALL {name}"
    return None


def _procedure_name(tokens: list[str], i: int) -> str | None:
    """The dotted name after CALL, or None for a subquery ``CALL { ... }`` / ``CALL (x) { ... }``."""
    if i >= len(tokens) or tokens[i] in ("{", "("):
        return None
    parts = [tokens[i]]
    while i + 2 < len(tokens) and tokens[i + 1] == ".":
        parts.append(tokens[i + 2])
        i += 2
    return ".".join(parts)


@lru_cache(maxsize=256)  # the canned queries' texts come back again and again
def writing_keyword(cypher: str) -> str | None:
    """The first clause in ``cypher`` that could write, or None when it only reads.

    Scanned under each way a lexer may end a string (backslash escapes, doubled quotes, or
    neither), because the two stores' lexers differ: a statement counts as read-only only if it
    is read-only under every reading.
    """
    for backslash_escapes in (True, False):
        for doubled_quotes in (True, False):
            found = _writing_keyword_in(_strip_quoted(cypher, backslash_escapes, doubled_quotes))
            if found:
                return found
    return None


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation when ``cypher`` could write."""
    found = writing_keyword(cypher)
    if found:
        raise ReadOnlyViolation(
            f"refused to run a writing statement ({found}) in read-only mode; use --write to allow it"
        )
