"""Training: mandatory modules, retraining, debriefs and the training needs (``TRAIN-*``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, Final

import attrs

from peersupport.checks._common import CheckContext, coerce_model, make_context, run_rules
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


@attrs.frozen(eq=True, repr=False)
class TrainingReport(Report):
    """A :class:`Report` that also carries the supporter's training needs."""

    training_needs: tuple[TrainingNeed, ...] = ()

    def _extra_dict(self, *, include_text: bool) -> dict[str, Any]:
        del include_text
        return {"training_needs": [n.to_dict() for n in self.training_needs]}


def _active(s: Supporter, c: CheckContext) -> bool:
    return s.started_on is not None and s.started_on <= c.as_of


def _mandatory(s: Supporter, c: CheckContext) -> CheckResult:
    required = c.policy.mandatory_modules
    seen = completions(s, c)
    done = {m: seen[m][0] if m in seen else None for m in required}
    missing = [m for m, d in done.items() if d is None]
    if not _active(s, c):
        evidence: dict[str, Any] = {"missing": missing, "started_on": None}
        return (MET if not missing else NA, "met" if not missing else "pending", evidence)
    assert s.started_on is not None  # noqa: S101 - _active checked it
    late = [m for m, d in done.items() if d is not None and d > s.started_on]
    evidence = {"missing": missing, "late": late, "started_on": s.started_on.isoformat()}
    if missing:
        return (NOT_MET, "missing", evidence)
    if late:
        return (NOT_MET, "late", evidence)
    return (MET, "met", evidence)


def _retraining(s: Supporter, c: CheckContext) -> CheckResult:
    if not _active(s, c):
        return (NA, "not_active", {})
    core = training_catalogue().core_ids
    days = [last for module, (_, last) in completions(s, c).items() if module in core]
    last = max(days) if days else None
    evidence = {
        "last_training": last.isoformat() if last else None,
        "interval_days": c.policy.retraining_interval_days,
    }
    if last is None:
        return (NOT_MET, "none", evidence)
    if not c.within(last, c.policy.retraining_interval_days):
        return (NOT_MET, "overdue", evidence)
    return (MET, "met", evidence)


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@cache
def _blocks(window_start: int, current: int, step: int) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The first month of each whole block reviewed, and their labels.

    Supporters judged on the same day mostly share a window, so this is computed once per
    window rather than once per supporter.
    """
    starts = tuple(range(window_start, current - step + 1, step))
    return starts, tuple(_month_label(m) for m in starts)


def _debriefs(s: Supporter, c: CheckContext) -> CheckResult:
    if not _active(s, c):
        return (NA, "not_active", {})
    assert s.started_on is not None  # noqa: S101 - _active checked it
    as_of = c.as_of
    current = as_of.year * 12 + as_of.month - 1
    # Whole months only: from the first full month of duty up to last month.
    first = _month_index(s.started_on) + (0 if s.started_on.day == 1 else 1)
    step = c.policy.debrief_interval_months
    starts, labels = _blocks(max(first, current - c.policy.debrief_review_months), current, step)
    if not starts:
        return (NA, "too_new", {"started_on": s.started_on.isoformat()})
    attended = {d.year * 12 + d.month - 1 for d in s.debriefs_attended if d <= as_of}
    if step == 1:
        missed = [label for m, label in zip(starts, labels, strict=True) if m not in attended]
    else:
        missed = [
            label
            for m, label in zip(starts, labels, strict=True)
            if attended.isdisjoint(range(m, m + step))
        ]
    evidence = {"months_reviewed": list(labels), "missed": missed, "interval_months": step}
    return (NOT_MET if missed else MET, "missed" if missed else "met", evidence)


def _family(s: Supporter, c: CheckContext) -> CheckResult:
    if s.lived_experience is None:
        return (REVIEW, "unknown", {})
    if not any(e.is_family for e in s.lived_experience):
        return (NA, "not_family", {})
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
    latest: dict[tuple[str, Rater], tuple[date, int]] = {}
    for r in ratings:
        if r.competency not in low_ids or r.rated_on > as_of:
            continue
        key = (r.competency, r.rater)
        seen = latest.get(key)
        if seen is None or r.rated_on >= seen[0]:
            latest[key] = (r.rated_on, r.level)
    levels: dict[str, list[tuple[int, Rater]]] = {}
    for (comp_id, rater), (_, level) in latest.items():
        levels.setdefault(comp_id, []).append((level, rater))
    facts = _competency_facts()
    needs = []
    for comp_id in sorted(levels, key=lambda cid: facts[cid][0]):
        rated = levels[comp_id]
        low = min(level for level, _ in rated)
        if low < threshold:
            raters = tuple(sorted({r for level, r in rated if level < threshold}))
            _, domain, topics = facts[comp_id]
            needs.append(TrainingNeed(comp_id, domain, low, threshold, raters, topics))
    return tuple(needs)


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
        training_needs=training_needs(subject, context.policy, context.as_of),
    )
    assert isinstance(report, TrainingReport)  # noqa: S101 - report_type guarantees it
    return report
