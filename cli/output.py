"""Print result rows as a Rich table (people), JSON or CSV (scripts).

JSON keeps values as they are (lists stay lists); CSV and tables join list values, since a
cell holds one string.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from cli.options import OutputFormat

LIST_SEPARATOR = " | "
SHORT_CELL = 12  # a column whose values are all this short keeps them on one line


PIPED_WIDTH = 160  # tables written to a file or a pipe: wider than a terminal's default 80


def console() -> Console:
    # Made per call so that output goes to the sys.stdout of the moment (CliRunner swaps it).
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(file=sys.stdout, soft_wrap=False, width=PIPED_WIDTH if piped else None)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def cell(value: Any, separator: str = LIST_SEPARATOR) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(cell(v, separator) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def columns_of(rows: list[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        cols += [k for k in row if k not in cols]
    return cols


def print_rows(rows: list[dict[str, Any]], fmt: OutputFormat, *, title: str | None = None) -> None:
    """Rows in the chosen format; an empty result says so in a table and is [] / a bare header otherwise."""
    if fmt == OutputFormat.json:
        typer.echo(to_json(rows))
    elif fmt == OutputFormat.csv:
        print_csv(rows)
    else:
        print_table(rows, title=title)


def print_csv(rows: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns_of(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})


def print_table(rows: list[dict[str, Any]], *, title: str | None = None) -> None:
    out = console()
    if not rows:
        out.print(f"{title}: no results" if title else "no results", style="dim")
        return
    cols = columns_of(rows)
    cells = [[cell(row.get(col), "\n") for col in cols] for row in rows]
    long_cells = any("\n" in v or len(v) > 2 * SHORT_CELL for values in cells for v in values)
    table = Table(title=title, show_lines=long_cells, title_justify="left")
    for i, col in enumerate(cols):
        header = col.replace("_", " ")
        longest = max(len(line) for values in cells for line in values[i].splitlines() or [""])
        # Short values (dates, kinds) keep one line; Rich wraps the widest columns first.
        keep = longest if longest <= SHORT_CELL else 0
        table.add_column(header, overflow="fold", min_width=max(len(header), keep))
    for values in cells:
        table.add_row(*values)
    out.print(table)
