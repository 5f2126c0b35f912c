from __future__ import annotations

import builtins
import json
import pickle
from datetime import date
from typing import Any

import pytest

import peersupport as ps
from peersupport import Outcome, Severity
from peersupport.engine import Citation, Evaluation, Rule, RuleSet

from factories import AS_OF, supporter

CITE = (Citation("workplace-ptsd-program", "Training"),)


def _rule(rule_id: str = "TEST-001", **kw: Any) -> Rule[int, None]:
    fields: dict[str, Any] = {
        "id": rule_id,
        "title": "A test rule",
        "severity": Severity.REQUIRED,
        "citations": CITE,
        "rationale": "Because.",
        "remediation": "Fix it.",
        "check": lambda n, _c: Evaluation(Outcome.MET if n > 0 else Outcome.NOT_MET, "k", {"n": n}),
        "messages": {"k": "n is {n}"},
    }
    fields.update(kw)
    return Rule(**fields)


def test_rule_ids_must_look_stable() -> None:
    with pytest.raises(ValueError, match="ABC-001"):
        _rule("elig-1")


def test_a_rule_needs_a_citation() -> None:
    with pytest.raises(ValueError, match="citations"):
        _rule(citations=())


def test_a_rule_set_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        RuleSet.of("x", "1", [_rule(), _rule()])


def test_a_rule_set_stamps_its_concept() -> None:
    rs = RuleSet.of("thing", "3", [_rule()])
    assert rs.label == "thing/3"
    assert rs.rules[0].concept == "thing"
    assert rs.get("TEST-001") is rs.rules[0]
    assert rs.get("TEST-002") is None


def test_a_rule_must_declare_its_message_keys() -> None:
    rule = _rule(check=lambda _n, _c: Evaluation(Outcome.MET, "other", {}))
    with pytest.raises(KeyError, match="other"):
        rule.evaluate(1, None, "s")


def test_messages_are_filled_from_evidence_by_key() -> None:
    finding = _rule().evaluate(5, None, "s-1")
    assert finding.message_key == "k"
    assert finding.message == "n is 5"
    assert finding.evidence == {"n": 5}
    assert finding.rule_id == "TEST-001"
    assert finding.citations == CITE


def test_finding_evidence_is_read_only() -> None:
    finding = _rule().evaluate(5, None, "s-1")
    with pytest.raises(TypeError):
        finding.evidence["n"] = 6  # type: ignore[index]  # proving the mapping is read-only


def test_a_rule_set_checks_message_keys_too() -> None:
    rs = RuleSet.of("x", "1", [_rule(check=lambda _n, _c: Evaluation(Outcome.MET, "other", {}))])
    with pytest.raises(KeyError, match="TEST-001"):
        rs.evaluate(1, None, "s")


def test_findings_are_equal_only_for_the_same_rule_and_result() -> None:
    one, two = _rule("TEST-001"), _rule("TEST-002")
    assert one.evaluate(5, None, "s") == one.evaluate(5, None, "s")
    assert hash(one.evaluate(5, None, "s")) == hash(one.evaluate(5, None, "s"))
    assert one.evaluate(5, None, "s") != two.evaluate(5, None, "s")
    assert one.evaluate(5, None, "s") != one.evaluate(-5, None, "s")


def test_a_finding_takes_severity_and_template_from_its_rule() -> None:
    finding = _rule(severity=Severity.CRITICAL).evaluate(5, None, "s")
    assert finding.severity is Severity.CRITICAL
    assert finding.template == "n is {n}"
    with pytest.raises(AttributeError):
        finding.outcome = Outcome.NOT_MET  # type: ignore[misc]  # proving findings are frozen


def test_report_json_is_canonical_and_sorted() -> None:
    report = ps.check_eligibility(supporter(), as_of=AS_OF)
    text = report.to_json()
    assert text == report.to_json()
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) == text
    assert data["ruleset_version"] == "eligibility/1"
    assert data["policy_digest"].startswith("sha256:")
    assert data["input_digest"].startswith("sha256:")
    assert data["as_of"] == "2026-11-23"


def test_input_digest_changes_with_input_and_policy_digest_with_policy() -> None:
    a = ps.check_eligibility(supporter(), as_of=AS_OF)
    b = ps.check_eligibility(supporter(id="ps-002"), as_of=AS_OF)
    c = ps.check_eligibility(supporter(), ps.Policy(team_size_max=9), as_of=AS_OF)
    assert a.input_digest != b.input_digest
    assert a.policy_digest == b.policy_digest != c.policy_digest
    assert a.digest != b.digest


