"""Training: mandatory modules, retraining, debriefs and the training needs (``TRAIN-*``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, ClassVar, Final

import attrs

from peersupport._frozen import FrozenMap
from peersupport._lazy import lazy_property
from peersupport.checks._common import CheckContext, coerce_model, make_context, run_rules
from peersupport.checks._dates import month_label
from peersupport.checks.eligibility import completions, latest_completion
from peersupport.engine import CheckResult, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model import (
    Rater,
    Supporter,
    competency_framework,
    training_catalogue,
)
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = [
    "TRAINING",
    "TrainingNeed",
    "TrainingReport",
    "check_training",
    "training_needs",
    "training_report",
]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)


@attrs.frozen
class TrainingNeed:
    """A competency rated below the policy threshold, and the modules that build it."""

    competency: str
    domain: str
    level: int
    threshold: int
    raters: tuple[Rater, ...]
    modules: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "competency": self.competency,
            "domain": self.domain,
            "level": self.level,
            "threshold": self.threshold,
            "raters": [r.value for r in self.raters],
            "modules": list(self.modules),
        }


@attrs.frozen(eq=False, repr=False, slots=False)  # equality: Report's
class TrainingReport(Report):
    """A :class:`Report` that also carries the supporter's training needs.

    The needs are worked out from the supporter when ``training_needs`` is first read, like
    the input digest, so a caller that only gates on ``passed`` does not pay for them.
    """

    # Either the needs, or the supporter and policy to work them out from.
    _needs: tuple[TrainingNeed, ...] | None = attrs.field(
        default=None, alias="training_needs", eq=False
    )
    _policy: Policy | None = attrs.field(default=None, alias="policy", eq=False)

    _lazy_eq: ClassVar[tuple[str, ...]] = ("findings", "training_needs")

    @lazy_property
    def training_needs(self) -> tuple[TrainingNeed, ...]:
        """Competencies rated below the policy threshold, with the modules that build them."""
        if self._needs is not None:
            return self._needs
        if self._policy is None or not isinstance(self._source, Supporter):
            return ()
        return training_needs(self._source, self._policy, self.as_of)

    def _extra_dict(self, *, include_text: bool) -> dict[str, Any]:
        del include_text
        return {"training_needs": [n.to_dict() for n in self.training_needs]}


def _active(s: Supporter, c: CheckContext) -> bool:
    return s.started_on is not None and s.started_on <= c.as_of


# Results whose evidence never varies are made once; their evidence is read-only.
_NOT_ACTIVE: Final[CheckResult] = (NA, "not_active", FrozenMap({}))
_CANDIDATE_READY: Final[CheckResult] = (MET, "met", FrozenMap({"missing": (), "started_on": None}))


def _mandatory_modules(c: CheckContext) -> tuple[str, ...]:
    """The policy's mandatory modules, each once, in the policy's order."""
    return tuple(dict.fromkeys(c.policy.mandatory_modules))


def _mandatory(s: Supporter, c: CheckContext) -> CheckResult:
    required = c.derived("TRAIN-001", _mandatory_modules)
    seen = completions(s, c)
    missing = [m for m in required if m not in seen]
    started = s.started_on
    if started is None or started > c.as_of:
        if not missing:
            return _CANDIDATE_READY
        return (NA, "pending", {"missing": missing, "started_on": None})
    late = [m for m in required if m in seen and seen[m][0] > started]
    evidence = {"missing": missing, "late": late, "started_on": started.isoformat()}
    if missing:
        return (NOT_MET, "missing", evidence)
    if late:
        return (NOT_MET, "late", evidence)
    return (MET, "met", evidence)


@cache
def _core_modules() -> frozenset[str]:
    return training_catalogue().core_ids


def _retraining(s: Supporter, c: CheckContext) -> CheckResult:
    if not _active(s, c):
        return _NOT_ACTIVE
    core = _core_modules()
    last = None
    for module, (_, latest) in completions(s, c).items():
        if module in core and (last is None or latest > last):
            last = latest
    interval = c.policy.retraining_interval_days
    if last is None:
        return (NOT_MET, "none", {"last_training": None, "interval_days": interval})
    evidence = {"last_training": last.isoformat(), "interval_days": interval}
    if last < c.since(interval):  # completions are all on or before as_of
        return (NOT_MET, "overdue", evidence)
    return (MET, "met", evidence)


@cache
def _blocks(
    window_start: int, current: int, step: int
) -> tuple[tuple[int, ...], tuple[str, ...], date]:
    """The first month of each whole block reviewed, their labels, and the window's first day.

    Supporters judged on the same day mostly share a window, so this is computed once per
    window rather than once per supporter.
    """
    starts = tuple(range(window_start, current - step + 1, step))
    # A window with no block may begin after 9999-12: no date for it is needed, or exists.
    first_day = date(window_start // 12, window_start % 12 + 1, 1) if starts else date.min
    return starts, tuple(month_label(m) for m in starts), first_day


def _debriefs(s: Supporter, c: CheckContext) -> CheckResult:
    started = s.started_on
    as_of = c.as_of
    if started is None or started > as_of:
        return _NOT_ACTIVE
    current = as_of.year * 12 + as_of.month - 1
    # Whole months only: from the first full month of duty up to last month.
    first = started.year * 12 + started.month - (1 if started.day == 1 else 0)
    policy = c.policy
    step = policy.debrief_interval_months
    window = current - policy.debrief_review_months
    starts, labels, first_day = _blocks(max(window, first), current, step)
    if not starts:
        return (NA, "too_new", {"started_on": started.isoformat()})
    # Only debriefs inside the window can count: the month of no other is worked out.
    attended = {d.year * 12 + d.month - 1 for d in s.debriefs_attended if first_day <= d <= as_of}
    if step == 1:
        missed = [label for m, label in zip(starts, labels, strict=True) if m not in attended]
    else:
        missed = [
            label
            for m, label in zip(starts, labels, strict=True)
            if attended.isdisjoint(range(m, m + step))
        ]
    evidence = {"months_reviewed": labels, "missed": missed, "interval_months": step}
    return (NOT_MET if missed else MET, "missed" if missed else "met", evidence)


_FAMILY_UNKNOWN: Final[CheckResult] = (REVIEW, "unknown", FrozenMap({}))
_NOT_FAMILY: Final[CheckResult] = (NA, "not_family", FrozenMap({}))


def _family(s: Supporter, c: CheckContext) -> CheckResult:
    lived = s.lived_experience
    if lived is None:
        return _FAMILY_UNKNOWN
    for e in lived:
        if e.is_family:
            break
    else:
        return _NOT_FAMILY
    last = latest_completion(s, c.policy.family_module, c)
    evidence = {"module": c.policy.family_module, "completed": last.isoformat() if last else None}
    return (MET if last else NOT_MET, "met" if last else "missing", evidence)


_TRAIN = "Training"

TRAINING: Final[RuleSet[Supporter, CheckContext]] = RuleSet.of(
    "training",
    "1",
    [
        Rule(
            id="TRAIN-001",
            title="Mandatory training completed before active duty",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _TRAIN),
                cite("who-qualityrights-one-to-one", "10 Interviewing and hiring peer supporters"),
            ),
            rationale="Crisis management training is mandatory for every peer support worker, "
            "and training is a prerequisite for newly recruited supporters.",
            remediation="Complete the missing modules before (re)starting active duty.",
            check=_mandatory,
            messages={
                "pending": "Not yet on active duty; still to complete: {missing}.",
                "missing": "On active duty since {started_on} without: {missing}.",
                "late": "Completed after starting active duty on {started_on}: {late}.",
                "met": "Mandatory modules completed before active duty.",
            },
            tags=("training",),
        ),
        Rule(
            id="TRAIN-002",
            title="Retrained within the policy interval",
            severity=Severity.REQUIRED,
            citations=(cite("workplace-ptsd-program", _TRAIN),),
            rationale="Regular ('biannual') retraining keeps supporters networked, supports "
            "their self-care and adds skills. 'Biannual' is ambiguous; the policy's default "
            "reads it as twice a year.",
            remediation="Book the supporter on the next retraining session.",
            check=_retraining,
            messages={
                "not_active": "Not on active duty; retraining does not apply yet.",
                "none": "No peer support training is recorded.",
                "overdue": "Last trained {last_training}; retraining is due every "
                "{interval_days} days.",
                "met": "Last trained {last_training}, within {interval_days} days.",
            },
            tags=("training",),
        ),
        Rule(
            id="TRAIN-003",
            title="Attends the monthly debriefs",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", _TRAIN),
                cite("workplace-ptsd-program", "Peer Program Models and Structures"),
            ),
            rationale="Peer support workers and responders meet monthly to debrief, review "
            "their roles and practise; missing them isolates a supporter.",
            remediation="Follow up with the supporter and their peer supervisor about the "
            "missed debriefs.",
            check=_debriefs,
            messages={
                "not_active": "Not on active duty; debriefs do not apply yet.",
                "too_new": "Started {started_on}; no whole month of duty to review yet.",
                "missed": "No debrief attended in: {missed}.",
                "met": "Attended a debrief in each period reviewed ({months_reviewed}).",
            },
            tags=("training", "wellness"),
        ),
        Rule(
            id="TRAIN-004",
            title="Family peer support training for family-member experience",
            severity=Severity.RECOMMENDED,
            citations=(cite("workplace-ptsd-program", _TRAIN),),
            rationale="Supporters whose lived experience is as a family member or caregiver "
            "get training on the challenges that arise in a family of care.",
            remediation="Offer the family peer support training.",
            check=_family,
            messages={
                "unknown": "Lived experience is not recorded, so the need is unknown.",
                "not_family": "Lived experience is not as a family member; does not apply.",
                "missing": "Family-member experience without {module} training.",
                "met": "Completed {module} training on {completed}.",
            },
            tags=("training",),
        ),
    ],
)


@cache
def _competency_facts() -> dict[str, tuple[int, str, tuple[str, ...]]]:
    """Each competency's position, domain and modules, as a plain dict built once."""
    framework = competency_framework()
    return {
        cid: (pos, framework.domain_of(cid), framework.competency(cid).topics)
        for cid, pos in framework.order.items()
    }


