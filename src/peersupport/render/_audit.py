"""Renderers for audit reports and assessment results, behind one ``render_audit`` call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from peersupport.assessment import AssessmentResult, AuditReport
from peersupport.assessment._markdown import (
    assessment_markdown,
    assessment_text,
    audit_markdown,
    audit_text,
)
from peersupport.render._html import html_assessment, html_audit
from peersupport.render._junit import junit_audit

__all__ = ["ASSESSMENT_FORMATS", "AUDIT_FORMATS", "render_assessment", "render_audit"]

AUDIT_FORMATS: Final[Mapping[str, Callable[[AuditReport], str]]] = MappingProxyType(
    {
        "text": audit_text,
        "markdown": audit_markdown,
        "html": html_audit,
        "json": lambda r: r.to_json() + "\n",
        "junit": junit_audit,
    }
)
ASSESSMENT_FORMATS: Final[Mapping[str, Callable[[AssessmentResult], str]]] = MappingProxyType(
    {
        "text": assessment_text,
        "markdown": assessment_markdown,
        "html": html_assessment,
        "json": lambda r: r.to_json() + "\n",
    }
)


def render_audit(report: AuditReport, fmt: str = "text") -> str:
    """Render an audit in one of :data:`AUDIT_FORMATS`."""
    try:
        renderer = AUDIT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {sorted(AUDIT_FORMATS)}") from None
    return renderer(report)


def render_assessment(result: AssessmentResult, fmt: str = "text") -> str:
    """Render an assessment in one of :data:`ASSESSMENT_FORMATS`."""
    try:
        renderer = ASSESSMENT_FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown format {fmt!r}; choose from {sorted(ASSESSMENT_FORMATS)}"
        ) from None
    return renderer(result)
