"""Commands over a selected part of the graph: ``export`` (every format), ``show`` (pictures)
and the ``analyze`` group (network analysis). They share one set of selection options
(``--around/--hops``, ``--org``, ``--from/--to``, ``--label``, ``--rel``; see graph.selection).

Registered in cli/main.py by ``graphviews.register(app)``. ``export --format json`` without
``--out`` prints the JSON, as it always has.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.options import DbOption, FormatOption, Neo4jOption, OutputFormat, store_from
from cli.output import print_rows, to_json
from graph.errors import UserError
from graph.selection import Selection, select


def _analysis() -> Any:
    """graph.analysis, imported on first use: networkx costs a third of the CLI's start-up."""
    from graph import analysis

    return analysis

app = typer.Typer()
analyze_app = typer.Typer(
    help="Network analysis of a selection: centrality, communities, brokers, timeline, summary.",
    no_args_is_help=True,
)

Around = Annotated[str | None, typer.Option("--around", metavar="NAME", help=(
    "the neighbourhood of this person, organisation, position, meeting or resolution (with or without "
    "diacritics)"))]
Hops = Annotated[int, typer.Option("--hops", min=0, max=10, help="how far --around reaches")]
Org = Annotated[str | None, typer.Option("--org", metavar="ORG", help=(
    "an organisation and everything below it, the people holding positions there and their meetings"))]
FromDate = Annotated[str | None, typer.Option("--from", metavar="DATE", help="facts seen on or after (YYYY[-MM[-DD]])")]
ToDate = Annotated[str | None, typer.Option("--to", metavar="DATE", help="facts seen on or before (YYYY[-MM[-DD]])")]
Labels = Annotated[list[str] | None, typer.Option("--label", metavar="LABEL", help="keep only these labels (repeat)")]
Rels = Annotated[list[str] | None, typer.Option("--rel", metavar="TYPE",
                                                help="keep only these relationship types (repeat)")]


def selection_of(around: str | None, hops: int, org: str | None, date_from: str | None, date_to: str | None,
                 labels: list[str] | None, rels: list[str] | None) -> Selection:
    return Selection(around=around, hops=hops, org=org, date_from=date_from, date_to=date_to,
                     labels=list(labels or []), rels=list(rels or []))


def selected(db: str | None, neo4j: str | None, selection: Selection) -> dict[str, list[dict[str, Any]]]:
    selection.validate()  # before opening the store: a bad flag is the user's, whatever the store
    with store_from(db, neo4j) as store:
        return select(store, selection)


# -- export -----------------------------------------------------------------------------------


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"
    nodelink = "nodelink"
    csv = "csv"
    neo4j_admin = "neo4j-admin"
    cypher = "cypher"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help=(
        "json {nodes, relationships}; graphml/gexf for Gephi; nodelink (networkx); csv (a folder: nodes.csv, "
        "relationships.csv); neo4j-admin (a folder of typed CSV + the import command); cypher (MERGE script)"))]
    = ExportFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="PATH", help=(
        "file to write (a folder for csv and neo4j-admin); json goes to stdout without it"))] = None,
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Export the graph, or a selection of it, for Gephi, a notebook or another Neo4j.

    Examples:

        partykg export --format json --out graph.json

        partykg export --format graphml --around "vu duc bao" --hops 2 --out bao.graphml

        partykg export --format neo4j-admin --org "Thành ủy Hà Nội" --out hanoi-import/
    """
    selection = selection_of(around, hops, org, date_from, date_to, label, rel)
    if fmt == ExportFormat.neo4j_admin and out is not None and selection.is_everything():
        if _export_whole_store_for_neo4j_admin(db, neo4j, out):
            return
    graph = selected(db, neo4j, selection)
    if out is None:
        if fmt != ExportFormat.json:
            raise UserError(f"--format {fmt.value} needs --out PATH")
        typer.echo(to_json(graph))
        return
    from graph.exporters import export_graph  # networkx: loaded when a command needs it

    written = export_graph(graph, fmt.value, out)
    _report_export(fmt, out, written, len(graph["nodes"]), len(graph["relationships"]))


def _export_whole_store_for_neo4j_admin(db: str | None, neo4j: str | None, out: Path) -> bool:
    """The whole embedded store to neo4j-admin files without holding it in memory (an archive's
    graph is what users load into a Neo4j cluster); False on Neo4j, which exports as any format."""
    from graph.exporters import export_store_for_neo4j_admin

    with store_from(db, neo4j) as store:
        if getattr(store, "dialect", "") != "ladybug":
            return False
        written, nodes, facts = export_store_for_neo4j_admin(store, out)
    _report_export(ExportFormat.neo4j_admin, out, written, nodes, facts)
    return True


def _report_export(fmt: ExportFormat, out: Path, written: list[Path], nodes: int, facts: int) -> None:
    from graph.exporters import FOLDER_FORMATS

    where = f"{out}/ ({len(written)} files)" if fmt.value in FOLDER_FORMATS else str(out)
    typer.echo(f"wrote {nodes} nodes and {facts} relationships to {where}")
    if fmt == ExportFormat.neo4j_admin:
        typer.echo(f"import with (from {out}): {(out / 'neo4j-admin-import.sh').read_text().splitlines()[-1]}")


# -- show -------------------------------------------------------------------------------------


@app.command()
def show(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE.html|FILE.png", help=(
        "an interactive page that works offline (.html) or a static picture (.png)"))],
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    title: Annotated[str | None, typer.Option("--title", help="the picture's title")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Draw a selection: nodes coloured by label, captioned by name, relationship types on hover.

    Examples:

        partykg show --around "vu duc bao" --hops 2 --out bao.html

        partykg show --org "Huyện ủy Chương Mỹ" --out chuong-my.png
    """
    from graph.show import write_picture

    if out.suffix.lower() not in (".html", ".htm", ".png"):
        raise UserError(f"{out}: --out must end in .html or .png")
    graph = selected(db, neo4j, selection_of(around, hops, org, date_from, date_to, label, rel))
    write_picture(graph, out, title or _title(around, org))
    typer.echo(f"drew {len(graph['nodes'])} nodes and {len(graph['relationships'])} relationships to {out}")


