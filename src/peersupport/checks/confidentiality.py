"""Confidentiality: when it may or must be broken, what follows, and who may never ask (``CONF-*``).

:func:`decide_confidentiality` reads a :class:`~peersupport.model.disclosure.Disclosure` and the
policy's jurisdiction pack and returns a :class:`ConfidentialityDecision`: an action
(``maintain`` < ``consult`` < ``break``), the grounds that hold, the required steps in order,
who may receive what, what the information may never be used for, and a
:class:`~peersupport.model.disclosure.DisclosureRecord` for the host's audit log.

How the rules map onto a pack:

* ``CONF-001`` … ``CONF-006`` each evaluate the pack's ground of that kind (risk to life, harm to
  others, abuse or neglect, serious self-harm, serious mental illness, legal requirement); a pack
  without the kind leaves the rule ``not_applicable``.
* ``CONF-007`` checks a consent: valid (signed, unexpired, unrevoked, written where the pack
  needs it) and only for the recipients and information it names.
* ``CONF-008`` (emergency response) and ``CONF-009`` (unknown imminence) hold in every pack:
  confidentiality never overrides an emergency response, and a risk to life is never silently
  maintained.
* ``CONF-010`` flags what a supporter witnessed where the pack's protection does not reach it.
* ``CONF-011`` … ``CONF-013`` decide an :class:`~peersupport.model.disclosure.InformationRequest`
  (:func:`decide_information_request`): never for discipline or investigation, never a report
  back to management, and only to a recipient a holding ground allows.

The safety properties (monotone, fail-safe, consent-bounded, deterministic, no free text) are
proved by the property tests in ``tests/property/test_confidentiality_*.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Final

import attrs

from peersupport.checks._common import coerce_as_of, coerce_model
from peersupport.engine import (
    Citation,
    Evaluation,
    Finding,
    Outcome,
    Rule,
    RuleSet,
    Severity,
    canonical_json,
)
from peersupport.model.disclosure import (
    REVIEW_STEPS,
    RISK_TO_LIFE,
    AtRisk,
    ConfidentialityAction,
    ConfidentialityPack,
    Disclosure,
    DisclosureRecord,
    DisclosureSource,
    DocumentationField,
    Evidence,
    EvidentialThreshold,
    GroundKind,
    Imminence,
    InformationCategory,
    InformationRequest,
    LearnedAs,
    PackGround,
    PackId,
    ProhibitedUse,
    Recipient,
    RecordEntry,
    RecordPurpose,
    RequestPurpose,
    RequiredStep,
    RiskIndicator,
    TriggerStatus,
    confidentiality_pack,
)
from peersupport.policy import Policy, coerce_policy
from peersupport.sources import cite

__all__ = [
    "CONFIDENTIALITY",
    "INFORMATION_REQUESTS",
    "ConfidentialityContext",
    "ConfidentialityDecision",
    "InformationRequestDecision",
    "RequestAnswer",
    "RequestContext",
    "decide_confidentiality",
    "decide_information_request",
    "describe_grounds",
]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)
MAINTAIN, CONSULT, BREAK = (
    ConfidentialityAction.MAINTAIN,
    ConfidentialityAction.CONSULT,
    ConfidentialityAction.BREAK,
)

EMERGENCY_STEPS: Final = tuple(RequiredStep)
"""Every step, in order: an imminent risk to life calls emergency services, tells the person,
brings in a professional, and keeps the record minimal and restricted."""
CONSULT_DOCUMENTATION: Final = (
    DocumentationField.DECIDED_ON,
    DocumentationField.DECIDED_BY,
    DocumentationField.GROUND,
    DocumentationField.EVIDENCE_BASIS,
    DocumentationField.IMMINENCE,
)
EMERGENCY_DOCUMENTATION: Final = (
    DocumentationField.DECIDED_ON,
    DocumentationField.DECIDED_BY,
    DocumentationField.RECIPIENT,
    DocumentationField.INFORMATION_CATEGORY,
    DocumentationField.PURPOSE,
    DocumentationField.GROUND,
    DocumentationField.IMMINENCE,
    DocumentationField.PERSON_AT_RISK,
    DocumentationField.PERSON_INFORMED,
)
EMERGENCY_INFORMATION: Final = (
    InformationCategory.IDENTITY_AND_LOCATION,
    InformationCategory.RISK_TO_LIFE,
)

_PURPOSE_USE: Final[Mapping[RequestPurpose, ProhibitedUse]] = {
    RequestPurpose.DISCIPLINE: ProhibitedUse.DISCIPLINE,
    RequestPurpose.PERFORMANCE_MANAGEMENT: ProhibitedUse.DISCIPLINE,
    RequestPurpose.INVESTIGATION: ProhibitedUse.INVESTIGATION,
    RequestPurpose.TEAM_MEETING: ProhibitedUse.REPORTING_BACK,
}


class RequestAnswer(StrEnum):
    """The answer to someone asking what a peer shared."""

    RELEASE = "release"
    REFUSE = "refuse"


@attrs.frozen
class ConfidentialityContext:
    """What the confidentiality rules read besides the disclosure: policy, pack and day."""

    policy: Policy
    pack: ConfidentialityPack
    as_of: date

    def ground(self, rule_id: str) -> PackGround | None:
        """The pack's ground evaluated by this rule, if the pack has one."""
        return self.pack.by_rule.get(rule_id)

    def enabled(self, ground: PackGround) -> bool:
        """Whether the policy keeps this ground (only a switchable ground can be dropped)."""
        return ground.policy_switch is None or bool(getattr(self.policy, ground.policy_switch))


