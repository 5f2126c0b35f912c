"""Peer drift: indicators of a supporter moving away from the peer role (``DRIFT-*``).

:func:`drift_profile` reads one supporter's :class:`~peersupport.model.activity.ActivityLog`
and returns a :class:`DriftProfile`: each indicator with its value, the policy's ``watch``
and ``act`` thresholds, a level (``ok`` / ``watch`` / ``act``), its citations, and a trend
over rolling windows (by default four quarters back from the day of the check).

The events are aggregated as they are read, per window: counts, word totals and the
latest date of each kind, never the events themselves. Notes are scanned for their
language counts and dropped; their text never reaches a result. Sessions are the one
exception: each is kept as two integers until the end, because a break between two
sessions can only be judged once every session is known. :class:`DriftAccumulator` takes
events one at a time from any stream; :func:`drift_profiles` streams many supporters.

Every aggregate is order-free (sums, maxima, sets), so the profile does not depend on the
order of events. An indicator's value is its value in the latest window, or at the day of
the check for the ones measured at a point in time (days since, isolation, totals).
"""

from __future__ import annotations

import calendar
import hashlib
import html
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from peersupport._errors import ErrorDetail, InvalidInput, MissingExtra
from peersupport._frozen import frozen_map, thaw
from peersupport.checks._common import CheckContext, coerce_model, make_context
from peersupport.checks._dates import days_after, days_before, month_index, month_label
from peersupport.checks.language import scan_language
from peersupport.checks.roles import assess_task
from peersupport.engine import (
    Citation,
    Evaluation,
    Finding,
    Outcome,
    Rule,
    RuleSet,
    Severity,
    canonical_json,
    digest_json,
)
from peersupport.model._base import FrozenModel
from peersupport.model.activity import (
    ActivityLog,
    ExtraDuty,
    NoteRecord,
    SessionRecord,
    ShiftRecord,
    SupervisionRecord,
    TaskRecord,
)
from peersupport.model.knowledge import training_catalogue
from peersupport.model.program import SupervisorKind
from peersupport.model.supporter import TrainingRecord
from peersupport.policy import Policy
from peersupport.sources import cite
from peersupport.text._language_pack import LanguageCategory

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DRIFT",
    "DriftAccumulator",
    "DriftLevel",
    "DriftProfile",
    "Indicator",
    "TrendDirection",
    "drift_profile",
    "drift_profiles",
]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)


class DriftLevel(StrEnum):
    """How far an indicator has moved: fine, worth watching, worth acting on."""

    OK = "ok"
    WATCH = "watch"
    ACT = "act"

    @property
    def rank(self) -> int:
        """0 for ok, 1 for watch, 2 for act."""
        return _LEVEL_RANK[self]


_LEVEL_RANK: Final = {DriftLevel.OK: 0, DriftLevel.WATCH: 1, DriftLevel.ACT: 2}
_OUTCOME: Final = {DriftLevel.OK: MET, DriftLevel.WATCH: REVIEW, DriftLevel.ACT: NOT_MET}


class TrendDirection(StrEnum):
    """How the latest window compares with the one before (every indicator: higher is worse)."""

    WORSENING = "worsening"
    STEADY = "steady"
    IMPROVING = "improving"
    UNKNOWN = "unknown"


# --- the indicators ---------------------------------------------------------------------------


# attrs converters: a list handed in becomes a tuple, so it cannot change the result later.
def _trend(values: Iterable[float | None]) -> tuple[float | None, ...]:
    return tuple(values)


def _citations(values: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(values)


@attrs.frozen
class Indicator:
    """One drift indicator: value, thresholds, level, citations and trend.

    ``value`` is ``None`` when there is nothing to measure (no tasks, no notes…; the level is
    then ``ok`` and the rule not applicable) or when the event was never recorded (no peer
    supervision, no training: the level is then ``act``). ``trend`` holds the value at each
    window, oldest first, ending with ``value``; ``evidence`` holds the counts behind it,
    read-only (a copy is taken, its mappings made read-only and its lists tuples).
    """

    rule_id: str
    name: str
    title: str
    unit: str
    value: float | None
    watch: float
    act: float
    level: DriftLevel
    trend: tuple[float | None, ...] = attrs.field(converter=_trend)
    direction: TrendDirection
    citations: tuple[Citation, ...] = attrs.field(converter=_citations)
    evidence: Mapping[str, Any] = attrs.field(factory=dict, eq=False, converter=frozen_map)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "rule_id": self.rule_id,
            "name": self.name,
            "title": self.title,
            "unit": self.unit,
            "value": self.value,
            "watch": self.watch,
            "act": self.act,
            "level": self.level.value,
            "trend": list(self.trend),
            "direction": self.direction.value,
            "citations": [c.to_dict() for c in self.citations],
            "evidence": thaw(self.evidence),
        }


