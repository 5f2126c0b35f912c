"""The published JSON Schemas of an assessment result and of an audit report.

Hosts that store or exchange the JSON validate it against these; a test keeps them true to
what ``to_dict()`` produces.
"""

from __future__ import annotations

import copy
from typing import Any, Final

__all__ = ["assessment_result_schema", "audit_report_schema"]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_NUM_OR_NULL: Final = {"type": ["number", "null"]}
_DIGEST: Final = {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}
_DATE: Final = {"type": "string", "format": "date"}
_AUDIENCE: Final = {"enum": ["leadership", "managers", "supervisors", "peer_supporters"]}
_RATER: Final = {"enum": ["self", "supervisor", "peer", "auditor"]}


def _obj(props: dict[str, Any], *, extra: bool = False) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": sorted(props),
        "additionalProperties": extra,
    }


_CITATION: Final = {
    "type": "object",
    "properties": {
        "source": {"type": "string"},
        "section": {"type": "string"},
        "item": {"type": "string"},
        "page": {"type": "integer"},
    },
    "required": ["section", "source"],
    "additionalProperties": False,
}
_ANSWERS: Final = {"type": "object", "additionalProperties": {"type": "string"}}
_SCORE: Final = _obj(
    {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "score": {"type": "number", "minimum": 0},
        "max_score": {"type": "integer", "minimum": 0},
        "possible": {"type": "integer", "minimum": 0},
        "percent": _NUM_OR_NULL,
        "coverage": {"type": "number", "minimum": 0, "maximum": 1},
        "answered": {"type": "integer", "minimum": 0},
        "total": {"type": "integer", "minimum": 0},
        "not_applicable": {"type": "integer", "minimum": 0},
        "dont_know": {"type": "integer", "minimum": 0},
        "unanswered": {"type": "integer", "minimum": 0},
    }
)
_ASSESSMENT: Final = _obj(
    {
        "instrument_id": {"type": "string"},
        "instrument_version": {"type": "string"},
        "title": {"type": "string"},
        "rater": {"anyOf": [_RATER, {"type": "null"}]},
        "raters": {"type": "array", "items": _RATER, "minItems": 1},
        "rated_on": _DATE,
        "ratings": {
            "type": "array",
            "items": _obj(
                {
                    "rater": _RATER,
                    "rated_on": _DATE,
                    "answers": _ANSWERS,
                    "prefilled": {"type": "array", "items": {"type": "string"}},
                }
            ),
        },
        "overall": _SCORE,
        "sections": {"type": "array", "items": _SCORE},
        "items": {
            "type": "array",
            "items": _obj(
                {
                    "item_id": {"type": "string"},
                    "section_id": {"type": "string"},
                    "weight": {"type": "integer", "minimum": 1, "maximum": 3},
                    "answers": _ANSWERS,
                    "fraction": _NUM_OR_NULL,
                    "points": _NUM_OR_NULL,
                    "missing": {"enum": ["not_applicable", "dont_know", "unanswered", None]},
                }
            ),
        },
        "gaps": {
            "type": "array",
            "items": _obj(
                {
                    "instrument_id": {"type": "string"},
                    "item_id": {"type": "string"},
                    "section_id": {"type": "string"},
                    "question": {"type": "string"},
                    "answers": _ANSWERS,
                    "weight": {"type": "integer"},
                    "shortfall": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                    "priority": {"type": "number"},
                    "audience": _AUDIENCE,
                    "recommendation": {"type": "string"},
                    "citation": _CITATION,
                }
            ),
        },
        "rater_gaps": {
            "type": "array",
            "items": _obj(
                {"item_id": {"type": "string"}, "answers": _ANSWERS, "spread": {"type": "number"}}
            ),
        },
        "input_digest": _DIGEST,
    }
)
_ACTION: Final = _obj(
    {
        "kind": {"enum": ["rule", "item", "ground"]},
        "id": {"type": "string"},
        "title": {"type": "string"},
        "audience": _AUDIENCE,
        "priority": {"type": "number"},
        "status": {"type": "string"},
        "recommendation": {"type": "string"},
        "citations": {"type": "array", "items": _CITATION},
        "subjects": {"type": "array", "items": {"type": "string"}},
        "instrument_id": {"type": ["string", "null"]},
    }
)
_FINDING: Final = {
    "type": "object",
    "properties": {
        "rule_id": {"type": "string"},
        "outcome": {"enum": ["met", "not_met", "needs_review", "not_applicable", "waived"]},
        "severity": {"enum": ["critical", "required", "recommended", "advisory"]},
        "message": {"type": "string"},
        "evidence": {"type": "object"},
        "citations": {"type": "array", "items": _CITATION},
        "subject": {"type": ["string", "null"]},
    },
    "required": ["citations", "evidence", "message", "outcome", "rule_id", "severity", "subject"],
}


def assessment_result_schema() -> dict[str, Any]:
    """The JSON Schema of ``AssessmentResult.to_json()``."""
    schema = copy.deepcopy(_ASSESSMENT)
    schema["properties"]["digest"] = _DIGEST
    schema["required"] = sorted([*schema["required"], "digest"])
    return {
        "$schema": _DIALECT,
        "$id": "https://peersupport.invalid/schemas/assessment-result.json",
        "title": "peersupport assessment result",
        **schema,
    }


def audit_report_schema() -> dict[str, Any]:
    """The JSON Schema of ``AuditReport.to_json()`` and ``peersupport audit --format json``."""
    summary = _obj({a: {"type": "array", "items": _ACTION} for a in _AUDIENCE["enum"]})
    body = _obj(
        {
            "kind": {"const": "peersupport.audit"},
            "program_id": {"type": "string"},
            "as_of": _DATE,
            "passed": {"type": "boolean"},
            "policy_digest": {"type": "string"},
            "ruleset_version": {"type": "string"},
            "input_digest": _DIGEST,
            "counts": {"type": "object"},
            "summary": summary,
            "actions": {"type": "array", "items": _ACTION},
            "programme": {
                "type": "object",
                "properties": {
                    "findings": {"type": "array", "items": _FINDING},
                    "passed": {"type": "boolean"},
                    "as_of": _DATE,
                },
                "required": ["as_of", "findings", "passed"],
            },
            "confidentiality_grounds": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "rule": {"type": "string"},
                        "enabled": {"type": "boolean"},
                    },
                    "required": ["enabled", "id", "rule"],
                },
            },
            "assessments": {"type": "array", "items": copy.deepcopy(_ASSESSMENT)},
            "prefills": {
                "type": "array",
                "items": _obj(
                    {
                        "item_id": {"type": "string"},
                        "answer": {"type": "string"},
                        "basis": {"type": "string"},
                        "evidence": {"type": "object"},
                    }
                ),
            },
            "disagreements": {
                "type": "array",
                "items": _obj(
                    {
                        "instrument_id": {"type": "string"},
                        "item_id": {"type": "string"},
                        "rater": {"type": "string"},
                        "prefilled": {"type": "string"},
                        "answered": {"type": "string"},
                        "basis": {"type": "string"},
                        "evidence": {"type": "object"},
                    }
                ),
            },
        }
    )
    return {
        "$schema": _DIALECT,
        "$id": "https://peersupport.invalid/schemas/audit-report.json",
        "title": "peersupport audit report",
        **body,
    }
