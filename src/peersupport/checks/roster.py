"""The on-call roster (``ROSTER-*``): two-tier cover around the clock, crisis training, rest.

The coverage algorithm works on UTC instants (whole microseconds), so shifts written with
different UTC offsets, or across a change to or from daylight saving time, line up exactly:
a night shift from 20:00 to 08:00 local time that crosses the autumn change lasts 13 hours,
and one that crosses the spring change lasts 11.

1. Every shift with a primary and a *different* backup covers its whole interval. Those
   intervals are sorted and merged, which also merges overlapping shifts: O(n log n).
2. Only in the holes left by step 1 can cover still come from a combination of shifts
   (a primary from one, a backup from another). The shifts that can reach there, those with
   no backup or the same person in both tiers, are swept once in time order, counting who is
   on call in each tier.
3. What remains uncovered is reported as maximal intervals, each with its reasons:
   ``no_cover`` (no one on call), ``no_backup`` (a primary but no backup), ``same_person``
   (one person in both tiers).

Consecutive hours are measured per person over the union of their shifts in either tier:
a stretch goes on until a break off call of at least the policy's rest.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from peersupport._errors import InvalidInput
from peersupport.checks._common import CheckContext, coerce_model
from peersupport.checks._dates import at_instant, days_after, in_zone
from peersupport.engine import Evaluation, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model.program import Program, ProgrammeModel
from peersupport.model.roster import Roster, Shift, instant
from peersupport.model.supporter import Supporter
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = [
    "ROSTER",
    "Coverage",
    "Gap",
    "GapReason",
    "RosterView",
    "analyse_coverage",
    "check_roster",
]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
_HOUR: Final = 3_600_000_000
_DAY: Final = 24 * _HOUR
# The evidence of a finding lists at most this many gaps; Coverage keeps them all.
_EVIDENCE_GAPS: Final = 20


class GapReason(StrEnum):
    """Why a stretch of the horizon is not covered."""

    NO_COVER = "no_cover"
    NO_BACKUP = "no_backup"
    SAME_PERSON = "same_person"


def _moment(micros: int, tz: ZoneInfo) -> datetime:
    return at_instant(micros, tz)


def _hours(micros: int) -> float:
    return round(micros / _HOUR, 4)


@attrs.frozen
class Gap:
    """A maximal interval of the horizon without a primary and a different backup."""

    start: datetime
    end: datetime
    reasons: tuple[GapReason, ...]

    @property
    def duration(self) -> timedelta:
        """How long the gap lasts in real elapsed time.

        Not ``end - start``: two datetimes sharing one ``ZoneInfo`` subtract by wall clock,
        which is an hour out across a change of the clocks.
        """
        return timedelta(microseconds=instant(self.end) - instant(self.start))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, times in the programme's time zone."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hours": _hours(instant(self.end) - instant(self.start)),
            "reasons": [r.value for r in self.reasons],
        }


@attrs.frozen(eq=False)
class Coverage:
    """How a roster covers its horizon: the gaps, and the time covered.

    ``covered`` is summed from the covered intervals themselves, not derived from the gaps,
    so ``covered + sum of gap durations == horizon`` is a real invariant.
    """

    timezone: str
    start: datetime
    end: datetime
    tiers: int
    gaps: tuple[Gap, ...]
    covered: timedelta

    @property
    def horizon(self) -> timedelta:
        """The length of the horizon."""
        return timedelta(microseconds=instant(self.end) - instant(self.start))

    @property
    def uncovered(self) -> timedelta:
        """The total length of the gaps."""
        return sum((g.duration for g in self.gaps), timedelta())

    @property
    def complete(self) -> bool:
        """Whether the whole horizon is covered."""
        return not self.gaps

    def by_weekday_hour(self) -> tuple[tuple[float, ...], ...]:
        """Share of time covered for each local weekday (Monday first) and hour (0-23).

        Time-weighted: an hour that occurs twice when the clocks go back counts twice, and
        one skipped when they go forward does not occur. A slot the horizon never reaches
        is ``nan``.
        """
        tz = ZoneInfo(self.timezone)
        start, end = instant(self.start), instant(self.end)
        gaps = [(instant(g.start), instant(g.end)) for g in self.gaps]
        total = [[0] * 24 for _ in range(7)]
        covered = [[0] * 24 for _ in range(7)]
        local = in_zone(self.start, tz)
        cursor = start - (local.minute * 60 + local.second) * 1_000_000 - local.microsecond
        g = 0
        while cursor < end:
            lo, hi = max(cursor, start), min(cursor + _HOUR, end)
            when = _moment(lo, tz)
            while g < len(gaps) and gaps[g][1] <= lo:
                g += 1
            missing = 0
            k = g
            while k < len(gaps) and gaps[k][0] < hi:
                missing += min(hi, gaps[k][1]) - max(lo, gaps[k][0])
                k += 1
            total[when.weekday()][when.hour] += hi - lo
            covered[when.weekday()][when.hour] += hi - lo - missing
            cursor += _HOUR
        return tuple(
            tuple(c / t if t else float("nan") for c, t in zip(cs, ts, strict=True))
            for cs, ts in zip(covered, total, strict=True)
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "timezone": self.timezone,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "tiers": self.tiers,
            "horizon_hours": _hours(instant(self.end) - instant(self.start)),
            "covered_hours": _hours(self.covered // timedelta(microseconds=1)),
            "gaps": [g.to_dict() for g in self.gaps],
        }


def _status(primaries: Mapping[str, int], backups: Mapping[str, int], tiers: int) -> str | None:
    """``None`` when covered, else the reason: who is on call in each tier decides."""
    if not primaries:
        return GapReason.NO_COVER
    if tiers < 2:  # noqa: PLR2004 - two tiers: a primary and a backup
        return None
    if not backups:
        return GapReason.NO_BACKUP
    if len(primaries) > 1 or len(backups) > 1 or primaries.keys() != backups.keys():
        return None
    return GapReason.SAME_PERSON


def _sweep(
    shifts: Sequence[tuple[int, int, str, str | None]], tiers: int
) -> tuple[list[int], list[str | None]]:
    """Breakpoints and the status from each one to the next, for the partly staffed shifts."""
    events: list[tuple[int, int, str, str | None]] = []
    for start, end, primary, backup in shifts:
        events.append((start, 1, primary, backup))
        events.append((end, -1, primary, backup))
    # Only the time orders events: all those at one instant apply before the state is read.
    events.sort(key=itemgetter(0))
    primaries: dict[str, int] = {}
    backups: dict[str, int] = {}
    points: list[int] = []
    states: list[str | None] = []
    i = 0
    while i < len(events):
        now = events[i][0]
        while i < len(events) and events[i][0] == now:
            _, delta, primary, backup = events[i]
            for person, tier in ((primary, primaries), (backup, backups)):
                if person is None:
                    continue
                count = tier.get(person, 0) + delta
                if count:
                    tier[person] = count
                else:
                    del tier[person]
            i += 1
        points.append(now)
        states.append(_status(primaries, backups, tiers))
    return points, states


def _split(
    shifts: Iterable[Shift], start: int, end: int, tiers: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int, str, str | None]]]:
    """Clip to the horizon; part the fully staffed shifts from the others."""
    staffed: list[tuple[int, int]] = []
    partial: list[tuple[int, int, str, str | None]] = []
    for shift in shifts:
        s, e = shift.instants
        s = max(s, start)
        e = min(e, end)
        if s >= e:
            continue
        backup = shift.backup
        if tiers < 2 or (backup is not None and backup != shift.primary):  # noqa: PLR2004
            staffed.append((s, e))
        else:
            partial.append((s, e, shift.primary, backup))
    return staffed, partial


def _union(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, list[tuple[int, int]]]:
    """Sort and merge the spans: the time they cover, and the holes they leave."""
    spans.sort()
    covered = 0
    holes: list[tuple[int, int]] = []
    cursor = start
    for s, e in spans:
        if s > cursor:
            holes.append((cursor, s))
        if e > cursor:
            covered += e - max(s, cursor)
            cursor = e
    if cursor < end:
        holes.append((cursor, end))
    return covered, holes


def _fill(
    holes: list[tuple[int, int]], partial: list[tuple[int, int, str, str | None]], tiers: int
) -> tuple[int, list[tuple[int, int, str]]]:
    """Within the holes, the time the partly staffed shifts cover together, and the rest."""
    if not partial:
        return 0, [(lo, hi, GapReason.NO_COVER) for lo, hi in holes]
    points, states = _sweep(partial, tiers)
    covered = 0
    pieces: list[tuple[int, int, str]] = []
    for lo, hi in holes:
        # The state in force at lo is the one from the last breakpoint at or before it.
        k = bisect.bisect_right(points, lo) - 1
        at = lo
        while at < hi:
            state = states[k] if k >= 0 else GapReason.NO_COVER
            stop = min(points[k + 1], hi) if k + 1 < len(points) else hi
            if state is None:
                covered += stop - at
            else:
                pieces.append((at, stop, state))
            at = stop
            k += 1
    return covered, pieces


def _coverage(
    shifts: Iterable[Shift], start: int, end: int, tiers: int
) -> tuple[int, list[tuple[int, int, frozenset[str]]]]:
    """Covered microseconds and the uncovered intervals (with reasons) of ``[start, end)``."""
    staffed, partial = _split(shifts, start, end, tiers)
    covered, holes = _union(staffed, start, end)
    more, pieces = _fill(holes, partial, tiers)
    gaps: list[tuple[int, int, frozenset[str]]] = []
    for lo, hi, reason in pieces:
        if gaps and gaps[-1][1] == lo:
            gaps[-1] = (gaps[-1][0], hi, gaps[-1][2] | {reason})
        else:
            gaps.append((lo, hi, frozenset({reason})))
    return covered + more, gaps


def _make_coverage(roster: Roster, start: int, end: int, tiers: int) -> Coverage:
    tz = roster.tz
    covered, raw = _coverage(roster.shifts, start, end, tiers)
    gaps = tuple(
        Gap(_moment(lo, tz), _moment(hi, tz), tuple(sorted(GapReason(r) for r in reasons)))
        for lo, hi, reasons in raw
    )
    return Coverage(
        timezone=roster.timezone,
        start=_moment(start, tz),
        end=_moment(end, tz),
        tiers=tiers,
        gaps=gaps,
        covered=timedelta(microseconds=covered),
    )


def analyse_coverage(
    roster: Roster | Mapping[str, Any],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    tiers: int = 2,
) -> Coverage:
    """Analyse how a roster covers a horizon: the roster's own, or ``start`` to ``end``.

    With ``tiers=2`` (the default, as the guidance asks) every moment needs a primary and a
    different backup; with ``tiers=1`` a primary alone covers it.
    """
    model = coerce_model(Roster, roster, "roster")
    if (start is None) != (end is None):
        raise InvalidInput.single(("horizon",), "horizon", "give both start and end, or neither")
    if start is not None and end is not None:
        if start.tzinfo is None or end.tzinfo is None:
            raise InvalidInput.single(("horizon",), "timezone_aware", "needs a time zone")
        bounds = (instant(start), instant(end))
    elif model.horizon is not None:
        bounds = (instant(model.horizon[0]), instant(model.horizon[1]))
    else:
        raise InvalidInput.single(
            ("roster", "horizon_start"), "missing", "required (or pass start and end)"
        )
    if bounds[1] <= bounds[0]:
        raise InvalidInput.single(("horizon",), "horizon", "the end must be after the start")
    if tiers < 1:
        raise InvalidInput.single(("tiers",), "greater_than_equal", "at least 1")
    return _make_coverage(model, bounds[0], bounds[1], tiers)


@lru_cache(maxsize=4096)
def _midnight(day: date, tz: ZoneInfo) -> int:
    return instant(datetime.combine(day, time(), tzinfo=tz))


@attrs.frozen(eq=False, slots=False)
class RosterView:
    """A programme's roster as the rules read it, with the analyses computed once."""

    program: Program
    context: CheckContext

    @property
    def roster(self) -> Roster | None:
        """The roster, if recorded."""
        return self.program.roster

    @cached_property
    def horizon(self) -> tuple[int, int, str]:
        """The horizon in microseconds, and where it came from (``roster`` or ``policy``)."""
        roster = self.roster
        assert roster is not None  # noqa: S101 - only asked when there is a roster
        if roster.horizon is not None:
            return instant(roster.horizon[0]), instant(roster.horizon[1]), "roster"
        as_of, days = self.context.as_of, self.context.policy.roster_horizon_days
        first = _midnight(as_of, roster.tz)
        if (date.max - as_of).days >= days:
            last = _midnight(days_after(as_of, days), roster.tz)
        else:  # it runs past the calendar, so it stops at the last moment the calendar names
            last = instant(datetime.combine(date.max, time.max, tzinfo=roster.tz))
        return first, last, "policy"

    @cached_property
    def coverage(self) -> Coverage:
        """The coverage of the horizon."""
        roster = self.roster
        assert roster is not None  # noqa: S101 - only asked when there is a roster
        start, end, _ = self.horizon
        return _make_coverage(roster, start, end, self.context.policy.on_call_tiers)

    @cached_property
    def supporters(self) -> dict[str, Supporter]:
        """The programme's supporters by id."""
        return {s.id: s for s in self.program.supporters}

    @cached_property
    def on_call(self) -> dict[str, list[tuple[int, int]]]:
        """Each person's shifts in either tier, sorted by start."""
        roster = self.roster
        out: dict[str, list[tuple[int, int]]] = {}
        if roster is None:
            return out
        for shift in roster.shifts:
            span = shift.instants
            out.setdefault(shift.primary, []).append(span)
            if shift.backup is not None and shift.backup != shift.primary:
                out.setdefault(shift.backup, []).append(span)
        for spans in out.values():
            spans.sort()
        return out


