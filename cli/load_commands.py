"""Commands that read articles: ingest them into the graph, show what extraction finds, score it."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from cli.options import DbOption, FormatOption, Neo4jOption, OutputFormat, store_from
from cli.output import print_csv, print_rows, print_table, to_json
from graph.errors import InputFileError, UserError
from loaders.records import Extraction, Skipped

app = typer.Typer()

PathsArgument = Annotated[list[str], typer.Argument(help="article files (.txt, .html, .jsonl) or folders",
                                                     metavar="PATH...")]


@app.command()
def ingest(
    paths: PathsArgument,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, show_default=False,
                                                   help="articles per atomic write (default: 1250 embedded, 60 on Neo4j; larger "
                                                        "writes fewer times but needs more memory)")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default=False,
                                             help="extraction processes (default: all cores; 1: this process)")] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Read articles, extract their facts and store them; articles already in the graph are skipped.

    Example:

        partykg ingest examples/articles --db partykg.lbdb
    """
    from loaders.ingest import ingest as run_ingest

    check_paths_exist(paths)  # before the store is opened (and its file created)
    accepted = inspect.signature(run_ingest).parameters
    given = {"batch_size": batch_size, "jobs": jobs}
    options = {k: v for k, v in given.items() if v is not None and k in accepted}
    with store_from(db, neo4j, read_only=False) as store:
        with ingest_progress(paths) as advance:
            report = run_ingest(store, paths, progress=advance, **options)
        totals = store.counts()
    if report.read == 0:
        why = f": {report.skipped[0].source}: {report.skipped[0].reason}" if report.skipped else ""
        raise UserError(f"no article read from {', '.join(paths)}{why}")
    print_ingest_report(report, totals, fmt)


def check_paths_exist(paths: list[str]) -> None:
    for path in paths:
        if not os.path.exists(path):
            raise InputFileError(path, "no such file or folder")


