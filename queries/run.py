"""Run a catalogue query on a store: check and convert the parameters, pick the dialect's text."""

from __future__ import annotations

import datetime
import re
from typing import Any

from graph.errors import QueryError
from graph.store import Store
from loaders.textnorm import fold
from queries.catalog import QUERIES, Param, Query

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_LIMIT = 2**31 - 1  # what a row limit of 0 ("no limit") becomes: LIMIT needs a number in both dialects


def get_query(name: str) -> Query:
    try:
        return QUERIES[name]
    except KeyError:
        known = ", ".join(sorted(QUERIES))
        raise QueryError(f"unknown query {name!r}; known queries: {known}") from None


def bind_params(query: Query, params: dict[str, Any]) -> dict[str, Any]:
    """The Cypher parameters for ``query``: defaults filled, types converted, search keys folded."""
    names = {p.name for p in query.params}
    unknown = sorted(set(params) - names)
    if unknown:
        expected = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {expected})")
    bound: dict[str, Any] = {}
    for p in query.params:
        value = params.get(p.name)
        if value is None:
            if p.required:
                raise QueryError(f"query {query.name!r} needs parameter {p.name!r}: {p.help}")
            value = p.default
        bound[p.name] = _convert(query, p, value)
    return bound


def _convert(query: Query, p: Param, value: Any) -> Any:
    if p.type is int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise QueryError(f"query {query.name!r}: parameter {p.name!r} must be a whole number, not {value!r}") from None
        if p.row_limit:
            if number < 0:
                raise QueryError(
                    f"query {query.name!r}: parameter {p.name!r} must be 0 (no limit) or more, not {number}")
            return number or NO_LIMIT
        return number
    value = str(value)
    if p.words:
        words = fold(value).split()
        if p.required and not words:
            raise QueryError(f"query {query.name!r}: parameter {p.name!r} is empty")
        return words
    if p.search:
        folded = fold(value)
        if p.required and not folded:
            raise QueryError(f"query {query.name!r}: parameter {p.name!r} is empty")
        return folded
    value = value.strip()
    if p.date and value and not is_iso_date(value):
        raise QueryError(f"query {query.name!r}: parameter {p.name!r} must be a date YYYY-MM-DD, not {value!r}")
    return value


def is_iso_date(value: str) -> bool:
    if not ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def run_query(store: Store, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows of the named catalogue query, run read-only with ``params`` (user values, unfolded)."""
    query = get_query(name)
    bound = bind_params(query, params or {})
    text = query.text(store.dialect, bound)
    if query.prefer_exact:  # names as given exactly first; names containing them if none answers
        rows = store.query(text, {**bound, "exact": True}) or store.query(text, {**bound, "exact": False})
    else:
        rows = store.query(text, bound)
    if query.sort_by:
        rows = sort_rows(rows, query.sort_by)
        if "limit" in bound:  # each UNION ALL branch was limited; the union is limited here
            rows = rows[: bound["limit"]]
    return rows


def sort_rows(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Stable sort on ``keys`` (a leading "-" means descending); missing values sort last."""
    for key in reversed(keys):
        desc = key.startswith("-")
        col = key.lstrip("-")
        present = [r for r in rows if r.get(col) is not None]
        missing = [r for r in rows if r.get(col) is None]
        present.sort(key=lambda r: r[col], reverse=desc)
        rows = present + missing
    return rows
