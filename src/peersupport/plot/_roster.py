"""The on-call coverage heatmap: weekday by hour, drawn with matplotlib when asked."""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from peersupport._errors import InvalidInput, MissingExtra
from peersupport.checks._common import coerce_model, make_context
from peersupport.checks.roster import Coverage, RosterView, analyse_coverage
from peersupport.model.program import Program
from peersupport.model.roster import Roster
from peersupport.policy import Policy

__all__ = ["roster_coverage"]

_DAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError as exc:
        raise MissingExtra("matplotlib", "plot") from exc
    # A file backend: plots are written to disk, never shown, so no display is needed.
    matplotlib.use("Agg", force=False)
    return importlib.import_module("matplotlib.pyplot")


def _coverage(
    subject: Program | Roster | Coverage | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None,
    as_of: date | None,
    start: datetime | None,
    end: datetime | None,
) -> Coverage:
    if isinstance(subject, Coverage):
        return subject
    if isinstance(subject, Roster) or (isinstance(subject, Mapping) and "shifts" in subject):
        roster = coerce_model(Roster, subject, "roster")
        if start is not None or roster.horizon is not None:
            tiers = make_context(policy, as_of).policy.on_call_tiers
            return analyse_coverage(roster, start=start, end=end, tiers=tiers)
        subject = Program(roster=roster)
    program = coerce_model(Program, subject, "program")
    if program.roster is None:
        raise InvalidInput.single(("roster",), "missing", "the programme has no roster")
    if start is not None:
        tiers = make_context(policy, as_of).policy.on_call_tiers
        return analyse_coverage(program.roster, start=start, end=end, tiers=tiers)
    return RosterView(program, make_context(policy, as_of)).coverage


def roster_coverage(
    subject: Program | Roster | Coverage | Mapping[str, Any],
    path: str | Path,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    title: str | None = None,
) -> Path:
    """Draw a weekday × hour heatmap of on-call coverage to a PNG file and return its path.

    Each cell is the share of that local hour of that weekday, over the horizon, in which a
    primary and a different backup were on call (1 is always covered). ``subject`` is a
    programme, a roster or an already computed :class:`~peersupport.checks.roster.Coverage`;
    the horizon is ``start`` to ``end``, else the roster's own, else the policy's default
    from ``as_of``. Needs the ``plot`` extra (matplotlib).
    """
    coverage = _coverage(subject, policy, as_of, start, end)
    plt = _pyplot()
    grid = coverage.by_weekday_hour()
    figure, axes = plt.subplots(figsize=(10, 3.6), dpi=100)
    try:
        image = axes.imshow(
            [[0.0 if math.isnan(v) else v for v in row] for row in grid],
            aspect="auto",
            cmap="RdYlGn",
            vmin=0.0,
            vmax=1.0,
            interpolation="nearest",
        )
        axes.set_yticks(range(7), _DAYS)
        axes.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
        axes.set_xlabel(f"hour ({coverage.timezone})")
        for day, row in enumerate(grid):
            for hour, value in enumerate(row):
                if not math.isnan(value) and value < 1.0:
                    axes.text(hour, day, f"{value:.0%}", ha="center", va="center", fontsize=6)
        axes.set_title(
            title
            or f"On-call coverage {coverage.start.date().isoformat()} to "
            f"{coverage.end.date().isoformat()}: {len(coverage.gaps)} gap(s)"
        )
        figure.colorbar(image, ax=axes, label="share covered")
        figure.tight_layout()
        out = Path(path)
        figure.savefig(out, format="png")
    finally:
        plt.close(figure)
    return out