@contextmanager
def ingest_progress(paths: list[str]) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar on stderr with articles/s and an ETA; silent when not a terminal."""
    from loaders.ingest import count_sources

    interactive = sys.stderr.isatty()
    total = count_sources(paths) if interactive else None
    progress = Progress(
        SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(file=sys.stderr), transient=True, disable=not interactive,
    )
    with progress:
        task = progress.add_task("ingest", total=total or None, rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:,.0f} articles/s" if speed else "")

        yield advance


def print_ingest_report(report: Any, totals: dict[str, int], fmt: OutputFormat) -> None:
    summary = {"read": report.read, "already_known": report.known, "extracted": report.extracted,
               "skipped": len(report.skipped)}
    stored = [
        {"element": element, "name": name, "written_this_run": count, "total_in_graph": totals.get(name, 0)}
        for element, written in (("node", report.stored.nodes), ("relationship", report.stored.relationships))
        for name, count in sorted(written.items())
        if name in totals  # SUPPORTS links are as many as Evidence nodes
    ]
    skipped = [{"source": s.source, "reason": s.reason} for s in report.skipped]
    run = {"seconds": round(getattr(report, "seconds", 0.0), 3), "jobs": getattr(report, "jobs", 1)}
    if fmt == OutputFormat.json:
        typer.echo(to_json({"articles": summary, "skipped": skipped, "stored": stored, "graph": totals, "run": run}))
    elif fmt == OutputFormat.csv:
        print_csv([{"section": "articles", "name": k, "value": v} for k, v in summary.items()]
                  + [{"section": f"stored {r['element']}", "name": r["name"], "value": r["written_this_run"]}
                     for r in stored]
                  + [{"section": "skipped", "name": s["source"], "value": s["reason"]} for s in skipped])
    else:
        title = f"ingest ({run['seconds']:.1f} s, {run['jobs']} process{'es' if run['jobs'] > 1 else ''})"
        print_table([{"articles": k.replace("_", " "), "count": v} for k, v in summary.items()], title=title)
        if skipped:
            print_table(skipped, title="skipped")
        if stored:
            print_table(stored, title="stored")


@app.command()
def extract(
    paths: PathsArgument,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show what extraction finds in articles, each fact with its sentence, without storing anything.

    Example:

        partykg extract examples/articles/2024-01-18-chuong-my-hoi-nghi.txt
    """
    from loaders.extract import extract as run_extract
    from loaders.reader import iter_documents

    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for item in iter_documents(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            extractions.append(run_extract(item))
    if not extractions:
        why = f": {skipped[0].source}: {skipped[0].reason}" if skipped else ""
        raise UserError(f"no article read from {', '.join(paths)}{why}")
    if fmt == OutputFormat.json:
        typer.echo(to_json({"articles": [e.to_dict() for e in extractions], "skipped": [asdict(s) for s in skipped]}))
        return
    rows = [row for e in extractions for row in fact_rows(e)]
    if fmt == OutputFormat.csv:
        print_csv(rows)
        return
    for e in extractions:
        meta = e.article
        heading = " · ".join(x for x in (meta.source, meta.title, meta.published, meta.outlet) if x)
        print_table([{k: v for k, v in r.items() if k != "article"} for r in fact_rows(e)], title=heading)
    if skipped:
        print_table([asdict(s) for s in skipped], title="skipped")


def fact_rows(e: Extraction) -> list[dict[str, Any]]:
    """Every fact of one extraction as a row: what kind of fact, about whom, what, and the sentence."""
    src = e.article.source
    rows: list[dict[str, Any]] = []

    def add(fact: str, subject: str, value: str | None, evidence: str | None) -> None:
        rows.append({"article": src, "fact": fact, "subject": subject, "value": value or "", "evidence": evidence or ""})

    for p in e.persons:
        if p.is_author:
            add("author", p.name, "", p.evidence[0] if p.evidence else "")
        elif not p.titles:
            add("person", p.name, "(no title)", p.evidence[0] if p.evidence else "")
        for t in p.titles:
            add("title", p.name, t.text, t.evidence)
    for o in e.organizations:
        detail = ", ".join(x for x in (o.kind, o.level, o.locality) if x)
        add("organization", o.name, f"part of {o.parent} ({detail})" if o.parent else f"({detail})",
            o.evidence[0] if o.evidence else "")
    for m in e.meetings:
        detail = ", ".join(x for x in (m.kind, m.date or "date unknown", m.location, "main" if m.main else "") if x)
        add("meeting", m.name, detail, m.evidence[0] if m.evidence else "")
        for org in m.organizers:
            add("organizer", org, m.name, m.evidence[0] if m.evidence else "")
        for part in m.participants:
            add(part.role, part.person, m.name, part.evidence)
        for doc in m.discussed:
            add("discussed", m.name, doc, "")
    for r in e.resolutions:
        detail = ", ".join(x for x in (r.kind, r.number, r.issuer and f"issued by {r.issuer}",
                                       r.term and f"khóa {r.term}") if x)
        add("document", r.name, detail, r.evidence[0] if r.evidence else "")
    return rows


@app.command()
def evaluate(
    folder: Annotated[str, typer.Argument(help="a folder of articles with *.gold.json annotations beside them",
                                          metavar="DIR")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per metric.

    Example:

        partykg evaluate ../shared/corpus
    """
    from loaders.evaluate import FLOORS, evaluate_dir

    report = evaluate_dir(folder)
    if fmt == OutputFormat.json:
        typer.echo(to_json(report.to_dict()))
        return
    rows: list[dict[str, Any]] = []
    for name, m in report.metrics.items():
        floor = FLOORS.get(name)
        rows.append({"metric": name, "tp": m.tp, "fp": m.fp, "fn": m.fn, "precision": round(m.precision, 3),
                     "recall": round(m.recall, 3), "f1": round(m.f1, 3), "floor": floor,
                     "status": "" if floor is None else ("ok" if m.f1 + 1e-9 >= floor else "BELOW")})
    acc = report.main_date
    floor = FLOORS.get("main_meeting_date")
    rows.append({"metric": "main_meeting_date", "tp": acc.correct, "fp": None, "fn": acc.total - acc.correct,
                 "precision": None, "recall": None, "f1": round(acc.value, 3), "floor": floor,
                 "status": "" if floor is None else ("ok" if acc.value + 1e-9 >= floor else "BELOW")})
    title = f"evaluation over {len(report.articles)} articles (main_meeting_date: accuracy in the f1 column)"
    print_rows(rows, fmt, title=title)
    errors = [a for a in report.articles if a.error]
    if errors and fmt == OutputFormat.table:
        print_table([{"article": a.article, "error": a.error} for a in errors], title="not scored")
