"""BND-*: contacts held to a negotiated boundary agreement, each crossing with its response."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.boundaries import BOUNDARIES, check_boundaries
from peersupport.model.boundaries import BoundaryAgreement, Contact
from strategies_drift import AS_OF, agreement, contact, weekly_contacts

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)
TUESDAY = date(2026, 11, 17)
WEEK = [contact(TUESDAY), contact(TUESDAY + timedelta(days=2))]


def check(
    a: dict[str, Any] | None = None, contacts: list[Any] | None = None, **kw: Any
) -> ps.Report:
    return check_boundaries(
        agreement() if a is None else a, WEEK if contacts is None else contacts, as_of=AS_OF, **kw
    )


def outcome(
    rule_id: str, a: dict[str, Any] | None = None, contacts: list[Any] | None = None, **kw: Any
) -> ps.Outcome:
    found = check(a, contacts, **kw).outcome_of(rule_id)
    assert found is not None
    return found


def test_the_rule_set_is_cited_and_graded_as_the_guidance_says() -> None:
    assert [r.id for r in BOUNDARIES] == [f"BND-{n:03d}" for n in range(1, 19)]
    by_id = {r.id: r for r in BOUNDARIES}
    assert by_id["BND-006"].severity is ps.Severity.CRITICAL  # romantic
    assert by_id["BND-007"].severity is ps.Severity.REQUIRED  # supervises the peer
    for rule in BOUNDARIES:
        assert rule.citations
        assert rule.concept == "boundaries"
        assert len(rule.remediation.split()) >= 6, rule.id


def test_a_well_kept_agreement_passes_every_rule() -> None:
    report = check()
    assert report.passed
    assert {f.outcome for f in report.findings} <= {MET, NA}
    assert report.ruleset_version == "boundaries/1"


# --- the agreement --------------------------------------------------------------------------


def test_bnd_001_is_met_when_every_term_is_agreed() -> None:
    assert outcome("BND-001") is MET


def test_bnd_001_is_not_met_without_an_agreement_and_the_terms_ask_for_review() -> None:
    report = check_boundaries(None, WEEK, as_of=AS_OF)
    assert report.outcome_of("BND-001") is NOT_MET
    assert not report.passed
    for rule_id in ("BND-003", "BND-004", "BND-005", "BND-017"):
        assert report.outcome_of(rule_id) is REVIEW, rule_id
    assert report.outcome_of("BND-002") is NA


def test_bnd_001_needs_review_when_a_term_is_missing() -> None:
    report = check(agreement(gift_limit=None, self_disclosure=None))
    finding = report.finding("BND-001")
    assert finding.outcome is REVIEW
    assert finding.evidence["missing"] == ("self_disclosure", "gift_limit")


def test_bnd_001_is_not_met_before_the_agreement_takes_effect() -> None:
    assert outcome("BND-001", agreement(agreed_on="2026-12-01", review_on=None)) is NOT_MET


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, MET),
        ({"review_on": "2026-11-23"}, MET),
        ({"review_on": "2026-11-22"}, NOT_MET),
        ({"review_on": None, "agreed_on": "2025-11-23"}, MET),
        ({"review_on": None, "agreed_on": "2025-11-22"}, NOT_MET),
        ({"review_on": None, "agreed_on": None}, REVIEW),
    ],
)
def test_bnd_002_review_is_due_on_its_date_or_after_the_policy_days(
    changes: dict[str, Any], expected: ps.Outcome
) -> None:
    assert outcome("BND-002", agreement(**changes)) is expected


# --- contacts against the terms --------------------------------------------------------------


def test_bnd_003_is_not_met_for_a_channel_not_agreed_and_reviews_an_unknown_one() -> None:
    assert outcome("BND-003") is MET
    texted = [*WEEK[:1], contact(TUESDAY, channel="text_message")]
    finding = check(contacts=texted).finding("BND-003")
    assert finding.outcome is NOT_MET
    assert finding.evidence["channels_used"] == ("text_message",)
    assert outcome("BND-003", contacts=[contact(TUESDAY, channel=None)]) is REVIEW
    assert outcome("BND-003", agreement(channels=None)) is REVIEW
    assert outcome("BND-003", contacts=[]) is NA


@pytest.mark.parametrize(
    ("at", "minutes", "expected"),
    [
        ("2026-11-17T09:00:00+00:00", 60, MET),  # 09:00 London, winter time
        ("2026-11-17T16:00:00+00:00", 60, MET),  # ends at 17:00 exactly
        ("2026-11-17T16:30:00+00:00", 60, NOT_MET),  # runs past 17:00
        ("2026-11-17T08:59:00+00:00", 10, NOT_MET),
        ("2026-11-17T10:00:00-05:00", 30, MET),  # 10:00 in New York is 15:00 in London
        ("2026-11-21T10:00:00+00:00", 30, NOT_MET),  # a Saturday
        ("2026-11-17T16:59:00+00:00", 1, MET),
        ("2026-11-17T17:00:00+00:00", 0, NOT_MET),  # the window's end is exclusive
    ],
)
def test_bnd_004_reads_the_agreed_hours_in_the_agreement_time_zone(
    at: str, minutes: int, expected: ps.Outcome
) -> None:
    assert outcome("BND-004", contacts=[contact(TUESDAY, at=at, minutes=minutes)]) is expected


def test_bnd_004_without_a_zone_reads_each_contact_in_its_own_offset() -> None:
    late_local = contact(TUESDAY, at="2026-11-17T18:00:00+10:00")  # 08:00 UTC
    assert outcome("BND-004", contacts=[late_local]) is NOT_MET  # 08:00 in London
    assert outcome("BND-004", agreement(timezone=None), [late_local]) is NOT_MET  # 18:00 there
    morning = contact(TUESDAY, at="2026-11-17T10:00:00+10:00")
    assert outcome("BND-004", agreement(timezone=None), [morning]) is MET
    assert outcome("BND-004", agreement(windows=None)) is REVIEW


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-11-17T16:55:00+00:00", REVIEW),  # five minutes before 17:00: may run past it
        ("2026-11-17T09:00:00+00:00", REVIEW),  # even at the start, the end is unknown
        ("2026-11-17T17:00:00+00:00", NOT_MET),  # the window's end is exclusive
        ("2026-11-17T08:59:00+00:00", NOT_MET),  # began before the window
        ("2026-11-21T10:00:00+00:00", NOT_MET),  # a Saturday
    ],
)
def test_bnd_004_a_contact_without_a_duration_is_never_taken_as_within(
    at: str, expected: ps.Outcome
) -> None:
    finding = check(contacts=[contact(TUESDAY, at=at, minutes=None)]).finding("BND-004")
    assert finding.outcome is expected
    unknown = 1 if expected is REVIEW else 0
    assert finding.evidence["unknown_duration_count"] == unknown
    assert finding.evidence["outside_count"] == 1 - unknown


def test_bnd_004_needs_review_for_a_missing_duration_and_is_not_met_for_a_crossing() -> None:
    late = contact(TUESDAY, id="c-late", at="2026-11-17T16:50:00+00:00", minutes=None)
    finding = check(contacts=[*WEEK, late]).finding("BND-004")
    assert finding.outcome is REVIEW
    assert finding.evidence["unknown_duration"] == ("c-late",)
    assert finding.message == (
        "1 contact(s) began within the agreed hours but have no duration, so they may have "
        "run past them: c-late."
    )
    evening = contact(TUESDAY, id="c-evening", at="2026-11-17T19:00:00+00:00", minutes=None)
    finding = check(contacts=[*WEEK, late, evening]).finding("BND-004")
    assert finding.outcome is NOT_MET
    assert finding.evidence["outside"] == ("c-evening",)
    assert finding.evidence["unknown_duration"] == ("c-late",)
    assert outcome("BND-004", contacts=[*WEEK, {**late, "minutes": 10}]) is MET


def test_bnd_005_counts_contacts_per_iso_week() -> None:
    assert outcome("BND-005", contacts=weekly_contacts(6, 2)) is MET
    finding = check(contacts=weekly_contacts(6, 3)).finding("BND-005")
    assert finding.outcome is NOT_MET
    assert finding.evidence["busiest"] == 3
    assert outcome("BND-005", agreement(max_contacts_per_week=None)) is REVIEW


# --- dual relationships ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "relationship", "severity"),
    [
        ("BND-006", "romantic", ps.Severity.CRITICAL),
        ("BND-007", "supervises_peer", ps.Severity.REQUIRED),
        ("BND-008", "financial", ps.Severity.REQUIRED),
        ("BND-009", "family", ps.Severity.RECOMMENDED),
        ("BND-010", "business", ps.Severity.RECOMMENDED),
    ],
)
def test_each_dual_relationship_is_graded(
    rule_id: str, relationship: str, severity: ps.Severity
) -> None:
    assert outcome(rule_id) is MET
    report = check(contacts=[*WEEK, contact(TUESDAY, dual_relationships=[relationship])])
    finding = report.finding(rule_id)
    assert (finding.outcome, finding.severity) == (NOT_MET, severity)
    assert report.passed is not severity.blocking
    assert outcome(rule_id, contacts=[]) is NA


def test_bnd_011_social_media_is_fine_only_when_agreed() -> None:
    linked = [contact(TUESDAY, social_media_connection=True)]
    assert outcome("BND-011") is MET
    assert outcome("BND-011", contacts=linked) is NOT_MET
    assert outcome("BND-011", agreement(channels=["in_person", "social_media"]), linked) is MET
    assert outcome("BND-011", agreement(channels=None), linked) is REVIEW


# --- gifts, money, topics -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gift", "limit", "expected"),
    [(None, 10, MET), (10, 10, MET), (10.01, 10, NOT_MET), (5, None, REVIEW), (0, None, MET)],
)
def test_bnd_012_gifts_within_the_agreed_limit(
    gift: float | None, limit: float | None, expected: ps.Outcome
) -> None:
    contacts = [contact(TUESDAY, gift_value=gift)]
    assert outcome("BND-012", agreement(gift_limit=limit), contacts) is expected


@pytest.mark.parametrize(
    ("lent", "borrowed", "expected"), [(0, 0, MET), (5, 0, NOT_MET), (0, 0.5, NOT_MET)]
)
def test_bnd_013_any_money_lent_or_borrowed_is_not_met(
    lent: float, borrowed: float, expected: ps.Outcome
) -> None:
    contacts = [contact(TUESDAY, money_lent=lent, money_borrowed=borrowed)]
    report = check(contacts=contacts)
    assert report.outcome_of("BND-013") is expected
    assert report.passed is (expected is MET)


def test_bnd_014_off_limits_topics() -> None:
    a = agreement(off_limits_topics=["family_history"])
    assert outcome("BND-014", a, [contact(TUESDAY, topics=["work"])]) is MET
    finding = check(a, [contact(TUESDAY, topics=["family_history", "work"])]).finding("BND-014")
    assert finding.outcome is NOT_MET
    assert finding.evidence["topics"] == ("family_history",)
    assert outcome("BND-014") is NA


# --- ending the relationship ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requests", "expected"),
    [
        ([], NA),
        ([{"requested_on": "2026-10-01", "honoured_on": "2026-10-15"}], MET),
        ([{"requested_on": "2026-10-01", "honoured_on": "2026-10-16"}], NOT_MET),
        ([{"requested_on": "2026-11-08"}], NOT_MET),
        ([{"requested_on": "2026-11-09"}], REVIEW),
        ([{"requested_on": "2026-12-01"}], NA),
    ],
)
def test_bnd_015_a_request_to_change_supporter_is_honoured_within_the_policy_days(
    requests: list[dict[str, str]], expected: ps.Outcome
) -> None:
    assert outcome("BND-015", agreement(change_requests=requests)) is expected


def test_bnd_015_days_come_from_the_policy() -> None:
    late = agreement(change_requests=[{"requested_on": "2026-10-01", "honoured_on": "2026-10-20"}])
    assert outcome("BND-015", late) is NOT_MET
    assert outcome("BND-015", late, policy={"boundaries_change_supporter_days": 30}) is MET


@pytest.mark.parametrize(
    ("declined", "expected"),
    [
        (None, NA),
        ({"declined_on": "2026-11-01", "referred_on": "2026-11-02"}, MET),
        ({"declined_on": "2026-10-01", "referred_on": "2026-10-20"}, NOT_MET),
        ({"declined_on": "2026-10-01"}, NOT_MET),
        ({"declined_on": "2026-11-20"}, REVIEW),
    ],
)
def test_bnd_016_a_declined_peer_is_referred(
    declined: dict[str, str] | None, expected: ps.Outcome
) -> None:
    assert outcome("BND-016", agreement(declined=declined)) is expected


# --- the supporter's limit and dependency -------------------------------------------------


def test_bnd_017_counts_the_supporters_hours_with_every_peer() -> None:
    other = [contact(TUESDAY, hour=11, peer="peer-002", minutes=240) for _ in range(2)]
    assert outcome("BND-017") is MET
    assert outcome("BND-017", contacts=[*WEEK, *other]) is MET  # 2 h + 8 h: at the limit
    report = check(contacts=[*WEEK, *other, other[0]])
    assert report.outcome_of("BND-017") is NOT_MET  # 14 h
    assert report.finding("BND-017").evidence["busiest_hours"] == 14.0
    assert report.outcome_of("BND-005") is MET  # other peers' contacts do not count here


def test_bnd_017_the_limit_is_the_supporters_own() -> None:
    long_week = [contact(TUESDAY, minutes=360), contact(TUESDAY + timedelta(days=1), minutes=300)]
    assert outcome("BND-017", agreement(supporter_weekly_hours=11), long_week) is MET
    assert outcome("BND-017", agreement(supporter_weekly_hours=10.99), long_week) is NOT_MET
    assert outcome("BND-017", agreement(supporter_weekly_hours=None), long_week) is REVIEW
    unknown = [contact(TUESDAY, minutes=None)]
    assert outcome("BND-017", contacts=unknown) is REVIEW


def test_bnd_018_a_sharp_rise_in_contact_is_a_dependency_signal() -> None:
    a = agreement(agreed_on="2026-01-05", max_contacts_per_week=10)
    steady = weekly_contacts(16, 2)
    assert outcome("BND-018", a, steady) is MET
    rising = weekly_contacts(16, 1) + weekly_contacts(4, 2)
    finding = check(a, rising).finding("BND-018")
    assert finding.outcome is NOT_MET, finding.evidence
    assert finding.evidence["latest"] >= 8


def test_bnd_018_needs_history_and_a_minimum_count() -> None:
    new = agreement(agreed_on="2026-11-01")
    assert outcome("BND-018", new, weekly_contacts(3, 3)) is NA
    few = agreement(agreed_on="2026-01-05")
    assert outcome("BND-018", few, weekly_contacts(4, 1)) is MET  # from none to 4: below 8


# --- input and output ---------------------------------------------------------------------------


def test_a_naive_contact_time_is_refused_naming_the_field() -> None:
    with pytest.raises(ps.InvalidInput) as info:
        check(contacts=[*WEEK, {"at": "2026-11-17T10:00:00"}])
    assert [e.path for e in info.value.errors] == ["contacts[2].at"]
    assert "time zone" in str(info.value)


def test_a_bad_agreement_is_refused_naming_the_field() -> None:
    with pytest.raises(ps.InvalidInput) as info:
        check(agreement(timezone="Mars/Olympus", windows=[{"start": "17:00", "end": "09:00"}]))
    assert {e.path for e in info.value.errors} == {"timezone", "windows[0]"}


@pytest.mark.parametrize("contacts", ["x", {"at": "2026-01-01T00:00:00Z"}, 3])
def test_contacts_must_be_a_list(contacts: Any) -> None:
    with pytest.raises(ps.InvalidInput):
        check_boundaries(agreement(), contacts)


def test_models_are_accepted_and_not_mutated() -> None:
    a = BoundaryAgreement.model_validate(agreement())
    cs = [Contact.model_validate(c) for c in WEEK]
    before = (a.model_dump_json(), [c.model_dump_json() for c in cs])
    assert check_boundaries(a, cs, as_of=AS_OF).passed
    assert before == (a.model_dump_json(), [c.model_dump_json() for c in cs])


def test_the_report_is_deterministic_and_independent_of_contact_order() -> None:
    contacts = weekly_contacts(6, 3)
    a = check(contacts=contacts).to_json()
    b = check(contacts=list(reversed(contacts))).to_json()
    data_a, data_b = json.loads(a), json.loads(b)
    assert data_a["findings"] == data_b["findings"]
    assert check(contacts=contacts).to_json() == a


def test_contacts_after_the_day_of_the_check_are_ignored() -> None:
    future = [contact(AS_OF + timedelta(days=1), channel="email")]
    assert outcome("BND-003", contacts=[*WEEK, *future]) is MET
