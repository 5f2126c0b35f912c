"""The ``task`` command: is a task consistent with the peer role?

``peersupport task "…"`` prints one verdict with its reasons; ``--file tasks.jsonl`` (or
``.csv``) streams a verdict per task. Exit codes: 0 no task is inconsistent, 1 some task is
inconsistent, 2 invalid input.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import click

from peersupport._errors import ErrorDetail, InvalidInput, PeerSupportError
from peersupport.checks.roles import Consistency, RoleVerdict, assess_task, assess_tasks
from peersupport.cli._app import EXIT_FAILED, EXIT_OK, cli, fail_invalid
from peersupport.engine import Finding
from peersupport.io import load_policy
from peersupport.model.task import Frequency, Requester, TaskReason, TaskTopic

__all__ = ["task"]

_MARK: Final = {"not_met": "x", "needs_review": "?", "met": "+"}
_BOOL: Final = click.Choice(["true", "false"])


def _choice(enum: Any) -> click.Choice[str]:
    return click.Choice([m.value for m in enum])


def _records(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """``(line, record)`` for each task in a JSON Lines or CSV file."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        msg = f"cannot read: {exc.strerror}"
        raise InvalidInput.single(("file",), "file_unreadable", msg) from None
    with handle:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            for row in reader:
                record = {k: v for k, v in row.items() if k and v not in {None, ""}}
                yield reader.line_num, record
            return
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                msg = f"line {number}: not valid JSON"
                raise InvalidInput.single((), "json_invalid", msg) from None
            yield number, record


def _finding_text(f: Finding, text: str | None) -> list[str]:
    mark = _MARK.get(f.outcome.value, "-")
    lines = [
        f"  {mark} {f.rule_id} {f.outcome.value} ({f.severity.value}): {f.title}",
        f"      {f.message}",
    ]
    for cue in f.evidence.get("cues", ()):
        span = cue.get("span")
        if span is None:
            lines.append(f"      {cue['kind']}: {cue['value']} (from {cue['origin']})")
            continue
        quoted = f' "{text[span[0] : span[1]]}"' if text is not None else ""
        lines.append(f"      matched{quoted} at {span[0]}-{span[1]} ({cue['pattern']})")
    lines.append("      sources: " + "; ".join(str(c) for c in f.citations))
    return lines


def render_verdict(verdict: RoleVerdict, text: str | None = None) -> str:
    """A verdict for a person; matched phrases are quoted only when ``text`` is given."""
    head = verdict.verdict.value
    if verdict.traps:
        head += "  traps: " + ", ".join(sorted(t.value for t in verdict.traps))
    lines = [head]
    if verdict.activities:
        lines.append("activities: " + ", ".join(verdict.activities))
    if verdict.requested_by is not None:
        lines.append(f"requested by: {verdict.requested_by.value}")
    lines.append("reasons:")
    for finding in verdict.reasons:
        lines.extend(_finding_text(finding, text))
    if verdict.alternative:
        lines.append(f"alternative: {verdict.alternative}")
    return "\n".join(lines) + "\n"


def _line(verdict: RoleVerdict, label: str) -> str:
    failing = ",".join(f.rule_id for f in verdict.reasons if f.outcome.value != "met") or "-"
    traps = ",".join(sorted(t.value for t in verdict.traps)) or "-"
    return f"{label}\t{verdict.verdict.value}\t{failing}\t{traps}"


def _stream(path: Path, fmt: str, policy: Any) -> bool:
    numbers: list[int] = []

    def records() -> Iterator[Mapping[str, Any]]:
        for number, record in _records(path):
            numbers.append(number)
            yield record

    inconsistent = False
    try:
        for verdict in assess_tasks(records(), policy):
            inconsistent |= verdict.verdict is Consistency.INCONSISTENT
            if fmt == "json":
                click.echo(verdict.to_json())
            else:
                click.echo(_line(verdict, verdict.task_id or f"line {numbers[-1]}"))
    except InvalidInput as exc:
        if numbers and exc.errors and exc.errors[0].loc[:1] == (len(numbers) - 1,):
            where = f"line {numbers[-1]}"
            details = [ErrorDetail((where, *e.loc[1:]), e.type, e.msg) for e in exc.errors]
            raise InvalidInput(details, source=str(path)) from None
        raise InvalidInput(exc.errors, source=str(path)) from None
    return inconsistent


@cli.command()
@click.argument("description", required=False)
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Many tasks: a JSON Lines (.jsonl) or CSV (.csv) file, one task per line or row.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--activity", help="An activity code of the role table (see docs/roles.md).")
@click.option("--topic", type=_choice(TaskTopic))
@click.option("--requested-by", type=_choice(Requester))
@click.option("--frequency", type=_choice(Frequency))
@click.option("--reason", type=_choice(TaskReason))
@click.option("--output-to-staff", type=_BOOL, help="Whether what the task produces goes to staff.")
@click.option("--peer-reservations", type=_BOOL, help="Whether the peer has voiced reservations.")
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file (YAML, TOML or JSON).",
)
@click.option(
    "--show-text",
    is_flag=True,
    help="Quote the matched phrases of the description (off by default: they are free text).",
)
def task(
    description: str | None,
    *,
    file: Path | None,
    fmt: str,
    activity: str | None,
    topic: str | None,
    requested_by: str | None,
    frequency: str | None,
    reason: str | None,
    output_to_staff: str | None,
    peer_reservations: str | None,
    policy_file: Path | None,
    show_text: bool,
) -> None:
    """Say whether a task is consistent with the peer role, and why.

    Give a DESCRIPTION in everyday words, structured options, or both; or --file to check
    many tasks.
    """
    fields = {
        "activity": activity,
        "topic": topic,
        "requested_by": requested_by,
        "frequency": frequency,
        "reason": reason,
        "output_to_staff": output_to_staff,
        "peer_reservations": peer_reservations,
    }
    record = {k: v for k, v in fields.items() if v is not None}
    try:
        policy = load_policy(policy_file) if policy_file else None
        if file is not None:
            if description is not None or record:
                raise click.UsageError("give --file or a single task, not both")
            inconsistent = _stream(file, fmt, policy)
            sys.exit(EXIT_FAILED if inconsistent else EXIT_OK)
        if description is None and not record:
            raise click.UsageError("give a DESCRIPTION, structured options or --file")
        if description is not None:
            record["description"] = description
        verdict = assess_task(record, policy)
    except PeerSupportError as exc:
        fail_invalid(exc)
        return
    if fmt == "json":
        click.echo(verdict.to_json())
    else:
        click.echo(render_verdict(verdict, description if show_text else None), nl=False)
    sys.exit(EXIT_FAILED if verdict.verdict is Consistency.INCONSISTENT else EXIT_OK)
