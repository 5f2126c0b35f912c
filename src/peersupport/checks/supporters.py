"""Eligibility and training together, for one supporter or many, in one report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from peersupport._errors import ErrorDetail, InvalidInput
from peersupport.checks._common import coerce_model, make_context
from peersupport.checks.eligibility import check_eligibility
from peersupport.checks.training import TrainingNeed, check_training
from peersupport.engine import Report, Waiver, coerce_waivers
from peersupport.model import Supporter
from peersupport.policy import Policy

__all__ = ["SupportersReport", "check_supporters"]


@attrs.frozen(eq=False, repr=False, slots=False)  # equality: Report's
class SupportersReport(Report):
    """The eligibility and training findings of several supporters, with training needs by id."""

    training_needs: Mapping[str, tuple[TrainingNeed, ...]] = attrs.field(factory=dict, hash=False)

    def _extra_dict(self, *, include_text: bool) -> dict[str, Any]:
        del include_text
        return {
            "training_needs": {
                sid: [n.to_dict() for n in needs] for sid, needs in self.training_needs.items()
            }
        }


def check_supporters(
    supporters: Iterable[Supporter | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> SupportersReport:
    """Run the eligibility and training checks on every supporter; one report, grouped by id.

    Every supporter is validated before any is checked, and all errors are reported together,
    with paths such as ``supporters[3].trainings[0].completed_on``.
    """
    if isinstance(supporters, str | bytes | Mapping) or not isinstance(supporters, Iterable):
        raise InvalidInput.single(("supporters",), "list_type", "not a list of supporters")
    context = make_context(policy, as_of)
    valid_waivers = coerce_waivers(waivers)
    models: list[Supporter] = []
    errors: list[ErrorDetail] = []
    for i, raw in enumerate(supporters):
        try:
            models.append(coerce_model(Supporter, raw, "supporter"))
        except InvalidInput as exc:
            errors.extend(attrs.evolve(e, loc=("supporters", i, *e.loc)) for e in exc.errors)
    if errors:
        raise InvalidInput(errors)
    dupes = sorted(i for i, n in Counter(m.id for m in models).items() if n > 1)
    if dupes:
        raise InvalidInput.single(("supporters",), "duplicate_id", f"ids used twice: {dupes}")
    reports: list[Report] = []
    needs: dict[str, tuple[TrainingNeed, ...]] = {}
    for model in models:
        kw: dict[str, Any] = {"as_of": context.as_of, "waivers": valid_waivers, "strict": strict}
        reports.append(check_eligibility(model, context.policy, **kw))
        training = check_training(model, context.policy, **kw)
        reports.append(training)
        if training.training_needs:
            needs[model.id] = training.training_needs
    if not reports:
        merged = Report(
            findings=(),
            ruleset_version="eligibility/1 + training/1",
            policy_digest=context.policy.digest,
            input_digest=Report.merge_digest([]),
            as_of=context.as_of,
            waivers=valid_waivers,
            strict=strict,
        )
    else:
        merged = Report.merge(reports)
    return SupportersReport(
        findings=merged.findings,
        ruleset_version=merged.ruleset_version,
        policy_digest=merged.policy_digest,
        input_digest=merged.input_digest,
        as_of=merged.as_of,
        waivers=valid_waivers,
        strict=strict,
        training_needs=needs,
    )
