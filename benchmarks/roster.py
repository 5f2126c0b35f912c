"""Benchmark: the roster rules against pydantic validation of the same shift records.

A year of on-call shifts for 100 supporters, in two patterns: hourly (8,760 shifts) and
12-hour (730 shifts), written in London local time with their UTC offsets (so both changes
of the clocks are in), with about 1% of shifts dropped to leave gaps. It measures, in one run:

(a) the baseline: ``TypeAdapter(tuple[Shift, ...]).validate_python`` on the shift dicts, and,
    for reference, a plain pydantic model with the same field types and no validators;
(b) the roster check: the three ``ROSTER-*`` rules (coverage, crisis training on each
    shift's date, consecutive hours) on the validated programme, and the coverage analysis
    alone;
(c) the ratio of (b) to (a). The aim is at most 1.0: checking a roster costs no more than
    validating it.

Usage::

    python benchmarks/roster.py
    python benchmarks/roster.py --repeats 9 --supporters 100

It is not a test and never fails on speed. Each figure is the fastest of ``--repeats`` runs,
with the cyclic garbage collector off while timing.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pydantic
from _suite import peak_bytes
from pydantic import AwareDatetime, BaseModel, TypeAdapter

from peersupport.checks._common import make_context
from peersupport.checks.roster import ROSTER, RosterView, analyse_coverage
from peersupport.model.program import Program
from peersupport.model.roster import Shift

LONDON = ZoneInfo("Europe/London")
AS_OF = date(2026, 12, 31)
START = datetime(2026, 1, 1, tzinfo=LONDON)
END = datetime(2027, 1, 1, tzinfo=LONDON)


class PlainShift(BaseModel):
    """The same fields as Shift, without its validators: pydantic's own cost."""

    start: AwareDatetime
    end: AwareDatetime
    primary: str
    backup: str | None = None


def _shifts(
    hours: int, people: list[str], rng: random.Random, end: datetime = END
) -> list[dict[str, Any]]:
    out = []
    wall = START.replace(tzinfo=None)
    i = 0
    while True:
        lo = wall.replace(tzinfo=LONDON)
        wall += timedelta(hours=hours)
        hi = wall.replace(tzinfo=LONDON)
        if lo >= end:
            break
        if hi.astimezone(UTC) <= lo.astimezone(UTC):
            continue  # the hour the clocks skip in spring does not exist
        if rng.random() >= 0.01:
            primary = people[(i * 7) % len(people)]
            backup = people[(i * 7 + 3) % len(people)]
            out.append(
                {
                    "start": lo.isoformat(),
                    "end": hi.isoformat(),
                    "primary": primary,
                    "backup": backup,
                }
            )
        i += 1
    return out


def _supporter(sid: str) -> dict[str, Any]:
    return {
        "id": sid,
        "roles": ["crisis_responder"],
        "trainings": [
            {"module": "basic_peer_support", "completed_on": "2025-11-01"},
            {"module": "crisis_management", "completed_on": "2025-11-20"},
            {"module": "crisis_management", "completed_on": "2026-05-10"},
            {"module": "crisis_management", "completed_on": "2026-10-20"},
        ],
        "started_on": "2025-12-01",
    }


def _best(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times)


def measure(
    days: int = 365,
    *,
    hours: int = 1,
    supporters: int = 100,
    repeats: int = 7,
    seed: int = 2026,
    memory: bool = True,
) -> dict[str, Any]:
    """The figures for ``days`` of ``hours``-long shifts from 1 January 2026 (London time).

    ``seconds`` is the roster check (``ROSTER-001``..``003``) on the validated programme;
    ``validate_seconds`` is the baseline, pydantic validating the same shift dicts.
    """
    rng = random.Random(seed)
    people = [f"ps-{i:03d}" for i in range(1, supporters + 1)]
    end = START + timedelta(days=days)
    records = _shifts(hours, people, rng, end)
    roster = {
        "timezone": "Europe/London",
        "horizon_start": START.isoformat(),
        "horizon_end": end.isoformat(),
        "shifts": records,
    }
    program = Program.model_validate(
        {
            "models": ["crisis_support"],
            "roster": roster,
            "supporters": [_supporter(p) for p in people],
        }
    )
    context = make_context(None, AS_OF)
    assert program.roster is not None  # noqa: S101 - built just above
    roster_model = program.roster

    shifts_adapter = TypeAdapter(tuple[Shift, ...])
    plain_adapter = TypeAdapter(tuple[PlainShift, ...])

    def check() -> object:
        return ROSTER.evaluate(RosterView(program, context), context, "p")

    out: dict[str, Any] = {
        "records": len(records),
        "supporters": supporters,
        "validate_seconds": _best(lambda: shifts_adapter.validate_python(records), repeats),
        "plain_validate_seconds": _best(lambda: plain_adapter.validate_python(records), repeats),
        "seconds": _best(check, repeats),
        "coverage_seconds": _best(lambda: analyse_coverage(roster_model), repeats),
        "gaps": ROSTER.evaluate(RosterView(program, context), context, "p")[0].evidence[
            "gap_count"
        ],
    }
    out["ratio"] = out["seconds"] / out["validate_seconds"]
    if memory:
        out["peak_bytes"] = peak_bytes(check)
    return out


def run(pattern: str, hours: int, n_people: int, repeats: int, seed: int) -> None:
    """Time one pattern over a year and print its figures."""
    m = measure(365, hours=hours, supporters=n_people, repeats=repeats, seed=seed, memory=False)
    validate, plain = m["validate_seconds"], m["plain_validate_seconds"]
    check, cover = m["seconds"], m["coverage_seconds"]
    print(f"{pattern}: {m['records']:,} shifts, {n_people} supporters, {m['gaps']} gaps")
    print(f"  (a) pydantic validation, Shift model     {validate * 1e3:8.2f} ms  (baseline)")
    print(f"  (a) pydantic validation, plain fields    {plain * 1e3:8.2f} ms")
    print(f"  (b) roster check, ROSTER-001..003        {check * 1e3:8.2f} ms")
    print(f"  (b) coverage analysis alone              {cover * 1e3:8.2f} ms")
    print(f"  (c) ratio check / validation             {check / validate:8.2f}   (aim <= 1.0)")
    print(f"  (c) ratio check / plain validation       {check / plain:8.2f}")
    print()


def main() -> None:
    """Run both patterns."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--supporters", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}, pydantic {pydantic.VERSION}, "
        f"{platform.machine()}, best of {args.repeats}\n"
    )
    run("hourly", 1, args.supporters, args.repeats, args.seed)
    run("12-hour", 12, args.supporters, args.repeats, args.seed)


if __name__ == "__main__":
    main()
