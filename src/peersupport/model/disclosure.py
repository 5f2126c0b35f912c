"""What a peer shared, what may be done with it, and the record kept of any disclosure.

The vocabulary of confidentiality decisions: the :class:`Disclosure` a supporter brings to a
decision, the :class:`Consent` a person may give, the :class:`InformationRequest` a manager may
make, the jurisdiction packs (:class:`ConfidentialityPack`, bundled as YAML and validated on
load) and the :class:`DisclosureRecord` an accounting of disclosures keeps.

None of it holds free text except :attr:`Disclosure.note`, which never leaves the model: it is
kept out of the ``repr``, the input digest, the decision and the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal, Self, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from peersupport.engine import Citation, canonical_json, digest_json
from peersupport.model._base import FrozenModel
from peersupport.sources import SOURCES

__all__ = [
    "RISK_TO_LIFE",
    "AtRisk",
    "ConfidentialityAction",
    "ConfidentialityPack",
    "Consent",
    "DeciderRole",
    "Disclosure",
    "DisclosureMode",
    "DisclosureRecord",
    "DisclosureSource",
    "DocumentationField",
    "Evidence",
    "EvidentialThreshold",
    "GroundKind",
    "GroundTrigger",
    "Imminence",
    "InformationCategory",
    "InformationRequest",
    "LearnedAs",
    "LegalRequirement",
    "PackGround",
    "PackId",
    "ProhibitedUse",
    "Recipient",
    "RecordEntry",
    "RecordPurpose",
    "RequestPurpose",
    "RequiredStep",
    "RightsNote",
    "RiskIndicator",
    "TriggerStatus",
    "confidentiality_pack",
    "confidentiality_packs",
]

E = TypeVar("E", bound=StrEnum)

_ID = r"^[A-Za-z0-9][A-Za-z0-9._:@/-]*$"
RefId = Annotated[str, Field(min_length=1, max_length=128, pattern=_ID)]


# --- the disclosure ---------------------------------------------------------------------------


class RiskIndicator(StrEnum):
    """A sign of risk the supporter learned of; never a diagnosis."""

    IMMINENT_RISK_TO_LIFE = "imminent_risk_to_life"
    SUICIDE_ATTEMPT = "suicide_attempt"
    SUICIDAL_THOUGHTS = "suicidal_thoughts"
    SUICIDE_PLAN_OR_MEANS = "suicide_plan_or_means"
    SERIOUS_HARM_TO_OTHERS = "serious_harm_to_others"
    PHYSICAL_ABUSE = "physical_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    SERIOUS_EMOTIONAL_ABUSE = "serious_emotional_abuse"
    NEGLECT = "neglect"
    SERIOUS_SELF_HARM = "serious_self_harm"
    LIFE_THREATENING_SUBSTANCE_USE = "life_threatening_substance_use"
    SERIOUS_MENTAL_ILLNESS = "serious_mental_illness"


RISK_TO_LIFE: Final[frozenset[RiskIndicator]] = frozenset(
    {
        RiskIndicator.IMMINENT_RISK_TO_LIFE,
        RiskIndicator.SUICIDE_ATTEMPT,
        RiskIndicator.SUICIDAL_THOUGHTS,
        RiskIndicator.SUICIDE_PLAN_OR_MEANS,
        RiskIndicator.SERIOUS_HARM_TO_OTHERS,
        RiskIndicator.SERIOUS_SELF_HARM,
        RiskIndicator.LIFE_THREATENING_SUBSTANCE_USE,
    }
)
"""The indicators of a risk to someone's life: with imminence ``imminent`` or ``unknown`` they
never leave confidentiality silently maintained."""


class AtRisk(StrEnum):
    """Who is at risk."""

    SELF = "self"
    IDENTIFIABLE_PERSON = "identifiable_person"
    CHILD_OR_VULNERABLE_PERSON = "child_or_vulnerable_person"
    PUBLIC = "public"
    UNKNOWN = "unknown"


class Imminence(StrEnum):
    """How soon the harm may happen; ``unknown`` until someone has judged it."""

    IMMINENT = "imminent"
    NOT_IMMINENT = "not_imminent"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """``not_imminent`` 0 < ``unknown`` 1 < ``imminent`` 2; moving up never lowers it."""
        return _IMMINENCE_RANK[self]


_IMMINENCE_RANK: Final = {Imminence.NOT_IMMINENT: 0, Imminence.UNKNOWN: 1, Imminence.IMMINENT: 2}


class LearnedAs(StrEnum):
    """In what capacity the supporter learned it."""

    SUPPORTER = "supporter"
    WITNESS_OR_PARTY = "witness_or_party"


class DisclosureSource(StrEnum):
    """Whether the person said it or the supporter saw it."""

    DISCLOSED = "disclosed"
    OBSERVED = "observed"


class Evidence(StrEnum):
    """How strong the supporter's basis is; compared with a ground's evidential threshold."""

    UNKNOWN = "unknown"
    GOOD_FAITH = "good_faith"
    REASONABLE_GROUNDS = "reasonable_grounds"
    EXPLICIT = "explicit"

    @property
    def rank(self) -> int:
        """``unknown`` 0 < ``good_faith`` 1 < ``reasonable_grounds`` 2 < ``explicit`` 3."""
        return _EVIDENCE_RANK[self]


_EVIDENCE_RANK: Final = {e: i for i, e in enumerate(Evidence)}


class LegalRequirement(StrEnum):
    """A legal instrument that requires disclosure."""

    COURT_ORDER = "court_order"
    SUBPOENA = "subpoena"
    MANDATORY_REPORTING_LAW = "mandatory_reporting_law"


class Recipient(StrEnum):
    """Who may receive information, or who asks for it."""

    EMERGENCY_SERVICES = "emergency_services"
    MENTAL_HEALTH_PROFESSIONAL = "mental_health_professional"
    PERSON_AT_RISK = "person_at_risk"
    FAMILY_OR_SUPPORT_PERSON = "family_or_support_person"
    LAW_ENFORCEMENT = "law_enforcement"
    PROTECTIVE_SERVICES = "protective_services"
    COURT = "court"
    EMPLOYEE_ASSISTANCE_PROGRAM = "employee_assistance_program"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    HUMAN_RESOURCES = "human_resources"
    LEADERSHIP = "leadership"
    COWORKER = "coworker"

    @property
    def is_management(self) -> bool:
        """Part of the line of management, to whom a supporter never reports back."""
        return self in _MANAGEMENT


_MANAGEMENT: Final = frozenset(
    {Recipient.SUPERVISOR, Recipient.MANAGER, Recipient.HUMAN_RESOURCES, Recipient.LEADERSHIP}
)


class InformationCategory(StrEnum):
    """A category of information, as consent names it and a record accounts for it."""

    FACT_OF_SUPPORT = "fact_of_support"
    IDENTITY_AND_LOCATION = "identity_and_location"
    RISK_TO_LIFE = "risk_to_life"
    RISK_TO_OTHERS = "risk_to_others"
    ABUSE_OR_NEGLECT = "abuse_or_neglect"
    SELF_HARM = "self_harm"
    SUBSTANCE_USE = "substance_use"
    MENTAL_HEALTH = "mental_health"
    SESSION_CONTENT = "session_content"


def _sorted_values(values: Iterable[StrEnum]) -> list[str]:
    """A set of enum members as a sorted list of values: byte-identical across processes."""
    return sorted(v.value for v in values)


EnumSet = Annotated[frozenset[E], PlainSerializer(_sorted_values, return_type=list[str])]


class Consent(FrozenModel):
    """A permission the person gave: to whom, for what information, and while it is valid."""

    recipients: EnumSet[Recipient] = Field(min_length=1, description="Who it names.")
    information: EnumSet[InformationCategory] = Field(
        min_length=1, description="The categories of information it covers."
    )
    signed_on: date
    expires_on: date | None = Field(default=None, description="Last day it is valid, if any.")
    revoked: bool = False
    written: bool = Field(default=True, description="Given in writing (some packs need it).")
    reference: RefId | None = Field(
        default=None, description="The host's id for the signed form; not its content."
    )

    def valid_on(self, day: date, *, written_required: bool) -> bool:
        """Signed by ``day``, not expired on it, not revoked, and written if that is required."""
        return (
            not self.revoked
            and self.signed_on <= day
            and (self.expires_on is None or day <= self.expires_on)
            and (self.written or not written_required)
        )


class DeciderRole(StrEnum):
    """Who takes the decision: a role, never a name."""

    PEER_SUPPORTER = "peer_supporter"
    PEER_SUPPORT_COORDINATOR = "peer_support_coordinator"
    MENTAL_HEALTH_PROFESSIONAL = "mental_health_professional"


def _unknown_when_empty(value: frozenset[AtRisk]) -> frozenset[AtRisk]:
    # An empty set says nothing about who is at risk: read it as unknown, never as nobody.
    return value or frozenset({AtRisk.UNKNOWN})


class Disclosure(FrozenModel):
    """What a supporter learned, as structured facts; no free text is needed.

    ``note`` may carry the supporter's own words for the host's use. It never enters the
    decision, the record, the input digest, a ``repr`` or an error message.
    """

    id: RefId | None = Field(default=None, description="The host's id for this disclosure.")
    indicators: EnumSet[RiskIndicator] = frozenset()
    at_risk: EnumSet[AtRisk] = Field(
        default=frozenset({AtRisk.UNKNOWN}),
        description="Who is at risk; empty or absent means unknown.",
    )
    imminence: Imminence = Imminence.UNKNOWN
    evidence: Evidence = Field(
        default=Evidence.UNKNOWN,
        description="The supporter's basis, compared with each ground's evidential threshold.",
    )
    legal_requirements: EnumSet[LegalRequirement] = frozenset()
    consent: Consent | None = None
    learned_as: LearnedAs = LearnedAs.SUPPORTER
    source: DisclosureSource = DisclosureSource.DISCLOSED
    decided_by: DeciderRole = DeciderRole.PEER_SUPPORTER
    decider_id: RefId | None = Field(default=None, description="The host's id for the decider.")
    person_informed: bool | None = Field(
        default=None, description="Whether the person has been told; None until recorded."
    )
    note: str | None = Field(
        default=None,
        repr=False,
        exclude=True,
        max_length=10_000,
        description="Free text for the host; never decided on, recorded or reported.",
    )

    @field_validator("at_risk")
    @classmethod
    def _at_risk_known(cls, value: frozenset[AtRisk]) -> frozenset[AtRisk]:
        return _unknown_when_empty(value)

    @property
    def input_digest(self) -> str:
        """Digest of the structured facts; the note is excluded, so it cannot be guessed back."""
        return digest_json(self.model_dump(mode="json"))


class RequestPurpose(StrEnum):
    """Why someone asks what a peer shared."""

    WELFARE_CHECK = "welfare_check"
    EMERGENCY_RESPONSE = "emergency_response"
    LEGAL_PROCESS = "legal_process"
    DISCIPLINE = "discipline"
    PERFORMANCE_MANAGEMENT = "performance_management"
    INVESTIGATION = "investigation"
    TEAM_MEETING = "team_meeting"
    OTHER = "other"


class InformationRequest(FrozenModel):
    """Someone (often a supervisor, manager, HR or leadership) asks what a peer shared."""

    id: RefId | None = None
    requester: Recipient
    purpose: RequestPurpose = RequestPurpose.OTHER
    information: EnumSet[InformationCategory] = Field(
        default=frozenset(InformationCategory),
        description="What is asked for; everything if not said.",
    )
    disclosure: Disclosure | None = Field(
        default=None,
        description="The structured facts of what was shared, if a ground may apply.",
    )


# --- the decision's vocabulary ----------------------------------------------------------------


class ConfidentialityAction(StrEnum):
    """What to do with what was shared: ``maintain`` < ``consult`` < ``break``."""

    MAINTAIN = "maintain"
    CONSULT = "consult"
    BREAK = "break"

    @property
    def rank(self) -> int:
        """``maintain`` 0 < ``consult`` 1 < ``break`` 2."""
        return _ACTION_RANK[self]


_ACTION_RANK: Final = {a: i for i, a in enumerate(ConfidentialityAction)}


class RequiredStep(StrEnum):
    """A step the decision requires, in the order it is taken."""

    CONTACT_EMERGENCY_SERVICES = "contact_emergency_services"
    INFORM_PERSON = "inform_person"
    CONSULT_MENTAL_HEALTH_PROFESSIONAL = "consult_mental_health_professional"
    DOCUMENT_MINIMUM_NECESSARY = "document_minimum_necessary"
    RESTRICT_RECORD_ACCESS = "restrict_record_access"

    @property
    def order(self) -> int:
        """Position in the canonical order of steps."""
        return _STEP_ORDER[self]


_STEP_ORDER: Final = {s: i for i, s in enumerate(RequiredStep)}


class ProhibitedUse(StrEnum):
    """What information shared in peer support is never used for."""

    DISCIPLINE = "discipline"
    REPORTING_BACK = "reporting_back"
    INVESTIGATION = "investigation"


class RecordPurpose(StrEnum):
    """Why information was disclosed, as the record states it."""

    EMERGENCY_RESPONSE = "emergency_response"
    PREVENT_HARM_TO_SELF = "prevent_harm_to_self"
    PREVENT_HARM_TO_OTHERS = "prevent_harm_to_others"
    PROTECT_FROM_ABUSE_OR_NEGLECT = "protect_from_abuse_or_neglect"
    CLINICAL_CONSULTATION = "clinical_consultation"
    LEGAL_OBLIGATION = "legal_obligation"
    AT_PERSONS_REQUEST = "at_persons_request"


class DocumentationField(StrEnum):
    """A fact a ground needs documented when it is relied on."""

    DECIDED_ON = "decided_on"
    DECIDED_BY = "decided_by"
    RECIPIENT = "recipient"
    INFORMATION_CATEGORY = "information_category"
    PURPOSE = "purpose"
    GROUND = "ground"
    EVIDENCE_BASIS = "evidence_basis"
    IMMINENCE = "imminence"
    PERSON_AT_RISK = "person_at_risk"
    PERSON_INFORMED = "person_informed"
    CONSENT_REFERENCE = "consent_reference"
    LEGAL_AUTHORITY = "legal_authority"


# --- jurisdiction packs -----------------------------------------------------------------------


class PackId(StrEnum):
    """The bundled jurisdiction packs; each is named after the source it is modelled on."""

    WORKPLACE_PTSD_PROGRAM = "workplace-ptsd-program"
    US_HIPAA_164_512J = "us-hipaa-164-512j"
    US_COPS_COUNSELING_ACT = "us-cops-counseling-act"


class GroundKind(StrEnum):
    """What establishes a ground: risk indicators, a legal requirement or the person's consent."""

    INDICATOR = "indicator"
    LEGAL = "legal"
    CONSENT = "consent"


