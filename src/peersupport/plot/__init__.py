"""Plots for notebooks and reports (extra ``plot``); matplotlib is imported only when drawing."""

from peersupport.plot._drift import drift_timeline
from peersupport.plot._radar import radar
from peersupport.plot._roster import roster_coverage

__all__ = ["drift_timeline", "radar", "roster_coverage"]