def _level(value: float | None, watch: float, act: float, *, missing: DriftLevel) -> DriftLevel:
    if value is None:
        return missing
    if value >= act:
        return DriftLevel.ACT
    if value >= watch:
        return DriftLevel.WATCH
    return DriftLevel.OK


def _direction(trend: tuple[float | None, ...]) -> TrendDirection:
    if len(trend) < 2 or trend[-1] is None or trend[-2] is None:  # noqa: PLR2004 - two windows
        return TrendDirection.UNKNOWN
    if trend[-1] > trend[-2]:
        return TrendDirection.WORSENING
    if trend[-1] < trend[-2]:
        return TrendDirection.IMPROVING
    return TrendDirection.STEADY


@attrs.frozen
class _Spec:
    """What an indicator is: its rule, title, unit, thresholds and citations."""

    rule_id: str
    name: str
    title: str
    unit: str
    severity: Severity
    citations: tuple[Citation, ...]
    rationale: str
    remediation: str
    # The level when the value is None: ``ok`` for nothing to measure, ``act`` for never.
    missing: DriftLevel
    thresholds: Callable[[Policy], tuple[float, float]]


_DRIFT_SECTION: Final = "12 Peer drift"
_MISUSE: Final = "12 Good use and misuse of peer supporters"
_WT: Final = "Suggestions for creating a peer program"
_WT_TOGETHER: Final = "Working Together in Peer Programs"


def _pair(watch: str, act: str) -> Callable[[Policy], tuple[float, float]]:
    return lambda p: (float(getattr(p, watch)), float(getattr(p, act)))


def _training_thresholds(p: Policy) -> tuple[float, float]:
    interval = p.retraining_interval_days
    return (float(max(0, interval - p.drift_training_notice_days)), float(interval + 1))


