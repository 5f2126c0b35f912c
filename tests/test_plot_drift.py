"""plot._drift.drift_timeline: each indicator over its windows against its thresholds.

Without a path it returns the matplotlib figure (shown inline in a notebook); with one it
writes a PNG there and returns the path.
"""

from __future__ import annotations

import importlib
import io
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


def test_without_a_path_the_figure_is_returned_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure  # noqa: PLC0415 - an optional extra

    monkeypatch.chdir(tmp_path)
    profile = drift_profile(with_changes(healthy_log(), peer_colleagues=0), as_of=AS_OF)
    figure = drift_timeline(profile)
    assert isinstance(figure, Figure)
    assert list(tmp_path.iterdir()) == []
    shown = [a for a in figure.axes if a.get_visible()]
    assert [a.get_title().split()[0] for a in shown] == [i.rule_id for i in profile.indicators]
    assert tuple(figure.get_size_inches() * figure.dpi) == (1200, 1040)
    # The same picture the path form writes, byte for byte.
    written = drift_timeline(profile, tmp_path / "drift.png")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue() == written.read_bytes()


def test_the_returned_figure_renders_as_a_notebook_would_show_it() -> None:
    pytest.importorskip("matplotlib")
    pylabtools = pytest.importorskip("IPython.core.pylabtools")
    figure = drift_timeline(healthy_log(), as_of=AS_OF, indicators=["isolation"], title="One")
    assert "One" in [t.get_text() for t in figure.texts]
    # What IPython's inline display calls for a figure a cell returns.
    assert pylabtools.print_figure(figure, "png")[:8] == PNG


def test_a_path_given_as_text_returns_the_path_written(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = drift_timeline(healthy_log(), str(tmp_path / "text.png"), as_of=AS_OF)
    assert isinstance(out, Path)
    assert out == tmp_path / "text.png"
    assert out.read_bytes()[:8] == PNG


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
    with pytest.raises(ps.InvalidInput):
        drift_timeline(profile, indicators=["DRIFT-999"])
    assert not (tmp_path / "x.png").exists()


def test_the_plot_leaves_pyplot_alone(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    before = plt.get_fignums()
    drift_timeline(healthy_log(), tmp_path / "x.png", as_of=AS_OF)
    drift_timeline(healthy_log(), as_of=AS_OF)
    assert plt.get_fignums() == before


def test_the_plot_keeps_the_chosen_backend_and_never_imports_pyplot() -> None:
    pytest.importorskip("matplotlib")
    code = (
        "import sys, datetime, matplotlib\n"
        "matplotlib.use('pdf')\n"
        "from peersupport.plot import drift_timeline\n"
        "drift_timeline({'supporter': 'ps-001'}, as_of=datetime.date(2026, 11, 23))\n"
        "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["pdf", "False"]


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
    with pytest.raises(ps.MissingExtra, match=r"peersupport\[plot\]"):
        drift_timeline(healthy_log(), as_of=AS_OF)


def test_importing_the_drift_plot_does_not_import_matplotlib() -> None:
    code = "import sys, peersupport.plot._drift; print('matplotlib' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
