"""The benchmark suite: every benchmark, in one run, as one table against its baselines.

Runs the workloads of ``eligibility.py``, ``roles.py``, ``language.py``, ``roster.py`` and
``drift.py`` at two sizes each (n and 4n, for the linear-scaling aim), measures the import time
of ``peersupport`` against ``pydantic`` in fresh processes, and prints one table: the work,
records/s, µs per record, peak memory, the baseline measured in the same run and its figure,
the ratio, the aim and whether it is met, and the scaling ratio time(4n) / time(n).

Usage::

    python benchmarks/run.py                     # the standard run, a few minutes
    python benchmarks/run.py --quick             # tiny sizes, seconds (a smoke run)
    python benchmarks/run.py --json result.json  # also write every row and figure as JSON
    python benchmarks/run.py --only roles,drift  # some workloads only

It is not a test and always exits 0 whatever the figures: an aim not met is printed, not failed.
Baselines that cannot run here (zen-engine not installed, node or alex unavailable) are shown as
skipped with the reason.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark modules

import drift
import eligibility
import language
import pydantic
import roles
import roster
from _suite import FLAT_MEMORY_AIM, SCALING_AIM, rate, scaling

import peersupport

IMPORT_AIM: Final = 1.5
EXTRAS: Final = ("click", "rich", "pandas", "matplotlib", "jinja2", "zen", "pyarrow", "dask")
WORKLOADS: Final = ("eligibility", "roles", "language", "roster", "drift", "import")


@dataclass(frozen=True)
class Sizes:
    """The sizes n of one run (each workload is also measured at 4n)."""

    eligibility: int
    roles: int
    zen: int
    language: int
    roster_days: int
    drift: int
    repeats: int
    import_runs: int


FULL: Final = Sizes(
    eligibility=4_000,
    roles=20_000,
    zen=5_000,
    language=500,
    roster_days=90,
    drift=40,
    repeats=3,
    import_runs=9,
)
QUICK: Final = Sizes(
    eligibility=60,
    roles=200,
    zen=100,
    language=10,
    roster_days=3,
    drift=1,
    repeats=1,
    import_runs=3,
)


@dataclass
class Row:
    """One line of the table; ``None`` where a figure does not apply or was skipped."""

    workload: str
    work: str
    unit: str
    records: int
    records_per_s: float | None
    us_per_record: float | None
    peak_memory_bytes: float | None
    baseline: str
    baseline_figure: float | None
    baseline_unit: str
    ratio: float | None
    ratio_means: str
    aim: str
    aim_met: bool | None
    scaling: float | None
    scaling_met: bool | None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _per_record(count: int, seconds: float) -> tuple[float, float]:
    return rate(count, seconds), 1e6 * seconds / count if count else float("nan")


def _scaled(small: dict[str, Any], large: dict[str, Any], key: str = "seconds") -> float:
    # Per record, so that a 4n input that is not exactly 4x (roster shifts) is fair.
    ratio = scaling(small, large, key)
    return ratio * 4 * float(small["records"]) / float(large["records"])


def _scaling_met(value: float | None) -> bool | None:
    return None if value is None else value <= SCALING_AIM


# --- the workloads ----------------------------------------------------------------------------


def eligibility_rows(s: Sizes) -> list[Row]:
    """Eligibility + training rules against pydantic validation of the same dicts."""
    small = eligibility.measure(s.eligibility, repeats=s.repeats)
    large = eligibility.measure(4 * s.eligibility, repeats=s.repeats, memory=False)
    n = small["records"]
    validate_s = small["validate_seconds"]
    base_per_s = rate(n, validate_s)
    rows = []
    for key, work, seconds_key, aim_value in (
        ("rules", "eligibility + training rules on validated models", "rules_seconds", 1.0),
        ("total", "validate + eligibility + training rules", "seconds", 2.0),
        # No aim: the cost a caller pays who also reads every finding and training need,
        # which a report makes when first read. Shown so the deferred work is not hidden.
        ("read", "the rules, then every finding and need read", "rules_read_seconds", None),
    ):
        per_s, us = _per_record(n, small[seconds_key])
        ratio = small[seconds_key] / validate_s
        grow = _scaled(small, large, seconds_key)
        rows.append(
            Row(
                workload=f"eligibility.{key}",
                work=work,
                unit="supporters",
                records=n,
                records_per_s=per_s,
                us_per_record=us,
                peak_memory_bytes=small["peak_bytes"],
                baseline="pydantic Supporter.model_validate",
                baseline_figure=base_per_s,
                baseline_unit="records/s",
                ratio=ratio,
                ratio_means="time / validation time",
                aim="none (what reading costs)"
                if aim_value is None
                else f"<= {aim_value:.1f}x validation",
                aim_met=None if aim_value is None else ratio <= aim_value,
                scaling=grow,
                scaling_met=_scaling_met(grow),
                details={"n": small, "4n": large} if key == "total" else {},
            )
        )
    return rows


def roles_rows(s: Sizes) -> list[Row]:
    """Structured verdicts against zen-engine; free-text verdicts against 20,000 tasks/s."""
    small = roles.measure(s.roles, repeats=s.repeats, zen_n=s.zen)
    large = roles.measure(4 * s.roles, repeats=s.repeats, memory=False)
    n = small["records"]
    per_s, us = _per_record(n, small["structured_seconds"])
    grow = _scaled(small, large, "structured_seconds")
    zen_ratio = small.get("structured_over_zen_full")
    structured = Row(
        workload="roles.structured",
        work="role verdicts, structured tasks (validation included)",
        unit="tasks",
        records=n,
        records_per_s=per_s,
        us_per_record=us,
        peak_memory_bytes=small["structured_peak_bytes"],
        baseline="zen-engine, same decision table",
        baseline_figure=small.get("zen_per_s"),
        baseline_unit="records/s",
        ratio=zen_ratio,
        ratio_means="throughput / zen-engine throughput",
        aim=f">= {roles.STRUCTURED_AIM:.0f}x zen-engine",
        aim_met=None if zen_ratio is None else zen_ratio >= roles.STRUCTURED_AIM,
        scaling=grow,
        scaling_met=_scaling_met(grow),
        note=small.get("zen_skipped", ""),
        details={"n": small, "4n": large},
    )
    per_s, us = _per_record(n, small["text_seconds"])
    grow = _scaled(small, large, "text_seconds")
    text = Row(
        workload="roles.text",
        work="role verdicts, free-text descriptions",
        unit="tasks",
        records=n,
        records_per_s=per_s,
        us_per_record=us,
        peak_memory_bytes=small["text_peak_bytes"],
        baseline="pydantic Task.model_validate",
        baseline_figure=rate(n, small["validate_text_seconds"]),
        baseline_unit="records/s",
        ratio=small["text_seconds"] / small["validate_text_seconds"],
        ratio_means="time / validation time",
        aim=f">= {roles.TEXT_AIM:,.0f} tasks/s",
        aim_met=per_s >= roles.TEXT_AIM,
        scaling=grow,
        scaling_met=_scaling_met(grow),
    )
    return [structured, text]


def language_rows(s: Sizes, *, alex: bool, install: bool) -> list[Row]:
    """The language rules over notes against alex on the same notes."""
    small = language.measure(s.language, repeats=s.repeats, alex=alex, install=install)
    large = language.measure(4 * s.language, repeats=s.repeats, memory=False)
    n = small["records"]
    per_s, us = _per_record(n, small["seconds"])
    grow = _scaled(small, large)
    ratio = small.get("ratio")
    alex_s = small.get("alex_seconds")
    note = small.get("alex_skipped", "" if alex else "alex skipped (--no-alex)")
    mb_s = small["bytes"] / 1e6 / small["seconds"]
    return [
        Row(
            workload="language",
            work=f"language rules over notes ({mb_s:.2f} MB/s)",
            unit="notes",
            records=n,
            records_per_s=per_s,
            us_per_record=us,
            peak_memory_bytes=small["peak_bytes"],
            baseline=f"alex {language.ALEX_VERSION} (node), same notes",
            baseline_figure=None if alex_s is None else rate(n, alex_s),
            baseline_unit="records/s",
            ratio=ratio,
            ratio_means="throughput / alex throughput",
            aim=f">= {language.AIM:.0f}x alex",
            aim_met=None if ratio is None else ratio >= language.AIM,
            scaling=grow,
            scaling_met=_scaling_met(grow),
            note=note,
            details={"n": small, "4n": large},
        )
    ]


def roster_rows(s: Sizes) -> list[Row]:
    """The roster rules on an hourly roster against validating its shifts."""
    repeats = max(3, s.repeats * 2)
    small = roster.measure(s.roster_days, repeats=repeats)
    large = roster.measure(4 * s.roster_days, repeats=repeats, memory=False)
    n = small["records"]
    per_s, us = _per_record(n, small["seconds"])
    grow = _scaled(small, large)
    return [
        Row(
            workload="roster",
            work=f"roster check ROSTER-001..003, hourly shifts, {s.roster_days} days",
            unit="shifts",
            records=n,
            records_per_s=per_s,
            us_per_record=us,
            peak_memory_bytes=small["peak_bytes"],
            baseline="pydantic TypeAdapter(tuple[Shift, ...])",
            baseline_figure=rate(n, small["validate_seconds"]),
            baseline_unit="records/s",
            ratio=small["ratio"],
            ratio_means="time / validation time",
            aim="<= 1.0x validation",
            aim_met=small["ratio"] <= 1.0,
            scaling=grow,
            scaling_met=_scaling_met(grow),
            details={"n": small, "4n": large},
        )
    ]


def drift_rows(s: Sizes) -> list[Row]:
    """Drift profiles over a year of events; memory must stay flat at 4x the events."""
    small = drift.measure(s.drift)
    large = drift.measure(4 * s.drift)
    n = small["records"]
    per_s, us = _per_record(n, small["seconds"])
    grow = _scaled(small, large)
    memory_growth = large["peak_bytes"] / small["peak_bytes"]
    return [
        Row(
            workload="drift",
            work=f"drift_profiles, {s.drift} supporters x 1 year",
            unit="events",
            records=n,
            records_per_s=per_s,
            us_per_record=us,
            peak_memory_bytes=small["peak_bytes"],
            baseline="pydantic ActivityLog.model_validate",
            baseline_figure=rate(n, small["validate_seconds"]),
            baseline_unit="records/s",
            ratio=small["seconds"] / small["validate_seconds"],
            ratio_means="time / validation time",
            aim=f"flat memory: peak(4n)/peak(n) <= {FLAT_MEMORY_AIM} (now {memory_growth:.2f})",
            aim_met=memory_growth <= FLAT_MEMORY_AIM,
            scaling=grow,
            scaling_met=_scaling_met(grow),
            details={"n": small, "4n": large, "peak_growth": memory_growth},
        )
    ]


def _top_level_imports(statement: str) -> dict[str, int]:
    """Top-level modules imported while a fresh interpreter runs ``statement``, with their µs."""
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    out: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue  # the header line
        name = parts[2].rstrip()
        if name.startswith(" ") and not name.startswith("  "):  # one space: top level
            out[name.strip()] = out.get(name.strip(), 0) + int(parts[1])
    return out


def import_seconds(statement: str, startup: frozenset[str]) -> float:
    """Seconds a fresh interpreter spends importing for ``statement`` (``-X importtime``).

    The sum of the cumulative times of the top-level imports, less those the interpreter makes
    at startup anyway (``startup``: the names ``python -c pass`` imports).
    """
    found = _top_level_imports(statement)
    return sum(us for name, us in found.items() if name not in startup) / 1e6


def extras_imported() -> list[str]:
    """Optional dependencies that ``import peersupport`` pulls in (it should pull in none)."""
    code = f"import sys, peersupport; print(','.join(m for m in {EXTRAS!r} if m in sys.modules))"
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return [m for m in done.stdout.strip().split(",") if m]


def import_rows(s: Sizes) -> list[Row]:
    """``import peersupport`` against ``import pydantic``, each in fresh processes."""
    cases = {
        "peersupport": "import peersupport",
        "pydantic": "import pydantic",
        "pydantic_basemodel": "from pydantic import BaseModel",
    }
    startup = frozenset(_top_level_imports("pass"))
    for statement in cases.values():  # bytecode compiled and files cached first
        import_seconds(statement, startup)
    runs: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(s.import_runs):  # interleaved, so a busy spell hits each alike
        for key, statement in cases.items():
            runs[key].append(import_seconds(statement, startup))
    median = {k: statistics.median(v) for k, v in runs.items()}
    ratio = median["peersupport"] / median["pydantic"]
    extras = extras_imported()
    note = (
        f"median of {s.import_runs} fresh processes (-X importtime); vs `from pydantic import "
        f"BaseModel` ({median['pydantic_basemodel'] * 1e3:.1f} ms): "
        f"{median['peersupport'] / median['pydantic_basemodel']:.2f}x; extras imported: "
        + (", ".join(extras) or "none")
    )
    return [
        Row(
            workload="import",
            work="import peersupport (fresh process, no extras)",
            unit="imports",
            records=1,
            records_per_s=None,
            us_per_record=median["peersupport"] * 1e6,
            peak_memory_bytes=None,
            baseline="import pydantic (fresh process)",
            baseline_figure=median["pydantic"] * 1e3,
            baseline_unit="ms",
            ratio=ratio,
            ratio_means="import time / pydantic import time",
            aim=f"<= {IMPORT_AIM}x import pydantic",
            aim_met=ratio <= IMPORT_AIM and not extras,
            scaling=None,
            scaling_met=None,
            note=note,
            details={"runs_seconds": runs, "median_seconds": median, "extras_imported": extras},
        )
    ]


def _finite(value: Any) -> Any:
    """``value`` with every infinite or NaN float as ``None``, so that the JSON is strict."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


