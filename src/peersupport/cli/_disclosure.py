"""``peersupport disclosure FILE``: decide on a disclosure and print the steps and the record.

Exit codes: 0 a decision was made (whatever it is); 2 the input or the policy is invalid.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from peersupport._errors import InvalidInput
from peersupport.checks.confidentiality import ConfidentialityDecision, decide_confidentiality
from peersupport.cli._app import EXIT_OK, cli, fail_invalid
from peersupport.engine import Outcome
from peersupport.io import load_data, load_policy
from peersupport.model.disclosure import Disclosure, PackId
from peersupport.policy import Policy

__all__ = ["disclosure_cmd", "render_decision_text"]

_MARK = {
    Outcome.MET: "holds",
    Outcome.NEEDS_REVIEW: "review",
    Outcome.NOT_MET: "no",
    Outcome.NOT_APPLICABLE: "n/a",
}


def _load_disclosure(path: Path) -> Disclosure:
    data, lines = load_data(path)
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InvalidInput(
            InvalidInput.single((), "dict_type", "a disclosure is a mapping").errors,
            source=str(path),
        )
    try:
        return Disclosure.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc).with_lines(lines, str(path)) from None


def _policy(policy_file: Path | None, pack: str | None) -> Policy:
    policy = load_policy(policy_file) if policy_file is not None else Policy()
    if pack is None:
        return policy
    return Policy.from_mapping({**policy.model_dump(mode="json"), "confidentiality_pack": pack})


def render_decision_text(decision: ConfidentialityDecision, console: Console) -> None:
    """Print a decision for a person: the action, the steps, who may receive what, the record."""
    record = decision.record
    console.print(
        f"decision: {decision.action.value.upper()}  "
        f"(pack {decision.pack.value} v{decision.pack_version}, {decision.ruleset_version})"
    )
    console.print("required steps:")
    if not decision.required_steps:
        console.print("  none")
    for n, step in enumerate(decision.required_steps, 1):
        console.print(f"  {n}. {step.value}")
    console.print("permitted recipients:")
    if not record.entries:
        console.print("  none")
    for entry in record.entries:
        info = ", ".join(i.value for i in entry.information)
        purposes = ", ".join(p.value for p in entry.purposes)
        console.print(f"  {entry.recipient.value}: {info}")
        console.print(f"    for {purposes}; grounds {', '.join(entry.grounds)}")
    console.print("never used for: " + ", ".join(u.value for u in decision.prohibited_uses))
    table = Table("rule", "outcome", "finding", title="findings", title_justify="left")
    for f in decision.findings:
        if f.outcome is not Outcome.NOT_APPLICABLE:
            table.add_row(f.rule_id, _MARK.get(f.outcome, f.outcome.value), f.message)
    if table.row_count:
        console.print(table)
    for note in decision.rights_notes:
        console.print(f"rights note ({note['rule_id']}): {note['text']}")
    console.print(f"record {record.digest}")
    console.print(f"  decided on {record.decided_on.isoformat()} by {record.decided_by.value}")
    console.print(f"  grounds: {', '.join(record.grounds) or 'none'}")
    informed = {None: "not yet recorded", True: "yes", False: "no"}[record.person_informed]
    console.print(f"  person informed: {informed}")
    console.print(f"  access restricted: {'yes' if record.restricted_access else 'no'}")
    if record.documentation:
        fields = ", ".join(d.value for d in record.documentation)
        console.print(f"  to document: {fields}", soft_wrap=True)
    console.print(f"  input {record.input_digest}")


@cli.command(name="disclosure")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--pack",
    type=click.Choice([p.value for p in PackId]),
    help="Decide under this jurisdiction pack (overrides the policy's). Not legal advice.",
)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file (YAML, TOML or JSON).",
)
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Decide as of this day.")
def disclosure_cmd(
    file: Path, fmt: str, pack: str | None, policy_file: Path | None, as_of: Any | None
) -> None:
    """Decide whether to maintain, consult on or break confidentiality for a disclosure FILE.

    FILE is YAML or JSON with the structured facts of a disclosure (indicators, who is at
    risk, imminence, evidence, consent…). A free-text note, if any, is never printed.
    """
    try:
        subject = _load_disclosure(file)
        policy = _policy(policy_file, pack)
        day: date | None = as_of.date() if as_of is not None else None
        decision = decide_confidentiality(subject, policy, as_of=day)
    except InvalidInput as exc:
        if exc.source is None:
            exc = InvalidInput(exc.errors, source=str(file))
        fail_invalid(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(decision.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        render_decision_text(decision, Console(width=100, highlight=False, soft_wrap=False))
    sys.exit(EXIT_OK)
