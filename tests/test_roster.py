"""ROSTER-*: two-tier cover around the clock, crisis training on the day, rest; the algorithm."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

import peersupport as ps
import peersupport.cli._roster
from peersupport.checks.roster import ROSTER, GapReason, analyse_coverage, check_roster
from peersupport.cli._app import cli
from strategies_programme import (
    AS_OF,
    HORIZON_END,
    HORIZON_START,
    day_night_shifts,
    programme,
    shift,
)

from factories import supporter

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)
LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 11, 23, tzinfo=UTC)


def _at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def _roster(*shifts: dict[str, Any], hours: float = 24, tz: str = "UTC") -> dict[str, Any]:
    return {
        "timezone": tz,
        "horizon_start": T0.isoformat(),
        "horizon_end": _at(hours).isoformat(),
        "shifts": list(shifts),
    }


def _gaps(roster: dict[str, Any], **kw: Any) -> list[tuple[float, float, list[str]]]:
    coverage = analyse_coverage(roster, **kw)
    assert coverage.covered + coverage.uncovered == coverage.horizon
    return [
        (
            (g.start - T0) / timedelta(hours=1),
            (g.end - T0) / timedelta(hours=1),
            [r.value for r in g.reasons],
        )
        for g in coverage.gaps
    ]


# --- the coverage algorithm -----------------------------------------------------------------


def test_a_primary_and_a_different_backup_all_day_leave_no_gap() -> None:
    roster = _roster(shift(_at(0), _at(24), "a", "b"))
    assert _gaps(roster) == []
    assert analyse_coverage(roster).complete


def test_gaps_are_reported_as_intervals_with_start_end_and_reason() -> None:
    roster = _roster(shift(_at(0), _at(8), "a", "b"), shift(_at(10), _at(24), "c", "d"))
    coverage = analyse_coverage(roster)
    (gap,) = coverage.gaps
    assert (gap.start, gap.end, gap.reasons) == (_at(8), _at(10), (GapReason.NO_COVER,))
    assert gap.duration == timedelta(hours=2)
    assert gap.to_dict() == {
        "start": "2026-11-23T08:00:00+00:00",
        "end": "2026-11-23T10:00:00+00:00",
        "hours": 2.0,
        "reasons": ["no_cover"],
    }


def test_overlapping_shifts_merge_and_are_not_counted_twice() -> None:
    roster = _roster(
        shift(_at(0), _at(14), "a", "b"),
        shift(_at(6), _at(10), "c", "d"),
        shift(_at(12), _at(24), "e", "f"),
    )
    coverage = analyse_coverage(roster)
    assert coverage.gaps == ()
    assert coverage.covered == timedelta(hours=24)


def test_shifts_that_only_touch_leave_no_gap() -> None:
    roster = _roster(shift(_at(0), _at(12), "a", "b"), shift(_at(12), _at(24), "c", "d"))
    assert _gaps(roster) == []


def test_a_primary_without_a_backup_is_a_gap() -> None:
    roster = _roster(shift(_at(0), _at(12), "a", "b"), shift(_at(12), _at(24), "c", None))
    assert _gaps(roster) == [(12.0, 24.0, ["no_backup"])]


def test_the_same_person_as_primary_and_backup_is_a_gap() -> None:
    roster = _roster(shift(_at(0), _at(12), "a", "a"), shift(_at(12), _at(24), "c", "d"))
    assert _gaps(roster) == [(0.0, 12.0, ["same_person"])]


def test_a_primary_and_a_backup_from_different_shifts_cover_together() -> None:
    roster = _roster(shift(_at(0), _at(24), "a", None), shift(_at(0), _at(24), "b", "b"))
    assert _gaps(roster) == []


def test_one_person_in_both_tiers_of_two_shifts_is_still_a_gap() -> None:
    roster = _roster(shift(_at(0), _at(24), "a", None), shift(_at(6), _at(18), "a", "a"))
    assert _gaps(roster) == [(0.0, 24.0, ["no_backup", "same_person"])]


def test_adjacent_uncovered_stretches_are_one_gap_with_every_reason() -> None:
    roster = _roster(
        shift(_at(0), _at(6), "a", "b"),
        shift(_at(6), _at(9), "c", None),
        shift(_at(10), _at(12), "d", "d"),
        shift(_at(12), _at(24), "e", "f"),
    )
    assert _gaps(roster) == [(6.0, 12.0, ["no_backup", "no_cover", "same_person"])]


def test_the_horizon_clips_shifts_and_uncovered_edges_are_gaps() -> None:
    roster = _roster(shift(_at(-5), _at(20), "a", "b"), shift(_at(23), _at(30), "c", "d"))
    assert _gaps(roster) == [(20.0, 23.0, ["no_cover"])]


def test_an_empty_roster_is_one_gap_over_the_whole_horizon() -> None:
    assert _gaps(_roster(hours=48)) == [(0.0, 48.0, ["no_cover"])]


def test_with_one_tier_a_primary_alone_covers() -> None:
    roster = _roster(shift(_at(0), _at(12), "a", None), shift(_at(12), _at(24), "b", "b"))
    assert _gaps(roster, tiers=1) == []
    assert _gaps(roster) == [(0.0, 24.0, ["no_backup", "same_person"])]


def test_mixed_offsets_describe_the_same_instants() -> None:
    new_york = timezone(timedelta(hours=-5))
    kolkata = timezone(timedelta(hours=5, minutes=30))
    roster = _roster(
        shift(_at(0).astimezone(new_york), _at(8).astimezone(kolkata), "a", "b"),
        shift(_at(8).astimezone(kolkata), _at(16), "c", "d"),
        shift(_at(16).astimezone(new_york), _at(24).astimezone(new_york), "e", "f"),
    )
    assert _gaps(roster) == []


def test_a_horizon_can_be_given_to_the_analysis() -> None:
    roster = {"shifts": [shift(_at(0), _at(10), "a", "b")]}
    coverage = analyse_coverage(roster, start=_at(0), end=_at(12))
    assert [(g.start, g.end) for g in coverage.gaps] == [(_at(10), _at(12))]
    with pytest.raises(ps.InvalidInput, match="horizon_start"):
        analyse_coverage(roster)
    with pytest.raises(ps.InvalidInput, match="horizon"):
        analyse_coverage(roster, start=_at(0))
    with pytest.raises(ps.InvalidInput, match="time zone"):
        analyse_coverage(roster, start=datetime(2026, 1, 1), end=datetime(2026, 1, 2))  # noqa: DTZ001
    with pytest.raises(ps.InvalidInput, match="after"):
        analyse_coverage(roster, start=_at(5), end=_at(5))
    with pytest.raises(ps.InvalidInput, match="tiers"):
        analyse_coverage(roster, start=_at(0), end=_at(5), tiers=0)


def test_coverage_serialises_with_the_programme_time_zone() -> None:
    roster = _roster(shift(_at(0), _at(12), "a", "b"), tz="Europe/London")
    data = analyse_coverage(roster).to_dict()
    assert data["timezone"] == "Europe/London"
    assert data["horizon_hours"] == 24.0
    assert data["covered_hours"] == 12.0
    assert data["gaps"][0]["start"] == "2026-11-23T12:00:00+00:00"


# --- daylight saving time ---------------------------------------------------------------------


def _dst_week(start: datetime, **over: Any) -> dict[str, Any]:
    """A week of London day and night shifts written in local wall time, Thursday to Thursday."""
    return {
        "timezone": "Europe/London",
        "horizon_start": start.isoformat(),
        "horizon_end": (start.replace(tzinfo=None) + timedelta(days=7))
        .replace(tzinfo=LONDON)
        .isoformat(),
        "shifts": day_night_shifts(start, 7, (("ps-001", "ps-002"), ("ps-003", "ps-004"))),
        **over,
    }


AUTUMN = datetime(2026, 10, 22, 8, tzinfo=LONDON)  # clocks go back on Sunday 25 October
SPRING = datetime(2026, 3, 26, 8, tzinfo=LONDON)  # clocks go forward on Sunday 29 March


@pytest.mark.parametrize(("start", "hours"), [(AUTUMN, 169), (SPRING, 167)])
def test_a_dst_week_written_in_local_time_has_no_gap_and_its_real_length(
    start: datetime, hours: int
) -> None:
    coverage = analyse_coverage(_dst_week(start))
    assert coverage.gaps == ()
    assert coverage.horizon == timedelta(hours=hours)
    assert coverage.covered == coverage.horizon


@pytest.mark.parametrize(("start", "night"), [(AUTUMN, 13.0), (SPRING, 11.0)])
def test_the_night_shift_over_the_change_lasts_its_real_hours(
    start: datetime, night: float
) -> None:
    data = programme(roster=_dst_week(start))
    rest = {"roster_min_rest_hours": 11}
    ok = check_roster(data, {**rest, "roster_max_consecutive_hours": 13}, as_of=start.date())
    assert ok.finding("ROSTER-003").evidence["longest_hours"] == max(night, 12.0)
    tight = check_roster(data, {**rest, "roster_max_consecutive_hours": 12}, as_of=start.date())
    assert tight.outcome_of("ROSTER-003") is (NOT_MET if night > 12 else MET)


def test_the_break_over_the_spring_change_is_an_hour_short_of_twelve_hours_rest() -> None:
    # The day pair rests from 20:00 GMT on Saturday to 08:00 BST on Sunday: 11 real hours,
    # so their Saturday and Sunday shifts make one stretch of 12 + 11 + 12 hours.
    finding = check_roster(programme(roster=_dst_week(SPRING)), as_of=SPRING.date()).finding(
        "ROSTER-003"
    )
    assert finding.outcome is NOT_MET
    assert finding.evidence["longest_hours"] == 35.0
    assert finding.evidence["supporters"] == ("ps-001", "ps-002")
    assert finding.evidence["over"][0]["longest_start"] == "2026-03-28T08:00:00+00:00"


def test_a_shift_written_with_the_summer_offset_after_the_change_leaves_an_hour_gap() -> None:
    roster = _dst_week(AUTUMN)
    # Sunday's day shift typed as 08:00 to 20:00 at +01:00, a day after the clocks went back:
    # it really runs 07:00 to 19:00 GMT, so 19:00 to 20:00 is uncovered.
    sunday = next(s for s in roster["shifts"] if s["start"].startswith("2026-10-25T08"))
    sunday["start"] = "2026-10-25T08:00:00+01:00"
    sunday["end"] = "2026-10-25T20:00:00+01:00"
    (gap,) = analyse_coverage(roster).gaps
    assert gap.start.isoformat() == "2026-10-25T19:00:00+00:00"
    assert gap.duration == timedelta(hours=1)


def test_the_weekday_hour_grid_counts_local_hours() -> None:
    coverage = analyse_coverage(_dst_week(AUTUMN))
    grid = coverage.by_weekday_hour()
    assert len(grid) == 7
    assert all(len(row) == 24 for row in grid)
    assert all(v == 1.0 for row in grid for v in row)
    roster = _roster(shift(_at(0), _at(3), "a", "b"), shift(_at(4), _at(24), "c", "d"), hours=24)
    monday = analyse_coverage(roster).by_weekday_hour()[0]
    assert monday[3] == 0.0
    assert monday[2] == 1.0
    assert math.isnan(analyse_coverage(roster).by_weekday_hour()[1][0])


# --- input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_naive_shift_time_is_refused_naming_the_field(field: str) -> None:
    data = programme()
    data["roster"]["shifts"][2][field] = "2026-11-24T08:00:00"
    with pytest.raises(ps.InvalidInput) as info:
        check_roster(data, as_of=AS_OF)
    (error,) = info.value.errors
    assert error.path == f"roster.shifts[2].{field}"
    assert error.msg == "needs a time zone (e.g. +00:00)"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"horizon_start": "2026-11-23T00:00:00"}, "roster.horizon_start", "time zone"),
        ({"horizon_end": None}, "roster", "both horizon_start and horizon_end"),
        ({"horizon_end": "2026-11-22T00:00:00Z"}, "roster", "horizon_end must be after"),
        ({"timezone": "Mars/Olympus"}, "roster.timezone", "IANA time zone"),
    ],
)
def test_a_bad_roster_is_refused(change: dict[str, Any], path: str, message: str) -> None:
    data = programme()
    data["roster"].update(change)
    with pytest.raises(ps.InvalidInput) as info:
        check_roster(data, as_of=AS_OF)
    (error,) = info.value.errors
    assert error.path == path
    assert message in error.msg


def test_a_shift_that_ends_before_it_starts_is_refused() -> None:
    data = programme()
    data["roster"]["shifts"][0]["end"] = data["roster"]["shifts"][0]["start"]
    with pytest.raises(ps.InvalidInput, match=r"roster.shifts\[0\]: end must be after start"):
        check_roster(data, as_of=AS_OF)


# --- ROSTER-001 ------------------------------------------------------------------------------


def test_roster_001_is_met_when_the_horizon_is_covered() -> None:
    report = check_roster(programme(), as_of=AS_OF)
    finding = report.finding("ROSTER-001")
    assert finding.outcome is MET
    assert finding.evidence["horizon_source"] == "roster"
    assert finding.evidence["horizon_hours"] == 168.0
    assert finding.subject == "prog-1"


def test_roster_001_is_not_met_when_there_is_a_gap() -> None:
    data = programme()
    del data["roster"]["shifts"][5]["backup"]
    finding = check_roster(data, as_of=AS_OF).finding("ROSTER-001")
    assert finding.outcome is NOT_MET
    assert finding.severity is ps.Severity.CRITICAL
    assert finding.evidence["gap_count"] == 1
    assert finding.evidence["first_gap_reasons"] == ("no_backup",)
    assert finding.evidence["gaps"][0]["start"] == data["roster"]["shifts"][5]["start"]


@pytest.mark.parametrize(
    ("models", "expected"),
    [(["crisis_support"], NOT_MET), (None, REVIEW), (["support_group"], NA)],
)
def test_roster_001_without_a_roster(models: list[str] | None, expected: ps.Outcome) -> None:
    data = programme(roster=None, models=models)
    assert check_roster(data, as_of=AS_OF).outcome_of("ROSTER-001") is expected


def test_roster_001_covers_the_policy_horizon_from_the_day_of_the_check() -> None:
    data = programme()
    del data["roster"]["horizon_start"]
    del data["roster"]["horizon_end"]
    week = check_roster(data, {"roster_horizon_days": 7}, as_of=AS_OF).finding("ROSTER-001")
    assert week.outcome is MET
    assert week.evidence["horizon_source"] == "policy"
    month = check_roster(data, as_of=AS_OF).finding("ROSTER-001")
    assert month.outcome is NOT_MET
    assert month.evidence["first_gap_start"] == HORIZON_END.isoformat()
    assert month.evidence["uncovered_hours"] == 21 * 24


def test_roster_001_with_one_tier_in_the_policy_needs_no_backup() -> None:
    data = programme()
    for s in data["roster"]["shifts"]:
        s.pop("backup")
    assert check_roster(data, as_of=AS_OF).outcome_of("ROSTER-001") is NOT_MET
    one = check_roster(data, {"on_call_tiers": 1}, as_of=AS_OF)
    assert one.outcome_of("ROSTER-001") is MET


# --- ROSTER-002 ------------------------------------------------------------------------------


def _with_training(sid: str, *days: str) -> list[dict[str, Any]]:
    data = programme()
    trainings = [{"module": "basic_peer_support", "completed_on": "2025-12-01"}]
    trainings += [{"module": "crisis_management", "completed_on": d} for d in days]
    return [
        supporter(id=sid, trainings=trainings) if s["id"] == sid else s for s in data["supporters"]
    ]


def test_roster_002_is_met_when_every_responder_is_trained_on_every_shift_date() -> None:
    finding = check_roster(programme(), as_of=AS_OF).finding("ROSTER-002")
    assert finding.outcome is MET
    assert finding.evidence["problems"] == ()


def test_roster_002_is_not_met_when_a_responder_training_has_lapsed() -> None:
    data = programme(supporters=_with_training("ps-003", "2026-01-10"))
    finding = check_roster(data, as_of=AS_OF).finding("ROSTER-002")
    assert finding.outcome is NOT_MET
    assert finding.evidence["responders"] == ("ps-003",)
    (problem,) = finding.evidence["problems"]
    assert problem["shifts"] == 7
    assert problem["first_shift"] == "2026-11-23T12:00:00+00:00"


def test_roster_002_is_not_met_when_training_lapses_before_a_later_shift() -> None:
    # Completed 2026-05-25: current on the day of the check, lapsed after 2026-11-24.
    data = programme(supporters=_with_training("ps-001", "2026-05-25"))
    report = check_roster(data, as_of=AS_OF)
    problem = report.finding("ROSTER-002").evidence["problems"][0]
    assert problem["supporter"] == "ps-001"
    assert problem["first_shift"] == "2026-11-25T00:00:00+00:00"
    assert problem["shifts"] == 5


def test_roster_002_does_not_count_training_completed_after_the_shift() -> None:
    data = programme(supporters=_with_training("ps-002", "2026-11-25"))
    problem = (
        check_roster(data, as_of=date(2026, 11, 30)).finding("ROSTER-002").evidence["problems"][0]
    )
    assert problem["first_shift"] == "2026-11-23T00:00:00+00:00"
    assert problem["shifts"] == 2


def test_roster_002_is_not_met_when_a_responder_has_no_crisis_training() -> None:
    data = programme(supporters=_with_training("ps-004"))
    problem = check_roster(data, as_of=AS_OF).finding("ROSTER-002").evidence["problems"][0]
    assert (problem["supporter"], problem["reason"]) == ("ps-004", "missing")


def test_roster_002_needs_review_when_a_responder_is_not_a_supporter() -> None:
    data = programme()
    data["roster"]["shifts"][0]["backup"] = "ps-404"
    finding = check_roster(data, as_of=AS_OF).finding("ROSTER-002")
    assert finding.outcome is REVIEW
    assert finding.evidence["unknown"] == ("ps-404",)


def test_roster_002_follows_the_policy_interval_and_module() -> None:
    data = programme(supporters=_with_training("ps-003", "2026-01-10"))
    assert (
        check_roster(data, {"retraining_interval_days": 730}, as_of=AS_OF).outcome_of("ROSTER-002")
        is MET
    )


def test_roster_002_and_003_do_not_apply_to_a_roster_without_shifts() -> None:
    data = programme()
    data["roster"]["shifts"] = []
    report = check_roster(data, as_of=AS_OF)
    assert report.outcome_of("ROSTER-001") is NOT_MET
    assert report.outcome_of("ROSTER-002") is NA
    assert report.outcome_of("ROSTER-003") is NA
    none = check_roster(programme(roster=None, models=["peer_mentoring"]), as_of=AS_OF)
    assert none.outcome_of("ROSTER-002") is NA
    assert none.outcome_of("ROSTER-003") is NA


# --- ROSTER-003 ------------------------------------------------------------------------------


def test_roster_003_is_met_with_twelve_hours_on_and_twelve_off() -> None:
    finding = check_roster(programme(), as_of=AS_OF).finding("ROSTER-003")
    assert finding.outcome is MET
    assert finding.evidence["longest_hours"] == 12.0


def test_roster_003_is_not_met_when_someone_is_on_call_too_long() -> None:
    data = programme()
    data["roster"]["shifts"].append(shift(_at(12), _at(36), "ps-001", "ps-003"))
    finding = check_roster(data, as_of=AS_OF).finding("ROSTER-003")
    assert finding.outcome is NOT_MET
    assert "ps-001" in finding.evidence["supporters"]


def test_roster_003_joins_shifts_separated_by_less_than_the_rest() -> None:
    data = programme()
    # ps-005 stands in twice, 12 hours each, with six hours between: an 30-hour stretch.
    data["roster"]["shifts"] += [
        shift(_at(0), _at(12), "ps-005", None),
        shift(_at(18), _at(30), "ps-005", None),
    ]
    over = check_roster(data, as_of=AS_OF).finding("ROSTER-003").evidence["over"]
    assert over == (
        {
            "supporter": "ps-005",
            "stretches": 1,
            "longest_start": "2026-11-23T00:00:00+00:00",
            "longest_hours": 30.0,
        },
    )
    rested = check_roster(data, {"roster_min_rest_hours": 6}, as_of=AS_OF)
    assert rested.outcome_of("ROSTER-003") is MET


def test_roster_003_allows_exactly_the_limit() -> None:
    data = programme()
    data["roster"]["shifts"].append(shift(_at(0), _at(24), "ps-005", None))
    assert check_roster(data, as_of=AS_OF).outcome_of("ROSTER-003") is MET
    assert (
        check_roster(data, {"roster_max_consecutive_hours": 23}, as_of=AS_OF).outcome_of(
            "ROSTER-003"
        )
        is NOT_MET
    )


def test_every_roster_rule_is_cited_with_a_message_for_each_outcome() -> None:
    assert [r.id for r in ROSTER] == ["ROSTER-001", "ROSTER-002", "ROSTER-003"]
    for rule in ROSTER:
        assert rule.citations
        assert {"met", "unknown"} <= set(rule.messages)


# --- the command line ------------------------------------------------------------------------


def _file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_roster_command_prints_the_gaps_as_a_table_and_exits_1(tmp_path: Path) -> None:
    data = programme()
    del data["roster"]["shifts"][5]["backup"]
    result = CliRunner().invoke(cli, ["roster", str(_file(tmp_path, data))])
    assert result.exit_code == 1, result.output
    assert "156 of 168 hours covered, 1 gap(s)" in result.output
    assert "│ 1 │ 2026-11-25T12:00:00+00:00 │ 2026-11-26T00:00:00+00:00 │ 12    │ no_backup" in (
        result.output
    )


def test_the_roster_command_exits_0_without_gaps_and_prints_json(tmp_path: Path) -> None:
    path = _file(tmp_path, programme())
    assert CliRunner().invoke(cli, ["roster", str(path)]).exit_code == 0
    result = CliRunner().invoke(cli, ["roster", str(path), "--format", "json"])
    assert json.loads(result.output)["gaps"] == []


def test_the_roster_command_uses_the_policy_horizon_and_as_of(tmp_path: Path) -> None:
    data = programme()
    del data["roster"]["horizon_start"]
    del data["roster"]["horizon_end"]
    path = _file(tmp_path, {**data, "policy": {"roster_horizon_days": 7}})
    assert CliRunner().invoke(cli, ["roster", str(path), "--as-of", "2026-11-23"]).exit_code == 0
    later = CliRunner().invoke(cli, ["roster", str(path), "--as-of", "2026-11-24"])
    assert later.exit_code == 1
    assert "no_cover" in later.output


def test_the_roster_command_exits_2_without_a_roster_or_on_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["roster", str(_file(tmp_path, programme(roster=None)))])
    assert result.exit_code == 2
    assert "roster: the file has no roster" in result.output
    data = programme()
    data["roster"]["shifts"][0]["start"] = "2026-11-23T00:00:00"
    bad = CliRunner().invoke(cli, ["roster", str(_file(tmp_path, data))])
    assert bad.exit_code == 2
    assert "roster.shifts[0].start" in bad.output
    assert "Traceback" not in bad.output


def test_horizon_constants_agree_with_the_good_roster() -> None:
    assert programme()["roster"]["horizon_start"] == HORIZON_START.isoformat()


def test_a_gap_over_the_change_of_the_clocks_lasts_its_real_hours() -> None:
    start = datetime(2026, 10, 24, 20, tzinfo=LONDON)
    end = datetime(2026, 10, 25, 8, tzinfo=LONDON)
    roster = {"timezone": "Europe/London", "shifts": []}
    (gap,) = analyse_coverage(roster, start=start, end=end).gaps
    assert gap.start.tzinfo is gap.end.tzinfo
    assert gap.duration == timedelta(hours=13)
    assert gap.to_dict()["hours"] == 13.0


def test_the_programme_page_shows_what_the_roster_command_prints() -> None:
    page = (Path(__file__).parent.parent / "docs" / "programme.md").read_text(encoding="utf-8")
    shown = page.split("$ peersupport roster examples/programme.yaml\n```\n\nprints:\n\n```text\n")[
        1
    ]
    shown = shown.split("\n```", 1)[0]
    example = Path(__file__).parent.parent / "examples" / "programme.yaml"
    result = CliRunner().invoke(cli, ["roster", str(example)])
    assert result.exit_code == 1
    printed = "\n".join(line.rstrip() for line in result.output.splitlines()).rstrip("\n")
    assert printed == shown
