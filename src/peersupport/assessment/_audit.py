"""The programme audit: every programme rule, the grounds and the prefilled instruments.

It runs every programme rule, reads the confidentiality policy's grounds, and scores every
programme-level instrument prefilled from the programme's own data.

The auditor's answers override the prefill, and each disagreement is shown. The executive
summary ranks what needs doing and groups it by the audience who must act.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from peersupport._errors import ErrorDetail, InvalidInput
from peersupport._frozen import FrozenMap, frozen_map, frozen_maps, thaw
from peersupport.assessment._instrument import (
    Audience,
    Instrument,
    InstrumentLevel,
    instruments,
)
from peersupport.assessment._prefill import Facts, Prefill, prefill
from peersupport.assessment._scoring import (
    AssessmentResult,
    Rater,
    RaterAnswers,
    ResponseSet,
    _pandas,
    coerce_response_sets,
    score,
    validate_answers,
)
from peersupport.checks._common import coerce_model, make_context
from peersupport.checks.confidentiality import describe_grounds
from peersupport.checks.programme import ProgrammeReport, check_program
from peersupport.engine import (
    Citation,
    Finding,
    Outcome,
    Severity,
    Waiver,
    canonical_json,
    digest_json,
)
from peersupport.model.program import Program
from peersupport.policy import Policy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Action", "ActionKind", "AuditReport", "Disagreement", "audit", "programme_instruments"]

TOP: Final = 5
"""How many actions the executive summary shows per audience."""

_SEVERITY_PRIORITY: Final = {
    Severity.CRITICAL: 4.0,
    Severity.REQUIRED: 3.0,
    Severity.RECOMMENDED: 2.0,
    Severity.ADVISORY: 1.0,
}
# Who acts on a rule that is not met: by rule id, else by its prefix.
_RULE_AUDIENCE: Final[Mapping[str, Audience]] = {
    "STRUCT-005": Audience.SUPERVISORS,
    "STRUCT-006": Audience.SUPERVISORS,
    "STRUCT-008": Audience.SUPERVISORS,
    "STRUCT-010": Audience.LEADERSHIP,
    "STRUCT-011": Audience.SUPERVISORS,
    "STRUCT-012": Audience.LEADERSHIP,
    "STRUCT-013": Audience.LEADERSHIP,
    "STRUCT-014": Audience.LEADERSHIP,
    "SUP-003": Audience.MANAGERS,
    "STRUCT": Audience.MANAGERS,
    "ROSTER": Audience.SUPERVISORS,
    "SUP": Audience.LEADERSHIP,
    "HIRE": Audience.MANAGERS,
    "WORK": Audience.LEADERSHIP,
    "ELIG": Audience.SUPERVISORS,
    "TRAIN": Audience.PEER_SUPPORTERS,
}
_SMI: Final = "serious_mental_illness"


def audience_of(rule_id: str) -> Audience:
    """The audience who acts when a rule is not met."""
    return _RULE_AUDIENCE.get(rule_id) or _RULE_AUDIENCE.get(
        rule_id.split("-", 1)[0], Audience.LEADERSHIP
    )


class ActionKind:
    """Where an action comes from: a rule, an instrument item or a confidentiality ground."""

    RULE: Final = "rule"
    ITEM: Final = "item"
    GROUND: Final = "ground"


@attrs.frozen
class Action:
    """One thing to do, for one audience, ranked by ``priority`` (higher first)."""

    kind: str
    id: str
    title: str
    audience: Audience
    priority: float
    status: str
    recommendation: str
    citations: tuple[Citation, ...]
    subjects: tuple[str, ...] = ()
    instrument_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "audience": self.audience.value,
            "priority": self.priority,
            "status": self.status,
            "recommendation": self.recommendation,
            "citations": [c.to_dict() for c in self.citations],
            "subjects": list(self.subjects),
            "instrument_id": self.instrument_id,
        }


@attrs.frozen
class Disagreement:
    """A rater's answer that differs from what the programme data say."""

    instrument_id: str
    item_id: str
    rater: str
    prefilled: str
    answered: str
    basis: str
    evidence: Mapping[str, Any] = attrs.field(converter=frozen_map, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "instrument_id": self.instrument_id,
            "item_id": self.item_id,
            "rater": self.rater,
            "prefilled": self.prefilled,
            "answered": self.answered,
            "basis": self.basis,
            "evidence": thaw(self.evidence),
        }


