"""The radar chart of an assessment's section scores, drawn with matplotlib when asked."""

from __future__ import annotations

import importlib
import math
from pathlib import Path
from typing import Any

from peersupport._errors import InvalidInput, MissingExtra
from peersupport.assessment import AssessmentResult, AuditReport

__all__ = ["radar"]

_SEVEN = "who-seven-components"


def _figure_class() -> Any:
    try:
        figure = importlib.import_module("matplotlib.figure")
    except ImportError as exc:
        raise MissingExtra("matplotlib", "plot") from exc
    return figure.Figure


def radar(
    result: AssessmentResult | AuditReport,
    path: str | Path | None = None,
    *,
    title: str | None = None,
) -> Any:
    """Draw a radar of the section scores and return the matplotlib ``Figure``.

    ``result`` is an assessment, or an audit (whose seven-components assessment is drawn).
    A section with no answers is marked on its axis label and left out of the polygon, never
    drawn as zero. With ``path``, the figure is also written there as a PNG. The figure is
    built without pyplot, so no global state or display backend is touched; a notebook shows
    the returned figure. Needs the ``plot`` extra (matplotlib).
    """
    if isinstance(result, AuditReport):
        try:
            result = result.assessment(_SEVEN)
        except KeyError:
            raise InvalidInput.single(
                ("result",), "missing", "the audit has no seven-components assessment"
            ) from None
    if not isinstance(result, AssessmentResult):
        raise InvalidInput.single(("result",), "model_type", "not an assessment result or an audit")
    figure = _figure_class()(figsize=(6.4, 6.4), dpi=100)
    axes = figure.add_subplot(projection="polar")
    sections = result.sections
    n = len(sections)
    angles = [2 * math.pi * i / n for i in range(n)]
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.set_ylim(0, 100)
    axes.set_yticks([25, 50, 75, 100], ["25%", "50%", "75%", "100%"], fontsize=7)
    labels = [
        f"{s.title}\n{'no answers' if s.percent is None else f'{s.percent:.0f}%'}" for s in sections
    ]
    axes.set_xticks(angles, labels, fontsize=8)
    points = [
        (a, s.percent) for a, s in zip(angles, sections, strict=True) if s.percent is not None
    ]
    if points:
        xs = [a for a, _ in points] + [points[0][0]]
        ys = [v for _, v in points] + [points[0][1]]
        axes.plot(xs, ys, color="#1f5f8b", linewidth=2)
        axes.fill(xs, ys, color="#2a7ab0", alpha=0.3)
    axes.set_title(
        title or f"{result.title} ({', '.join(r.value for r in result.raters)})",
        fontsize=10,
        pad=18,
    )
    figure.tight_layout()
    if path is not None:
        figure.savefig(Path(path), format="png")
    return figure
