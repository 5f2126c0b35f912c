"""Hiring (``HIRE-*``): interview questions, a peer on the panel, more than one hire.

Interview questions are free text. They are matched against the phrase patterns of the
bundled pack (``data/hiring.yaml``) and never quoted: a finding names a question by its
position in the list, the category matched and the character span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, Final

import attrs

from peersupport.checks._common import CheckContext
from peersupport.engine import Evaluation, Outcome, Report, Rule, RuleSet, Severity, Waiver
from peersupport.model.hiring import interview_pack
from peersupport.model.program import Program
from peersupport.policy import Policy
from peersupport.sources import cite
from peersupport.text import PhraseIndex, tokenize

__all__ = ["HIRING", "QuestionFlag", "check_hiring", "screen_questions"]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
_HIRING: Final = "10 Interviewing and hiring peer supporters"


@attrs.frozen
class QuestionFlag:
    """A question that asks about health rather than experience: where, and what about.

    ``index`` is the question's position in the list (from 0); ``span`` the characters
    matched within it. The text itself is never kept.
    """

    index: int
    category: str
    span: tuple[int, int]
    negated: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "index": self.index,
            "category": self.category,
            "span": list(self.span),
            "negated": self.negated,
        }


@cache
def _index() -> PhraseIndex[str]:
    pack = interview_pack()
    entries = [(c.id, pattern) for c in pack.categories for pattern in c.patterns]
    return PhraseIndex.build(entries, pack.lexicon)


def screen_questions(questions: Iterable[str]) -> tuple[QuestionFlag, ...]:
    """Find the questions about diagnosis, treatment, hospitalisation, medication or disability.

    One flag per category and question, at its first match; a match under a negation ("we
    will not ask about your diagnosis") is kept but marked ``negated``, and a category found
    both ways counts as not negated.
    """
    index = _index()
    flags: list[QuestionFlag] = []
    for i, text in enumerate(questions):
        seen: dict[str, QuestionFlag] = {}
        for match in index.find(tokenize(text)):
            known = seen.get(match.key)
            if known is None or (known.negated and not match.negated):
                seen[match.key] = QuestionFlag(i, match.key, match.span, match.negated)
        flags.extend(sorted(seen.values(), key=lambda f: (f.span, f.category)))
    return tuple(flags)


def _questions(p: Program, _c: CheckContext) -> Evaluation:
    questions = p.hiring.interview_questions if p.hiring else None
    pack = interview_pack()
    suggestions = [s.id for s in pack.suggestions]
    if questions is None:
        return Evaluation(REVIEW, "unknown", {"suggestions": suggestions})
    if not questions:
        return Evaluation(NA, "none", {"questions": 0})
    flags = screen_questions(questions)
    firm = [f for f in flags if not f.negated]
    evidence = {
        "questions": len(questions),
        "flagged": [f.to_dict() for f in flags],
        # Numbered from 1 for people; the flags' index counts from 0 for programs.
        "flagged_questions": sorted({f.index + 1 for f in firm}),
        "categories": sorted({f.category for f in firm}),
        "negated_questions": sorted({f.index + 1 for f in flags if f.negated}),
        "suggestions": suggestions,
        "pack_version": pack.version,
    }
    if firm:
        return Evaluation(NOT_MET, "flagged", evidence)
    if flags:
        return Evaluation(REVIEW, "negated", evidence)
    return Evaluation(MET, "met", evidence)


def _panel(p: Program, c: CheckContext) -> Evaluation:
    if not c.policy.hiring_peer_on_panel:
        return Evaluation(NA, "not_required", {})
    panel = p.hiring.interview_panel if p.hiring else None
    if panel is None:
        return Evaluation(REVIEW, "unknown", {"panel": None})
    evidence = {
        "panel": len(panel),
        "peers": sum(m.peer is True for m in panel),
        "unknown": sum(m.peer is None for m in panel),
    }
    if evidence["peers"]:
        return Evaluation(MET, "met", evidence)
    if evidence["unknown"]:
        return Evaluation(REVIEW, "unknown_members", evidence)
    return Evaluation(NOT_MET, "no_peer", evidence)


def _cohort(p: Program, c: CheckContext) -> Evaluation:
    hires = p.hiring.initial_peer_hires if p.hiring else None
    least = c.policy.hiring_min_initial_hires
    evidence = {"hired": hires, "min": least}
    if hires is None:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(
        MET if hires >= least else NOT_MET, "met" if hires >= least else "few", evidence
    )


HIRING: Final[RuleSet[Program, CheckContext]] = RuleSet.of(
    "hiring",
    "1",
    [
        Rule(
            id="HIRE-001",
            title="Interview questions are about experience, never diagnosis or treatment",
            severity=Severity.CRITICAL,
            citations=(
                cite("who-qualityrights-one-to-one", _HIRING),
                cite("workplace-ptsd-program", "Peer Support Worker Eligibility"),
            ),
            rationale="An interview for a peer role is not about a person's diagnosis, "
            "treatment, hospital stays, medication or distress, and asking about a disability "
            "may break the law. The interview asks instead how the candidate's lived "
            "experience, skills and knowledge would help others.",
            remediation="Remove the flagged questions. Ask how the candidate's lived experience "
            "would help the people they support (see the suggested questions in the pack).",
            check=_questions,
            messages={
                "unknown": "The interview questions are not recorded.",
                "none": "No interview questions are recorded.",
                "flagged": "Interview question(s) {flagged_questions} (numbered from 1) ask "
                "about: {categories}. Ask how the candidate's lived experience would help others "
                "instead.",
                "negated": "Interview question(s) {negated_questions} (numbered from 1) mention "
                "health matters under a negation; check that none asks about them.",
                "met": "None of the {questions} questions asks about diagnosis, treatment, "
                "hospitalisation, medication or disability.",
            },
            tags=("hiring", "privacy"),
        ),
        Rule(
            id="HIRE-002",
            title="A peer sits on the interview panel",
            severity=Severity.REQUIRED,
            citations=(cite("who-qualityrights-one-to-one", _HIRING),),
            rationale="A peer, or a committee of peers, takes part in interviewing, so that the "
            "judgement of what a peer role needs includes lived experience.",
            remediation="Add a peer supporter to the interview panel.",
            check=_panel,
            messages={
                "not_required": "The policy does not require a peer on the panel.",
                "unknown": "The interview panel is not recorded.",
                "unknown_members": "No member is recorded as a peer; {unknown} of {panel} "
                "members are not recorded either way.",
                "no_peer": "None of the {panel} panel members is a peer.",
                "met": "{peers} of the {panel} panel members are peers.",
            },
            tags=("hiring",),
        ),
        Rule(
            id="HIRE-003",
            title="More than one peer supporter hired when peer roles are introduced",
            severity=Severity.RECOMMENDED,
            citations=(cite("who-qualityrights-one-to-one", _HIRING),),
            rationale="Bringing in a single peer supporter leaves them isolated and open to "
            "peer drift; hiring more than one at the start avoids both.",
            remediation="Hire at least two peer supporters together, or connect a lone hire "
            "with peers elsewhere until a second is hired.",
            check=_cohort,
            messages={
                "unknown": "How many peer supporters were first hired is not recorded.",
                "few": "{hired} peer supporter(s) hired when peer roles began; at least {min} "
                "are recommended.",
                "met": "{hired} peer supporters hired when peer roles began.",
            },
            tags=("hiring", "drift"),
        ),
    ],
)


def check_hiring(
    program: Program | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Check how a programme interviews and hires (``HIRE-*``)."""
    from peersupport.checks.programme import check_part  # noqa: PLC0415 - it imports us

    return check_part(HIRING, program, policy, as_of=as_of, waivers=waivers, strict=strict)