def _values(items: Iterable[Any]) -> list[str]:
    return sorted(str(getattr(i, "value", i)) for i in items)


def _effective_evidence(d: Disclosure, threshold: EvidentialThreshold) -> Evidence:
    # What the supporter saw is not an explicit threat, however clear it looked.
    if threshold is EvidentialThreshold.EXPLICIT_THREAT and d.source is DisclosureSource.OBSERVED:
        return min(d.evidence, Evidence.REASONABLE_GROUNDS, key=lambda e: e.rank)
    return d.evidence


def _imminence_status(
    d: Disclosure, unknown: TriggerStatus, not_imminent: TriggerStatus
) -> TriggerStatus:
    if d.imminence is Imminence.IMMINENT:
        return TriggerStatus.MET
    return unknown if d.imminence is Imminence.UNKNOWN else not_imminent


def _trigger_status(ground: PackGround, d: Disclosure) -> tuple[TriggerStatus | None, list[str]]:
    """The best status over the ground's triggers that the disclosure touches, and what matched."""
    best: TriggerStatus | None = None
    matched: set[str] = set()
    for trigger in ground.triggers:
        hits = (d.indicators & trigger.indicators) | (
            d.legal_requirements & trigger.legal_requirements
        )
        if not hits:
            continue
        matched.update(h.value for h in hits)
        if trigger.at_risk is None or d.at_risk & trigger.at_risk:
            who = TriggerStatus.MET
        elif AtRisk.UNKNOWN in d.at_risk:
            who = TriggerStatus.REVIEW
        else:
            who = TriggerStatus.NOT_MET
        when = _imminence_status(d, trigger.imminence_unknown, trigger.not_imminent)
        status = min(who, when, key=lambda s: s.rank)
        if best is None or status.rank > best.rank:
            best = status
    return best, sorted(matched)


def _ground_check(rule_id: str) -> Callable[[Disclosure, ConfidentialityContext], Evaluation]:
    def check(d: Disclosure, c: ConfidentialityContext) -> Evaluation:  # noqa: PLR0911 - per outcome
        ground = c.ground(rule_id)
        if ground is None:
            return Evaluation(NA, "not_in_pack", {"pack": c.pack.id.value})
        base: dict[str, Any] = {
            "pack": c.pack.id.value,
            "ground": ground.id,
            "disclosure": ground.disclosure.value,
            "action": ground.action.value,
            "threshold": ground.threshold.value,
            "pack_citations": [str(x) for x in ground.cites],
        }
        if not c.enabled(ground):
            return Evaluation(NA, "switched_off", {**base, "policy_field": ground.policy_switch})
        status, matched = _trigger_status(ground, d)
        if status is None:
            return Evaluation(NA, "not_indicated", base)
        evidence = _effective_evidence(d, ground.threshold)
        facts = {
            **base,
            "matched": matched,
            "imminence": d.imminence.value,
            "at_risk": _values(d.at_risk),
            "evidence": evidence.value,
            "recipients": [r.value for r in ground.recipients],
        }
        if status is TriggerStatus.NOT_MET:
            return Evaluation(NOT_MET, "conditions_not_met", facts)
        if status is TriggerStatus.MET and not ground.threshold.met_by(evidence):
            return Evaluation(REVIEW, "below_threshold", facts)
        if status is TriggerStatus.REVIEW:
            return Evaluation(REVIEW, "needs_judgement", facts)
        return Evaluation(MET, "holds", facts)

    return check


