"""The benchmark suite runs end to end and writes every row and field (never a speed check)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

QuickRun = tuple[str, dict[str, Any]]

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"

WORKLOADS = {
    "eligibility.rules",
    "eligibility.total",
    "eligibility.read",
    "roles.structured",
    "roles.text",
    "language",
    "roster",
    "drift",
    "import",
}
FIELDS = {
    "workload",
    "work",
    "unit",
    "records",
    "records_per_s",
    "us_per_record",
    "peak_memory_bytes",
    "baseline",
    "baseline_figure",
    "baseline_unit",
    "ratio",
    "ratio_means",
    "aim",
    "aim_met",
    "scaling",
    "scaling_met",
    "note",
    "details",
}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> QuickRun:
    out = tmp_path_factory.mktemp("bench") / "suite.json"
    # --no-install: never reach for npm from a test; alex is compared only when already cached.
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--no-install", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_the_quick_suite_writes_one_row_per_workload(quick_run: QuickRun) -> None:
    _, result = quick_run
    assert [r["workload"] for r in result["rows"]] == [
        "eligibility.rules",
        "eligibility.total",
        "eligibility.read",
        "roles.structured",
        "roles.text",
        "language",
        "roster",
        "drift",
        "import",
    ]
    assert result["quick"] is True


def test_every_row_has_every_field(quick_run: QuickRun) -> None:
    _, result = quick_run
    for row in result["rows"]:
        assert set(row) == FIELDS, row["workload"]


def test_each_row_measures_records_and_a_same_run_baseline(quick_run: QuickRun) -> None:
    _, result = quick_run
    for row in result["rows"]:
        assert row["records"] > 0
        assert row["us_per_record"] > 0
        assert row["baseline"]
        assert row["aim"]
        assert row["aim_met"] in {True, False, None}
        # A baseline that could not run here (zen-engine, alex) says why instead of a figure.
        if row["baseline_figure"] is None:
            assert row["ratio"] is None or row["workload"] == "roles.structured"
            assert row["note"]
        else:
            assert row["baseline_figure"] > 0


def test_every_workload_but_import_reports_its_scaling_from_n_to_4n(quick_run: QuickRun) -> None:
    _, result = quick_run
    for row in result["rows"]:
        if row["workload"] == "import":
            assert row["scaling"] is None
        else:
            assert row["scaling"] > 0
            assert row["scaling_met"] in {True, False}
            assert row["records_per_s"] > 0
            assert row["peak_memory_bytes"] > 0


def test_the_import_row_reports_extras_and_both_timings(quick_run: QuickRun) -> None:
    _, result = quick_run
    (row,) = [r for r in result["rows"] if r["workload"] == "import"]
    details = row["details"]
    assert set(details["median_seconds"]) == {"peersupport", "pydantic", "pydantic_basemodel"}
    assert details["extras_imported"] == []
    assert row["ratio"] == pytest.approx(
        details["median_seconds"]["peersupport"] / details["median_seconds"]["pydantic"]
    )


def test_the_printed_table_names_every_workload_and_aim(quick_run: QuickRun) -> None:
    stdout, _ = quick_run
    for name in WORKLOADS:
        assert name in stdout
    assert "aim met" in stdout
    assert "4n/n" in stdout
