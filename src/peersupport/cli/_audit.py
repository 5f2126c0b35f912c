"""The auditor's commands: ``audit``, ``instruments``, ``assess`` and ``responses-template``."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from peersupport._errors import InvalidInput
from peersupport.assessment import (
    assess,
    audit,
    instrument,
    instruments,
    programme_instruments,
)
from peersupport.cli._app import EXIT_FAILED, EXIT_OK, cli, fail_invalid
from peersupport.io import load_data, load_document, load_policy
from peersupport.render import ASSESSMENT_FORMATS, AUDIT_FORMATS, render_assessment, render_audit

__all__ = ["assess_cmd", "audit_cmd", "instruments_cmd", "responses_template"]

_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: Any | None) -> date | None:
    return value.date() if value is not None else None


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail_invalid(
            InvalidInput.single((), "file_unwritable", f"cannot write {output}: {exc.strerror}")
        )
    click.echo(f"wrote {output}", err=True)


def _responses(path: Path | None) -> Any:
    if path is None:
        return None
    data, _ = load_data(path)
    return data


@cli.command(name="audit")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--responses",
    "responses_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The auditor's answers (YAML or JSON); see `peersupport responses-template`.",
)
@click.option(
    "--format", "fmt", type=click.Choice(list(AUDIT_FORMATS)), default="text", show_default=True
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here."
)
@click.option("--as-of", type=_DAY, help="Judge as of this day.")
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file; overrides the programme file's own policy.",
)
def audit_cmd(
    *,
    file: Path,
    responses_file: Path | None,
    fmt: str,
    output: Path | None,
    as_of: Any | None,
    policy_file: Path | None,
) -> None:
    """Audit a programme FILE: its rules, confidentiality grounds and instruments.

    Every programme rule runs, and every programme-level instrument is scored, prefilled
    from the programme data where it can be; --responses answers override the prefill.
    Exits 1 when a required or critical rule is not met (instrument gaps never fail an
    audit), 2 on invalid input.
    """
    source = file
    try:
        document = load_document(file)
        policy = load_policy(policy_file) if policy_file else document.policy
        source = responses_file or file
        responses = _responses(responses_file)
        report = audit(document, responses, policy, as_of=_day(as_of), waivers=document.waivers)
    except InvalidInput as exc:
        if exc.source is None:
            exc = InvalidInput(exc.errors, source=str(source))
        fail_invalid(exc)
        return
    _write(render_audit(report, fmt), output)
    sys.exit(EXIT_OK if report.passed else EXIT_FAILED)


@cli.group(name="instruments", invoke_without_command=True)
@click.pass_context
def instruments_cmd(ctx: click.Context) -> None:
    """List the self-assessment instruments; `instruments show ID` shows one."""
    if ctx.invoked_subcommand is not None:
        return
    for inst in instruments():
        click.echo(
            f"{inst.id:<24} v{inst.version}  {inst.level.value:<9} {len(inst.items):>3} items  "
            f"{inst.title} ({inst.source})"
        )


@instruments_cmd.command(name="show")
@click.argument("instrument_id")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show(instrument_id: str, fmt: str) -> None:
    """Show every section and item of instrument INSTRUMENT_ID."""
    try:
        inst = instrument(instrument_id)
    except InvalidInput as exc:
        fail_invalid(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(inst.describe(), indent=2, sort_keys=True))
        return
    click.echo(f"{inst.title} ({inst.id} v{inst.version}, {inst.level.value} level)")
    click.echo(f"source: {inst.citation}")
    for scale in inst.scales:
        anchors = "; ".join(f"{k} = {v}" for k, v in scale.anchors.items())
        click.echo(f"scale {scale.id}: {anchors}; or not_applicable, dont_know")
    for section in inst.sections:
        click.echo(f"\n[{section.id}] {section.title}")
        for item in section.items:
            click.echo(f"  {item.id} (weight {item.weight}, {item.audience.value}) {item.question}")


@cli.command(name="assess")
@click.argument("instrument_id")
@click.argument("responses_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(ASSESSMENT_FORMATS)),
    default="text",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result here."
)
@click.option("--as-of", type=_DAY, help="The date of answers that carry none.")
def assess_cmd(
    *, instrument_id: str, responses_file: Path, fmt: str, output: Path | None, as_of: Any | None
) -> None:
    """Score instrument INSTRUMENT_ID from RESPONSES_FILE (one rater, or a list of raters)."""
    try:
        result = assess(instrument_id, _responses(responses_file), as_of=_day(as_of))
    except InvalidInput as exc:
        if exc.source is None:
            exc = InvalidInput(exc.errors, source=str(responses_file))
        fail_invalid(exc)
        return
    _write(render_assessment(result, fmt), output)


def _template(ids: tuple[str, ...], rater: str) -> str:
    chosen = [instrument(i) for i in ids] if ids else list(programme_instruments())
    lines = [
        "# Answers for peersupport. Answer each item with one of the values its scale allows,",
        "# or not_applicable / dont_know. Leave an item empty to keep it unanswered: `assess`",
        "# needs every item answered; `audit` fills empty ones from the programme data where",
        "# it can, and shows where your answer disagrees with the data.",
    ]
    if len(chosen) == 1:
        lines.append(f"instrument: {chosen[0].id}")
    lines += [
        f"rater: {rater}  # self | supervisor | peer | auditor",
        "rated_on:  # YYYY-MM-DD",
        "answers:",
    ]
    for inst in chosen:
        lines.append(f"  # --- {inst.title} ({inst.id} v{inst.version}; {inst.citation})")
        for section in inst.sections:
            lines.append(f"  # {section.title}")
            for item in section.items:
                scale = inst.scale_of(item)
                levels = " | ".join(f"{lvl} ({scale.anchors[lvl]})" for lvl in scale.levels)
                lines.append(f"  # {item.question}")
                lines.append(f"  #   {levels}")
                lines.append(f"  {item.id}:")
    return "\n".join(lines) + "\n"


@cli.command(name="responses-template")
@click.argument("instrument_ids", nargs=-1)
@click.option(
    "--rater",
    type=click.Choice(["self", "supervisor", "peer", "auditor"]),
    default="auditor",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the template here."
)
def responses_template(instrument_ids: tuple[str, ...], rater: str, output: Path | None) -> None:
    """Write a YAML file with every item of INSTRUMENT_IDS for a rater to fill in.

    With no id, every programme-level instrument the audit runs.
    """
    try:
        text = _template(instrument_ids, rater)
    except InvalidInput as exc:
        fail_invalid(exc)
        return
    _write(text, output)
