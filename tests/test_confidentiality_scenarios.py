"""The scenario table: expected action, steps and recipients for cases across every pack."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from peersupport.checks.confidentiality import decide_confidentiality
from peersupport.model.disclosure import PackId

TABLE = Path(__file__).parent / "data" / "confidentiality_scenarios.yaml"
DATA: dict[str, Any] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
AS_OF: date = DATA["as_of"]
STEP_SETS: dict[str, list[str]] = DATA["step_sets"]
CASES: list[dict[str, Any]] = DATA["cases"]


def _steps(expected: str | list[str]) -> list[str]:
    return STEP_SETS[expected] if isinstance(expected, str) else expected


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scenario(case: dict[str, Any]) -> None:
    policy = {"confidentiality_pack": case["pack"], **case.get("policy", {})}
    decision = decide_confidentiality(case["disclosure"], policy, as_of=AS_OF)
    expect = case["expect"]
    assert decision.action.value == expect["action"]
    assert [s.value for s in decision.required_steps] == _steps(expect["steps"])
    assert [r.value for r in decision.permitted_recipients] == expect["recipients"]
    if "grounds" in expect:
        assert [f.rule_id for f in decision.grounds] == expect["grounds"]
    assert decision.pack.value == case["pack"]


def test_the_table_has_at_least_sixty_cases_across_every_pack_and_action() -> None:
    assert len(CASES) >= 60
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    per_pack = Counter(c["pack"] for c in CASES)
    assert set(per_pack) == {p.value for p in PackId}
    assert min(per_pack.values()) >= 15
    for pack in PackId:
        actions = {c["expect"]["action"] for c in CASES if c["pack"] == pack.value}
        assert actions == {"maintain", "consult", "break"}, pack
