"""Supervision (``SUP-*``): two kinds of supervisor, no gap at a changeover, a community."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final

from peersupport.checks._common import CheckContext
from peersupport.checks._dates import days_after
from peersupport.engine import Evaluation, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model.program import Program, SupervisorAssignment, SupervisorKind
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = ["SUPERVISION", "check_supervision", "supervision_gaps"]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
_WT_TOGETHER: Final = "Working Together in Peer Programs"
_WHO_CONDITIONS: Final = "11 Conditions of work"


def _current(a: SupervisorAssignment, day: date) -> bool:
    return a.start <= day and (a.end is None or day <= a.end)


def supervision_gaps(
    assignments: Iterable[SupervisorAssignment], kind: SupervisorKind, as_of: date
) -> list[tuple[date, date]]:
    """Days without a supervisor of ``kind``, as ``(first, last)`` day ranges.

    Counted from the first assignment of that kind up to ``as_of``; interim cover counts as
    cover. An empty list when there was never one (nothing to change over from).
    """
    spans = sorted((a.start, a.end or as_of) for a in assignments if a.kind is kind)
    spans = [(s, min(e, as_of)) for s, e in spans if s <= as_of]
    gaps: list[tuple[date, date]] = []
    if not spans:
        return gaps
    covered_to = spans[0][1]
    for start, end in spans[1:]:
        # Cover to the last day of the calendar leaves no later start uncovered.
        if start > days_after(covered_to, 1):
            gaps.append((covered_to + timedelta(days=1), start - timedelta(days=1)))
        covered_to = max(covered_to, end)
    if covered_to < as_of:
        gaps.append((covered_to + timedelta(days=1), as_of))
    return gaps


def _both(p: Program, c: CheckContext) -> Evaluation:
    if p.supervisors is None:
        return Evaluation(REVIEW, "unknown", {"missing": None})
    present = {a.kind for a in p.supervisors if _current(a, c.as_of)}
    missing = [k.value for k in SupervisorKind if k not in present]
    evidence = {"missing": missing, "present": sorted(k.value for k in present)}
    return Evaluation(NOT_MET if missing else MET, "missing" if missing else "met", evidence)


def _changeover(p: Program, c: CheckContext) -> Evaluation:
    if p.supervisors is None:
        return Evaluation(REVIEW, "unknown", {})
    longest = c.policy.supervision_max_gap_days
    if not any(a.start <= c.as_of for a in p.supervisors):
        return Evaluation(NA, "no_history", {"max_gap_days": longest})
    too_long: list[dict[str, Any]] = []
    for kind in SupervisorKind:
        for first, last in supervision_gaps(p.supervisors, kind, c.as_of):
            days = (last - first).days + 1
            if days > longest:
                too_long.append(
                    {
                        "kind": kind.value,
                        "from": first.isoformat(),
                        "to": last.isoformat(),
                        "days": days,
                    }
                )
    summary = [f"{g['kind']} {g['from']} to {g['to']} ({g['days']} days)" for g in too_long]
    evidence = {"max_gap_days": longest, "gaps": too_long, "summary": summary}
    if too_long:
        return Evaluation(NOT_MET, "gap", evidence)
    return Evaluation(MET, "met", evidence)


def _community(p: Program, c: CheckContext) -> Evaluation:
    if not c.policy.supervision_community_of_practice:
        return Evaluation(NA, "not_required", {})
    value = p.community_of_practice
    evidence = {"access": value}
    if value is None:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET if value else NOT_MET, "met" if value else "not_met", evidence)


SUPERVISION: Final[RuleSet[Program, CheckContext]] = RuleSet.of(
    "supervision",
    "1",
    [
        Rule(
            id="SUP-001",
            title="A peer supervisor and an administrative supervisor",
            severity=Severity.RECOMMENDED,
            citations=(
                cite("working-together", _WT_TOGETHER),
                cite("who-qualityrights-one-to-one", _WHO_CONDITIONS, "Mentoring and supervision"),
            ),
            rationale="Supervision sustains peer support. A supervisor without lived experience "
            "is less attuned to what the peer role asks, so peers have access to a peer "
            "supervisor as well as an administrative one.",
            remediation="Appoint the missing supervisor; at the least, let peers supervise "
            "one another meanwhile.",
            check=_both,
            messages={
                "unknown": "Supervisors are not recorded.",
                "missing": "No current supervisor of kind: {missing}.",
                "met": "Both a peer and an administrative supervisor are in post.",
            },
            tags=("supervision",),
        ),
        Rule(
            id="SUP-002",
            title="No long gap in supervision when a supervisor changes",
            severity=Severity.REQUIRED,
            citations=(cite("working-together", _WT_TOGETHER),),
            rationale="When a supervisor leaves, peers keep access to supervision (from "
            "leadership or senior management if need be); gaps are planned for and announced "
            "in advance.",
            remediation="Name interim supervision from leadership until the new supervisor "
            "starts, and record it as an interim assignment.",
            check=_changeover,
            messages={
                "unknown": "Supervisors are not recorded.",
                "no_history": "No supervisor has been in post yet, so there is no changeover.",
                "gap": "Supervision gaps longer than {max_gap_days} days: {summary}.",
                "met": "No supervision gap longer than {max_gap_days} days.",
            },
            tags=("supervision",),
        ),
        Rule(
            id="SUP-003",
            title="Access to a community of practice",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", "Supplemental Support and Community Resources"),
                cite("working-together", "Suggestions for creating a peer program"),
            ),
            rationale="Working alone in hard settings risks burn-out and drift from the peer "
            "model; a community of practice lets supporters learn from other peers and recall "
            "the values they share.",
            remediation="Connect the team with a community of practice, for example a virtual "
            "one in work time.",
            check=_community,
            messages={
                "not_required": "The policy does not require a community of practice.",
                "unknown": "Access to a community of practice is not recorded.",
                "not_met": "No access to a community of practice.",
                "met": "Supporters have access to a community of practice.",
            },
            tags=("supervision", "drift"),
        ),
    ],
)


def check_supervision(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check a programme's supervision (``SUP-*``)."""
    from peersupport.checks.programme import check_part  # noqa: PLC0415 - it imports us

    return check_part(SUPERVISION, program, policy, as_of=as_of, waivers=waivers, strict=strict)