# --- the table --------------------------------------------------------------------------------


def _num(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _met(*, met: bool | None) -> str:
    return "skipped" if met is None else "met" if met else "NOT met"


def table(rows: Sequence[Row]) -> str:
    """The rows as a fixed-width table for a person, then one note per row that has one."""
    head = (
        "workload",
        "records",
        "records/s",
        "µs/record",
        "peak MiB",
        "baseline",
        "baseline/s",
        "ratio",
        "aim",
        "aim met",
        "4n/n",
    )
    body = []
    for r in rows:
        base = (
            _num(r.baseline_figure, ",.0f")
            if r.baseline_unit == "records/s"
            else f"{_num(r.baseline_figure, '.1f')} {r.baseline_unit}"
        )
        body.append(
            (
                r.workload,
                f"{r.records:,}",
                _num(r.records_per_s, ",.0f"),
                _num(r.us_per_record, ",.2f"),
                _num(None if r.peak_memory_bytes is None else r.peak_memory_bytes / 2**20, ".2f"),
                r.baseline,
                base,
                _num(r.ratio, ".2f"),
                r.aim,
                "-" if r.aim.startswith("none") else _met(met=r.aim_met),
                _num(r.scaling, ".2f")
                + ("" if r.scaling_met is None else "" if r.scaling_met else " !"),
            )
        )
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    numeric = {1, 2, 3, 4, 6, 7, 10}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(b) for b in body]
    out.append("")
    out.append(
        f"ratio: see each row's meaning below; 4n/n: time for 4x the records over time for n, "
        f"per record x 4 (aim <= {SCALING_AIM}; '!' marks a miss)"
    )
    for r in rows:
        detail = f"{r.workload}: {r.work}; ratio = {r.ratio_means}"
        if r.note:
            detail += f"; {r.note}"
        out.append("  " + detail)
    return "\n".join(out)


