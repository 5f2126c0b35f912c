"""Days near the ends of the calendar: every check answers, none overflows.

A cutoff that would fall before ``date.min`` counts every day since the calendar began; a
due date that would fall after ``date.max`` never passes; a local time a zone's clocks
cannot show on the calendar keeps its own UTC offset.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peersupport as ps
from peersupport.checks._dates import at_instant, days_after, days_before, in_zone
from peersupport.checks.boundaries import check_boundaries
from peersupport.checks.roster import check_roster
from peersupport.checks.structure import add_months, check_structure
from peersupport.checks.supervision import check_supervision, supervision_gaps
from peersupport.model.program import SupervisorAssignment, SupervisorKind
from peersupport.model.roster import instant
from strategies_drift import agreement, contact, healthy_log, weekly_contacts
from strategies_programme import programme, shift

from factories import supporter

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)
FIRST: Final = date.min
LAST: Final = date.max
NEW_YORK: Final = ZoneInfo("America/New_York")
TOKYO: Final = ZoneInfo("Asia/Tokyo")


def _day(text: str) -> date:
    return date.fromisoformat(text)


# --- the helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "days", "after", "before"),
    [
        ("2026-11-23", 14, "2026-12-07", "2026-11-09"),
        ("2024-02-28", 1, "2024-02-29", "2024-02-27"),
        ("2026-11-23", 0, "2026-11-23", "2026-11-23"),
        ("2026-11-23", -3, "2026-11-20", "2026-11-26"),
        ("0001-01-15", 14, "0001-01-29", "0001-01-01"),
        ("0001-01-15", 15, "0001-01-30", "0001-01-01"),
        ("0001-01-15", 365, "0002-01-15", "0001-01-01"),
        ("9999-12-17", 14, "9999-12-31", "9999-12-03"),
        ("9999-12-25", 14, "9999-12-31", "9999-12-11"),
        ("9999-12-31", 3660, "9999-12-31", "9989-12-23"),
        ("0001-01-01", -1, "0001-01-01", "0001-01-02"),
        ("9999-12-31", -1, "9999-12-30", "9999-12-31"),
    ],
)
def test_days_after_and_before_stop_at_the_ends_of_the_calendar(
    day: str, days: int, after: str, before: str
) -> None:
    assert days_after(_day(day), days) == _day(after)
    assert days_before(_day(day), days) == _day(before)


@given(st.dates(), st.integers(-4_000_000, 4_000_000))
def test_days_after_is_plain_arithmetic_wherever_the_calendar_reaches(day: date, n: int) -> None:
    ordinal = day.toordinal() + n
    if 1 <= ordinal <= LAST.toordinal():
        assert days_after(day, n) == day + timedelta(days=n)
        assert days_before(day, -n) == day + timedelta(days=n)
    else:
        assert days_after(day, n) == (FIRST if ordinal < 1 else LAST)
        assert days_before(day, -n) == days_after(day, n)


def test_in_zone_is_astimezone_on_the_calendar() -> None:
    moment = datetime(2026, 11, 23, 10, tzinfo=UTC)
    assert in_zone(moment, NEW_YORK) == moment
    assert in_zone(moment, NEW_YORK).isoformat() == "2026-11-23T05:00:00-05:00"


@pytest.mark.parametrize(
    ("moment", "tz"),
    [
        (datetime(1, 1, 1, 0, 30, tzinfo=UTC), NEW_YORK),
        (datetime(9999, 12, 31, 23, tzinfo=UTC), TOKYO),
    ],
)
def test_in_zone_keeps_the_offset_where_the_zone_reads_past_the_calendar(
    moment: datetime, tz: ZoneInfo
) -> None:
    with pytest.raises(OverflowError):
        moment.astimezone(tz)
    assert in_zone(moment, tz) is moment


@pytest.mark.parametrize(
    ("written", "tz", "shown"),
    [
        ("2026-11-23T10:00:00+00:00", NEW_YORK, "2026-11-23T05:00:00-05:00"),
        ("0001-01-01T00:00:00+05:00", UTC, "0001-01-01T00:00:00+05:00"),
        ("0001-01-01T00:00:00+05:30", UTC, "0001-01-01T00:30:00+06:00"),
        ("0001-01-01T00:00:00+23:59", UTC, "0001-01-01T00:00:00+23:59"),
        ("0001-01-01T00:30:00+00:00", NEW_YORK, "0001-01-01T00:30:00+00:00"),
        ("9999-12-31T23:00:00-05:00", UTC, "9999-12-31T23:00:00-05:00"),
        ("9999-12-31T23:00:00-05:00", NEW_YORK, "9999-12-31T23:00:00-05:00"),
        ("9999-12-31T20:00:00-05:00", UTC, "9999-12-31T23:00:00-02:00"),
        ("9999-12-31T20:00:00-02:00", UTC, "9999-12-31T22:00:00+00:00"),
    ],
)
def test_at_instant_names_the_same_instant_even_past_the_calendar(
    written: str, tz: ZoneInfo, shown: str
) -> None:
    micros = instant(datetime.fromisoformat(written))
    moment = at_instant(micros, tz)
    assert instant(moment) == micros
    assert moment.isoformat() == shown


# The widest offsets there are, and UTC; hypothesis takes naive bounds.
_OFFSETS: Final = st.sampled_from([timezone(timedelta(minutes=m)) for m in (-1439, 0, 1439)])
_LAST_DAYS: Final = datetime(9999, 12, 30)  # noqa: DTZ001 - a bound for st.datetimes
_FIRST_DAYS: Final = datetime(1, 1, 2)  # noqa: DTZ001 - a bound for st.datetimes


@given(
    st.datetimes(timezones=_OFFSETS)
    | st.datetimes(min_value=_LAST_DAYS, timezones=_OFFSETS)
    | st.datetimes(max_value=_FIRST_DAYS, timezones=_OFFSETS),
    st.sampled_from([UTC, NEW_YORK, TOKYO, ZoneInfo("Pacific/Kiritimati")]),
)
def test_at_instant_round_trips_every_instant_an_aware_datetime_names(
    moment: datetime, tz: ZoneInfo
) -> None:
    micros = instant(moment)
    assert instant(at_instant(micros, tz)) == micros


def test_add_months_stops_at_the_ends_of_the_calendar() -> None:
    assert add_months(_day("0001-03-31"), -2) == _day("0001-01-31")
    assert add_months(_day("0001-03-31"), -3) == FIRST
    assert add_months(_day("0005-06-01"), -1200) == FIRST
    assert add_months(_day("9999-11-30"), 1) == _day("9999-12-30")
    assert add_months(_day("9999-06-01"), 12) == LAST
    assert add_months(_day("9999-12-31"), 1200) == LAST


# --- boundaries ---------------------------------------------------------------------------------


def _boundaries(a: dict[str, Any] | None, contacts: list[Any], as_of: date) -> ps.Report:
    return check_boundaries(a, contacts, as_of=as_of)


def test_a_review_due_past_the_calendar_is_never_overdue() -> None:
    late = agreement(agreed_on="9999-12-01", review_on=None)
    finding = _boundaries(late, [], LAST).finding("BND-002")
    assert finding.outcome is MET
    assert finding.evidence["due"] == "9999-12-31"
    early = agreement(agreed_on="9998-12-01", review_on=None)
    assert _boundaries(early, [], LAST).outcome_of("BND-002") is NOT_MET


@pytest.mark.parametrize(
    ("requested", "honoured", "expected"),
    [
        ("9999-12-25", None, REVIEW),  # due after the calendar ends: still pending
        ("9999-12-25", "9999-12-31", MET),  # honoured on the last day: in time
        ("9999-12-01", None, NOT_MET),  # due 9999-12-15: open past due
        ("9999-12-01", "9999-12-31", NOT_MET),  # honoured late
    ],
)
def test_a_change_of_supporter_due_past_the_calendar(
    requested: str, honoured: str | None, expected: ps.Outcome
) -> None:
    request: dict[str, Any] = {"requested_on": requested}
    if honoured is not None:
        request["honoured_on"] = honoured
    a = agreement(change_requests=[request])
    assert _boundaries(a, [], LAST).outcome_of("BND-015") is expected


@pytest.mark.parametrize(
    ("declined", "referred", "expected"),
    [
        ("9999-12-25", None, REVIEW),
        ("9999-12-25", "9999-12-31", MET),
        ("9999-12-01", None, NOT_MET),
        ("9999-12-01", "9999-12-31", NOT_MET),
    ],
)
def test_a_referral_due_past_the_calendar(
    declined: str, referred: str | None, expected: ps.Outcome
) -> None:
    d: dict[str, Any] = {"declined_on": declined}
    if referred is not None:
        d["referred_on"] = referred
    assert _boundaries(agreement(declined=d), [], LAST).outcome_of("BND-016") is expected


def _daily(first: date, last: date) -> list[dict[str, Any]]:
    return [contact(first + timedelta(days=n)) for n in range((last - first).days + 1)]


def test_dependency_windows_that_begin_before_the_calendar_are_not_a_baseline() -> None:
    a = agreement(agreed_on="0001-01-01", review_on=None)
    contacts = _daily(_day("0001-03-05"), _day("0001-04-01"))
    # 91 days since the start: two whole 28-day windows before the latest, not three.
    finding = _boundaries(a, contacts, _day("0001-04-01")).finding("BND-018")
    assert finding.outcome is NOT_MET
    assert finding.evidence["baseline"] == (0, 0)
    # 51 days since the start: not one whole window before the latest.
    recent = _daily(_day("0001-02-01"), _day("0001-02-20"))
    finding = _boundaries(a, recent, _day("0001-02-20")).finding("BND-018")
    assert finding.outcome is NA
    assert finding.evidence["baseline"] == ()


def test_dependency_is_met_without_a_rise_at_the_start_of_the_calendar() -> None:
    a = agreement(agreed_on="0001-01-01", review_on=None)
    contacts = [contact(_day("0001-01-02") + timedelta(days=7 * n)) for n in range(13)]
    finding = _boundaries(a, contacts, _day("0001-04-01")).finding("BND-018")
    assert finding.outcome is MET
    assert len(finding.evidence["baseline"]) == 2


@pytest.mark.parametrize(("channel", "expected"), [("email", NOT_MET), ("in_person", MET)])
def test_a_contact_the_zone_cannot_show_keeps_its_own_offset(
    channel: str, expected: ps.Outcome
) -> None:
    # 00:30 UTC on the first day is the day before in New York: a day the calendar lacks.
    a = agreement(agreed_on="0001-01-01", review_on=None, timezone="America/New_York")
    c = {**contact(FIRST), "at": "0001-01-01T00:30:00+00:00", "channel": channel}
    finding = _boundaries(a, [c], FIRST).finding("BND-003")
    assert finding.outcome is expected
    if expected is NOT_MET:
        assert finding.evidence["outside"] == ("0001-01-01T00:30:00+00:00",)


def test_a_contact_on_the_last_day_counts_where_the_zone_is_already_past_it() -> None:
    a = agreement(agreed_on="9999-12-01", timezone="Asia/Tokyo", review_on=None)
    c = {**contact(LAST, 23), "channel": "email"}
    report = _boundaries(a, [c], LAST)
    assert report.outcome_of("BND-003") is NOT_MET
    assert report.finding("BND-005").evidence["busiest"] == 1


# --- drift --------------------------------------------------------------------------------------


def _log(**changes: Any) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "supporter": "ps-001",
        "tasks": [],
        "notes": [],
        "sessions": [],
        "shifts": [],
        "supervision": [],
        "debriefs": [],
        "community_contacts": [],
        "extra_duties": [],
        "trainings": [],
    }
    return {**empty, **changes}


def test_windows_before_the_calendar_are_pinned_to_its_first_day() -> None:
    profile = ps.drift_profile(_log(), as_of=_day("0001-03-15"))
    assert profile.windows == (
        (FIRST, FIRST),
        (FIRST, FIRST),
        (FIRST, FIRST),
        (FIRST, _day("0001-03-15")),
    )
    # The 200th day: one window wholly before the calendar, one partly.
    later = ps.drift_profile(_log(), as_of=_day("0001-07-19"))
    assert later.windows == (
        (FIRST, FIRST),
        (FIRST, _day("0001-01-18")),
        (_day("0001-01-19"), _day("0001-04-19")),
        (_day("0001-04-20"), _day("0001-07-19")),
    )


@pytest.mark.parametrize(
    ("debriefs", "missed"),
    [
        ([], ("0001-01", "0001-02")),
        (["0001-01-05"], ("0001-02",)),
        (["0001-01-05", "0001-02-05"], ()),
    ],
)
def test_debriefs_count_from_the_first_month_of_the_calendar(
    debriefs: list[str], missed: tuple[str, ...]
) -> None:
    profile = ps.drift_profile(_log(debriefs=debriefs), as_of=_day("0001-03-15"))
    indicator = profile.indicator("debriefs_missed")
    assert indicator.evidence["months_missed"] == missed
    assert indicator.value == len(missed)


@pytest.mark.parametrize(("debriefs", "missed"), [([], ("9999-12",)), (["9999-12-05"], ())])
def test_the_last_month_of_the_calendar_is_judged(
    debriefs: list[str], missed: tuple[str, ...]
) -> None:
    monthly = [f"9999-{m:02d}-05" for m in range(1, 12)]
    profile = ps.drift_profile(_log(debriefs=monthly + debriefs), as_of=LAST)
    assert profile.indicator("debriefs_missed").evidence["months_missed"] == missed


@pytest.mark.parametrize(("started", "early"), [("9999-12-01", 1.0), ("9999-01-01", 0.0)])
def test_an_early_period_past_the_calendar_covers_its_last_day(started: str, early: float) -> None:
    log = _log(started_on=started, extra_duties=[{"day": "9999-12-31", "kind": "committee"}])
    indicator = ps.drift_profile(log, as_of=LAST).indicator("early_extra_duties")
    assert indicator.value == early
    expected = "9999-12-31" if started == "9999-12-01" else "9999-04-01"
    assert indicator.evidence["early_until"] == expected


def test_the_accumulator_takes_days_at_both_ends() -> None:
    first = ps.DriftAccumulator("ps-001", as_of=FIRST, started_on=FIRST)
    first.add_debrief(FIRST)
    first.add_community_contact(FIRST)
    assert first.profile().windows[-1] == (FIRST, FIRST)
    last = ps.DriftAccumulator("ps-001", as_of=LAST, started_on=LAST)
    last.add_extra_duty({"day": LAST, "kind": "committee"})
    assert last.profile().indicator("early_extra_duties").value == 1.0


# --- the roster ---------------------------------------------------------------------------------


def _roster(shifts: list[dict[str, Any]], tz: str = "UTC") -> dict[str, Any]:
    return programme(roster={"timezone": tz, "shifts": shifts})


def test_a_horizon_past_the_calendar_stops_at_its_last_moment() -> None:
    whole_day = shift(
        datetime(9999, 12, 31, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        "ps-001",
        "ps-002",
    )
    covered = check_roster(_roster([whole_day]), as_of=LAST).finding("ROSTER-001")
    assert covered.outcome is MET
    assert covered.evidence["horizon_start"] == "9999-12-31T00:00:00+00:00"
    assert covered.evidence["horizon_end"] == "9999-12-31T23:59:59.999999+00:00"
    empty = check_roster(_roster([]), as_of=LAST).finding("ROSTER-001")
    assert empty.outcome is NOT_MET
    assert empty.evidence["uncovered_hours"] == 24.0


def test_a_horizon_that_reaches_the_last_day_is_not_cut() -> None:
    finding = check_roster(_roster([]), as_of=_day("9999-12-03")).finding("ROSTER-001")
    assert finding.evidence["horizon_end"] == "9999-12-31T00:00:00+00:00"
    assert finding.evidence["horizon_hours"] == 28 * 24
    cut = check_roster(_roster([], "Asia/Tokyo"), as_of=_day("9999-12-15")).finding("ROSTER-001")
    assert cut.evidence["horizon_end"] == "9999-12-31T23:59:59.999999+09:00"
    assert cut.evidence["horizon_hours"] == 17 * 24


@pytest.mark.parametrize(("covered", "complete"), [(True, True), (False, False)])
def test_coverage_before_the_first_utc_instant_keeps_its_offset(
    covered: bool, complete: bool
) -> None:
    start = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    end = datetime(1, 1, 1, 12, tzinfo=timezone(timedelta(hours=5)))
    shifts = [shift(start, end, "ps-001", "ps-002")] if covered else []
    roster = {
        "timezone": "UTC",
        "horizon_start": start.isoformat(),
        "horizon_end": end.isoformat(),
        "shifts": shifts,
    }
    coverage = ps.analyse_coverage(roster)
    assert coverage.complete is complete
    assert coverage.start.isoformat() == "0001-01-01T00:00:00+05:00"
    assert coverage.end.isoformat() == "0001-01-01T07:00:00+00:00"
    assert coverage.horizon == timedelta(hours=12)
    assert coverage.covered + coverage.uncovered == coverage.horizon
    grid = coverage.by_weekday_hour()
    assert grid[0][0] == (1.0 if covered else 0.0)  # 0001-01-01 is a Monday
    outcome = check_roster(programme(roster=roster), as_of=FIRST).outcome_of("ROSTER-001")
    assert outcome is (MET if covered else NOT_MET)


def test_crisis_training_is_judged_for_a_shift_the_zone_cannot_show() -> None:
    # Kiritimati's local time in year 1 is ten and a half hours behind UTC.
    night = shift(
        datetime(1, 1, 1, tzinfo=UTC), datetime(1, 1, 1, 12, tzinfo=UTC), "ps-001", "ps-002"
    )
    program = programme(roster={"timezone": "Pacific/Kiritimati", "shifts": [night]})
    finding = check_roster(program, as_of=FIRST).finding("ROSTER-002")
    assert finding.outcome is NOT_MET
    first_shifts = {p["first_shift"] for p in finding.evidence["problems"]}
    assert first_shifts == {"0001-01-01T00:00:00+00:00"}


# --- supervision and structure ------------------------------------------------------------------


def _assignment(kind: str, start: str, end: str | None = None) -> dict[str, Any]:
    out = {"kind": kind, "supervisor": f"sv-{kind}-{start}", "start": start}
    if end is not None:
        out["end"] = end
    return out


@pytest.mark.parametrize(
    ("first_end", "expected", "gaps"),
    [
        (None, MET, ()),  # the first peer supervisor is still in post on the last day
        ("9999-12-10", NOT_MET, ("peer 9999-12-11 to 9999-12-30 (20 days)",)),
    ],
)
def test_a_changeover_on_the_last_day_of_the_calendar(
    first_end: str | None, expected: ps.Outcome, gaps: tuple[str, ...]
) -> None:
    supervisors = [
        _assignment("peer", "9999-12-01", first_end),
        _assignment("peer", "9999-12-31"),
        _assignment("administrative", "9999-12-01"),
    ]
    finding = check_supervision(programme(supervisors=supervisors), as_of=LAST).finding("SUP-002")
    assert finding.outcome is expected
    assert finding.evidence["summary"] == gaps


def test_supervision_gaps_run_to_the_last_day() -> None:
    spans = [
        SupervisorAssignment.model_validate(_assignment("peer", "9999-12-31")),
        SupervisorAssignment.model_validate(_assignment("peer", "9999-12-31")),
    ]
    assert supervision_gaps(spans, SupervisorKind.PEER, LAST) == []
    one = [SupervisorAssignment.model_validate(_assignment("peer", "9999-12-01", "9999-12-20"))]
    assert supervision_gaps(one, SupervisorKind.PEER, LAST) == [(_day("9999-12-21"), LAST)]


def _evaluation(last: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"anonymous": True, "optional": True, "metrics": ["turnover"]}
    if last is not None:
        out["last_survey_on"] = last
    return out


@pytest.mark.parametrize(
    ("last", "launched", "as_of", "expected", "problems"),
    [
        ("0001-01-05", "0001-01-01", "0001-06-01", MET, ()),  # a year back is before the calendar
        ("0001-01-05", "0001-01-01", "0002-06-01", NOT_MET, ("overdue",)),
        (None, "9999-06-01", "9999-12-31", MET, ()),  # due after the calendar ends
        (None, "9999-01-01", "9999-12-31", MET, ()),
        (None, "9998-06-01", "9999-12-31", NOT_MET, ("no_survey",)),
    ],
)
def test_the_evaluation_interval_at_the_ends_of_the_calendar(
    last: str | None, launched: str, as_of: str, expected: ps.Outcome, problems: tuple[str, ...]
) -> None:
    program = programme(evaluation=_evaluation(last), launched_on=launched)
    finding = check_structure(program, as_of=_day(as_of)).finding("STRUCT-012")
    assert finding.outcome is expected
    assert finding.evidence["problems"] == problems


# --- every check, anywhere on the calendar ------------------------------------------------------

_REFERENCE: Final = date(2026, 11, 23)
# The first and last readings of a wall clock, whatever its offset.
_FIRST_CLOCK: Final = datetime.min  # noqa: DTZ901 - a wall-clock reading, no zone
_LAST_CLOCK: Final = datetime.max  # noqa: DTZ901 - a wall-clock reading, no zone
_EXTREMES: Final = (FIRST, _day("0001-01-15"), _day("0001-03-01"), LAST, _day("9999-12-15"))


def _widest_policy() -> dict[str, Any]:
    """Every bounded whole-number policy field at its largest."""
    out: dict[str, Any] = {}
    for name, field in ps.Policy.model_fields.items():
        if field.annotation is not int:
            continue
        for bound in field.metadata:
            le = getattr(bound, "le", None)
            if le is not None:
                out[name] = le
    return out


def test_the_widest_policy_stretches_the_intervals() -> None:
    widest = ps.Policy.model_validate(_widest_policy())
    assert widest.boundaries_review_days == 3660
    assert widest.drift_window_days * widest.drift_trend_windows == 366 * 24
    assert widest.evaluation_interval_months == 1200


_POLICIES: Final = (None, _widest_policy())


def _walk(data: Any, change: Callable[[str], str]) -> Any:
    """``data`` with ``change`` applied to every string in it."""
    if isinstance(data, dict):
        return {k: _walk(v, change) for k, v in data.items()}
    if isinstance(data, list):
        return [_walk(v, change) for v in data]
    return change(data) if isinstance(data, str) else data


def _is_day(text: str) -> bool:
    return len(text) == 10 and text[:4].isdigit() and text[4] == "-"


def _is_moment(text: str) -> bool:
    return len(text) > 10 and _is_day(text[:10]) and text[10] == "T"


def _moved(data: Any, as_of: date) -> Any:
    """``data`` with its days moved as ``_REFERENCE`` is to ``as_of``, pinned to the calendar.

    Date-times all move by the same time, as far as the calendar lets the earliest and the
    latest of them go, so that shifts keep their order and length.
    """
    days = as_of.toordinal() - _REFERENCE.toordinal()
    clocks: list[datetime] = []

    def note(text: str) -> str:
        if _is_moment(text):
            clocks.append(datetime.fromisoformat(text).replace(tzinfo=None))
        return text

    _walk(data, note)
    by = timedelta(days=days)
    if clocks:
        by = min(max(by, _FIRST_CLOCK - min(clocks)), _LAST_CLOCK - max(clocks))

    def move(text: str) -> str:
        if _is_moment(text):
            return (datetime.fromisoformat(text) + by).isoformat()
        if _is_day(text):
            return days_after(date.fromisoformat(text), days).isoformat()
        return text

    return _walk(data, move)


_AS_OF = st.one_of(st.sampled_from(_EXTREMES), st.dates())


@settings(max_examples=60)
@given(as_of=_AS_OF, policy=st.sampled_from(_POLICIES), spread=st.integers(-4000, 4000))
def test_every_programme_check_answers_anywhere_on_the_calendar(
    as_of: date, policy: dict[str, Any] | None, spread: int
) -> None:
    launched = _day("2025-01-06") + timedelta(days=spread)
    data = _moved(programme(launched_on=launched.isoformat()), as_of)
    no_horizon = {
        **data,
        "roster": {"timezone": "Pacific/Kiritimati", "shifts": data["roster"]["shifts"]},
    }
    for subject in (data, no_horizon):
        report = ps.check_program(subject, policy, as_of=as_of)
        assert report.as_of == as_of


@settings(max_examples=40)
@given(
    as_of=_AS_OF,
    policy=st.sampled_from(_POLICIES),
    tz=st.sampled_from(["Europe/London", "Etc/GMT+12", "Pacific/Kiritimati"]),
)
def test_boundaries_and_drift_answer_anywhere_on_the_calendar(
    as_of: date, policy: dict[str, Any] | None, tz: str
) -> None:
    a = _moved(
        agreement(
            review_on=None,
            timezone=tz,
            change_requests=[{"requested_on": "2026-11-20"}],
            declined={"declined_on": "2026-11-20"},
        ),
        as_of,
    )
    contacts = _moved(weekly_contacts(20, 3), as_of)
    report = check_boundaries(a, contacts, policy, as_of=as_of)
    assert report.outcome_of("BND-002") is not None
    log = _moved({**healthy_log(), "started_on": "2026-10-01"}, as_of)
    profile = ps.drift_profile(log, policy, as_of=as_of)
    assert profile.windows[-1][1] == as_of


@settings(max_examples=30)
@given(as_of=_AS_OF, policy=st.sampled_from(_POLICIES))
def test_supporter_checks_answer_anywhere_on_the_calendar(
    as_of: date, policy: dict[str, Any] | None
) -> None:
    report = ps.check_supporters([_moved(supporter(), as_of)], policy, as_of=as_of)
    assert report.as_of == as_of
