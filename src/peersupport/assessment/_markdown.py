"""Markdown and plain-text forms of assessment results and audit reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from peersupport.engine import Outcome

if TYPE_CHECKING:
    from peersupport.assessment._audit import AuditReport
    from peersupport.assessment._scoring import AssessmentResult

__all__ = ["assessment_markdown", "assessment_text", "audit_markdown", "audit_text"]

_AUDIENCE_TITLES = {
    "leadership": "Leadership",
    "managers": "Managers",
    "supervisors": "Supervisors",
    "peer_supporters": "Peer supporters",
}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _pct(value: float | None) -> str:
    return "no answers" if value is None else f"{value:.0f}%"


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(head)
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out.extend("| " + " | ".join(_md(c) for c in row) + " |" for row in rows)
    return out


def _assessment_body(result: AssessmentResult, level: str) -> list[str]:
    lines = [
        f"{level} {result.title}",
        "",
        (
            f"Instrument `{result.instrument_id}` version {result.instrument_version}, rated by "
            f"{', '.join(r.value for r in result.raters)} on {result.rated_on.isoformat()}: "
            f"**{_pct(result.overall.percent)}** of the weight answered "
            f"({result.overall.score:g} of {result.overall.max_score}; "
            f"{result.overall.answered} of {result.overall.total} items answered, "
            f"{result.overall.not_applicable} not applicable, {result.overall.dont_know} "
            f"don't know, {result.overall.unanswered} unanswered)."
        ),
        "",
    ]
    lines += _table(
        ["Section", "Score", "Answered"],
        ([s.title, _pct(s.percent), f"{s.answered}/{s.total}"] for s in result.sections),
    )
    if result.gaps:
        lines += ["", "Gaps, most pressing first:", ""]
        lines += _table(
            ["Item", "Answer", "Weight", "Audience", "Recommendation", "Source"],
            (
                [
                    g.item_id,
                    ", ".join(f"{k}: {v}" for k, v in g.answers.items()),
                    str(g.weight),
                    g.audience.value,
                    g.recommendation,
                    str(g.citation),
                ]
                for g in result.gaps
            ),
        )
    if result.rater_gaps:
        lines += ["", "Raters disagree on:", ""]
        lines += _table(
            ["Item", "Answers", "Spread"],
            (
                [g.item_id, ", ".join(f"{k}: {v}" for k, v in g.answers.items()), f"{g.spread:g}"]
                for g in result.rater_gaps
            ),
        )
    return lines


def assessment_markdown(result: AssessmentResult) -> str:
    """A Markdown report of one assessment."""
    lines = _assessment_body(result, "#")
    lines += ["", f"Input digest `{result.input_digest}`; result digest `{result.digest}`."]
    return "\n".join(lines) + "\n"


def assessment_text(result: AssessmentResult) -> str:
    """Plain text for a terminal."""
    o = result.overall
    lines = [
        f"{result.title} ({result.instrument_id} v{result.instrument_version})",
        f"rated by {', '.join(r.value for r in result.raters)} on {result.rated_on.isoformat()}",
        f"overall {_pct(o.percent)} ({o.answered}/{o.total} answered)",
        "",
    ]
    lines += [
        f"  {s.id:<28} {_pct(s.percent):>10}  {s.answered}/{s.total}" for s in result.sections
    ]
    if result.gaps:
        lines += ["", "gaps:"]
        lines += [
            f"  {g.item_id} ({', '.join(g.answers.values())}, weight {g.weight}) {g.recommendation}"
            for g in result.gaps
        ]
    if result.rater_gaps:
        lines += ["", "raters disagree:"]
        lines += [
            f"  {g.item_id} " + ", ".join(f"{k}: {v}" for k, v in g.answers.items())
            for g in result.rater_gaps
        ]
    return "\n".join(lines) + "\n"


def audit_markdown(report: AuditReport) -> str:
    """The audit as a Markdown report to file."""
    verdict = "passed" if report.passed else "FAILED"
    c = report.counts
    lines = [
        f"# Programme audit of {report.program_id}: {verdict}",
        "",
        f"- As of: {report.as_of.isoformat()}",
        f"- Rule sets: `{report.ruleset_version}`",
        f"- Policy digest: `{report.policy_digest}`",
        f"- Input digest: `{report.input_digest}`",
        "",
        "## Executive summary",
        "",
        (
            f"{c['failures']} blocking rule failure(s); {c['gaps']} gap(s) in the instruments; "
            f"{c['prefilled_items']} item(s) answered from the programme data, "
            f"{c['disagreements']} disagreement(s) with it; {c['unanswered_items']} item(s) "
            "still unanswered."
        ),
    ]
    for audience, actions in report.summary.items():
        lines += ["", f"### {_AUDIENCE_TITLES[audience.value]}", ""]
        if not actions:
            lines.append("Nothing to act on.")
            continue
        lines += _table(
            ["Id", "What", "Status", "What to do", "Source"],
            (
                [
                    a.id
                    + (f" ({', '.join(a.subjects)})" if a.subjects and a.kind == "rule" else ""),
                    a.title,
                    a.status,
                    a.recommendation,
                    "; ".join(str(x) for x in a.citations),
                ]
                for a in actions
            ),
        )
    lines += ["", "## Instruments", ""]
    lines += _table(
        ["Instrument", "Score", "Answered", "Gaps"],
        (
            [
                a.title,
                _pct(a.overall.percent),
                f"{a.overall.answered}/{a.overall.total}",
                str(len(a.gaps)),
            ]
            for a in report.assessments
        ),
    )
    for result in report.assessments:
        lines += ["", *_assessment_body(result, "###")]
    lines += ["", "## Answered from the programme data", ""]
    lines += _table(
        ["Item", "Answer", "Why"], ([p.item_id, p.answer, p.basis] for p in report.prefills)
    )
    lines += ["", "## Disagreements with the programme data", ""]
    if report.disagreements:
        lines += _table(
            ["Item", "Rater", "Answered", "Data say", "Why"],
            ([d.item_id, d.rater, d.answered, d.prefilled, d.basis] for d in report.disagreements),
        )
    else:
        lines.append("None.")
    lines += ["", "## Confidentiality grounds", ""]
    lines += _table(
        ["Ground", "Rule", "Kept"],
        (
            [str(g.get("title")), str(g.get("rule")), "yes" if g.get("enabled") else "no"]
            for g in report.grounds
        ),
    )
    lines += ["", "## Rule findings not met or to review", ""]
    shown = [
        f
        for f in report.findings
        if f.outcome in {Outcome.NOT_MET, Outcome.NEEDS_REVIEW, Outcome.WAIVED}
    ]
    lines += _table(
        ["Subject", "Rule", "Outcome", "Severity", "Message", "Source"],
        (
            [
                f.subject or "",
                f"{f.rule_id} {f.title}",
                f.outcome.value,
                f.severity.value,
                f.message,
                "; ".join(str(x) for x in f.citations),
            ]
            for f in shown
        ),
    )
    return "\n".join(lines) + "\n"


def audit_text(report: AuditReport) -> str:
    """The audit as plain text for a terminal."""
    verdict = "PASSED" if report.passed else "FAILED"
    c = report.counts
    lines = [
        f"peersupport audit of {report.program_id}: {verdict} as of {report.as_of.isoformat()}",
        (
            f"{c['failures']} blocking rule failure(s), {c['gaps']} instrument gap(s), "
            f"{c['prefilled_items']} prefilled, {c['disagreements']} disagreement(s), "
            f"{c['unanswered_items']} unanswered"
        ),
        f"input  {report.input_digest}",
    ]
    for audience, actions in report.summary.items():
        lines += ["", f"{_AUDIENCE_TITLES[audience.value]}:"]
        lines += [f"  {a.id} [{a.status}] {a.recommendation}" for a in actions] or ["  nothing"]
    lines += ["", "instruments:"]
    lines += [
        f"  {a.instrument_id:<24} {_pct(a.overall.percent):>10}  "
        f"{a.overall.answered}/{a.overall.total} answered, {len(a.gaps)} gap(s)"
        for a in report.assessments
    ]
    if report.disagreements:
        lines += ["", "disagreements with the programme data:"]
        lines += [
            f"  {d.item_id} {d.rater} answered {d.answered}; data say {d.prefilled} ({d.basis})"
            for d in report.disagreements
        ]
    return "\n".join(lines) + "\n"
