"""Self-assessment instruments, their scoring, and the programme audit.

Instruments are data (``peersupport/data/instruments/*.yaml``); :func:`assess` scores one
from a rater's answers, :func:`compare` shows the trend between two assessments, and
:func:`audit` runs every programme rule and every programme-level instrument, prefilled from
the programme's own data. :func:`what_if` shows which findings a change would move.
"""

from peersupport.assessment._audit import (
    Action,
    AuditReport,
    Disagreement,
    audit,
    programme_instruments,
)
from peersupport.assessment._instrument import (
    Audience,
    Instrument,
    InstrumentLevel,
    Item,
    Scale,
    ScaleKind,
    Section,
    instrument,
    instruments,
)
from peersupport.assessment._prefill import Prefill
from peersupport.assessment._schema import assessment_result_schema, audit_report_schema
from peersupport.assessment._scoring import (
    AssessmentResult,
    Comparison,
    Gap,
    ItemScore,
    Rater,
    RaterAnswers,
    RaterGap,
    ResponseSet,
    SectionScore,
    Trend,
    assess,
    compare,
)
from peersupport.assessment._what_if import FindingChange, PrefillChange, WhatIf, what_if

__all__ = [
    "Action",
    "AssessmentResult",
    "Audience",
    "AuditReport",
    "Comparison",
    "Disagreement",
    "FindingChange",
    "Gap",
    "Instrument",
    "InstrumentLevel",
    "Item",
    "ItemScore",
    "Prefill",
    "PrefillChange",
    "Rater",
    "RaterAnswers",
    "RaterGap",
    "ResponseSet",
    "Scale",
    "ScaleKind",
    "Section",
    "SectionScore",
    "Trend",
    "WhatIf",
    "assess",
    "assessment_result_schema",
    "audit",
    "audit_report_schema",
    "compare",
    "instrument",
    "instruments",
    "programme_instruments",
    "what_if",
]