def _consent(d: Disclosure, c: ConfidentialityContext) -> Evaluation:
    ground = c.ground(CONSENT_RULE)
    if d.consent is None or ground is None:
        return Evaluation(NA, "no_consent", {"pack": c.pack.id.value})
    consent = d.consent
    written = ground.consent_must_be_written
    problems = [
        name
        for name, bad in (
            ("revoked", consent.revoked),
            ("expired", consent.expires_on is not None and consent.expires_on < c.as_of),
            ("not_yet_signed", consent.signed_on > c.as_of),
            ("not_written", written and not consent.written),
        )
        if bad
    ]
    evidence = {
        "pack": c.pack.id.value,
        "ground": ground.id,
        "recipients": _values(consent.recipients),
        "information": _values(consent.information),
        "signed_on": consent.signed_on.isoformat(),
        "expires_on": consent.expires_on.isoformat() if consent.expires_on else None,
        "as_of": c.as_of.isoformat(),
        "written_required": written,
        "problems": problems,
        "pack_citations": [str(x) for x in ground.cites],
    }
    if problems:
        return Evaluation(NOT_MET, "invalid", evidence)
    return Evaluation(MET, "valid", evidence)


def _life_indicators(d: Disclosure) -> list[str]:
    return _values(d.indicators & RISK_TO_LIFE)


def _imminent_risk_to_life(d: Disclosure) -> bool:
    if RiskIndicator.IMMINENT_RISK_TO_LIFE in d.indicators:
        return True
    return d.imminence is Imminence.IMMINENT and bool(d.indicators & RISK_TO_LIFE)


def _emergency(d: Disclosure, c: ConfidentialityContext) -> Evaluation:
    del c
    life = _life_indicators(d)
    if not life:
        return Evaluation(NA, "no_risk_to_life", {})
    evidence = {"indicators": life, "imminence": d.imminence.value}
    if _imminent_risk_to_life(d):
        return Evaluation(MET, "emergency", evidence)
    return Evaluation(NA, "not_imminent", evidence)


def _imminence_judged(d: Disclosure, c: ConfidentialityContext) -> Evaluation:
    del c
    life = _life_indicators(d)
    if not life:
        return Evaluation(NA, "no_risk_to_life", {})
    evidence = {"indicators": life, "imminence": d.imminence.value}
    if d.imminence is Imminence.UNKNOWN:
        return Evaluation(REVIEW, "unknown", evidence)
    return Evaluation(MET, "judged", evidence)


def _witness(d: Disclosure, c: ConfidentialityContext) -> Evaluation:
    if d.learned_as is LearnedAs.SUPPORTER:
        return Evaluation(NA, "as_supporter", {})
    evidence = {
        "pack": c.pack.id.value,
        "protects_witness_knowledge": c.pack.protects_witness_knowledge,
        "pack_citations": [str(x.cite()) for x in c.pack.witness_citations],
    }
    if c.pack.protects_witness_knowledge:
        return Evaluation(MET, "covered", evidence)
    return Evaluation(REVIEW, "not_covered", evidence)


# --- the rules --------------------------------------------------------------------------------

_CONF = "Confidentiality"
_RECORDS = "Reporting and Recordkeeping"
_TEMPLATE = cite("workplace-ptsd-program", _CONF)
_WHO_VALUES = cite("who-qualityrights-one-to-one", "3 Individualized peer support values")
_WHO_ETHICS = cite("who-qualityrights-one-to-one", "6 From ethics to practice")
_WHO_SERVICES = cite(
    "who-qualityrights-one-to-one", "12 Peer supporters in mental health and social services"
)
_HIPAA_J = cite("us-hipaa-164-512j", "164.512(j)(1)(i)")

_GROUND_MESSAGES: Final = {
    "not_in_pack": "The {pack} pack has no ground of this kind.",
    "switched_off": "The policy switches this ground off ({policy_field}).",
    "not_indicated": "Nothing disclosed touches this ground of the {pack} pack.",
    "conditions_not_met": "{matched} disclosed, but the {pack} pack's conditions for this ground "
    "(who is at risk, imminence) do not hold.",
    "below_threshold": "{matched} disclosed; the evidence ({evidence}) is below the {threshold} "
    "threshold, so a professional is consulted.",
    "needs_judgement": "{matched} disclosed; who is at risk or how imminent it is needs "
    "judgement before confidentiality is broken.",
    "holds": "Ground '{ground}' of the {pack} pack holds ({matched}); it {disclosure} "
    "disclosure to: {recipients}.",
}


def _ground_rule(
    rule_id: str,
    title: str,
    severity: Severity,
    citations: tuple[Citation, ...],
    rationale: str,
) -> Rule[Disclosure, ConfidentialityContext]:
    return Rule(
        id=rule_id,
        title=title,
        severity=severity,
        citations=citations,
        rationale=rationale,
        remediation="Follow the required steps; disclose only the listed categories, only to "
        "the permitted recipients, and record the disclosure.",
        check=_ground_check(rule_id),
        messages=_GROUND_MESSAGES,
        tags=("confidentiality", "ground"),
    )


