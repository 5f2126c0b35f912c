"""HIRE-*: interview questions about experience not health, a peer on the panel, two hires."""

from __future__ import annotations

from typing import Any

import pytest

import peersupport as ps
from peersupport.checks.hiring import HIRING, check_hiring, screen_questions
from peersupport.model.hiring import interview_pack
from strategies_programme import AS_OF, programme

MET, NOT_MET, REVIEW, NA = (
    ps.Outcome.MET,
    ps.Outcome.NOT_MET,
    ps.Outcome.NEEDS_REVIEW,
    ps.Outcome.NOT_APPLICABLE,
)


def _h(**kw: Any) -> dict[str, Any]:
    return {"hiring": {**programme()["hiring"], **kw}}


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("What is your diagnosis?", "diagnosis"),
        ("Have you ever been diagnosed with a mental illness?", "diagnosis"),
        ("Which condition do you have?", "diagnosis"),
        ("Tell us about your mental health history.", "diagnosis"),
        ("Are you bipolar?", "diagnosis"),
        ("What is your condition?", "diagnosis"),
        ("Do you have any mental health problems?", "diagnosis"),
        ("Have you been to rehab?", "treatment_history"),
        ("Have you ever been in a psych ward?", "hospitalisation"),
        ("Which medication do you take?", "medication"),
        ("What meds are you on?", "medication"),
        ("What psychiatric drugs have you taken?", "medication"),
        ("What treatment have you had?", "treatment_history"),
        ("Have you ever been in therapy?", "treatment_history"),
        ("Are you seeing a psychiatrist at the moment?", "treatment_history"),
        ("Who is your therapist?", "treatment_history"),
        ("Have you ever been hospitalised?", "hospitalisation"),
        ("Were you ever admitted to a psychiatric ward?", "hospitalisation"),
        ("Have you been an inpatient?", "hospitalisation"),
        ("Are you currently taking any medication?", "medication"),
        ("Do you take antidepressants?", "medication"),
        ("What are your meds?", "medication"),
        ("Are you on medication?", "medication"),
        ("Do you have a disability?", "disability"),
        ("Are you disabled?", "disability"),
        ("Do you receive disability benefits?", "disability"),
        ("How does your disability affect your work?", "disability"),
    ],
)
def test_questions_about_health_are_flagged_with_their_category(
    question: str, category: str
) -> None:
    flags = screen_questions([question])
    assert category in {f.category for f in flags}
    assert all(not f.negated for f in flags)
    flag = next(f for f in flags if f.category == category)
    assert flag.index == 0
    assert 0 <= flag.span[0] < flag.span[1] <= len(question)


@pytest.mark.parametrize(
    "question",
    [
        "What draws you to working as a peer supporter?",
        "How could your lived experience help the people you would support?",
        "How would you support a peer who has concerns about their medication?",
        "Why is peer support good for people with psychosocial disabilities?",
        "How would you help someone have their voice heard in their treatment plan?",
        "Are you committed to recovery-oriented practice?",
        "What did you learn through your own experience of distress and recovery?",
        "Have you done anything similar to peer support before?",
        "What conditions of work would help you do this job well?",
        "What drugs do you think the peers you support use most?",
        "What are your expectations of the working conditions?",
    ],
)
def test_questions_about_experience_and_the_role_are_not_flagged(question: str) -> None:
    assert screen_questions([question]) == ()


def test_a_negated_mention_is_kept_but_marked() -> None:
    (flag,) = screen_questions(["We will not ask about your diagnosis. Tell us your strengths."])
    assert (flag.category, flag.negated) == ("diagnosis", True)