def _title(around: str | None, org: str | None) -> str:
    parts = [p for p in (around, org) if p]
    return "partykg: " + (" / ".join(parts) if parts else "graph")


# -- analyze ----------------------------------------------------------------------------------


class RankBy(str, Enum):
    degree = "degree"
    weighted_degree = "weighted_degree"
    betweenness = "betweenness"
    eigenvector = "eigenvector"


Top = Annotated[int, typer.Option("--top", min=0, help="at most this many rows (0: all)")]


def _graph(db: str | None, neo4j: str | None, *selection_args: Any) -> Any:
    from graph.exporters import to_networkx  # networkx loads only for the commands that use it

    return to_networkx(selected(db, neo4j, selection_of(*selection_args)))


@analyze_app.command()
def centrality(
    rank_by: Annotated[RankBy, typer.Option("--rank-by", help="the ranking")] = RankBy.degree,
    top: Top = 20,
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """People ranked by degree, betweenness and eigenvector centrality in the people network
    (two people linked when they took part in the same meeting or hold positions in the same
    organisation, weighted by how often).

    Example:

        partykg analyze centrality --rank-by betweenness --top 10
    """
    G = _graph(db, neo4j, around, hops, org, date_from, date_to, label, rel)
    rows = _analysis().centrality(G, rank_by=rank_by.value, top=top or None)
    print_rows([{k: r[k] for k in ("rank", "name", "degree", "weighted_degree", "betweenness", "eigenvector", "id")}
                for r in rows], fmt, title="centrality")


@analyze_app.command()
def communities(
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Louvain communities of the people network (fixed seed), each with its members and the
    organisations that dominate it.

    Example:

        partykg analyze communities --format json
    """
    G = _graph(db, neo4j, around, hops, org, date_from, date_to, label, rel)
    rows = _analysis().communities(G)
    print_rows([{k: r[k] for k in ("community", "size", "members", "organizations")} for r in rows], fmt,
               title="communities")


@analyze_app.command()
def brokers(
    top: Top = 20,
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """People who connect otherwise separate provinces or committees: cut vertices of the people
    network (splits = extra parts left without them), people on bridges, high betweenness.

    Example:

        partykg analyze brokers --top 10
    """
    G = _graph(db, neo4j, around, hops, org, date_from, date_to, label, rel)
    rows = _analysis().brokers(G, top=top or None)
    print_rows([{k: r[k] for k in ("rank", "name", "splits", "betweenness", "bridges", "cut_vertex", "groups", "id")}
                for r in rows], fmt, title="brokers")


@analyze_app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="a person (their positions and meetings) or a position (its holders)")],
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """A person's positions and meetings in date order, or a position's successive holders.

    Examples:

        partykg analyze timeline "vu duc bao"

        partykg analyze timeline "Trưởng Ban Tổ chức Trung ương"
    """
    G = _graph(db, neo4j, around, hops, org, date_from, date_to, label, rel)
    print_rows(_analysis().timeline(G, name), fmt, title=f"timeline: {name}")


@analyze_app.command()
def summary(
    around: Around = None,
    hops: Hops = 1,
    org: Org = None,
    date_from: FromDate = None,
    date_to: ToDate = None,
    label: Labels = None,
    rel: Rels = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Size, components, density and degree distribution of the selection.

    Example:

        partykg analyze summary --org "Thành ủy Hà Nội"
    """
    G = _graph(db, neo4j, around, hops, org, date_from, date_to, label, rel)
    result = _analysis().summary(G)
    if fmt == OutputFormat.json:
        typer.echo(to_json(result))
        return
    print_rows([{"measure": k, "value": v} for k, v in result.items()], fmt, title="summary")


def register(main_app: typer.Typer) -> None:
    """Add ``export``, ``show`` and the ``analyze`` group to the main app."""
    main_app.add_typer(app)
    main_app.add_typer(analyze_app, name="analyze")

