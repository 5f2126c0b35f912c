"""Conditions of work (``WORK-*``): pay on par with non-peers, flexible leave, fair reviews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from peersupport.checks._common import CheckContext
from peersupport.engine import Evaluation, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model.program import Compensation, Program
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = ["WORK", "check_work"]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
_CONDITIONS: Final = "11 Conditions of work"
_SERVICES: Final = "12 Peer supporters in mental health and social services"


def _pay(p: Program, c: CheckContext) -> Evaluation:  # noqa: PLR0911 - one return per case
    w = p.conditions
    target = c.policy.work_pay_parity_percent
    comp = w.compensation if w else None
    evidence: dict[str, Any] = {
        "compensation": comp.value if comp else None,
        "target_percent": target,
    }
    if w is None or comp is None:
        return Evaluation(REVIEW, "unknown", evidence)
    peer, other = w.peer_pay_rate, w.non_peer_pay_rate
    if comp is Compensation.VOLUNTEER:
        if other is None:
            return Evaluation(REVIEW, "volunteer_unknown", evidence)
        if other > 0:
            return Evaluation(NOT_MET, "volunteer_unequal", evidence)
        return Evaluation(MET, "all_unpaid", evidence)
    if peer is None or other is None:
        return Evaluation(REVIEW, "rates_unknown", evidence)
    if other == 0:
        return Evaluation(MET, "others_unpaid", evidence)
    percent = round(100 * peer / other, 1)
    evidence["percent"] = percent
    if percent < target:
        return Evaluation(NOT_MET, "below", evidence)
    return Evaluation(MET, "met", evidence)


def _tri(value: bool | None, evidence: dict[str, Any]) -> Evaluation:  # noqa: FBT001
    if value is None:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET if value else NOT_MET, "met" if value else "not_met", evidence)


def _leave(p: Program, _c: CheckContext) -> Evaluation:
    value = p.conditions.flexible_leave if p.conditions else None
    return _tri(value, {"flexible_leave": value})


def _reviews(p: Program, _c: CheckContext) -> Evaluation:
    w = p.conditions
    held = w.performance_reviews if w else None
    respect = w.reviews_respect_peer_values if w else None
    evidence = {"held": held, "respect_peer_values": respect}
    if held is None:
        return Evaluation(REVIEW, "unknown", evidence)
    if not held:
        return Evaluation(NA, "none", evidence)
    return _tri(respect, evidence)


WORK: Final[RuleSet[Program, CheckContext]] = RuleSet.of(
    "work",
    "1",
    [
        Rule(
            id="WORK-001",
            title="Peers paid on par with non-peers in comparable roles",
            severity=Severity.RECOMMENDED,
            citations=(
                cite("who-qualityrights-one-to-one", _SERVICES, "3 Compensation"),
                cite("who-qualityrights-one-to-one", _CONDITIONS, "Pay rates"),
            ),
            rationale="Paying peers less than non-peers in comparable roles, or nothing while "
            "they are paid, builds a hierarchy and tells peers their work is worth less; a "
            "peer role is a specialised one.",
            remediation="Bring peer pay up to that of comparable non-peer roles, taking care "
            "that pay does not cost anyone their benefits.",
            check=_pay,
            messages={
                "unknown": "Whether peer work is paid is not recorded.",
                "volunteer_unknown": "Peers volunteer; whether comparable non-peer roles are "
                "paid is not recorded.",
                "volunteer_unequal": "Peers volunteer while comparable non-peer roles are paid.",
                "all_unpaid": "Peers and comparable non-peer roles are all unpaid.",
                "rates_unknown": "Peers are paid, but the pay rates to compare are not recorded.",
                "others_unpaid": "Peers are paid and comparable non-peer roles are not.",
                "below": "Peer pay is {percent}% of comparable non-peer pay (at least "
                "{target_percent}% is on par).",
                "met": "Peer pay is {percent}% of comparable non-peer pay.",
            },
            tags=("work", "compensation"),
        ),
        Rule(
            id="WORK-002",
            title="Leave is flexible",
            severity=Severity.RECOMMENDED,
            citations=(
                cite("who-qualityrights-one-to-one", _CONDITIONS, "Performance reviews"),
                cite("workplace-ptsd-program", "Peer Mentor"),
            ),
            rationale="Peers, like anyone, can go through hard times with their own mental "
            "health; flexible leave, sick leave and time off for appointments let them do so "
            "without losing the role.",
            remediation="Adopt a flexible leave arrangement for peer staff.",
            check=_leave,
            messages={
                "unknown": "Whether leave is flexible is not recorded.",
                "not_met": "Leave is not flexible.",
                "met": "Leave is flexible.",
            },
            tags=("work", "wellness"),
        ),
        Rule(
            id="WORK-003",
            title="Performance reviews respect the values of peer support",
            severity=Severity.RECOMMENDED,
            citations=(cite("who-qualityrights-one-to-one", _CONDITIONS, "Performance reviews"),),
            rationale="Regular reviews are a chance to talk about the job, but they are not to "
            "be used to push a peer role away from the core values of peer support.",
            remediation="Revise the review process with peer supporters so that it measures "
            "peer work on its own values.",
            check=_reviews,
            messages={
                "unknown": "Whether performance reviews are held is not recorded.",
                "none": "No performance reviews are held.",
                "not_met": "Performance reviews are used against the values of peer support.",
                "met": "Performance reviews respect the values of peer support.",
            },
            tags=("work", "values"),
        ),
    ],
)


def check_work(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check a programme's conditions of work (``WORK-*``)."""
    from peersupport.checks.programme import check_part  # noqa: PLC0415 - it imports us

    return check_part(WORK, program, policy, as_of=as_of, waivers=waivers, strict=strict)
