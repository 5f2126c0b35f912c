from __future__ import annotations

import re
from pathlib import Path

import peersupport as ps
from peersupport.checks import RULESETS

LEDGER = Path(__file__).parent / "data" / "rule_ids.tsv"


def _ledger() -> dict[str, str]:
    rows = (line.split("\t", 1) for line in LEDGER.read_text().splitlines() if line.strip())
    return dict(rows)


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in ps.rules()]
    assert len(ids) == len(set(ids))


def test_rule_ids_are_stable_every_issued_id_still_exists() -> None:
    # The ledger lists every id ever issued. An id may never disappear or be reused for
    # another rule; retiring a rule means keeping its id reserved here.
    current = {r.id: r.title for r in ps.rules()}
    missing = set(_ledger()) - set(current)
    assert not missing, f"rule ids removed or renamed: {sorted(missing)}"


def test_every_rule_is_in_the_ledger() -> None:
    new = {r.id for r in ps.rules()} - set(_ledger())
    assert not new, f"add new rule ids to {LEDGER.name}: {sorted(new)}"


def test_rule_ids_follow_the_concept_prefix() -> None:
    prefixes = {
        "eligibility": "ELIG",
        "training": "TRAIN",
        "structure": "STRUCT",
        "roster": "ROSTER",
        "supervision": "SUP",
        "hiring": "HIRE",
        "work": "WORK",
        "confidentiality": "CONF",
        "roles": "ROLE",
        "language": "LANG",
        "boundaries": "BND",
        "drift": "DRIFT",
    }
    for ruleset in RULESETS:
        for rule in ruleset:
            assert re.fullmatch(rf"{prefixes[ruleset.concept]}-\d{{3}}", rule.id)


def test_every_rule_is_cited_and_explained() -> None:
    for rule in ps.rules():
        assert rule.citations, rule.id
        for citation in rule.citations:
            assert citation.source in ps.SOURCES, rule.id
            assert citation.section, rule.id
        assert rule.rationale, rule.id
        assert rule.remediation, rule.id
        assert rule.title, rule.id


def test_rules_filter_by_concept_and_severity() -> None:
    assert {r.concept for r in ps.rules("training")} == {"training"}
    critical = ps.rules(severity="critical")
    assert "ELIG-007" in [r.id for r in critical]
    assert all(r.severity is ps.Severity.CRITICAL for r in critical)
    assert len(critical) < len(ps.rules())
    assert ps.rules("eligibility", ps.Severity.RECOMMENDED) == tuple(
        r for r in ps.rules("eligibility") if r.severity is ps.Severity.RECOMMENDED
    )
    assert ps.rule("ELIG-001").title.startswith("Has lived experience")


def test_describe_gives_the_catalogue_entry() -> None:
    entry = ps.rule("TRAIN-002").describe()
    assert entry["id"] == "TRAIN-002"
    assert entry["concept"] == "training"
    assert entry["severity"] == "required"
    assert entry["citations"] == [{"source": "workplace-ptsd-program", "section": "Training"}]
    assert entry["rationale"]
    assert entry["remediation"]
