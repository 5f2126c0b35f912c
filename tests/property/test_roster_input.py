"""Arbitrary JSON given to check_program either validates or raises InvalidInput."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peersupport as ps
from peersupport.checks.programme import check_program
from strategies_programme import programme, roster_dicts

from strategies import json_values

AS_OF = date(2026, 11, 23)
SECTIONS = [
    "models",
    "team",
    "groups",
    "education_sessions",
    "roster",
    "supervisors",
    "debriefs",
    "policies",
    "evaluation",
    "hiring",
    "conditions",
    "invited_workers",
    "launched_on",
]


def _validates_or_refuses(data: Any) -> None:
    errors: tuple[Any, ...] = ()
    try:
        report = check_program(data, as_of=AS_OF)
    except ps.InvalidInput as exc:
        errors = exc.errors
    else:
        assert report.findings
        return
    assert errors


@given(json_values())
def test_arbitrary_json_validates_or_is_refused(data: Any) -> None:
    _validates_or_refuses(data)


@given(st.sampled_from(SECTIONS), json_values())
def test_a_section_replaced_by_arbitrary_json_validates_or_is_refused(
    section: str, value: Any
) -> None:
    _validates_or_refuses({**programme(), section: value})


@given(roster_dicts())
def test_generated_rosters_check_without_error(roster: dict[str, Any]) -> None:
    report = check_program(programme(roster=roster), as_of=AS_OF)
    assert report.outcome_of("ROSTER-001") in {ps.Outcome.MET, ps.Outcome.NOT_MET}
    assert report.to_json() == check_program(programme(roster=roster), as_of=AS_OF).to_json()
