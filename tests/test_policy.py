from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

import peersupport as ps
from peersupport.io import load_policy

SOURCE_NUMBERS = {
    "team_size_min": 5,
    "team_size_max": 10,
    "invited_workers_min": 10,
    "invited_workers_max": 20,
    "educators_min": 3,
    "educators_max": 5,
    "class_size_min": 10,
    "class_size_max": 20,
    "group_size_soft_max": 10,
    "group_size_max": 15,
    "group_cadence_days": 7,
    "debrief_interval_months": 1,
    "on_call_tiers": 2,
    "retraining_interval_days": 183,
}


def test_defaults_come_from_the_sources() -> None:
    policy = ps.Policy()
    for field, value in SOURCE_NUMBERS.items():
        assert getattr(policy, field) == value, field
    assert policy.groups_in_work_hours_only is True


def test_every_field_is_documented_with_a_citation() -> None:
    for name, field in ps.Policy.model_fields.items():
        assert field.description, name
        extra = field.json_schema_extra
        assert isinstance(extra, dict), name
        citation = extra["citation"]
        assert isinstance(citation, str)
        source = citation.split(" §")[0]
        assert source in ps.SOURCES, name


def test_biannual_ambiguity_is_documented() -> None:
    description = ps.Policy.model_fields["retraining_interval_days"].description or ""
    assert "twice a year" in description
    assert "every two years" in description


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"team_size_min": 11}, "team_size_min"),
        ({"class_size_min": 30}, "class_size_min"),
        ({"group_size_soft_max": 16}, "group_size_soft_max"),
        ({"educators_min": 6}, "educators_min"),
        ({"invited_workers_min": 21}, "invited_workers_min"),
    ],
)
def test_min_above_max_is_refused_naming_the_field(data: dict[str, int], field: str) -> None:
    with pytest.raises(ps.InvalidInput, match=field):
        ps.Policy.from_mapping(data)


@pytest.mark.parametrize(
    "field", ["retraining_interval_days", "group_cadence_days", "debrief_interval_months"]
)
def test_non_positive_intervals_are_refused(field: str) -> None:
    with pytest.raises(ps.InvalidInput, match=rf"policy\.{field}"):
        ps.Policy.from_mapping({field: 0})


def test_work_hours_must_be_in_order() -> None:
    with pytest.raises(ps.InvalidInput, match="work_hours_start"):
        ps.Policy.from_mapping({"work_hours_start": "18:00", "work_hours_end": "09:00"})


def test_unknown_policy_field_is_refused() -> None:
    with pytest.raises(ps.InvalidInput, match=r"policy\.team_size: unknown field"):
        ps.Policy.from_mapping({"team_size": 4})


def test_digest_is_stable_and_sensitive() -> None:
    assert ps.Policy().digest == ps.DEFAULT_POLICY.digest
    assert ps.Policy(team_size_max=9).digest != ps.DEFAULT_POLICY.digest


def test_loads_from_yaml_toml_and_json_text() -> None:
    yaml_policy = ps.Policy.from_yaml("team_size_max: 8\nwork_hours_start: '08:00'\n")
    toml_policy = ps.Policy.from_toml('team_size_max = 8\nwork_hours_start = "08:00"\n')
    json_policy = ps.Policy.from_json('{"team_size_max": 8, "work_hours_start": "08:00"}')
    assert yaml_policy == toml_policy == json_policy
    assert yaml_policy.work_hours_start == time(8, 0)
    assert yaml_policy.digest == json_policy.digest


@pytest.mark.parametrize(
    ("loader", "text"),
    [
        (ps.Policy.from_yaml, "team_size_max: [1"),
        (ps.Policy.from_toml, "team_size_max = "),
        (ps.Policy.from_json, "{"),
        (ps.Policy.from_yaml, "- 1\n- 2\n"),
    ],
)
def test_malformed_text_raises_invalid_input(loader: object, text: str) -> None:
    assert callable(loader)
    with pytest.raises(ps.InvalidInput):
        loader(text)


@pytest.mark.parametrize("suffix", [".yaml", ".toml", ".json"])
def test_loads_from_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"policy{suffix}"
    if suffix == ".toml":
        path.write_text("team_size_max = 7\n")
    elif suffix == ".json":
        path.write_text(json.dumps({"team_size_max": 7}))
    else:
        path.write_text("policy:\n  team_size_max: 7\n")
    assert load_policy(path).team_size_max == 7


def test_policy_file_errors_carry_the_line(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("team_size_min: 5\nretraining_interval_days: -3\n")
    with pytest.raises(ps.InvalidInput) as info:
        load_policy(path)
    assert info.value.errors[0].line == 2
    assert "retraining_interval_days (line 2)" in str(info.value)


def test_a_policy_is_frozen() -> None:
    with pytest.raises(ValueError, match="frozen"):
        ps.DEFAULT_POLICY.team_size_max = 3  # type: ignore[misc]  # proving it is frozen


def test_check_accepts_a_policy_mapping() -> None:
    from factories import AS_OF, supporter  # noqa: PLC0415

    report = ps.check_eligibility(
        supporter(selection="hired"),
        {"allowed_selection": ["hired"]},
        as_of=AS_OF,
    )
    assert report.outcome_of("ELIG-005") is ps.Outcome.MET
    with pytest.raises(ps.InvalidInput, match=r"policy\.allowed_selection"):
        ps.check_eligibility(supporter(), {"allowed_selection": []}, as_of=AS_OF)