SPECS: Final[tuple[_Spec, ...]] = (
    _Spec(
        "DRIFT-001",
        "organisational_drift",
        "Role-inconsistent tasks assigned by the organisation",
        "share of tasks",
        Severity.RECOMMENDED,
        (
            cite("who-qualityrights-one-to-one", _MISUSE),
            cite("working-together", _WT, "Boundaries between Staff roles"),
        ),
        "When staff, a supervisor or the treatment plan hand a supporter clinical or staff "
        "work, the organisation pulls the role away from peer support (busy work, mixed "
        "loyalties, power imbalance).",
        "Take the assigned tasks back to the staff roles they belong to, and agree with the "
        "supporter's supervisors what the peer role does and does not do.",
        DriftLevel.OK,
        _pair("drift_organisational_watch", "drift_organisational_act"),
    ),
    _Spec(
        "DRIFT-002",
        "individual_drift",
        "Role-inconsistent tasks the supporter took on",
        "share of tasks",
        Severity.RECOMMENDED,
        (cite("who-qualityrights-one-to-one", _DRIFT_SECTION),),
        "Over time a supporter may move towards a clinical approach of their own accord; "
        "role-inconsistent tasks no one assigned (self-initiated, or at a peer's request) "
        "show that shift.",
        "Talk it through in peer supervision: what pulled the supporter towards the task, "
        "and the peer-role way to meet the same need.",
        DriftLevel.OK,
        _pair("drift_individual_watch", "drift_individual_act"),
    ),
    _Spec(
        "DRIFT-003",
        "directive_language",
        "Directive language in notes",
        "per 1,000 words",
        Severity.RECOMMENDED,
        (
            cite("who-qualityrights-one-to-one", _DRIFT_SECTION),
            cite("who-qualityrights-one-to-one", "7. Language"),
        ),
        "Drift can show as a supporter telling peers what they should do instead of "
        "listening; notes full of instructions are one trace of it.",
        "Review a sample of notes together in supervision and practise open, "
        "choice-respecting phrasing.",
        DriftLevel.OK,
        _pair("drift_directive_watch", "drift_directive_act"),
    ),
    _Spec(
        "DRIFT-004",
        "closed_judgemental_language",
        "Closed and judgemental language in notes",
        "per 1,000 words",
        Severity.RECOMMENDED,
        (
            cite("who-qualityrights-one-to-one", "7. Language"),
            cite("who-qualityrights-one-to-one", "6 From ethics to practice"),
        ),
        "Closed, judgemental wording (labels, verdicts on a person) is the language of "
        "assessment, not of a peer who withholds judgement.",
        "Go through the flagged phrases with the supporter and the language rules' "
        "suggestions; revisit the values training.",
        DriftLevel.OK,
        _pair("drift_closed_watch", "drift_closed_act"),
    ),
    _Spec(
        "DRIFT-005",
        "peer_supervision",
        "Days since the last peer supervision",
        "days",
        Severity.RECOMMENDED,
        (
            cite("working-together", _WT_TOGETHER),
            cite(
                "who-qualityrights-one-to-one", "11 Conditions of work", "Mentoring and supervision"
            ),
            cite("who-qualityrights-one-to-one", _DRIFT_SECTION),
        ),
        "Drift is gradual, and a supervisor committed to peer support is what helps; a "
        "supporter long without peer supervision drifts unnoticed.",
        "Book a session with a peer supervisor (or peers supervising each other) and set a "
        "regular rhythm.",
        DriftLevel.ACT,
        _pair("drift_supervision_watch_days", "drift_supervision_act_days"),
    ),
    _Spec(
        "DRIFT-006",
        "debriefs_missed",
        "Monthly debriefs missed",
        "months",
        Severity.REQUIRED,
        (
            cite("workplace-ptsd-program", "Training"),
            cite("workplace-ptsd-program", "Peer Program Models and Structures"),
        ),
        "Supporters meet monthly to debrief and review their roles; missed months cut them "
        "off from the team that keeps the role in view.",
        "Follow up with the supporter about the missed debriefs and what keeps them away.",
        DriftLevel.OK,
        _pair("drift_debriefs_missed_watch", "drift_debriefs_missed_act"),
    ),
    _Spec(
        "DRIFT-007",
        "isolation",
        "Isolation from other peer supporters",
        "signals",
        Severity.RECOMMENDED,
        (
            cite("who-qualityrights-one-to-one", "10 Interviewing and hiring peer supporters"),
            cite("workplace-ptsd-program", "Supplemental Support and Community Resources"),
            cite("working-together", _WT),
        ),
        "Working alone in a peer role invites drift and burnout; more than one supporter on "
        "a team and a community of practice keep the values alive. Two signals: the only "
        "peer supporter on the team (or unknown), and no community-of-practice contact "
        "within the policy's days.",
        "Connect the supporter with a community of practice, and plan to hire or pair more "
        "than one peer supporter.",
        DriftLevel.OK,
        _pair("drift_isolation_watch", "drift_isolation_act"),
    ),
    _Spec(
        "DRIFT-008",
        "back_to_back",
        "Sessions back to back without a break",
        "share of sessions",
        Severity.ADVISORY,
        (cite("working-together", _WT),),
        "A short break between peers, for a moment of self-care, guards against burnout.",
        "Leave at least the policy's break between peers when booking sessions.",
        DriftLevel.OK,
        _pair("drift_back_to_back_watch", "drift_back_to_back_act"),
    ),
    _Spec(
        "DRIFT-009",
        "shift_debriefs",
        "Shifts ended without a team debrief",
        "share of shifts",
        Severity.RECOMMENDED,
        (cite("working-together", _WT),),
        "A short team debrief before leaving a shift grounds supporters for self-care at "
        "home; shifts ended without one add up.",
        "Hold the team debrief before the end of each shift and record it.",
        DriftLevel.OK,
        _pair("drift_shift_debrief_watch", "drift_shift_debrief_act"),
    ),
    _Spec(
        "DRIFT-010",
        "early_extra_duties",
        "Extra duties taken on early in employment",
        "duties",
        Severity.ADVISORY,
        (cite("working-together", _WT),),
        "Supporters may say no to extra responsibilities (facilitation, committee work) in "
        "their first months; many taken on early can crowd out the peer role. A supporter "
        "whose start date is unknown is treated as new.",
        "Check with the supporter that each extra duty was freely chosen, and offer to hand "
        "some back until they are settled.",
        DriftLevel.OK,
        _pair("drift_extra_duties_watch", "drift_extra_duties_act"),
    ),
    _Spec(
        "DRIFT-011",
        "training_lapsed",
        "Days since the last peer support training",
        "days",
        Severity.REQUIRED,
        (cite("workplace-ptsd-program", "Training"),),
        "Regular retraining keeps supporters connected and reminds them of the model; "
        "training that lapses removes one anchor against drift.",
        "Book the supporter on the next retraining session.",
        DriftLevel.ACT,
        _training_thresholds,
    ),
)

_BY_NAME: Final = {s.name: s for s in SPECS}


# --- windows and aggregation --------------------------------------------------------------------


