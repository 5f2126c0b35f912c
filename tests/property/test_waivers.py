"""Waivers mark findings, never hide them; they expire, strict mode ignores them, and
critical rules cannot be waived.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport import Outcome

from strategies import (
    CRITICAL_RULE_IDS,
    as_of_dates,
    policies,
    subject_ids,
    supporter_dicts,
    waiver_dicts,
)

Check = Callable[..., ps.Report]
CHECKS: tuple[Check, ...] = (ps.check_eligibility, ps.check_training)
WAIVABLE = {Outcome.NOT_MET, Outcome.NEEDS_REVIEW}


def _waivers_for(subject: str, **kwargs: Any) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Waivers that cover this subject, every subject, or someone else."""
    subjects = st.sampled_from((None, subject)) | subject_ids()
    return st.lists(waiver_dicts(subjects=subjects, **kwargs), max_size=5)


def _keys(report: ps.Report) -> Counter[tuple[str, str | None]]:
    return Counter((f.rule_id, f.subject) for f in report.findings)


def _covers(waiver: ps.Waiver, finding: ps.Finding, as_of: date) -> bool:
    return (
        waiver.rule_id == finding.rule_id
        and waiver.subject in (None, finding.subject)
        and waiver.expires >= as_of
    )


def _outcomes(report: ps.Report) -> list[tuple[str, str | None, Outcome]]:
    return [(f.rule_id, f.subject, f.outcome) for f in report.findings]


@given(st.data(), supporter_dicts(), as_of_dates(), st.none() | policies())
def test_a_finding_is_waived_exactly_when_a_current_waiver_covers_its_failure(
    data: st.DataObject, supporter: dict[str, Any], as_of: date, policy: ps.Policy | None
) -> None:
    raw = data.draw(_waivers_for(supporter["id"]), label="waivers")
    waivers = [ps.Waiver.model_validate(w) for w in raw]
    for check in CHECKS:
        plain = check(supporter, policy, as_of=as_of)
        waived = check(supporter, policy, as_of=as_of, waivers=raw)
        # Waived findings stay in the report: same rules, same subjects, same order.
        assert _keys(waived) == _keys(plain)
        assert [f.rule_id for f in waived.findings] == [f.rule_id for f in plain.findings]
        for before, after in zip(plain.findings, waived.findings, strict=True):
            assert after.severity is before.severity
            covered = any(_covers(w, before, as_of) for w in waivers)
            if after.outcome is Outcome.WAIVED:
                assert before.outcome in WAIVABLE
                assert covered
                assert after.waived_from is before.outcome
                assert after.waiver is not None
                assert _covers(after.waiver, before, as_of)
                assert after.to_dict()["waived_from"] == before.outcome.value
            else:
                assert after.outcome is before.outcome
                assert not (covered and before.outcome in WAIVABLE)
        # Waivers never make a passing report fail.
        assert waived.passed >= plain.passed
        assert waived.summary["total"] == plain.summary["total"]


@given(st.data(), supporter_dicts(), as_of_dates(), st.none() | policies())
def test_an_expired_waiver_changes_nothing(
    data: st.DataObject, supporter: dict[str, Any], as_of: date, policy: ps.Policy | None
) -> None:
    expired = st.integers(1, 800).map(lambda n: as_of - timedelta(days=n))
    raw = data.draw(_waivers_for(supporter["id"], expires=expired), label="expired waivers")
    for check in CHECKS:
        plain = check(supporter, policy, as_of=as_of)
        waived = check(supporter, policy, as_of=as_of, waivers=raw)
        assert _outcomes(waived) == _outcomes(plain)
        assert [f.to_dict() for f in waived.findings] == [f.to_dict() for f in plain.findings]
        assert waived.passed == plain.passed


@given(st.data(), supporter_dicts(), as_of_dates(), st.none() | policies())
def test_strict_mode_gives_the_outcomes_of_no_waivers(
    data: st.DataObject, supporter: dict[str, Any], as_of: date, policy: ps.Policy | None
) -> None:
    raw = data.draw(_waivers_for(supporter["id"]), label="waivers")
    for check in CHECKS:
        plain = check(supporter, policy, as_of=as_of, strict=True)
        strict = check(supporter, policy, as_of=as_of, waivers=raw, strict=True)
        assert _outcomes(strict) == _outcomes(check(supporter, policy, as_of=as_of))
        assert _outcomes(strict) == _outcomes(plain)
        assert strict.passed == plain.passed
        assert strict.strict


@given(
    data=st.data(),
    supporter=supporter_dicts(),
    rule_id=st.sampled_from(CRITICAL_RULE_IDS),
    as_of=as_of_dates(),
    strict=st.booleans(),
    position=st.integers(0, 5),
)
def test_a_waiver_of_a_critical_rule_is_refused_with_or_without_strict(
    *,
    data: st.DataObject,
    supporter: dict[str, Any],
    rule_id: str,
    as_of: date,
    strict: bool,
    position: int,
) -> None:
    others = data.draw(_waivers_for(supporter["id"]), label="other waivers")
    critical = data.draw(
        waiver_dicts(rule_ids=st.just(rule_id), subjects=st.sampled_from((None, supporter["id"]))),
        label="critical waiver",
    )
    waivers: Sequence[Any] = [*others[:position], critical, *others[position:]]
    for check in (*CHECKS, ps.check_supporters):
        subject = [supporter] if check is ps.check_supporters else supporter
        with pytest.raises(ps.InvalidInput) as info:
            check(subject, as_of=as_of, waivers=waivers, strict=strict)
        index = min(position, len(others))
        assert any(
            e.type == "critical_not_waivable" and e.loc == ("waivers", index, "rule_id")
            for e in info.value.errors
        )


def test_the_critical_rules_are_the_ones_the_registry_names() -> None:
    # The property above is only as strong as this list is complete.
    assert CRITICAL_RULE_IDS
    assert set(CRITICAL_RULE_IDS) == {
        r.id for r in ps.rules() if r.severity is ps.Severity.CRITICAL
    }


@given(
    st.data(), st.lists(supporter_dicts(), max_size=3, unique_by=lambda d: d["id"]), as_of_dates()
)
def test_waivers_across_several_supporters_keep_every_finding(
    data: st.DataObject, supporters: list[dict[str, Any]], as_of: date
) -> None:
    ids = [s["id"] for s in supporters]
    subjects = st.sampled_from([None, *ids]) | subject_ids()
    raw = data.draw(st.lists(waiver_dicts(subjects=subjects), max_size=5), label="waivers")
    plain = ps.check_supporters(supporters, as_of=as_of)
    waived = ps.check_supporters(supporters, as_of=as_of, waivers=raw)
    assert _keys(waived) == _keys(plain)
    assert waived.passed >= plain.passed
    for before, after in zip(plain.findings, waived.findings, strict=True):
        if after.outcome is not before.outcome:
            assert after.outcome is Outcome.WAIVED
            assert before.outcome in WAIVABLE
