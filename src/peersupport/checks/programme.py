"""The whole programme: structure, roster, supervision, hiring and work, and every supporter.

:func:`check_program` runs the programme-level rule sets with the programme's id as the
subject, then the eligibility and training rules for each supporter, and returns one report
grouped by subject: the programme first, then the supporters in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

import attrs

from peersupport.checks._common import CheckContext, coerce_model, make_context
from peersupport.checks._registry import severity_of as _registry_severity
from peersupport.checks.hiring import HIRING
from peersupport.checks.roster import ROSTER, Coverage, RosterView
from peersupport.checks.structure import STRUCTURE
from peersupport.checks.supervision import SUPERVISION
from peersupport.checks.supporters import SupportersReport, check_supporters
from peersupport.checks.work import WORK
from peersupport.engine import (
    Report,
    RuleSet,
    Waiver,
    apply_waivers,
    coerce_waivers,
)
from peersupport.model.program import Program
from peersupport.policy import Policy

__all__ = [
    "PROGRAMME_RULESETS",
    "ProgrammeReport",
    "check_part",
    "check_program",
    "run_programme_rules",
    "severity_of",
]

PROGRAMME_RULESETS: Final[tuple[RuleSet[Any, CheckContext], ...]] = (
    STRUCTURE,
    ROSTER,
    SUPERVISION,
    HIRING,
    WORK,
)
severity_of = _registry_severity


@attrs.frozen(eq=False, repr=False, slots=False)  # equality: Report's
class ProgrammeReport(SupportersReport):
    """The findings of a whole programme, with training needs and the roster's coverage."""

    coverage: Coverage | None = attrs.field(default=None, eq=False)

    def _extra_dict(self, *, include_text: bool) -> dict[str, Any]:
        out = super()._extra_dict(include_text=include_text)
        out["roster_coverage"] = self.coverage.to_dict() if self.coverage else None
        return out


def check_part(
    ruleset: RuleSet[Any, CheckContext],
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None,
    *,
    as_of: date | None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None,
    strict: bool,
    view: Callable[[Program, CheckContext], Any] | None = None,
) -> Report:
    """One concept's rules on a programme, as ``check_structure`` and its siblings run them.

    ``view`` builds what the rules read, when that is not the programme itself.
    """
    subject = coerce_model(Program, program, "program")
    context = make_context(policy, as_of)
    target = subject if view is None else view(subject, context)
    return run_programme_rules(
        [(ruleset, target)], subject, context, waivers=waivers, strict=strict
    )


def run_programme_rules(
    pairs: Sequence[tuple[RuleSet[Any, CheckContext], Any]],
    program: Program,
    context: CheckContext,
    *,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None,
    strict: bool,
    report_type: type[Report] = Report,
    **extra: Any,
) -> Report:
    """Evaluate rule sets on (views of) one programme; its id is the subject of each finding."""
    findings = tuple(
        f for ruleset, view in pairs for f in ruleset.evaluate(view, context, program.id)
    )
    valid = coerce_waivers(waivers)
    findings = apply_waivers(
        findings, valid, as_of=context.as_of, strict=strict, severity_of=severity_of
    )
    return report_type(
        findings=findings,
        ruleset_version=" + ".join(ruleset.label for ruleset, _ in pairs),
        policy_digest=context.policy.digest,
        source=program,
        as_of=context.as_of,
        waivers=valid,
        strict=strict,
        **extra,
    )


def check_program(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> ProgrammeReport:
    """Check a whole programme and each of its supporters, in one report.

    The programme's structure, roster, supervision, hiring and conditions of work are
    checked, then the eligibility and training of each supporter.

    Findings about the programme have its ``id`` as their subject and come first; each
    supporter's follow, in the order given. Sections the programme leaves out give
    ``needs_review`` where the guidance expects them. ``report.coverage`` holds the roster's
    gaps, and ``report.training_needs`` each supporter's training needs.
    """
    subject = coerce_model(Program, program, "program")
    context = make_context(policy, as_of)
    valid = coerce_waivers(waivers)
    view = RosterView(subject, context)
    pairs: list[tuple[RuleSet[Any, CheckContext], Any]] = [
        (STRUCTURE, subject),
        (ROSTER, view),
        (SUPERVISION, subject),
        (HIRING, subject),
        (WORK, subject),
    ]
    programme = run_programme_rules(pairs, subject, context, waivers=valid, strict=strict)
    # Waivers of programme rules cannot touch a supporter's findings; the supporters' checks
    # only see the others.
    supporters = check_supporters(
        subject.supporters,
        context.policy,
        as_of=context.as_of,
        waivers=valid,
        strict=strict,
    )
    return ProgrammeReport(
        findings=programme.findings + supporters.findings,
        ruleset_version=f"{programme.ruleset_version} + {supporters.ruleset_version}",
        policy_digest=context.policy.digest,
        source=subject,
        as_of=context.as_of,
        waivers=valid,
        strict=strict,
        training_needs=supporters.training_needs,
        coverage=view.coverage if subject.roster is not None else None,
    )