def _offered(program: Program, model: ProgrammeModel) -> bool | None:
    offers = program.offers
    return None if offers is None else model in offers


def _no_roster(v: RosterView) -> Evaluation | None:
    if v.roster is not None:
        return None
    offered = _offered(v.program, ProgrammeModel.CRISIS_SUPPORT)
    if offered is None:
        return Evaluation(REVIEW, "unknown", {"roster": None})
    if offered:
        return Evaluation(NOT_MET, "no_roster", {"roster": None})
    return Evaluation(NA, "not_offered", {"roster": None})


def _iso(micros: int, tz: ZoneInfo) -> str:
    return _moment(micros, tz).isoformat()


def _cover(v: RosterView, _c: CheckContext) -> Evaluation:
    missing = _no_roster(v)
    if missing is not None:
        return missing
    coverage = v.coverage
    start, end, source = v.horizon
    gaps = coverage.gaps
    uncovered = sum(instant(g.end) - instant(g.start) for g in gaps)
    evidence: dict[str, Any] = {
        "horizon_start": coverage.start.isoformat(),
        "horizon_end": coverage.end.isoformat(),
        "horizon_source": source,
        "timezone": coverage.timezone,
        "tiers": coverage.tiers,
        "horizon_hours": _hours(end - start),
        "covered_hours": _hours(coverage.covered // timedelta(microseconds=1)),
        "uncovered_hours": _hours(uncovered),
        "gap_count": len(gaps),
        "gaps": [g.to_dict() for g in gaps[:_EVIDENCE_GAPS]],
    }
    if not gaps:
        return Evaluation(MET, "met", evidence)
    first = gaps[0]
    evidence["first_gap_start"] = first.start.isoformat()
    evidence["first_gap_end"] = first.end.isoformat()
    evidence["first_gap_reasons"] = [r.value for r in first.reasons]
    return Evaluation(NOT_MET, "gaps", evidence)


def _windows(v: RosterView, person: str) -> list[tuple[int, int]] | None:
    """When the person's crisis training is current, as merged instants; None if unknown."""
    supporter = v.supporters.get(person)
    if supporter is None:
        return None
    policy, as_of = v.context.policy, v.context.as_of
    tz = v.roster.tz if v.roster is not None else ZoneInfo("UTC")
    days = sorted(
        {
            t.completed_on
            for t in supporter.trainings
            if t.module == policy.crisis_module and t.completed_on <= as_of
        }
    )
    valid = timedelta(days=policy.retraining_interval_days + 1)
    merged: list[tuple[int, int]] = []
    for day in days:
        # An interval that runs past the calendar means "current for good".
        last = day + valid if date.max - day >= valid else date.max
        lo, hi = _midnight(day, tz), _midnight(last, tz)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _trained(v: RosterView, c: CheckContext) -> Evaluation:
    missing = _no_roster(v)
    if missing is not None:
        return Evaluation(NA, "no_roster", {}) if missing.outcome is NA else missing
    evidence: dict[str, Any] = {
        "module": c.policy.crisis_module,
        "valid_days": c.policy.retraining_interval_days,
    }
    if not v.on_call:
        return Evaluation(NA, "no_shifts", evidence)
    assert v.roster is not None  # noqa: S101 - on_call is empty without a roster
    tz = v.roster.tz
    problems: list[dict[str, Any]] = []
    unknown: list[str] = []
    for person in sorted(v.on_call):
        windows = _windows(v, person)
        if windows is None:
            unknown.append(person)
            continue
        starts = [w[0] for w in windows]
        bad = [
            (s, e)
            for s, e in v.on_call[person]
            if (k := bisect.bisect_right(starts, s) - 1) < 0 or e > windows[k][1]
        ]
        if bad:
            problems.append(
                {
                    "supporter": person,
                    "reason": "missing" if not windows else "not_current",
                    "shifts": len(bad),
                    "first_shift": _iso(bad[0][0], tz),
                }
            )
    evidence |= {
        "responders": [p["supporter"] for p in problems],
        "problems": problems,
        "unknown": unknown,
    }
    if problems:
        return Evaluation(NOT_MET, "not_current", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _stretches(spans: Sequence[tuple[int, int]], rest: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s - out[-1][1] < rest:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _rested(v: RosterView, c: CheckContext) -> Evaluation:
    missing = _no_roster(v)
    if missing is not None:
        return Evaluation(NA, "no_roster", {}) if missing.outcome is NA else missing
    limit_h, rest_h = c.policy.roster_max_consecutive_hours, c.policy.roster_min_rest_hours
    evidence: dict[str, Any] = {"limit_hours": limit_h, "rest_hours": rest_h}
    if not v.on_call:
        return Evaluation(NA, "no_shifts", evidence)
    assert v.roster is not None  # noqa: S101 - on_call is empty without a roster
    tz = v.roster.tz
    limit, rest = limit_h * _HOUR, rest_h * _HOUR
    longest = 0
    over: list[dict[str, Any]] = []
    for person in sorted(v.on_call):
        stretches = _stretches(v.on_call[person], rest)
        lengths = [e - s for s, e in stretches]
        longest = max(longest, *lengths)
        too_long = [(s, e) for s, e in stretches if e - s > limit]
        if too_long:
            s, e = max(too_long, key=lambda span: span[1] - span[0])
            over.append(
                {
                    "supporter": person,
                    "stretches": len(too_long),
                    "longest_start": _iso(s, tz),
                    "longest_hours": _hours(e - s),
                }
            )
    evidence |= {
        "longest_hours": _hours(longest),
        "supporters": [o["supporter"] for o in over],
        "over": over,
    }
    if over:
        return Evaluation(NOT_MET, "over", evidence)
    return Evaluation(MET, "met", evidence)


_CRISIS: Final = "Crisis Support"
_NO_ROSTER_MESSAGES: Final = {
    "unknown": "No roster is recorded, and nor is whether crisis support is offered.",
    "no_roster": "Crisis support is offered but no on-call roster is recorded.",
}

ROSTER: Final[RuleSet[RosterView, CheckContext]] = RuleSet.of(
    "roster",
    "1",
    [
        Rule(
            id="ROSTER-001",
            title="On call around the clock with a primary and a different backup",
            severity=Severity.CRITICAL,
            citations=(
                cite("workplace-ptsd-program", _CRISIS),
                cite("workplace-ptsd-program", "Peer Program Models and Structures"),
            ),
            rationale="Crisis support runs a two-tier on-call schedule, a primary and a backup "
            "peer support worker, so that someone can be reached at any hour of any day. A "
            "backup who is the primary gives no second tier.",
            remediation="Fill each gap with a primary and a different backup before it starts, "
            "and tell the team about the change in advance.",
            check=_cover,
            messages={
                **_NO_ROSTER_MESSAGES,
                "not_offered": "Crisis support is not offered and there is no roster.",
                "gaps": "{gap_count} gap(s) in on-call cover from {horizon_start} to "
                "{horizon_end}, {uncovered_hours} of {horizon_hours} hours; the first from "
                "{first_gap_start} to {first_gap_end} ({first_gap_reasons}).",
                "met": "Covered by a primary and a different backup from {horizon_start} to "
                "{horizon_end} ({horizon_hours} hours).",
            },
            tags=("roster", "crisis"),
        ),
        Rule(
            id="ROSTER-002",
            title="On-call responders hold crisis training current on each shift's date",
            severity=Severity.CRITICAL,
            citations=(
                cite("workplace-ptsd-program", "Training"),
                cite("workplace-ptsd-program", _CRISIS),
            ),
            rationale="Crisis management training is mandatory, and whoever answers the on-call "
            "phone must know how to recognise, manage and report a crisis on the day they are "
            "on call, not only on the day of the audit.",
            remediation="Replace the responder on those shifts, or renew their crisis "
            "management training before the first of them.",
            check=_trained,
            messages={
                **_NO_ROSTER_MESSAGES,
                "no_roster": "No on-call roster; the rule does not apply.",
                "no_shifts": "The roster has no shifts.",
                "not_current": "On call without {module} training current on the shift's date: "
                "{responders}.",
                "unknown": "On call but not among the supporters, so their training is "
                "unknown: {unknown}.",
                "met": "Every responder holds {module} training current on each shift's date.",
            },
            tags=("roster", "crisis", "training"),
        ),
        Rule(
            id="ROSTER-003",
            title="No one on call beyond the consecutive-hours limit without rest",
            severity=Severity.REQUIRED,
            citations=(
                cite("workplace-ptsd-program", "Supplemental Support and Community Resources"),
                cite(
                    "who-qualityrights-one-to-one",
                    "12 Peer supporters in mental health and social services",
                ),
            ),
            rationale="Supporters are available only to a reasonable extent; long stretches on "
            "call without rest wear people down, and good working conditions lower the risk "
            "of burn-out.",
            remediation="Split the long stretches between more supporters, or add rest "
            "between shifts.",
            check=_rested,
            messages={
                **_NO_ROSTER_MESSAGES,
                "no_roster": "No on-call roster; the rule does not apply.",
                "no_shifts": "The roster has no shifts.",
                "over": "On call for more than {limit_hours} hours without {rest_hours} hours' "
                "rest: {supporters}; the longest stretch is {longest_hours} hours.",
                "met": "The longest stretch on call is {longest_hours} hours (limit "
                "{limit_hours}, with {rest_hours} hours' rest between stretches).",
            },
            tags=("roster", "wellness"),
        ),
    ],
)


def check_roster(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check a programme's on-call roster (``ROSTER-*``)."""
    from peersupport.checks.programme import check_part  # noqa: PLC0415 - it imports us

    return check_part(
        ROSTER, program, policy, as_of=as_of, waivers=waivers, strict=strict, view=RosterView
    )
