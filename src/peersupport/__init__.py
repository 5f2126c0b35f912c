"""peersupport: peer support guidance as decisions a program can compute, explain and cite.

Everything public is importable from here; the modules behind it are the library's rooms.
"""

import contextlib

from peersupport._errors import ErrorDetail, InvalidInput, MissingExtra, PeerSupportError
from peersupport._version import __version__
from peersupport.checks import (
    ConfidentialityDecision,
    InformationRequestDecision,
    RequestAnswer,
    SupportersReport,
    TrainingNeed,
    TrainingReport,
    check_eligibility,
    check_supporters,
    check_training,
    decide_confidentiality,
    decide_information_request,
    describe_grounds,
    messages,
    rule,
    rules,
)
from peersupport.engine import (
    Citation,
    Finding,
    Outcome,
    Report,
    Rule,
    RuleSet,
    Severity,
    Waiver,
)
from peersupport.model import (
    CompetencyRating,
    ExperienceArea,
    ExperienceRelation,
    LivedExperience,
    Rater,
    RecoveryPath,
    Role,
    SelfCarePlan,
    Supporter,
    TrainingRecord,
)
from peersupport.model import competency_framework as competencies
from peersupport.model import training_catalogue as training_modules
from peersupport.model.disclosure import (
    AtRisk,
    ConfidentialityAction,
    Consent,
    Disclosure,
    DisclosureRecord,
    DisclosureSource,
    Imminence,
    InformationRequest,
    LearnedAs,
    ProhibitedUse,
    Recipient,
    RequiredStep,
    RiskIndicator,
    confidentiality_packs,
)
from peersupport.policy import DEFAULT_POLICY, Policy, SelectionMethod
from peersupport.sources import SOURCES, Source

__all__ = [
    "DEFAULT_POLICY",
    "SOURCES",
    "AtRisk",
    "Citation",
    "CompetencyRating",
    "ConfidentialityAction",
    "ConfidentialityDecision",
    "Consent",
    "Disclosure",
    "DisclosureRecord",
    "DisclosureSource",
    "ErrorDetail",
    "ExperienceArea",
    "ExperienceRelation",
    "Finding",
    "Imminence",
    "InformationRequest",
    "InformationRequestDecision",
    "InvalidInput",
    "LearnedAs",
    "LivedExperience",
    "MissingExtra",
    "Outcome",
    "PeerSupportError",
    "Policy",
    "ProhibitedUse",
    "Rater",
    "Recipient",
    "RecoveryPath",
    "Report",
    "RequestAnswer",
    "RequiredStep",
    "RiskIndicator",
    "Role",
    "Rule",
    "RuleSet",
    "SelectionMethod",
    "SelfCarePlan",
    "Severity",
    "Source",
    "Supporter",
    "SupportersReport",
    "TrainingNeed",
    "TrainingRecord",
    "TrainingReport",
    "Waiver",
    "__version__",
    "check_eligibility",
    "check_supporters",
    "check_training",
    "competencies",
    "confidentiality_packs",
    "decide_confidentiality",
    "decide_information_request",
    "describe_grounds",
    "messages",
    "rule",
    "rules",
    "training_modules",
]

# Show the public path in reprs and tracebacks (peersupport.Finding, not the private module).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("peersupport."):
        with contextlib.suppress(AttributeError, TypeError):
            _obj.__module__ = __name__
del _name, _obj


def __dir__() -> list[str]:
    return list(__all__)
