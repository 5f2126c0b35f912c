"""The shared strategies reach every outcome of every rule, so the properties are not vacuous."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import Phase, event, given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport import Outcome

from strategies import as_of_dates, supporter_dicts, waiver_dicts

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
# What each rule can conclude about a supporter (waived comes from waivers, not the data).
REACHABLE: dict[str, set[Outcome]] = {
    "ELIG-001": {MET, NOT_MET, REVIEW},
    "ELIG-002": {MET, NOT_MET, REVIEW},
    "ELIG-003": {MET, NOT_MET, REVIEW},
    "ELIG-004": {MET, NOT_MET, REVIEW},
    "ELIG-005": {MET, NOT_MET, REVIEW},
    "ELIG-006": {MET, REVIEW},
    "ELIG-007": {MET, NOT_MET, NA},
    "ELIG-008": {MET, NOT_MET, NA},
    "TRAIN-001": {MET, NOT_MET, NA},
    "TRAIN-002": {MET, NOT_MET, NA},
    "TRAIN-003": {MET, NOT_MET, NA},
    "TRAIN-004": {MET, NOT_MET, NA, REVIEW},
}


def test_every_supporter_rule_is_listed() -> None:
    supporter_rules = {r.id for concept in ("eligibility", "training") for r in ps.rules(concept)}
    assert set(REACHABLE) == supporter_rules


def test_valid_supporters_reach_every_outcome_of_every_rule() -> None:
    seen: dict[str, set[Outcome]] = {rule_id: set() for rule_id in REACHABLE}

    # Generation only and derandomised: a fixed sample, so the tally cannot flake.
    @settings(max_examples=300, phases=[Phase.generate], derandomize=True, database=None)
    @given(supporter_dicts(), as_of_dates())
    def tally(supporter: dict[str, Any], as_of: date) -> None:
        for check in (ps.check_eligibility, ps.check_training):
            for finding in check(supporter, as_of=as_of).findings:
                seen[finding.rule_id].add(finding.outcome)
                event(f"{finding.rule_id}: {finding.outcome.value}")

    tally()
    assert seen == REACHABLE


def test_generated_waivers_both_apply_and_lapse() -> None:
    seen: set[str] = set()

    @settings(max_examples=200, phases=[Phase.generate], derandomize=True, database=None)
    @given(supporter_dicts(), as_of_dates(), st.data())
    def tally(supporter: dict[str, Any], as_of: date, data: st.DataObject) -> None:
        subjects = st.sampled_from((None, supporter["id"]))
        waivers = data.draw(st.lists(waiver_dicts(subjects=subjects), max_size=4))
        report = ps.check_eligibility(supporter, as_of=as_of, waivers=waivers)
        if any(f.outcome is Outcome.WAIVED for f in report.findings):
            seen.add("waived")
        if any(date.fromisoformat(w["expires"]) < as_of for w in waivers):
            seen.add("expired")
        if any(date.fromisoformat(w["expires"]) >= as_of for w in waivers):
            seen.add("current")

    tally()
    assert seen == {"waived", "expired", "current"}
