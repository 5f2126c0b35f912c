"""Benchmark: the eligibility and training rules against pydantic validation alone.

Generates varied supporter records as plain dicts (as a host system would pass them, dates as
ISO strings), then measures in one run:

(a) validation alone: ``Supporter.model_validate`` per dict, and
    ``TypeAdapter(list[Supporter]).validate_python`` on the list;
(b) the rules on validated models (``check_eligibility`` + ``check_training``), validation
    plus the rules, and the all-in path from dicts (each check validates its own dict);
(c) the ratios of (b) to (a): the aim is total <= 2.0 x validation, i.e. the rules cost no
    more than the validation itself;
(d) peak memory, with tracemalloc, in a separate pass so it does not distort the timings;
(e) the batch entry point ``check_supporters`` at a few sizes, to show how it scales.

Usage::

    python benchmarks/eligibility.py                 # 100,000 records
    python benchmarks/eligibility.py --n 20000 --json result.json
    python benchmarks/eligibility.py --n 5000 --profile   # where the rule time goes

It is not a test and never fails on speed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Final

import pydantic
from pydantic import TypeAdapter

import peersupport
from peersupport import (
    DEFAULT_POLICY,
    Policy,
    Supporter,
    check_eligibility,
    check_supporters,
    check_training,
    competencies,
    training_modules,
)

AS_OF = date(2026, 11, 23)
AIM = 2.0

Record = dict[str, Any]

_FIRST = ("Alex", "Bo", "Chidi", "Dana", "Eero", "Farah", "Gus", "Hana", "Ilya", "Jun", "Kofi")
_LAST = ("Achebe", "Berg", "Costa", "Dube", "Evans", "Fujita", "Gomez", "Haas", "Iqbal", "Jensen")
_NOTES = (
    "Walks every morning and keeps Sundays free.",
    "Talks to a friend after hard shifts; sleeps on it before deciding.",
    "Several years into recovery; back at work full time.",
)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _maybe(rng: random.Random, p_none: float, value: Any) -> Any:
    return None if rng.random() < p_none else value


def _tri(rng: random.Random, p_true: float, p_false: float) -> bool | None:
    x = rng.random()
    return True if x < p_true else False if x < p_true + p_false else None


def generate(n: int, seed: int = 20261123) -> list[Record]:
    """``n`` varied supporter dicts, the same for the same seed."""
    rng = random.Random(seed)
    comp_ids = sorted(competencies().competency_ids)
    catalogue = training_modules()
    core = sorted(catalogue.core_ids)
    other = sorted(catalogue.ids - catalogue.core_ids)
    roles = ("crisis_responder", "group_leader", "mentor", "educator")
    out: list[Record] = []
    for i in range(n):
        started = _maybe(rng, 0.1, _day(rng, date(2025, 1, 1), date(2026, 10, 31)))
        # Usually trained before starting, sometimes a little after (TRAIN-001 late).
        first_training = min(
            (started or AS_OF - timedelta(days=30)) - timedelta(days=rng.randint(-20, 60)),
            AS_OF - timedelta(days=14),
        )
        trainings: list[Record] = [
            {"module": "basic_peer_support", "completed_on": first_training.isoformat()},
            {
                "module": "crisis_management",
                "completed_on": (first_training + timedelta(days=7)).isoformat(),
            },
        ]
        for _ in range(rng.randint(1, 4)):
            module = rng.choice(core) if rng.random() < 0.5 else rng.choice(other)
            day = _day(rng, first_training, AS_OF)
            trainings.append({"module": module, "completed_on": day.isoformat()})
        if rng.random() < 0.3:
            trainings[0]["provider"] = "Regional Peer Network"
        rng.shuffle(trainings)
        debrief_days = sorted(
            {_day(rng, date(2025, 11, 1), AS_OF) for _ in range(rng.randint(3, 12))}
        )
        lived: list[Record] | None
        x = rng.random()
        if x < 0.05:
            lived = None
        elif x < 0.08:
            lived = []
        else:
            lived = [
                {
                    "relation": rng.choices(
                        ("personal", "family_member", "caregiver"), (75, 15, 10)
                    )[0],
                    "areas": rng.sample(
                        ("mental_health", "trauma_ptsd", "substance_use", "other"),
                        rng.randint(1, 3),
                    ),
                }
                for _ in range(rng.randint(1, 2))
            ]
        record: Record = {
            "id": f"ps-{i:06d}",
            "display_name": _maybe(rng, 0.2, f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"),
            "roles": rng.sample(roles, rng.choices((0, 1, 2, 3), (5, 55, 30, 10))[0]),
            "selection": rng.choices(
                ("volunteer", "peer_nominated", "hired", None), (45, 35, 15, 5)
            )[0],
            "lived_experience": lived,
            "recovery": _maybe(
                rng,
                0.05,
                {
                    "on_path": _tri(rng, 0.85, 0.05),
                    "description": _maybe(rng, 0.5, rng.choice(_NOTES)),
                },
            ),
            "self_care": _maybe(
                rng,
                0.05,
                {
                    "has_plan": _tri(rng, 0.85, 0.05),
                    "resilience_strategies": _tri(rng, 0.85, 0.05),
                    "reviewed_on": _maybe(rng, 0.5, _day(rng, date(2025, 6, 1), AS_OF).isoformat()),
                    "description": _maybe(rng, 0.6, rng.choice(_NOTES)),
                },
            ),
            "aware_of_stress_limits": _tri(rng, 0.85, 0.05),
            "competencies": [
                {
                    "competency": rng.choice(comp_ids),
                    "level": rng.choices((1, 2, 3, 4, 5), (3, 12, 40, 35, 10))[0],
                    "rater": rng.choice(("self", "supervisor", "peer", "trainer")),
                    "rated_on": _day(rng, date(2025, 6, 1), AS_OF).isoformat(),
                }
                for _ in range(rng.randint(5, 23))
            ],
            "trainings": trainings,
            "debriefs_attended": [d.isoformat() for d in debrief_days],
            "started_on": started.isoformat() if started else None,
        }
        out.append(record)
    return out


def sample(records: Sequence[Record], k: int) -> Sequence[Record]:
    """``k`` records spread evenly over ``records`` (all of them if ``k`` is not smaller)."""
    if k >= len(records):
        return records
    step = len(records) / k
    return [records[int(i * step)] for i in range(k)]


def _chunks(items: Sequence[Record], size: int) -> list[Sequence[Record]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _clock(fn: Callable[[], object], *, keep_gc: bool = False) -> float:
    """Seconds ``fn`` takes; like timeit, with the cyclic GC off unless ``keep_gc``."""
    gc.collect()
    was_enabled = gc.isenabled()
    if not keep_gc:
        gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if was_enabled:
            gc.enable()


def _validate(part: Sequence[Any], _policy: Policy) -> None:
    # Each model is dropped, as in _validate_rules, so the two differ only by the rules.
    for r in part:
        Supporter.model_validate(r)


def _rules(models: Sequence[Any], policy: Policy) -> None:
    for m in models:
        check_eligibility(m, policy, as_of=AS_OF)
        check_training(m, policy, as_of=AS_OF)


def _rules_read(models: Sequence[Any], policy: Policy) -> None:
    # A report makes its findings, and the training report its needs, when first read; this
    # path reads them all, so the table shows what a caller who looks at everything pays.
    for m in models:
        eligibility = check_eligibility(m, policy, as_of=AS_OF)
        training = check_training(m, policy, as_of=AS_OF)
        for report in (eligibility, training):
            for finding in report.findings:
                finding.outcome  # noqa: B018 - reading is the work measured
        training.training_needs  # noqa: B018 - as above


def _validate_rules(part: Sequence[Any], policy: Policy) -> None:
    for r in part:
        m = Supporter.model_validate(r)
        check_eligibility(m, policy, as_of=AS_OF)
        check_training(m, policy, as_of=AS_OF)


_ADAPTER: Final = TypeAdapter(list[Supporter])


def _validate_list(part: Sequence[Any], _policy: Policy) -> object:
    return _ADAPTER.validate_python(part)


# Each path, and whether it is given the validated models rather than the dicts.
PATHS: Final[dict[str, tuple[Callable[[Sequence[Any], Policy], object], bool]]] = {
    "validate": (_validate, False),
    "validate_list": (_validate_list, False),
    "rules": (_rules, True),
    "rules_read": (_rules_read, True),
    "validate_rules": (_validate_rules, False),
    "from_dicts": (_rules, False),  # the checks validate each dict themselves
}


def measure_time(
    records: Sequence[Record],
    policy: Policy,
    chunk: int,
    *,
    repeats: int = 1,
    keep_gc: bool = False,
) -> dict[str, Any]:
    """Time each path chunk by chunk, interleaved, so drift hits every path alike.

    With ``repeats`` > 1 each path runs that many times on each chunk and the best counts.
    """
    warm = records[: min(200, len(records))]  # caches (framework, catalogue) off the clock
    for fn, _ in PATHS.values():
        fn(warm, policy)
    totals = dict.fromkeys(PATHS, 0.0)
    ratios: list[float] = []

    def best(fn: Callable[[Sequence[Any], Policy], object], part: Sequence[Record]) -> float:
        return min(_clock(partial(fn, part, policy), keep_gc=keep_gc) for _ in range(repeats))

    def best_on_models(
        fn: Callable[[Sequence[Any], Policy], object], part: Sequence[Record]
    ) -> float:
        # Fresh models each time: a model caches its digest, and a host's models are new.
        runs = []
        for _ in range(repeats):
            models = [Supporter.model_validate(r) for r in part]
            runs.append(_clock(partial(fn, models, policy), keep_gc=keep_gc))
        return min(runs)

    for part in _chunks(records, chunk):
        t = {
            name: (best_on_models if on_models else best)(fn, part)
            for name, (fn, on_models) in PATHS.items()
        }
        for k, v in t.items():
            totals[k] += v
        ratios.append(t["validate_rules"] / t["validate"])
    n = len(records)
    us = {k: v / n * 1e6 for k, v in totals.items()}
    return {
        "us_per_record": us,
        "seconds": totals,
        "ratio_rules_to_validation": us["rules"] / us["validate"],
        "ratio_rules_read_to_validation": us["rules_read"] / us["validate"],
        "ratio_total_to_validation": us["validate_rules"] / us["validate"],
        "ratio_from_dicts_to_validation": us["from_dicts"] / us["validate"],
        "ratio_total_per_chunk": {
            "min": min(ratios),
            "median": statistics.median(ratios),
            "max": max(ratios),
        },
        "chunks": len(ratios),
    }


def measure_batch(
    records: Sequence[Record], policy: Policy, sizes: Sequence[int], *, keep_gc: bool = False
) -> list[Any]:
    """``check_supporters`` on the first ``size`` records, for each size."""
    out = []
    for size in sizes:
        if size > len(records):
            break
        part = records[:size]
        seconds = _clock(partial(check_supporters, part, policy, as_of=AS_OF), keep_gc=keep_gc)
        out.append({"size": size, "us_per_record": seconds / size * 1e6})
    return out


def _traced(fn: Callable[[], object]) -> tuple[int, int, object]:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current, peak, result


def measure_memory(records: Sequence[Record], policy: Policy) -> dict[str, Any]:
    """Peak traced memory of three uses, beyond the input dicts (which exist beforehand)."""
    n = len(records)

    def keep_models() -> list[Supporter]:
        return [Supporter.model_validate(r) for r in records]

    def stream() -> None:
        for r in records:
            m = Supporter.model_validate(r)
            check_eligibility(m, policy, as_of=AS_OF)
            check_training(m, policy, as_of=AS_OF)

    def keep_reports() -> list[object]:
        out: list[object] = []
        for r in records:
            m = Supporter.model_validate(r)
            out.append(check_eligibility(m, policy, as_of=AS_OF))
            out.append(check_training(m, policy, as_of=AS_OF))
        return out

    _, models_peak, models = _traced(keep_models)
    del models
    _, stream_peak, _ = _traced(stream)
    _, reports_peak, reports = _traced(keep_reports)
    del reports
    return {
        "records": n,
        "validate_keep_models_peak_bytes": models_peak,
        "validate_keep_models_bytes_per_record": models_peak / n,
        "validate_and_check_streaming_peak_bytes": stream_peak,
        "validate_and_check_keep_reports_peak_bytes": reports_peak,
        "validate_and_check_keep_reports_bytes_per_record": reports_peak / n,
    }


def measure(
    size: int,
    *,
    repeats: int = 2,
    chunk: int = 2_000,
    seed: int = 20261123,
    memory: bool = True,
) -> dict[str, Any]:
    """The suite's figures for ``size`` generated records: every path timed, and the peak.

    ``seconds`` is the time of the whole work (validate + both checks); ``peak_bytes`` is the
    peak traced memory of validating and checking each record without keeping anything.
    """
    records = generate(size, seed)
    policy = DEFAULT_POLICY
    timing = measure_time(records, policy, min(chunk, size), repeats=repeats)
    peak = 0
    if memory:

        def stream() -> None:
            for r in records:
                m = Supporter.model_validate(r)
                check_eligibility(m, policy, as_of=AS_OF)
                check_training(m, policy, as_of=AS_OF)

        _, peak, _ = _traced(stream)
    return {
        "records": size,
        "seconds": timing["seconds"]["validate_rules"],
        "rules_seconds": timing["seconds"]["rules"],
        "rules_read_seconds": timing["seconds"]["rules_read"],
        "validate_seconds": timing["seconds"]["validate"],
        "peak_bytes": peak,
        "time": timing,
    }


def profile_rules(records: Sequence[Record], policy: Policy, top: int = 30) -> str:
    """cProfile of the rules alone on validated models: the functions that cost the most."""
    models = [Supporter.model_validate(r) for r in records]
    profiler = cProfile.Profile()
    profiler.enable()
    for m in models:
        check_eligibility(m, policy, as_of=AS_OF)
        check_training(m, policy, as_of=AS_OF)
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def _mib(b: float) -> str:
    return f"{b / 2**20:8.1f} MiB"


def _table(rows: Sequence[tuple[str, str]]) -> str:
    width = max(50, *(len(k) for k, _ in rows))
    return "\n".join(f"  {k.ljust(width)}  {v}" for k, v in rows)


def _per_record(total: float, per: float, n: int) -> str:
    return f"{_mib(total)}  ({per / 1024:.1f} KiB/record; x {n:,} = {_mib(per * n).strip()})"


def report_text(result: dict[str, Any]) -> str:
    """The figures as a table for a person."""
    t = result["time"]
    us = t["us_per_record"]
    m = result["memory"]
    env = result["env"]
    verdict = "within" if t["ratio_total_to_validation"] <= AIM else "ABOVE"
    head = (
        f"peersupport {env['peersupport']} eligibility benchmark: {result['n']:,} records, "
        f"seed {result['seed']}, as of {AS_OF.isoformat()}"
    )
    chunk_ratios = "{min:.2f} / {median:.2f} / {max:.2f}".format(**t["ratio_total_per_chunk"])
    machine = (
        f"python {env['python']}, pydantic {env['pydantic']}, {env['platform']}, "
        f"{env['cpus']} CPUs, load average {env['load_average_at_start']:.2f} at start"
    )
    timed = (
        f"timed: {result['time_n']:,} records spread over the {result['n']:,}, in chunks of "
        f"{result['chunk']:,}, best of {result['repeats']}, cyclic GC "
        + ("on" if result["gc_while_timing"] else "off (as timeit; --gc to keep it on)")
    )
    lines = [
        head,
        machine,
        timed,
        "",
        "(a) validation alone                                       µs/record",
        _table(
            [
                ("Supporter.model_validate, per dict", f"{us['validate']:9.1f}"),
                ("TypeAdapter(list[Supporter]).validate_python", f"{us['validate_list']:9.1f}"),
            ]
        ),
        "(b) with the rules (check_eligibility + check_training)",
        _table(
            [
                ("rules only, on validated models", f"{us['rules']:9.1f}"),
                ("rules, then every finding and need read", f"{us['rules_read']:9.1f}"),
                ("validate + rules (model passed to both)", f"{us['validate_rules']:9.1f}"),
                ("all-in from dicts (each check validates)", f"{us['from_dicts']:9.1f}"),
            ]
        ),
        "(c) ratios to validation alone (model_validate)",
        _table(
            [
                ("rules / validation", f"{t['ratio_rules_to_validation']:9.2f}"),
                (
                    "(rules + every finding read) / validation",
                    f"{t['ratio_rules_read_to_validation']:9.2f}",
                ),
                ("(validate + rules) / validation", f"{t['ratio_total_to_validation']:9.2f}"),
                ("all-in from dicts / validation", f"{t['ratio_from_dicts_to_validation']:9.2f}"),
                (f"  per chunk of {result['chunk']:,}: min / median / max", chunk_ratios),
            ]
        ),
        f"    aim: (validate + rules) / validation <= {AIM:.1f}: {verdict} the aim",
        f"(d) peak memory (tracemalloc, separate pass, {m['records']:,} records)",
        _table(
            [
                (
                    "validate all, keep the models",
                    _per_record(
                        m["validate_keep_models_peak_bytes"],
                        m["validate_keep_models_bytes_per_record"],
                        result["n"],
                    ),
                ),
                (
                    "validate + check each, keep nothing",
                    _mib(m["validate_and_check_streaming_peak_bytes"]),
                ),
                (
                    "validate + check each, keep the reports",
                    _per_record(
                        m["validate_and_check_keep_reports_peak_bytes"],
                        m["validate_and_check_keep_reports_bytes_per_record"],
                        result["n"],
                    ),
                ),
            ]
        ),
    ]
    if result["batch"]:
        lines.append("(e) check_supporters (one merged report), µs/record by batch size")
        rows = [(f"{b['size']:>7,} records", f"{b['us_per_record']:9.1f}") for b in result["batch"]]
        lines.append(_table(rows))
    lines.append(f"total wall time: {result['wall_seconds']:.1f} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="records (default 100,000)")
    parser.add_argument("--seed", type=int, default=20261123, help="random seed")
    parser.add_argument(
        "--time-n",
        type=int,
        default=10_000,
        help="records timed, spread evenly over the --n generated (default 10,000; "
        "--time-n 100000 --repeats 1 times every record once)",
    )
    parser.add_argument("--chunk", type=int, default=2_000, help="records per timed chunk")
    parser.add_argument(
        "--mem-n",
        type=int,
        default=5_000,
        help="records for the tracemalloc pass (default 5,000; it is slow); what grows with "
        "the records is also shown scaled to --n",
    )
    parser.add_argument(
        "--batch-sizes",
        default="1000,2000,8000",
        help="sizes for check_supporters, comma-separated ('' to skip)",
    )
    parser.add_argument(
        "--repeats", type=int, default=2, help="runs per path and chunk; the best counts"
    )
    parser.add_argument(
        "--gc", action="store_true", help="keep the cyclic GC on while timing (default: off)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the rules on the records"
    )
    args = parser.parse_args(argv)
    if min(args.n, args.time_n, args.chunk, args.repeats, args.mem_n) < 1:
        parser.error("--n, --time-n, --chunk, --repeats and --mem-n must be positive")

    wall = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    gc.disable()  # the input holds no cycles; collecting while building it only costs time
    records = generate(args.n, args.seed)
    gc.enable()
    gc.freeze()  # the input lives all run long: keep it out of every later collection
    policy = DEFAULT_POLICY
    if args.profile:
        print(profile_rules(records, policy))
        return 0
    timed = sample(records, args.time_n)
    timing = measure_time(timed, policy, args.chunk, repeats=args.repeats, keep_gc=args.gc)
    sizes = [int(s) for s in args.batch_sizes.split(",") if s.strip()]
    batch = measure_batch(records, policy, sizes, keep_gc=args.gc)
    memory = measure_memory(sample(records, args.mem_n), policy)
    result: dict[str, Any] = {
        "n": args.n,
        "time_n": len(timed),
        "seed": args.seed,
        "chunk": args.chunk,
        "repeats": args.repeats,
        "gc_while_timing": args.gc,
        "as_of": AS_OF.isoformat(),
        "env": {
            "peersupport": peersupport.__version__,
            "python": platform.python_version(),
            "pydantic": pydantic.VERSION,
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
        },
        "time": timing,
        "batch": batch,
        "memory": memory,
        "aim_total_to_validation": AIM,
        "wall_seconds": time.perf_counter() - wall,
    }
    print(report_text(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
