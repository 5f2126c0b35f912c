"""Every report is internally consistent, whatever the input."""

from __future__ import annotations

import json
import pickle
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport import Outcome
from peersupport.checks.training import training_needs

from strategies import as_of_dates, policies, subject_ids, supporter_dicts, waiver_dicts


def _assert_consistent(report: ps.Report) -> None:
    summary = report.summary
    n = len(report.findings)
    assert summary["total"] == n
    assert sum(summary["by_outcome"].values()) == n
    assert sum(sum(by.values()) for by in summary["by_severity"].values()) == n
    for outcome in Outcome:
        assert summary["by_outcome"][outcome.value] == sum(
            f.outcome is outcome for f in report.findings
        )
    blocking = any(
        f.outcome is Outcome.NOT_MET and f.severity in {ps.Severity.REQUIRED, ps.Severity.CRITICAL}
        for f in report.findings
    )
    assert report.passed is (not blocking)
    assert report.failures == tuple(f for f in report.findings if f.is_failure)
    for include_text in (False, True):
        assert json.loads(report.to_json(include_text=include_text)) == report.to_dict(
            include_text=include_text
        )
    assert report.to_json() == json.dumps(
        report.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _waivers(subjects: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(
        waiver_dicts(subjects=st.sampled_from([None, *subjects]) | subject_ids()), max_size=4
    )


@given(st.data(), supporter_dicts(), as_of_dates(), st.none() | policies(), st.booleans())
def test_a_single_supporter_report_is_consistent(
    data: st.DataObject,
    supporter: dict[str, Any],
    as_of: date,
    policy: ps.Policy | None,
    strict: bool,
) -> None:
    waivers = data.draw(_waivers([supporter["id"]]), label="waivers")
    for check in (ps.check_eligibility, ps.check_training):
        report = check(supporter, policy, as_of=as_of, waivers=waivers, strict=strict)
        _assert_consistent(report)
        assert report.as_of == as_of
        assert {f.subject for f in report.findings} == {supporter["id"]}


@given(
    st.data(),
    st.lists(supporter_dicts(), max_size=4, unique_by=lambda d: d["id"]),
    as_of_dates(),
    st.none() | policies(),
    st.booleans(),
)
def test_a_report_on_several_supporters_is_consistent(
    data: st.DataObject,
    supporters: list[dict[str, Any]],
    as_of: date,
    policy: ps.Policy | None,
    strict: bool,
) -> None:
    ids = [s["id"] for s in supporters]
    waivers = data.draw(_waivers(ids), label="waivers")
    report = ps.check_supporters(supporters, policy, as_of=as_of, waivers=waivers, strict=strict)
    _assert_consistent(report)
    assert report.subjects == tuple(ids)
    # The combined report holds exactly the findings of the single checks, in order.
    singles = [
        f
        for s in supporters
        for check in (ps.check_eligibility, ps.check_training)
        for f in check(s, policy, as_of=as_of, waivers=waivers, strict=strict).findings
    ]
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in singles]
    assert report.passed is all(
        check(s, policy, as_of=as_of, waivers=waivers, strict=strict).passed
        for s in supporters
        for check in (ps.check_eligibility, ps.check_training)
    )


def _eager_twin(report: ps.Report) -> ps.Report:
    """The same report built from finished findings, as a host or a merge would build one."""
    fields: dict[str, Any] = {
        "findings": tuple(report.findings),
        "ruleset_version": report.ruleset_version,
        "policy_digest": report.policy_digest,
        "input_digest": report.input_digest,
        "as_of": report.as_of,
        "waivers": report.waivers,
        "strict": report.strict,
    }
    if isinstance(report, ps.TrainingReport):
        return ps.TrainingReport(training_needs=report.training_needs, **fields)
    return ps.Report(**fields)


@given(supporter_dicts(), as_of_dates(), st.none() | policies())
def test_a_report_read_lazily_is_the_report_built_eagerly(
    supporter: dict[str, Any], as_of: date, policy: ps.Policy | None
) -> None:
    # A check keeps the rules' results and makes findings (and training needs) when read:
    # whichever is read first, the answers are those of the finished findings.
    for check in (ps.check_eligibility, ps.check_training):
        lazy = check(supporter, policy, as_of=as_of)
        passed_first = lazy.passed  # from the results: no finding made yet
        assert "findings" not in vars(lazy)
        again = check(supporter, policy, as_of=as_of)
        twin = _eager_twin(again)
        assert passed_first is twin.passed
        assert lazy == twin
        assert twin == lazy
        assert hash(lazy) == hash(twin)
        assert lazy.to_json() == twin.to_json()
        assert lazy.digest == twin.digest
        dumped = pickle.dumps(check(supporter, policy, as_of=as_of))
        restored = pickle.loads(dumped)  # noqa: S301 - our own object, just dumped
        assert restored == twin
    training = ps.check_training(supporter, policy, as_of=as_of)
    model = ps.Supporter.model_validate(supporter)
    needs = training_needs(model, policy or ps.DEFAULT_POLICY, as_of)
    assert training.training_needs == needs
