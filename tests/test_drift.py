"""DRIFT-*: each indicator's value, thresholds, level, trend, and the profile around them."""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import random
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

import peersupport as ps
from peersupport.checks.drift import (
    DRIFT,
    DriftAccumulator,
    DriftLevel,
    DriftProfile,
    TrendDirection,
    drift_profile,
    drift_profiles,
)
from strategies_drift import (
    AS_OF,
    CALM_NOTE,
    CANARY,
    DIRECTIVE_NOTE,
    JUDGEMENTAL_NOTE,
    at,
    days_back,
    healthy_log,
    with_changes,
)

OK, WATCH, ACT = DriftLevel.OK, DriftLevel.WATCH, DriftLevel.ACT
MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)
BASE = {"supporter": "ps-001", "started_on": "2020-01-06", "peer_colleagues": 2}


def profile(log: dict[str, Any], policy: dict[str, Any] | None = None) -> DriftProfile:
    return drift_profile(log, policy, as_of=AS_OF)


def value(log: dict[str, Any], name: str, policy: dict[str, Any] | None = None) -> float | None:
    return profile(log, policy).indicator(name).value


def tasks(n: int, inconsistent: int, requested_by: str = "staff", on: int = 5) -> list[Any]:
    day = days_back(on).isoformat()
    bad = [
        {"day": day, "task": {"activity": "write_progress_report", "requested_by": requested_by}}
    ] * inconsistent
    good = [{"day": day, "task": {"activity": "share_lived_experience"}}] * (n - inconsistent)
    return bad + good


