"""Date arithmetic that stays inside the calendar ``datetime`` can name.

A day's distance from another can reach past ``date.min`` or ``date.max`` (a cutoff a year
before 0001-01-15, a due date a fortnight after 9999-12-25). Such a day does not exist, and
plain arithmetic raises ``OverflowError``; these helpers pin it to the end it ran past. A
cutoff pinned to ``date.min`` counts every day since the calendar began, and a due date
pinned to ``date.max`` never passes. Compared with a real day by ``<`` or ``>`` the pinned
day answers as the missing one would; a site that compares otherwise counts in days instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Final

from peersupport.model.roster import EPOCH, instant

__all__ = ["at_instant", "days_after", "days_before", "in_zone", "month_index", "month_label"]

_FIRST: Final = date.min.toordinal()
_LAST: Final = date.max.toordinal()
_FIRST_UTC: Final = datetime.min.replace(tzinfo=UTC)
_LAST_UTC: Final = datetime.max.replace(tzinfo=UTC)
_FIRST_INSTANT: Final = instant(_FIRST_UTC)
_LAST_INSTANT: Final = instant(_LAST_UTC)
_HOUR: Final = 3_600_000_000
_DAY: Final = 24 * _HOUR


def month_index(day: date) -> int:
    """Months since year 0: consecutive months differ by one."""
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    """``YYYY-MM`` of a :func:`month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _pinned(ordinal: int) -> date:
    return date.fromordinal(min(max(ordinal, _FIRST), _LAST))


def days_after(day: date, days: int) -> date:
    """The day ``days`` after ``day``, or the end of the calendar it would pass."""
    return _pinned(day.toordinal() + days)


def days_before(day: date, days: int) -> date:
    """The day ``days`` before ``day``, or the start of the calendar it would precede."""
    return _pinned(day.toordinal() - days)


def in_zone(moment: datetime, tz: tzinfo) -> datetime:
    """``moment`` on the clocks of ``tz``, or as written where they read past the calendar.

    Within a day of either end of the calendar a zone's local time may fall on a day that
    does not exist (0001-01-01 00:30 UTC is still the day before in New York); the moment
    then keeps its own UTC offset, which names the same instant.
    """
    try:
        return moment.astimezone(tz)
    except OverflowError:
        return moment


def at_instant(micros: int, tz: tzinfo) -> datetime:
    """The instant ``micros`` microseconds after the Unix epoch, on the clocks of ``tz``.

    ``micros`` is an instant some aware datetime names. Where the clocks of ``tz``, and
    UTC's, read past the calendar (within a day of either end) it is written with the
    whole-hour UTC offset nearest UTC that puts it on the calendar (or, within an hour of
    the widest offset there is, the exact one), so that it still names the same instant.
    """
    if _FIRST_INSTANT <= micros <= _LAST_INSTANT:
        return in_zone(EPOCH + timedelta(microseconds=micros), tz)
    # Before the first instant UTC names an offset east of UTC still names it, after the
    # last one an offset west of it: ``short`` is how far it falls outside (signed).
    edge = _FIRST_UTC if micros < _FIRST_INSTANT else _LAST_UTC
    short = instant(edge) - micros
    hours = -(-abs(short) // _HOUR) * _HOUR
    offset = hours if hours < _DAY else abs(short)
    offset = offset if short > 0 else -offset
    local = edge.replace(tzinfo=None) + timedelta(microseconds=offset - short)
    return in_zone(local.replace(tzinfo=timezone(timedelta(microseconds=offset))), tz)