CONSENT_RULE: Final = "CONF-007"
GROUND_RULES: Final = ("CONF-001", "CONF-002", "CONF-003", "CONF-004", "CONF-005", "CONF-006")
EMERGENCY_RULE: Final = "CONF-008"
IMMINENCE_RULE: Final = "CONF-009"
WITNESS_RULE: Final = "CONF-010"

CONFIDENTIALITY: Final[RuleSet[Disclosure, ConfidentialityContext]] = RuleSet.of(
    "confidentiality",
    "1",
    [
        _ground_rule(
            "CONF-001",
            "Imminent risk to life or an attempted suicide",
            Severity.CRITICAL,
            (
                _TEMPLATE,
                cite("workplace-ptsd-program", _RECORDS),
                _HIPAA_J,
                cite("us-cops-counseling-act", "50901(c)(1)(A)"),
            ),
            "A risk to the person's own life is the first ground every pack knows. Packs differ "
            "on what counts: the template includes a past attempt, a threat rule needs the risk "
            "to be imminent, and the first-responder statute needs an explicit threat with a "
            "plan or the means; suicidal thoughts alone are not enough.",
        ),
        _ground_rule(
            "CONF-002",
            "Serious risk of harm to others",
            Severity.CRITICAL,
            (_TEMPLATE, _HIPAA_J, cite("us-cops-counseling-act", "50901(c)(1)(B)")),
            "A serious risk to someone else can justify disclosure to those able to prevent it, "
            "the person threatened among them. Some packs need the threat to be imminent, "
            "explicit, or aimed at a person who can be identified.",
        ),
        _ground_rule(
            "CONF-003",
            "Abuse or neglect",
            Severity.REQUIRED,
            (_TEMPLATE, _HIPAA_J, cite("us-cops-counseling-act", "50901(c)(1)(C)")),
            "Physical, sexual or serious emotional abuse, or neglect, can justify disclosure to "
            "protective services; a statute may limit it to children and older people.",
        ),
        _ground_rule(
            "CONF-004",
            "Serious self-harm, including life-threatening substance use",
            Severity.CRITICAL,
            (_TEMPLATE, _HIPAA_J),
            "Serious self-harm, and substance use that may threaten life, are a ground in the "
            "template; a threat rule needs them to be imminent.",
        ),
        _ground_rule(
            "CONF-005",
            "Evidence of a serious mental illness",
            Severity.ADVISORY,
            (_TEMPLATE, _WHO_VALUES, _WHO_ETHICS),
            "The template lists evidence of a serious mental illness as a ground, so the default "
            "pack keeps it. It carries a rights note: an illness is not itself a risk, peer "
            "supporters do not judge and do not report back to services, so a policy may switch "
            "the ground off and rely on the risk grounds.",
        ),
        _ground_rule(
            "CONF-006",
            "Required by applicable legislation",
            Severity.REQUIRED,
            (
                _TEMPLATE,
                cite("us-cops-counseling-act", "50901(c)(1)(C)"),
                cite("us-cops-counseling-act", "50901(c)(3)"),
            ),
            "A court order, a subpoena or a duty to report in law requires disclosure of what it "
            "names, whatever the programme's own policy says.",
        ),
        Rule(
            id=CONSENT_RULE,
            title="Permission from the person, valid and within its scope",
            severity=Severity.REQUIRED,
            citations=(_TEMPLATE, cite("us-cops-counseling-act", "50901(c)(2)")),
            rationale="The person may permit disclosure, but only to the recipients and of the "
            "information their permission names, and only while it is valid: signed, not "
            "expired, not revoked, and in writing where the pack asks for it.",
            remediation="Disclose nothing on an invalid consent; ask the person for a new one if "
            "disclosure is still wanted.",
            check=_consent,
            messages={
                "no_consent": "No consent is recorded.",
                "invalid": "The consent does not permit disclosure ({problems}).",
                "valid": "Valid consent for {information} to {recipients}.",
            },
            tags=("confidentiality", "consent"),
        ),
        Rule(
            id=EMERGENCY_RULE,
            title="Confidentiality never overrides an emergency response",
            severity=Severity.CRITICAL,
            citations=(cite("workplace-ptsd-program", _RECORDS), _TEMPLATE),
            rationale="Where a life is at imminent risk, standard emergency response comes first "
            "in every pack: emergency services are contacted and the person is told what will "
            "be done, whatever the evidential threshold of the pack's own grounds.",
            remediation="Contact emergency services now, tell the person what is being done, then "
            "consult and record.",
            check=_emergency,
            messages={
                "no_risk_to_life": "No indicator of a risk to life.",
                "not_imminent": "A risk to life ({indicators}) that is not known to be imminent.",
                "emergency": "Imminent risk to life ({indicators}): emergency response overrides "
                "confidentiality.",
            },
            tags=("confidentiality", "emergency"),
        ),
        Rule(
            id=IMMINENCE_RULE,
            title="A risk to life is never silently maintained while its imminence is unknown",
            severity=Severity.CRITICAL,
            citations=(
                cite("workplace-ptsd-program", _RECORDS),
                cite("workplace-ptsd-program", "Training"),
            ),
            rationale="Supporters are trained to recognise and raise a crisis. When a risk to "
            "life is disclosed and nobody has judged how imminent it is, keeping silent is not "
            "a safe default; the supporter consults before deciding.",
            remediation="Consult a mental health professional now and judge the imminence.",
            check=_imminence_judged,
            messages={
                "no_risk_to_life": "No indicator of a risk to life.",
                "unknown": "A risk to life ({indicators}) whose imminence is unknown.",
                "judged": "A risk to life ({indicators}) judged {imminence}.",
            },
            tags=("confidentiality", "fail_safe"),
        ),
        Rule(
            id=WITNESS_RULE,
            title="What the supporter witnessed is covered by the pack's confidentiality",
            severity=Severity.RECOMMENDED,
            citations=(_TEMPLATE, cite("us-cops-counseling-act", "50901(a)(3)")),
            rationale="The template keeps confidential whatever a supporter learns, from any "
            "source. A statute may protect only what is said in a peer support session, not what "
            "the supporter saw as a witness or took part in.",
            remediation="Seek advice before answering questions about an incident you witnessed "
            "or took part in; what the peer told you in support stays confidential.",
            check=_witness,
            messages={
                "as_supporter": "Learned in the supporter role.",
                "covered": "Learned as a witness or party; the {pack} pack still protects it.",
                "not_covered": "Learned as a witness or party; the {pack} pack protects only "
                "what is shared in peer support, so advice is needed.",
            },
            tags=("confidentiality",),
        ),
    ],
)


