"""plot.radar: the section scores of an assessment, or an audit's seven components, to PNG."""

from __future__ import annotations

import importlib
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import peersupport as ps
from peersupport import plot
from peersupport.assessment import AssessmentResult, AuditReport, assess, audit, instrument
from peersupport.io import load_data, load_document

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
SEVEN = instrument("who-seven-components")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def agg() -> Iterator[Any]:
    """Matplotlib on the file-only Agg backend; no figure may be left open in pyplot."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    plt: Any = importlib.import_module("matplotlib.pyplot")
    before = plt.get_fignums()
    yield mpl
    assert plt.get_fignums() == before


@pytest.fixture(scope="module")
def report() -> AuditReport:
    document = load_document(ROOT / "examples" / "programme.yaml")
    responses = load_data(ROOT / "examples" / "audit_responses.yaml")[0]
    return audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)


def _assessment(**answers: str) -> AssessmentResult:
    values = {i.id: "yes" for i in SEVEN.items} | {
        k.replace("_", "-"): v for k, v in answers.items()
    }
    return assess(SEVEN, {"rater": "self", "rated_on": "2026-11-20", "answers": values})


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _labels(figure: Any) -> list[str]:
    return [t.get_text() for t in figure.axes[0].get_xticklabels()]


def test_the_public_radar_draws_an_audit_s_seven_components(
    agg: Any, report: AuditReport, tmp_path: Path
) -> None:
    out = tmp_path / "radar.png"
    figure = plot.radar(report, out)
    assert isinstance(figure, agg.figure.Figure)
    assert _png_size(out) == (640, 640)
    seven = report.assessment("who-seven-components")
    assert _labels(figure) == [
        f"{s.title}\n{'no answers' if s.percent is None else f'{s.percent:.0f}%'}"
        for s in seven.sections
    ]
    assert len(_labels(figure)) == len(SEVEN.sections) == 7
    assert figure.axes[0].name == "polar"
    assert figure.axes[0].get_title().startswith(seven.title)


@pytest.mark.usefixtures("agg")
def test_the_public_radar_draws_an_assessment_and_marks_a_section_with_no_answers() -> None:
    result = _assessment(SEVEN_001="not_applicable", SEVEN_002="dont_know", SEVEN_003="no")
    figure = plot.radar(result, title="Self-check")
    labels = _labels(figure)
    assert labels[0] == f"{result.sections[0].title}\nno answers"
    assert labels[1] == f"{result.sections[1].title}\n{result.sections[1].percent:.0f}%"
    assert all(label.endswith("100%") for label in labels[2:])
    (line,) = figure.axes[0].get_lines()
    # Six answered sections and the point that closes the polygon; none drawn at zero.
    assert len(line.get_ydata()) == 7
    assert 0 not in list(line.get_ydata())
    assert figure.axes[0].get_title() == "Self-check"


@pytest.mark.usefixtures("agg")
def test_the_public_radar_refuses_what_is_not_an_assessment() -> None:
    with pytest.raises(ps.InvalidInput, match="not an assessment result"):
        plot.radar({"sections": []})  # type: ignore[arg-type]  # a wrong type, on purpose


def test_without_matplotlib_the_radar_raises_missing_extra_naming_plot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report: AuditReport
) -> None:
    real = importlib.import_module

    def no_matplotlib(name: str, package: str | None = None) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_matplotlib)
    with pytest.raises(ps.MissingExtra, match=r"peersupport\[plot\]") as caught:
        plot.radar(report, tmp_path / "radar.png")
    assert caught.value.extra == "plot"
    assert caught.value.package == "matplotlib"
    assert not (tmp_path / "radar.png").exists()
