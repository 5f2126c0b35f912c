"""Benchmark: role verdicts for structured and free-text tasks, against two baselines.

Generates ``--n`` (default 100,000) varied tasks from a fixed seed, then measures in one run:

(a) pydantic validation alone of the same records (``Task.model_validate``): the baseline;
(b) structured verdicts: ``assess_task`` on mappings with an activity code and the conditional
    fields (who asked, how often, why, output to staff, reservations), validation included;
(c) free-text verdicts: ``assess_task`` on everyday descriptions, validation included;
(d) the same structured decision table evaluated by ``zen-engine`` (GoRules, PyPI) on the same
    records, with the agreement between the two and the throughput ratio. Skipped, with a
    message, when ``zen`` is not importable (``pip install zen-engine``).

The aims: structured verdicts at least 20x zen-engine's throughput, and free text at least
20,000 tasks/s on one core. It is not a test and never fails on speed.

Usage::

    python benchmarks/roles.py                       # 100,000 tasks
    python benchmarks/roles.py --n 20000 --zen-n 5000
    python benchmarks/roles.py --json result.json
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pydantic
from _suite import peak_bytes

from peersupport.checks.roles import assess_task, reset_caches
from peersupport.model.task import Stance, Task, role_table
from peersupport.policy import DEFAULT_POLICY

Record = dict[str, Any]

STRUCTURED_AIM = 20.0
TEXT_AIM = 20_000.0

_FIELDS: dict[str, Sequence[Any]] = {
    "requested_by": ("peer", "staff", "supervisor", "self", None, None),
    "frequency": ("occasional", "routine", None, None),
    "reason": (
        "peer_asked",
        "treatment_plan",
        "no_one_else",
        "staff_instruction",
        None,
        None,
        None,
    ),
    "output_to_staff": (True, False, None, None, None),
    "peer_reservations": (True, False, None, None),
}

_SUBJECTS = ("Sam", "Jo", "the new resident", "Priya", "him", "her", "Leah", "Marcus")
_ACTS = (
    "handed out the evening meds to {who}",
    "shared my own story of recovery with {who}",
    "answered the main phones",
    "looked for flats with {who}",
    "told the nurse whether {who} took the tablets",
    "went with {who} to the job centre",
    "co-ran the hearing voices group",
    "talked with {who} about how the meds feel",
    "wrote up the progress notes for the team",
    "decided for {who} which flat to take",
    "pointed {who} towards the food bank",
    "listened to {who} talk about a rough week",
    "did the risk assessment for {who}",
    "helped {who} write down questions for the psychiatrist",
    "searched the room for drugs",
    "reminded {who} to take the pills",
    "did the filing",
    "took calls on the peer warmline",
)
_CUES = (
    "",
    "",
    " at {who}'s request",
    " because the nurse told me to",
    " every afternoon",
    " now and then",
    " since nobody else will",
    " because it is in the care plan",
    " even though {who} wants to stop",
)
_NEGATED = ("I never {act}", "I don't {act}")


def generate(n: int, seed: int = 20261123) -> tuple[list[Record], list[Record]]:
    """``n`` structured records and ``n`` free-text records, the same for the same seed."""
    rng = random.Random(seed)
    activities = sorted(role_table().by_id)
    structured: list[Record] = []
    for i in range(n):
        record: Record = {"id": f"task-{i:06d}", "activity": rng.choice(activities)}
        for field, values in _FIELDS.items():
            value = rng.choice(values)
            if value is not None:
                record[field] = value
        structured.append(record)
    texts: list[Record] = []
    for i in range(n):
        who = rng.choice(_SUBJECTS)
        act = rng.choice(_ACTS).format(who=who)
        if rng.random() < 0.1:
            act = rng.choice(_NEGATED).format(act=act) + ", I " + rng.choice(_ACTS).format(who=who)
        else:
            act = act[0].upper() + act[1:]
        if rng.random() < 0.3:
            act += ", then " + rng.choice(_ACTS).format(who=who)
        act += rng.choice(_CUES).format(who=who)
        texts.append({"id": f"text-{i:06d}", "description": act})
    return structured, texts


def _clock(fn: Callable[[], object]) -> float:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs, in seconds."""
    return min(_clock(fn) for _ in range(repeats))