# --- the decision -----------------------------------------------------------------------------


def _decision_repr(self: ConfidentialityDecision) -> str:
    # Enums and rule ids only: nothing a person said can reach a repr.
    return (
        f"ConfidentialityDecision(action={self.action.value!r}, "
        f"grounds={[f.rule_id for f in self.grounds]!r}, "
        f"required_steps={[s.value for s in self.required_steps]!r}, "
        f"permitted_recipients={[r.value for r in self.permitted_recipients]!r}, "
        f"pack={self.pack.value!r})"
    )


@attrs.frozen(repr=False)
class ConfidentialityDecision:
    """What to do with what a peer shared, why, what must be done and the record to keep.

    ``grounds`` are the ``CONF-*`` findings that hold (outcome ``met``) and move the action;
    ``reviews`` the findings that call for a consultation; ``findings`` every rule's finding.
    """

    action: ConfidentialityAction
    grounds: tuple[Finding, ...]
    required_steps: tuple[RequiredStep, ...]
    permitted_recipients: tuple[Recipient, ...]
    prohibited_uses: tuple[ProhibitedUse, ...]
    record: DisclosureRecord
    findings: tuple[Finding, ...]
    rights_notes: tuple[Mapping[str, Any], ...]
    pack: PackId
    pack_version: str
    ruleset_version: str

    __repr__ = _decision_repr

    @property
    def reviews(self) -> tuple[Finding, ...]:
        """The findings that need a professional's judgement."""
        return tuple(f for f in self.findings if f.outcome is REVIEW)

    def information_for(self, recipient: Recipient | str) -> tuple[InformationCategory, ...]:
        """The categories of information ``recipient`` may receive (none if not permitted)."""
        for entry in self.record.entries:
            if entry.recipient == recipient:
                return entry.information
        return ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values in a stable shape."""
        return {
            "action": self.action.value,
            "grounds": [f.to_dict() for f in self.grounds],
            "required_steps": [s.value for s in self.required_steps],
            "permitted_recipients": [r.value for r in self.permitted_recipients],
            "prohibited_uses": [u.value for u in self.prohibited_uses],
            "record": self.record.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "rights_notes": [dict(n) for n in self.rights_notes],
            "pack": self.pack.value,
            "pack_version": self.pack_version,
            "ruleset_version": self.ruleset_version,
        }

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no insignificant whitespace."""
        return canonical_json(self.to_dict())


@attrs.define
class _Entry:
    information: set[InformationCategory] = attrs.field(factory=set)
    purposes: set[RecordPurpose] = attrs.field(factory=set)
    grounds: set[str] = attrs.field(factory=set)


