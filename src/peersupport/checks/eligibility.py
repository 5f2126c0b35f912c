"""Eligibility: whether a supporter meets the selection criteria the guidance sets (``ELIG-*``)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, Final

from peersupport._frozen import FrozenMap
from peersupport.checks._common import CheckContext, coerce_model, make_context, run_rules
from peersupport.engine import CheckResult, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model import (
    ExperienceRelation,
    Role,
    SelectionMethod,
    Supporter,
    competency_framework,
)
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = ["ELIGIBILITY", "check_eligibility", "completions", "latest_completion"]

_ELIG = "Peer Support Worker Eligibility"
MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)


def completions(supporter: Supporter, context: CheckContext) -> dict[str, tuple[date, date]]:
    """Each module's first and last completion on or before ``as_of``.

    Worked out once per supporter and context: the eligibility and training checks of the
    same supporter, on the same policy and day, share it.
    """
    # Keyed by a weak reference to the subject, so a context reused across subjects never
    # mixes them up and never keeps a supporter alive.
    memo = context.memo
    cached = memo.get("completions")
    if cached is not None and cached[0]() is supporter:
        found: dict[str, tuple[date, date]] = cached[1]
        return found
    found = {}
    as_of = context.as_of
    for t in supporter.trainings:
        day = t.completed_on
        if day <= as_of:
            module = t.module
            seen = found.get(module)
            if seen is None:
                found[module] = (day, day)
            elif day < seen[0]:
                found[module] = (day, seen[1])
            elif day > seen[1]:
                found[module] = (seen[0], day)
    memo["completions"] = (weakref.ref(supporter), found)
    return found


def latest_completion(supporter: Supporter, module: str, context: CheckContext) -> date | None:
    """The last day ``module`` was completed on or before ``as_of``."""
    seen = completions(supporter, context).get(module)
    return seen[1] if seen else None


# Results whose evidence never varies are made once. Their evidence is read-only, so one
# mapping can stand in every finding that shares it.
_NO_EVIDENCE: Final[FrozenMap[str, Any]] = FrozenMap({})
_LIVED_UNKNOWN: Final[CheckResult] = (REVIEW, "unknown", _NO_EVIDENCE)
_LIVED_NONE: Final[CheckResult] = (NOT_MET, "none", FrozenMap({"relations": ()}))
_RECOVERY: Final[dict[bool | None, CheckResult]] = {
    None: (REVIEW, "unknown", FrozenMap({"on_path": None})),
    True: (MET, "met", FrozenMap({"on_path": True})),
    False: (NOT_MET, "not_met", FrozenMap({"on_path": False})),
}
_STRESS: Final[dict[bool | None, CheckResult]] = {
    None: (REVIEW, "unknown", FrozenMap({"aware": None})),
    True: (MET, "met", FrozenMap({"aware": True})),
    False: (NOT_MET, "not_met", FrozenMap({"aware": False})),
}
# One lived experience, the usual case, by its relation's value.
_LIVED_ONE: Final[dict[str, CheckResult]] = {
    r.value: (MET, "met", FrozenMap({"relations": (r.value,)})) for r in ExperienceRelation
}


def _self_care_result(*, has_plan: bool | None, strategies: bool | None) -> CheckResult:
    evidence = FrozenMap({"has_plan": has_plan, "resilience_strategies": strategies})
    if has_plan is False or strategies is False:
        return (NOT_MET, "not_met", evidence)
    if has_plan is None or strategies is None:
        return (REVIEW, "unknown", evidence)
    return (MET, "met", evidence)


# Every combination of the two answers, by has_plan and then by resilience_strategies.
_SELF_CARE: Final[dict[bool | None, dict[bool | None, CheckResult]]] = {
    plan: {
        strategies: _self_care_result(has_plan=plan, strategies=strategies)
        for strategies in (None, True, False)
    }
    for plan in (None, True, False)
}


def _lived_experience(s: Supporter, _c: CheckContext) -> CheckResult:
    lived = s.lived_experience
    if lived is None:
        return _LIVED_UNKNOWN
    if not lived:
        return _LIVED_NONE
    if len(lived) == 1:
        return _LIVED_ONE[lived[0].relation._value_]
    return (MET, "met", {"relations": sorted({e.relation._value_ for e in lived})})


def _recovery_path(s: Supporter, _c: CheckContext) -> CheckResult:
    recovery = s.recovery
    return _RECOVERY[recovery.on_path if recovery is not None else None]


def _self_care(s: Supporter, _c: CheckContext) -> CheckResult:
    plan = s.self_care
    if plan is None:
        return _SELF_CARE[None][None]
    return _SELF_CARE[plan.has_plan][plan.resilience_strategies]


def _stress_limits(s: Supporter, _c: CheckContext) -> CheckResult:
    return _STRESS[s.aware_of_stress_limits]


def _selection_results(c: CheckContext) -> dict[str | None, CheckResult]:
    """The result for each way of selection (``None``: not recorded), by its value.

    It depends only on the selection and the policy, so each is made once per context.
    """
    allowed_methods = c.policy.allowed_selection
    allowed = tuple(m.value for m in allowed_methods)
    results: dict[str | None, CheckResult] = {
        None: (REVIEW, "unknown", FrozenMap({"selection": None, "allowed": allowed}))
    }
    for method in SelectionMethod:
        evidence = FrozenMap({"selection": method.value, "allowed": allowed})
        ok = method in allowed_methods
        results[method.value] = (MET if ok else NOT_MET, "met" if ok else "not_met", evidence)
    return results


def _selection(s: Supporter, c: CheckContext) -> CheckResult:
    selection = s.selection
    results = c.derived("ELIG-005", _selection_results)
    return results[None if selection is None else selection._value_]


@cache
def _domains() -> tuple[dict[str, int], tuple[str, ...], CheckResult]:
    """Each competency's domain as a bit, the domain ids, and the result if all are rated.

    Bit ``i`` stands for domain ``i``. Built once: the framework is fixed.
    """
    framework = competency_framework()
    domains = framework.domain_ids
    bit = {domain: 1 << i for i, domain in enumerate(domains)}
    every = (MET, "met", FrozenMap({"assessed": tuple(domains), "missing": ()}))
    return {c: bit[d] for c, d in framework.domains_by_competency.items()}, domains, every


def _competencies_assessed(s: Supporter, c: CheckContext) -> CheckResult:
    domain_bit, domains, every = _domains()
    as_of = c.as_of
    every_mask = (1 << len(domains)) - 1
    rated = 0
    for r in s.competencies:
        if r.rated_on <= as_of:
            rated |= domain_bit[r.competency]
            if rated == every_mask:  # usually well before the last rating
                return every
    evidence = {
        "assessed": [d for i, d in enumerate(domains) if rated >> i & 1],
        "missing": [d for i, d in enumerate(domains) if not rated >> i & 1],
    }
    return (REVIEW, "missing", evidence)


def _crisis_training(module_attr: str, role: Role) -> Any:
    role_name = role.value  # an enum's .value is a slow descriptor: read it once
    no_role = (NA, "no_role", FrozenMap({"role": role_name}))

    def check(s: Supporter, c: CheckContext) -> CheckResult:
        if role not in s.roles:
            return no_role
        policy = c.policy
        module: str = getattr(policy, module_attr)
        seen = completions(s, c).get(module)
        valid_days = policy.retraining_interval_days
        evidence = {
            "role": role_name,
            "module": module,
            "last_completed": seen[1].isoformat() if seen else None,
            "valid_days": valid_days,
        }
        if seen is None:
            return (NOT_MET, "missing", evidence)
        if seen[1] < c.since(valid_days):  # completions are all on or before as_of
            return (NOT_MET, "lapsed", evidence)
        return (MET, "met", evidence)

    return check


_CRISIS_MESSAGES: Final = {
    "no_role": "Not a {role}; the rule does not apply.",
    "missing": "As a {role}, needs {module} training; none is recorded.",
    "lapsed": "As a {role}, needs current {module} training; last completed {last_completed}, "
    "more than {valid_days} days ago.",
    "met": "Holds current {module} training (completed {last_completed}).",
}

ELIGIBILITY: Final[RuleSet[Supporter, CheckContext]] = RuleSet.of(
    "eligibility",
    "1",
    [
        Rule(
            id="ELIG-001",
            title="Has lived experience, personal or as a family member",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _ELIG),
                cite("who-qualityrights-one-to-one", "10 Interviewing and hiring peer supporters"),
            ),
            rationale="Peer support rests on the connection of a shared experience; lived "
            "experience, one's own or as a family member or loved one, is the basic requirement.",
            remediation="Record the supporter's lived experience (relation and broad area, "
            "never a diagnosis), or do not select them for a peer role.",
            check=_lived_experience,
            messages={
                "unknown": "Lived experience is not recorded.",
                "none": "No lived experience is recorded.",
                "met": "Lived experience recorded ({relations}).",
            },
            tags=("selection",),
        ),
        Rule(
            id="ELIG-002",
            title="On a path toward hope and recovery",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _ELIG),
                cite("who-qualityrights-one-to-one", "10 Interviewing and hiring peer supporters"),
            ),
            rationale="A supporter models hope; the template asks that they be moving toward "
            "recovery themselves, and WHO looks for people who have worked through theirs.",
            remediation="Ask the supporter, in their own words, whether they see themselves on "
            "a recovery path; revisit their readiness before active duty if not.",
            check=_recovery_path,
            messages={
                "unknown": "Whether the supporter is on a recovery path is not recorded.",
                "not_met": "The supporter does not describe being on a path toward recovery.",
                "met": "The supporter describes being on a path toward recovery.",
            },
            tags=("selection",),
        ),
        Rule(
            id="ELIG-003",
            title="Has self-care and resilience strategies",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _ELIG),
                cite(
                    "competencies-training",
                    "Peer Support Team Member Competencies",
                    "Lived Experience",
                ),
            ),
            rationale="Supporting others through trauma is taxing; a supporter needs a self-care "
            "plan and resilience strategies of their own.",
            remediation="Help the supporter write a self-care and resilience plan; offer the "
            "self-care and wellness plans training.",
            check=_self_care,
            messages={
                "unknown": "Self-care plan or resilience strategies not recorded.",
                "not_met": "No self-care plan or no resilience strategies.",
                "met": "Has a self-care plan and resilience strategies.",
            },
            tags=("selection", "wellness"),
        ),
        Rule(
            id="ELIG-004",
            title="Can tell when stress reaches an unhealthy level",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _ELIG),
                cite(
                    "competencies-training",
                    "Peer Support Team Member Competencies",
                    "Lived Experience",
                ),
            ),
            rationale="A supporter must notice when their own stress is becoming unhealthy, and "
            "ask for help, to stay safe for themselves and their peers.",
            remediation="Discuss stress signals in supervision and record the supporter's "
            "awareness of their limits.",
            check=_stress_limits,
            messages={
                "unknown": "Awareness of own stress limits is not recorded.",
                "not_met": "The supporter cannot yet tell when stress reaches an unhealthy level.",
                "met": "The supporter can tell when stress is reaching an unhealthy level.",
            },
            tags=("selection", "wellness"),
        ),
        Rule(
            id="ELIG-005",
            title="Selected as a volunteer or nominated by peers",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _ELIG),),
            rationale="The template builds the team from selected volunteers and people their "
            "peers nominate; an organisation with paid peer roles adds 'hired' to its policy.",
            remediation="Record how the supporter was selected, or widen allowed_selection in "
            "the policy if the organisation hires peers.",
            check=_selection,
            messages={
                "unknown": "How the supporter was selected is not recorded.",
                "not_met": "Selected as '{selection}'; the policy allows only {allowed}.",
                "met": "Selected as '{selection}'.",
            },
            tags=("selection",),
        ),
        Rule(
            id="ELIG-006",
            title="Competencies assessed in every domain",
            severity=Severity.RECOMMENDED,
            citations=(
                cite("competencies-training", "Peer Support Team Member Competencies"),
                cite("workplace-ptsd-program", _ELIG),
            ),
            rationale="The five competency domains are to be weighed when selecting team "
            "members; a domain nobody has assessed is a blind spot.",
            remediation="Rate the supporter (self, supervisor, peer or trainer) on at least one "
            "competency in each missing domain.",
            check=_competencies_assessed,
            messages={
                "missing": "No competency rated in: {missing}.",
                "met": "Competencies rated in every domain.",
            },
            tags=("selection", "competencies"),
        ),
        Rule(
            id="ELIG-007",
            title="Crisis responders hold current crisis training",
            severity=Severity.CRITICAL,
            citations=(
                cite("workplace-ptsd-program", "Training"),
                cite("workplace-ptsd-program", "Crisis Support"),
            ),
            rationale="Crisis management training is mandatory for every worker, and a responder "
            "on call in a crisis must know how to recognise, manage and escalate it.",
            remediation="Take the supporter off the crisis roster until crisis management "
            "training is completed or renewed.",
            check=_crisis_training("crisis_module", Role.CRISIS_RESPONDER),
            messages=_CRISIS_MESSAGES,
            tags=("role", "crisis"),
        ),
        Rule(
            id="ELIG-008",
            title="Group leaders hold current extensive crisis training",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", "Support Group"),),
            rationale="The volunteer who leads the support group undergoes extensive crisis "
            "training, because situations in a group can go beyond a member's expertise.",
            remediation="Schedule the extensive crisis training before the supporter leads a "
            "group; have a trained co-leader meanwhile.",
            check=_crisis_training("extensive_crisis_module", Role.GROUP_LEADER),
            messages=_CRISIS_MESSAGES,
            tags=("role", "crisis"),
        ),
    ],
)


def check_eligibility(
    supporter: Supporter | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check a supporter against every eligibility criterion of the guidance.

    Missing information gives ``needs_review``, never ``met``. ``waivers`` mark covered
    findings ``waived`` until they expire; ``strict=True`` ignores them.
    """
    subject = coerce_model(Supporter, supporter, "supporter")
    context = make_context(policy, as_of)
    return run_rules(ELIGIBILITY, subject, subject.id, context, waivers=waivers, strict=strict)