class DisclosureMode(StrEnum):
    """Whether a ground permits disclosure or requires it."""

    PERMITS = "permits"
    REQUIRES = "requires"


class EvidentialThreshold(StrEnum):
    """How strong the basis must be for a ground to hold."""

    GOOD_FAITH = "good_faith"
    REASONABLE_GROUNDS = "reasonable_grounds"
    EXPLICIT_THREAT = "explicit_threat"
    AUTHORITY = "authority"

    def met_by(self, evidence: Evidence) -> bool:
        """Whether ``evidence`` reaches this threshold.

        ``authority`` is met by any evidence: a consent or a legal instrument establishes it.
        """
        return evidence.rank >= _THRESHOLD_RANK[self]


_THRESHOLD_RANK: Final = {
    EvidentialThreshold.GOOD_FAITH: Evidence.GOOD_FAITH.rank,
    EvidentialThreshold.REASONABLE_GROUNDS: Evidence.REASONABLE_GROUNDS.rank,
    EvidentialThreshold.EXPLICIT_THREAT: Evidence.EXPLICIT.rank,
    EvidentialThreshold.AUTHORITY: 0,
}


class TriggerStatus(StrEnum):
    """What a trigger concludes when imminence is not ``imminent``."""

    NOT_MET = "not_met"
    REVIEW = "review"
    MET = "met"

    @property
    def rank(self) -> int:
        """``not_met`` 0 < ``review`` 1 < ``met`` 2."""
        return _TRIGGER_RANK[self]