@attrs.frozen(repr=False)
class AuditReport:
    """The audit of one programme: rule findings, grounds, prefilled instruments, a summary.

    ``passed`` follows the programme's rules (no required or critical rule not met); the
    instruments inform but never fail an audit. The same programme, responses, policy and
    ``as_of`` give byte-identical :meth:`to_json`. Immutable all the way down: every
    mapping in it (``grounds``, evidence, answers, :attr:`counts`) is read-only and every
    list a tuple, so :attr:`digest` cannot drift from what the audit found.
    """

    program_id: str
    as_of: date
    programme: ProgrammeReport
    grounds: tuple[Mapping[str, Any], ...] = attrs.field(converter=frozen_maps)
    assessments: tuple[AssessmentResult, ...]
    prefills: tuple[Prefill, ...]
    disagreements: tuple[Disagreement, ...]
    actions: tuple[Action, ...]
    input_digest: str
    top: int = TOP

    def __repr__(self) -> str:
        return (
            f"AuditReport(program_id={self.program_id!r}, passed={self.passed}, "
            f"findings={len(self.findings)}, assessments={len(self.assessments)}, "
            f"actions={len(self.actions)}, as_of={self.as_of.isoformat()!r})"
        )

    @property
    def passed(self) -> bool:
        """No required or critical programme or supporter rule is ``not_met``."""
        return self.programme.passed

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every rule finding, the programme's first, then each supporter's."""
        return self.programme.findings

    @property
    def policy_digest(self) -> str:
        """The digest of the policy the audit ran with."""
        return self.programme.policy_digest

    @property
    def ruleset_version(self) -> str:
        """The rule sets and their versions."""
        return self.programme.ruleset_version

    def assessment(self, instrument_id: str) -> AssessmentResult:
        """The assessment of one instrument; ``KeyError`` if it was not run."""
        for a in self.assessments:
            if a.instrument_id == instrument_id:
                return a
        raise KeyError(instrument_id)

    def prefill_of(self, item_id: str) -> Prefill | None:
        """The prefill of an item, if the programme data answered it."""
        for p in self.prefills:
            if p.item_id == item_id:
                return p
        return None

    @cached_property
    def summary(self) -> Mapping[Audience, tuple[Action, ...]]:
        """The executive summary: the top actions for each audience, in audience order."""
        return FrozenMap(
            {
                audience: tuple(a for a in self.actions if a.audience is audience)[: self.top]
                for audience in Audience
            }
        )

    @cached_property
    def counts(self) -> Mapping[str, Any]:
        """Headline counts: findings by outcome, failures, gaps, unanswered items (read-only)."""
        unanswered = sum(a.overall.total - a.overall.answered for a in self.assessments)
        return frozen_map(
            {
                "findings": self.programme.summary["by_outcome"],
                "failures": len(self.programme.failures),
                "gaps": sum(len(a.gaps) for a in self.assessments),
                "unanswered_items": unanswered,
                "prefilled_items": len(self.prefills),
                "disagreements": len(self.disagreements),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, in a stable shape (see ``audit_report_schema()``)."""
        return {
            "kind": "peersupport.audit",
            "program_id": self.program_id,
            "as_of": self.as_of.isoformat(),
            "passed": self.passed,
            "policy_digest": self.policy_digest,
            "ruleset_version": self.ruleset_version,
            "input_digest": self.input_digest,
            "counts": thaw(self.counts),
            "summary": {a.value: [x.to_dict() for x in acts] for a, acts in self.summary.items()},
            "actions": [a.to_dict() for a in self.actions],
            "programme": self.programme.to_dict(),
            "confidentiality_grounds": thaw(self.grounds),
            "assessments": [a.to_dict() for a in self.assessments],
            "prefills": [p.to_dict() for p in self.prefills],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no insignificant whitespace, byte-identical per input."""
        return canonical_json(self.to_dict())

    @property
    def digest(self) -> str:
        """The digest of the canonical JSON, for an audit log."""
        return digest_json(self.to_dict())

    def to_markdown(self) -> str:
        """A Markdown report to file."""
        from peersupport.assessment._markdown import audit_markdown  # noqa: PLC0415 - a cycle

        return audit_markdown(self)

    def _repr_html_(self) -> str:
        verdict = "passed" if self.passed else "failed"
        rows = "".join(
            f"<tr><td>{html.escape(aud.value)}</td><td><code>{a.id}</code></td>"
            f"<td>{html.escape(a.title)}</td><td>{html.escape(a.status)}</td>"
            f"<td>{html.escape(a.recommendation)}</td></tr>"
            for aud, acts in self.summary.items()
            for a in acts
        )
        scores = "".join(
            f"<li>{html.escape(a.title)}: "
            f"{'no answers' if a.overall.percent is None else f'{a.overall.percent:.0f}%'} "
            f"({a.overall.answered}/{a.overall.total} answered)</li>"
            for a in self.assessments
        )
        return (
            "<div class='peersupport-audit'>"
            f"<p><strong>Audit of {html.escape(self.program_id)} {verdict}</strong> as of "
            f"{self.as_of.isoformat()}: {len(self.programme.failures)} blocking rule "
            f"failure(s), {self.counts['gaps']} instrument gap(s), "
            f"{len(self.disagreements)} disagreement(s) with the programme data.</p>"
            f"<ul>{scores}</ul>"
            "<table><thead><tr><th>Audience</th><th>Id</th><th>What</th><th>Status</th>"
            f"<th>Recommendation</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per action (rule findings not met, instrument gaps, grounds); needs pandas."""
        pandas = _pandas()
        records = [
            {
                "audience": a.audience.value,
                "kind": a.kind,
                "id": a.id,
                "instrument_id": a.instrument_id,
                "title": a.title,
                "status": a.status,
                "priority": a.priority,
                "subjects": ", ".join(a.subjects),
                "recommendation": a.recommendation,
                "citations": "; ".join(str(c) for c in a.citations),
            }
            for a in self.actions
        ]
        columns = [
            "audience", "kind", "id", "instrument_id", "title", "status", "priority",
            "subjects", "recommendation", "citations",
        ]  # fmt: skip
        return cast("pd.DataFrame", pandas.DataFrame.from_records(records, columns=columns))


def programme_instruments() -> tuple[Instrument, ...]:
    """The instruments the audit runs: every programme-level one."""
    return tuple(i for i in instruments() if i.level is InstrumentLevel.PROGRAMME)


def _owner_map(insts: Iterable[Instrument]) -> dict[str, Instrument]:
    return {item.id: inst for inst in insts for item in inst.items}


def _split_answers(
    sets: Sequence[ResponseSet], day: date
) -> dict[str, list[tuple[int, RaterAnswers]]]:
    """Each response set's answers, validated and split by programme-level instrument."""
    programme = programme_instruments()
    by_id = {i.id: i for i in programme}
    owners = _owner_map(programme)
    every_owner = _owner_map(instruments())
    out: dict[str, list[tuple[int, RaterAnswers]]] = {}
    errors: list[ErrorDetail] = []
    for n, rs in enumerate(sets):
        loc: tuple[str | int, ...] = ("responses", n) if len(sets) > 1 else ("responses",)
        if rs.instrument is not None and rs.instrument not in by_id:
            errors.append(
                ErrorDetail(
                    (*loc, "instrument"),
                    "unknown_instrument",
                    f"not a programme-level instrument; choose from {sorted(by_id)}",
                )
            )
            continue
        groups: dict[str, dict[str, object]] = {}
        for item_id, value in rs.answers.items():
            inst = by_id[rs.instrument] if rs.instrument else owners.get(item_id)
            if inst is None:
                other = every_owner.get(item_id)
                msg = (
                    f"item {item_id} belongs to {other.id}, which the audit does not run"
                    if other
                    else f"no item {item_id} in any programme-level instrument"
                )
                errors.append(ErrorDetail((*loc, "answers", item_id), "unknown_item", msg))
                continue
            groups.setdefault(inst.id, {})[item_id] = value
        for inst_id, answers in groups.items():
            valid, bad = validate_answers(by_id[inst_id], answers, loc, complete=False)
            errors.extend(bad)
            out.setdefault(inst_id, []).append(
                (n, RaterAnswers(rs.rater, rs.rated_on or day, valid))
            )
    if errors:
        raise InvalidInput(errors)
    return out


def audit(
    program: Program | Mapping[str, Any],
    responses: ResponseSet | Mapping[str, Any] | Sequence[Any] | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    top: int = TOP,
) -> AuditReport:
    """Audit a programme: its rules, its confidentiality grounds and its instruments.

    Every programme-level instrument is scored. Items the programme data can answer are
    prefilled, with the evidence read; ``responses`` (one response set, or a list for several
    raters) override the prefill item by item, and each disagreement is listed. The first
    auditor's set (or else the first set) is merged with the prefill; further raters are
    scored beside it, so the gap between raters shows. ``top`` actions per audience make the
    executive summary.
    """
    subject = coerce_model(Program, program, "program")
    context = make_context(policy, as_of)
    sets = coerce_response_sets(responses) if responses is not None else ()
    answers = _split_answers(sets, context.as_of)
    report = check_program(subject, context.policy, as_of=context.as_of, waivers=waivers)
    grounds = tuple(describe_grounds(context.policy))
    facts = Facts(subject, report, context.policy, context.as_of, grounds)
    base = next((i for i, s in enumerate(sets) if s.rater is Rater.AUDITOR), 0)

    results: list[AssessmentResult] = []
    prefills: list[Prefill] = []
    disagreements: list[Disagreement] = []
    for inst in programme_instruments():
        filled = {
            item.id: p
            for item in inst.items
            if item.prefill is not None and (p := prefill(item.prefill, item.id, facts)) is not None
        }
        prefills.extend(filled.values())
        given = answers.get(inst.id, [])
        ratings = []
        merged = False
        for n, rating in given:
            for item_id, value in rating.answers.items():
                if item_id in filled and filled[item_id].answer != value:
                    p = filled[item_id]
                    disagreements.append(
                        Disagreement(
                            inst.id,
                            item_id,
                            rating.rater.value,
                            p.answer,
                            value,
                            p.basis,
                            p.evidence,
                        )
                    )
            if n == base and not merged:
                merged = True
                own = {k: v.answer for k, v in filled.items() if k not in rating.answers}
                rating = RaterAnswers(  # noqa: PLW2901 - the base rater, prefilled
                    rating.rater,
                    rating.rated_on,
                    {**own, **rating.answers},
                    frozenset(own),
                )
            ratings.append(rating)
        if not merged:
            ratings.insert(
                0,
                RaterAnswers(
                    Rater.AUDITOR,
                    context.as_of,
                    {k: v.answer for k, v in filled.items()},
                    frozenset(filled),
                ),
            )
        digest = digest_json(
            {"instrument": [inst.id, inst.version], "ratings": [r.to_dict() for r in ratings]}
        )
        results.append(score(inst, ratings, digest))

    actions = _actions(report, results, grounds)
    input_digest = digest_json(
        {
            "program": subject.digest,
            "responses": [s.model_dump(mode="json") for s in sets],
        }
    )
    return AuditReport(
        program_id=subject.id,
        as_of=context.as_of,
        programme=report,
        grounds=grounds,
        assessments=tuple(results),
        prefills=tuple(prefills),
        disagreements=tuple(disagreements),
        actions=actions,
        input_digest=input_digest,
        top=top,
    )


def _actions(
    report: ProgrammeReport,
    results: Sequence[AssessmentResult],
    grounds: Sequence[Mapping[str, Any]],
) -> tuple[Action, ...]:
    out: list[Action] = []
    # One action per rule, naming every subject it is not met (or unclear) for.
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.outcome in {Outcome.NOT_MET, Outcome.NEEDS_REVIEW}:
            by_rule.setdefault(f.rule_id, []).append(f)
    for rule_id, found in by_rule.items():
        first = found[0]
        weight = _SEVERITY_PRIORITY[first.severity]
        outcomes = [
            o for o in (Outcome.NOT_MET, Outcome.NEEDS_REVIEW) if any(f.outcome is o for f in found)
        ]
        priority = weight if Outcome.NOT_MET in outcomes else weight / 2
        out.append(
            Action(
                kind=ActionKind.RULE,
                id=rule_id,
                title=first.title,
                audience=audience_of(rule_id),
                priority=priority,
                status=f"{' / '.join(o.value for o in outcomes)} ({first.severity.value})",
                recommendation=first.remediation,
                citations=first.citations,
                subjects=tuple(dict.fromkeys(f.subject or "" for f in found)),
            )
        )
    for result in results:
        out.extend(
            Action(
                kind=ActionKind.ITEM,
                id=g.item_id,
                title=g.question,
                audience=g.audience,
                priority=g.priority,
                status="answered " + ", ".join(sorted(set(g.answers.values()))),
                recommendation=g.recommendation,
                citations=(g.citation,),
                instrument_id=result.instrument_id,
            )
            for g in result.gaps
        )
    for ground in grounds:
        if ground.get("id") == _SMI and ground.get("enabled"):
            note = ground.get("rights_note") or {}
            cites = [*(note.get("citations") or ()), *(ground.get("citations") or ())]
            out.append(
                Action(
                    kind=ActionKind.GROUND,
                    id=f"{ground.get('pack')}:{_SMI}",
                    title="The confidentiality policy keeps the serious-mental-illness ground",
                    audience=Audience.LEADERSHIP,
                    priority=3.0,
                    status="kept",
                    recommendation=(
                        "Review this ground: an illness alone is no risk to anyone, and "
                        "breaking confidentiality on it can end the trust peer support rests on. "
                        "Consider setting confidentiality_serious_mental_illness_ground to "
                        "false and relying on the risk grounds."
                    ),
                    citations=tuple(
                        Citation(c["source"], c["section"], c.get("item")) for c in cites
                    ),
                )
            )
    kind_order = {ActionKind.RULE: 0, ActionKind.GROUND: 1, ActionKind.ITEM: 2}
    out.sort(key=lambda a: (-a.priority, kind_order[a.kind], a.instrument_id or "", a.id))
    return tuple(out)
