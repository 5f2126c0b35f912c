"""The HTML, Markdown and JUnit renderings of audits, assessments and reports."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from peersupport import check_program
from peersupport.assessment import AuditReport, assess, audit, instrument
from peersupport.io import load_data, load_document
from peersupport.render import render, render_assessment, render_audit
from peersupport.render._svg import radar_svg

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    document = load_document(ROOT / "examples" / "programme.yaml")
    responses = load_data(ROOT / "examples" / "audit_responses.yaml")[0]
    return audit(document, responses, document.policy, as_of=AS_OF, waivers=document.waivers)


@pytest.fixture(scope="module")
def page(report: AuditReport) -> str:
    pytest.importorskip("jinja2", reason="the html extra (Jinja2) is not installed")
    return render_audit(report, "html")


def test_the_html_page_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "<script" not in page


def test_the_html_page_has_the_summary_radar_and_section_bars(page: str) -> None:
    assert 'id="summary"' in page
    assert "Executive summary" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="radar"') == 1
    for section in ("Timing", "Power", "Compensation", "Numbers", "Wellness", "Investment"):
        assert section in page


def test_every_instrument_section_has_a_bar(page: str, report: AuditReport) -> None:
    bars = page.count('class="bar" role="listitem"')
    assert bars == sum(len(a.sections) for a in report.assessments)


def test_the_html_page_is_printable(page: str) -> None:
    assert "@media print" in page
    assert "print-color-adjust: exact" in page


def test_the_html_escapes_what_it_shows() -> None:
    pytest.importorskip("jinja2")
    result = audit({"id": "prog"}, {"answers": {"WT-035": "no"}}, as_of=AS_OF)
    page = render_audit(result, "html")
    assert "(no remarks such as &#34;you don&#39;t look like a peer&#34;)" in page


def test_a_missing_component_is_marked_not_drawn_as_zero() -> None:
    svg = radar_svg([("A", 50.0), ("B", None), ("C", 100.0), ("D", 25.0)], title="t")
    assert "no answers" in svg
    assert svg.count('class="missing"') == 1
    assert svg.count('class="point"') == 3


def test_an_assessment_renders_in_every_format() -> None:
    seven = instrument("who-seven-components")
    result = assess(seven, {"answers": {i.id: "partly" for i in seven.items}}, as_of=AS_OF)
    assert "50%" in render_assessment(result, "text")
    assert "| Timing | 50% | 2/2 |" in render_assessment(result, "markdown")
    assert '"instrument_id":"who-seven-components"' in render_assessment(result, "json")
    pytest.importorskip("jinja2")
    assert 'class="radar"' in render_assessment(result, "html")


def test_the_markdown_report_has_the_summary_by_audience(report: AuditReport) -> None:
    text = render_audit(report, "markdown")
    for heading in ("### Leadership", "### Managers", "### Supervisors", "### Peer supporters"):
        assert heading in text
    assert "## Disagreements with the programme data" in text
    assert "| Evidence of a serious mental illness | CONF-005 | yes |" in text


def test_junit_failures_are_the_blocking_rule_failures(report: AuditReport) -> None:
    root = ET.fromstring(render_audit(report, "junit"))  # noqa: S314 - our own output
    assert root.get("failures") == str(len(report.programme.failures))
    suites = [s.get("name") for s in root.iter("testsuite")]
    assert "instrument: who-seven-components" in suites
    gap = next(c for c in root.iter("testcase") if c.get("name") == "SEVEN-008")
    skipped = gap.find("skipped")
    assert skipped is not None
    assert "gap" in (skipped.get("message") or "")


def test_a_plain_report_renders_as_html_and_junit() -> None:
    document = load_document(ROOT / "examples" / "programme.yaml")
    checked = check_program(document, document.policy, as_of=AS_OF, waivers=document.waivers)
    root = ET.fromstring(render(checked, "junit"))  # noqa: S314 - our own output
    assert root.get("failures") == str(len(checked.failures))
    pytest.importorskip("jinja2")
    assert "STRUCT-013" in render(checked, "html")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium); "
    "the HTML report is checked without a browser by the other tests",
)
def test_chromium_renders_the_summary_and_the_chart(page: str, tmp_path: Path) -> None:
    chromium = _chromium()
    assert chromium is not None
    html_file = tmp_path / "audit.html"
    html_file.write_text(page, encoding="utf-8")
    done = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "Executive summary" in dom
    assert "blocking rule failures" in dom
    assert re.search(r"<svg[^>]*class=\"radar\"", dom)
    assert '<polygon class="score"' in dom
    # The page also prints to PDF without error.
    pdf = tmp_path / "audit.pdf"
    printed = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile-pdf'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("absent", ["jinja2", "markupsafe"])
def test_html_without_the_extra_says_which_extra_to_install(
    report: AuditReport, monkeypatch: pytest.MonkeyPatch, absent: str
) -> None:
    import sys  # noqa: PLC0415

    from peersupport import MissingExtra  # noqa: PLC0415
    from peersupport.render import _html  # noqa: PLC0415

    _html._env.cache_clear()
    # A None entry in sys.modules makes any import of that name fail, as if not installed.
    monkeypatch.setitem(sys.modules, absent, None)
    try:
        with pytest.raises(MissingExtra, match=r"peersupport\[html\]"):
            render_audit(report, "html")
    finally:
        _html._env.cache_clear()
