"""Self-contained, printable HTML reports rendered with Jinja2 (extra ``html``).

Everything the page needs (styles, the SVG radar chart, the section bars) is inline, so the
file can be mailed, archived or printed as it is.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from peersupport._errors import MissingExtra
from peersupport.assessment import AssessmentResult, AuditReport
from peersupport.engine import Outcome, Report
from peersupport.render._svg import radar_svg

__all__ = ["html_assessment", "html_audit", "html_report"]

_SEVEN = "who-seven-components"
_AUDIENCE_TITLES = {
    "leadership": "Leadership",
    "managers": "Managers",
    "supervisors": "Supervisors",
    "peer_supporters": "Peer supporters",
}


@cache
def _env() -> Any:
    try:
        jinja2 = importlib.import_module("jinja2")
    except ImportError as exc:
        raise MissingExtra("jinja2", "html") from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("peersupport.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _markup(text: str) -> Any:
    try:
        markupsafe = importlib.import_module("markupsafe")  # comes with jinja2
    except ImportError as exc:
        raise MissingExtra("jinja2", "html") from exc
    return markupsafe.Markup(text)


def _assessment_view(result: AssessmentResult) -> dict[str, Any]:
    return {
        "id": result.instrument_id,
        "title": result.title,
        "version": result.instrument_version,
        "raters": ", ".join(r.value for r in result.raters),
        "rated_on": result.rated_on.isoformat(),
        "overall": result.overall,
        "sections": result.sections,
        "gaps": result.gaps,
        "rater_gaps": result.rater_gaps,
        "prefilled": sorted({i for r in result.ratings for i in r.prefilled}),
        "radar": _markup(_radar(result)) if result.instrument_id == _SEVEN else None,
        "input_digest": result.input_digest,
    }


def _radar(result: AssessmentResult) -> str:
    return radar_svg(
        [(s.title, s.percent) for s in result.sections],
        title=f"{result.title}: score by component",
    )


def html_assessment(result: AssessmentResult) -> str:
    """One assessment as a self-contained HTML page."""
    return str(
        _env()
        .get_template("assessment.html.j2")
        .render(a=_assessment_view(result), digest=result.digest)
    )


def html_audit(report: AuditReport) -> str:
    """The audit as a self-contained, printable HTML page with the radar chart."""
    by_subject: dict[str, list[Any]] = {}
    for f in report.findings:
        if f.outcome in {Outcome.NOT_MET, Outcome.NEEDS_REVIEW, Outcome.WAIVED}:
            by_subject.setdefault(f.subject or "-", []).append(f)
    assessments = [_assessment_view(a) for a in report.assessments]
    return str(
        _env()
        .get_template("audit.html.j2")
        .render(
            r=report,
            counts=report.counts,
            summary=[(_AUDIENCE_TITLES[k.value], v) for k, v in report.summary.items()],
            assessments=assessments,
            radar=next((a["radar"] for a in assessments if a["radar"] is not None), None),
            findings=by_subject,
            grounds=report.grounds,
            digest=report.digest,
        )
    )


def html_report(report: Report) -> str:
    """A rule report as a self-contained HTML page."""
    return str(_env().get_template("report.html.j2").render(r=report, groups=report.by_subject()))
