"""Hypothesis strategies for role consistency: structured tasks and everyday task descriptions."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from peersupport.model.task import Frequency, Requester, TaskReason, TaskTopic, role_table

# Fragments of everyday descriptions. Consistent and neutral ones may be combined freely;
# the inconsistent cues are what the monotonicity property adds.
CONSISTENT_FRAGMENTS = (
    "shared my own story of recovery",
    "listened to her talk about her week",
    "went with him to the job centre",
    "co-ran the hearing voices group",
    "pointed her towards the food bank",
    "talked with him about how his meds make him feel",
    "helped her write down questions for her doctor",
    "explored options with him and he chose what to do",
    "took calls on the peer warmline",
    "helped him fill in his advance directive",
    "gave a talk about peer support to new staff",
)
NEUTRAL_FRAGMENTS = (
    "it was a long day",
    "the weather was grim",
    "we had tea",
    "she seemed tired",
    "answered the phone",
    "looked for rooms with him",
    "reminded him to take his pills",
    "did paperwork",
    "at her request",
    "now and then",
)
INCONSISTENT_CUES = (
    "handed out the evening meds",
    "did the risk assessment for the new resident",
    "told the nurse he had skipped his tablets",
    "wrote up the progress notes for the team",
    "answered the main phones every day because no one else will",
    "decided for her which flat to take",
    "searched her room for drugs",
    "talked him into going into hospital",
    "because the nurse told me to",
    "every single day",
    "since nobody else will",
    "because it is in his care plan",
    "even though she wants to stop",
    "screened crisis callers for the duty psychiatrist",
    "gave her advice about her landlord",
)
JOINERS = (", ", " and ", ". ", "; ", " then ", "\n")

_TEXTS = (*CONSISTENT_FRAGMENTS, *NEUTRAL_FRAGMENTS)


@st.composite
def descriptions(draw: st.DrawFn, *, with_inconsistent: bool = True) -> str:
    """An everyday task description made of fragments and joiners."""
    pool = (*_TEXTS, *INCONSISTENT_CUES) if with_inconsistent else _TEXTS
    parts = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(JOINERS)) + part
    if draw(st.booleans()):
        out = out[0].upper() + out[1:]
    return out


def inconsistent_cues() -> st.SearchStrategy[str]:
    """One phrase that is evidence of an inconsistent task (or neutral where it cannot apply)."""
    return st.sampled_from(INCONSISTENT_CUES)


def activity_codes() -> st.SearchStrategy[str]:
    """An activity code of the bundled role table."""
    return st.sampled_from(sorted(role_table().by_id))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def structured_tasks(draw: st.DrawFn) -> dict[str, Any]:
    """A structured task as a host would send it (no description), with unknowns."""
    candidates = {
        "activity": _maybe(activity_codes()),
        "topic": _maybe(st.sampled_from([t.value for t in TaskTopic])),
        "requested_by": _maybe(st.sampled_from([r.value for r in Requester])),
        "frequency": _maybe(st.sampled_from([f.value for f in Frequency])),
        "reason": _maybe(st.sampled_from([r.value for r in TaskReason])),
        "output_to_staff": _maybe(st.booleans()),
        "peer_reservations": _maybe(st.booleans()),
    }
    out = {}
    for key, strategy in candidates.items():
        value = draw(strategy)
        if value is not None:
            out[key] = value
    return out


# Structured evidence of risk: each pair sets a field to a value that can only make a task
# less consistent (organisational requests, routine, no one else, reservations).
RISKY_FIELDS = (
    ("requested_by", "staff"),
    ("requested_by", "supervisor"),
    ("frequency", "routine"),
    ("reason", "no_one_else"),
    ("reason", "treatment_plan"),
    ("reason", "staff_instruction"),
    ("reason", "without_peer_consent"),
    ("peer_reservations", True),
)


def risky_fields() -> st.SearchStrategy[tuple[str, Any]]:
    """A structured field set to a value that is evidence of an inconsistent task."""
    return st.sampled_from(RISKY_FIELDS)


@st.composite
def respaced(draw: st.DrawFn, text: str) -> str:
    """``text`` with each run of spaces replaced by other horizontal whitespace, and padding."""
    words = text.split(" ")
    out = words[0]
    for word in words[1:]:
        out += draw(st.sampled_from([" ", "  ", "\t", " \t ", "\u00a0"])) + word
    before = draw(st.sampled_from(["", " ", "\n", "\t "]))
    after = draw(st.sampled_from(["", " ", "\n", " \n"]))
    return before + out + after


def recased(text: str, how: str) -> str:
    """``text`` in another letter case."""
    return {"upper": text.upper(), "lower": text.lower(), "swap": text.swapcase()}[how]
