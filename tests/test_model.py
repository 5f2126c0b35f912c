from __future__ import annotations

from typing import Any

import pytest

import peersupport as ps
from peersupport.model import FORBIDDEN_KEYS

from factories import AS_OF, supporter

CANARY = "Zq7-CANARY-Xw"


@pytest.mark.parametrize(
    "key", ["diagnosis", "condition", "disorder", "medication", "treatment_history"]
)
def test_health_fields_are_refused_with_the_reason(key: str) -> None:
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_eligibility(supporter(**{key: "anything"}), as_of=AS_OF)
    (error,) = info.value.errors
    assert error.loc == (key,)
    assert error.type == "privacy_forbidden_field"
    assert "not collected" in error.msg
    assert "workplace-ptsd-program" in error.msg
    assert "anything" not in str(info.value)


def test_health_fields_are_refused_in_nested_records_and_any_case() -> None:
    data = supporter(trainings=[{"module": "x", "completed_on": "2026-01-01", "Medication": 1}])
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_eligibility(data, as_of=AS_OF)
    assert info.value.errors[0].loc == ("trainings", 0, "Medication")


def test_forbidden_keys_cover_the_obvious() -> None:
    assert {
        "diagnosis",
        "condition",
        "disorder",
        "medication",
        "treatment_history",
    } <= FORBIDDEN_KEYS
    schema = ps.Supporter.model_json_schema()
    assert FORBIDDEN_KEYS.isdisjoint(schema["properties"])


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ps.InvalidInput, match="favourite_colour: unknown field"):
        ps.check_eligibility(supporter(favourite_colour="blue"), as_of=AS_OF)


def test_every_error_is_reported_at_once_with_paths() -> None:
    data = supporter(
        started_on="soon",
        trainings=[{"module": "basic_peer_support", "completed_on": "31/01/2026"}],
        competencies=[{"competency": "juggling", "level": 9, "rater": "boss", "rated_on": "x"}],
    )
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_eligibility(data, as_of=AS_OF)
    paths = {e.path for e in info.value.errors}
    assert {
        "started_on",
        "trainings[0].completed_on",
        "competencies[0].competency",
        "competencies[0].level",
        "competencies[0].rater",
        "competencies[0].rated_on",
    } <= paths
    assert "trainings[0].completed_on: not a date" in str(info.value)


def test_models_are_frozen() -> None:
    model = ps.Supporter.model_validate(supporter())
    with pytest.raises(ValueError, match="frozen"):
        model.id = "other"  # type: ignore[misc]  # proving it is frozen


@pytest.mark.parametrize(
    "overrides",
    [
        {"display_name": CANARY},
        {"recovery": {"on_path": True, "description": CANARY}},
        {"self_care": {"has_plan": True, "resilience_strategies": True, "description": CANARY}},
        {
            "trainings": [
                {"module": "basic_peer_support", "completed_on": "2026-01-01", "provider": CANARY}
            ]
        },
    ],
)
def test_free_text_never_reaches_repr_or_reports(overrides: dict[str, Any]) -> None:
    data = supporter(**overrides)
    model = ps.Supporter.model_validate(data)
    assert CANARY not in repr(model)
    assert CANARY not in str(model)
    for report in (
        ps.check_eligibility(model, as_of=AS_OF),
        ps.check_training(model, as_of=AS_OF),
    ):
        for text in (repr(report), report.to_json(), report.to_markdown(), report._repr_html_()):
            assert CANARY not in text


def test_free_text_never_reaches_error_messages() -> None:
    with pytest.raises(ps.InvalidInput) as info:
        ps.check_eligibility(supporter(display_name=[CANARY], started_on="x"), as_of=AS_OF)
    assert CANARY not in str(info.value)
    assert CANARY not in repr(info.value.errors)
    with pytest.raises(ValueError) as raw:  # noqa: PT011 - pydantic's own error, direct use
        ps.Supporter.model_validate(supporter(display_name=[CANARY]))
    assert CANARY not in str(raw.value)


def test_id_must_be_an_identifier_not_a_sentence() -> None:
    with pytest.raises(ps.InvalidInput, match="id"):
        ps.check_eligibility(supporter(id="Jane Smith"), as_of=AS_OF)


def test_unknown_competency_is_refused() -> None:
    data = supporter(
        competencies=[{"competency": "nope", "level": 3, "rater": "self", "rated_on": "2026-01-01"}]
    )
    with pytest.raises(ps.InvalidInput, match=r"competencies\[0\]\.competency: not a competency"):
        ps.check_eligibility(data, as_of=AS_OF)


def test_non_mapping_input_is_refused() -> None:
    for value in (None, 3, "text", ["a"]):
        with pytest.raises(ps.InvalidInput, match="supporter"):
            ps.check_eligibility(value, as_of=AS_OF)  # type: ignore[arg-type]  # bad input on purpose


def test_who_roles_map_onto_the_framework() -> None:
    framework = ps.competencies()
    assert [r.role for r in framework.who_roles] == list(range(1, 13))
    for mapping in framework.who_roles:
        assert set(mapping.competencies) <= framework.competency_ids
    assert framework.domain_of("active_listening") == "interpersonal_skills"


def test_catalogue_has_the_core_and_additional_modules() -> None:
    ids = ps.training_modules().ids
    assert {
        "basic_peer_support",
        "family_peer_support",
        "crisis_management",
        "crisis_management_extensive",
        "suicide_prevention",
        "cultural_competency",
        "pfa_roles",
        "communication_skills",
        "crisis_intervention",
        "anti_stigma",
    } <= ids
    assert set(ps.DEFAULT_POLICY.mandatory_modules) <= ids
