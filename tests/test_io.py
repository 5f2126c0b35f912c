from __future__ import annotations

import json
from pathlib import Path

import pytest

import peersupport as ps
from peersupport.io import load_data, load_document


def test_loads_a_yaml_programme(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("organisation: Acme\nsupporters:\n  - id: ps-001\n  - id: ps-002\n")
    document = load_document(path)
    assert [s.id for s in document.supporters] == ["ps-001", "ps-002"]
    assert document.policy is None
    assert document.waivers == ()


def test_an_inline_policy_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("policy:\n  team_size_min: 12\nsupporters: []\n")
    with pytest.raises(ps.InvalidInput) as info:
        load_document(path)
    assert "team_size_min (12) must not exceed team_size_max (10)" in str(info.value)
    assert info.value.errors[0].line == 1


def test_an_empty_file_is_an_empty_programme(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("")
    assert load_document(path).supporters == ()


def test_a_non_mapping_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps([1, 2]))
    with pytest.raises(ps.InvalidInput, match="not a mapping"):
        load_document(path)


def test_unknown_top_level_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("supporters: []\nsupporterz: []\n")
    with pytest.raises(ps.InvalidInput, match=r"supporterz \(line 2\): unknown field"):
        load_document(path)


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ps.InvalidInput, match="not UTF-8"):
        load_document(path)


def test_line_map_points_at_nested_items(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("supporters:\n  - id: a\n    trainings:\n      - module: x\n")
    _, lines = load_data(path)
    assert lines[("supporters", 0, "trainings", 0, "module")] == 4
    assert lines[("supporters", 0)] == 2


def test_toml_documents_load(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[[supporters]]\nid = "ps-001"\n')
    assert load_document(path).supporters[0].id == "ps-001"


def test_yaml_reads_only_true_and_false_as_booleans(tmp_path: Path) -> None:
    from peersupport import _yaml  # noqa: PLC0415

    assert _yaml.load("x: {on: 1, yes: 2}\ny: true\nz: no\n") == {
        "x": {"on": 1, "yes": 2},
        "y": True,
        "z": "no",
    }
    path = tmp_path / "p.yaml"
    path.write_text("supporters:\n  - id: ps-001\n    aware_of_stress_limits: yes\n")
    assert load_document(path).supporters[0].aware_of_stress_limits is True


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("supporters: []\nsupporters: []\n")
    with pytest.raises(ps.InvalidInput, match="given twice"):
        load_document(path)
