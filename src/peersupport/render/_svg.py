"""Inline SVG charts for the HTML reports: a radar of section scores, drawn without a library."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["radar_svg"]

_CENTRED = 5  # a label this close to the vertical axis is centred on it


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def radar_svg(axes: Sequence[tuple[str, float | None]], *, title: str, size: int = 420) -> str:
    """A radar chart: one axis per (label, percent); a missing percent is marked, not drawn as 0.

    The polygon joins the answered axes only; an axis with no answers shows a hollow marker at
    the centre and "no answers" in its label.
    """
    n = len(axes)
    # Wider than high: the axis labels left and right need room.
    width = size + 240
    cx, cy = width / 2, size / 2
    radius = size / 2 - 60
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" role="img" '
            f'viewBox="0 0 {width} {size}" width="{width}" height="{size}" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        )
    ]
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    for ring in (25, 50, 75, 100):
        pts = " ".join(
            f"{x},{y}" for x, y in (_point(cx, cy, radius * ring / 100, a) for a in angles)
        )
        parts.append(f'<polygon class="grid" points="{pts}" fill="none" stroke="#c8c8c8"/>')
        x, y = _point(cx, cy, radius * ring / 100, -math.pi / 2)
        parts.append(f'<text class="tick" x="{x + 3}" y="{y + 10}" font-size="9">{ring}%</text>')
    for (label, value), angle in zip(axes, angles, strict=True):
        x, y = _point(cx, cy, radius, angle)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="#c8c8c8"/>')
        lx, ly = _point(cx, cy, radius + 18, angle)
        anchor = "middle" if abs(lx - cx) < _CENTRED else ("start" if lx > cx else "end")
        shown = "no answers" if value is None else f"{value:.0f}%"
        parts.append(
            f'<text class="axis" x="{lx}" y="{ly}" text-anchor="{anchor}" font-size="12">'
            f'{escape(label)} <tspan font-weight="bold">{shown}</tspan></text>'
        )
    answered = [
        _point(cx, cy, radius * value / 100, angle)
        for (_, value), angle in zip(axes, angles, strict=True)
        if value is not None
    ]
    if len(answered) >= 3:  # noqa: PLR2004 - a polygon needs three points
        pts = " ".join(f"{x},{y}" for x, y in answered)
        parts.append(
            f'<polygon class="score" points="{pts}" fill="#2a7ab0" fill-opacity="0.35" '
            'stroke="#1f5f8b" stroke-width="2"/>'
        )
    for (_, value), angle in zip(axes, angles, strict=True):
        if value is None:
            parts.append(
                f'<circle class="missing" cx="{cx}" cy="{cy}" r="4" fill="none" stroke="#b00"/>'
            )
        else:
            x, y = _point(cx, cy, radius * value / 100, angle)
            parts.append(f'<circle class="point" cx="{x}" cy="{y}" r="3.5" fill="#1f5f8b"/>')
    parts.append("</svg>")
    return "".join(parts)