@attrs.define
class _Tally:
    """What the findings add up to; each contribution can only raise the response."""

    action: ConfidentialityAction = MAINTAIN
    steps: set[RequiredStep] = attrs.field(factory=set)
    documentation: set[DocumentationField] = attrs.field(factory=set)
    entries: dict[Recipient, _Entry] = attrs.field(factory=dict)

    def add(
        self,
        action: ConfidentialityAction,
        steps: Iterable[RequiredStep],
        documentation: Iterable[DocumentationField],
    ) -> None:
        if action.rank > self.action.rank:
            self.action = action
        self.steps.update(steps)
        self.documentation.update(documentation)

    def permit(
        self,
        recipients: Iterable[Recipient],
        information: Iterable[InformationCategory],
        purpose: RecordPurpose,
        rule_id: str,
    ) -> None:
        info = set(information)
        for recipient in recipients:
            entry = self.entries.setdefault(recipient, _Entry())
            entry.information |= info
            entry.purposes.add(purpose)
            entry.grounds.add(rule_id)

    def record_entries(self) -> tuple[RecordEntry, ...]:
        return tuple(
            RecordEntry(
                recipient=recipient,
                information=tuple(sorted(e.information)),
                purposes=tuple(sorted(e.purposes)),
                grounds=tuple(sorted(e.grounds)),
            )
            for recipient, e in sorted(self.entries.items())
        )


def _consult(tally: _Tally) -> None:
    tally.add(CONSULT, REVIEW_STEPS, CONSULT_DOCUMENTATION)


def _tally(
    d: Disclosure, c: ConfidentialityContext, findings: tuple[Finding, ...]
) -> tuple[_Tally, list[Finding]]:
    tally = _Tally()
    grounds: list[Finding] = []
    for f in findings:
        rule_id = f.rule_id
        if f.outcome is REVIEW:
            _consult(tally)
            continue
        if f.outcome is not MET:
            continue
        if rule_id in GROUND_RULES or rule_id == CONSENT_RULE:
            ground = c.ground(rule_id)
            if ground is None:  # pragma: no cover - a met ground rule read its ground
                continue
            grounds.append(f)
            tally.add(ground.action, ground.steps, ground.documentation)
            if ground.action is not BREAK:
                continue
            if ground.kind is GroundKind.CONSENT:
                assert d.consent is not None  # noqa: S101 - a met consent rule read it
                tally.permit(d.consent.recipients, d.consent.information, ground.purpose, rule_id)
            else:
                tally.permit(ground.recipients, ground.information, ground.purpose, rule_id)
        elif rule_id == EMERGENCY_RULE:
            grounds.append(f)
            tally.add(BREAK, EMERGENCY_STEPS, EMERGENCY_DOCUMENTATION)
            tally.permit(
                (Recipient.EMERGENCY_SERVICES,),
                EMERGENCY_INFORMATION,
                RecordPurpose.EMERGENCY_RESPONSE,
                rule_id,
            )
    return tally, grounds


def _rights_notes(
    c: ConfidentialityContext, grounds: list[Finding]
) -> tuple[Mapping[str, Any], ...]:
    notes = []
    for f in grounds:
        ground = c.ground(f.rule_id)
        if ground is not None and ground.rights_note is not None:
            notes.append(
                {
                    "rule_id": f.rule_id,
                    "ground": ground.id,
                    "text": ground.rights_note.text,
                    "citations": [x.cite().to_dict() for x in ground.rights_note.citations],
                }
            )
    return tuple(notes)


def _decide(d: Disclosure, c: ConfidentialityContext) -> ConfidentialityDecision:
    findings = CONFIDENTIALITY.evaluate(d, c, d.id)
    tally, grounds = _tally(d, c, findings)
    steps = tuple(sorted(tally.steps, key=lambda s: s.order))
    entries = tally.record_entries() if tally.action is BREAK else ()
    relied = {g for e in entries for g in e.grounds}
    consent = d.consent if CONSENT_RULE in relied else None
    record = DisclosureRecord(
        disclosure_id=d.id,
        decided_on=c.as_of,
        decided_by=d.decided_by,
        decider_id=d.decider_id,
        action=tally.action,
        grounds=tuple(sorted(f.rule_id for f in grounds)),
        entries=entries,
        required_steps=steps,
        documentation=tuple(sorted(tally.documentation, key=list(DocumentationField).index)),
        person_informed=d.person_informed,
        inform_person_required=RequiredStep.INFORM_PERSON in tally.steps,
        restricted_access=RequiredStep.RESTRICT_RECORD_ACCESS in tally.steps,
        prohibited_uses=c.pack.prohibited_uses,
        consent_reference=consent.reference if consent is not None else None,
        legal_requirements=tuple(sorted(d.legal_requirements)) if "CONF-006" in relied else (),
        pack=c.pack.id,
        pack_version=c.pack.version,
        ruleset_version=CONFIDENTIALITY.label,
        policy_digest=c.policy.digest,
        input_digest=d.input_digest,
    )
    return ConfidentialityDecision(
        action=tally.action,
        grounds=tuple(grounds),
        required_steps=steps,
        permitted_recipients=tuple(e.recipient for e in entries),
        prohibited_uses=c.pack.prohibited_uses,
        record=record,
        findings=findings,
        rights_notes=_rights_notes(c, grounds),
        pack=c.pack.id,
        pack_version=c.pack.version,
        ruleset_version=CONFIDENTIALITY.label,
    )