def _validate_all(records: Sequence[Record]) -> None:
    validate = Task.model_validate
    for r in records:
        validate(r)


def _assess_all(records: Sequence[Record]) -> None:
    for r in records:
        assess_task(r)


# --- the same structured table for zen-engine ------------------------------------------------


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in sorted(values)) + "]"


def zen_table() -> dict[str, Any]:
    """The structured decision table of ``ROLE-*`` as a GoRules JDM decision table.

    Built from the same role table and default policy the library reads; rows are in
    priority order (hit policy ``first``): inconsistent conditions, then review, then
    consistent.
    """
    table = role_table()
    inconsistent = [a.id for a in table.activities if a.stance is Stance.INCONSISTENT]
    office_acts = table.in_group("office")
    office = [a.id for a in office_acts]
    assistance = [a.id for a in table.in_group("assistance")]
    output_ok = [a.id for a in table.activities if a.output_ok]
    needs_request = list(DEFAULT_POLICY.roles_peer_request_activities)
    organisational = ["staff", "supervisor"]
    assigned = ["treatment_plan", "staff_instruction", "without_peer_consent"]
    implied_occasional = [a.id for a in office_acts if a.implies.get("frequency") == "occasional"]
    columns = ("activity", "requested_by", "frequency", "reason", "output_to_staff", "reservations")

    def row(verdict: str, **cells: str) -> dict[str, str]:
        out = {c: cells.get(c, "") for c in columns}
        out["verdict"] = json.dumps(verdict)
        return out

    a_in = "$ in {}".format
    a_out = "$ not in {}".format
    not_asked = {"requested_by": '$ != "peer"', "reason": '$ != "peer_asked"'}
    rows = [
        row("inconsistent", activity=a_in(_list(inconsistent))),
        row(
            "inconsistent",
            activity=a_out(_list(output_ok)),
            output_to_staff="$ == true",
            requested_by=a_in(_list(organisational)),
        ),
        row(
            "inconsistent",
            activity=a_out(_list(output_ok)),
            output_to_staff="$ == true",
            reason=a_in(_list(assigned)),
        ),
        row("inconsistent", activity=a_in(_list(office)), frequency='$ == "routine"'),
        row("inconsistent", activity=a_in(_list(office)), reason='$ == "no_one_else"'),
        row(
            "inconsistent",
            activity=a_in(_list(assistance)),
            requested_by=a_in(_list(organisational)),
        ),
        row("inconsistent", activity=a_in(_list(assistance)), reason=a_in(_list(assigned))),
        row(
            "inconsistent",
            activity='$ == "promote_adherence"',
            reservations="$ == true",
        ),
        row(
            "needs_review",
            activity=a_out(_list(output_ok)),
            output_to_staff="$ == true",
            **not_asked,
        ),
        row(
            "needs_review",
            activity=a_in(_list(sorted(set(office) - set(implied_occasional)))),
            frequency='$ != "occasional"',
        ),
        row("needs_review", activity=a_in(_list(needs_request)), **not_asked),
        row(
            "needs_review",
            activity='$ == "promote_adherence"',
            requested_by=a_in(_list(organisational)),
        ),
        row("needs_review", activity='$ == "promote_adherence"', reason=a_in(_list(assigned))),
        row("needs_review", activity='$ == "promote_adherence"', reservations="$ != false"),
        row("needs_review", activity="$ == null"),
        row("consistent"),
    ]
    inputs = [{"id": c, "name": c, "field": c} for c in columns]
    outputs = [{"id": "verdict", "name": "verdict", "field": "verdict"}]
    content = {
        "hitPolicy": "first",
        "inputs": inputs,
        "outputs": outputs,
        "rules": [{"_id": f"r{i}", **r} for i, r in enumerate(rows)],
    }
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
            {
                "id": "table",
                "type": "decisionTableNode",
                "name": "roles",
                "position": {"x": 200, "y": 0},
                "content": content,
            },
            {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "type": "edge", "sourceId": "in", "targetId": "table"},
            {"id": "e2", "type": "edge", "sourceId": "table", "targetId": "out"},
        ],
    }


