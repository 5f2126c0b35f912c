"""Renderers behind one small interface, ``render(report, format)``; the rule catalogue page.

Audits and assessments have their own: ``render_audit(report, format)`` and
``render_assessment(result, format)`` (text, markdown, html, json; audits also junit).
"""

from peersupport.render._audit import (
    ASSESSMENT_FORMATS,
    AUDIT_FORMATS,
    render_assessment,
    render_audit,
)
from peersupport.render._catalogue import rule_catalogue_markdown
from peersupport.render._report import FORMATS, render

__all__ = [
    "ASSESSMENT_FORMATS",
    "AUDIT_FORMATS",
    "FORMATS",
    "render",
    "render_assessment",
    "render_audit",
    "rule_catalogue_markdown",
]
