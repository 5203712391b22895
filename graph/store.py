"""The interface both stores implement, and the factory that picks one.

The embedded LadybugDB store is the default; Neo4j is used when ``--neo4j URI`` or
``NEO4J_URI`` is given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.batch import GraphBatch

DEFAULT_DB = "partykg.lbdb"


@dataclass
class WriteStats:
    nodes: dict[str, int] = field(default_factory=dict)  # rows written per label
    relationships: dict[str, int] = field(default_factory=dict)  # rows written per type
    transactions: int = 0
    round_trips: int = 0


class Store(Protocol):
    dialect: str  # "ladybug" or "neo4j": picks the query variant in the catalogue
    location: str  # file path or URI, for messages

    def write(self, batch: GraphBatch) -> WriteStats:
        """Write a batch atomically: all of it lands, or none of it (the graph is unchanged)."""

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict[str, Any]]:
        """Run Cypher with parameters; rows as dicts keyed by the RETURN column names.
        Read-only unless ``write``; a writing statement in read mode raises ReadOnlyViolation."""

    def known_articles(self, article_ids: list[str]) -> set[str]:
        """Those of ``article_ids`` already stored (for incremental ingest)."""

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """The whole graph as {"nodes": [{id, labels, properties}], "relationships": [{id, type, start, end, properties}]}."""

    def close(self) -> None: ...


def open_store(db: str | None = None, neo4j_uri: str | None = None, *, read_only: bool = False) -> Store:
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            uri,
            user=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
    from graph.ladybug_store import LadybugStore

    return LadybugStore(db or os.environ.get("PARTYKG_DB") or DEFAULT_DB, read_only=read_only)
