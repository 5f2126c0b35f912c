"""plot.roster_coverage: a weekday × hour heatmap written to PNG (extra ``plot``)."""

from __future__ import annotations

import importlib
import struct
import sys
from pathlib import Path
from typing import Any

import pytest

import peersupport as ps
from peersupport import plot
from peersupport.checks.roster import analyse_coverage
from strategies_programme import AS_OF, programme

PNG = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_programme_roster_renders_to_png(tmp_path: Path) -> None:
    data = programme()
    del data["roster"]["shifts"][3]["backup"]
    out = plot.roster_coverage(data, tmp_path / "cover.png", as_of=AS_OF)
    assert out == tmp_path / "cover.png"
    width, height = _png_size(out)
    assert (width, height) == (1000, 360)


def test_a_roster_or_a_coverage_renders_too(tmp_path: Path) -> None:
    roster = programme()["roster"]
    assert _png_size(plot.roster_coverage(roster, tmp_path / "a.png"))[0] == 1000
    coverage = analyse_coverage(roster)
    assert _png_size(plot.roster_coverage(coverage, tmp_path / "b.png", title="Q4"))[0] == 1000
    no_horizon = {k: v for k, v in roster.items() if not k.startswith("horizon")}
    assert _png_size(plot.roster_coverage(no_horizon, tmp_path / "c.png", as_of=AS_OF))[1] == 360


def test_the_plot_uses_the_file_backend_and_closes_its_figure(tmp_path: Path) -> None:
    import matplotlib as mpl  # noqa: PLC0415
    import matplotlib.pyplot as plt  # noqa: PLC0415

    plot.roster_coverage(programme(), tmp_path / "x.png", as_of=AS_OF)
    assert mpl.get_backend().lower() == "agg"
    assert plt.get_fignums() == []


def test_a_programme_without_a_roster_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(ps.InvalidInput, match="no roster"):
        plot.roster_coverage(programme(roster=None), tmp_path / "x.png", as_of=AS_OF)
    assert not (tmp_path / "x.png").exists()


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
        plot.roster_coverage(programme(), tmp_path / "x.png", as_of=AS_OF)


def test_importing_the_plot_module_does_not_import_matplotlib() -> None:
    code = "import sys, peersupport.plot; print('matplotlib' in sys.modules)"
    import subprocess  # noqa: PLC0415

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