def _zen_input(record: Record) -> dict[str, Any]:
    return {
        "activity": record.get("activity"),
        "requested_by": record.get("requested_by"),
        "frequency": record.get("frequency"),
        "reason": record.get("reason"),
        "output_to_staff": record.get("output_to_staff"),
        "reservations": record.get("peer_reservations"),
    }


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def measure_zen(structured: Sequence[Record], zen_n: int, repeats: int) -> dict[str, Any] | str:
    """zen-engine on the same table and the first ``zen_n`` records, or why it was skipped."""
    try:
        import zen  # noqa: PLC0415 - optional baseline
    except ImportError:
        return "zen-engine is not importable; `pip install zen-engine` to compare"
    engine = zen.ZenEngine()
    decision = engine.create_decision(json.dumps(zen_table()))
    sample = structured[:zen_n]
    inputs = [_zen_input(r) for r in sample]

    def run_zen() -> None:
        for i in inputs:
            decision.evaluate(i)

    zen_s = best_of(run_zen, repeats)
    ours_s = best_of(lambda: _assess_all(sample), repeats)
    reset_caches()
    ours_cold_s = _clock(lambda: _assess_all(sample))
    agree = sum(
        decision.evaluate(i)["result"]["verdict"] == assess_task(r).verdict.value
        for i, r in zip(inputs, sample, strict=True)
    )
    k = len(sample)
    return {
        "zen_records": k,
        "zen_rows": len(zen_table()["nodes"][1]["content"]["rules"]),
        "zen_seconds": zen_s,
        "zen_per_s": _rate(k, zen_s),
        "zen_us": 1e6 * zen_s / k,
        "structured_over_zen": zen_s / ours_s,
        "structured_first_pass_over_zen": zen_s / ours_cold_s,
        "zen_agreement": agree / k,
        "zen_agree": agree,
    }


def _compare_zen(structured: Sequence[Record], args: argparse.Namespace, figures: Record) -> None:
    """Evaluate the same table with zen-engine on a sample, and print the ratios."""
    zen = measure_zen(structured, args.zen_n, args.repeats)
    if isinstance(zen, str):
        print(f"  zen-engine: skipped ({zen})")
        return
    agree = zen.pop("zen_agree")
    k = zen.pop("zen_records")
    rows = zen.pop("zen_rows")
    zen.pop("zen_seconds")
    figures.update(zen)
    print(
        f"  zen-engine, same table           : {figures['zen_per_s']:>12,.0f} /s"
        f"  ({figures['zen_us']:.1f} us per evaluation, {k:,} records, {rows} rows)"
    )
    print(
        f"  structured / zen-engine          : {figures['structured_over_zen']:>12.1f}x"
        f"  (aim >= {STRUCTURED_AIM:.0f}x); verdicts agree on {agree:,}/{k:,}"
    )
    print(
        f"  first pass / zen-engine          : "
        f"{figures['structured_first_pass_over_zen']:>12.1f}x  (nothing remembered)"
    )


