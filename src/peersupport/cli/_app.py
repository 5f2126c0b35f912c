"""The command group and the foundation's commands: ``check``, ``rules`` and ``schema``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Final

from peersupport._errors import InvalidInput, MissingExtra, PeerSupportError

try:
    import click
    from rich.console import Console
    from rich.table import Table
except ImportError as _exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtra("click and rich", "cli") from _exc

from peersupport._version import __version__
from peersupport.checks import check_supporters, rules
from peersupport.checks.programme import check_program
from peersupport.engine import Report, Severity
from peersupport.io import ProgrammeDocument, load_document, load_policy
from peersupport.model import Supporter
from peersupport.policy import Policy
from peersupport.render import FORMATS, render, rule_catalogue_markdown

__all__ = ["EXIT_FAILED", "EXIT_INVALID", "EXIT_OK", "cli", "fail_invalid", "main"]

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_INVALID: Final = 2


def _output_schema(name: str) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        # Imported when asked for: the assessment package is the heaviest part of the library.
        from peersupport import assessment  # noqa: PLC0415

        schema: dict[str, Any] = getattr(assessment, name)()
        return schema

    return load


# What the command line accepts (input models) and what it writes (report schemas).
_SCHEMAS: Final[dict[str, Callable[[], dict[str, Any]]]] = {
    "supporter": Supporter.model_json_schema,
    "policy": Policy.model_json_schema,
    "programme": ProgrammeDocument.model_json_schema,
    "audit-report": _output_schema("audit_report_schema"),
    "assessment-result": _output_schema("assessment_result_schema"),
}


def fail_invalid(exc: PeerSupportError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_INVALID)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="peersupport")
def cli() -> None:
    """Check peer support programmes against the guidance they come from."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True
)
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge as of this day.")
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file (YAML, TOML or JSON); overrides the programme file's own policy.",
)
@click.option("--strict", is_flag=True, help="Ignore every waiver.")
def check(
    file: Path, fmt: str, as_of: Any | None, policy_file: Path | None, *, strict: bool
) -> None:
    """Check a programme FILE (YAML or JSON): the whole programme, or just its supporters.

    A file that describes the programme (its models, team, groups, roster, supervision,
    hiring or conditions of work) gets every programme rule as well as the eligibility and
    training rules of each supporter; a file of supporters alone gets the latter.
    """
    try:
        document = load_document(file)
        policy = load_policy(policy_file) if policy_file else document.policy
        day: date | None = as_of.date() if as_of is not None else None
        kw: dict[str, Any] = {"as_of": day, "waivers": document.waivers, "strict": strict}
        if document.has_programme_data:
            report: Report = check_program(document, policy, **kw)
        else:
            report = check_supporters(document.supporters, policy, **kw)
    except InvalidInput as exc:
        if exc.source is None:
            exc = InvalidInput(exc.errors, source=str(file))
        fail_invalid(exc)
        return
    click.echo(render(report, fmt), nl=False)
    sys.exit(EXIT_OK if report.passed else EXIT_FAILED)


@cli.command(name="rules")
@click.option("--concept", help="Only this concept (e.g. eligibility, training).")
@click.option("--severity", type=click.Choice([s.value for s in Severity]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules_cmd(concept: str | None, severity: str | None, fmt: str) -> None:
    """Print the rule catalogue."""
    selected = rules(concept, severity)
    if fmt == "json":
        click.echo(json.dumps([r.describe() for r in selected], indent=2, sort_keys=True))
    elif fmt == "markdown":
        if concept or severity:
            raise click.UsageError("--format markdown prints the whole catalogue; drop filters")
        click.echo(rule_catalogue_markdown(), nl=False)
    else:
        table = Table("id", "severity", "title", "sources", title="peersupport rules")
        for r in selected:
            table.add_row(r.id, r.severity.value, r.title, "; ".join(str(c) for c in r.citations))
        Console(width=160).print(table)


@cli.command()
@click.argument("model", type=click.Choice(sorted(_SCHEMAS)))
def schema(model: str) -> None:
    """Print the JSON Schema of MODEL: an input, or the audit and assessment JSON outputs."""
    click.echo(json.dumps(_SCHEMAS[model](), indent=2, sort_keys=True))


def main() -> None:
    """Run the command line; no traceback ever reaches the user for bad input."""
    try:
        cli(standalone_mode=True)
    except PeerSupportError as exc:  # pragma: no cover - commands catch their own
        fail_invalid(exc)