def test_summary_counts_every_outcome_and_severity() -> None:
    report = ps.check_eligibility(supporter(selection="hired", trainings=[]), as_of=AS_OF)
    summary = report.summary
    assert summary["total"] == len(report.findings) == 8
    assert sum(summary["by_outcome"].values()) == 8
    assert summary["by_outcome"]["not_met"] == 3
    assert summary["by_severity"]["critical"]["not_met"] == 1
    assert summary["by_severity"]["recommended"]["not_met"] == 1
    assert set(summary["by_outcome"]) == {o.value for o in Outcome}


def test_markdown_groups_by_subject_and_cites() -> None:
    report = ps.check_supporters([supporter(), supporter(id="ps-002", trainings=[])], as_of=AS_OF)
    md = report.to_markdown()
    assert md.startswith("# peersupport report: FAILED")
    assert "## ps-001" in md
    assert "## ps-002" in md
    assert "workplace-ptsd-program §Training" in md
    assert "| ELIG-007 Crisis responders hold current crisis training | not_met | critical" in md


def test_html_escapes_and_shows_outcomes() -> None:
    html = ps.check_eligibility(supporter(), as_of=AS_OF)._repr_html_()
    assert html.startswith("<div class='peersupport-report'>")
    assert "<td class='o-met'>met</td>" in html
    assert "ELIG-001" in html


def test_to_frame_has_a_row_per_finding() -> None:
    frame = ps.check_eligibility(supporter(), as_of=AS_OF).to_frame()
    assert len(frame) == 8
    assert list(frame.columns) == [
        "subject",
        "rule_id",
        "title",
        "outcome",
        "severity",
        "message",
        "citations",
    ]
    assert set(frame["outcome"]) == {"met"}


def test_to_frame_says_which_extra_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    report = ps.check_eligibility(supporter(), as_of=AS_OF)
    with pytest.raises(ps.MissingExtra, match=r"peersupport\[pandas\]"):
        report.to_frame()


def test_merge_keeps_every_finding_in_order() -> None:
    a = ps.check_eligibility(supporter(), as_of=AS_OF)
    b = ps.check_training(supporter(), as_of=AS_OF)
    merged = ps.Report.merge([a, b])
    assert merged.findings == a.findings + b.findings
    assert merged.ruleset_version == "eligibility/1 + training/1"
    assert merged.policy_digest == a.policy_digest
    with pytest.raises(ValueError, match="at least one"):
        ps.Report.merge([])


def test_repr_shows_no_evidence_or_text() -> None:
    report = ps.check_eligibility(supporter(), as_of=AS_OF)
    assert repr(report).startswith("Report(findings=8, passed=True")
    assert repr(report.findings[0]) == (
        "Finding(rule_id='ELIG-001', outcome='met', severity='required', subject='ps-001')"
    )


# Waivers ---------------------------------------------------------------------------------


def _waiver(rule_id: str = "ELIG-005", **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": rule_id,
        "subject": "ps-001",
        "justification": "Paid peer role agreed with the union",
        "approved_by": "Programme lead",
        "expires": "2027-01-31",
    }
    data.update(kw)
    return data


HIRED = {"selection": "hired"}


def test_a_current_waiver_marks_the_finding_waived_and_keeps_it() -> None:
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[_waiver()])
    finding = report.finding("ELIG-005")
    assert finding.outcome is Outcome.WAIVED
    assert finding.waived_from is Outcome.NOT_MET
    assert len(report.findings) == 8
    data = report.to_dict()
    entry = next(f for f in data["findings"] if f["rule_id"] == "ELIG-005")
    assert entry["outcome"] == "waived"
    assert entry["waived_from"] == "not_met"
    assert entry["waiver"] == {"rule_id": "ELIG-005", "subject": "ps-001", "expires": "2027-01-31"}
    assert "waived" in report.to_markdown()


def test_waiver_text_is_quoted_only_on_request() -> None:
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[_waiver()])
    assert "union" not in report.to_json()
    assert "union" in report.to_json(include_text=True)
    assert "union" not in repr(report.waivers)


def test_an_expired_waiver_no_longer_applies() -> None:
    waiver = _waiver(expires="2026-11-22")
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[waiver])
    assert report.outcome_of("ELIG-005") is Outcome.NOT_MET