def _context(
    policy: Policy | Mapping[str, Any] | None, as_of: date | None
) -> ConfidentialityContext:
    valid = coerce_policy(policy)
    return ConfidentialityContext(
        policy=valid,
        pack=confidentiality_pack(valid.confidentiality_pack),
        as_of=coerce_as_of(as_of),
    )


def decide_confidentiality(
    disclosure: Disclosure | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> ConfidentialityDecision:
    """Decide whether to maintain, consult on or break confidentiality, under the policy's pack.

    ``as_of`` is the day of the decision (it judges a consent's validity and dates the record);
    it defaults to today. Bad input raises :class:`~peersupport.InvalidInput`.
    """
    subject = coerce_model(Disclosure, disclosure, "disclosure")
    return _decide(subject, _context(policy, as_of))


# --- requests for information -----------------------------------------------------------------


@attrs.frozen
class RequestContext:
    """What the request rules read: the confidentiality context and the decision on the facts."""

    base: ConfidentialityContext
    decision: ConfidentialityDecision | None


def _purpose(r: InformationRequest, c: RequestContext) -> Evaluation:
    use = _PURPOSE_USE.get(r.purpose)
    evidence = {"purpose": r.purpose.value, "pack": c.base.pack.id.value}
    if use is not None and use in c.base.pack.prohibited_uses:
        return Evaluation(NOT_MET, "prohibited", {**evidence, "prohibited_use": use.value})
    return Evaluation(MET, "allowed", evidence)


def _permitted(r: InformationRequest, c: RequestContext) -> bool:
    return (
        c.decision is not None
        and c.decision.action is BREAK
        and r.requester in c.decision.permitted_recipients
    )


def _no_report_back(r: InformationRequest, c: RequestContext) -> Evaluation:
    if not r.requester.is_management:
        return Evaluation(NA, "not_management", {"requester": r.requester.value})
    evidence = {"requester": r.requester.value}
    if _permitted(r, c):
        return Evaluation(MET, "ground_allows", evidence)
    return Evaluation(NOT_MET, "report_back", evidence)


def _recipient(r: InformationRequest, c: RequestContext) -> Evaluation:
    evidence: dict[str, Any] = {"requester": r.requester.value}
    if c.decision is None:
        return Evaluation(NOT_MET, "no_facts", evidence)
    evidence["action"] = c.decision.action.value
    evidence["permitted_recipients"] = [x.value for x in c.decision.permitted_recipients]
    if not _permitted(r, c):
        return Evaluation(NOT_MET, "not_permitted", evidence)
    released = sorted(set(c.decision.information_for(r.requester)) & r.information)
    evidence["released"] = [x.value for x in released]
    if not released:
        return Evaluation(NOT_MET, "outside_scope", evidence)
    return Evaluation(MET, "permitted", evidence)


INFORMATION_REQUESTS: Final[RuleSet[InformationRequest, RequestContext]] = RuleSet.of(
    "confidentiality",
    "1",
    [
        Rule(
            id="CONF-011",
            title="What a peer shared is never used for discipline or investigation",
            severity=Severity.REQUIRED,
            citations=(_TEMPLATE, _WHO_VALUES, _WHO_SERVICES),
            rationale="Sharing in peer support leads to no investigation and no disciplinary "
            "measure, and a supporter is not pressed in team meetings to reveal what a peer "
            "told them; otherwise nobody would use the programme.",
            remediation="Refuse the request; the information may not be used for this purpose.",
            check=_purpose,
            messages={
                "prohibited": "A request for {purpose} is a prohibited use ({prohibited_use}).",
                "allowed": "The purpose ({purpose}) is not a prohibited use.",
            },
            tags=("confidentiality", "request"),
        ),
        Rule(
            id="CONF-012",
            title="No report back to supervisors or leadership",
            severity=Severity.REQUIRED,
            citations=(_TEMPLATE, _WHO_VALUES),
            rationale="Supporters do not report back to supervisors, managers, HR or leadership: "
            "power stays shared and the peer's privacy builds the trust support depends on. "
            "Only a ground that holds and names them, such as the person's own consent, "
            "changes that.",
            remediation="Refuse; point the requester to the programme's confidentiality policy.",
            check=_no_report_back,
            messages={
                "not_management": "The requester ({requester}) is not in the line of management.",
                "report_back": "Answering {requester} would be a report back; refused.",
                "ground_allows": "A ground that holds names {requester} as a recipient.",
            },
            tags=("confidentiality", "request"),
        ),
        Rule(
            id="CONF-013",
            title="Released only to a recipient a holding ground permits",
            severity=Severity.REQUIRED,
            citations=(_TEMPLATE,),
            rationale="Records of what was shared have restricted access; they are released only "
            "with the person's permission or where a ground for breaking confidentiality holds, "
            "and then only the categories that ground allows.",
            remediation="Refuse, unless a ground holds that names the requester.",
            check=_recipient,
            messages={
                "no_facts": "No ground can hold: the request gives no facts of a disclosure.",
                "not_permitted": "No ground that holds permits disclosure to {requester}.",
                "outside_scope": "Nothing asked for is within what {requester} may receive.",
                "permitted": "{requester} may receive: {released}.",
            },
            tags=("confidentiality", "request"),
        ),
    ],
)


def _request_repr(self: InformationRequestDecision) -> str:
    return (
        f"InformationRequestDecision(answer={self.answer.value!r}, "
        f"released_information={[i.value for i in self.released_information]!r})"
    )


@attrs.frozen(repr=False)
class InformationRequestDecision:
    """The answer to a request for what a peer shared, with the findings behind it."""

    answer: RequestAnswer
    findings: tuple[Finding, ...]
    released_information: tuple[InformationCategory, ...]
    prohibited_uses: tuple[ProhibitedUse, ...]
    decision: ConfidentialityDecision | None
    record: DisclosureRecord | None

    __repr__ = _request_repr

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values in a stable shape."""
        return {
            "answer": self.answer.value,
            "findings": [f.to_dict() for f in self.findings],
            "released_information": [i.value for i in self.released_information],
            "prohibited_uses": [u.value for u in self.prohibited_uses],
            "decision": self.decision.to_dict() if self.decision is not None else None,
            "record": self.record.to_dict() if self.record is not None else None,
        }

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no insignificant whitespace."""
        return canonical_json(self.to_dict())


def decide_information_request(
    request: InformationRequest | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
) -> InformationRequestDecision:
    """Answer someone asking what a peer shared: refused unless a ground that holds names them.

    Requests for discipline, performance management, investigation or a team meeting are
    refused whatever the grounds; the line of management is never reported back to otherwise.
    When the answer is ``release``, ``record`` accounts for that one release.
    """
    subject = coerce_model(InformationRequest, request, "request")
    base = _context(policy, as_of)
    decision = _decide(subject.disclosure, base) if subject.disclosure is not None else None
    findings = INFORMATION_REQUESTS.evaluate(subject, RequestContext(base, decision), subject.id)
    release = all(f.outcome is not NOT_MET for f in findings)
    released: tuple[InformationCategory, ...] = ()
    record = None
    if release and decision is not None:
        released = tuple(
            sorted(set(decision.information_for(subject.requester)) & subject.information)
        )
        entry = next(e for e in decision.record.entries if e.recipient is subject.requester)
        narrowed = RecordEntry(
            recipient=entry.recipient,
            information=released,
            purposes=entry.purposes,
            grounds=entry.grounds,
        )
        record = decision.record.model_copy(update={"entries": (narrowed,)})
    return InformationRequestDecision(
        answer=RequestAnswer.RELEASE if release else RequestAnswer.REFUSE,
        findings=findings,
        released_information=released,
        prohibited_uses=base.pack.prohibited_uses,
        decision=decision,
        record=record,
    )


# --- the packs as data ------------------------------------------------------------------------


def describe_grounds(
    policy: Policy | Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], ...]:
    """The grounds of the policy's pack as plain JSON values, each saying if the policy keeps it.

    The programme audit reads this to report which grounds a confidentiality policy keeps
    (for example the serious mental illness ground).
    """
    valid = coerce_policy(policy)
    pack = confidentiality_pack(valid.confidentiality_pack)
    context = ConfidentialityContext(valid, pack, date.min)
    return tuple(
        {
            "pack": pack.id.value,
            "pack_version": pack.version,
            **g.describe(enabled=context.enabled(g)),
        }
        for g in pack.grounds
    )
