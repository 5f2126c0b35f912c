"""Invariants of the roster coverage algorithm that programmes rely on."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from peersupport.checks.roster import Coverage, analyse_coverage
from strategies_programme import roster_dicts, shift_dicts

TIERS = st.sampled_from([1, 2])


def _uncovered(coverage: Coverage) -> list[tuple[Any, Any]]:
    return [(g.start, g.end) for g in coverage.gaps]


def _inside(inner: list[tuple[Any, Any]], outer: list[tuple[Any, Any]]) -> bool:
    return all(any(lo <= a and b <= hi for lo, hi in outer) for a, b in inner)


@given(roster_dicts(), shift_dicts(), TIERS)
def test_adding_a_shift_never_creates_a_gap(
    roster: dict[str, Any], extra: dict[str, Any], tiers: int
) -> None:
    before = analyse_coverage(roster, tiers=tiers)
    more = copy.deepcopy(roster)
    more["shifts"].append(extra)
    after = analyse_coverage(more, tiers=tiers)
    assert _inside(_uncovered(after), _uncovered(before))
    assert after.uncovered <= before.uncovered
    assert after.covered >= before.covered


@given(roster_dicts(), TIERS)
def test_gaps_and_covered_time_add_up_to_the_horizon_exactly(
    roster: dict[str, Any], tiers: int
) -> None:
    coverage = analyse_coverage(roster, tiers=tiers)
    assert coverage.covered + coverage.uncovered == coverage.horizon
    previous = coverage.start
    for gap in coverage.gaps:
        assert previous <= gap.start < gap.end <= coverage.end
        assert gap.reasons
        # Maximal: two gaps never touch.
        assert gap.start > previous or gap is coverage.gaps[0]
        previous = gap.end
    assert coverage.covered >= timedelta(0)


@given(roster_dicts(), st.randoms(use_true_random=False), TIERS)
def test_the_result_does_not_depend_on_the_order_of_the_shifts(
    roster: dict[str, Any], random: Any, tiers: int
) -> None:
    shuffled = copy.deepcopy(roster)
    random.shuffle(shuffled["shifts"])
    first, second = analyse_coverage(roster, tiers=tiers), analyse_coverage(shuffled, tiers=tiers)
    assert first.to_dict() == second.to_dict()
    assert first.covered == second.covered


@given(roster_dicts(max_shifts=6), TIERS)
def test_the_algorithm_agrees_with_a_minute_by_minute_count(
    roster: dict[str, Any], tiers: int
) -> None:
    from peersupport.model.roster import Roster, instant  # noqa: PLC0415

    model = Roster.model_validate(roster)
    assert model.horizon is not None
    lo, hi = (instant(t) for t in model.horizon)
    spans = [(*s.instants, s.primary, s.backup) for s in model.shifts]
    minute = 60_000_000
    covered = 0
    # The grid is 30 minutes, and offsets are whole quarter hours: minutes are exact.
    for t in range(lo, hi, minute):
        active = [(p, b) for s, e, p, b in spans if s <= t < e]
        primaries = {p for p, _ in active}
        backups = {b for _, b in active if b is not None}
        ok = bool(primaries) if tiers == 1 else any(p != b for p in primaries for b in backups)
        covered += minute if ok else 0
    assert analyse_coverage(roster, tiers=tiers).covered == timedelta(microseconds=covered)
