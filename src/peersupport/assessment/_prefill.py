"""Answers the programme's own data can give to instrument items, each with its evidence.

A prefill reads the programme and the findings of its rules; it answers only when the data
say something, and otherwise leaves the item to the auditor (a section not recorded is
never read as a yes). Every prefill says what it read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final

import attrs

from peersupport._frozen import frozen_map, thaw
from peersupport.checks.programme import ProgrammeReport
from peersupport.engine import Outcome
from peersupport.model.program import (
    Compensation,
    DocumentedPolicy,
    Program,
    ProgrammeModel,
    SupervisorKind,
)
from peersupport.policy import Policy

__all__ = ["PREFILLS", "Facts", "Prefill", "prefill"]

_BASIC: Final = "basic_peer_support"
_TEMPLATE_METRICS: Final = ("disability_claims", "eap_utilisation", "psychologist_costs")


@attrs.frozen
class Facts:
    """What a prefill may read: the programme, its rule findings, the policy and the grounds."""

    program: Program
    report: ProgrammeReport
    policy: Policy
    as_of: date
    grounds: tuple[Mapping[str, Any], ...]

    def outcome(self, rule_id: str) -> Outcome | None:
        """The outcome of a programme rule, or ``None`` if it did not run."""
        return self.report.outcome_of(rule_id, self.program.id)

    def evidence(self, rule_id: str) -> dict[str, Any]:
        """The evidence a programme rule read."""
        try:
            return dict(self.report.finding(rule_id, self.program.id).evidence)
        except KeyError:
            return {}


@attrs.frozen
class Prefill:
    """An answer from programme data: the answer, a sentence saying why, and what was read."""

    item_id: str
    answer: str
    basis: str
    evidence: Mapping[str, Any] = attrs.field(converter=frozen_map, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "item_id": self.item_id,
            "answer": self.answer,
            "basis": self.basis,
            "evidence": thaw(self.evidence),
        }


Answer = tuple[str, str, dict[str, Any]]
PrefillFn = Callable[[Facts], Answer | None]


def _yn(value: bool | None, what: str, key: str) -> Answer | None:  # noqa: FBT001 - a fact
    if value is None:
        return None
    return ("yes" if value else "no", f"{what}: {'yes' if value else 'no'}.", {key: value})


def _ladder(share: float) -> str:
    """A share (0-1) as a level of the 1-5 progress scale."""
    if share >= 1.0:
        return "5"
    if share >= 0.75:  # noqa: PLR2004 - the scale's anchors
        return "4"
    if share >= 0.5:  # noqa: PLR2004
        return "3"
    return "2" if share > 0 else "1"


def _share_trained(facts: Facts, module: str) -> tuple[int, int]:
    people = facts.program.supporters
    done = sum(1 for s in people if any(t.module == module for t in s.trainings))
    return done, len(people)


def _policy(facts: Facts, doc: DocumentedPolicy, what: str) -> Answer | None:
    policies = facts.program.policies
    if policies is None:
        return None
    present = doc in policies
    return (
        "yes" if present else "no",
        f"The {what} policy is {'' if present else 'not '}among the documented policies.",
        {"policy": doc.value, "present": present},
    )


def _outcome_answer(facts: Facts, rule_id: str, what: str, *, not_met: str = "no") -> Answer | None:
    outcome = facts.outcome(rule_id)
    answers = {
        Outcome.MET: "yes",
        Outcome.NOT_MET: not_met,
        Outcome.NOT_APPLICABLE: "not_applicable",
    }
    if outcome not in answers:
        return None
    assert outcome is not None  # noqa: S101 - narrowed by the check above
    return (
        answers[outcome],
        f"{rule_id} ({what}) is {outcome.value}.",
        {"rule_id": rule_id, "outcome": outcome.value, **facts.evidence(rule_id)},
    )


def _combined(facts: Facts, rule_ids: tuple[str, ...], what: str) -> Answer | None:
    outcomes = {r: facts.outcome(r) for r in rule_ids}
    known = {r: o for r, o in outcomes.items() if o in {Outcome.MET, Outcome.NOT_MET}}
    evidence = {r: (o.value if o else None) for r, o in outcomes.items()}
    if all(o is Outcome.NOT_APPLICABLE for o in outcomes.values()):
        return "not_applicable", f"No {what} to judge.", evidence
    if not known:
        return None
    met = [r for r, o in known.items() if o is Outcome.MET]
    answer = "yes" if len(met) == len(rule_ids) else "partly" if met else "no"
    return answer, f"{len(met)} of {len(rule_ids)} rules on {what} met.", evidence


# --- the prefills ----------------------------------------------------------------------------


def _pay_parity(facts: Facts) -> Answer | None:  # noqa: PLR0911 - one return per case
    c = facts.program.conditions
    if c is None or c.compensation is None:
        return None
    evidence = {
        "compensation": c.compensation.value,
        "peer_pay_rate": c.peer_pay_rate,
        "non_peer_pay_rate": c.non_peer_pay_rate,
    }
    if c.non_peer_pay_rate is None:
        return None
    if c.compensation is Compensation.VOLUNTEER or not c.peer_pay_rate:
        if c.non_peer_pay_rate == 0:
            return "yes", "Neither peers nor comparable non-peers are paid.", evidence
        return "no", "Peers are not paid; comparable non-peer roles are.", evidence
    if c.non_peer_pay_rate == 0:
        return "yes", "Peers are paid; comparable non-peer roles are unpaid.", evidence
    percent = round(100 * c.peer_pay_rate / c.non_peer_pay_rate, 1)
    evidence["percent_of_non_peer"] = percent
    if percent >= 100:  # noqa: PLR2004 - parity
        return "yes", f"Peers earn {percent}% of comparable non-peer pay.", evidence
    return "partly", f"Peers earn {percent}% of comparable non-peer pay.", evidence


def _unpaid_hierarchy(facts: Facts) -> Answer | None:
    found = _pay_parity(facts)
    if found is not None and found[0] == "yes":
        return "not_applicable", "Pay is on par, so there is no such hierarchy.", found[2]
    return None


def _peer_count(facts: Facts) -> int:
    program = facts.program
    return len(program.team) if program.team is not None else len(program.supporters)


def _peer_numbers(facts: Facts) -> Answer | None:
    program = facts.program
    if program.team is None and not program.supporters:
        return None
    count, minimum = _peer_count(facts), facts.policy.team_size_min
    answer = "yes" if count >= minimum else "partly" if count >= 2 else "no"  # noqa: PLR2004
    source = "team" if program.team is not None else "supporters"
    return (
        answer,
        f"{count} peers in the {source} (critical mass from {minimum}).",
        {
            "peers": count,
            "min": minimum,
            "counted_from": source,
        },
    )


def _few_peers_support(facts: Facts) -> Answer | None:
    found = _peer_numbers(facts)
    if found is None:
        return None
    if found[0] == "yes":
        return "not_applicable", "Peers are not a lone few here.", found[2]
    program = facts.program
    peer_supervisor = program.supervisors is not None and any(
        a.kind is SupervisorKind.PEER for a in program.supervisors
    )
    supports = {
        "peer_supervisor": peer_supervisor,
        "community_of_practice": bool(program.community_of_practice),
    }
    n = sum(supports.values())
    answer = "yes" if n == 2 else "partly" if n else "no"  # noqa: PLR2004
    return answer, f"{n} of 2 supports for a few peers in place.", {**found[2], **supports}


def _wellness(facts: Facts) -> Answer | None:
    c = facts.program.conditions
    debriefs = facts.outcome("STRUCT-011")
    parts = {
        "monthly_debriefs": None
        if debriefs not in {Outcome.MET, Outcome.NOT_MET}
        else debriefs is Outcome.MET,
        "breaks_between_peers": c.breaks_between_peers if c else None,
        "debrief_before_leaving_shift": c.debrief_before_leaving_shift if c else None,
    }
    known = [v for v in parts.values() if v is not None]
    if not known:
        return None
    yes = sum(1 for v in known if v)
    answer = "yes" if yes == len(parts) else "partly" if yes else "no"
    return answer, f"{yes} of {len(parts)} wellness supports recorded as in place.", parts


def _capacity_building(facts: Facts) -> Answer | None:
    people = facts.program.supporters
    if not people:
        return None
    trained = sum(1 for s in people if s.trainings)
    cop = facts.program.community_of_practice
    answer = "yes" if trained == len(people) and cop else "partly" if trained or cop else "no"
    return (
        answer,
        (
            f"{trained} of {len(people)} supporters have training on record; "
            f"community of practice: {cop}."
        ),
        {
            "trained": trained,
            "supporters": len(people),
            "community_of_practice": cop,
        },
    )


def _ethics_training(facts: Facts) -> Answer | None:
    done, total = _share_trained(facts, _BASIC)
    if not total:
        return None
    answer = "yes" if done == total else "partly" if done else "no"
    return (
        answer,
        f"{done} of {total} supporters completed basic peer support training.",
        {
            "module": _BASIC,
            "trained": done,
            "supporters": total,
        },
    )


def _voluntary(facts: Facts) -> Answer | None:
    value = facts.program.participation_voluntary
    if value is None:
        return None
    if not value:
        return "no", "Participation is not recorded as voluntary.", {"voluntary": False}
    # Only half the item is on record: whether peers may change supporter is not.
    return (
        "partly",
        "Participation is voluntary; changing supporter is not recorded.",
        {"voluntary": True},
    )


def _cop(facts: Facts) -> Answer | None:
    return _yn(
        facts.program.community_of_practice,
        "Access to a community of practice",
        "community_of_practice",
    )


def _conf_boundaries(facts: Facts) -> Answer | None:
    policies = facts.program.policies
    if policies is None:
        return None
    have = {
        "confidentiality": DocumentedPolicy.CONFIDENTIALITY in policies,
        "boundaries": DocumentedPolicy.BOUNDARIES in policies,
    }
    n = sum(have.values())
    answer = "yes" if n == 2 else "partly" if n else "no"  # noqa: PLR2004
    return answer, f"{n} of 2 policies (confidentiality, boundaries) documented.", have


def _debriefs(facts: Facts) -> Answer | None:
    debriefs = facts.program.debriefs
    if debriefs is None:
        return None
    found = _outcome_answer(
        facts, "STRUCT-011", "monthly debriefs", not_met="partly" if debriefs else "no"
    )
    if found is None:
        return None
    return found[0], found[1], {**found[2], "debriefs": len(debriefs)}


def _condition(name: str, what: str) -> PrefillFn:
    def read(facts: Facts) -> Answer | None:
        c = facts.program.conditions
        return None if c is None else _yn(getattr(c, name), what, name)

    return read


def _structured(facts: Facts) -> Answer | None:
    if not facts.program.models:
        return None
    team = facts.outcome("STRUCT-001")
    answer = "yes" if team is Outcome.MET else "partly"
    return (
        answer,
        (
            f"{len(facts.program.models)} programme model(s) recorded; "
            f"team size rule {team.value if team else 'not run'}."
        ),
        {
            "models": [m.value for m in facts.program.models],
            "STRUCT-001": team.value if team else None,
        },
    )


def _access(facts: Facts) -> Answer | None:
    offers = facts.program.offers
    if offers is None:
        return None
    routes = {
        "drop_in_group": ProgrammeModel.SUPPORT_GROUP in offers,
        "mentoring": ProgrammeModel.PEER_MENTORING in offers,
        "on_call": ProgrammeModel.CRISIS_SUPPORT in offers,
    }
    n = sum(routes.values())
    answer = "yes" if n >= 2 else "partly" if n else "no"  # noqa: PLR2004
    return answer, f"{n} ways to reach a peer supporter offered.", routes


def _two_supervisors(facts: Facts) -> Answer | None:
    present = facts.evidence("SUP-001").get("present")
    return _outcome_answer(
        facts,
        "SUP-001",
        "peer and administrative supervisor",
        not_met="partly" if present else "no",
    )


def _reflective(facts: Facts) -> Answer | None:
    evaluation = facts.program.evaluation
    if evaluation is None:
        return None
    last = evaluation.last_survey_on
    if last is None:
        return "no", "No survey on record.", {"last_survey_on": None}
    recent = (facts.as_of - last).days <= 366  # noqa: PLR2004 - a year
    # A yearly survey is reflective feedback, but not after each service.
    return (
        "partly" if recent else "no",
        f"Last survey {last.isoformat()}; surveys after each service are not recorded.",
        {"last_survey_on": last.isoformat(), "within_a_year": recent},
    )


def _plan_for_gaps(facts: Facts) -> Answer | None:
    evidence = facts.evidence("ROSTER-001")
    outcome = facts.outcome("ROSTER-001")
    if outcome is Outcome.NOT_MET:
        hours, covered = evidence.get("horizon_hours"), evidence.get("covered_hours")
        share = (
            covered / hours
            if isinstance(hours, float | int) and hours and isinstance(covered, float | int)
            else 0.0
        )
        answer = "partly" if share >= 0.95 else "no"  # noqa: PLR2004 - most hours covered
        return (
            answer,
            f"On-call cover has {evidence.get('gap_count')} gap(s).",
            {
                "rule_id": "ROSTER-001",
                "outcome": outcome.value,
                "gap_count": evidence.get("gap_count"),
                "uncovered_hours": evidence.get("uncovered_hours"),
            },
        )
    return _outcome_answer(facts, "ROSTER-001", "on-call cover without gaps")


def _grounds(facts: Facts) -> Answer | None:
    found = _policy(facts, DocumentedPolicy.CONFIDENTIALITY, "confidentiality")
    if found is None or found[0] == "no":
        return found
    smi = [g for g in facts.grounds if g.get("id") == "serious_mental_illness"]
    keeps = bool(smi and smi[0].get("enabled"))
    basis = f"A confidentiality policy is documented; its pack lists {len(facts.grounds)} grounds."
    if keeps:
        basis += " It keeps the serious-mental-illness ground."
    return (
        "yes",
        basis,
        {
            "pack": facts.grounds[0].get("pack") if facts.grounds else None,
            "grounds": [g.get("id") for g in facts.grounds if g.get("enabled")],
            "serious_mental_illness_ground": keeps,
        },
    )


def _key_metrics(facts: Facts) -> Answer | None:
    evaluation = facts.program.evaluation
    if evaluation is None:
        return None
    tracked = [m for m in _TEMPLATE_METRICS if m in evaluation.metrics]
    n = len(tracked)
    answer = "yes" if n == len(_TEMPLATE_METRICS) else "partly" if evaluation.metrics else "no"
    return (
        answer,
        f"{n} of the template's {len(_TEMPLATE_METRICS)} key metrics tracked.",
        {
            "tracked": tracked,
            "metrics": list(evaluation.metrics),
        },
    )


def _annual_survey(facts: Facts) -> Answer | None:
    plan = (
        facts.program.policies is not None
        and DocumentedPolicy.EVALUATION_PLAN in facts.program.policies
    )
    return _outcome_answer(
        facts, "STRUCT-012", "annual anonymous survey", not_met="partly" if plan else "no"
    )


def _on_call(facts: Facts) -> Answer | None:
    offers = facts.program.offers
    if offers is not None and ProgrammeModel.CRISIS_SUPPORT not in offers:
        return (
            "not_applicable",
            "Crisis support is not among the programme's models.",
            {"models": sorted(m.value for m in offers)},
        )
    return _outcome_answer(facts, "ROSTER-001", "24/7 two-tier on-call cover", not_met="partly")


def _share_ladder(facts: Facts, count: Callable[[Program], int], what: str) -> Answer | None:
    total = len(facts.program.supporters)
    if not total:
        return None
    done = count(facts.program)
    return (
        _ladder(done / total),
        f"{done} of {total} supporters {what}.",
        {
            "count": done,
            "supporters": total,
        },
    )


PREFILLS: Final[Mapping[str, PrefillFn]] = {
    "pay_parity": _pay_parity,
    "unpaid_hierarchy": _unpaid_hierarchy,
    "peer_numbers": _peer_numbers,
    "few_peers_support": _few_peers_support,
    "wellness_supports": _wellness,
    "capacity_building": _capacity_building,
    "grievance_process": lambda f: _policy(
        f, DocumentedPolicy.COMPLAINTS_PROCESS, "complaints process"
    ),
    "ethics_training": _ethics_training,
    "voluntary": _voluntary,
    "community_of_practice": _cop,
    "confidentiality_boundaries_policies": _conf_boundaries,
    "boundaries_policy": lambda f: _policy(f, DocumentedPolicy.BOUNDARIES, "boundaries"),
    "regular_debriefs": _debriefs,
    "team_debriefs": _debriefs,
    "debrief_before_leaving": _condition(
        "debrief_before_leaving_shift", "Team debrief before leaving a shift"
    ),
    "breaks_between_peers": _condition("breaks_between_peers", "Short breaks between peers"),
    "decline_extra_duties": _condition(
        "may_decline_extra_duties", "New peer staff may decline extra duties"
    ),
    "flexible_leave": _condition("flexible_leave", "Flexible leave"),
    "structured_programme": _structured,
    "access_options": _access,
    "two_supervisors": _two_supervisors,
    "supervision_changeover": lambda f: _outcome_answer(f, "SUP-002", "no long supervision gap"),
    "reflective_surveys": _reflective,
    "plan_for_gaps": _plan_for_gaps,
    "concerns_process": lambda f: _policy(
        f, DocumentedPolicy.COMPLAINTS_PROCESS, "complaints process"
    ),
    "models_named": lambda f: (
        None
        if f.program.models is None
        else (
            "yes" if f.program.models else "no",
            f"{len(f.program.models)} programme model(s) recorded.",
            {"models": [m.value for m in f.program.models]},
        )
    ),
    "purpose_section": lambda f: _policy(f, DocumentedPolicy.PURPOSE, "purpose"),
    "scope_section": lambda f: _policy(f, DocumentedPolicy.SCOPE, "scope"),
    "eligibility_section": lambda f: _policy(f, DocumentedPolicy.ELIGIBILITY, "eligibility"),
    "training_section": lambda f: _policy(f, DocumentedPolicy.TRAINING, "training"),
    "recordkeeping_section": lambda f: _policy(
        f, DocumentedPolicy.RECORDKEEPING, "reporting and recordkeeping"
    ),
    "roles_leadership": lambda f: _policy(f, DocumentedPolicy.ROLES_LEADERSHIP, "leadership roles"),
    "roles_managers": lambda f: _policy(f, DocumentedPolicy.ROLES_MANAGERS, "managers' roles"),
    "roles_peer_support_workers": lambda f: _policy(
        f, DocumentedPolicy.ROLES_PEER_SUPPORT_WORKERS, "peer support workers' roles"
    ),
    "roles_employees": lambda f: _policy(f, DocumentedPolicy.ROLES_EMPLOYEES, "employees' roles"),
    "complaints_process": lambda f: _policy(
        f, DocumentedPolicy.COMPLAINTS_PROCESS, "complaints process"
    ),
    "confidentiality_policy": lambda f: _policy(
        f, DocumentedPolicy.CONFIDENTIALITY, "confidentiality"
    ),
    "breaking_grounds": _grounds,
    "no_diagnosis_asked": lambda f: _outcome_answer(
        f, "HIRE-001", "interviews never ask about diagnosis or treatment"
    ),
    "mental_health_professional": lambda f: _yn(
        f.program.mental_health_professional,
        "A mental health professional guides the programme",
        "consulted",
    ),
    "structure_sized": lambda f: _combined(
        f, ("STRUCT-001", "STRUCT-002"), "team size and workers invited"
    ),
    "on_call_roster": _on_call,
    "groups_in_work_hours": lambda f: _outcome_answer(f, "STRUCT-007", "groups in work hours"),
    "support_group_rules": lambda f: _combined(
        f, ("STRUCT-005", "STRUCT-006", "STRUCT-008"), "support groups"
    ),
    "education_rules": lambda f: _combined(f, ("STRUCT-003", "STRUCT-004"), "peer education"),
    "annual_survey": _annual_survey,
    "key_metrics": _key_metrics,
    "crisis_training": lambda f: _outcome_answer(
        f, "ROSTER-002", "crisis training current on call", not_met="partly"
    ),
    "competencies_rated_share": lambda f: _share_ladder(
        f, lambda p: sum(1 for s in p.supporters if s.competencies), "have competency ratings"
    ),
    "basic_training_share": lambda f: _share_ladder(
        f, lambda _: _share_trained(f, _BASIC)[0], "completed basic peer support training"
    ),
}


def prefill(key: str, item_id: str, facts: Facts) -> Prefill | None:
    """The prefill named ``key`` for an item, or ``None`` when the data do not answer it."""
    found = PREFILLS[key](facts)
    if found is None:
        return None
    answer, basis, evidence = found
    return Prefill(item_id, answer, basis, evidence)
