"""The drift timeline: each indicator over its windows against its thresholds, as a figure."""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, overload

from peersupport._errors import InvalidInput, MissingExtra
from peersupport.checks.drift import DriftLevel, DriftProfile, drift_profile
from peersupport.model.activity import ActivityLog
from peersupport.policy import Policy

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["drift_timeline"]

_COLUMNS: Final = 3
_LEVEL_COLOURS: Final = {
    DriftLevel.OK: "#2e7d32",
    DriftLevel.WATCH: "#ef6c00",
    DriftLevel.ACT: "#c62828",
}


def _figure_class() -> Any:
    try:
        figure = importlib.import_module("matplotlib.figure")
    except ImportError as exc:
        raise MissingExtra("matplotlib", "plot") from exc
    return figure.Figure


@overload
def drift_timeline(
    subject: DriftProfile | ActivityLog | Mapping[str, Any],
    path: None = None,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    indicators: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure: ...


@overload
def drift_timeline(
    subject: DriftProfile | ActivityLog | Mapping[str, Any],
    path: str | Path,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    indicators: Sequence[str] | None = None,
    title: str | None = None,
) -> Path: ...


@overload
def drift_timeline(
    subject: DriftProfile | ActivityLog | Mapping[str, Any],
    path: str | Path | None = None,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    indicators: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure | Path: ...


def drift_timeline(
    subject: DriftProfile | ActivityLog | Mapping[str, Any],
    path: str | Path | None = None,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    indicators: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure | Path:
    """Draw each drift indicator over its windows, with its watch and act lines.

    ``subject`` is a :class:`~peersupport.checks.drift.DriftProfile`, or an activity log
    (a model or a mapping) profiled under ``policy`` as of ``as_of``. ``indicators`` picks
    some by name or rule id (all by default). One panel per indicator: its value at the end
    of each window (gaps where there was nothing to measure), the ``watch`` line dashed
    orange, the ``act`` line dashed red, and the latest point coloured by its level.

    Without ``path``, returns the matplotlib ``Figure`` (a notebook shows it inline). With
    ``path``, writes the figure there as a PNG and returns the path written. The figure is
    built without pyplot, so no global state or display backend is touched. Needs the
    ``plot`` extra (matplotlib).
    """
    profile = (
        subject
        if isinstance(subject, DriftProfile)
        else drift_profile(subject, policy, as_of=as_of)
    )
    chosen = profile.indicators
    if indicators is not None:
        try:
            chosen = tuple(profile.indicator(key) for key in indicators)
        except KeyError as exc:
            raise InvalidInput.single(
                ("indicators",), "unknown_indicator", f"no indicator {exc.args[0]!r}"
            ) from None
        if not chosen:
            raise InvalidInput.single(("indicators",), "too_short", "names no indicator")
    rows = math.ceil(len(chosen) / _COLUMNS)
    columns = min(_COLUMNS, len(chosen))
    figure: Figure = _figure_class()(figsize=(4 * columns, 2.6 * rows), dpi=100)
    grid = figure.subplots(rows, columns, squeeze=False)
    ends = [end for _, end in profile.windows]
    labels = [end.isoformat() for end in ends]
    for n, axes in enumerate(ax for row in grid for ax in row):
        if n >= len(chosen):
            axes.set_visible(False)
            continue
        i = chosen[n]
        values = [math.nan if v is None else v for v in i.trend]
        axes.plot(range(len(values)), values, marker="o", color="#37474f", linewidth=1.5)
        axes.axhline(i.watch, linestyle="--", color="#ef6c00", linewidth=1, label="watch")
        axes.axhline(i.act, linestyle="--", color="#c62828", linewidth=1, label="act")
        if i.value is not None:
            axes.plot(
                [len(values) - 1],
                [i.value],
                marker="o",
                markersize=8,
                color=_LEVEL_COLOURS[i.level],
            )
        axes.set_title(f"{i.rule_id} {i.name} ({i.level.value})", fontsize=8)
        axes.set_ylabel(i.unit, fontsize=7)
        axes.set_xticks(range(len(labels)), labels, fontsize=6, rotation=20)
        axes.tick_params(axis="y", labelsize=6)
        top = max([i.act, *(v for v in values if not math.isnan(v))])
        axes.set_ylim(bottom=0, top=top * 1.15 if top > 0 else 1)
    figure.suptitle(
        title
        or f"Drift indicators of {profile.supporter} to {profile.as_of.isoformat()}: "
        f"{profile.level.value}",
        fontsize=10,
    )
    figure.tight_layout()
    if path is None:
        return figure
    out = Path(path)
    figure.savefig(out, format="png")
    return out