def measure(
    size: int,
    *,
    repeats: int = 3,
    zen_n: int | None = None,
    seed: int = 20261123,
    memory: bool = True,
) -> dict[str, Any]:
    """The suite's figures for ``size`` structured and ``size`` free-text tasks.

    With ``zen_n`` (records, at most ``size``) zen-engine is measured on the same table too.
    """
    structured, texts = generate(size, seed)
    assess_task(structured[0])  # compiles the table, phrase index and policy digest
    assess_task(texts[0])
    reset_caches()
    cold_s = _clock(lambda: _assess_all(structured))
    out: dict[str, Any] = {
        "records": size,
        "structured_first_pass_seconds": cold_s,
        "validate_structured_seconds": best_of(lambda: _validate_all(structured), repeats),
        "validate_text_seconds": best_of(lambda: _validate_all(texts), repeats),
        "structured_seconds": best_of(lambda: _assess_all(structured), repeats),
        "text_seconds": best_of(lambda: _assess_all(texts), repeats),
    }
    if memory:
        out["structured_peak_bytes"] = peak_bytes(lambda: _assess_all(structured))
        out["text_peak_bytes"] = peak_bytes(lambda: _assess_all(texts))
    if zen_n:
        zen = measure_zen(structured, min(zen_n, size), repeats)
        if isinstance(zen, str):
            out["zen_skipped"] = zen
        else:
            out.update(zen)
            # The ratio of throughputs, with our own figure over the whole ``size`` records.
            ours_per_s = _rate(size, out["structured_seconds"])
            out["structured_over_zen_full"] = ours_per_s / zen["zen_per_s"]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="tasks of each kind")
    parser.add_argument("--zen-n", type=int, default=10_000, help="records zen-engine evaluates")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    args = parser.parse_args(argv)

    structured, texts = generate(args.n, args.seed)
    # First use compiles the table, the phrase index and the policy digest; not timed.
    assess_task(structured[0])
    assess_task(texts[0])

    figures: dict[str, Any] = {
        "n": args.n,
        "python": sys.version.split()[0],
        "pydantic": pydantic.VERSION,
        "platform": platform.platform(),
    }
    # The first pass over the records, with nothing remembered: every distinct combination
    # of fields is decided once here (the later passes reuse those decisions).
    reset_caches()
    cold_s = _clock(lambda: _assess_all(structured))
    validate_s = best_of(lambda: _validate_all(structured), args.repeats)
    validate_text_s = best_of(lambda: _validate_all(texts), args.repeats)
    structured_s = best_of(lambda: _assess_all(structured), args.repeats)
    text_s = best_of(lambda: _assess_all(texts), args.repeats)
    n = args.n
    figures["validation_structured_per_s"] = _rate(n, validate_s)
    figures["validation_text_per_s"] = _rate(n, validate_text_s)
    figures["structured_per_s"] = _rate(n, structured_s)
    figures["structured_first_pass_per_s"] = _rate(n, cold_s)
    figures["distinct_structured"] = len(
        {tuple(sorted((k, v) for k, v in r.items() if k != "id")) for r in structured}
    )
    figures["text_per_s"] = _rate(n, text_s)
    figures["structured_over_validation"] = structured_s / validate_s
    figures["text_over_validation"] = text_s / validate_text_s

    print(f"role verdicts, {n:,} tasks of each kind (best of {args.repeats})")
    print(
        f"  pydantic validation, structured : {figures['validation_structured_per_s']:>12,.0f} /s"
    )
    print(f"  pydantic validation, free text  : {figures['validation_text_per_s']:>12,.0f} /s")
    print(
        f"  structured verdicts              : {figures['structured_per_s']:>12,.0f} /s"
        f"  ({1e6 * structured_s / n:.2f} us; {figures['structured_over_validation']:.2f}x "
        "the time of validation alone)"
    )
    print(
        f"  structured, first pass (cold)    : {figures['structured_first_pass_per_s']:>12,.0f} /s"
        f"  ({1e6 * cold_s / n:.2f} us; {figures['distinct_structured']:,} distinct field "
        "combinations decided once each)"
    )
    print(
        f"  free-text verdicts               : {figures['text_per_s']:>12,.0f} /s"
        f"  ({1e6 * text_s / n:.2f} us; {figures['text_over_validation']:.2f}x "
        f"the time of validation alone; aim >= {TEXT_AIM:,.0f}/s)"
    )

    _compare_zen(structured, args, figures)

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
