"""The checks: one module per concept, each a rule set and its entry function."""

from peersupport.checks._registry import RULESETS, messages, rule, rules, severity_of
from peersupport.checks.confidentiality import (
    CONFIDENTIALITY,
    INFORMATION_REQUESTS,
    ConfidentialityDecision,
    InformationRequestDecision,
    RequestAnswer,
    decide_confidentiality,
    decide_information_request,
    describe_grounds,
)
from peersupport.checks.eligibility import ELIGIBILITY, check_eligibility
from peersupport.checks.supporters import SupportersReport, check_supporters
from peersupport.checks.training import (
    TRAINING,
    TrainingNeed,
    TrainingReport,
    check_training,
    training_needs,
)

__all__ = [
    "CONFIDENTIALITY",
    "ELIGIBILITY",
    "INFORMATION_REQUESTS",
    "RULESETS",
    "TRAINING",
    "ConfidentialityDecision",
    "InformationRequestDecision",
    "RequestAnswer",
    "SupportersReport",
    "TrainingNeed",
    "TrainingReport",
    "check_eligibility",
    "check_supporters",
    "check_training",
    "decide_confidentiality",
    "decide_information_request",
    "describe_grounds",
    "messages",
    "rule",
    "rules",
    "severity_of",
    "training_needs",
]
