"""The health fields the programme refuses to collect, and why."""

from __future__ import annotations

from typing import Final

__all__ = ["FORBIDDEN_KEYS", "PRIVACY_MESSAGE", "is_health_key", "privacy_message"]

# Keys that would carry health information the programme has no need of. The sources are
# plain that a supporter need not disclose a diagnosis and that selection is not about one.
FORBIDDEN_KEYS: Final = frozenset(
    {
        "diagnosis",
        "diagnoses",
        "condition",
        "conditions",
        "disorder",
        "disorders",
        "illness",
        "medication",
        "medications",
        "prescription",
        "prescriptions",
        "symptoms",
        "treatment",
        "treatment_history",
        "psychiatric_history",
        "hospitalisation",
        "hospitalization",
        "hospitalisations",
        "hospitalizations",
        "icd_code",
        "dsm_code",
    }
)

PRIVACY_MESSAGE: Final = (
    "not collected: a supporter need not disclose a diagnosis or treatment, "
    "and peer support rests on shared experience, not on the illness "
    "(workplace-ptsd-program §Peer Support Worker Eligibility; "
    "who-qualityrights-one-to-one §10 Interviewing and hiring peer supporters)"
)


def is_health_key(key: object) -> bool:
    """Whether a key names health information the programme refuses to collect."""
    return isinstance(key, str) and key.strip().lower() in FORBIDDEN_KEYS


def privacy_message(key: str) -> str:
    """Why the key is refused, with the citation (the key itself is in the error's path)."""
    del key
    return PRIVACY_MESSAGE
