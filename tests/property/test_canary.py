"""A canary in any name or free-text field never shows in a repr, a message or a report."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import peersupport as ps
from peersupport.engine import coerce_waivers
from peersupport.render import FORMATS, render

from strategies import (
    CANARY,
    CRITICAL_RULE_IDS,
    as_of_dates,
    bad_dates,
    canary_texts,
    supporter_dicts,
    training_records,
    waiver_dicts,
)

# The canary as it would look in a repr, in ASCII-escaped JSON and in HTML.
NEEDLES = (CANARY, json.dumps(CANARY)[1:-1], json.dumps(CANARY, ensure_ascii=False)[1:-1])
FREE_TEXT_FIELDS = (
    "display_name",
    "recovery.description",
    "self_care.description",
    "trainings.provider",
)


def assert_no_canary(texts: Iterable[str]) -> None:
    for text in texts:
        for needle in NEEDLES:
            assert needle not in text


def _place(data: dict[str, Any], field: str, value: Any) -> None:
    """Put ``value`` in one free-text field of a supporter mapping, creating the parent."""
    if field == "trainings.provider":
        records = list(data.get("trainings") or [])
        if not records:
            records = [{"module": "basic_peer_support", "completed_on": "2025-06-01"}]
        records[0] = {**records[0], "provider": value}
        data["trainings"] = records
    elif "." in field:
        parent, child = field.split(".")
        data[parent] = {**(data.get(parent) or {}), child: value}
    else:
        data[field] = value


@st.composite
def canary_supporters(draw: st.DrawFn) -> dict[str, Any]:
    """A valid supporter with the canary in one or more of its free-text fields."""
    data = draw(supporter_dicts())
    fields = draw(st.sets(st.sampled_from(FREE_TEXT_FIELDS), min_size=1))
    for field in sorted(fields):
        _place(data, field, draw(canary_texts()))
    if draw(st.booleans()):
        # Every training record, not just the first, may name a provider.
        extra = draw(st.lists(training_records(providers=canary_texts()), min_size=1, max_size=3))
        data["trainings"] = [*data.get("trainings", []), *extra]
    return data


def canary_waivers(subject: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Valid waivers whose justification and approver carry the canary."""
    return st.lists(
        waiver_dicts(
            subjects=st.sampled_from((None, subject)),
            justifications=canary_texts(),
            approvers=canary_texts(),
        ),
        max_size=3,
    )


def _report_texts(report: ps.Report) -> Iterator[str]:
    yield repr(report)
    yield str(report)
    yield report.to_json()
    yield json.dumps(report.to_dict())
    yield report.to_markdown()
    yield report._repr_html_()
    for fmt in FORMATS:
        yield render(report, fmt)
    for finding in report.findings:
        yield repr(finding)
        yield str(finding)
        yield finding.message
        yield json.dumps(finding.to_dict())
    for waiver in report.waivers:
        yield repr(waiver)
        yield str(waiver)
        yield json.dumps(waiver.to_dict())


def _model_texts(model: ps.Supporter) -> Iterator[str]:
    for part in (model, model.recovery, model.self_care, *model.trainings):
        yield repr(part)
        yield str(part)


def _error_texts(exc: BaseException) -> Iterator[str]:
    """What a log shows of an exception: its message, repr and the chain it displays."""
    current: BaseException | None = exc
    while current is not None:
        yield str(current)
        yield repr(current)
        yield from (str(a) for a in current.args)
        details = getattr(current, "errors", ())
        if isinstance(details, tuple):  # InvalidInput's structured errors
            for detail in details:
                yield str(detail)
                yield repr(detail)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


@given(st.data(), canary_supporters(), as_of_dates(), st.booleans())
def test_the_canary_never_appears_in_models_or_reports(
    data: st.DataObject, supporter: dict[str, Any], as_of: date, strict: bool
) -> None:
    waivers = data.draw(canary_waivers(supporter["id"]), label="waivers")
    model = ps.Supporter.model_validate(supporter)
    texts = list(_model_texts(model))
    for waiver in coerce_waivers(waivers):
        texts += [repr(waiver), str(waiver)]
    reports: list[ps.Report] = [
        ps.check_eligibility(supporter, as_of=as_of, waivers=waivers, strict=strict),
        ps.check_training(model, as_of=as_of, waivers=waivers, strict=strict),
        ps.check_supporters([supporter], as_of=as_of, waivers=waivers, strict=strict),
    ]
    for report in reports:
        texts += _report_texts(report)
    assert_no_canary(texts)
    # The canary is really there: the model keeps it, and reports quote waivers when asked.
    assert CANARY in json.dumps(model.model_dump(mode="json"), ensure_ascii=False)
    if waivers:
        assert CANARY in reports[0].to_json(include_text=True)


