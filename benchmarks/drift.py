"""Benchmark: drift profiles for a year of activity, against pydantic validation of the same events.

Generates one year of activity for ``--supporters`` (default 1,000) supporters from a fixed seed:
about 500 events each (tasks, notes, sessions, shifts, supervision, debriefs,
community-of-practice contacts, extra duties, training), so about 500,000 events with
52,000 notes. Logs are generated lazily, ``--chunk`` at a time, so the benchmark itself never
holds the whole year. It measures, in one run:

(a) the baseline: ``ActivityLog.model_validate`` of each log (pydantic validation alone);
(b) ``drift_profiles`` over the same logs: validation, role verdicts for every task, a
    language scan of every note, aggregation per window, and the ``DRIFT-*`` findings;
(c) peak traced memory (``tracemalloc``) of streaming (b) at two sizes (``--mem-sizes``,
    default 250 and 1,000 supporters) with logs generated on demand: flat peak means the
    profiles aggregate as they go instead of holding events.

It prints events/s, the ratio of (b) to (a), and the two peaks. It is not a test and never
fails on speed.

Usage::

    python benchmarks/drift.py                          # 1,000 supporters, ~500,000 events
    python benchmarks/drift.py --supporters 200 --mem-sizes 50,200
    python benchmarks/drift.py --json result.json
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pydantic

from peersupport.checks.drift import drift_profiles
from peersupport.model.activity import ActivityLog

AS_OF = date(2026, 11, 30)
START = AS_OF - timedelta(days=364)
TZ = timezone(timedelta(hours=1))

_CALM = (
    "We met in the garden and talked about the week.",
    "{who} said the walk on Sunday helped a lot.",
    "I shared how the first group felt for me.",
    "We looked at the bus times together and {who} chose the Tuesday session.",
    "{who} wants to ask the team about the new plan.",
    "We agreed to meet again next week at the same time.",
    "{who} talked about missing home and we sat with that for a while.",
    "We wrote down the questions for the review in their own words.",
)
_HARSH = (
    "You should stop seeing those friends.",
    "{who} was non-compliant with the rota again.",
    "I told {who} to go to bed early.",
    "{who} is an addict who refused to engage.",
)
_NAMES = ("Sam", "Jo", "Priya", "Leah", "Marcus", "Ade", "Robin", "Kai")
_CONSISTENT = (
    "share_lived_experience",
    "link_to_resources",
    "support_voice",
    "explore_options",
    "accompany",
    "co_facilitate_group",
)
_INCONSISTENT = ("administer_medication", "write_progress_report", "give_advice")
_DESCRIPTIONS = (
    "listened to {who} talk about a rough week",
    "handed out the evening meds to {who}",
    "went with {who} to the job centre",
    "wrote up the progress notes for the team",
)


def _at(day: date, minute: int) -> str:
    return (
        datetime.combine(day, datetime.min.time(), TZ)
        .replace(hour=minute // 60, minute=minute % 60)
        .isoformat()
    )


def log_for(n: int, seed: int) -> dict[str, Any]:
    """One supporter's year: about 500 events, dates as ISO strings as JSON would carry them."""
    rnd = random.Random(seed * 100_003 + n)
    drift = rnd.random() < 0.2
    tasks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    shifts: list[dict[str, Any]] = []
    supervision: list[dict[str, Any]] = []
    for week in range(52):
        monday = START + timedelta(days=7 * week)
        for t in range(3 + week % 2):
            day = (monday + timedelta(days=t)).isoformat()
            if rnd.random() < 0.1:
                text = rnd.choice(_DESCRIPTIONS).format(who=rnd.choice(_NAMES))
                tasks.append({"day": day, "task": {"description": text}})
                continue
            bad = drift and rnd.random() < week / 80
            activity = rnd.choice(_INCONSISTENT if bad else _CONSISTENT)
            who = rnd.choice(("staff", "self", "peer")) if bad else "peer"
            tasks.append({"day": day, "task": {"activity": activity, "requested_by": who}})
        harsh = 0.3 if drift else 0.02
        words = [
            rnd.choice(_HARSH if rnd.random() < harsh else _CALM).format(who=rnd.choice(_NAMES))
            for _ in range(6)
        ]
        notes.append({"day": (monday + timedelta(days=1)).isoformat(), "text": " ".join(words)})
        minute = 9 * 60
        wednesday = monday + timedelta(days=2)
        for _ in range(3):
            sessions.append({"start": _at(wednesday, minute), "end": _at(wednesday, minute + 45)})
            minute += 45 + rnd.choice((2, 10, 15))
        thursday = monday + timedelta(days=3)
        shifts.append(
            {
                "start": _at(thursday, 8 * 60),
                "end": _at(thursday, 16 * 60),
                "debrief_minutes": rnd.choice((0, 10, 10, 15)),
            }
        )
        if week % 2 == 0:
            supervision.append({"day": (monday + timedelta(days=4)).isoformat(), "kind": "peer"})
        if week % 4 == 1:
            supervision.append(
                {"day": (monday + timedelta(days=4)).isoformat(), "kind": "administrative"}
            )
    months = [
        date(START.year + (START.month + k - 1) // 12, (START.month + k - 1) % 12 + 1, 12)
        for k in range(12)
    ]
    monthly = [m.isoformat() for m in months if rnd.random() < 0.9]
    return {
        "supporter": f"ps-{n:05d}",
        "started_on": (START - timedelta(days=rnd.randint(0, 2000))).isoformat(),
        "peer_colleagues": rnd.randint(0, 4),
        "tasks": tasks,
        "notes": notes,
        "sessions": sessions,
        "shifts": shifts,
        "supervision": supervision,
        "debriefs": monthly,
        "community_contacts": monthly[::2],
        "extra_duties": [
            {"day": (START + timedelta(days=rnd.randint(0, 360))).isoformat(), "kind": "committee"}
            for _ in range(rnd.randint(0, 3))
        ],
        "trainings": [
            {
                "module": "peer_support_refresher",
                "completed_on": (AS_OF - timedelta(days=rnd.randint(10, 300))).isoformat(),
            }
        ],
    }


def logs(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` logs, each made when asked for."""
    for n in range(count):
        yield log_for(n, seed)


def _events(log: dict[str, Any]) -> int:
    return sum(len(v) for v in log.values() if isinstance(v, list))


def timed(supporters: int, chunk: int, seed: int) -> dict[str, float]:
    """Time (a) and (b) on the same logs, chunk by chunk, generation untimed."""
    validate = profile = 0.0
    events = notes = 0
    done = 0
    levels: dict[str, int] = {}
    # Warm the caches (role table, language packs) outside the clock.
    list(drift_profiles(logs(2, seed + 1), as_of=AS_OF))
    while done < supporters:
        batch = [log_for(n, seed) for n in range(done, min(done + chunk, supporters))]
        done += len(batch)
        events += sum(_events(b) for b in batch)
        notes += sum(len(b["notes"]) for b in batch)
        gc.collect()
        t0 = time.perf_counter()
        for b in batch:
            ActivityLog.model_validate(b)
        t1 = time.perf_counter()
        for p in drift_profiles(batch, as_of=AS_OF):
            levels[p.level.value] = levels.get(p.level.value, 0) + 1
        t2 = time.perf_counter()
        validate += t1 - t0
        profile += t2 - t1
    return {
        "supporters": supporters,
        "events": events,
        "notes": notes,
        "validate_s": validate,
        "profile_s": profile,
        "validate_events_per_s": events / validate,
        "profile_events_per_s": events / profile,
        "ratio_profile_to_validation": profile / validate,
        **{f"level_{k}": v for k, v in sorted(levels.items())},
    }


def peak(supporters: int, seed: int) -> dict[str, float]:
    """Peak traced memory while streaming profiles for logs made on demand."""
    list(drift_profiles(logs(2, seed + 1), as_of=AS_OF))  # caches loaded before tracing
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    count = 0
    for _ in drift_profiles(logs(supporters, seed), as_of=AS_OF):
        count += 1
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"supporters": count, "events": count * 500, "peak_mib": top / 2**20}


def measure(
    supporters: int, *, chunk: int = 50, seed: int = 20261130, memory: bool = True
) -> dict[str, Any]:
    """The suite's figures for a year of ``supporters`` logs: the timings and the peak.

    ``records`` counts events; ``seconds`` is ``drift_profiles`` and ``validate_seconds`` the
    baseline; ``peak_bytes`` is the peak of streaming profiles for logs made on demand.
    """
    t = timed(supporters, min(chunk, supporters), seed)
    out: dict[str, Any] = {
        **t,
        "records": t["events"],
        "seconds": t["profile_s"],
        "validate_seconds": t["validate_s"],
    }
    if memory:
        out["peak_bytes"] = peak(supporters, seed)["peak_mib"] * 2**20
    return out


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supporters", type=int, default=1000)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--mem-sizes", default="250,1000")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    print(f"python {platform.python_version()}, pydantic {pydantic.VERSION}, {platform.machine()}")
    t = timed(args.supporters, args.chunk, args.seed)
    print(
        f"{t['supporters']:,} supporters, {t['events']:,} events ({t['notes']:,} notes), "
        f"one year as of {AS_OF.isoformat()}"
    )
    print(
        f"(a) pydantic validation alone: {t['validate_s']:.2f} s, "
        f"{t['validate_events_per_s']:,.0f} events/s"
    )
    print(
        f"(b) drift_profiles:            {t['profile_s']:.2f} s, "
        f"{t['profile_events_per_s']:,.0f} events/s"
    )
    print(f"    ratio (b)/(a): {t['ratio_profile_to_validation']:.2f}x the time of validation")
    print(
        "    levels: "
        + ", ".join(
            f"{k.removeprefix('level_')}={v}" for k, v in t.items() if k.startswith("level_")
        )
    )
    peaks = [peak(int(n), args.seed) for n in args.mem_sizes.split(",")]
    for p in peaks:
        print(
            f"(c) peak traced memory streaming {p['supporters']:,} supporters "
            f"(~{p['events']:,} events): {p['peak_mib']:.1f} MiB"
        )
    if len(peaks) >= 2:
        growth = peaks[-1]["peak_mib"] / peaks[0]["peak_mib"]
        size = peaks[-1]["supporters"] / peaks[0]["supporters"]
        print(
            f"    {size:.0f}x the events, {growth:.2f}x the peak: flat"
            if growth < 1.25
            else f"    {size:.0f}x the events, {growth:.2f}x the peak: NOT flat"
        )
    if args.json:
        args.json.write_text(json.dumps({"timing": t, "memory": peaks}, indent=2) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
