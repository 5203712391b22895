"""The partykg command line: assembles the command modules and guards the exit codes.

Each module owns its commands in a ``typer.Typer()`` of its own; registering one here is one
``app.add_typer(module.app)`` line (its commands join the top level).
"""

from __future__ import annotations

import typer

from cli import graphviews, load_commands, query_commands
from cli.errors import PartyKGGroup

app = typer.Typer(
    cls=PartyKGGroup,
    name="partykg",
    help="Vietnamese Communist Party organisational news -> a knowledge graph you can question.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(load_commands.app)
app.add_typer(query_commands.app)
graphviews.register(app)  # export (every format, selections), show, analyze


def run() -> None:
    """Console-script entry point (``partykg``)."""
    app(prog_name="partykg")


if __name__ == "__main__":
    run()