def sessions(gaps: list[int], on: int = 5) -> list[dict[str, str]]:
    """Half-hour sessions on one day, each ``gap`` minutes after the one before."""
    day = days_back(on)
    out = []
    minute = 9 * 60
    for gap in [0, *gaps]:
        minute += gap
        out.append(
            {
                "start": at(day, minute // 60, minute % 60),
                "end": at(day, (minute + 30) // 60, (minute + 30) % 60),
            }
        )
        minute += 30
    return out


# --- every rule and its outcomes ----------------------------------------------------------


def test_the_rule_set_has_one_cited_rule_per_indicator() -> None:
    assert [r.id for r in DRIFT] == [f"DRIFT-{n:03d}" for n in range(1, 12)]
    for rule in DRIFT:
        assert rule.concept == "drift"
        assert rule.citations
        assert rule.remediation.endswith(".")
    names = [i.name for i in profile(healthy_log()).indicators]
    assert len(set(names)) == 11


def test_a_healthy_year_is_ok_on_every_indicator_and_met_on_every_rule() -> None:
    p = profile(healthy_log())
    assert p.level is OK
    assert {f.outcome for f in p.findings} == {MET}
    assert all(i.level is OK for i in p.indicators)


# --- role-inconsistent tasks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested_by", "organisational", "individual"),
    [("staff", 0.5, 0.0), ("supervisor", 0.5, 0.0), ("self", 0.0, 0.5), ("peer", 0.0, 0.5)],
)
def test_drift_001_002_split_inconsistent_tasks_by_who_assigned_them(
    requested_by: str, organisational: float, individual: float
) -> None:
    log = {**BASE, "tasks": tasks(4, 2, requested_by)}
    assert value(log, "organisational_drift") == organisational
    assert value(log, "individual_drift") == individual


def test_drift_001_counts_a_task_the_treatment_plan_assigns_as_organisational() -> None:
    task = {"activity": "write_progress_report", "reason": "treatment_plan"}
    log = {**BASE, "tasks": [{"day": days_back(3).isoformat(), "task": task}]}
    assert value(log, "organisational_drift") == 1.0
    assert value(log, "individual_drift") == 0.0


@pytest.mark.parametrize(
    ("n", "bad", "level", "outcome"),
    [(11, 1, OK, MET), (10, 1, WATCH, REVIEW), (5, 1, WATCH, REVIEW), (4, 1, ACT, NOT_MET)],
)
def test_drift_001_levels_at_the_default_thresholds(
    n: int, bad: int, level: DriftLevel, outcome: ps.Outcome
) -> None:
    p = profile({**BASE, "tasks": tasks(n, bad)})
    assert p.indicator("DRIFT-001").level is level
    assert next(f for f in p.findings if f.rule_id == "DRIFT-001").outcome is outcome


@pytest.mark.parametrize(("n", "bad", "level"), [(11, 1, OK), (10, 1, WATCH), (4, 1, ACT)])
def test_drift_002_levels_at_the_default_thresholds(n: int, bad: int, level: DriftLevel) -> None:
    assert profile({**BASE, "tasks": tasks(n, bad, "self")}).indicator("DRIFT-002").level is level


def test_drift_001_is_not_applicable_without_tasks_in_the_latest_window() -> None:
    p = profile({**BASE, "tasks": tasks(4, 4, on=200)})
    i = p.indicator("organisational_drift")
    assert i.value is None
    assert i.level is OK
    assert i.trend[-1] is None
    assert i.trend[-3] == 1.0
    assert next(f for f in p.findings if f.rule_id == "DRIFT-001").outcome is NA


# --- language in notes ------------------------------------------------------------------------


def _note(text: str, on: int = 5) -> dict[str, str]:
    return {"day": days_back(on).isoformat(), "text": text}


def test_drift_003_counts_directive_phrases_per_thousand_words() -> None:
    counts = ps.language_counts(DIRECTIVE_NOTE)
    expected = counts.by_category[ps.LanguageCategory.DIRECTIVE] * 1000 / counts.words
    log = {**BASE, "notes": [_note(DIRECTIVE_NOTE), _note(CALM_NOTE)]}
    words = counts.words + ps.language_counts(CALM_NOTE).words
    assert value(log, "directive_language") == pytest.approx(expected * counts.words / words)
    assert expected > 0


def test_drift_004_counts_closed_and_judgemental_phrases_together() -> None:
    counts = ps.language_counts(JUDGEMENTAL_NOTE)
    found = (
        counts.by_category[ps.LanguageCategory.CLOSED_LANGUAGE]
        + counts.by_category[ps.LanguageCategory.JUDGEMENTAL]
    )
    assert found >= 2
    log = {**BASE, "notes": [_note(JUDGEMENTAL_NOTE)]}
    assert value(log, "closed_judgemental_language") == found * 1000 / counts.words
    assert value(log, "directive_language") == 0.0


def test_drift_003_004_are_met_for_calm_notes_and_not_met_for_directive_ones() -> None:
    calm = profile({**BASE, "notes": [_note(CALM_NOTE)]})
    harsh = profile({**BASE, "notes": [_note(DIRECTIVE_NOTE), _note(JUDGEMENTAL_NOTE)]})
    for rule_id in ("DRIFT-003", "DRIFT-004"):
        assert next(f for f in calm.findings if f.rule_id == rule_id).outcome is MET
        assert next(f for f in harsh.findings if f.rule_id == rule_id).outcome is NOT_MET


# --- supervision, debriefs, isolation -----------------------------------------------------------


def _supervision(*entries: tuple[int, str]) -> list[dict[str, str]]:
    return [{"day": days_back(n).isoformat(), "kind": kind} for n, kind in entries]


@pytest.mark.parametrize(
    ("days", "level"), [(0, OK), (30, OK), (31, WATCH), (61, WATCH), (62, ACT), (200, ACT)]
)
def test_drift_005_days_since_peer_supervision(days: int, level: DriftLevel) -> None:
    p = profile({**BASE, "supervision": _supervision((days, "peer"), (1, "administrative"))})
    i = p.indicator("peer_supervision")
    assert (i.value, i.level) == (days, level)
    assert i.evidence["last_administrative"] == days_back(1).isoformat()


def test_drift_005_without_any_peer_supervision_is_act_and_not_met() -> None:
    p = profile({**BASE, "supervision": _supervision((1, "administrative"))})
    assert p.indicator("peer_supervision").level is ACT
    finding = next(f for f in p.findings if f.rule_id == "DRIFT-005")
    assert (finding.outcome, finding.message_key) == (NOT_MET, "never")


def _months_back(k: int) -> str:
    """The 10th of the month ``k`` whole months before AS_OF's month."""
    m = AS_OF.year * 12 + AS_OF.month - 1 - k
    return date(m // 12, m % 12 + 1, 10).isoformat()


@pytest.mark.parametrize(
    ("attended", "missed", "level"),
    [((1, 2, 3), 0, OK), ((1, 2), 1, WATCH), ((2,), 2, ACT), ((), 3, ACT)],
)
def test_drift_006_counts_whole_months_without_a_debrief_in_the_latest_window(
    attended: tuple[int, ...], missed: int, level: DriftLevel
) -> None:
    # AS_OF is 23 November: the latest 91 days end the months of August, September, October.
    log = {**BASE, "debriefs": [_months_back(k) for k in attended]}
    i = profile(log).indicator("debriefs_missed")
    assert i.value == missed
    assert len(i.evidence["months_missed"]) == missed
    assert i.level is level


def test_drift_006_leaves_out_months_before_the_start_and_counts_all_when_unknown() -> None:
    recent = {**BASE, "started_on": "2026-10-01", "debriefs": []}
    assert value(recent, "debriefs_missed") == 1  # October only
    unknown = {**BASE, "started_on": None, "debriefs": []}
    assert value(unknown, "debriefs_missed") == 3


@pytest.mark.parametrize(
    ("colleagues", "contact_days", "signals", "level"),
    [
        (2, 10, 0, OK),
        (2, 90, 0, OK),
        (2, 91, 1, WATCH),
        (0, 10, 1, WATCH),
        (None, 10, 1, WATCH),
        (0, None, 2, ACT),
    ],
)
def test_drift_007_isolation_signals(
    colleagues: int | None, contact_days: int | None, signals: int, level: DriftLevel
) -> None:
    contacts = [] if contact_days is None else [days_back(contact_days).isoformat()]
    log = {**BASE, "peer_colleagues": colleagues, "community_contacts": contacts}
    i = profile(log).indicator("isolation")
    assert (i.value, i.level) == (signals, level)


# --- breaks, shift debriefs, extra duties, training ---------------------------------------------


@pytest.mark.parametrize(
    ("gaps", "share"),
    [([5, 5, 5], 0.0), ([4, 5, 5], 0.25), ([4, 4, 10], 0.5), ([-10, 0, 0], 0.75)],
)
def test_drift_008_counts_sessions_started_without_the_five_minute_break(
    gaps: list[int], share: float
) -> None:
    log = {**BASE, "sessions": sessions(gaps)}
    assert value(log, "back_to_back") == share


def test_drift_008_is_order_free_and_reads_the_session_before_the_window() -> None:
    s = sessions([2, 2, 2])
    random.Random(4).shuffle(s)  # noqa: S311 - a fixed shuffle, not a secret
    assert value({**BASE, "sessions": s}, "back_to_back") == 0.75
    late = {**BASE, "sessions": sessions([1], on=0)}
    assert value(late, "back_to_back") == 0.5


@pytest.mark.parametrize(
    ("minutes", "without"),
    [([10, 10, 10, 10], 0.0), ([9, 10, 10, 10], 0.25), ([None, 0, 10, 15], 0.5)],
)
def test_drift_009_counts_shifts_without_the_ten_minute_debrief(
    minutes: list[int | None], without: float
) -> None:
    shifts = [
        {"start": at(days_back(n + 1), 8), "end": at(days_back(n + 1), 16), "debrief_minutes": m}
        for n, m in enumerate(minutes)
    ]
    p = profile({**BASE, "shifts": shifts})
    assert p.indicator("shift_debriefs").value == without
    expected = {0.0: OK, 0.25: WATCH, 0.5: ACT}[without]
    assert p.indicator("shift_debriefs").level is expected


@pytest.mark.parametrize(
    ("started", "duty_days_after_start", "count"),
    [("2026-06-01", [0, 30, 89], 3), ("2026-06-01", [90, 120], 0), (None, [0, 400], 2)],
)
def test_drift_010_counts_extra_duties_within_the_early_employment_window(
    started: str | None, duty_days_after_start: list[int], count: int
) -> None:
    origin = date.fromisoformat(started) if started else date(2025, 6, 1)
    duties = [
        {"day": (origin + timedelta(days=d)).isoformat(), "kind": "facilitation"}
        for d in duty_days_after_start
    ]
    i = profile({**BASE, "started_on": started, "extra_duties": duties}).indicator(
        "early_extra_duties"
    )
    assert i.value == count
    assert i.level is {0: OK, 2: WATCH, 3: ACT}[count]


@pytest.mark.parametrize(("days", "level"), [(152, OK), (153, WATCH), (183, WATCH), (184, ACT)])
def test_drift_011_training_lapses_after_the_retraining_interval(
    days: int, level: DriftLevel
) -> None:
    trainings = [
        {"module": "basic_peer_support", "completed_on": days_back(days).isoformat()},
        {"module": "group_facilitation", "completed_on": days_back(1).isoformat()},
    ]
    log = {**BASE, "trainings": trainings}
    i = profile(log).indicator("training_lapsed")
    assert (i.value, i.level) == (days, level)


def test_drift_011_without_any_training_is_act() -> None:
    p = profile(BASE)
    assert p.indicator("training_lapsed").level is ACT
    assert next(f for f in p.findings if f.rule_id == "DRIFT-011").message_key == "never"


# --- every level boundary, for every indicator --------------------------------------------------

_FIELDS = {
    "organisational_drift": ("drift_organisational_watch", "drift_organisational_act"),
    "individual_drift": ("drift_individual_watch", "drift_individual_act"),
    "directive_language": ("drift_directive_watch", "drift_directive_act"),
    "closed_judgemental_language": ("drift_closed_watch", "drift_closed_act"),
    "peer_supervision": ("drift_supervision_watch_days", "drift_supervision_act_days"),
    "debriefs_missed": ("drift_debriefs_missed_watch", "drift_debriefs_missed_act"),
    "isolation": ("drift_isolation_watch", "drift_isolation_act"),
    "back_to_back": ("drift_back_to_back_watch", "drift_back_to_back_act"),
    "shift_debriefs": ("drift_shift_debrief_watch", "drift_shift_debrief_act"),
    "early_extra_duties": ("drift_extra_duties_watch", "drift_extra_duties_act"),
}

BUSY = {
    **BASE,
    "peer_colleagues": 0,
    "tasks": tasks(5, 1) + tasks(5, 1, "self"),
    "notes": [_note(DIRECTIVE_NOTE), _note(JUDGEMENTAL_NOTE)],
    "sessions": sessions([3, 10, 10]),
    "shifts": [{"start": at(days_back(3), 8), "end": at(days_back(3), 16)}]
    + [
        {"start": at(days_back(n), 8), "end": at(days_back(n), 16), "debrief_minutes": 10}
        for n in (4, 5, 6)
    ],
    "supervision": _supervision((40, "peer")),
    "debriefs": [_months_back(1)],
    "community_contacts": [days_back(20).isoformat()],
    "extra_duties": [{"day": "2020-01-10"}, {"day": "2020-02-10"}],
}


@pytest.mark.parametrize("name", sorted(_FIELDS))
def test_each_level_starts_exactly_at_its_threshold(name: str) -> None:
    v = value(BUSY, name)
    assert v is not None
    assert v > 0
    watch, act = _FIELDS[name]
    integer = name in {"peer_supervision", "debriefs_missed", "isolation", "early_extra_duties"}
    step = 1 if integer else v / 10

    def level(w: float, a: float) -> DriftLevel:
        policy = {watch: int(w) if integer else w, act: int(a) if integer else a}
        return profile(BUSY, policy).indicator(name).level

    assert level(v + step, v + 2 * step) is OK
    assert level(v, v + step) is WATCH
    if v - step >= (1 if integer else 0):
        assert level(v - step, v) is ACT
    assert level(v, v) is ACT


def test_training_levels_follow_the_retraining_interval_and_notice() -> None:
    log = {
        **BASE,
        "trainings": [{"module": "basic_peer_support", "completed_on": days_back(60).isoformat()}],
    }

    def level(interval: int, notice: int) -> DriftLevel:
        policy = {"retraining_interval_days": interval, "drift_training_notice_days": notice}
        return profile(log, policy).indicator("training_lapsed").level

    assert level(59, 0) is ACT
    assert level(60, 0) is WATCH
    assert level(61, 0) is OK
    assert level(90, 30) is WATCH
    assert level(91, 30) is OK


def test_a_policy_with_watch_above_act_is_refused() -> None:
    with pytest.raises(ps.InvalidInput, match="drift_back_to_back_watch"):
        drift_profile(BASE, {"drift_back_to_back_watch": 0.9, "drift_back_to_back_act": 0.5})


# --- windows and trends ----------------------------------------------------------------------


def test_the_trend_is_quarter_over_quarter_oldest_first() -> None:
    log = {
        **BASE,
        "tasks": tasks(10, 0, on=300) + tasks(10, 1, on=200) + tasks(10, 3, on=100) + tasks(10, 5),
    }
    p = profile(log)
    i = p.indicator("organisational_drift")
    assert i.trend == (0.0, 0.1, 0.3, 0.5)
    assert i.direction is TrendDirection.WORSENING
    assert p.windows[-1] == (AS_OF - timedelta(days=90), AS_OF)
    assert p.windows[0] == (AS_OF - timedelta(days=363), AS_OF - timedelta(days=273))
    assert len(p.windows) == 4


def test_the_trend_improves_and_holds_steady() -> None:
    improving = {**BASE, "tasks": tasks(4, 2, on=100) + tasks(4, 1)}
    steady = {**BASE, "tasks": tasks(4, 1, on=100) + tasks(4, 1)}
    assert profile(improving).indicator("DRIFT-001").direction is TrendDirection.IMPROVING
    assert profile(steady).indicator("DRIFT-001").direction is TrendDirection.STEADY
    unknown = {**BASE, "tasks": tasks(4, 1)}
    assert profile(unknown).indicator("DRIFT-001").direction is TrendDirection.UNKNOWN


def test_window_length_and_count_come_from_the_policy() -> None:
    p = profile(BASE, {"drift_window_days": 30, "drift_trend_windows": 6})
    assert len(p.windows) == 6
    assert all((b - a).days == 29 for a, b in p.windows)
    assert all(len(i.trend) == 6 for i in p.indicators)


def test_events_after_the_day_of_the_check_are_ignored() -> None:
    future = {**BASE, "tasks": tasks(4, 4, on=-3), "supervision": _supervision((-2, "peer"))}
    p = profile(future)
    assert p.indicator("organisational_drift").value is None
    assert p.indicator("peer_supervision").value is None
    assert p.events == 5


# --- the profile ------------------------------------------------------------------------------


def test_the_overall_level_is_the_highest_indicator_level() -> None:
    assert profile(healthy_log()).level is OK
    watch = with_changes(healthy_log(), peer_colleagues=0)
    assert profile(watch).level is WATCH
    assert profile(BASE).level is ACT


def test_the_profile_serialises_to_canonical_json_deterministically() -> None:
    a = profile(BUSY).to_json()
    b = profile(json.loads(json.dumps(BUSY))).to_json()
    assert a == b
    data = json.loads(a)
    assert data["level"] == "act"
    assert data["ruleset_version"] == "drift/1"
    assert [i["rule_id"] for i in data["indicators"]] == [r.id for r in DRIFT]
    assert data["input_digest"].startswith("sha256:")
    assert data["indicators"][0]["citations"][0]["source"] == "who-qualityrights-one-to-one"


def test_a_profile_cannot_be_changed_after_it_is_made() -> None:
    p = profile(BUSY)
    before = p.to_json()
    tasks_evidence = p.indicator("organisational_drift").evidence
    with pytest.raises(TypeError):
        tasks_evidence["tasks"] = 99  # type: ignore[index] # the point: a read-only mapping
    with pytest.raises(AttributeError):
        tasks_evidence.clear()  # type: ignore[attr-defined] # the point: no dict methods
    months = p.indicator("debriefs_missed").evidence["months_missed"]
    assert months == ("2026-08", "2026-09")
    with pytest.raises(AttributeError):
        months.append("2026-11")
    finding = p.findings[5]
    assert finding.rule_id == "DRIFT-006"
    for key in ("trend", "months_missed"):
        with pytest.raises(AttributeError):
            finding.evidence[key].append(0)
    assert p.to_json() == before


def test_lists_handed_to_an_indicator_or_profile_become_tuples() -> None:
    p = profile(BUSY)
    i = p.indicators[0]
    source = {"tasks": 3, "months": ["2026-10"], "nested": {"n": [1]}}
    trend = [0.1, None]
    made = attrs.evolve(i, trend=trend, evidence=source, citations=list(i.citations))
    source["tasks"] = 99
    source["months"].append("2026-11")  # type: ignore[attr-defined] # a list in the source
    trend.append(0.5)
    assert made.trend == (0.1, None)
    assert made.citations == i.citations
    assert isinstance(made.citations, tuple)
    assert made.to_dict()["evidence"] == {"tasks": 3, "months": ["2026-10"], "nested": {"n": [1]}}
    with pytest.raises(TypeError):
        made.evidence["nested"]["n"] = [2]
    again = attrs.evolve(
        p,
        indicators=list(p.indicators),
        findings=list(p.findings),
        windows=[(a, b) for a, b in p.windows],
    )
    assert isinstance(again.indicators, tuple)
    assert isinstance(again.findings, tuple)
    assert isinstance(again.windows, tuple)
    assert again.windows == p.windows
    assert again.to_json() == p.to_json()


def test_a_profile_still_deep_copies_and_an_indicator_pickles() -> None:
    p = profile(BUSY)
    copied = copy.deepcopy(p)
    assert copied == p
    assert copied.to_json() == p.to_json()
    for i in p.indicators:
        back = pickle.loads(pickle.dumps(i))  # noqa: S301 - our own object, just dumped
        assert back == i
        assert back.to_dict() == i.to_dict()
        assert type(back.evidence) is type(i.evidence)


def test_to_frame_has_one_row_per_indicator_with_its_trend() -> None:
    pytest.importorskip("pandas")
    frame = profile(BUSY).to_frame()
    assert list(frame["rule_id"]) == [r.id for r in DRIFT]
    assert {"value", "watch", "act", "level", "direction", "w1", "w4", "citations"} <= set(
        frame.columns
    )
    assert frame["w4"].equals(frame["value"])


def test_to_frame_without_pandas_raises_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(ps.MissingExtra, match="pandas"):
        profile(BUSY).to_frame()


def test_repr_and_html_name_levels_not_text() -> None:
    log = {**BUSY, "notes": [_note(f"{CANARY} must take the tablets. " + DIRECTIVE_NOTE)]}
    p = profile(log)
    assert "level='act'" in repr(p)
    assert "directive_language=act" in repr(p)
    page = p._repr_html_()
    assert "<table>" in page
    assert "DRIFT-001" in page
    for text in (repr(p), page, p.to_json()):
        assert CANARY not in text
        assert "tablets" not in text


def test_drift_profiles_streams_many_supporters_in_order() -> None:
    logs = ({**BASE, "supporter": f"ps-{n:03d}"} for n in range(5))
    profiles = drift_profiles(logs, as_of=AS_OF)
    assert not isinstance(profiles, list | tuple)
    assert [p.supporter for p in profiles] == [f"ps-{n:03d}" for n in range(5)]


def test_drift_profiles_names_the_position_of_a_bad_log() -> None:
    bad = {**BASE, "sessions": [{"start": "2026-11-01T09:00:00", "end": "2026-11-01T10:00:00"}]}
    stream = drift_profiles([BASE, bad], as_of=AS_OF)
    next(stream)
    with pytest.raises(ps.InvalidInput) as info:
        next(stream)
    assert info.value.errors[0].path == "[1].sessions[0].start"
    assert "time zone" in str(info.value)


@pytest.mark.parametrize("logs", ["ps-001", {"supporter": "x"}, 42])
def test_drift_profiles_refuses_what_is_not_a_list(logs: Any) -> None:
    with pytest.raises(ps.InvalidInput):
        drift_profiles(logs)


def test_naive_times_are_refused_naming_the_field() -> None:
    log = {**BASE, "shifts": [{"start": "2026-11-01T08:00:00+00:00", "end": "2026-11-01T16:00:00"}]}
    with pytest.raises(ps.InvalidInput) as info:
        profile(log)
    assert [e.path for e in info.value.errors] == ["shifts[0].end"]


def test_a_health_field_is_refused_and_note_text_stays_out_of_the_error() -> None:
    with pytest.raises(ps.InvalidInput) as info:
        profile({**BASE, "diagnosis": "x"})
    assert info.value.errors[0].type == "privacy_forbidden_field"
    with pytest.raises(ps.InvalidInput) as info:
        profile({**BASE, "notes": [{"day": "not a day", "text": CANARY}]})
    assert CANARY not in str(info.value)


def test_the_accumulator_streams_events_in_any_order_to_the_same_indicators() -> None:
    log = healthy_log()
    expected = profile(log)
    acc = DriftAccumulator("ps-001", as_of=AS_OF, started_on=date(2023, 1, 9), peer_colleagues=3)
    events: list[tuple[str, Any]] = [
        *(("add_task", t) for t in log["tasks"]),
        *(("add_note", n) for n in log["notes"]),
        *(("add_session", s) for s in log["sessions"]),
        *(("add_shift", s) for s in log["shifts"]),
        *(("add_supervision", s) for s in log["supervision"]),
        *(("add_debrief", d) for d in log["debriefs"]),
        *(("add_community_contact", d) for d in log["community_contacts"]),
        *(("add_training", t) for t in log["trainings"]),
    ]
    random.Random(7).shuffle(events)  # noqa: S311 - a fixed shuffle, not a secret
    for method, event in events:
        getattr(acc, method)(event)
    streamed = acc.profile()
    assert streamed.indicators == expected.indicators
    assert streamed.events == expected.events
    with pytest.raises(ps.InvalidInput):
        acc.add_session({"start": "2026-11-01T09:00:00", "end": "2026-11-01T10:00:00"})
