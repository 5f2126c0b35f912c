"""JUnit XML, so a host pipeline can gate on a report or an audit.

A blocking rule failure (``not_met`` at required or critical severity) is a ``<failure>``;
everything else a pipeline should see but not fail on (findings to review, recommended
rules not met, instrument gaps and unanswered items) is ``<skipped>`` with a message saying
why. So the failure count matches the command's exit code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from peersupport.assessment import AssessmentResult, AuditReport
from peersupport.engine import Finding, Outcome, Report

__all__ = ["junit_audit", "junit_report"]


def _suite(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, "testsuite", {"name": name})


def _finding_case(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": f"peersupport.{f.subject or 'report'}", "name": f"{f.rule_id} {f.title}"},
    )
    props = ET.SubElement(case, "properties")
    for key, value in (
        ("outcome", f.outcome.value),
        ("severity", f.severity.value),
        ("citations", "; ".join(str(c) for c in f.citations)),
    ):
        ET.SubElement(props, "property", {"name": key, "value": value})
    if f.is_failure:
        failure = ET.SubElement(case, "failure", {"type": f.severity.value, "message": f.message})
        failure.text = f.remediation
    elif f.outcome is not Outcome.MET:
        ET.SubElement(
            case, "skipped", {"message": f"{f.outcome.value} ({f.severity.value}): {f.message}"}
        )


def _assessment_cases(suite: ET.Element, result: AssessmentResult) -> None:
    gaps = {g.item_id: g for g in result.gaps}
    for item in result.items:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": f"peersupport.{result.instrument_id}.{item.section_id}",
                "name": item.item_id,
            },
        )
        answers = ", ".join(f"{k}: {v}" for k, v in item.answers.items()) or "none"
        if item.item_id in gaps:
            gap = gaps[item.item_id]
            ET.SubElement(
                case,
                "skipped",
                {"message": f"gap ({answers}; weight {gap.weight}): {gap.recommendation}"},
            )
        elif item.missing is not None:
            ET.SubElement(case, "skipped", {"message": f"{item.missing} ({answers})"})


def _count(root: ET.Element) -> None:
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.iter("testsuite"):
        counts = {
            "tests": len(suite.findall("testcase")),
            "failures": len(suite.findall("testcase/failure")),
            "skipped": len(suite.findall("testcase/skipped")),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            total[key] += value
        suite.set("errors", "0")
    for key, value in total.items():
        root.set(key, str(value))
    root.set("errors", "0")


def _xml(root: ET.Element) -> str:
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _finding_suites(root: ET.Element, findings: Iterable[Finding], prefix: str) -> None:
    suites: dict[str, ET.Element] = {}
    for f in findings:
        key = f.subject or "report"
        if key not in suites:
            suites[key] = _suite(root, f"{prefix}{key}")
        _finding_case(suites[key], f)


def junit_report(report: Report) -> str:
    """A rule report as JUnit XML: one test suite per subject, one test case per finding."""
    root = ET.Element("testsuites", {"name": "peersupport"})
    _finding_suites(root, report.findings, "rules: ")
    return _xml(root)


def junit_audit(report: AuditReport) -> str:
    """An audit as JUnit XML: a suite per subject's rules and one per instrument."""
    root = ET.Element("testsuites", {"name": f"peersupport audit {report.program_id}"})
    _finding_suites(root, report.findings, "rules: ")
    for result in report.assessments:
        _assessment_cases(_suite(root, f"instrument: {result.instrument_id}"), result)
    return _xml(root)
