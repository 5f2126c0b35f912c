"""Report renderers: text for terminals, Markdown and HTML to file, JSON and JUnit for machines."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from peersupport.engine import Outcome, Report

__all__ = ["FORMATS", "render"]

_MARK: Final = {
    Outcome.MET: "ok  ",
    Outcome.NOT_MET: "FAIL",
    Outcome.NEEDS_REVIEW: "????",
    Outcome.NOT_APPLICABLE: "n/a ",
    Outcome.WAIVED: "wvd ",
}


def render_text(report: Report) -> str:
    """Plain text, grouped by subject; only identifiers, outcomes and messages."""
    verdict = "PASSED" if report.passed else "FAILED"
    counts = ", ".join(f"{k} {v}" for k, v in report.summary["by_outcome"].items() if v)
    lines = [
        f"peersupport: {verdict} as of {report.as_of.isoformat()} ({counts})",
        f"rule sets: {report.ruleset_version}",
        f"policy {report.policy_digest}",
        f"input  {report.input_digest}",
    ]
    for subject, findings in report.by_subject().items():
        lines += ["", f"[{subject or '-'}]"]
        lines.extend(
            f"  {_MARK[f.outcome]} {f.rule_id} ({f.severity.value}) {f.message}" for f in findings
        )
    needs = getattr(report, "training_needs", None)
    if needs:
        lines += ["", "training needs:"]
        items = needs.items() if isinstance(needs, Mapping) else [(None, needs)]
        for subject, subject_needs in items:
            for need in subject_needs:
                who = f"{subject}: " if subject else ""
                lines.append(
                    f"  {who}{need.competency} at {need.level} (< {need.threshold}) "
                    f"-> {', '.join(need.modules)}"
                )
    return "\n".join(lines) + "\n"


def render_markdown(report: Report) -> str:
    """Markdown, as :meth:`Report.to_markdown`."""
    return report.to_markdown()


def render_json(report: Report) -> str:
    """Canonical JSON, as :meth:`Report.to_json`."""
    return report.to_json() + "\n"


def render_html(report: Report) -> str:
    """A self-contained HTML page (needs the ``html`` extra, Jinja2)."""
    from peersupport.render._html import html_report  # noqa: PLC0415 - optional extra

    return html_report(report)


def render_junit(report: Report) -> str:
    """JUnit XML; blocking failures are failures, the rest not met are skipped."""
    from peersupport.render._junit import junit_report  # noqa: PLC0415 - keeps imports light

    return junit_report(report)


FORMATS: Final[Mapping[str, Callable[[Report], str]]] = MappingProxyType(
    {
        "text": render_text,
        "markdown": render_markdown,
        "json": render_json,
        "html": render_html,
        "junit": render_junit,
    }
)


def render(report: Report, fmt: str = "text") -> str:
    """Render a report in one of :data:`FORMATS`."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {sorted(FORMATS)}") from None
    return renderer(report)
