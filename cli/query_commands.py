"""Commands that read the graph: one per canned query, the catalogue, any query, ad-hoc Cypher."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.tree import Tree

from cli.options import DbOption, FormatOption, Neo4jOption, OutputFormat, parse_params, store_from
from cli.output import console, print_rows
from queries.catalog import QUERIES
from queries.run import run_query

app = typer.Typer()


def param_help(query: str, param: str) -> str:
    """An option's help is the catalogue's parameter help: one place to document it."""
    return next(p.help for p in QUERIES[query].params if p.name == param)


def show(query: str, params: dict[str, Any], db: str | None, neo4j: str | None, fmt: OutputFormat) -> list[dict]:
    with store_from(db, neo4j) as store:
        rows = run_query(store, query, params)
    print_rows(rows, fmt, title=query)
    return rows


def _opt(query: str, param: str, *flags: str) -> Any:
    return typer.Option(*flags, help=param_help(query, param))


FromDate = Annotated[str, typer.Option("--from", metavar="DATE", help="on or after this date (YYYY-MM-DD)")]
ToDate = Annotated[str, typer.Option("--to", metavar="DATE", help="on or before this date (YYYY-MM-DD)")]
Limit = Annotated[int, typer.Option("--limit", help="at most this many rows, in the order shown (0: no limit)")]


@app.command()
def chairs(
    person: Annotated[str, _opt("chairs", "person", "--person")] = "",
    org: Annotated[str, _opt("chairs", "org", "--org")] = "",
    from_date: FromDate = "",
    to_date: ToDate = "",
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Who chaired which meeting, newest first: date, kind, organisers, the sentence that says so, the source.

    Example:

        partykg chairs --person "vu duc bao" --from 2020-01-01 --to 2020-12-31 --limit 20
    """
    show("chairs", {"person": person, "org": org, "from_date": from_date, "to_date": to_date, "limit": limit},
         db, neo4j, fmt)