def _month_last_day(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


_CLOSED: Final = (LanguageCategory.CLOSED_LANGUAGE, LanguageCategory.JUDGEMENTAL)


class DriftAccumulator:
    """Aggregates one supporter's events, one at a time, into a :class:`DriftProfile`.

    Give the facts about the supporter first, then feed events in any order with the
    ``add_*`` methods (a model or a mapping each; a bad one raises
    :class:`~peersupport.InvalidInput`), and call :meth:`profile`. Memory stays flat as
    events grow: each window keeps counts and latest dates, not events (sessions keep two
    integers each). Events after ``as_of`` are ignored.
    """

    def __init__(
        self,
        supporter: str,
        policy: Policy | Mapping[str, Any] | None = None,
        *,
        as_of: date | None = None,
        started_on: date | None = None,
        peer_colleagues: int | None = None,
    ) -> None:
        header = coerce_model(
            ActivityLog,
            {"supporter": supporter, "started_on": started_on, "peer_colleagues": peer_colleagues},
            "activity",
        )
        self._init(header, make_context(policy, as_of))
        self._hash: int | None = 0

    @classmethod
    def _for_log(cls, log: ActivityLog, context: CheckContext) -> DriftAccumulator:
        self = cls.__new__(cls)
        self._init(log, context)
        self._hash = None
        return self

    def _init(self, header: ActivityLog, context: CheckContext) -> None:
        p = context.policy
        self._context = context
        self._supporter = header.supporter
        self._started_on = header.started_on
        self._colleagues = header.peer_colleagues
        self._as_of = context.as_of
        self._width = p.drift_window_days
        n = self._n = p.drift_trend_windows
        # Both pinned to the calendar: a horizon before its start takes in every day there
        # is, and an early period past its end has not ended on any day there is.
        self._horizon = days_before(self._as_of, n * self._width)
        self._early_days = p.drift_early_employment_days
        self._early_end = (
            days_after(header.started_on, self._early_days)
            if header.started_on is not None
            else None
        )
        self._core = training_catalogue().core_ids
        # Per window (index 0 is the latest): counts.
        self._tasks = [0] * n
        self._org = [0] * n
        self._ind = [0] * n
        self._review = [0] * n
        self._words = [0] * n
        self._directive = [0] * n
        self._closed = [0] * n
        self._notes = [0] * n
        self._shifts = [0] * n
        self._undebriefed = [0] * n
        # Per window, plus one slot (index n) for everything older: latest day or count.
        self._peer_sup: list[date | None] = [None] * (n + 1)
        self._admin_sup: date | None = None
        self._community: list[date | None] = [None] * (n + 1)
        self._trained: list[date | None] = [None] * (n + 1)
        self._early: list[int] = [0] * (n + 1)
        self._months: set[int] = set()
        self._sessions: list[tuple[int, int, int]] = []
        self._events = 0

    # -- placement ---------------------------------------------------------------------------

    def _slot(self, day: date) -> int | None:
        """The window of ``day``: 0 is the latest, ``n`` anything older; None after as_of."""
        if day > self._as_of:
            return None
        return min((self._as_of - day).days // self._width, self._n)

    def _note_event(self, record: Any) -> None:
        self._events += 1
        if self._hash is not None:
            data = record.__pydantic_serializer__.to_json(record)
            self._hash = (self._hash + int.from_bytes(hashlib.sha256(data).digest())) % (1 << 256)

    @staticmethod
    def _latest(slots: list[date | None], k: int, day: date) -> None:
        current = slots[k]
        if current is None or day > current:
            slots[k] = day

    # -- events ------------------------------------------------------------------------------

    def add_task(self, record: TaskRecord | Mapping[str, Any]) -> None:
        """A task done on a day, judged with :func:`peersupport.assess_task`."""
        r = coerce_model(TaskRecord, record, "task")
        self._note_event(r)
        k = self._slot(r.day)
        if k is None or k >= self._n:
            return
        verdict = assess_task(r.task, self._context.policy)
        self._tasks[k] += 1
        if verdict.is_inconsistent:
            if verdict.assigned:
                self._org[k] += 1
            else:
                self._ind[k] += 1
        elif verdict.verdict.value == "needs_review":
            self._review[k] += 1

    def add_note(self, record: NoteRecord | Mapping[str, Any]) -> None:
        """A note written on a day: counted for its language, then dropped."""
        r = coerce_model(NoteRecord, record, "note")
        self._note_event(r)
        k = self._slot(r.day)
        if k is None or k >= self._n:
            return
        _, counts = scan_language(r.text, self._context.policy)
        self._notes[k] += 1
        self._words[k] += counts.words
        self._directive[k] += counts.by_category[LanguageCategory.DIRECTIVE]
        self._closed[k] += sum(counts.by_category[c] for c in _CLOSED)

    def add_session(self, record: SessionRecord | Mapping[str, Any]) -> None:
        """A one-to-one session with a start and an end."""
        r = coerce_model(SessionRecord, record, "session")
        self._note_event(r)
        day = r.start.date()
        # Sessions a day older than the horizon are kept: the one just before the first.
        if day <= self._as_of and (self._as_of - day).days <= self._n * self._width + 1:
            start, end = r.instants
            self._sessions.append((start, end, day.toordinal()))

    def add_shift(self, record: ShiftRecord | Mapping[str, Any]) -> None:
        """A shift, with the minutes of team debrief before leaving it."""
        r = coerce_model(ShiftRecord, record, "shift")
        self._note_event(r)
        k = self._slot(r.end.date())
        if k is None or k >= self._n:
            return
        self._shifts[k] += 1
        minimum = self._context.policy.drift_shift_debrief_minutes
        if r.debrief_minutes is None or r.debrief_minutes < minimum:
            self._undebriefed[k] += 1

    def add_supervision(self, record: SupervisionRecord | Mapping[str, Any]) -> None:
        """A supervision session, peer or administrative."""
        r = coerce_model(SupervisionRecord, record, "supervision")
        self._note_event(r)
        k = self._slot(r.day)
        if k is None:
            return
        if r.kind is SupervisorKind.PEER:
            self._latest(self._peer_sup, k, r.day)
        elif self._admin_sup is None or r.day > self._admin_sup:
            self._admin_sup = r.day

    def add_debrief(self, day: date | str) -> None:
        """A monthly debrief attended."""
        self._debrief(coerce_model(_DayRecord, {"day": day}, "debrief").day)

    def _debrief(self, on: date) -> None:
        self._events += 1
        if self._hash is not None:
            self._hash = (self._hash + _day_hash("debrief", on)) % (1 << 256)
        if days_before(self._horizon, 31) <= on <= self._as_of:
            self._months.add(month_index(on))

    def add_community_contact(self, day: date | str) -> None:
        """A day of contact with a community of practice."""
        self._community_contact(coerce_model(_DayRecord, {"day": day}, "community_contact").day)

    def _community_contact(self, on: date) -> None:
        self._events += 1
        if self._hash is not None:
            self._hash = (self._hash + _day_hash("community", on)) % (1 << 256)
        k = self._slot(on)
        if k is not None:
            self._latest(self._community, k, on)

    def add_extra_duty(self, record: ExtraDuty | Mapping[str, Any]) -> None:
        """An extra duty taken on, on a day."""
        r = coerce_model(ExtraDuty, record, "extra_duty")
        self._note_event(r)
        k = self._slot(r.day)
        if k is None:
            return
        # An unknown start date counts every duty as early (fail safe). Counted in days, as
        # the early period may run past the last day the calendar can name.
        started = self._started_on
        if started is None or (r.day - started).days < self._early_days:
            self._early[k] += 1

    def add_training(self, record: TrainingRecord | Mapping[str, Any]) -> None:
        """A training module completed."""
        r = coerce_model(TrainingRecord, record, "training")
        self._note_event(r)
        k = self._slot(r.completed_on)
        if k is not None and r.module in self._core:
            self._latest(self._trained, k, r.completed_on)

    # -- the profile -------------------------------------------------------------------------

    def _ends(self) -> list[date]:
        """Each window's last day, oldest first (the calendar's first day, at the least)."""
        return [days_before(self._as_of, k * self._width) for k in reversed(range(self._n))]

    def _cumulative_latest(self, slots: list[date | None]) -> list[date | None]:
        """The latest day on or before each window's end, oldest first."""
        out: list[date | None] = []
        best: date | None = slots[self._n]
        for k in reversed(range(self._n)):
            day = slots[k]
            if day is not None and (best is None or day > best):
                best = day
            out.append(best)
        return out

    def _share(self, part: list[int], whole: list[int]) -> tuple[float | None, ...]:
        return tuple(part[k] / whole[k] if whole[k] else None for k in reversed(range(self._n)))

    def _rate(self, part: list[int]) -> tuple[float | None, ...]:
        return tuple(
            part[k] * 1000 / self._words[k] if self._words[k] else None
            for k in reversed(range(self._n))
        )

    def _since(self, slots: list[date | None]) -> tuple[tuple[float | None, ...], date | None]:
        latest = self._cumulative_latest(slots)
        values = tuple(
            float((end - day).days) if day is not None else None
            for end, day in zip(self._ends(), latest, strict=True)
        )
        return values, latest[-1]

    def _back_to_back(self) -> tuple[list[int], list[int]]:
        total = [0] * self._n
        tight = [0] * self._n
        gap = self._context.policy.drift_break_minutes * 60_000_000
        last_end: int | None = None
        for start, end, ordinal in sorted(self._sessions):
            k = self._slot(date.fromordinal(ordinal))
            if k is not None and k < self._n:
                total[k] += 1
                if last_end is not None and start - last_end < gap:
                    tight[k] += 1
            last_end = end if last_end is None else max(last_end, end)
        return total, tight

    def _debriefs_missed(self) -> tuple[tuple[float | None, ...], list[str]]:
        missed = [0] * self._n
        months: list[str] = []
        first = None
        if self._started_on is not None:
            first = month_index(self._started_on) + (0 if self._started_on.day == 1 else 1)
        for m in range(month_index(self._horizon), month_index(self._as_of) + 1):
            last = _month_last_day(m)
            k = self._slot(last)
            if k is None or k >= self._n or (first is not None and m < first):
                continue
            if m not in self._months:
                missed[k] += 1
                if k == 0:
                    months.append(month_label(m))
        return tuple(float(missed[k]) for k in reversed(range(self._n))), months

    def _isolation(self) -> tuple[tuple[float | None, ...], date | None]:
        alone = self._colleagues is None or self._colleagues == 0
        days = self._context.policy.drift_community_days
        latest = self._cumulative_latest(self._community)
        values = tuple(
            float(alone) + float(day is None or (end - day).days > days)
            for end, day in zip(self._ends(), latest, strict=True)
        )
        return values, latest[-1]

    def _early_duties(self) -> tuple[float | None, ...]:
        running = self._early[self._n]
        out: list[float | None] = []
        for k in reversed(range(self._n)):
            running += self._early[k]
            out.append(float(running))
        return tuple(out)

    def _indicator(
        self, name: str, trend: tuple[float | None, ...], evidence: dict[str, Any]
    ) -> Indicator:
        spec = _BY_NAME[name]
        watch, act = spec.thresholds(self._context.policy)
        value = trend[-1]
        return Indicator(
            spec.rule_id,
            spec.name,
            spec.title,
            spec.unit,
            value,
            watch,
            act,
            _level(value, watch, act, missing=spec.missing),
            trend,
            _direction(trend),
            spec.citations,
            evidence,
        )

    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in rule order, from what has been added so far."""
        sessions, tight = self._back_to_back()
        supervision, last_peer = self._since(self._peer_sup)
        training, last_training = self._since(self._trained)
        missed, missed_months = self._debriefs_missed()
        isolation, last_community = self._isolation()

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return (
            self._indicator(
                "organisational_drift",
                self._share(self._org, self._tasks),
                {"tasks": self._tasks[0], "inconsistent_assigned": self._org[0]},
            ),
            self._indicator(
                "individual_drift",
                self._share(self._ind, self._tasks),
                {
                    "tasks": self._tasks[0],
                    "inconsistent_not_assigned": self._ind[0],
                    "needs_review": self._review[0],
                },
            ),
            self._indicator(
                "directive_language",
                self._rate(self._directive),
                {"notes": self._notes[0], "words": self._words[0], "found": self._directive[0]},
            ),
            self._indicator(
                "closed_judgemental_language",
                self._rate(self._closed),
                {"notes": self._notes[0], "words": self._words[0], "found": self._closed[0]},
            ),
            self._indicator(
                "peer_supervision",
                supervision,
                {"last_peer": iso(last_peer), "last_administrative": iso(self._admin_sup)},
            ),
            self._indicator("debriefs_missed", missed, {"months_missed": missed_months}),
            self._indicator(
                "isolation",
                isolation,
                {
                    "peer_colleagues": self._colleagues,
                    "last_community_contact": iso(last_community),
                    "community_days": self._context.policy.drift_community_days,
                },
            ),
            self._indicator(
                "back_to_back",
                self._share(tight, sessions),
                {
                    "sessions": sessions[0],
                    "back_to_back": tight[0],
                    "break_minutes": self._context.policy.drift_break_minutes,
                },
            ),
            self._indicator(
                "shift_debriefs",
                self._share(self._undebriefed, self._shifts),
                {
                    "shifts": self._shifts[0],
                    "without_debrief": self._undebriefed[0],
                    "debrief_minutes": self._context.policy.drift_shift_debrief_minutes,
                },
            ),
            self._indicator(
                "early_extra_duties",
                self._early_duties(),
                {
                    "started_on": iso(self._started_on),
                    "early_until": iso(self._early_end),
                },
            ),
            self._indicator("training_lapsed", training, {"last_training": iso(last_training)}),
        )

    def profile(self, input_digest: str | None = None) -> DriftProfile:
        """The profile of what has been added so far."""
        indicators = self.indicators()
        findings = DRIFT.evaluate(
            _DriftFacts({i.name: i for i in indicators}), self._context, self._supporter
        )
        if input_digest is None:
            input_digest = digest_json(
                {"supporter": self._supporter, "events": f"{self._hash or 0:064x}"}
            )
        ends = self._ends()
        windows = tuple((days_before(end, self._width - 1), end) for end in ends)
        return DriftProfile(
            supporter=self._supporter,
            as_of=self._as_of,
            indicators=indicators,
            findings=findings,
            windows=windows,
            events=self._events,
            policy_digest=self._context.policy.digest,
            input_digest=input_digest,
        )


def _day_hash(kind: str, day: date) -> int:
    return int.from_bytes(hashlib.sha256(f"{kind}:{day.isoformat()}".encode()).digest())


class _DayRecord(FrozenModel):
    day: date


# --- the rules ----------------------------------------------------------------------------------


@attrs.frozen
class _DriftFacts:
    """The indicators, by name: what the ``DRIFT-*`` rules read."""

    indicators: Mapping[str, Indicator]


def _check_for(name: str) -> Callable[[_DriftFacts, CheckContext], Evaluation]:
    spec = _BY_NAME[name]

    def check(facts: _DriftFacts, _context: CheckContext) -> Evaluation:
        i = facts.indicators[name]
        evidence = {
            "value": None if i.value is None else round(i.value, 4),
            "watch": i.watch,
            "act": i.act,
            "level": i.level.value,
            "trend": tuple(None if v is None else round(v, 4) for v in i.trend),
            "direction": i.direction.value,
            **i.evidence,
        }
        if i.value is None:
            if spec.missing is DriftLevel.ACT:
                return Evaluation(NOT_MET, "never", evidence)
            return Evaluation(NA, "no_data", evidence)
        return Evaluation(_OUTCOME[i.level], i.level.value, evidence)

    return check


def _rule(spec: _Spec) -> Rule[_DriftFacts, CheckContext]:
    what = f"{spec.title}: {{value}} ({spec.unit})"
    return Rule(
        id=spec.rule_id,
        title=spec.title,
        severity=spec.severity,
        citations=spec.citations,
        rationale=spec.rationale,
        remediation=spec.remediation,
        check=_check_for(spec.name),
        messages={
            "ok": f"{what}, below the watch threshold {{watch}} (trend: {{direction}}).",
            "watch": f"{what}, at or above the watch threshold {{watch}} (trend: {{direction}}).",
            "act": f"{what}, at or above the act threshold {{act}} (trend: {{direction}}).",
            "no_data": f"{spec.title}: nothing recorded in the latest window to measure.",
            "never": f"{spec.title}: none recorded at all.",
        },
        tags=("drift", spec.name),
    )


DRIFT: Final[RuleSet[_DriftFacts, CheckContext]] = RuleSet.of(
    "drift", "1", [_rule(s) for s in SPECS]
)


# --- the profile --------------------------------------------------------------------------------


# attrs converters, as for the indicator's: lists handed in become tuples.
def _indicators(values: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(values)


def _findings(values: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(values)


def _windows(windows: Iterable[tuple[date, date]]) -> tuple[tuple[date, date], ...]:
    return tuple((first, last) for first, last in windows)


@attrs.frozen(repr=False)
class DriftProfile:
    """One supporter's drift indicators, their findings, and an overall level.

    ``level`` is the highest level of any indicator. ``findings`` are the ``DRIFT-*`` rule
    findings (``ok`` is met, ``watch`` needs review, ``act`` is not met). ``windows`` are
    the ``(first, last)`` days of each window, oldest first, matching each indicator's
    trend. It holds no free text: notes are only counted.
    """

    supporter: str
    as_of: date
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicators)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    windows: tuple[tuple[date, date], ...] = attrs.field(converter=_windows)
    events: int
    policy_digest: str
    input_digest: str

    ruleset_version = DRIFT.label

    @property
    def level(self) -> DriftLevel:
        """The highest level of any indicator."""
        return max((i.level for i in self.indicators), key=lambda lv: lv.rank)

    def indicator(self, key: str) -> Indicator:
        """The indicator with this name or rule id; ``KeyError`` if none."""
        for i in self.indicators:
            if key in {i.name, i.rule_id}:
                return i
        raise KeyError(key)

    def __repr__(self) -> str:
        levels = ", ".join(f"{i.name}={i.level.value}" for i in self.indicators)
        return (
            f"DriftProfile(supporter={self.supporter!r}, as_of={self.as_of.isoformat()!r}, "
            f"level={self.level.value!r}, {levels})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, in a stable shape."""
        return {
            "supporter": self.supporter,
            "as_of": self.as_of.isoformat(),
            "level": self.level.value,
            "indicators": [i.to_dict() for i in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
            "windows": [[a.isoformat(), b.isoformat()] for a, b in self.windows],
            "events": self.events,
            "ruleset_version": self.ruleset_version,
            "policy_digest": self.policy_digest,
            "input_digest": self.input_digest,
        }

    def to_json(self) -> str:
        """Canonical JSON: byte-identical for the same events, policy and day."""
        return canonical_json(self.to_dict())

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator as a pandas DataFrame (needs the ``pandas`` extra)."""
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as exc:
            raise MissingExtra("pandas", "pandas") from exc
        columns = [
            "supporter",
            "rule_id",
            "indicator",
            "value",
            "unit",
            "watch",
            "act",
            "level",
            "direction",
            *(f"w{n}" for n in range(1, len(self.windows) + 1)),
            "citations",
        ]
        records = [
            [
                self.supporter,
                i.rule_id,
                i.name,
                i.value,
                i.unit,
                i.watch,
                i.act,
                i.level.value,
                i.direction.value,
                *i.trend,
                "; ".join(str(c) for c in i.citations),
            ]
            for i in self.indicators
        ]
        return cast("pd.DataFrame", pandas.DataFrame.from_records(records, columns=columns))

    def _repr_html_(self) -> str:
        def cell(value: float | None) -> str:
            return "" if value is None else f"{value:.3g}"

        rows = "".join(
            "<tr>"
            f"<td><code>{i.rule_id}</code> {html.escape(i.title)}</td>"
            f"<td>{cell(i.value)}</td><td>{html.escape(i.unit)}</td>"
            f"<td>{cell(i.watch)}</td><td>{cell(i.act)}</td>"
            f"<td class='level-{i.level.value}'>{i.level.value}</td>"
            f"<td>{' → '.join(cell(v) or '–' for v in i.trend)} ({i.direction.value})</td>"
            f"<td>{html.escape('; '.join(str(c) for c in i.citations))}</td>"
            "</tr>"
            for i in self.indicators
        )
        return (
            "<div class='peersupport-drift'>"
            f"<p><strong>Drift profile of {html.escape(self.supporter)}</strong> as of "
            f"{self.as_of.isoformat()}: <strong>{self.level.value}</strong> "
            f"({self.events} events)</p>"
            "<table><thead><tr><th>Indicator</th><th>Value</th><th>Unit</th><th>Watch</th>"
            "<th>Act</th><th>Level</th><th>Trend</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )


# --- entry points ---------------------------------------------------------------------------------


def _profile(log: ActivityLog, context: CheckContext) -> DriftProfile:
    acc = DriftAccumulator._for_log(log, context)  # noqa: SLF001 - the module's own constructor
    for t in log.tasks:
        acc.add_task(t)
    for n in log.notes:
        acc.add_note(n)
    for s in log.sessions:
        acc.add_session(s)
    for sh in log.shifts:
        acc.add_shift(sh)
    for sv in log.supervision:
        acc.add_supervision(sv)
    for d in log.debriefs:
        acc._debrief(d)  # noqa: SLF001 - already validated
    for cp in log.community_contacts:
        acc._community_contact(cp)  # noqa: SLF001 - already validated
    for x in log.extra_duties:
        acc.add_extra_duty(x)
    for tr in log.trainings:
        acc.add_training(tr)
    return acc.profile(log.digest)


def drift_profile(
    activity: ActivityLog | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> DriftProfile:
    """The drift indicators of one supporter's activity log, as of a day.

    Each indicator is measured over the latest of ``policy.drift_trend_windows`` windows
    of ``policy.drift_window_days`` (or at ``as_of`` for point-in-time ones), graded
    against the policy's ``watch`` and ``act`` thresholds, with its trend over the windows.
    """
    log = coerce_model(ActivityLog, activity, "activity")
    return _profile(log, make_context(policy, as_of))


def drift_profiles(
    logs: Iterable[ActivityLog | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> Iterator[DriftProfile]:
    """Stream a profile for each log, in order, holding one log at a time.

    The policy is validated at once; a log that does not validate raises
    :class:`~peersupport.InvalidInput` when it is reached, with its position first in each
    error location.
    """
    if isinstance(logs, str | bytes | Mapping) or not isinstance(logs, Iterable):
        raise InvalidInput.single(("logs",), "list_type", "not a list of activity logs")
    context = make_context(policy, as_of)
    return _stream(iter(logs), context)


def _stream(logs: Iterator[object], context: CheckContext) -> Iterator[DriftProfile]:
    for n, item in enumerate(logs):
        try:
            log = coerce_model(ActivityLog, item, "activity")
        except InvalidInput as exc:
            raise InvalidInput(
                [ErrorDetail((n, *e.loc), e.type, e.msg) for e in exc.errors]
            ) from None
        yield _profile(log, context)