def run(
    sizes: Sizes, only: Sequence[str], *, alex: bool, install: bool, log: Callable[[str], None]
) -> list[Row]:
    """Every selected workload's rows, in the order of ``WORKLOADS``."""
    steps: dict[str, Callable[[], list[Row]]] = {
        "eligibility": lambda: eligibility_rows(sizes),
        "roles": lambda: roles_rows(sizes),
        "language": lambda: language_rows(sizes, alex=alex, install=install),
        "roster": lambda: roster_rows(sizes),
        "drift": lambda: drift_rows(sizes),
        "import": lambda: import_rows(sizes),
    }
    rows: list[Row] = []
    for name in WORKLOADS:
        if name not in only:
            continue
        start = time.perf_counter()
        rows += steps[name]()
        log(f"  {name}: done in {time.perf_counter() - start:.1f} s")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite, print the table, optionally write JSON; always 0 on any figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the rows as JSON")
    parser.add_argument(
        "--only", default=",".join(WORKLOADS), help=f"comma-separated of {', '.join(WORKLOADS)}"
    )
    parser.add_argument("--no-alex", action="store_true", help="skip the alex baseline")
    parser.add_argument("--no-install", action="store_true", help="never npm install alex")
    args = parser.parse_args(argv)
    only = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = sorted(set(only) - set(WORKLOADS))
    if unknown:
        parser.error(f"unknown workloads: {', '.join(unknown)}")
    sizes = QUICK if args.quick else FULL

    wall = time.perf_counter()
    load = os.getloadavg()[0]
    env = {
        "peersupport": peersupport.__version__,
        "python": platform.python_version(),
        "pydantic": pydantic.VERSION,
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
        "load_average_at_start": load,
    }
    print(
        f"peersupport {env['peersupport']} benchmark suite ({'quick' if args.quick else 'full'}): "
        f"python {env['python']}, pydantic {env['pydantic']}, {env['platform']}, "
        f"{env['cpus']} CPUs, load {load:.2f}\n",
        flush=True,
    )
    rows = run(
        sizes,
        only,
        alex=not args.no_alex,
        install=not args.no_install,
        log=lambda m: print(m, file=sys.stderr, flush=True),
    )
    seconds = time.perf_counter() - wall
    print()
    print(table(rows))
    print(f"\ntotal wall time: {seconds:.1f} s")
    if args.json:
        result = {
            "env": env,
            "quick": args.quick,
            "sizes": asdict(sizes),
            "aims": {"scaling": SCALING_AIM, "flat_memory": FLAT_MEMORY_AIM, "import": IMPORT_AIM},
            "wall_seconds": seconds,
            "rows": [_finite(asdict(r)) for r in rows],
        }
        text = json.dumps(result, indent=2, sort_keys=True, allow_nan=False, default=str)
        args.json.write_text(text + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
