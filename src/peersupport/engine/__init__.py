"""The domain-agnostic rule engine: outcomes, severities, rules, findings, reports, waivers.

Nothing here knows about peer support; the checks build on it.
"""

from peersupport.engine._citation import Citation
from peersupport.engine._digest import canonical_json, digest_bytes, digest_json
from peersupport.engine._enums import Outcome, Severity
from peersupport.engine._finding import Finding
from peersupport.engine._report import Report
from peersupport.engine._rule import CheckResult, Evaluation, Rule, RuleSet
from peersupport.engine._waiver import Waiver, apply_waivers, coerce_waivers

__all__ = [
    "CheckResult",
    "Citation",
    "Evaluation",
    "Finding",
    "Outcome",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Waiver",
    "apply_waivers",
    "canonical_json",
    "coerce_waivers",
    "digest_bytes",
    "digest_json",
]
