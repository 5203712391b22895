"""Run a catalogue query on a store: check and convert the parameters, pick the dialect's text."""

from __future__ import annotations

import datetime
import re
from typing import Any

from graph.errors import QueryError
from graph.store import Store
from loaders.textnorm import fold
from graph.schema import EVIDENCE_CAP
from queries.catalog import KEYED_COLUMNS, NEWEST_DATE, PATH_ENDS, PATH_MAX_HOPS, QUERIES, Param, Query, path_text

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_LIMIT = 2**31 - 1  # what a row limit of 0 ("no limit") becomes: LIMIT needs a number in both dialects
# A window query looks this many days back from the newest meeting first, then further, then at everything.
WINDOW_DAYS = (92, 2 * 366)


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
    if query.name == "path" and store.dialect == "ladybug":
        return shortest_path(store, bound)
    text = query.text(store.dialect, bound)
    if query.window:
        rows = newest_first(store, query, text, bound)
    elif query.prefer_exact:  # names as given exactly first; names containing them if none answers
        rows = (ask(store, query, name_match(text, store.dialect, True), {**bound, "exact": True})
                or ask(store, query, name_match(text, store.dialect, False), {**bound, "exact": False}))
    else:
        rows = ask(store, query, text, bound)
    if store.dialect == "ladybug":
        rows = unkey_rows(rows)
    if query.sort_by:
        rows = sort_rows(rows, query.sort_by)
        if "limit" in bound:  # each UNION ALL branch was limited; the union is limited here
            rows = rows[: bound["limit"]]
    return rows


# A line that is just UNION ALL: where the catalogue's texts join their branches.
_UNION_ALL = re.compile(r"^[ \t]*UNION ALL[ \t]*$", re.MULTILINE)


def ask(store: Store, query: Query, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of ``text``. On the embedded store the branches of a ``branches_at_once`` query's UNION
    ALL run at the same time (``LadybugStore.query_all``); Neo4j gets the union whole, in one round trip."""
    at_once = store.dialect == "ladybug" and query.branches_at_once
    branches = _UNION_ALL.split(text) if at_once else [text]
    if len(branches) == 1:
        return store.query(text, params)
    return [row for rows in store.query_all(branches, params) for row in rows]


def newest_first(store: Store, query: Query, text: str, bound: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of a newest-first ``window`` query, asking for the last months first.

    ``$since`` bounds the date from below; every row left out is older than every row kept, so once
    ``$limit`` rows come back they are the newest of the whole graph. Otherwise the window widens,
    last to everything (``$since`` = ''). Listings filtered only by date then read a few thousand
    meetings, not all; with a name, kind or organiser filter (or no limit) the answer is asked for at once.
    """
    filtered = any(bound[p.name] for p in query.params if p.type is str and not p.date)
    windows: list[str] = []
    if not filtered and bound["limit"] != NO_LIMIT:
        newest = (store.query(NEWEST_DATE) or [{}])[0].get("newest")
        if bound.get("to_date") and (not newest or bound["to_date"] < newest):
            newest = bound["to_date"]
        if newest and is_iso_date(newest):
            end = datetime.date.fromisoformat(newest)
            windows = [(end - datetime.timedelta(days=days)).isoformat() for days in WINDOW_DAYS]
    for since in windows:
        rows = in_two_steps(store, query, text, {**bound, "since": since})
        if len(rows) >= bound["limit"]:
            return rows
    return in_two_steps(store, query, text, {**bound, "since": ""})


def in_two_steps(store: Store, query: Query, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of ``text``; for the embedded text of a query with ``ladybug_ids``, its ids are asked for first."""
    if store.dialect != "ladybug" or not query.ladybug_ids or text != query.ladybug:
        return store.query(text, params)
    ids = [row["id"] for row in store.query(query.ids_text(params), params)]
    return store.query(text, {**params, "ids": ids}) if ids else []


def unkey_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The embedded store's ``evidence``/``sources`` lists come sorted as "date|article|value"
    (queries.catalog._provenance): their values, distinct, in that order; evidence the first
    EVIDENCE_CAP non-empty sentences."""
    for row in rows:
        for column in KEYED_COLUMNS:
            if isinstance(row.get(column), list):
                values = list(dict.fromkeys(v.split("|", 2)[2] for v in row[column] if v))
                row[column] = [v for v in values if v][:EVIDENCE_CAP] if column == "evidence" else values
    return rows


_EXACT_OR_CONTAINS = re.compile(r"\((\w+)\.search = \$(\w+) OR \(NOT \$exact AND \1\.search CONTAINS \$\2\)\)")


def name_match(text: str, dialect: str, exact: bool) -> str:
    """On the embedded store, ``exact_or_contains`` conditions as the one branch ``$exact`` selects.

    The same rows; but with the OR, LadybugDB's planner could not start from the matched node and
    joined whole tables instead (a person's positions with their evidence: 1.2 s vs 60 ms on 30k
    articles). Neo4j gets the text as written (and linted).
    """
    if dialect != "ladybug":
        return text
    return _EXACT_OR_CONTAINS.sub(r"\1.search = $\2" if exact else r"\1.search CONTAINS $\2", text)


def shortest_path(store: Store, bound: dict[str, Any]) -> list[dict[str, Any]]:
    """The path query on the embedded store, which runs one breadth-first search per start node.

    A name may be carried by many nodes (one official seen in many provinces is one node per
    province), and searching from each of them cost ~20 ms apiece on 30k articles. So: search from
    one start node; then from all of them, only for paths shorter than the one found. The answer
    has the same length as a search from every start node at once; ties may pick another path.
    The ends are matched like ``exact_or_contains``: exact names first, each end on its own.
    """
    def ends(name: str) -> tuple[list[str], str]:
        """The ids carrying ``name`` and their one label ("Person|Organization" when mixed)."""
        rows = store.query(name_match(PATH_ENDS, store.dialect, True), {"name": name, "exact": True})
        rows = rows or store.query(name_match(PATH_ENDS, store.dialect, False), {"name": name, "exact": False})
        labels = {r["label"] for r in rows}
        return [r["id"] for r in rows], labels.pop() if len(labels) == 1 else "Person|Organization"

    (starts, start_label), (targets, target_label) = ends(bound["a"]), ends(bound["b"])
    if not starts or not targets:
        return []
    swapped = len(starts) > len(targets)  # start from the side with fewer nodes
    if swapped:
        (starts, start_label), (targets, target_label) = (targets, target_label), (starts, start_label)
    params = {"from_ids": starts[:1], "to_ids": targets}
    best = store.query(path_text(PATH_MAX_HOPS, start_label, target_label), params)
    if len(starts) > 1:
        shorter = best[0]["hops"] - 1 if best else PATH_MAX_HOPS
        if shorter >= 1:
            best = store.query(path_text(shorter, start_label, target_label),
                               {**params, "from_ids": starts}) or best
    if swapped:
        best = [{**r, "source": r["target"], "target": r["source"], "nodes": r["nodes"][::-1],
                 "relationships": r["relationships"][::-1]} for r in best]
    return best


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
