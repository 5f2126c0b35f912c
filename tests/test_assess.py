"""Scoring a self-assessment: missing kept missing, coverage, ranked gaps, raters, trends."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest

from peersupport import InvalidInput
from peersupport.assessment import (
    AssessmentResult,
    Rater,
    Trend,
    assess,
    assessment_result_schema,
    compare,
    instrument,
)

SEVEN = instrument("who-seven-components")
PLAN = instrument("training-planning")
DAY = date(2026, 11, 20)


def _answers(inst: Any = SEVEN, default: str = "yes", **overrides: str) -> dict[str, Any]:
    answers = {i.id: default for i in inst.items}
    answers.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return answers


def _set(answers: dict[str, Any], rater: str = "auditor", **extra: Any) -> dict[str, Any]:
    return {"rater": rater, "rated_on": DAY.isoformat(), "answers": answers, **extra}


def test_all_yes_scores_full_marks_with_full_coverage() -> None:
    result = assess("who-seven-components", _set(_answers()))
    assert result.overall.percent == 100.0
    assert result.overall.coverage == 1.0
    assert result.overall.max_score == SEVEN.possible
    assert result.gaps == ()


def test_dont_know_and_not_applicable_are_kept_missing_never_scored() -> None:
    answers = _answers(SEVEN_001="dont_know", SEVEN_002="not_applicable", SEVEN_003="no")
    result = assess(SEVEN, _set(answers))
    timing = result.section("timing")
    assert (timing.answered, timing.dont_know, timing.not_applicable) == (0, 1, 1)
    assert timing.percent is None
    assert timing.max_score == 0
    assert result.item("SEVEN-001").fraction is None
    assert result.item("SEVEN-001").missing == "dont_know"
    assert result.item("SEVEN-002").missing == "not_applicable"
    # The maximum comes from the items answered, not a constant.
    weights = {i.id: i.weight for i in SEVEN.items}
    assert result.overall.max_score == SEVEN.possible - weights["SEVEN-001"] - weights["SEVEN-002"]
    assert result.overall.possible == SEVEN.possible


def test_a_missing_answer_does_not_lower_the_score_of_the_rest() -> None:
    full = assess(SEVEN, _set(_answers()))
    unknown = assess(SEVEN, _set(_answers(SEVEN_011="dont_know")))
    assert unknown.overall.percent == full.overall.percent == 100.0
    assert unknown.overall.coverage < full.overall.coverage


def test_partly_earns_half_and_no_earns_nothing() -> None:
    result = assess(SEVEN, _set(_answers(SEVEN_001="partly", SEVEN_002="no")))
    assert result.item("SEVEN-001").fraction == 0.5
    assert result.item("SEVEN-002").points == 0.0
    timing = result.section("timing")
    assert timing.score == pytest.approx(0.5 * 3)
    assert timing.max_score == 5


def test_a_one_to_five_scale_scores_from_zero_to_one() -> None:
    answers = _answers(PLAN, "5", TPLAN_001="1", TPLAN_002="3")
    result = assess(PLAN, _set(answers))
    assert result.item("TPLAN-001").fraction == 0.0
    assert result.item("TPLAN-002").fraction == 0.5
    assert result.item("TPLAN-003").fraction == 1.0


def test_gaps_are_ranked_by_weight_and_shortfall_with_recommendation_and_citation() -> None:
    # SEVEN-001 weight 3 partly (1.5); SEVEN-002 weight 2 no (2.0); SEVEN-007 weight 1 no (1.0).
    answers = _answers(SEVEN_001="partly", SEVEN_002="no", SEVEN_007="no")
    gaps = assess(SEVEN, _set(answers)).gaps
    assert [g.item_id for g in gaps] == ["SEVEN-002", "SEVEN-001", "SEVEN-007"]
    assert [g.priority for g in gaps] == [2.0, 1.5, 1.0]
    assert gaps[0].recommendation == SEVEN.item("SEVEN-002").recommendation
    assert str(gaps[0].citation).startswith("who-qualityrights-one-to-one §12")


def test_yaml_booleans_read_as_yes_and_no() -> None:
    result = assess(SEVEN, _set({**_answers(), "SEVEN-001": False, "SEVEN-002": True}))
    assert result.item("SEVEN-001").answers == {"auditor": "no"}
    assert result.item("SEVEN-002").answers == {"auditor": "yes"}


def test_an_unknown_item_id_is_invalid_input_naming_the_item() -> None:
    with pytest.raises(InvalidInput, match="SEVEN-999") as caught:
        assess(SEVEN, _set({**_answers(), "SEVEN-999": "yes"}))
    assert caught.value.errors[0].type == "unknown_item"


def test_a_missing_item_is_invalid_input_naming_the_item() -> None:
    answers = _answers()
    del answers["SEVEN-010"]
    with pytest.raises(InvalidInput, match="SEVEN-010") as caught:
        assess(SEVEN, _set(answers))
    assert caught.value.errors[0].loc == ("responses", "answers", "SEVEN-010")


def test_an_answer_off_the_scale_is_invalid_input_naming_the_item() -> None:
    with pytest.raises(InvalidInput, match="TPLAN-004: must be one of 5, 4, 3, 2, 1"):
        assess(PLAN, _set(_answers(PLAN, "5", TPLAN_004="6")))


def test_an_off_scale_value_is_not_quoted_in_the_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        assess(SEVEN, _set(_answers(SEVEN_004="my colleague Sam says no")))
    assert "Sam" not in str(caught.value)


def test_every_bad_item_is_reported_at_once() -> None:
    answers = _answers(SEVEN_001="maybe")
    del answers["SEVEN-002"]
    with pytest.raises(InvalidInput) as caught:
        assess(SEVEN, _set(answers))
    assert {e.loc[-1] for e in caught.value.errors} == {"SEVEN-001", "SEVEN-002"}


def test_responses_for_another_instrument_are_refused() -> None:
    with pytest.raises(InvalidInput, match="not who-seven-components"):
        assess(SEVEN, _set(_answers(), instrument="training-planning"))


def test_several_raters_show_the_gap_between_them_as_a_signal() -> None:
    self_rating = _set(_answers(), rater="self")
    supervisor = _set(_answers(SEVEN_014="no", SEVEN_015="partly"), rater="supervisor")
    result = assess(SEVEN, [self_rating, supervisor])
    assert result.raters == (Rater.SELF, Rater.SUPERVISOR)
    assert result.rater is None
    assert [g.item_id for g in result.rater_gaps] == ["SEVEN-014", "SEVEN-015"]
    assert result.rater_gaps[0].answers == {"self": "yes", "supervisor": "no"}
    assert result.rater_gaps[0].spread == 1.0
    # The combined score averages the raters: yes and no make half.
    assert result.item("SEVEN-014").fraction == 0.5


def test_two_raters_of_one_kind_are_told_apart() -> None:
    result = assess(SEVEN, [_set(_answers(), rater="peer"), _set(_answers(), rater="peer")])
    assert set(result.item("SEVEN-001").answers) == {"peer", "peer-2"}


def test_agreeing_raters_give_no_rater_gap() -> None:
    result = assess(SEVEN, [_set(_answers(), rater="self"), _set(_answers(), rater="peer")])
    assert result.rater_gaps == ()


def test_a_result_is_immutable_and_carries_rater_date_version_and_digest() -> None:
    result = assess(SEVEN, _set(_answers(), rater="supervisor"))
    assert result.rater is Rater.SUPERVISOR
    assert result.rated_on == DAY
    assert result.instrument_version == SEVEN.version
    assert result.digest.startswith("sha256:")
    assert result.input_digest.startswith("sha256:")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.title = "changed"  # type: ignore[misc]  # testing that it is frozen


def test_the_same_responses_give_byte_identical_json() -> None:
    a = assess(SEVEN, _set(_answers(SEVEN_003="partly")))
    b = assess(SEVEN, _set(dict(reversed(list(_answers(SEVEN_003="partly").items())))))
    assert a.to_json() == b.to_json()
    assert a.digest == b.digest


def test_answers_without_a_date_take_as_of() -> None:
    result = assess(SEVEN, {"answers": _answers()}, as_of=date(2026, 1, 2))
    assert result.rated_on == date(2026, 1, 2)
    assert result.rater is Rater.AUDITOR


def test_compare_shows_the_trend_between_two_assessments() -> None:
    before = assess(
        SEVEN, _set(_answers(SEVEN_001="no", SEVEN_008="partly", SEVEN_011="dont_know"))
    )
    after = assess(SEVEN, _set(_answers(SEVEN_008="no", SEVEN_011="yes")))
    trend = compare(before, after)
    changed = {c.item_id: c.trend for c in trend.changed}
    assert changed == {
        "SEVEN-001": Trend.IMPROVED,
        "SEVEN-008": Trend.WORSENED,
        "SEVEN-011": Trend.NOT_COMPARABLE,
    }
    assert trend.closed_gaps == ("SEVEN-001",)
    assert trend.new_gaps == ()
    timing = next(s for s in trend.sections if s.id == "timing")
    assert timing.trend is Trend.IMPROVED
    assert timing.delta is not None
    assert timing.delta > 0
    assert json.loads(trend.to_json())["instrument_id"] == "who-seven-components"


def test_compare_refuses_two_instruments() -> None:
    a = assess(SEVEN, _set(_answers()))
    b = assess(PLAN, _set(_answers(PLAN, "3")))
    with pytest.raises(InvalidInput, match="one instrument"):
        compare(a, b)


def test_the_json_matches_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = assess(SEVEN, [_set(_answers(SEVEN_001="no"), rater="self"), _set(_answers())])
    jsonschema.validate(json.loads(result.to_json()), assessment_result_schema())


def test_notebook_views_show_the_scores() -> None:
    result = assess(SEVEN, _set(_answers(SEVEN_001="no")))
    assert "Top gaps" in result._repr_html_()
    assert "SEVEN-001" in result.to_markdown()
    frame = result.to_frame()
    assert len(frame) == len(SEVEN.items)
    assert frame.loc[frame.item_id == "SEVEN-001", "fraction"].iloc[0] == 0.0


def test_the_result_type_is_the_documented_one() -> None:
    assert isinstance(assess(SEVEN, _set(_answers())), AssessmentResult)