def test_a_waiver_applies_on_its_last_day() -> None:
    waiver = _waiver(expires="2026-11-23")
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[waiver])
    assert report.outcome_of("ELIG-005") is Outcome.WAIVED


def test_a_waiver_for_another_subject_does_not_apply() -> None:
    waiver = _waiver(subject="ps-999")
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[waiver])
    assert report.outcome_of("ELIG-005") is Outcome.NOT_MET


def test_a_waiver_without_subject_covers_every_subject() -> None:
    waiver = _waiver(subject=None)
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[waiver])
    assert report.outcome_of("ELIG-005") is Outcome.WAIVED


def test_a_waiver_does_not_touch_met_findings() -> None:
    report = ps.check_eligibility(supporter(), as_of=AS_OF, waivers=[_waiver()])
    assert report.outcome_of("ELIG-005") is Outcome.MET


def test_strict_mode_ignores_waivers() -> None:
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[_waiver()], strict=True)
    assert report.outcome_of("ELIG-005") is Outcome.NOT_MET
    assert report.to_dict()["strict"] is True


def test_a_waiver_can_make_a_failing_report_pass() -> None:
    data = supporter(roles=["group_leader"], trainings=[])
    failing = ps.check_eligibility(data, as_of=AS_OF)
    assert not failing.passed
    waived = ps.check_eligibility(data, as_of=AS_OF, waivers=[_waiver("ELIG-008")])
    assert waived.passed


@pytest.mark.parametrize("strict", [False, True])
def test_a_critical_rule_cannot_be_waived(strict: bool) -> None:
    with pytest.raises(ps.InvalidInput, match="ELIG-007 is critical") as info:
        ps.check_eligibility(
            supporter(trainings=[]), as_of=AS_OF, waivers=[_waiver("ELIG-007")], strict=strict
        )
    assert info.value.errors[0].loc == ("waivers", 0, "rule_id")
    assert info.value.errors[0].type == "critical_not_waivable"


@pytest.mark.parametrize(
    ("field", "value"),
    [("justification", ""), ("approved_by", "  "), ("expires", None), ("rule_id", "nope")],
)
def test_a_waiver_needs_justification_approver_expiry_and_a_rule(field: str, value: Any) -> None:
    with pytest.raises(ps.InvalidInput, match=rf"waivers\[0\]\.{field}"):
        ps.check_eligibility(supporter(), as_of=AS_OF, waivers=[_waiver(**{field: value})])


def test_a_waiver_of_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ps.InvalidInput, match="no such rule"):
        ps.check_eligibility(supporter(), as_of=AS_OF, waivers=[_waiver("ZZZ-999")])


def test_waivers_may_be_models() -> None:
    waiver = ps.Waiver(
        rule_id="ELIG-005",
        justification="x",
        approved_by="y",
        expires=date(2027, 1, 1),
    )
    report = ps.check_eligibility(supporter(**HIRED), as_of=AS_OF, waivers=[waiver])
    assert report.outcome_of("ELIG-005") is Outcome.WAIVED
    assert "justification" not in repr(waiver)


def test_messages_can_be_translated_by_id() -> None:
    catalogue = ps.messages()
    assert catalogue["ELIG-007.missing"].startswith("As a {role}")
    assert all("." in key for key in catalogue)
    report = ps.check_eligibility(supporter(trainings=[]), as_of=AS_OF)
    finding = report.finding("ELIG-007")
    assert finding.message_id == "ELIG-007.missing"
    french = {"ELIG-007.missing": "En tant que {role}, il faut la formation {module}."}
    assert finding.render_message(french) == (
        "En tant que crisis_responder, il faut la formation crisis_management."
    )
    assert report.finding("ELIG-001").render_message(french) == report.finding("ELIG-001").message
    assert finding.to_dict()["message_id"] == "ELIG-007.missing"


def test_a_report_needs_findings_or_results_but_not_both() -> None:
    common: dict[str, Any] = {
        "ruleset_version": "x/1",
        "policy_digest": "sha256:0",
        "input_digest": "sha256:1",
        "as_of": AS_OF,
    }
    with pytest.raises(ValueError, match="findings or results"):
        ps.Report(**common)
    rule = _rule()
    results = ((Outcome.MET, "k", {"n": 1}),)
    finding = rule.evaluate(1, None, "s")
    with pytest.raises(ValueError, match="findings or results"):
        ps.Report(findings=(finding,), rules=(rule,), results=results, subject="s", **common)
    with pytest.raises(ValueError, match="one result per rule"):
        ps.Report(rules=(), results=results, subject="s", **common)
    lazy = ps.Report(rules=(rule,), results=results, subject="s", **common)
    assert lazy.findings == (finding,)
    assert lazy == ps.Report(findings=(finding,), **common)


