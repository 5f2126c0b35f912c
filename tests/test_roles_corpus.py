"""The quality of free-text role verdicts on a labelled corpus of everyday task descriptions.

tests/data/tasks_corpus.jsonl holds descriptions written in workplace language (not the WHO
wording), each labelled ``consistent``, ``inconsistent`` or ``needs_review``, marked ``clear``
or not, and tagged with what it exercises (synonym, negation, requester, frequency,
quotation, question, ambiguous, mixed). Rows with ``"split": "heldout"`` were written after
the first version of the phrase pack; see docs/roles.md for their first-contact figures.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from peersupport.checks.roles import Consistency, assess_task

CORPUS = Path(__file__).parent / "data" / "tasks_corpus.jsonl"
LABELS = {c.value for c in Consistency}

AGREEMENT_FLOOR = 0.90
REVIEW_CEILING = 0.15


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


ROWS = _rows()


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    clear = [r for r in rows if r["clear"]]
    got = {r["id"]: assess_task(r["text"]).verdict.value for r in rows}
    agree = sum(got[r["id"]] == r["label"] for r in clear)
    review = sum(got[r["id"]] == "needs_review" != r["label"] for r in clear)
    unsafe = [
        r["id"] for r in rows if r["label"] == "inconsistent" and got[r["id"]] == "consistent"
    ]
    return {
        "rows": len(rows),
        "clear": len(clear),
        "agreement": agree / len(clear),
        "review_share": review / len(clear),
        "inconsistent_called_consistent": unsafe,
    }


def test_the_corpus_is_large_varied_and_well_formed() -> None:
    assert len(ROWS) >= 150
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert len({r["text"].casefold() for r in ROWS}) == len(ROWS)
    assert {r["label"] for r in ROWS} == LABELS
    kinds = Counter(r["kind"] for r in ROWS)
    for kind in ("synonym", "negation", "requester", "frequency", "quotation", "ambiguous"):
        assert kinds[kind] >= 3, kind
    assert sum(r["clear"] for r in ROWS) >= 150


def test_the_corpus_is_not_the_who_wording() -> None:
    who_phrases = (
        "administering medications",
        "promoting adherence to treatment",
        "writing a treatment plan",
        "focusing only on housing search",
        "routinely answering the telephone",
        "assess level of crises",
    )
    for row in ROWS:
        assert not any(p in row["text"].casefold() for p in who_phrases), row["id"]


def test_the_quality_floors_hold_on_the_whole_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    figures = _figures(ROWS)
    with capsys.disabled():
        print(  # noqa: T201 - the figures are part of what this test reports
            f"\nrole corpus: {figures['rows']} tasks, {figures['clear']} clear; "
            f"agreement {figures['agreement']:.1%}, "
            f"clear cases to review {figures['review_share']:.1%}, "
            f"inconsistent called consistent {len(figures['inconsistent_called_consistent'])}"
        )
    assert figures["inconsistent_called_consistent"] == []
    assert figures["agreement"] >= AGREEMENT_FLOOR, figures
    assert figures["review_share"] <= REVIEW_CEILING, figures


def test_each_kind_of_wording_with_enough_clear_cases_agrees_mostly() -> None:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in ROWS:
        by_kind.setdefault(row["kind"], []).append(row)
    for kind, rows in by_kind.items():
        if sum(r["clear"] for r in rows) < 10:
            continue
        figures = _figures(rows)
        assert figures["inconsistent_called_consistent"] == [], kind
        assert figures["agreement"] >= 0.8, (kind, figures)


def test_no_ambiguous_or_unclear_task_is_called_consistent_when_labelled_inconsistent() -> None:
    for row in ROWS:
        if row["label"] == "inconsistent":
            assert assess_task(row["text"]).verdict is not Consistency.CONSISTENT, row["id"]


def test_a_wrong_floor_would_be_caught() -> None:
    flipped = [
        {**r, "label": "consistent" if r["label"] == "inconsistent" else "inconsistent"}
        for r in ROWS
        if r["clear"] and r["label"] != "needs_review"
    ][:40]
    figures = _figures(flipped)
    assert figures["agreement"] < AGREEMENT_FLOOR
