"""Boundaries: a negotiated agreement, and the contacts held to it (``BND-*``).

:func:`check_boundaries` reads a :class:`~peersupport.model.boundaries.BoundaryAgreement`
(or none) and the contacts between the supporter and the peer, and returns a
:class:`~peersupport.Report`. Each rule that finds a boundary crossed says how to respond.
Contacts with other peers of the same supporter may be passed too (each naming its
``peer``): they count towards the supporter's weekly hours and nothing else.

Contact times are read in the agreement's time zone, or in each contact's own UTC offset
when the agreement names none; weeks are ISO weeks (Monday to Sunday) in that local time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final, cast

import attrs
from pydantic import TypeAdapter, ValidationError

from peersupport._errors import InvalidInput
from peersupport.checks._common import CheckContext, coerce_model, make_context
from peersupport.checks._dates import days_after, in_zone
from peersupport.engine import (
    Evaluation,
    Outcome,
    Report,
    Rule,
    RuleSet,
    Severity,
    Waiver,
    apply_waivers,
    coerce_waivers,
    digest_json,
)
from peersupport.model.boundaries import (
    BoundaryAgreement,
    Channel,
    Contact,
    ContactWindow,
    DualRelationship,
)
from peersupport.model.program import Weekday
from peersupport.policy import Policy
from peersupport.sources import cite

__all__ = ["BOUNDARIES", "BoundaryFacts", "check_boundaries"]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)

_WEEKDAYS: Final = tuple(Weekday)
# Evidence lists at most this many contacts or weeks: enough to find them, bounded in size.
_SHOWN: Final = 10
_CONTACTS: Final[TypeAdapter[tuple[Contact, ...]]] = TypeAdapter(tuple[Contact, ...])


@attrs.frozen(eq=False)
class BoundaryFacts:
    """What the ``BND-*`` rules read: the agreement, and the contacts up to the day of the check.

    ``contacts`` are those with the agreement's peer; ``all_contacts`` add the supporter's
    contacts with other peers (for the weekly hours).
    """

    agreement: BoundaryAgreement | None
    contacts: tuple[Contact, ...]
    all_contacts: tuple[Contact, ...]
    digest: str

    def local(self, contact: Contact) -> datetime:
        """When the contact began, in the agreement's zone or its own offset.

        Its own offset too where the zone's clocks read past the end of the calendar.
        """
        tz = self.agreement.zoneinfo if self.agreement is not None else None
        return in_zone(contact.at, tz) if tz is not None else contact.at


def _label(c: Contact, facts: BoundaryFacts) -> str:
    return c.id or facts.local(c).isoformat()


def _shown(items: Sequence[str]) -> list[str]:
    return list(items[:_SHOWN])


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


# --- the agreement ------------------------------------------------------------------------

_TERMS: Final = (
    "channels",
    "windows",
    "max_contacts_per_week",
    "self_disclosure",
    "gift_limit",
    "supporter_weekly_hours",
)


def _agreement(f: BoundaryFacts, c: CheckContext) -> Evaluation:
    a = f.agreement
    if a is None:
        return Evaluation(NOT_MET, "missing", {"contacts": len(f.contacts)})
    if a.agreed_on is None:
        return Evaluation(REVIEW, "undated", {})
    if a.agreed_on > c.as_of:
        return Evaluation(NOT_MET, "not_yet", {"agreed_on": a.agreed_on.isoformat()})
    missing = [t for t in _TERMS if getattr(a, t) is None]
    evidence = {"agreed_on": a.agreed_on.isoformat(), "missing": missing}
    if missing:
        return Evaluation(REVIEW, "incomplete", evidence)
    return Evaluation(MET, "met", evidence)


def _review(f: BoundaryFacts, c: CheckContext) -> Evaluation:
    a = f.agreement
    if a is None:
        return Evaluation(NA, "no_agreement", {})
    if a.agreed_on is None and a.review_on is None:
        return Evaluation(REVIEW, "undated", {})
    if a.review_on is not None:
        due = a.review_on
    else:
        assert a.agreed_on is not None  # noqa: S101 - one of the two is set
        # Past the end of the calendar it never falls due.
        due = days_after(a.agreed_on, c.policy.boundaries_review_days)
    evidence = {"due": due.isoformat(), "review_days": c.policy.boundaries_review_days}
    if due < c.as_of:
        return Evaluation(NOT_MET, "overdue", evidence)
    return Evaluation(MET, "met", evidence)


# --- contacts against the agreed terms -------------------------------------------------------


def _channels(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    agreed = f.agreement.channels if f.agreement is not None else None
    if agreed is None:
        return Evaluation(REVIEW, "not_agreed", {"contacts": len(f.contacts)})
    outside = [c for c in f.contacts if c.channel is not None and c.channel not in agreed]
    unknown = [c for c in f.contacts if c.channel is None]
    evidence = {
        "agreed": sorted(ch.value for ch in agreed),
        "outside": _shown([_label(c, f) for c in outside]),
        "outside_count": len(outside),
        "channels_used": sorted({c.channel.value for c in outside if c.channel is not None}),
        "unknown_count": len(unknown),
    }
    if outside:
        return Evaluation(NOT_MET, "outside", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _minute(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _within(local: datetime, minutes: int | None, windows: Sequence[ContactWindow]) -> bool | None:
    """Whether a contact fell in an agreed window, or ``None`` when that cannot be shown.

    ``None`` when it began in a window but has no duration recorded, so it may have run past
    the window's end; a contact that began outside every window is outside whatever its
    duration. A window's end is exclusive: a contact beginning at it is outside.
    """
    day = _WEEKDAYS[local.weekday()]
    start = _minute(local)
    began_in = [
        w for w in windows if day in w.days and _minute_of(w.start) <= start < _minute_of(w.end)
    ]
    if not began_in:
        return False
    if minutes is None:
        return None
    return any(start + minutes <= _minute_of(w.end) for w in began_in)


def _minute_of(moment: Any) -> int:
    return int(moment.hour) * 60 + int(moment.minute)


def _hours(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    windows = f.agreement.windows if f.agreement is not None else None
    if windows is None:
        return Evaluation(REVIEW, "not_agreed", {"contacts": len(f.contacts)})
    placed = [(c, _within(f.local(c), c.minutes, windows)) for c in f.contacts]
    outside = [c for c, within in placed if within is False]
    # Missing information is never read as within: no duration, no proof it ended in time.
    unknown = [c for c, within in placed if within is None]
    evidence = {
        "outside": _shown([_label(c, f) for c in outside]),
        "outside_count": len(outside),
        "unknown_duration": _shown([_label(c, f) for c in unknown]),
        "unknown_duration_count": len(unknown),
        "timezone": f.agreement.timezone if f.agreement is not None else None,
    }
    if outside:
        return Evaluation(NOT_MET, "outside", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown_duration", evidence)
    return Evaluation(MET, "met", evidence)


def _weekly_count(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    limit = f.agreement.max_contacts_per_week if f.agreement is not None else None
    if limit is None:
        return Evaluation(REVIEW, "not_agreed", {"contacts": len(f.contacts)})
    weeks: dict[str, int] = {}
    for c in f.contacts:
        key = _week(f.local(c).date())
        weeks[key] = weeks.get(key, 0) + 1
    over = sorted(w for w, n in weeks.items() if n > limit)
    evidence = {
        "limit": limit,
        "busiest": max(weeks.values()),
        "weeks_over": _shown(over),
        "weeks_over_count": len(over),
    }
    return Evaluation(NOT_MET if over else MET, "over" if over else "met", evidence)


def _dual(kind: DualRelationship) -> Callable[[BoundaryFacts, CheckContext], Evaluation]:
    def check(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
        if not f.contacts:
            return Evaluation(NA, "no_contacts", {})
        found = [c for c in f.contacts if kind in c.dual_relationships]
        evidence = {
            "relationship": kind.value,
            "contacts": _shown([_label(c, f) for c in found]),
            "count": len(found),
        }
        return Evaluation(NOT_MET if found else MET, "found" if found else "met", evidence)

    return check


def _social_media(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    connected = [c for c in f.contacts if c.social_media_connection]
    if not connected:
        return Evaluation(MET, "met", {"count": 0})
    agreed = f.agreement.channels if f.agreement is not None else None
    evidence = {"count": len(connected), "contacts": _shown([_label(c, f) for c in connected])}
    if agreed is None:
        return Evaluation(REVIEW, "not_agreed", evidence)
    if Channel.SOCIAL_MEDIA in agreed:
        return Evaluation(MET, "agreed", evidence)
    return Evaluation(NOT_MET, "connected", evidence)


def _gifts(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    gifts = [c for c in f.contacts if c.gift_value is not None and c.gift_value > 0]
    if not gifts:
        return Evaluation(MET, "none", {"count": 0})
    limit = f.agreement.gift_limit if f.agreement is not None else None
    largest = max(c.gift_value or 0.0 for c in gifts)
    evidence: dict[str, Any] = {"count": len(gifts), "largest": largest, "limit": limit}
    if limit is None:
        return Evaluation(REVIEW, "not_agreed", evidence)
    over = [c for c in gifts if (c.gift_value or 0.0) > limit]
    evidence["over"] = _shown([_label(c, f) for c in over])
    return Evaluation(NOT_MET if over else MET, "over" if over else "met", evidence)


def _money(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    found = [c for c in f.contacts if c.money_lent > 0 or c.money_borrowed > 0]
    evidence = {
        "count": len(found),
        "contacts": _shown([_label(c, f) for c in found]),
        "lent": sum(c.money_lent for c in found),
        "borrowed": sum(c.money_borrowed for c in found),
    }
    return Evaluation(NOT_MET if found else MET, "found" if found else "met", evidence)


def _topics(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    off = frozenset(f.agreement.off_limits_topics) if f.agreement is not None else frozenset()
    if not off:
        return Evaluation(NA, "none_agreed", {})
    found = [c for c in f.contacts if off.intersection(c.topics)]
    evidence = {
        "topics": sorted({t for c in found for t in c.topics if t in off}),
        "contacts": _shown([_label(c, f) for c in found]),
        "count": len(found),
    }
    return Evaluation(NOT_MET if found else MET, "raised" if found else "met", evidence)


# --- ending a relationship ----------------------------------------------------------------------


def _change(f: BoundaryFacts, c: CheckContext) -> Evaluation:
    requests = f.agreement.change_requests if f.agreement is not None else ()
    requests = tuple(r for r in requests if r.requested_on <= c.as_of)
    if not requests:
        return Evaluation(NA, "none", {})
    days = c.policy.boundaries_change_supporter_days
    late: list[str] = []
    open_late: list[str] = []
    pending: list[str] = []
    for r in sorted(requests, key=lambda r: r.requested_on):
        due = days_after(r.requested_on, days)
        honoured = r.honoured_on if r.honoured_on is not None and r.honoured_on <= c.as_of else None
        if honoured is not None:
            if honoured > due:
                late.append(r.requested_on.isoformat())
        elif c.as_of > due:
            open_late.append(r.requested_on.isoformat())
        else:
            pending.append(r.requested_on.isoformat())
    evidence = {"days": days, "late": late, "open_past_due": open_late, "pending": pending}
    if late or open_late:
        return Evaluation(NOT_MET, "late", evidence)
    if pending:
        return Evaluation(REVIEW, "pending", evidence)
    return Evaluation(MET, "met", evidence)


def _referral(f: BoundaryFacts, c: CheckContext) -> Evaluation:
    d = f.agreement.declined if f.agreement is not None else None
    if d is None or d.declined_on > c.as_of:
        return Evaluation(NA, "not_declined", {})
    days = c.policy.boundaries_referral_days
    due = days_after(d.declined_on, days)
    referred = d.referred_on if d.referred_on is not None and d.referred_on <= c.as_of else None
    evidence = {
        "declined_on": d.declined_on.isoformat(),
        "referred_on": referred.isoformat() if referred else None,
        "days": days,
    }
    if referred is not None:
        return Evaluation(
            NOT_MET if referred > due else MET, "late" if referred > due else "met", evidence
        )
    if c.as_of > due:
        return Evaluation(NOT_MET, "none", evidence)
    return Evaluation(REVIEW, "pending", evidence)


# --- the supporter's limits and the peer's dependency -------------------------------------------


def _weekly_hours(f: BoundaryFacts, _c: CheckContext) -> Evaluation:
    if not f.all_contacts:
        return Evaluation(NA, "no_contacts", {})
    limit = f.agreement.supporter_weekly_hours if f.agreement is not None else None
    if limit is None:
        return Evaluation(REVIEW, "not_stated", {"contacts": len(f.all_contacts)})
    minutes: dict[str, int] = {}
    unknown: set[str] = set()
    for c in f.all_contacts:
        key = _week(f.local(c).date())
        if c.minutes is None:
            unknown.add(key)
        minutes[key] = minutes.get(key, 0) + (c.minutes or 0)
    over = sorted(w for w, m in minutes.items() if m > limit * 60)
    evidence = {
        "limit_hours": limit,
        "busiest_hours": round(max(minutes.values()) / 60, 2),
        "weeks_over": _shown(over),
        "weeks_with_unknown_duration": _shown(sorted(unknown - set(over))),
    }
    if over:
        return Evaluation(NOT_MET, "over", evidence)
    if unknown:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "met", evidence)


def _dependency(f: BoundaryFacts, c: CheckContext) -> Evaluation:
    if not f.contacts:
        return Evaluation(NA, "no_contacts", {})
    p = c.policy
    width = p.boundaries_dependency_window_days
    days = [f.local(x).date() for x in f.contacts]
    start = f.agreement.agreed_on if f.agreement is not None else None
    start = min(days) if start is None else min(start, *days)
    # Window k covers (as_of - (k+1)*width, as_of - k*width]; window 0 is the latest.
    counts = [0] * (p.boundaries_dependency_baseline_windows + 1)
    for day in days:
        k = (c.as_of - day).days // width
        if k < len(counts):
            counts[k] += 1
    # A baseline window counts when it lies wholly on or after the start: counted in days,
    # as a window may begin before the first day the calendar can name.
    span = (c.as_of - start).days + 1
    baseline = [n for k, n in enumerate(counts[1:], start=1) if span >= (k + 1) * width]
    evidence: dict[str, Any] = {
        "window_days": width,
        "latest": counts[0],
        "baseline": baseline,
        "ratio": p.boundaries_dependency_ratio,
        "min_contacts": p.boundaries_dependency_min_contacts,
    }
    if not baseline:
        return Evaluation(NA, "too_new", evidence)
    average = sum(baseline) / len(baseline)
    evidence["baseline_average"] = round(average, 2)
    rising = counts[0] >= p.boundaries_dependency_min_contacts and (
        average == 0 or counts[0] >= p.boundaries_dependency_ratio * average
    )
    return Evaluation(NOT_MET if rising else MET, "rising" if rising else "met", evidence)


# --- the rule set ------------------------------------------------------------------------------

_PTSD_ROLES: Final = "Roles and Responsibilities"
_ETHICS: Final = "6 From ethics to practice"
_VALUES: Final = "3 Individualized peer support values"
_STRUCTURES: Final = "12 Mentoring, supervision and peer support structures"
_PAY: Final = "11 Conditions of work"
_WT: Final = "Suggestions for creating a peer program"
_NO_CONTACTS: Final = "No contacts recorded; nothing to compare."


def _rule(  # noqa: PLR0917 - the rule table below reads best positionally
    rule_id: str,
    title: str,
    severity: Severity,
    citations: tuple[Any, ...],
    rationale: str,
    remediation: str,
    check: Callable[[BoundaryFacts, CheckContext], Evaluation],
    messages: Mapping[str, str],
) -> Rule[BoundaryFacts, CheckContext]:
    return Rule(
        id=rule_id,
        title=title,
        severity=severity,
        citations=citations,
        rationale=rationale,
        remediation=remediation,
        check=check,
        messages=messages,
        tags=("boundaries",),
    )


BOUNDARIES: Final[RuleSet[BoundaryFacts, CheckContext]] = RuleSet.of(
    "boundaries",
    "1",
    [
        _rule(
            "BND-001",
            "A boundary agreement is in place",
            Severity.REQUIRED,
            (
                cite("workplace-ptsd-program", _PTSD_ROLES),
                cite("working-together", "Working Together in Peer Programs"),
            ),
            "Supporters negotiate their limits and the peer's with the peer, and a programme "
            "agrees boundaries, access and ways of communicating with each peer; without a "
            "written agreement no one can tell when a boundary is crossed.",
            "Sit down with the peer and agree the channels, hours, how often to meet, topics "
            "off limits, what the supporter will share of their story, a gift limit and the "
            "supporter's weekly hours; record it with a review date.",
            _agreement,
            {
                "missing": "No boundary agreement is recorded ({contacts} contact(s)).",
                "undated": "The agreement has no date, so when it took effect is unknown.",
                "not_yet": "The agreement only takes effect on {agreed_on}.",
                "incomplete": "Agreed on {agreed_on}, but these terms are not set: {missing}.",
                "met": "Agreed on {agreed_on}, with every term set.",
            },
        ),
        _rule(
            "BND-002",
            "The boundary agreement is reviewed on time",
            Severity.RECOMMENDED,
            (cite("workplace-ptsd-program", _PTSD_ROLES),),
            "Boundaries change as a relationship does; reviewing them keeps the limits both "
            "people hold current (the default interval is the library's choice).",
            "Book a review with the peer, revisit each term, and record the new review date.",
            _review,
            {
                "no_agreement": "No agreement to review.",
                "undated": "Neither an agreement date nor a review date is recorded.",
                "overdue": "The review was due on {due}.",
                "met": "Next review due {due}.",
            },
        ),
        _rule(
            "BND-003",
            "Contact only through the agreed channels",
            Severity.RECOMMENDED,
            (
                cite("workplace-ptsd-program", _PTSD_ROLES),
                cite("working-together", "Working Together in Peer Programs"),
            ),
            "The channels of contact are part of what supporter and peer agree; contact "
            "outside them is a boundary crossed, whoever started it.",
            "Talk it through with the peer: return to the agreed channels, or agree the new "
            "channel and record it; raise a pattern in supervision.",
            _channels,
            {
                "no_contacts": _NO_CONTACTS,
                "not_agreed": "No channels are agreed for {contacts} contact(s).",
                "outside": "{outside_count} contact(s) outside the agreed channels ({agreed}) "
                "by {channels_used}: {outside}.",
                "unknown": "{unknown_count} contact(s) have no channel recorded.",
                "met": "Every contact used an agreed channel ({agreed}).",
            },
        ),
        _rule(
            "BND-004",
            "Contact only in the agreed hours",
            Severity.RECOMMENDED,
            (cite("workplace-ptsd-program", _PTSD_ROLES),),
            "Agreed contact hours protect both the peer's routine and the supporter's own "
            "limits; contact outside them is a boundary crossed.",
            "Remind the peer of the agreed hours and the crisis options outside them; if the "
            "hours no longer fit, renegotiate and record them.",
            _hours,
            {
                "no_contacts": _NO_CONTACTS,
                "not_agreed": "No contact hours are agreed for {contacts} contact(s).",
                "outside": "{outside_count} contact(s) outside the agreed hours: {outside}.",
                "unknown_duration": "{unknown_duration_count} contact(s) began within the agreed "
                "hours but have no duration, so they may have run past them: {unknown_duration}.",
                "met": "Every contact fell within the agreed hours.",
            },
        ),
        _rule(
            "BND-005",
            "Contacts a week within the agreed number",
            Severity.RECOMMENDED,
            (
                cite("workplace-ptsd-program", _PTSD_ROLES),
                cite("who-qualityrights-one-to-one", _VALUES),
            ),
            "How often to meet is a negotiated limit; going past it week after week can "
            "stretch the supporter and build reliance.",
            "Review the pace with the peer; agree a number that works for both, and widen the "
            "peer's circle of support rather than the supporter's hours.",
            _weekly_count,
            {
                "no_contacts": _NO_CONTACTS,
                "not_agreed": "No weekly contact limit is agreed ({contacts} contact(s)).",
                "over": "Above {limit} contact(s) a week in {weeks_over_count} week(s): "
                "{weeks_over} (busiest: {busiest}).",
                "met": "At most {busiest} contact(s) in any week, within {limit}.",
            },
        ),
        _rule(
            "BND-006",
            "No romantic relationship with the peer",
            Severity.CRITICAL,
            (
                cite("who-qualityrights-one-to-one", _STRUCTURES),
                cite(
                    "who-qualityrights-one-to-one", _ETHICS, "Peer support is equally shared power"
                ),
            ),
            "A romantic relationship joins peer support to an intimate one in which power "
            "cannot be shared equally; it can harm the peer and ends the peer role.",
            "Stop the supporting role at once, arrange another supporter for the peer with the "
            "peer's agreement, and take it to the peer supervisor.",
            _dual(DualRelationship.ROMANTIC),
            {
                "no_contacts": _NO_CONTACTS,
                "found": "A romantic relationship is recorded at {count} contact(s): {contacts}.",
                "met": "No romantic relationship recorded.",
            },
        ),
        _rule(
            "BND-007",
            "The supporter does not supervise the peer",
            Severity.REQUIRED,
            (
                cite("who-qualityrights-one-to-one", _ETHICS, "Peer support is voluntary"),
                cite(
                    "who-qualityrights-one-to-one", _ETHICS, "Peer support is equally shared power"
                ),
            ),
            "Support is freely chosen and equal; no one may be made to use a supporter who is "
            "also their supervisor, whose power over their work would colour every talk.",
            "Offer the peer a supporter outside their line of supervision and hand over with "
            "the peer's consent.",
            _dual(DualRelationship.SUPERVISES_PEER),
            {
                "no_contacts": _NO_CONTACTS,
                "found": "The supporter supervises the peer ({count} contact(s)): {contacts}.",
                "met": "No supervisory relationship recorded.",
            },
        ),
        _rule(
            "BND-008",
            "No financial relationship with the peer",
            Severity.REQUIRED,
            (cite("who-qualityrights-one-to-one", _PAY, "Pay rates"),),
            "Money owed or shared either way brings a power imbalance into a relationship "
            "that is meant to be equal.",
            "Untangle the financial tie or hand the peer to another supporter, and discuss it "
            "in supervision.",
            _dual(DualRelationship.FINANCIAL),
            {
                "no_contacts": _NO_CONTACTS,
                "found": "A financial relationship is recorded ({count} contact(s)): {contacts}.",
                "met": "No financial relationship recorded.",
            },
        ),
        _rule(
            "BND-009",
            "No family relationship with the peer",
            Severity.RECOMMENDED,
            (cite("who-qualityrights-one-to-one", _STRUCTURES),),
            "Family ties make it hard to keep the peer role distinct; the peer may not feel "
            "free to speak or to leave.",
            "Offer the peer another supporter; if both still choose to continue, record why "
            "and review it in supervision.",
            _dual(DualRelationship.FAMILY),
            {
                "no_contacts": _NO_CONTACTS,
                "found": "A family relationship is recorded ({count} contact(s)): {contacts}.",
                "met": "No family relationship recorded.",
            },
        ),
        _rule(
            "BND-010",
            "No business relationship with the peer",
            Severity.RECOMMENDED,
            (cite("who-qualityrights-one-to-one", _STRUCTURES),),
            "A business tie gives one person a stake in the other's choices, which blurs the "
            "peer role.",
            "Keep business out of the relationship or hand the peer to another supporter; "
            "discuss it in supervision.",
            _dual(DualRelationship.BUSINESS),
            {
                "no_contacts": _NO_CONTACTS,
                "found": "A business relationship is recorded ({count} contact(s)): {contacts}.",
                "met": "No business relationship recorded.",
            },
        ),
        _rule(
            "BND-011",
            "Social-media connections only as agreed",
            Severity.RECOMMENDED,
            (cite("who-qualityrights-one-to-one", _STRUCTURES),),
            "Peer supporters may be seen more as friends than other staff are; a social-media "
            "connection the agreement does not cover blurs that line.",
            "Agree with the peer whether to connect on social media, record it in the "
            "agreement, or disconnect politely.",
            _social_media,
            {
                "no_contacts": _NO_CONTACTS,
                "not_agreed": "Connected on social media ({count}); no channels are agreed.",
                "connected": "Connected on social media ({count}) without agreeing it: {contacts}.",
                "agreed": "Connected on social media, as agreed.",
                "met": "No social-media connection recorded.",
            },
        ),
        _rule(
            "BND-012",
            "Gifts within the agreed limit",
            Severity.RECOMMENDED,
            (
                cite("workplace-ptsd-program", _PTSD_ROLES),
                cite("who-qualityrights-one-to-one", _PAY, "Pay rates"),
            ),
            "Small gifts can be part of a warm relationship; large ones create obligation "
            "either way. The limit is the one the two agreed.",
            "Thank the peer and decline or return the part above the limit; record it and "
            "mention it in supervision.",
            _gifts,
            {
                "no_contacts": _NO_CONTACTS,
                "none": "No gifts recorded.",
                "not_agreed": "{count} gift(s), the largest {largest}, with no gift limit agreed.",
                "over": "Gift(s) above the limit of {limit}: {over} (largest {largest}).",
                "met": "{count} gift(s), none above the limit of {limit}.",
            },
        ),
        _rule(
            "BND-013",
            "No money lent or borrowed",
            Severity.REQUIRED,
            (cite("who-qualityrights-one-to-one", _PAY, "Pay rates"),),
            "A debt either way turns a relationship of equals into one of creditor and debtor.",
            "Settle the loan, point the peer to financial help that is not personal, and "
            "raise it in supervision.",
            _money,
            {
                "no_contacts": _NO_CONTACTS,
                "found": "Money lent ({lent}) or borrowed ({borrowed}) at {count} contact(s): "
                "{contacts}.",
                "met": "No money lent or borrowed.",
            },
        ),
        _rule(
            "BND-014",
            "Topics off limits stay off limits",
            Severity.RECOMMENDED,
            (cite("workplace-ptsd-program", _PTSD_ROLES),),
            "A peer's boundaries may differ from the supporter's own; topics either of them "
            "put off limits are respected.",
            "Acknowledge the slip with the peer, steer away from the topic, and check whether "
            "the agreement still fits.",
            _topics,
            {
                "no_contacts": _NO_CONTACTS,
                "none_agreed": "No topics are off limits.",
                "raised": "Off-limits topics ({topics}) came up at {count} contact(s): {contacts}.",
                "met": "No off-limits topic came up.",
            },
        ),
        _rule(
            "BND-015",
            "A request to change supporter is honoured promptly",
            Severity.REQUIRED,
            (
                cite("who-qualityrights-one-to-one", _ETHICS, "Peer support is voluntary"),
                cite("working-together", _WT),
            ),
            "Support is voluntary: a peer may change supporter when the match does not fit, "
            "and the change should not wait.",
            "Arrange the new supporter the peer asked for now, and make the handover with the "
            "peer's consent.",
            _change,
            {
                "none": "The peer has not asked to change supporter.",
                "late": "Request(s) to change supporter not honoured within {days} days: "
                "honoured late {late}; still open {open_past_due}.",
                "pending": "Request(s) to change supporter open, within {days} days: {pending}.",
                "met": "Each request to change supporter was honoured within {days} days.",
            },
        ),
        _rule(
            "BND-016",
            "A peer the supporter declined is referred on",
            Severity.REQUIRED,
            (cite("who-qualityrights-one-to-one", _ETHICS, "Peer support is voluntary"),),
            "A supporter may decline to work with someone when they cannot support them well, "
            "and then refers them to another supporter or service.",
            "Refer the peer to another supporter or service and record when.",
            _referral,
            {
                "not_declined": "The supporter has not declined the peer.",
                "none": "Declined on {declined_on} with no referral within {days} days.",
                "late": "Declined on {declined_on}; referred on {referred_on}, after {days} days.",
                "pending": "Declined on {declined_on}; the referral is due within {days} days.",
                "met": "Declined on {declined_on}; referred on {referred_on}.",
            },
        ),
        _rule(
            "BND-017",
            "The supporter's weekly hours within their own limit",
            Severity.RECOMMENDED,
            (
                cite("workplace-ptsd-program", _PTSD_ROLES),
                cite("working-together", _WT),
            ),
            "Supporters recognise their personal limits; hours of contact beyond the limit "
            "they stated risk burnout.",
            "Talk with the supporter about their load, share peers across the team, and "
            "protect the breaks between peers.",
            _weekly_hours,
            {
                "no_contacts": _NO_CONTACTS,
                "not_stated": "The supporter has stated no weekly hours limit "
                "({contacts} contact(s)).",
                "over": "Above {limit_hours} hour(s) a week in: {weeks_over} "
                "(busiest: {busiest_hours} h).",
                "unknown": "Within {limit_hours} hour(s) where known; durations missing in: "
                "{weeks_with_unknown_duration}.",
                "met": "At most {busiest_hours} h a week, within {limit_hours} h.",
            },
        ),
        _rule(
            "BND-018",
            "No sharp rise in contact (a dependency signal)",
            Severity.RECOMMENDED,
            (cite("who-qualityrights-one-to-one", _VALUES, "Self-determination and empowerment"),),
            "Peer support avoids building a relationship of dependency; a sharp rise in how "
            "often two people are in touch is a signal worth talking about.",
            "Raise it gently with the peer: what has changed, what other support they have; "
            "widen their circle of support and take it to supervision.",
            _dependency,
            {
                "no_contacts": _NO_CONTACTS,
                "too_new": "Too little history to compare: no full {window_days}-day window "
                "before the latest.",
                "rising": "{latest} contact(s) in the latest {window_days} days against an "
                "average of {baseline_average} before: a sharp rise.",
                "met": "{latest} contact(s) in the latest {window_days} days against an "
                "average of {baseline_average} before.",
            },
        ),
    ],
)


# --- the entry point ------------------------------------------------------------------------


def _contacts(contacts: object) -> tuple[Contact, ...]:
    if contacts is None:
        return ()
    if isinstance(contacts, str | bytes | Mapping) or not isinstance(contacts, Iterable):
        raise InvalidInput.single(("contacts",), "list_type", "not a list of contacts")
    items = tuple(contacts)
    if all(isinstance(c, Contact) for c in items):
        return cast("tuple[Contact, ...]", items)
    try:
        return _CONTACTS.validate_python(items)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc, prefix=("contacts",)) from None


def boundary_facts(
    agreement: BoundaryAgreement | Mapping[str, Any] | None,
    contacts: Iterable[Contact | Mapping[str, Any]] | None,
    as_of: date,
) -> BoundaryFacts:
    """Validate the agreement and contacts and keep the contacts up to ``as_of``."""
    valid = None if agreement is None else coerce_model(BoundaryAgreement, agreement, "agreement")
    every = _contacts(contacts)
    tz = valid.zoneinfo if valid is not None else None

    def day(c: Contact) -> date:
        return (in_zone(c.at, tz) if tz is not None else c.at).date()

    kept = tuple(sorted((c for c in every if day(c) <= as_of), key=lambda c: c.instant))
    peer = valid.peer if valid is not None else None
    own = tuple(c for c in kept if c.peer is None or c.peer == peer)
    digest = digest_json(
        {
            "agreement": valid.digest if valid is not None else None,
            "contacts": [c.digest for c in every],
        }
    )
    return BoundaryFacts(valid, own, kept, digest)


def check_boundaries(
    agreement: BoundaryAgreement | Mapping[str, Any] | None,
    contacts: Iterable[Contact | Mapping[str, Any]] | None,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check contacts against the boundary agreement between a supporter and a peer.

    ``agreement`` may be ``None`` (no agreement: ``BND-001`` is not met and the terms
    that need one ask for review). ``contacts`` are read up to ``as_of``; a contact time
    without a UTC offset raises :class:`~peersupport.InvalidInput` naming the field.
    """
    context = make_context(policy, as_of)
    facts = boundary_facts(agreement, contacts, context.as_of)
    subject = None
    if facts.agreement is not None:
        subject = facts.agreement.id or facts.agreement.supporter
    from peersupport.checks._registry import severity_of  # noqa: PLC0415 - registry imports checks

    findings = BOUNDARIES.evaluate(facts, context, subject)
    valid = coerce_waivers(waivers)
    findings = apply_waivers(
        findings, valid, as_of=context.as_of, strict=strict, severity_of=severity_of
    )
    return Report(
        findings=findings,
        ruleset_version=BOUNDARIES.label,
        policy_digest=context.policy.digest,
        input_digest=facts.digest,
        as_of=context.as_of,
        waivers=valid,
        strict=strict,
    )
