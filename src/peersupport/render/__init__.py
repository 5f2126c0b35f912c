"""Renderers behind one small interface, ``render(report, format)``; the rule catalogue page."""

from peersupport.render._catalogue import rule_catalogue_markdown
from peersupport.render._report import FORMATS, render

__all__ = ["FORMATS", "render", "rule_catalogue_markdown"]
