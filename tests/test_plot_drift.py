"""plot._drift.drift_timeline: each indicator over its windows against its thresholds, to PNG."""

from __future__ import annotations

import importlib
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.drift import drift_profile
from peersupport.plot._drift import drift_timeline
from strategies_drift import AS_OF, healthy_log, with_changes

PNG = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_profile_renders_every_indicator_to_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    profile = drift_profile(with_changes(healthy_log(), peer_colleagues=0), as_of=AS_OF)
    out = drift_timeline(profile, tmp_path / "drift.png")
    assert out == tmp_path / "drift.png"
    # Eleven indicators in rows of three: 4 x 2.6 inches a panel at 100 dpi.
    assert _png_size(out) == (1200, 1040)


def test_a_log_renders_too_and_indicators_can_be_picked(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = drift_timeline(
        healthy_log(),
        tmp_path / "two.png",
        as_of=AS_OF,
        indicators=["DRIFT-001", "isolation"],
        title="Two",
    )
    assert _png_size(out) == (800, 260)


def test_an_unknown_indicator_is_invalid_input(tmp_path: Path) -> None:
    profile = drift_profile(healthy_log(), as_of=AS_OF)
    with pytest.raises(ps.InvalidInput, match="no indicator"):
        drift_timeline(profile, tmp_path / "x.png", indicators=["DRIFT-999"])
    with pytest.raises(ps.InvalidInput):
        drift_timeline(profile, tmp_path / "x.png", indicators=[])
    assert not (tmp_path / "x.png").exists()


def test_the_plot_uses_the_file_backend_and_closes_its_figure(tmp_path: Path) -> None:
    mpl = pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    drift_timeline(healthy_log(), tmp_path / "x.png", as_of=AS_OF)
    assert mpl.get_backend().lower() == "agg"
    assert plt.get_fignums() == []


def test_without_matplotlib_the_plot_raises_missing_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def no_matplotlib(name: str, package: str | None = None) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_matplotlib)
    with pytest.raises(ps.MissingExtra, match=r"peersupport\[plot\]"):
        drift_timeline(healthy_log(), tmp_path / "x.png", as_of=AS_OF)


def test_importing_the_drift_plot_does_not_import_matplotlib() -> None:
    code = "import sys, peersupport.plot._drift; print('matplotlib' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