@st.composite
def canary_with_a_bad_date(draw: st.DrawFn) -> dict[str, Any]:
    """A canary supporter with one date field that is not a date."""
    data = draw(canary_supporters())
    bad = draw(bad_dates())
    where = draw(
        st.sampled_from(
            (
                "started_on",
                "debriefs_attended",
                "self_care.reviewed_on",
                "trainings.completed_on",
                "competencies.rated_on",
            )
        )
    )
    if where == "started_on":
        data["started_on"] = bad
    elif where == "debriefs_attended":
        data["debriefs_attended"] = [*data.get("debriefs_attended", []), bad]
    elif where == "self_care.reviewed_on":
        data["self_care"] = {**(data.get("self_care") or {}), "reviewed_on": bad}
    elif where == "trainings.completed_on":
        data["trainings"] = [
            *data.get("trainings", []),
            {"module": "crisis_management", "completed_on": bad, "provider": CANARY},
        ]
    else:
        data["competencies"] = [
            *data.get("competencies", []),
            {"competency": "active_listening", "level": 3, "rater": "self", "rated_on": bad},
        ]
    return data


@given(canary_with_a_bad_date(), as_of_dates())
def test_the_canary_never_appears_in_an_error_about_another_field(
    supporter: dict[str, Any], as_of: date
) -> None:
    for check in (ps.check_eligibility, ps.check_training):
        with pytest.raises(ps.InvalidInput) as info:
            check(supporter, as_of=as_of)
        assert_no_canary(_error_texts(info.value))
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_supporters([supporter], as_of=as_of)
    assert_no_canary(_error_texts(info.value))
    # The model's own validation error (pydantic's) hides the input too.
    with pytest.raises(ValidationError) as raw:
        ps.Supporter.model_validate(supporter)
    assert_no_canary(_error_texts(raw.value))


def _wrong_types(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """The canary where a string belongs, but not as a string."""
    return st.one_of(
        text.map(lambda t: [t]),
        text.map(lambda t: [[t], 1]),
        text.map(lambda t: {"text": t}),
        text.map(lambda t: {"first": t, "last": [t]}),
    )


@given(
    supporter_dicts(),
    st.sampled_from(FREE_TEXT_FIELDS),
    _wrong_types(canary_texts()),
    as_of_dates(),
)
def test_the_canary_never_appears_in_an_error_about_its_own_type(
    supporter: dict[str, Any], field: str, value: Any, as_of: date
) -> None:
    _place(supporter, field, value)
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_eligibility(supporter, as_of=as_of)
    assert info.value.errors
    assert_no_canary(_error_texts(info.value))
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_supporters([supporter], as_of=as_of)
    assert_no_canary(_error_texts(info.value))


@given(
    supporter_dicts(),
    st.sampled_from(("justification", "approved_by")),
    canary_texts() | _wrong_types(canary_texts()),
    bad_dates(),
    as_of_dates(),
)
def test_the_canary_never_appears_in_an_error_about_a_waiver(
    supporter: dict[str, Any], field: str, text: Any, bad: Any, as_of: date
) -> None:
    waiver = {
        "rule_id": "ELIG-001",
        "justification": CANARY,
        "approved_by": CANARY,
        "expires": bad,
        field: text,
    }
    for check in (ps.check_eligibility, ps.check_training):
        with pytest.raises(ps.InvalidInput) as info:
            check(supporter, as_of=as_of, waivers=[waiver])
        assert_no_canary(_error_texts(info.value))
    with pytest.raises(ps.InvalidInput) as info:
        coerce_waivers([waiver])
    assert_no_canary(_error_texts(info.value))


@given(
    supporter=supporter_dicts(),
    others=st.lists(
        waiver_dicts(justifications=canary_texts(), approvers=canary_texts()), max_size=2
    ),
    rule_id=st.sampled_from(CRITICAL_RULE_IDS),
    text=canary_texts(),
    as_of=as_of_dates(),
    strict=st.booleans(),
)
def test_the_canary_never_appears_in_the_refusal_of_a_critical_waiver(
    *,
    supporter: dict[str, Any],
    others: list[dict[str, Any]],
    rule_id: str,
    text: str,
    as_of: date,
    strict: bool,
) -> None:
    waiver = {
        "rule_id": rule_id,
        "justification": text,
        "approved_by": text,
        "expires": "2030-01-01",
    }
    for check in (ps.check_eligibility, ps.check_training):
        with pytest.raises(ps.InvalidInput) as info:
            check(supporter, as_of=as_of, waivers=[*others, waiver], strict=strict)
        assert_no_canary(_error_texts(info.value))