def _first(pair: tuple[int, TrainingNeed]) -> int:
    return pair[0]


def training_needs(supporter: Supporter, policy: Policy, as_of: date) -> tuple[TrainingNeed, ...]:
    """Competencies whose current rating is below the threshold, with the modules that build them.

    The current rating is each rater's latest on or before ``as_of``; the lowest of those
    counts, so any rater who sees a gap raises the need.
    """
    threshold = policy.competency_threshold
    ratings = supporter.competencies
    # Only a competency with some low rating can be a need: skip the rest up front.
    low_ids = {r.competency for r in ratings if r.level < threshold and r.rated_on <= as_of}
    if not low_ids:
        return ()
    # Each rater's latest rating of each of those competencies.
    latest: dict[str, dict[Rater, tuple[date, int]]] = {}
    for r in ratings:
        comp_id = r.competency
        if comp_id in low_ids and (day := r.rated_on) <= as_of:
            by_rater = latest.get(comp_id)
            if by_rater is None:
                latest[comp_id] = {r.rater: (day, r.level)}
            else:
                seen = by_rater.get(r.rater)
                if seen is None or day >= seen[0]:
                    by_rater[r.rater] = (day, r.level)
    facts = _competency_facts()
    needs: list[tuple[int, TrainingNeed]] = []
    for comp_id, by_rater in latest.items():
        low_raters = [rater for rater, (_, level) in by_rater.items() if level < threshold]
        if low_raters:
            low = min(level for _, level in by_rater.values())
            position, domain, topics = facts[comp_id]
            raters = tuple(sorted(low_raters))
            needs.append((position, TrainingNeed(comp_id, domain, low, threshold, raters, topics)))
    needs.sort(key=_first)
    return tuple([need for _, need in needs])


def check_training(
    supporter: Supporter | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> TrainingReport:
    """Check a supporter's training, and list their training needs.

    The report's ``training_needs`` maps each competency rated below
    ``policy.competency_threshold`` to the catalogue modules that build it.
    """
    subject = coerce_model(Supporter, supporter, "supporter")
    return training_report(subject, make_context(policy, as_of), waivers=waivers, strict=strict)


def training_report(
    subject: Supporter,
    context: CheckContext,
    *,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None,
    strict: bool,
) -> TrainingReport:
    """The training rules and needs of a validated supporter (shared with the batch form)."""
    report = run_rules(
        TRAINING,
        subject,
        subject.id,
        context,
        waivers=waivers,
        strict=strict,
        report_type=TrainingReport,
        fields={"_policy": context.policy},
    )
    assert isinstance(report, TrainingReport)  # noqa: S101 - report_type guarantees it
    return report
