"""``peersupport roster FILE``: the gaps in a programme's on-call cover, as a table."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from peersupport._errors import InvalidInput
from peersupport.checks._common import make_context
from peersupport.checks.roster import Coverage, RosterView
from peersupport.cli._app import EXIT_FAILED, EXIT_OK, cli, fail_invalid
from peersupport.io import load_document, load_policy

__all__ = ["roster"]


def _hours(delta: Any) -> str:
    return f"{delta.total_seconds() / 3600:g}"


def _table(coverage: Coverage) -> Table:
    table = Table(
        "#",
        "from",
        "to",
        "hours",
        "reasons",
        title=f"on-call gaps ({coverage.timezone})",
    )
    for i, gap in enumerate(coverage.gaps, start=1):
        table.add_row(
            str(i),
            gap.start.isoformat(),
            gap.end.isoformat(),
            _hours(gap.duration),
            ", ".join(r.value for r in gap.reasons),
        )
    return table


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge as of this day (sets the horizon when the roster names none).",
)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file; overrides the programme file's own policy.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
def roster(file: Path, as_of: Any | None, policy_file: Path | None, fmt: str) -> None:
    """Print the gaps in the on-call cover of the roster in a programme FILE.

    A moment is covered when a primary and a different backup are on call (or a primary
    alone, if the policy has one tier). Exits 0 with no gaps, 1 with gaps, 2 on bad input.
    """
    try:
        document = load_document(file)
        if document.roster is None:
            raise InvalidInput.single(("roster",), "missing", "the file has no roster")
        policy = load_policy(policy_file) if policy_file else document.policy
        day: date | None = as_of.date() if as_of is not None else None
        coverage = RosterView(document, make_context(policy, day)).coverage
    except InvalidInput as exc:
        if exc.source is None:
            exc = InvalidInput(exc.errors, source=str(file))
        fail_invalid(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(coverage.to_dict(), indent=2, sort_keys=True))
    else:
        console = Console(width=120)
        console.print(
            f"horizon {coverage.start.isoformat()} to {coverage.end.isoformat()}: "
            f"{_hours(coverage.covered)} of {_hours(coverage.horizon)} hours covered, "
            f"{len(coverage.gaps)} gap(s)",
            highlight=False,
        )
        if coverage.gaps:
            console.print(_table(coverage))
    sys.exit(EXIT_OK if coverage.complete else EXIT_FAILED)
