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
from peersupport.checks.hiring import HIRING, QuestionFlag, screen_questions
from peersupport.checks.programme import ProgrammeReport, check_program
from peersupport.checks.roster import ROSTER, Coverage, Gap, GapReason, analyse_coverage
from peersupport.checks.structure import STRUCTURE
from peersupport.checks.supervision import SUPERVISION
from peersupport.checks.supporters import SupportersReport, check_supporters
from peersupport.checks.training import (
    TRAINING,
    TrainingNeed,
    TrainingReport,
    check_training,
    training_needs,
)
from peersupport.checks.work import WORK

__all__ = [
    "CONFIDENTIALITY",
    "ELIGIBILITY",
    "HIRING",
    "INFORMATION_REQUESTS",
    "ROSTER",
    "RULESETS",
    "STRUCTURE",
    "SUPERVISION",
    "TRAINING",
    "WORK",
    "ConfidentialityDecision",
    "Coverage",
    "Gap",
    "GapReason",
    "InformationRequestDecision",
    "ProgrammeReport",
    "QuestionFlag",
    "RequestAnswer",
    "SupportersReport",
    "TrainingNeed",
    "TrainingReport",
    "analyse_coverage",
    "check_eligibility",
    "check_program",
    "check_supporters",
    "check_training",
    "decide_confidentiality",
    "decide_information_request",
    "describe_grounds",
    "messages",
    "rule",
    "rules",
    "screen_questions",
    "severity_of",
    "training_needs",
]
