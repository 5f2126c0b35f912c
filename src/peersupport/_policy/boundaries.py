"""Policy fields for boundary agreements and contacts."""

from __future__ import annotations

from typing import Final

from peersupport._policy._base import PolicyPart, cited

__all__ = ["BoundariesPolicy"]

_WORKERS: Final = "workplace-ptsd-program §Roles and Responsibilities"
_CHOICE: Final = "who-qualityrights-one-to-one §6 From ethics to practice"
_AUTONOMY: Final = "who-qualityrights-one-to-one §3 Individualized peer support values"


class BoundariesPolicy(PolicyPart):
    """Boundary agreements and contacts."""

    boundaries_review_days: int = cited(
        365,
        _WORKERS,
        "Days after it was agreed (or last reviewed) by which a boundary agreement with no review "
        "date of its own is reviewed (supporters negotiate limits with the peer and notice when "
        "they are crossed; the yearly figure is the library's choice).",
        gt=0,
        le=3660,
    )
    boundaries_change_supporter_days: int = cited(
        14,
        _CHOICE,
        "Days within which a peer's request to change supporter is honoured (peers may change "
        "supporter, working-together §Suggestions for creating a peer program; the figure is "
        "the library's choice).",
        gt=0,
        le=366,
    )
    boundaries_referral_days: int = cited(
        14,
        _CHOICE,
        "Days within which a supporter who declines to work with a peer refers them to another "
        "supporter or service (the figure is the library's choice).",
        gt=0,
        le=366,
    )
    boundaries_dependency_window_days: int = cited(
        28,
        _AUTONOMY,
        "Length of the windows whose contact counts are compared for a dependency signal "
        "(avoid a relationship of dependency; the figure is the library's choice).",
        gt=0,
        le=366,
    )
    boundaries_dependency_baseline_windows: int = cited(
        3,
        _AUTONOMY,
        "How many windows before the latest make the baseline it is compared with (the "
        "library's choice).",
        ge=1,
        le=52,
    )
    boundaries_dependency_ratio: float = cited(
        2.0,
        _AUTONOMY,
        "The latest window's contacts at or above this multiple of the baseline's average is a "
        "sharp rise (the library's choice).",
        gt=1.0,
        le=100.0,
    )
    boundaries_dependency_min_contacts: int = cited(
        8,
        _AUTONOMY,
        "Fewest contacts in the latest window for a rise to count, so that two contacts after "
        "one is not a signal (the library's choice).",
        ge=1,
    )