def test_a_failing_result_fails_the_report_before_any_finding_is_made() -> None:
    rule = _rule()
    report = ps.Report(
        rules=(rule,),
        results=((Outcome.NOT_MET, "k", {"n": 0}),),
        subject="s",
        ruleset_version="x/1",
        policy_digest="sha256:0",
        input_digest="sha256:1",
        as_of=AS_OF,
    )
    assert report.passed is False
    assert "findings" not in vars(report)
    assert report.failures[0].rule_id == "TEST-001"


def test_training_reports_differ_when_only_their_needs_do() -> None:
    report = ps.check_training(supporter(), as_of=AS_OF)
    need = ps.TrainingNeed("c", "d", 1, 3, (), ())
    fields: dict[str, Any] = {
        "findings": report.findings,
        "ruleset_version": report.ruleset_version,
        "policy_digest": report.policy_digest,
        "input_digest": report.input_digest,
        "as_of": AS_OF,
    }
    assert ps.TrainingReport(training_needs=(), **fields) == report
    assert ps.TrainingReport(training_needs=(need,), **fields) != report


def test_a_bundled_rule_pickles_as_itself_and_its_reports_cross_processes() -> None:
    rule = ps.rule("ELIG-007")  # its check is a closure, which pickle cannot carry
    assert pickle.loads(pickle.dumps(rule)) is rule  # noqa: S301 - our own object, just dumped
    report = ps.check_eligibility(supporter(roles=["crisis_responder"]), as_of=AS_OF)
    back = pickle.loads(pickle.dumps(report))  # noqa: S301 - as above
    assert back.to_json() == report.to_json()


def test_an_unknown_rule_id_is_not_found_on_unpickling() -> None:
    from peersupport.engine._rule import _rule_by_id  # noqa: PLC0415 - the loader itself

    with pytest.raises(LookupError, match="TEST-999"):
        _rule_by_id("TEST-999")


def test_a_lazy_property_is_worked_out_once_and_kept() -> None:
    from peersupport._lazy import lazy_property  # noqa: PLC0415 - the helper under test

    calls: list[int] = []

    class Thing:
        @lazy_property
        def value(self) -> int:
            """The answer."""
            calls.append(1)
            return 42

    assert isinstance(Thing.value, lazy_property)
    assert Thing.value.__doc__ == "The answer."
    thing = Thing()
    assert (thing.value, thing.value) == (42, 42)
    assert calls == [1]
    assert vars(thing) == {"value": 42}


def test_the_checks_constructor_makes_what_init_makes() -> None:
    from peersupport.checks._common import make_context  # noqa: PLC0415 - internals under test
    from peersupport.checks.eligibility import ELIGIBILITY  # noqa: PLC0415 - as above

    model = ps.Supporter.model_validate(supporter())
    results = ELIGIBILITY.results(model, make_context(None, AS_OF))
    label, digest = "eligibility/1", ps.DEFAULT_POLICY.digest
    given: dict[str, Any] = {
        "rules": ELIGIBILITY.rules,
        "results": results,
        "subject": "ps-001",
        "source": model,
        "ruleset_version": label,
        "policy_digest": digest,
        "as_of": AS_OF,
        "strict": True,
    }
    plain = ps.Report(**given)
    training = ps.TrainingReport(**given, policy=ps.DEFAULT_POLICY)
    args = (ELIGIBILITY.rules, results, "ps-001", label, digest, model, AS_OF, True)
    fast_plain = ps.Report._from_results(*args)
    fast_training = ps.TrainingReport._from_results(*args, {"_policy": ps.DEFAULT_POLICY})
    for made, fast in ((plain, fast_plain), (training, fast_training)):
        assert type(fast) is type(made)
        assert vars(fast) == vars(made)
        assert fast == made


def test_the_checks_constructor_refuses_a_report_with_factory_defaults() -> None:
    model = ps.Supporter.model_validate(supporter())
    with pytest.raises(TypeError, match="factory default"):
        ps.SupportersReport._from_results((), (), None, "x/1", "sha256:0", model, AS_OF, False)
