"""What if: the findings and prefilled answers that move when a programme is changed."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import attrs
from pydantic import ValidationError

from peersupport._errors import InvalidInput
from peersupport._frozen import frozen_map, thaw
from peersupport.assessment._audit import AuditReport, audit
from peersupport.assessment._scoring import _pandas
from peersupport.checks._common import coerce_model, make_context
from peersupport.engine import Outcome, canonical_json
from peersupport.model.program import Program
from peersupport.policy import Policy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FindingChange", "PrefillChange", "WhatIf", "what_if"]


@attrs.frozen
class FindingChange:
    """A rule whose finding differs between the programme and the altered programme."""

    rule_id: str
    subject: str | None
    before: Outcome | None
    after: Outcome | None
    before_message: str | None
    after_message: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "rule_id": self.rule_id,
            "subject": self.subject,
            "before": self.before.value if self.before else None,
            "after": self.after.value if self.after else None,
            "before_message": self.before_message,
            "after_message": self.after_message,
        }


@attrs.frozen
class PrefillChange:
    """An instrument item whose prefilled answer differs after the change."""

    item_id: str
    before: str | None
    after: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"item_id": self.item_id, "before": self.before, "after": self.after}


@attrs.frozen(repr=False)
class WhatIf:
    """What changes between a programme and the programme with ``changes`` applied."""

    changes: Mapping[str, Any] = attrs.field(converter=frozen_map, hash=False)
    findings: tuple[FindingChange, ...]
    prefills: tuple[PrefillChange, ...]
    before: AuditReport = attrs.field(eq=False)
    after: AuditReport = attrs.field(eq=False)

    def __repr__(self) -> str:
        return (
            f"WhatIf(changes={sorted(self.changes)}, findings={len(self.findings)}, "
            f"prefills={len(self.prefills)})"
        )

    def __bool__(self) -> bool:
        return bool(self.findings or self.prefills)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "changes": thaw(self.changes),
            "findings": [f.to_dict() for f in self.findings],
            "prefills": [p.to_dict() for p in self.prefills],
            "passed": [self.before.passed, self.after.passed],
        }

    def to_json(self) -> str:
        """Canonical JSON."""
        return canonical_json(self.to_dict())

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>{f.rule_id}</code></td><td>{html.escape(f.subject or '')}</td>"
            f"<td>{f.before.value if f.before else '-'}</td>"
            f"<td>{f.after.value if f.after else '-'}</td>"
            f"<td>{html.escape(f.after_message or '')}</td></tr>"
            for f in self.findings
        )
        items = "".join(
            f"<li><code>{p.item_id}</code>: {p.before or '-'} &rarr; {p.after or '-'}</li>"
            for p in self.prefills
        )
        return (
            "<div class='peersupport-what-if'>"
            f"<p><strong>What if</strong> {html.escape(', '.join(sorted(self.changes)))}: "
            f"{len(self.findings)} finding(s) and {len(self.prefills)} prefilled answer(s) "
            "change.</p><table><thead><tr><th>Rule</th><th>Subject</th><th>Before</th>"
            f"<th>After</th><th>Now</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<ul>{items}</ul></div>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per changed finding (needs the ``pandas`` extra)."""
        pandas = _pandas()
        records = [f.to_dict() for f in self.findings]
        columns = ["rule_id", "subject", "before", "after", "before_message", "after_message"]
        return cast("pd.DataFrame", pandas.DataFrame.from_records(records, columns=columns))


def _apply(data: Any, path: list[str], value: Any, key: str) -> Any:
    """Set ``path`` in plain data; a list takes the change in each of its elements."""
    if isinstance(data, list | tuple):
        return [_apply(element, path, value, key) for element in data]
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InvalidInput.single((key,), "not_a_section", f"{key}: cannot set inside a value")
    out = dict(data)
    head, rest = path[0], path[1:]
    out[head] = value if not rest else _apply(out.get(head), rest, value, key)
    return out


def what_if(
    program: Program | Mapping[str, Any],
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: date | None = None,
    **changes: Any,
) -> WhatIf:
    """The findings that change when the programme is altered by ``changes``.

    Each keyword names a programme field; ``__`` reaches inside a section, and a list
    takes the change in each element: ``what_if(p, invited_workers=12,
    groups__max_size=18, conditions__compensation="paid")``. Both programmes are judged
    with the same policy on the same day.
    """
    subject = coerce_model(Program, program, "program")
    context = make_context(policy, as_of)
    data: Any = subject.model_dump(mode="python", exclude_unset=True)
    for key, value in sorted(changes.items()):
        data = _apply(data, key.split("__"), value, key)
    try:
        altered = type(subject).model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc) from None
    before = audit(subject, policy=context.policy, as_of=context.as_of)
    after = audit(altered, policy=context.policy, as_of=context.as_of)
    old = {(f.rule_id, f.subject): f for f in before.findings}
    new = {(f.rule_id, f.subject): f for f in after.findings}
    keys = list(dict.fromkeys([*old, *new]))
    findings = tuple(
        FindingChange(
            rule_id,
            subject_id,
            old[k].outcome if k in old else None,
            new[k].outcome if k in new else None,
            old[k].message if k in old else None,
            new[k].message if k in new else None,
        )
        for k in keys
        for rule_id, subject_id in [k]
        if k not in old
        or k not in new
        or (old[k].outcome, old[k].message) != (new[k].outcome, new[k].message)
    )
    prefilled_before = {p.item_id: p.answer for p in before.prefills}
    prefilled_after = {p.item_id: p.answer for p in after.prefills}
    items = list(dict.fromkeys([*prefilled_before, *prefilled_after]))
    prefills = tuple(
        PrefillChange(i, prefilled_before.get(i), prefilled_after.get(i))
        for i in items
        if prefilled_before.get(i) != prefilled_after.get(i)
    )
    plain = {k: _plain(v) for k, v in sorted(changes.items())}
    return WhatIf(plain, findings, prefills, before, after)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
