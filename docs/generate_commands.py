"""Write docs/commands.md: every command's summary, its help example, and that example's real output.

    python docs/generate_commands.py [--db GRAPH]

Each example line is taken from the command's own ``--help`` and run as written (the ``partykg``
beside this Python, 120 columns) against GRAPH, or, without --db, against the graph of the bundled example articles. Run from the repository root; ``../shared/corpus`` must be
beside it for the ingest/extract/evaluate examples.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import typer.main  # noqa: E402

from cli.main import app  # noqa: E402

MAX_LINES = 45


def commands() -> dict[str, object]:
    found: dict[str, object] = {}

    def walk(prefix: str, group: object) -> None:
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            full = f"{prefix} {name}".strip()
            if hasattr(command, "commands"):
                walk(full, command)
            else:
                found[full] = command

    walk("", typer.main.get_command(app))
    return found


def example_lines(help_text: str) -> list[str]:
    lines = [line.strip() for line in help_text.splitlines()]
    heads = [i for i, line in enumerate(lines) if line in ("Example:", "Examples:")]
    if not heads:
        return []
    return [line for line in lines[heads[0] + 1:] if line.startswith("partykg ")]


def example_graph(folder: Path) -> Path:
    """The graph the README's Quick start builds: the bundled example articles, ingested."""
    from graph.ladybug_store import LadybugStore
    from loaders.ingest import ingest

    path = folder / "examples.lbdb"
    store = LadybugStore(path)
    ingest(store, [str(ROOT / "examples" / "articles")])
    store.close()
    return path


def run(line: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(shlex.split(line), cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout.rstrip("\n")
    if proc.returncode:
        out = (out + "\n" if out else "") + proc.stderr.strip() + f"\n(exit code {proc.returncode})"
    lines = [line.rstrip() for line in out.splitlines()]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"… ({len(lines) - MAX_LINES} more lines)"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="graph to run the query examples on (default: the fixture records)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "main"  # examples write files (export --out) here, not into the repository
        work.mkdir()
        (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")
        (work / "examples").symlink_to(ROOT / "examples")
        graph = Path(args.db).resolve() if args.db else example_graph(Path(tmp))
        env = {**os.environ, "PARTYKG_DB": str(graph), "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb",
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        env.pop("NEO4J_URI", None)
        out = ["# Command reference", "",
               "Every command with its example (from its `--help`) and the output that example really "
               "printed: `ingest` and `extract` on the bundled `examples/articles`, `evaluate` on `../shared/corpus`, the other commands on "
               f"{'the graph ' + args.db if args.db else 'the graph of the bundled example articles (the Quick start graph)'}"
               ". Regenerate with `python docs/generate_commands.py`.", ""]
        for name, command in commands().items():
            help_text = command.help or ""  # type: ignore[attr-defined]
            out += [f"## partykg {name}", "", help_text.strip().splitlines()[0], ""]
            for line in example_lines(help_text):
                ingest_like = line.split()[1] in ("ingest",)
                cwd_env = {**env, "PARTYKG_DB": str(Path(tmp) / "ingested.lbdb")} if ingest_like else env
                out += ["```console", f"$ {line}", run(line, work, cwd_env), "```", ""]
        target = ROOT / "docs" / "commands.md"
        target.write_text("\n".join(out), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
