"""One root exception and a small tree: the CLI turns each into a one-line message.

``UserError`` and its subclasses are the user's to fix (exit code 1); anything else that
escapes is an internal error (exit code 2).
"""

from __future__ import annotations


class PartyKGError(Exception):
    """Root of every error partykg raises on purpose."""


class UserError(PartyKGError):
    """Bad input, bad arguments, bad configuration: exit code 1."""


class InputFileError(UserError):
    """A file that cannot be read or parsed. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreUnavailable(UserError):
    """The store cannot be opened or reached (e.g. Neo4j URI unreachable, bad credentials)."""


class ReadOnlyViolation(UserError):
    """A statement would write, but the command runs read-only (use --write)."""


class QueryError(UserError):
    """A query failed: unknown query name, missing parameter, or a Cypher error."""


class WriteFailed(PartyKGError):
    """A batch could not be written; the store rolled it back, so the graph is as it was (exit code 2)."""
