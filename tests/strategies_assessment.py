"""Hypothesis strategies for instruments, response sets and audit answers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from peersupport.assessment import Instrument, instruments, programme_instruments

__all__ = [
    "audit_answers",
    "instrument_ids",
    "junk_response_sets",
    "levels",
    "response_sets",
]

RATERS = ("self", "supervisor", "peer", "auditor")
MISSING = ("not_applicable", "dont_know")


def instrument_ids() -> st.SearchStrategy[str]:
    """The id of a bundled instrument."""
    return st.sampled_from([i.id for i in instruments()])


def levels(inst: Instrument, item_id: str, *, missing: bool = True) -> st.SearchStrategy[str]:
    """An answer on the item's scale (with the missing answers, unless told not to)."""
    values = inst.scale_of(item_id).levels + (MISSING if missing else ())
    return st.sampled_from(values)


@st.composite
def response_sets(
    draw: st.DrawFn, inst: Instrument, *, missing: bool = True, rater: str | None = None
) -> dict[str, Any]:
    """A complete, valid response set for ``inst``."""
    return {
        "instrument": inst.id,
        "rater": rater or draw(st.sampled_from(RATERS)),
        "rated_on": draw(st.dates().map(lambda d: d.isoformat())),
        "answers": {i.id: draw(levels(inst, i.id, missing=missing)) for i in inst.items},
    }


@st.composite
def audit_answers(draw: st.DrawFn) -> dict[str, Any]:
    """A partial answer set across the programme-level instruments."""
    answers: dict[str, Any] = {}
    for inst in programme_instruments():
        chosen = draw(
            st.lists(st.sampled_from([i.id for i in inst.items]), max_size=6, unique=True)
        )
        for item_id in chosen:
            answers[item_id] = draw(levels(inst, item_id))
    return {"rater": "auditor", "rated_on": "2026-11-20", "answers": answers}


@st.composite
def junk_response_sets(draw: st.DrawFn, inst: Instrument) -> dict[str, Any]:
    """A nearly valid response set: an item dropped, an unknown id, or an answer off scale."""
    good = draw(response_sets(inst))
    answers = dict(good["answers"])
    kind = draw(st.sampled_from(["drop", "unknown", "off_scale", "null"]))
    target = draw(st.sampled_from(sorted(answers)))
    if kind == "drop":
        del answers[target]
    elif kind == "unknown":
        answers[f"{inst.prefix}-999"] = "yes"
    elif kind == "off_scale":
        answers[target] = draw(st.sampled_from(["maybe", "6", 0, 7, "always", ""]))
    else:
        answers[target] = None
    return {**good, "answers": answers}
