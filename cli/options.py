"""Options shared by every store-using command, and opening the store they name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

import typer

from graph.errors import UserError
from graph.store import DEFAULT_DB, Store, open_store


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="PARTYKG_DB", metavar="PATH",
                 help=f"embedded graph file (LadybugDB), created on first use (default: {DEFAULT_DB})"),
]
Neo4jOption = Annotated[
    str | None,
    typer.Option("--neo4j", envvar="NEO4J_URI", metavar="URI",
                 help="use this Neo4j server instead (credentials from NEO4J_USERNAME, NEO4J_PASSWORD, "
                      "NEO4J_DATABASE)"),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table for people, json or csv for scripts", case_sensitive=False),
]


@contextmanager
def store_from(db: str | None, neo4j: str | None, *, read_only: bool = True) -> Iterator[Store]:
    """The store the options name, closed afterwards. Read-only unless the command writes."""
    store = open_store(db, neo4j, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def parse_params(pairs: list[str] | None, *, typed: bool = False) -> dict[str, Any]:
    """``["k=v", ...]`` from repeated ``--param`` options as a dict.

    With ``typed``, a value that reads as JSON (a number, a list, true/false) becomes that value.
    """
    import json

    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--param expects KEY=VALUE, got {pair!r}")
        if typed:
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[key.strip()] = value
    return out