CASES: list[tuple[str, str, dict[str, Any], ps.Outcome]] = [
    ("HIRE-001", "about_experience", {}, MET),
    (
        "HIRE-001",
        "asks_about_medication",
        _h(interview_questions=["Why us?", "Are you on any medication?"]),
        NOT_MET,
    ),
    (
        "HIRE-001",
        "negated_mention",
        _h(interview_questions=["We never ask about your diagnosis; why us?"]),
        REVIEW,
    ),
    ("HIRE-001", "no_questions", _h(interview_questions=[]), NA),
    ("HIRE-001", "questions_not_recorded", _h(interview_questions=None), REVIEW),
    ("HIRE-001", "hiring_not_recorded", {"hiring": None}, REVIEW),
    ("HIRE-002", "peer_on_panel", {}, MET),
    ("HIRE-002", "no_peer", _h(interview_panel=[{"member": "hr-1", "peer": False}]), NOT_MET),
    ("HIRE-002", "empty_panel", _h(interview_panel=[]), NOT_MET),
    (
        "HIRE-002",
        "unknown_members",
        _h(interview_panel=[{"member": "hr-1"}, {"peer": False}]),
        REVIEW,
    ),
    ("HIRE-002", "panel_not_recorded", _h(interview_panel=None), REVIEW),
    ("HIRE-003", "two_hired", {}, MET),
    ("HIRE-003", "one_hired", _h(initial_peer_hires=1), NOT_MET),
    ("HIRE-003", "not_recorded", _h(initial_peer_hires=None), REVIEW),
]


@pytest.mark.parametrize(
    ("rule_id", "overrides", "expected"),
    [pytest.param(r, o, e, id=f"{r}-{name}") for r, name, o, e in CASES],
)
def test_each_hiring_rule(rule_id: str, overrides: dict[str, Any], expected: ps.Outcome) -> None:
    report = check_hiring(programme(**overrides), as_of=AS_OF)
    assert report.outcome_of(rule_id) is expected, report.finding(rule_id).message


def test_every_hiring_rule_is_tested_both_ways() -> None:
    for rule in HIRING:
        outcomes = {e for r, _, _, e in CASES if r == rule.id}
        assert MET in outcomes, rule.id
        assert outcomes & {NOT_MET, REVIEW}, rule.id


def test_hire_001_is_critical_and_names_questions_by_number_never_by_text() -> None:
    questions = [
        "What draws you to this work?",
        "Have you ever been hospitalised for your illness, Zebedee?",
        "Are you on medication right now?",
    ]
    report = check_hiring(programme(**_h(interview_questions=questions)), as_of=AS_OF)
    finding = report.finding("HIRE-001")
    assert finding.severity is ps.Severity.CRITICAL
    assert finding.evidence["flagged_questions"] == (2, 3)
    assert finding.evidence["categories"] == ("diagnosis", "hospitalisation", "medication")
    assert {f["index"] for f in finding.evidence["flagged"]} == {1, 2}
    assert finding.evidence["suggestions"] == tuple(s.id for s in interview_pack().suggestions)
    out = report.to_json(include_text=True) + report.to_markdown() + repr(report)
    for text in questions:
        assert text not in out
    assert "Zebedee" not in out
    assert "hospitalised for" not in out


def test_a_critical_hiring_finding_fails_the_report() -> None:
    report = check_hiring(
        programme(**_h(interview_questions=["What is your diagnosis?"])), as_of=AS_OF
    )
    assert not report.passed


def test_the_panel_and_cohort_rules_follow_the_policy() -> None:
    data = programme(**_h(interview_panel=[{"peer": False}], initial_peer_hires=1))
    policy = {"hiring_peer_on_panel": False, "hiring_min_initial_hires": 1}
    report = check_hiring(data, policy, as_of=AS_OF)
    assert report.outcome_of("HIRE-002") is NA
    assert report.outcome_of("HIRE-003") is MET


def test_the_pack_is_valid_and_cited_and_its_suggestions_are_not_flagged() -> None:
    pack = interview_pack()
    assert {c.id for c in pack.categories} == {
        "diagnosis",
        "treatment_history",
        "hospitalisation",
        "medication",
        "disability",
    }
    assert {c.source for c in pack.cites} <= set(ps.SOURCES)
    assert screen_questions([s.text for s in pack.suggestions]) == ()


def test_interview_questions_never_appear_in_the_programme_repr() -> None:
    from peersupport.model.program import Program  # noqa: PLC0415

    model = Program.model_validate(programme(**_h(interview_questions=["Secret question?"])))
    assert "Secret" not in repr(model)
    assert "Secret" not in repr(model.hiring)
