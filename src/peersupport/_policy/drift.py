"""Policy fields for peer-drift indicators and their thresholds.

Each indicator has a ``watch`` and an ``act`` threshold: a value at or above ``watch`` is
worth watching, at or above ``act`` is worth acting on. The sources name the practices
(monthly debriefs, 5-minute breaks, a 10-minute debrief before leaving shift, saying no to
extra duties early on); the thresholds on how often they may slip are the library's choices.
"""

from __future__ import annotations

from typing import Final, Self

from pydantic import model_validator

from peersupport._policy._base import PolicyPart, cited

__all__ = ["DRIFT_THRESHOLDS", "DriftPolicy"]

_DRIFT: Final = "who-qualityrights-one-to-one §12 Peer drift"
_WORKING: Final = "working-together §Suggestions for creating a peer program"
_SUPERVISION: Final = "working-together §Working Together in Peer Programs"
_COMMUNITY: Final = "workplace-ptsd-program §Supplemental Support and Community Resources"
_TRAINING: Final = "workplace-ptsd-program §Training"
_LANGUAGE: Final = "who-qualityrights-one-to-one §7. Language"
_CHOICE: Final = " (the thresholds are the library's choice)"

# The (watch, act) field pairs, by indicator; watch must not exceed act.
DRIFT_THRESHOLDS: Final = {
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


def _share(default: float, citation: str, description: str) -> float:
    result: float = cited(default, citation, description + _CHOICE, ge=0.0, le=1.0)
    return result


class DriftPolicy(PolicyPart):
    """Peer-drift indicators and their thresholds."""

    drift_window_days: int = cited(
        91,
        _DRIFT,
        "Length of the rolling window an indicator is measured over: a quarter, so that a "
        "gradual drift shows quarter over quarter (the figure is the library's choice).",
        ge=7,
        le=366,
    )
    drift_trend_windows: int = cited(
        4,
        _DRIFT,
        "How many windows, back from the day of the check, make an indicator's trend (four "
        "quarters: a year; the library's choice).",
        ge=2,
        le=24,
    )

    # Role-inconsistent tasks.
    drift_organisational_watch: float = _share(
        0.10,
        "who-qualityrights-one-to-one §12 Good use and misuse of peer supporters",
        "Share of tasks that are role-inconsistent and assigned by staff, a supervisor or the "
        "treatment plan (organisational drift) worth watching",
    )
    drift_organisational_act: float = _share(
        0.25,
        "who-qualityrights-one-to-one §12 Good use and misuse of peer supporters",
        "Share of assigned role-inconsistent tasks worth acting on",
    )
    drift_individual_watch: float = _share(
        0.10,
        _DRIFT,
        "Share of tasks that are role-inconsistent and not assigned, taken on by the supporter "
        "(individual drift towards a clinical approach) worth watching",
    )
    drift_individual_act: float = _share(
        0.25, _DRIFT, "Share of self-initiated role-inconsistent tasks worth acting on"
    )

    # Language in notes, per 1,000 words.
    drift_directive_watch: float = cited(
        2.0,
        _DRIFT,
        "Directive phrases per 1,000 words of notes worth watching (telling peers what to do "
        "instead of listening)" + _CHOICE,
        ge=0.0,
    )
    drift_directive_act: float = cited(
        5.0, _DRIFT, "Directive phrases per 1,000 words worth acting on" + _CHOICE, ge=0.0
    )
    drift_closed_watch: float = cited(
        3.0,
        _LANGUAGE,
        "Closed and judgemental phrases per 1,000 words of notes worth watching" + _CHOICE,
        ge=0.0,
    )
    drift_closed_act: float = cited(
        6.0,
        _LANGUAGE,
        "Closed and judgemental phrases per 1,000 words worth acting on" + _CHOICE,
        ge=0.0,
    )

    # Supervision, debriefs and isolation.
    drift_supervision_watch_days: int = cited(
        31,
        _SUPERVISION,
        "Days since the last session with a peer supervisor worth watching" + _CHOICE,
        ge=1,
        le=3660,
    )
    drift_supervision_act_days: int = cited(
        62,
        _SUPERVISION,
        "Days since the last peer supervision worth acting on" + _CHOICE,
        ge=1,
        le=3660,
    )
    drift_debriefs_missed_watch: int = cited(
        1,
        _TRAINING,
        "Monthly debriefs missed in a window worth watching (workers meet monthly to debrief)",
        ge=1,
    )
    drift_debriefs_missed_act: int = cited(
        2, _TRAINING, "Monthly debriefs missed in a window worth acting on" + _CHOICE, ge=1
    )
    drift_community_days: int = cited(
        90,
        _COMMUNITY,
        "Days without contact with a community of practice after which a supporter counts as "
        "isolated (working alone risks straying from the model; the figure is the library's "
        "choice).",
        ge=1,
        le=3660,
    )
    drift_isolation_watch: int = cited(
        1,
        "who-qualityrights-one-to-one §10 Interviewing and hiring peer supporters",
        "Isolation signals (the only peer supporter on the team; no community-of-practice "
        "contact within drift_community_days) worth watching",
        ge=1,
    )
    drift_isolation_act: int = cited(
        2,
        "who-qualityrights-one-to-one §10 Interviewing and hiring peer supporters",
        "Isolation signals worth acting on (both)",
        ge=1,
    )

    # Breaks, shift debriefs and extra duties.
    drift_break_minutes: int = cited(
        5, _WORKING, "The break between serving two peers: 5 minutes.", ge=0, le=240
    )
    drift_back_to_back_watch: float = _share(
        0.25, _WORKING, "Share of sessions started without the break after the one before"
    )
    drift_back_to_back_act: float = _share(
        0.50, _WORKING, "Share of back-to-back sessions worth acting on"
    )
    drift_shift_debrief_minutes: int = cited(
        10, _WORKING, "The team debrief before leaving shift: 10 minutes.", ge=0, le=240
    )
    drift_shift_debrief_watch: float = _share(
        0.10, _WORKING, "Share of shifts ended without the team debrief worth watching"
    )
    drift_shift_debrief_act: float = _share(
        0.30, _WORKING, "Share of shifts without the team debrief worth acting on"
    )
    drift_early_employment_days: int = cited(
        90,
        _WORKING,
        "Days after starting in which supporters may say no to extra duties (facilitation, "
        "committee work); the figure is the library's choice.",
        ge=0,
        le=3660,
    )
    drift_extra_duties_watch: int = cited(
        1, _WORKING, "Extra duties taken on in the early-employment window worth watching", ge=1
    )
    drift_extra_duties_act: int = cited(
        3,
        _WORKING,
        "Extra duties taken on in the early-employment window worth acting on" + _CHOICE,
        ge=1,
    )

    # Training.
    drift_training_notice_days: int = cited(
        30,
        _TRAINING,
        "Days before retraining falls due (retraining_interval_days) from which training is "
        "worth watching; past due it has lapsed" + _CHOICE,
        ge=0,
        le=3660,
    )

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> Self:
        for watch, act in DRIFT_THRESHOLDS.values():
            if getattr(self, watch) > getattr(self, act):
                raise ValueError(
                    f"{watch} ({getattr(self, watch)}) must not exceed {act} ({getattr(self, act)})"
                )
        return self