_TRIGGER_RANK: Final = {t: i for i, t in enumerate(TriggerStatus)}
_PACK_CONFIG: Final = ConfigDict(frozen=True, extra="forbid")

INDICATOR_RULES: Final = ("CONF-001", "CONF-002", "CONF-003", "CONF-004", "CONF-005")
LEGAL_RULE: Final = "CONF-006"
CONSENT_RULE: Final = "CONF-007"
REVIEW_STEPS: Final = (
    RequiredStep.CONSULT_MENTAL_HEALTH_PROFESSIONAL,
    RequiredStep.DOCUMENT_MINIMUM_NECESSARY,
    RequiredStep.RESTRICT_RECORD_ACCESS,
)
"""The steps of a ``consult``; every indicator ground's own steps include them, so a ground
moving from review to met never drops a step."""


class _CitationData(BaseModel):
    model_config = _PACK_CONFIG
    source: str
    section: str
    item: str | None = None

    @model_validator(mode="after")
    def _known(self) -> Self:
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}")
        return self

    def cite(self) -> Citation:
        return Citation(self.source, self.section, self.item)


class RightsNote(BaseModel):
    """A caution kept with a ground, citing the rights-based guidance behind it."""

    model_config = _PACK_CONFIG
    text: str = Field(min_length=1)
    citations: tuple[_CitationData, ...] = Field(min_length=1)


