"""The rule catalogue as a Markdown page, generated from the registry."""

from __future__ import annotations

from peersupport.checks import RULESETS

__all__ = ["rule_catalogue_markdown"]


def rule_catalogue_markdown() -> str:
    """Every rule, grouped by concept, with severity, citations, rationale and remediation."""
    lines = [
        "# Rule catalogue",
        "",
        (
            "<!-- Generated from peersupport.rules() by `peersupport rules --format markdown`. "
            "Do not edit by hand; tests/test_docs.py keeps it in sync. -->"
        ),
        "",
        (
            "Every rule has a stable id that is never reused, a severity, and at least one "
            "citation "
            "into the [sources](concepts/citations.md)."
        ),
    ]
    for ruleset in RULESETS:
        lines += ["", f"## {ruleset.concept.capitalize()} (`{ruleset.label}`)", ""]
        for rule in ruleset:
            cites = "; ".join(str(c) for c in rule.citations)
            lines += [
                f"### {rule.id}: {rule.title}",
                "",
                f"- **Severity:** {rule.severity.value}",
                f"- **Sources:** {cites}",
                f"- **Why:** {rule.rationale}",
                f"- **What to do:** {rule.remediation}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
