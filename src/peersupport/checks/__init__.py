"""The checks: one module per concept, each a rule set and its entry function."""

from peersupport.checks._registry import RULESETS, messages, rule, rules, severity_of
from peersupport.checks.boundaries import BOUNDARIES, check_boundaries
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
from peersupport.checks.drift import (
    DRIFT,
    DriftAccumulator,
    DriftLevel,
    DriftProfile,
    Indicator,
    TrendDirection,
    drift_profile,
    drift_profiles,
)
from peersupport.checks.eligibility import ELIGIBILITY, check_eligibility
from peersupport.checks.hiring import HIRING, QuestionFlag, screen_questions
from peersupport.checks.language import (
    LANGUAGE,
    LanguageCategory,
    LanguageCounts,
    LanguageFinding,
    check_language,
    check_note,
    check_notes,
    language_counts,
    language_rules,
    scan_language,
)
from peersupport.checks.programme import ProgrammeReport, check_program
from peersupport.checks.roles import (
    ROLES,
    Consistency,
    RoleVerdict,
    Trap,
    assess_task,
    assess_tasks,
)
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
    "BOUNDARIES",
    "CONFIDENTIALITY",
    "DRIFT",
    "ELIGIBILITY",
    "HIRING",
    "INFORMATION_REQUESTS",
    "LANGUAGE",
    "ROLES",
    "ROSTER",
    "RULESETS",
    "STRUCTURE",
    "SUPERVISION",
    "TRAINING",
    "WORK",
    "ConfidentialityDecision",
    "Consistency",
    "Coverage",
    "DriftAccumulator",
    "DriftLevel",
    "DriftProfile",
    "Gap",
    "GapReason",
    "Indicator",
    "InformationRequestDecision",
    "LanguageCategory",
    "LanguageCounts",
    "LanguageFinding",
    "ProgrammeReport",
    "QuestionFlag",
    "RequestAnswer",
    "RoleVerdict",
    "SupportersReport",
    "TrainingNeed",
    "TrainingReport",
    "Trap",
    "TrendDirection",
    "analyse_coverage",
    "assess_task",
    "assess_tasks",
    "check_boundaries",
    "check_eligibility",
    "check_language",
    "check_note",
    "check_notes",
    "check_program",
    "check_supporters",
    "check_training",
    "decide_confidentiality",
    "decide_information_request",
    "describe_grounds",
    "drift_profile",
    "drift_profiles",
    "language_counts",
    "language_rules",
    "messages",
    "rule",
    "rules",
    "scan_language",
    "screen_questions",
    "severity_of",
    "training_needs",
]