@app.command()
def person(
    name: Annotated[str, typer.Argument(help=param_help("person", "name"))],
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """A person's profile, newest first: positions (first/last seen) and meetings chaired, attended, spoken at.

    Example:

        partykg person "vu duc bao" --limit 20
    """
    show("person", {"name": name, "limit": limit}, db, neo4j, fmt)


@app.command()
def hierarchy(
    org: Annotated[str, typer.Argument(help=param_help("hierarchy", "org"))],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """An organisation's chain up to the top (PART_OF), and the tree of organisations below it.

    Example:

        partykg hierarchy "Ban To chuc Huyen uy Chuong My"
    """
    with store_from(db, neo4j) as store:
        rows = run_query(store, "hierarchy", {"org": org})
    if fmt != OutputFormat.table or not rows:
        print_rows(rows, fmt, title="hierarchy")
        return
    for name in dict.fromkeys(r["organization"] for r in rows):
        console().print(hierarchy_tree(name, [r for r in rows if r["organization"] == name]))


def hierarchy_tree(name: str, rows: list[dict[str, Any]]) -> Tree:
    """The chain above as nested branches down to ``name`` (bold), then its own tree below it."""
    up = [r for r in rows if r["direction"] == "up"]
    chain = [r["name"] for r in sorted(up, key=lambda r: r["depth"], reverse=True)]
    chain = list(dict.fromkeys(chain))
    root = Tree(chain[0] if chain else f"[bold]{name}[/bold]")
    node = root
    for ancestor in chain[1:]:
        node = node.add(ancestor)
    if chain:
        node = node.add(f"[bold]{name}[/bold]")
    branches = {name: node}
    for r in sorted((r for r in rows if r["direction"] == "down"), key=lambda r: (r["depth"], r["name"])):
        parent = branches.get(r["via"])
        if parent is not None and r["name"] not in branches:
            branches[r["name"]] = parent.add(r["name"] + (f" [dim]({r['kind']})[/dim]" if r.get("kind") else ""))
    return root


@app.command()
def holders(
    title: Annotated[str, typer.Argument(help=param_help("holders", "title"))],
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The holders of a position over time, the most recently first seen in it first.

    Example:

        partykg holders "Truong Ban To chuc Trung uong"
    """
    show("holders", {"title": title, "limit": limit}, db, neo4j, fmt)


@app.command()
def members(
    org: Annotated[str, typer.Argument(help=param_help("members", "org"))],
    depth: Annotated[int, _opt("members", "depth", "--depth")] = 0,
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """People holding positions in an organisation (and, with --depth, in the organisations below it), by name.

    Example:

        partykg members "Huyen uy Chuong My" --depth 1
    """
    show("members", {"org": org, "depth": depth, "limit": limit}, db, neo4j, fmt)


@app.command()
def resolution(
    name: Annotated[str, typer.Argument(help=param_help("resolution", "name"))],
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Meetings that discussed a resolution, directive or other party document, newest first.

    Example:

        partykg resolution "05-CT/TW"
    """
    show("resolution", {"name": name, "limit": limit}, db, neo4j, fmt)


@app.command()
def citations(
    name: Annotated[str, typer.Argument(help=param_help("citations", "name"))],
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Articles that cite a resolution, directive or other party document, newest first, with the citing sentence.

    Example:

        partykg citations "Chi thi 35"
    """
    show("citations", {"name": name, "limit": limit}, db, neo4j, fmt)


@app.command()
def path(
    a: Annotated[str, typer.Argument(help=param_help("path", "a"))],
    b: Annotated[str, typer.Argument(help=param_help("path", "b"))],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The shortest chain of facts (up to 6 steps) linking two people or organisations.

    Example:

        partykg path "Trinh Tien Tuong" "Vu Duc Bao"
    """
    with store_from(db, neo4j) as store:
        rows = run_query(store, "path", {"a": a, "b": b})
    if fmt == OutputFormat.table:
        rows = [{"hops": r["hops"], "route": route(r["nodes"], r["relationships"])} for r in rows]
    print_rows(rows, fmt, title="path")


def route(nodes: list[str], relationships: list[str]) -> str:
    """"A -[HOLDS]- B -[OF]- C": the path as one readable line."""
    parts = [str(nodes[0])] if nodes else []
    for rel, node in zip(relationships, nodes[1:]):
        parts.append(f"-[{rel}]- {node}")
    return " ".join(parts)


@app.command()
def meetings(
    name: Annotated[str, _opt("meetings", "name", "--name")] = "",
    kind: Annotated[str, _opt("meetings", "kind", "--kind")] = "",
    org: Annotated[str, _opt("meetings", "org", "--org")] = "",
    from_date: FromDate = "",
    to_date: ToDate = "",
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Meetings, newest first, with their organisers and chairs, filtered by name, kind, organiser and date.

    Example:

        partykg meetings --org "Ban To chuc Trung uong" --from 2020-01-01
    """
    params = {"name": name, "kind": kind, "org": org, "from_date": from_date, "to_date": to_date, "limit": limit}
    show("meetings", params, db, neo4j, fmt)


@app.command()
def organizations(
    name: Annotated[str, _opt("organizations", "name", "--name")] = "",
    kind: Annotated[str, _opt("organizations", "kind", "--kind")] = "",
    level: Annotated[str, _opt("organizations", "level", "--level")] = "",
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Organisations by name, kind or level (in name order), with the organisation each is part of.

    Example:

        partykg organizations --name "chuong my"
    """
    show("organizations", {"name": name, "kind": kind, "level": level, "limit": limit}, db, neo4j, fmt)


@app.command()
def people(
    name: Annotated[str, _opt("people", "name", "--name")] = "",
    limit: Limit = 50,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """People by name (in name order), with the positions they were seen in.

    Example:

        partykg people --name "vu"
    """
    show("people", {"name": name, "limit": limit}, db, neo4j, fmt)


@app.command()
def stats(db: DbOption = None, neo4j: Neo4jOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """How many nodes of each label and relationships of each type the graph holds.

    Example:

        partykg stats
    """
    show("stats", {}, db, neo4j, fmt)


@app.command()
def queries(fmt: FormatOption = OutputFormat.table) -> None:
    """List the canned queries with their parameters (run any with 'partykg query NAME').

    Example:

        partykg queries
    """
    rows = [
        {
            "query": q.name,
            "description": q.description,
            "parameters": [
                f"{p.name} ({p.type.__name__}, {'required' if p.required else f'default {p.default!r}'}): {p.help}"
                for p in q.params
            ],
        }
        for q in QUERIES.values()
    ]
    print_rows(rows, fmt, title="queries")


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="the query's name (see 'partykg queries')")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", metavar="KEY=VALUE",
                                                    help="a parameter; repeat for several")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run any canned query by name, with parameters as KEY=VALUE.

    Example:

        partykg query chairs --param person="vu duc bao" --param from_date=2020-01-01
    """
    show(name, parse_params(param), db, neo4j, fmt)


@app.command()
def cypher(
    statement: Annotated[str, typer.Argument(help="the Cypher statement (use $name for parameters)")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", metavar="KEY=VALUE",
                                                    help="a parameter (JSON values allowed); repeat for several")] = None,
    write: Annotated[bool, typer.Option("--write", help="allow statements that change the graph")] = False,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run ad-hoc Cypher; read-only unless --write is given.

    Example:

        partykg cypher 'MATCH (p:Person) WHERE p.search CONTAINS $q RETURN p.name AS name' --param q=vu
    """
    with store_from(db, neo4j, read_only=not write) as store:
        rows = store.query(statement, parse_params(param, typed=True), write=write)
    print_rows(rows, fmt, title="cypher")
