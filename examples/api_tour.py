"""A tour of the peersupport Python API, on the example programme and on plain dicts.

Run it from anywhere::

    python examples/api_tour.py

It judges everything as of 2026-11-23, so its output never changes with the calendar. It
prints identifiers, rule ids, outcomes and counts only: never a name or other free text.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from peersupport import (
    InvalidInput,
    Outcome,
    Policy,
    SelectionMethod,
    Waiver,
    check_eligibility,
    check_training,
)
from peersupport.checks.programme import check_program
from peersupport.checks.roster import analyse_coverage
from peersupport.io import load_document

AS_OF = date(2026, 11, 23)
PROGRAMME = Path(__file__).with_name("programme.yaml")

# A host system's own record, as a plain dict: no model classes needed.
RECORD: dict[str, Any] = {
    "id": "hr-4711",
    "display_name": "Sam Example",
    "roles": ["crisis_responder"],
    "selection": "hired",
    "lived_experience": [{"relation": "personal", "areas": ["trauma_ptsd"]}],
    "recovery": {"on_path": True},
    "self_care": {"has_plan": True, "resilience_strategies": True},
    "aware_of_stress_limits": True,
    "competencies": [
        {"competency": c, "level": level, "rater": rater, "rated_on": "2026-10-01"}
        for c, level, rater in (
            ("active_listening", 4, "supervisor"),
            ("crisis_recognition", 2, "trainer"),
        )
    ],
    "trainings": [
        {"module": "basic_peer_support", "completed_on": "2026-09-07"},
        {"module": "crisis_management", "completed_on": "2026-09-14"},
    ],
    "debriefs_attended": ["2026-10-07", "2026-11-04"],
    "started_on": "2026-10-01",
}


def programme_summary() -> None:
    """Load the example file, check the programme and every supporter, and summarise."""
    document = load_document(PROGRAMME)
    report = check_program(document, document.policy, as_of=AS_OF, waivers=document.waivers)
    print(
        f"programme {document.id}: {len(document.supporters)} supporters, "
        f"as of {report.as_of.isoformat()}"
    )
    print(f"passed: {report.passed}")
    counts = report.summary["by_outcome"]
    print("outcomes: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    print(f"ruleset: {report.ruleset_version}")
    print(f"input digest: {report.input_digest}")
    print()
    print("findings other than met / not_applicable, by subject:")
    for subject, findings in report.by_subject().items():
        by_outcome: dict[str, list[str]] = {}
        for f in findings:
            if f.outcome in {Outcome.MET, Outcome.NOT_APPLICABLE}:
                continue
            by_outcome.setdefault(f.outcome.value, []).append(f.rule_id)
        if by_outcome:
            parts = "; ".join(f"{o} {' '.join(ids)}" for o, ids in sorted(by_outcome.items()))
            print(f"  {subject}: {parts}")
    print()
    print("failures that make the report fail (required or critical, not met):")
    severities = Counter(f.severity.value for f in report.failures)
    for f in report.failures:
        print(f"  {f.subject} {f.rule_id} ({f.severity.value})")
    print("  by severity: " + ", ".join(f"{k}={v}" for k, v in sorted(severities.items())))
    print()
    print("training needs:")
    for subject, needs in report.training_needs.items():
        for need in needs:
            print(
                f"  {subject}: {need.competency} at {need.level} (< {need.threshold})"
                f" -> {', '.join(need.modules)}"
            )


def roster() -> None:
    """The gaps in the example's on-call roster, and how much of the quarter is covered."""
    document = load_document(PROGRAMME)
    if document.roster is None:  # pragma: no cover - the example has a roster
        raise SystemExit("the example programme has no roster")
    coverage = analyse_coverage(document.roster)
    print()
    hours = coverage.covered.total_seconds() / 3600
    total = coverage.horizon.total_seconds() / 3600
    print(f"roster: {len(document.roster.shifts)} shifts, {hours:g} of {total:g} hours covered")
    for gap in coverage.gaps:
        reasons = ", ".join(r.value for r in gap.reasons)
        print(f"  gap {gap.start.isoformat()} to {gap.end.isoformat()} ({reasons})")


def one_record() -> None:
    """Check a plain dict from a host system, with and without a policy of its own."""
    print()
    print(f"one record from a plain dict ({RECORD['id']}):")
    eligibility = check_eligibility(RECORD, as_of=AS_OF)
    for f in eligibility.findings:
        print(f"  {f.rule_id} {f.outcome.value}")
    print(f"  eligibility passed: {eligibility.passed}")

    training = check_training(RECORD, as_of=AS_OF)
    print(f"  training passed: {training.passed}")
    for need in training.training_needs:
        print(f"  training need: {need.competency} -> {', '.join(need.modules)}")

    # The default policy accepts volunteers and peer nominations. An organisation with paid
    # peer roles says so in its own policy; only the fields that differ need be given.
    hires_peers = Policy(
        allowed_selection=(
            SelectionMethod.VOLUNTEER,
            SelectionMethod.PEER_NOMINATED,
            SelectionMethod.HIRED,
        )
    )
    default_outcome = eligibility.outcome_of("ELIG-005")
    custom = check_eligibility(RECORD, hires_peers, as_of=AS_OF)
    print(
        f"  ELIG-005 under the default policy: {default_outcome}; "
        f"under a policy that allows hiring: {custom.outcome_of('ELIG-005')}"
    )
    print(f"  the two policies differ: {custom.policy_digest != eligibility.policy_digest}")


def waivers() -> None:
    """Waive a recommended rule for one supporter; a critical rule cannot be waived."""
    print()
    print("waivers:")
    waiver = Waiver(
        rule_id="ELIG-006",
        subject=RECORD["id"],
        justification="Remaining domains are rated at the probation review.",
        approved_by="Programme lead",
        expires=date(2027, 1, 31),
    )
    waived = check_eligibility(RECORD, as_of=AS_OF, waivers=[waiver])
    finding = waived.finding("ELIG-006")
    print(f"  ELIG-006 with a waiver: {finding.outcome.value}")
    strict = check_eligibility(RECORD, as_of=AS_OF, waivers=[waiver], strict=True)
    print(f"  ELIG-006 in strict mode: {strict.outcome_of('ELIG-006')}")
    later = check_eligibility(RECORD, as_of=date(2027, 2, 1), waivers=[waiver])
    print(f"  ELIG-006 after the waiver expires: {later.outcome_of('ELIG-006')}")
    critical = waiver.model_copy(update={"rule_id": "ELIG-007"})
    try:
        check_eligibility(RECORD, as_of=AS_OF, waivers=[critical])
    except InvalidInput as exc:
        for err in exc.errors:
            print(f"  refused: {err.path} [{err.type}]")


def refused_health_data() -> None:
    """A record carrying a diagnosis is refused: the programme does not collect one."""
    print()
    print("health data is refused:")
    record = {**RECORD, "diagnosis": "not something the programme collects"}
    try:
        check_eligibility(record, as_of=AS_OF)
    except InvalidInput as exc:
        for err in exc.errors:
            print(f"  InvalidInput: {err.path} [{err.type}]: {err.msg}")
    else:  # pragma: no cover - the library always refuses it
        raise SystemExit("a diagnosis was accepted")


def main() -> None:
    """Run the tour."""
    programme_summary()
    roster()
    one_record()
    waivers()
    refused_health_data()


if __name__ == "__main__":
    main()
