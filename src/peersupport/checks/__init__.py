"""The checks: one module per concept, each a rule set and its entry function."""

from peersupport.checks._registry import RULESETS, messages, rule, rules, severity_of
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
    "ELIGIBILITY",
    "RULESETS",
    "TRAINING",
    "SupportersReport",
    "TrainingNeed",
    "TrainingReport",
    "check_eligibility",
    "check_supporters",
    "check_training",
    "messages",
    "rule",
    "rules",
    "severity_of",
    "training_needs",
]
