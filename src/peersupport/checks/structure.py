"""Programme structure (``STRUCT-*``): team, classes, groups, debriefs, evaluation, policies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from peersupport.checks._common import CheckContext
from peersupport.checks._dates import month_index, month_label
from peersupport.checks.eligibility import latest_completion
from peersupport.engine import Evaluation, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model.program import Program, ProgrammeModel, SupportGroup
from peersupport.model.supporter import Role
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = ["STRUCTURE", "add_months", "check_structure", "month_index", "month_label"]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
_MODELS: Final = "Peer Program Models and Structures"
_GROUP: Final = "Support Group"
_EDUCATOR: Final = "Peer Educator"
_HIRING: Final = "10 Interviewing and hiring peer supporters"
_WT_LIST: Final = "Suggestions for creating a peer program"


_FIRST_MONTH: Final = month_index(date.min)
_LAST_MONTH: Final = month_index(date.max)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month.

    A month before the first the calendar names gives ``date.min``, one after the last
    ``date.max``.
    """
    index = month_index(day) + months
    if index < _FIRST_MONTH:
        return date.min
    if index > _LAST_MONTH:
        return date.max
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _offered(p: Program, model: ProgrammeModel) -> bool | None:
    offers = p.offers
    return None if offers is None else model in offers


def _size(value: int | None, lo: int, hi: int, key: str, *, max_only: bool = False) -> Evaluation:
    evidence = {key: value, "min": lo, "max": hi}
    if value is None:
        return Evaluation(REVIEW, "unknown", evidence)
    if value < lo:
        return Evaluation(NOT_MET, "small", evidence)
    if value > hi and not max_only:
        return Evaluation(NOT_MET, "large", evidence)
    return Evaluation(MET, "met", evidence)


def _team(p: Program, c: CheckContext) -> Evaluation:
    size = None if p.team is None else len(set(p.team))
    return _size(size, c.policy.team_size_min, c.policy.team_size_max, "size")


def _invited(p: Program, c: CheckContext) -> Evaluation:
    pol = c.policy
    return _size(p.invited_workers, pol.invited_workers_min, pol.invited_workers_max, "size")


def _educators(p: Program, c: CheckContext) -> Evaluation:
    ids = {s.id for s in p.supporters if Role.EDUCATOR in s.roles}
    ids |= {e.educator for e in p.education_sessions or ()}
    offered = _offered(p, ProgrammeModel.PEER_EDUCATION)
    if not ids and offered is False:
        return Evaluation(NA, "not_offered", {})
    if not ids and offered is None:
        return Evaluation(REVIEW, "unknown", {"size": None})
    # "At least" three to five: more educators than the upper end is no shortfall.
    return _size(len(ids), c.policy.educators_min, c.policy.educators_max, "size", max_only=True)


def _classes(p: Program, c: CheckContext) -> Evaluation:
    offered = _offered(p, ProgrammeModel.PEER_EDUCATION)
    sessions = p.education_sessions
    if not sessions:
        if offered is False:
            return Evaluation(NA, "not_offered", {})
        return Evaluation(REVIEW, "unknown", {"sessions": None if sessions is None else 0})
    lo, hi = c.policy.class_size_min, c.policy.class_size_max
    small = [s.held_on.isoformat() for s in sessions if s.class_size < lo]
    large = [s.held_on.isoformat() for s in sessions if s.class_size > hi]
    evidence = {"sessions": len(sessions), "small": small, "large": large, "min": lo, "max": hi}
    if small or large:
        return Evaluation(NOT_MET, "out_of_range", evidence)
    return Evaluation(MET, "met", evidence)


def _groups(p: Program) -> tuple[tuple[SupportGroup, ...], Evaluation | None]:
    groups = p.groups or ()
    if groups:
        return groups, None
    if _offered(p, ProgrammeModel.SUPPORT_GROUP) is False:
        return groups, Evaluation(NA, "not_offered", {})
    return groups, Evaluation(REVIEW, "no_groups", {"groups": None if p.groups is None else 0})


