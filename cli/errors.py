"""The exit-code boundary: every error leaves the CLI as one line on stderr.

0 ok; 1 the user's to fix (graph.errors.UserError, bad arguments, a missing file); 2 internal
(anything else: "internal error: ...", with the traceback only when PARTYKG_DEBUG=1).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

# Recent Typer releases vendor their own copy of Click (typer._click) and no longer install
# Click itself; older ones use Click. Catch the exceptions of whichever copies are present.
_CLICKS = []
for _name in ("typer._click.exceptions", "click.exceptions"):
    try:
        _CLICKS.append(importlib.import_module(_name))
    except ImportError:
        pass
USAGE_ERRORS = tuple(m.UsageError for m in _CLICKS)
CLICK_ERRORS = tuple(m.ClickException for m in _CLICKS)
ABORTS = tuple({getattr(m, "Abort", typer.Abort) for m in _CLICKS} | {typer.Abort})
NO_ARGS_IS_HELP = tuple(m.NoArgsIsHelpError for m in _CLICKS if hasattr(m, "NoArgsIsHelpError"))

from graph.errors import PartyKGError, UserError

USER_ERROR = 1
INTERNAL_ERROR = 2


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def print_error(message: str) -> None:
    typer.echo(one_line(message), err=True)


def debugging() -> bool:
    return os.environ.get("PARTYKG_DEBUG", "") not in ("", "0")


class PartyKGGroup(TyperGroup):
    """The top-level command group; runs a command and turns what escapes it into an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self.run_guarded(args=args, prog_name=prog_name, complete_var=complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def run_guarded(self, **kwargs: Any) -> int:
        try:
            rv = super().main(standalone_mode=False, **kwargs)
            return rv if isinstance(rv, int) else 0
        except NO_ARGS_IS_HELP as exc:  # "partykg" alone: the help, not an error
            help_text = exc.format_message()  # Rich help was already printed when the error was made
            if help_text.strip():
                typer.echo(help_text)
            return 0
        except USAGE_ERRORS as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            print_error(f"error: {exc.format_message()}{where}")
            return USER_ERROR
        except CLICK_ERRORS as exc:
            print_error(f"error: {exc.format_message()}")
            return USER_ERROR
        except ABORTS:
            print_error("aborted")
            return USER_ERROR
        except UserError as exc:
            print_error(f"error: {exc}")
            return USER_ERROR
        except Exception as exc:  # the boundary: nothing else may print a traceback
            if debugging():
                raise
            kind = "" if isinstance(exc, PartyKGError) else f"{type(exc).__name__}: "
            print_error(f"internal error: {kind}{exc} (set PARTYKG_DEBUG=1 for the traceback)")
            return INTERNAL_ERROR
