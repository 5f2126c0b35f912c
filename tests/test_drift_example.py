"""The drift example: a year of a small team's activity, one supporter drifting, and its tour."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from peersupport.checks.drift import DriftLevel, DriftProfile, TrendDirection, drift_profiles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEAM = EXAMPLES / "drift_team.yaml"

# What each supporter illustrates: every indicator that is not ok, and its level.
EXPECTED: dict[str, dict[str, str]] = {
    "ps-101": {},
    "ps-102": {},
    "ps-103": {
        "organisational_drift": "act",
        "individual_drift": "watch",
        "directive_language": "act",
        "closed_judgemental_language": "act",
        "peer_supervision": "act",
        "debriefs_missed": "act",
        "isolation": "watch",
        "back_to_back": "act",
        "shift_debriefs": "act",
        "training_lapsed": "act",
    },
    "ps-104": {"early_extra_duties": "watch"},
}


@pytest.fixture(scope="module")
def team() -> dict[str, Any]:
    data = yaml.safe_load(TEAM.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def profiles(team: dict[str, Any]) -> dict[str, DriftProfile]:
    as_of = date.fromisoformat(str(team["as_of"]))
    return {p.supporter: p for p in drift_profiles(team["supporters"], as_of=as_of)}


def _notes(team: dict[str, Any]) -> Iterator[str]:
    for s in team["supporters"]:
        yield from (n["text"] for n in s.get("notes", []))


def test_the_example_is_a_year_of_a_small_team(team: dict[str, Any]) -> None:
    supporters = team["supporters"]
    assert [s["supporter"] for s in supporters] == list(EXPECTED)
    days = sorted(str(t["day"]) for s in supporters for t in s["tasks"])
    span = date.fromisoformat(days[-1]) - date.fromisoformat(days[0])
    assert span.days >= 350
    assert sum(len(s["notes"]) for s in supporters) >= 150
    assert len(set(_notes(team))) >= 5


@pytest.mark.parametrize("supporter", list(EXPECTED))
def test_each_supporter_shows_what_the_comments_say(
    profiles: dict[str, DriftProfile], supporter: str
) -> None:
    shown = {
        i.name: i.level.value
        for i in profiles[supporter].indicators
        if i.level is not DriftLevel.OK
    }
    assert shown == EXPECTED[supporter]


def test_the_drift_worsens_quarter_over_quarter(profiles: dict[str, DriftProfile]) -> None:
    p = profiles["ps-103"]
    assert p.level is DriftLevel.ACT
    for name in ("organisational_drift", "peer_supervision", "shift_debriefs", "training_lapsed"):
        i = p.indicator(name)
        known = [v for v in i.trend if v is not None]
        assert known == sorted(known), name
        assert i.direction is TrendDirection.WORSENING, name
    first = p.indicator("organisational_drift").trend[0]
    assert first is not None
    assert first < 0.10  # ok in the first quarter


def test_no_note_text_reaches_a_profile(
    team: dict[str, Any], profiles: dict[str, DriftProfile]
) -> None:
    outputs = [p.to_json() + repr(p) + p._repr_html_() for p in profiles.values()]
    for text in set(_notes(team)):
        assert not [o for o in outputs if text[:30] in o]
    assert not [o for o in outputs if "Robin" in o]


def test_the_tour_runs_from_anywhere_and_prints_no_note_text(
    tmp_path: Path, team: dict[str, Any]
) -> None:
    pytest.importorskip("matplotlib")
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "drift_tour.py"), "--plot", str(tmp_path / "tl.png")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert "  ps-101: ok (428 events) all ok" in lines
    assert any(x.startswith("  ps-103: act ") for x in lines)
    assert "  ps-104: watch (90 events) early_extra_duties=watch" in lines
    assert any(
        x.startswith("  DRIFT-001 organisational_drift: 0.04 -> 0.12 -> 0.19 -> 0.31")
        for x in lines
    )
    assert any(x.startswith("  DRIFT-006 (required): Follow up") for x in lines)
    assert "boundaries of ag-103-7: passed=False" in lines
    assert any(x.startswith("  BND-015 not_met (required)") for x in lines)
    assert "timeline written to tl.png" in lines
    assert (tmp_path / "tl.png").read_bytes()[:4] == b"\x89PNG"
    assert "Robin" not in run.stdout
    for text in set(_notes(team)):
        assert text[:30] not in run.stdout
