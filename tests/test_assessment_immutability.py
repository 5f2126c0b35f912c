"""Results are immutable all the way down: nothing reachable from one can move its digest."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from peersupport.assessment import AssessmentResult, AuditReport, assess, audit, what_if
from peersupport.io import load_data, load_document

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def result() -> AssessmentResult:
    """Two raters who disagree, so there are ratings, items, gaps and rater gaps."""
    items = [f"SEVEN-{n:03d}" for n in range(1, 27)]
    answers = dict.fromkeys(items, "yes")
    return assess(
        "who-seven-components",
        [
            {"rater": "self", "rated_on": "2026-11-20", "answers": answers},
            {
                "rater": "supervisor",
                "rated_on": "2026-11-20",
                "answers": {**answers, "SEVEN-014": "no"},
            },
        ],
    )


@pytest.fixture(scope="module")
def report() -> AuditReport:
    document = load_document(ROOT / "examples" / "programme.yaml")
    responses = load_data(ROOT / "examples" / "audit_responses.yaml")[0]
    return audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)


# Every way a dict could be changed in place, as (method, arguments); "KEY" is an existing key.
_MUTATIONS: tuple[tuple[str, tuple[object, ...]], ...] = (
    ("__setitem__", ("KEY", "changed")),
    ("__setitem__", ("new-key", "changed")),
    ("__delitem__", ("KEY",)),
    ("update", ({"KEY": "changed"},)),
    ("pop", ("KEY",)),
    ("popitem", ()),
    ("setdefault", ("new-key", "changed")),
    ("clear", ()),
    ("__ior__", ({"new-key": "changed"},)),
)


def _assert_read_only(mapping: Any) -> None:
    writable: Any = mapping  # the type says read-only; try anyway
    assert isinstance(mapping, Mapping)
    assert not isinstance(mapping, dict)
    before = dict(mapping)
    key = next(iter(mapping), "new-key")
    for name, args in _MUTATIONS:
        with pytest.raises((TypeError, AttributeError)):
            getattr(writable, name)(*(key if a == "KEY" else a for a in args))
    with pytest.raises(TypeError):
        writable[key] = "changed"
    assert dict(mapping) == before


def _assert_sequence_read_only(sequence: Any) -> None:
    writable: Any = sequence  # as above
    assert type(sequence) is tuple
    with pytest.raises(AttributeError):
        writable.append("changed")
    with pytest.raises(TypeError):
        writable[0] = "changed"


def test_the_answers_in_an_assessment_result_are_read_only(result: AssessmentResult) -> None:
    digest, text = result.digest, result.to_json()
    assert result.gaps
    assert result.rater_gaps
    for mapping in (
        *(r.answers for r in result.ratings),
        *(i.answers for i in result.items),
        *(g.answers for g in result.gaps),
        *(g.answers for g in result.rater_gaps),
    ):
        _assert_read_only(mapping)
    assert result.digest == digest
    assert result.to_json() == text


def test_the_raters_share_no_mapping_between_item_gap_and_rater_gap(
    result: AssessmentResult,
) -> None:
    gap = result.rater_gaps[0]
    item = result.item(gap.item_id)
    assert gap.answers == item.answers == {"self": "yes", "supervisor": "no"}
    assert gap.answers is not item.answers


def test_the_grounds_of_an_audit_are_read_only_all_the_way_down(report: AuditReport) -> None:
    digest, text = report.digest, report.to_json()
    assert isinstance(report.grounds, tuple)
    for ground in report.grounds:
        _assert_read_only(ground)
        _assert_sequence_read_only(ground["citations"])
        _assert_read_only(ground["citations"][0])
        _assert_sequence_read_only(ground["recipients"])
    triggers = report.grounds[0]["triggers"]
    _assert_sequence_read_only(triggers)
    _assert_read_only(triggers[0])
    assert report.digest == digest
    assert report.to_json() == text


def test_the_evidence_of_prefills_and_disagreements_is_read_only(report: AuditReport) -> None:
    digest = report.digest
    assert report.prefills
    assert report.disagreements
    for prefill in report.prefills:
        _assert_read_only(prefill.evidence)
    for disagreement in report.disagreements:
        _assert_read_only(disagreement.evidence)
    roster = report.prefill_of("POL-022")
    assert roster is not None
    _assert_sequence_read_only(roster.evidence["gaps"])
    _assert_read_only(roster.evidence["gaps"][0])
    _assert_sequence_read_only(roster.evidence["gaps"][0]["reasons"])
    assert report.digest == digest


def test_the_counts_summary_and_assessments_of_an_audit_are_read_only(
    report: AuditReport,
) -> None:
    digest = report.digest
    _assert_read_only(report.counts)
    _assert_read_only(report.counts["findings"])
    _assert_read_only(report.summary)
    for assessment in report.assessments:
        for rating in assessment.ratings:
            _assert_read_only(rating.answers)
        for item in assessment.items:
            _assert_read_only(item.answers)
        for gap in assessment.gaps:
            _assert_read_only(gap.answers)
    assert report.digest == digest


def test_the_changes_of_a_what_if_are_read_only() -> None:
    change = what_if({"id": "prog", "invited_workers": 8}, as_of=AS_OF, invited_workers=25)
    _assert_read_only(change.changes)
    assert change.to_dict()["changes"] == {"invited_workers": 25}


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def test_to_dict_gives_plain_json_values_that_are_a_copy(
    result: AssessmentResult, report: AuditReport
) -> None:
    for subject in (result, report):
        out = subject.to_dict()
        assert _plain(out)
        json.dumps(out)  # no mapping or tuple the json module cannot write
    digest = report.digest
    out = report.to_dict()
    out["confidentiality_grounds"][0]["citations"].append({"source": "changed"})
    out["prefills"][0]["evidence"]["changed"] = True
    out["counts"]["findings"]["met"] = -1
    assert report.digest == digest


def test_the_read_only_values_read_like_the_plain_ones(report: AuditReport) -> None:
    ground = report.grounds[0]
    # A mapping compares equal to the dict with the same items; a list is now a tuple.
    assert ground["citations"][0] == {
        "source": "workplace-ptsd-program",
        "section": "Confidentiality",
    }
    assert ground["recipients"] == ("emergency_services", "mental_health_professional")
    assert ground.get("id") == "risk_to_life"
    assert "rule" in ground
    assert list(ground) == list(report.to_dict()["confidentiality_grounds"][0])
    assert report.counts["gaps"] == report.to_dict()["counts"]["gaps"]
    assert [a.value for a in report.summary] == list(report.to_dict()["summary"])


def test_a_result_still_pickles_and_copies(result: AssessmentResult, report: AuditReport) -> None:
    again = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own object, just written
    assert again == result
    assert again.digest == result.digest
    assert copy.deepcopy(report).digest == report.digest
    prefill = report.prefills[0]
    assert pickle.loads(pickle.dumps(prefill)) == prefill  # noqa: S301 - as above