def _group_size(p: Program, c: CheckContext) -> Evaluation:
    groups, early = _groups(p)
    if early is not None:
        return early
    hard, soft = c.policy.group_size_max, c.policy.group_size_soft_max
    over, large, unknown = [], [], []
    for g in groups:
        sizes = [a.count for a in g.attendance]
        if g.max_size is not None:
            sizes.append(g.max_size)
        if not sizes:
            unknown.append(g.id)
        elif max(sizes) > hard:
            over.append(g.id)
        elif max(sizes) > soft:
            large.append(g.id)
    evidence = {"max": hard, "soft_max": soft, "over": over, "large": large, "unknown": unknown}
    if over:
        return Evaluation(NOT_MET, "over", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _cadence(p: Program, c: CheckContext) -> Evaluation:
    groups, early = _groups(p)
    if early is not None:
        return early
    most = c.policy.group_cadence_days
    slow = [g.id for g in groups if g.cadence_days is not None and g.cadence_days > most]
    unknown = [g.id for g in groups if g.cadence_days is None]
    evidence = {"cadence_days": most, "slow": slow, "unknown": unknown}
    if slow:
        return Evaluation(NOT_MET, "slow", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _work_hours(p: Program, c: CheckContext) -> Evaluation:
    pol = c.policy
    if not pol.groups_in_work_hours_only:
        return Evaluation(NA, "allowed", {})
    groups, early = _groups(p)
    if early is not None:
        return early
    days = set(pol.structure_group_days)
    outside, unknown = [], []
    for g in groups:
        if g.weekday is None or g.starts_at is None or g.ends_at is None:
            unknown.append(g.id)
        elif (
            g.weekday not in days
            or g.starts_at < pol.work_hours_start
            or g.ends_at > pol.work_hours_end
        ):
            outside.append(g.id)
    evidence = {
        "days": [d.value for d in pol.structure_group_days],
        "start": pol.work_hours_start.isoformat(timespec="minutes"),
        "end": pol.work_hours_end.isoformat(timespec="minutes"),
        "outside": outside,
        "unknown": unknown,
    }
    if outside:
        return Evaluation(NOT_MET, "outside", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _leader(p: Program, c: CheckContext) -> Evaluation:
    groups, early = _groups(p)
    if early is not None:
        return early
    module, days = c.policy.extensive_crisis_module, c.policy.retraining_interval_days
    by_id = {s.id: s for s in p.supporters}
    no_leader, untrained, unknown = [], [], []
    for g in groups:
        leader = by_id.get(g.leader) if g.leader is not None else None
        if g.leader is None:
            no_leader.append(g.id)
        elif leader is None:
            unknown.append(g.id)
        elif not c.within(latest_completion(leader, module, c), days):
            untrained.append(g.id)
    evidence = {
        "module": module,
        "valid_days": days,
        "no_leader": no_leader,
        "untrained": untrained,
        "unknown": unknown,
    }
    if no_leader or untrained:
        key = "not_met" if no_leader and untrained else "no_leader" if no_leader else "untrained"
        return Evaluation(NOT_MET, key, evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _more_than_one(p: Program, c: CheckContext) -> Evaluation:
    on_duty = sorted(s.id for s in p.supporters if s.started_on and s.started_on <= c.as_of)
    least = c.policy.structure_min_peer_supporters
    evidence = {"on_duty": len(on_duty), "min": least}
    if len(on_duty) >= least:
        return Evaluation(MET, "met", evidence)
    return Evaluation(NOT_MET, "alone", evidence)


def _tri(value: bool | None, evidence: dict[str, Any]) -> Evaluation:  # noqa: FBT001
    if value is None:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET if value else NOT_MET, "met" if value else "not_met", evidence)


def _professional(p: Program, _c: CheckContext) -> Evaluation:
    return _tri(p.mental_health_professional, {"consulted": p.mental_health_professional})


def _debriefs(p: Program, c: CheckContext) -> Evaluation:
    if p.debriefs is None:
        return Evaluation(REVIEW, "unknown", {})
    current = month_index(c.as_of)
    step = c.policy.debrief_interval_months
    first = current - c.policy.debrief_review_months
    if p.launched_on is not None:
        launched = month_index(p.launched_on) + (0 if p.launched_on.day == 1 else 1)
        first = max(first, launched)
    blocks = [range(m, m + step) for m in range(first, current, step) if m + step <= current]
    if not blocks:
        return Evaluation(NA, "too_new", {"interval_months": step})
    held = {month_index(d.held_on) for d in p.debriefs if d.held_on <= c.as_of}
    missed = [month_label(b.start) for b in blocks if held.isdisjoint(b)]
    evidence = {
        "months_reviewed": [month_label(b.start) for b in blocks],
        "missed": missed,
        "interval_months": step,
    }
    return Evaluation(NOT_MET if missed else MET, "missed" if missed else "met", evidence)


def _survey_problems(p: Program, c: CheckContext) -> tuple[list[str], list[str]]:
    """What falls short of the evaluation the guidance asks for, and what is not recorded."""
    pol = c.policy
    ev = p.evaluation
    assert ev is not None  # noqa: S101 - the rule checked it
    months = pol.evaluation_interval_months
    last = ev.last_survey_on if ev.last_survey_on and ev.last_survey_on <= c.as_of else None
    problems: list[str] = []
    unknown: list[str] = []
    if last is None:
        # A survey due after the last month the calendar names is never due.
        if p.launched_on is None or (
            month_index(p.launched_on) + months <= _LAST_MONTH
            and add_months(p.launched_on, months) <= c.as_of
        ):
            problems.append("no_survey")
    elif last < add_months(c.as_of, -months):
        problems.append("overdue")
    if pol.evaluation_anonymous_survey and last is not None:
        if ev.anonymous is None:
            unknown.append("anonymous")
        elif not ev.anonymous:
            problems.append("not_anonymous")
    if len(set(ev.metrics)) < pol.evaluation_min_metrics:
        problems.append("no_metrics")
    return problems, unknown


def _evaluation(p: Program, c: CheckContext) -> Evaluation:
    ev = p.evaluation
    if ev is None:
        return Evaluation(REVIEW, "unknown", {"last_survey_on": None})
    last = ev.last_survey_on if ev.last_survey_on and ev.last_survey_on <= c.as_of else None
    problems, unknown = _survey_problems(p, c)
    evidence: dict[str, Any] = {
        "last_survey_on": last.isoformat() if last else None,
        "interval_months": c.policy.evaluation_interval_months,
        "anonymous": ev.anonymous,
        "metrics": list(ev.metrics),
        "min_metrics": c.policy.evaluation_min_metrics,
        "problems": problems,
        "unknown": unknown,
    }
    if problems:
        return Evaluation(NOT_MET, "not_met", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown_anonymous", evidence)
    return Evaluation(MET, "met" if last else "not_due", evidence)


def _policies(p: Program, c: CheckContext) -> Evaluation:
    required = [d.value for d in c.policy.structure_documented_policies]
    if p.policies is None:
        return Evaluation(REVIEW, "unknown", {"required": required, "missing": None})
    present = {d.value for d in p.policies}
    missing = [d for d in required if d not in present]
    evidence = {"required": required, "missing": missing}
    return Evaluation(NOT_MET if missing else MET, "missing" if missing else "met", evidence)


def _voluntary(p: Program, _c: CheckContext) -> Evaluation:
    return _tri(p.participation_voluntary, {"voluntary": p.participation_voluntary})


_SIZE_MESSAGES: Final = {
    "unknown": "Not recorded.",
    "small": "{size}, below the {min} to {max} the guidance suggests.",
    "large": "{size}, above the {min} to {max} the guidance suggests.",
    "met": "{size}, within {min} to {max}.",
}
_GROUP_ABSENT: Final = {
    "not_offered": "The programme offers no support group.",
    "no_groups": "No support groups are recorded.",
}

STRUCTURE: Final[RuleSet[Program, CheckContext]] = RuleSet.of(
    "structure",
    "1",
    [
        Rule(
            id="STRUCT-001",
            title="Peer support team of the recommended size",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _MODELS),),
            rationale="A team of five to ten members leads the programme: fewer spreads the work "
            "too thin, more is hard to coordinate.",
            remediation="Recruit or nominate members until the team is within the range, or "
            "record the team's members.",
            check=_team,
            messages={**_SIZE_MESSAGES, "unknown": "The team's members are not recorded."},
            tags=("structure",),
        ),
        Rule(
            id="STRUCT-002",
            title="Enough peer support workers invited",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _MODELS),),
            rationale="About ten to twenty workers are invited to take part, some as peer "
            "educators rather than mentors, so the programme has people to draw on.",
            remediation="Invite more workers (or fewer, if the team cannot support them).",
            check=_invited,
            messages={
                **_SIZE_MESSAGES,
                "unknown": "How many workers were invited is not recorded.",
                "small": "{size} invited, below the {min} to {max} suggested.",
                "large": "{size} invited, above the {min} to {max} suggested.",
                "met": "{size} invited, within {min} to {max}.",
            },
            tags=("structure",),
        ),
        Rule(
            id="STRUCT-003",
            title="At least the minimum number of peer educators",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _EDUCATOR),),
            rationale="Peer education needs at least three to five educators to run its short "
            "courses without depending on one person.",
            remediation="Offer the educator option to more peer support workers.",
            check=_educators,
            messages={
                "not_offered": "The programme offers no peer education.",
                "unknown": "No peer educators are recorded, nor whether education is offered.",
                "small": "{size} peer educator(s); at least {min} are needed.",
                "met": "{size} peer educators (at least {min}).",
            },
            tags=("structure", "education"),
        ),
        Rule(
            id="STRUCT-004",
            title="Education classes of the recommended size",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _EDUCATOR),),
            rationale="Classes of ten to twenty people keep room for the interactive discussion "
            "that peer education is built on.",
            remediation="Merge small classes or split large ones.",
            check=_classes,
            messages={
                "not_offered": "The programme offers no peer education.",
                "unknown": "No education sessions are recorded.",
                "out_of_range": "Classes outside {min} to {max} people, by date: too small "
                "{small}; too large {large}.",
                "met": "All {sessions} sessions had {min} to {max} people.",
            },
            tags=("structure", "education"),
        ),
        Rule(
            id="STRUCT-005",
            title="Support groups kept small",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", _GROUP),),
            rationale="A support group is kept to about ten to fifteen people at most so that "
            "everyone can share and be heard.",
            remediation="Cap admission at the policy's maximum, or open a second group.",
            check=_group_size,
            messages={
                **_GROUP_ABSENT,
                "over": "Groups above {max} people: {over}.",
                "unknown": "Neither size limit nor attendance recorded for: {unknown}.",
                "met": "Every group stays within {max} people (getting large above {soft_max}: "
                "{large}).",
            },
            tags=("structure", "group"),
        ),
        Rule(
            id="STRUCT-006",
            title="Support groups meet weekly",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", _GROUP),),
            rationale="The support group is held once a week on a drop-in basis, so members can "
            "rely on it.",
            remediation="Schedule each group at least once a week (the policy's cadence).",
            check=_cadence,
            messages={
                **_GROUP_ABSENT,
                "slow": "Groups meeting less often than every {cadence_days} days: {slow}.",
                "unknown": "Cadence not recorded for: {unknown}.",
                "met": "Every group meets at least every {cadence_days} days.",
            },
            tags=("structure", "group"),
        ),
        Rule(
            id="STRUCT-007",
            title="Support groups meet in work hours only",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", "Crisis Support"),),
            rationale="Group support is offered during work hours exclusively; outside them "
            "support comes from the on-call crisis team.",
            remediation="Move the group into work hours on a working day.",
            check=_work_hours,
            messages={
                **_GROUP_ABSENT,
                "allowed": "The policy allows groups outside work hours.",
                "outside": "Groups outside work hours ({days}, {start} to {end}): {outside}.",
                "unknown": "Day or time not recorded for: {unknown}.",
                "met": "Every group meets in work hours ({start} to {end}).",
            },
            tags=("structure", "group"),
        ),
        Rule(
            id="STRUCT-008",
            title="Each support group has a leader with current extensive crisis training",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", _GROUP),),
            rationale="A volunteer peer support leader runs each group and undergoes extensive "
            "crisis training, because what happens in a group can go beyond a member's "
            "expertise.",
            remediation="Name a leader for each group and schedule the extensive crisis "
            "training; have a trained co-leader meanwhile.",
            check=_leader,
            messages={
                **_GROUP_ABSENT,
                "no_leader": "Groups without a leader: {no_leader}.",
                "untrained": "Groups led without current {module} training: {untrained}.",
                "not_met": "Groups without a leader: {no_leader}; led without current {module} "
                "training: {untrained}.",
                "unknown": "Leader is not among the supporters for: {unknown}.",
                "met": "Every group's leader holds current {module} training.",
            },
            tags=("structure", "group", "crisis"),
        ),
        Rule(
            id="STRUCT-009",
            title="More than one peer supporter on duty",
            severity=Severity.REQUIRED,
            citations=(
                cite("who-qualityrights-one-to-one", _HIRING),
                cite(
                    "who-qualityrights-one-to-one",
                    "12 Peer supporters in mental health and social services",
                    "Peer drift",
                ),
            ),
            rationale="A peer supporter working alone is isolated and more likely to drift "
            "towards a clinical role; peers need other peers to talk with.",
            remediation="Bring more peer supporters on duty, or link the supporter with peers "
            "elsewhere meanwhile.",
            check=_more_than_one,
            messages={
                "alone": "{on_duty} peer supporter(s) on duty; at least {min} are needed.",
                "met": "{on_duty} peer supporters on duty (at least {min}).",
            },
            tags=("structure", "drift"),
        ),
        Rule(
            id="STRUCT-010",
            title="A mental health professional guides the programme",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", "Peer Support Worker Eligibility"),),
            rationale="Peer support does not replace professional help; a mental health "
            "professional is consulted and helps guide the programme and its supporters.",
            remediation="Arrange for a mental health professional to advise the programme.",
            check=_professional,
            messages={
                "unknown": "Whether a mental health professional is consulted is not recorded.",
                "not_met": "No mental health professional guides the programme.",
                "met": "A mental health professional guides the programme.",
            },
            tags=("structure",),
        ),
        Rule(
            id="STRUCT-011",
            title="Team debriefs held every month",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _MODELS),
                cite("workplace-ptsd-program", "Training"),
            ),
            rationale="Peer support workers meet monthly to debrief, review their roles and "
            "practise; a month without one leaves the team without that support.",
            remediation="Schedule the monthly debrief and record it with its attendees.",
            check=_debriefs,
            messages={
                "unknown": "Team debriefs are not recorded.",
                "too_new": "Launched too recently for a whole month to review.",
                "missed": "No team debrief held in: {missed}.",
                "met": "A team debrief was held in each month reviewed ({months_reviewed}).",
            },
            tags=("structure", "wellness"),
        ),
        Rule(
            id="STRUCT-012",
            title="Evaluated every year by anonymous survey, with key metrics",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", "Evaluation"),),
            rationale="The programme is re-evaluated each year with a short, optional, anonymous "
            "survey, and tracks named key metrics, so that its effect can be seen.",
            remediation="Run the anonymous survey, and name the key metrics the evaluation tracks.",
            check=_evaluation,
            messages={
                "unknown": "The programme's evaluation is not recorded.",
                "unknown_anonymous": "Last surveyed {last_survey_on}; whether the survey was "
                "anonymous is not recorded.",
                "not_met": "Evaluation falls short ({problems}); last survey {last_survey_on}, "
                "due every {interval_months} months.",
                "not_due": "No survey yet; the first is not due within {interval_months} months "
                "of launch.",
                "met": "Last anonymous survey {last_survey_on}, with metrics: {metrics}.",
            },
            tags=("structure", "evaluation"),
        ),
        Rule(
            id="STRUCT-013",
            title="The documented policies are in place",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", "Roles and Responsibilities"),
                cite("workplace-ptsd-program", "Confidentiality"),
                cite("workplace-ptsd-program", "Evaluation"),
                cite("working-together", _WT_LIST),
            ),
            rationale="A programme sets out in writing its confidentiality rules, a fair "
            "complaints process, boundaries, how it is evaluated, and what leadership, managers, "
            "peer support workers and employees are each responsible for.",
            remediation="Write and adopt the missing policies.",
            check=_policies,
            messages={
                "unknown": "Which documented policies exist is not recorded.",
                "missing": "Missing documented policies: {missing}.",
                "met": "Every documented policy is in place.",
            },
            tags=("structure", "policy"),
        ),
        Rule(
            id="STRUCT-014",
            title="Participation is voluntary",
            severity=Severity.REQUIRED,
            citations=(cite("working-together", _WT_LIST),),
            rationale="Peer support is offered as voluntary, and a peer may change supporter if "
            "the match does not work.",
            remediation="State in the programme's materials that participation is voluntary.",
            check=_voluntary,
            messages={
                "unknown": "Whether participation is voluntary is not recorded.",
                "not_met": "Participation is not voluntary.",
                "met": "Participation is voluntary.",
            },
            tags=("structure", "values"),
        ),
    ],
)


def check_structure(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check a programme's structure (``STRUCT-*``)."""
    from peersupport.checks.programme import check_part  # noqa: PLC0415 - it imports us

    return check_part(STRUCTURE, program, policy, as_of=as_of, waivers=waivers, strict=strict)