class GroundTrigger(BaseModel):
    """One way a ground comes to hold.

    Any of its indicators (or legal requirements), for a person at risk it names, at a given
    imminence.
    """

    model_config = _PACK_CONFIG
    indicators: frozenset[RiskIndicator] = frozenset()
    legal_requirements: frozenset[LegalRequirement] = frozenset()
    at_risk: frozenset[AtRisk] | None = Field(
        default=None, description="Whom the risk must be to; anyone if absent."
    )
    imminence_unknown: TriggerStatus = TriggerStatus.MET
    not_imminent: TriggerStatus = TriggerStatus.MET

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if bool(self.indicators) == bool(self.legal_requirements):
            raise ValueError("a trigger names indicators or legal requirements, not both")
        if self.not_imminent.rank > self.imminence_unknown.rank:
            raise ValueError("not_imminent may not conclude more than imminence_unknown")
        if self.at_risk is not None and (not self.at_risk or AtRisk.UNKNOWN in self.at_risk):
            raise ValueError("at_risk names known people at risk")
        return self


class PackGround(BaseModel):
    """One ground of a pack: when it holds, what it allows and what it asks to be done."""

    model_config = _PACK_CONFIG
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    rule: str = Field(pattern=r"^CONF-00[1-7]$")
    kind: GroundKind
    title: str = Field(min_length=1)
    disclosure: DisclosureMode
    action: Literal[ConfidentialityAction.CONSULT, ConfidentialityAction.BREAK]
    threshold: EvidentialThreshold
    purpose: RecordPurpose
    recipients: tuple[Recipient, ...] = ()
    information: tuple[InformationCategory, ...] = ()
    documentation: tuple[DocumentationField, ...] = Field(min_length=1)
    steps: tuple[RequiredStep, ...] = Field(min_length=1)
    triggers: tuple[GroundTrigger, ...] = ()
    consent_must_be_written: bool = False
    policy_switch: Literal["confidentiality_serious_mental_illness_ground"] | None = None
    rights_note: RightsNote | None = None
    citations: tuple[_CitationData, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        expected = {
            GroundKind.INDICATOR: INDICATOR_RULES,
            GroundKind.LEGAL: (LEGAL_RULE,),
            GroundKind.CONSENT: (CONSENT_RULE,),
        }[self.kind]
        if self.rule not in expected:
            raise ValueError(f"a {self.kind} ground maps to one of {expected}")
        if self.disclosure is DisclosureMode.REQUIRES and self.action is not (
            ConfidentialityAction.BREAK
        ):
            raise ValueError("a ground that requires disclosure breaks confidentiality")
        if list(self.steps) != sorted(set(self.steps), key=lambda s: s.order):
            raise ValueError("steps are listed once each, in the canonical order")
        if self.kind is GroundKind.CONSENT:
            if self.triggers or self.recipients or self.information:
                raise ValueError("a consent ground takes its recipients and scope from the consent")
            return self
        if not self.recipients or not self.information or not self.triggers:
            raise ValueError("a ground names its recipients, information and triggers")
        legal = self.kind is GroundKind.LEGAL
        if any(bool(t.legal_requirements) != legal for t in self.triggers):
            raise ValueError(f"a {self.kind} ground's triggers name {self.kind} facts only")
        if not legal and not set(REVIEW_STEPS) <= set(self.steps):
            raise ValueError(
                f"an indicator ground's steps include {[s.value for s in REVIEW_STEPS]}"
            )
        return self

    @property
    def cites(self) -> tuple[Citation, ...]:
        """The ground's citations."""
        return tuple(c.cite() for c in self.citations)

    def describe(self, *, enabled: bool = True) -> dict[str, Any]:
        """The ground as plain JSON values (the programme audit reads this)."""
        return {
            "id": self.id,
            "rule": self.rule,
            "kind": self.kind.value,
            "title": self.title,
            "disclosure": self.disclosure.value,
            "action": self.action.value,
            "threshold": self.threshold.value,
            "purpose": self.purpose.value,
            "recipients": [r.value for r in self.recipients],
            "information": [i.value for i in self.information],
            "documentation": [d.value for d in self.documentation],
            "steps": [s.value for s in self.steps],
            "triggers": [
                {
                    "indicators": _sorted_values(t.indicators),
                    "legal_requirements": _sorted_values(t.legal_requirements),
                    "at_risk": None if t.at_risk is None else _sorted_values(t.at_risk),
                    "imminence_unknown": t.imminence_unknown.value,
                    "not_imminent": t.not_imminent.value,
                }
                for t in self.triggers
            ],
            "consent_must_be_written": self.consent_must_be_written,
            "policy_switch": self.policy_switch,
            "enabled": enabled,
            "rights_note": None
            if self.rights_note is None
            else {
                "text": self.rights_note.text,
                "citations": [c.cite().to_dict() for c in self.rights_note.citations],
            },
            "citations": [c.to_dict() for c in self.cites],
        }


class ConfidentialityPack(BaseModel):
    """A jurisdiction pack: the grounds on which confidentiality may or must be broken.

    Packs model public texts for illustration. They are not legal advice.
    """

    model_config = _PACK_CONFIG
    id: PackId
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    modelled_on: _CitationData
    summary: str = Field(min_length=1)
    protects_witness_knowledge: bool
    witness_citations: tuple[_CitationData, ...] = Field(min_length=1)
    prohibited_uses: tuple[ProhibitedUse, ...] = Field(min_length=1)
    prohibited_citations: tuple[_CitationData, ...] = Field(min_length=1)
    grounds: tuple[PackGround, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [g.id for g in self.grounds]
        rules = [g.rule for g in self.grounds]
        if len(ids) != len(set(ids)) or len(rules) != len(set(rules)):
            raise ValueError("each ground has its own id and its own rule")
        if not any(g.kind is GroundKind.CONSENT for g in self.grounds):
            raise ValueError("every pack says how consent permits disclosure")
        return self

    @cached_property
    def by_rule(self) -> Mapping[str, PackGround]:
        """Each ground keyed by the id of the rule that evaluates it."""
        return MappingProxyType({g.rule: g for g in self.grounds})

    @property
    def citation(self) -> Citation:
        """The text the pack is modelled on."""
        return self.modelled_on.cite()


def _load(name: str) -> Any:
    base = resources.files("peersupport.data").joinpath("confidentiality")
    return yaml.safe_load(base.joinpath(name).read_text(encoding="utf-8"))


@cache
def confidentiality_pack(
    pack_id: PackId | str = PackId.WORKPLACE_PTSD_PROGRAM,
) -> ConfidentialityPack:
    """A bundled jurisdiction pack, loaded and validated once; ``KeyError`` for an unknown id."""
    try:
        key = PackId(pack_id)
    except ValueError:
        raise KeyError(f"unknown confidentiality pack {pack_id!r}") from None
    pack = ConfidentialityPack.model_validate(_load(f"{key.value}.yaml"))
    if pack.id is not key:
        raise ValueError(f"{key.value}.yaml declares the id {pack.id.value!r}")
    return pack


def confidentiality_packs() -> tuple[ConfidentialityPack, ...]:
    """Every bundled pack, default first."""
    return tuple(confidentiality_pack(p) for p in PackId)


# --- the record -------------------------------------------------------------------------------


class RecordEntry(FrozenModel):
    """One disclosure to one recipient: what category of information, why, on which grounds."""

    recipient: Recipient
    information: tuple[InformationCategory, ...]
    purposes: tuple[RecordPurpose, ...]
    grounds: tuple[str, ...] = Field(description="The CONF-* rule ids relied on.")


class DisclosureRecord(FrozenModel):
    """What an accounting of disclosures needs, and nothing more: no free text, ever.

    The canonical JSON (:meth:`to_json`) is byte-identical for the same decision, and
    :attr:`digest` is the digest of that JSON without the digest itself, so a host can append
    the record to its audit log and later show it was not altered (:meth:`verify`).
    """

    record_version: Literal["1"] = "1"
    disclosure_id: RefId | None
    decided_on: date
    decided_by: DeciderRole
    decider_id: RefId | None
    action: ConfidentialityAction
    grounds: tuple[str, ...]
    entries: tuple[RecordEntry, ...]
    required_steps: tuple[RequiredStep, ...]
    documentation: tuple[DocumentationField, ...]
    person_informed: bool | None
    inform_person_required: bool
    restricted_access: bool
    prohibited_uses: tuple[ProhibitedUse, ...]
    consent_reference: RefId | None
    legal_requirements: tuple[LegalRequirement, ...]
    pack: PackId
    pack_version: str
    ruleset_version: str
    policy_digest: str
    input_digest: str

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """Everyone the record says may receive information."""
        return tuple(e.recipient for e in self.entries)

    def _body(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @property
    def digest(self) -> str:
        """``sha256:`` digest of the record's canonical JSON, the digest itself left out."""
        return digest_json(self._body())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, with the digest."""
        return {**self._body(), "digest": self.digest}

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no insignificant whitespace."""
        return canonical_json(self.to_dict())

    @classmethod
    def verify(cls, data: Mapping[str, Any]) -> bool:
        """Whether a stored record (as :meth:`to_dict` gave it) still matches its digest."""
        body = {k: v for k, v in data.items() if k != "digest"}
        try:
            record = cls.model_validate(body)
        except ValueError:
            return False
        return record.digest == data.get("digest") and record.model_dump(mode="json") == body

    def __repr__(self) -> str:
        return (
            f"DisclosureRecord(action={self.action.value!r}, pack={self.pack.value!r}, "
            f"recipients={[r.value for r in self.recipients]!r}, digest={self.digest!r})"
        )
