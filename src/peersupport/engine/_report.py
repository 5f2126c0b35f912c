"""Report: the findings of one run, with the digests and versions that make it an audit record."""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self, cast

import attrs

from peersupport._errors import MissingExtra
from peersupport._frozen import frozen_map, thaw
from peersupport._lazy import lazy_property
from peersupport.engine._digest import canonical_json, digest_json
from peersupport.engine._enums import Outcome, Severity
from peersupport.engine._finding import Finding
from peersupport.engine._waiver import Waiver

if TYPE_CHECKING:
    import pandas as pd

    from peersupport.engine._rule import CheckResult, Rule

__all__ = ["Report"]

_NOT_MET = Outcome.NOT_MET


class Digestible(Protocol):
    """Anything whose ``digest`` identifies its content, such as a validated input model."""

    @property
    def digest(self) -> str:
        """``sha256:<hex>`` of the content."""
        ...


# Dict-backed, like Finding: a check builds one report per record, and a dict-backed
# frozen class costs about half a slotted one to build.
@attrs.frozen(eq=False, repr=False, kw_only=True, slots=False)
class Report:
    """The findings of a check, with everything needed to store it as an audit record.

    ``passed`` is true when no rule at ``required`` or ``critical`` severity is ``not_met``.
    The same input, policy and rule sets give byte-identical :meth:`to_json`.

    A check builds its report from its rules and their results, ``(outcome, message_key,
    evidence)`` each, for one subject, and wraps them as :class:`Finding` objects when
    ``findings`` is first read: a caller that only asks whether the report ``passed`` does
    not pay for them. Reports compare equal when their findings and fields are equal,
    however they were built.
    """

    # Either the findings, or what they are made from: the rules, each one's result, and the
    # subject they are about.
    _findings: tuple[Finding, ...] | None = attrs.field(default=None, alias="findings", eq=False)
    _rules: tuple[Rule[Any, Any], ...] = attrs.field(default=(), alias="rules", eq=False)
    _results: tuple[CheckResult, ...] | None = attrs.field(default=None, alias="results", eq=False)
    _subject: str | None = attrs.field(default=None, alias="subject", eq=False)
    ruleset_version: str
    policy_digest: str
    as_of: date
    waivers: tuple[Waiver, ...] = ()
    strict: bool = False
    # Give the digest, or the input it is computed from when first asked for (most callers
    # of a hot check never look at it, and serialising the input is a large part of a check).
    _input_digest: str | None = attrs.field(default=None, alias="input_digest", eq=False)
    _source: Digestible | None = attrs.field(default=None, alias="source", eq=False)

    # Values computed on first read that equality compares besides the fields; a subclass
    # with lazy values of its own extends it.
    _lazy_eq: ClassVar[tuple[str, ...]] = ("findings",)

    def __attrs_post_init__(self) -> None:
        if self._input_digest is None and self._source is None:
            raise ValueError("a report needs input_digest or the source to compute it from")
        if (self._findings is None) == (self._results is None):
            raise ValueError("a report needs either findings or results, not both")
        if self._results is not None and len(self._results) != len(self._rules):
            raise ValueError("a report needs one result per rule")

    @classmethod
    def _from_results(  # noqa: PLR0917 - positional on purpose: called per record
        cls,
        rules: tuple[Rule[Any, Any], ...],
        results: tuple[CheckResult, ...],
        subject: str | None,
        ruleset_version: str,
        policy_digest: str,
        source: Digestible,
        as_of: date,
        strict: bool,  # noqa: FBT001 - as above
        fields: Mapping[str, Any] | None = None,
    ) -> Self:
        """A report of one subject's results, as ``cls(rules=..., results=..., ...)`` makes it.

        For the checks, which make one report per record and have already ensured what
        ``__init__`` would check: it fills the instance dict directly, at about a third of
        the cost. ``fields`` are further attributes by their attribute names (``_policy``).
        A test checks it makes exactly what ``__init__`` makes.
        """
        report = object.__new__(cls)
        values = report.__dict__
        values.update(_defaults(cls))
        values["_rules"] = rules
        values["_results"] = results
        values["_subject"] = subject
        values["ruleset_version"] = ruleset_version
        values["policy_digest"] = policy_digest
        values["_source"] = source
        values["as_of"] = as_of
        values["strict"] = strict
        if fields:
            values.update(fields)
        return report

    @lazy_property
    def findings(self) -> tuple[Finding, ...]:
        """Every rule's finding, in evaluation order."""
        if self._findings is not None:
            return self._findings
        assert self._results is not None  # noqa: S101 - __attrs_post_init__ checked it
        subject = self._subject
        return tuple(
            [
                Finding(rule, o, k, e, subject)
                for rule, (o, k, e) in zip(self._rules, self._results, strict=True)
            ]
        )

    def _eq_values(self) -> tuple[Any, ...]:
        values = [getattr(self, name) for name in self._lazy_eq]
        values.extend(getattr(self, a.name) for a in attrs.fields(type(self)) if a.eq)
        return tuple(values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Report)  # noqa: S101 - the class check above
        return self._eq_values() == other._eq_values()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        # A subset of what equality compares, so equal reports hash alike.
        return hash((type(self), self.findings, self.ruleset_version, self.as_of))

    @lazy_property
    def input_digest(self) -> str:
        """``sha256:`` digest of the input the report was computed from."""
        if self._input_digest is not None:
            return self._input_digest
        assert self._source is not None  # noqa: S101 - __attrs_post_init__ checked it
        return self._source.digest

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(findings={len(self.findings)}, passed={self.passed}, "
            f"ruleset_version={self.ruleset_version!r}, as_of={self.as_of.isoformat()!r})"
        )

    @lazy_property
    def passed(self) -> bool:
        """No ``not_met`` finding at ``required`` or ``critical`` severity."""
        if self._results is not None and "findings" not in self.__dict__:
            # Straight from the results: the same test as Finding.is_failure.
            return not any(
                result[0] is _NOT_MET and rule.severity.blocking
                for rule, result in zip(self._rules, self._results, strict=True)
            )
        return not any(f.is_failure for f in self.findings)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that make the report fail."""
        return tuple(f for f in self.findings if f.is_failure)

    @property
    def subjects(self) -> tuple[str | None, ...]:
        """The subjects in the order they first appear."""
        return tuple(dict.fromkeys(f.subject for f in self.findings))

    def by_subject(self) -> dict[str | None, tuple[Finding, ...]]:
        """The findings grouped by subject, in order."""
        groups: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.subject, []).append(f)
        return {k: tuple(v) for k, v in groups.items()}

    def outcome_of(self, rule_id: str, subject: str | None = None) -> Outcome | None:
        """The outcome of a rule (for a subject, if given), or ``None`` if it did not run."""
        for f in self.findings:
            if f.rule_id == rule_id and (subject is None or f.subject == subject):
                return f.outcome
        return None

    def finding(self, rule_id: str, subject: str | None = None) -> Finding:
        """The finding of a rule (for a subject, if given); ``KeyError`` if it did not run."""
        for f in self.findings:
            if f.rule_id == rule_id and (subject is None or f.subject == subject):
                return f
        raise KeyError(rule_id)

    @lazy_property
    def summary(self) -> Mapping[str, Any]:
        """Counts by outcome, and by severity and outcome."""
        by_outcome = dict.fromkeys((o.value for o in Outcome), 0)
        by_severity = {s.value: dict.fromkeys((o.value for o in Outcome), 0) for s in Severity}
        for f in self.findings:
            by_outcome[f.outcome.value] += 1
            by_severity[f.severity.value][f.outcome.value] += 1
        summary = {
            "total": len(self.findings),
            "by_outcome": by_outcome,
            "by_severity": by_severity,
        }
        return frozen_map(summary)  # read-only: the report is an audit record

    def _extra_dict(self, *, include_text: bool) -> dict[str, Any]:
        del include_text
        return {}

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain JSON-ready form; free text (waiver justifications) only when ``include_text``."""
        out: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_dict(include_text=include_text) for f in self.findings],
            "input_digest": self.input_digest,
            "passed": self.passed,
            "policy_digest": self.policy_digest,
            "ruleset_version": self.ruleset_version,
            "strict": self.strict,
            "summary": thaw(self.summary),
            "waivers": [w.to_dict(include_text=include_text) for w in self.waivers],
        }
        out.update(self._extra_dict(include_text=include_text))
        return out

    def to_json(self, *, include_text: bool = False) -> str:
        """Canonical JSON: sorted keys, no insignificant whitespace, byte-identical per input."""
        return canonical_json(self.to_dict(include_text=include_text))

    @property
    def digest(self) -> str:
        """The digest of the canonical JSON, for an audit log."""
        return digest_json(self.to_dict())

    def to_markdown(self) -> str:
        """A Markdown report grouped by subject, with citations."""
        verdict = "passed" if self.passed else "FAILED"
        lines = [
            f"# peersupport report: {verdict}",
            "",
            f"- As of: {self.as_of.isoformat()}",
            f"- Rule sets: `{self.ruleset_version}`",
            f"- Policy digest: `{self.policy_digest}`",
            f"- Input digest: `{self.input_digest}`",
            "",
            "| Outcome | Count |",
            "| --- | ---: |",
        ]
        lines.extend(f"| {k} | {v} |" for k, v in self.summary["by_outcome"].items() if v)
        for subject, findings in self.by_subject().items():
            lines += ["", f"## {subject or 'Findings'}", ""]
            lines += [
                "| Rule | Outcome | Severity | Message | Source |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines.extend(
                f"| {f.rule_id} {_md(f.title)} | {f.outcome.value} | {f.severity.value} "
                f"| {_md(f.message)} | {_md('; '.join(str(c) for c in f.citations))} |"
                for f in findings
            )
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        verdict = "passed" if self.passed else "failed"
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(f.subject or '')}</td>"
            f"<td><code>{f.rule_id}</code> {html.escape(f.title)}</td>"
            f"<td class='o-{f.outcome.value}'>{f.outcome.value}</td>"
            f"<td>{f.severity.value}</td>"
            f"<td>{html.escape(f.message)}</td>"
            f"<td>{html.escape('; '.join(str(c) for c in f.citations))}</td>"
            "</tr>"
            for f in self.findings
        )
        counts = ", ".join(f"{k}: {v}" for k, v in self.summary["by_outcome"].items() if v)
        return (
            "<div class='peersupport-report'>"
            f"<p><strong>Report {verdict}</strong> as of {self.as_of.isoformat()} "
            f"({html.escape(counts)}); "
            f"rule sets <code>{html.escape(self.ruleset_version)}</code></p>"
            "<table><thead><tr><th>Subject</th><th>Rule</th><th>Outcome</th><th>Severity</th>"
            "<th>Message</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per finding as a pandas DataFrame (needs the ``pandas`` extra)."""
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as exc:
            raise MissingExtra("pandas", "pandas") from exc
        records = [
            {
                "subject": f.subject,
                "rule_id": f.rule_id,
                "title": f.title,
                "outcome": f.outcome.value,
                "severity": f.severity.value,
                "message": f.message,
                "citations": "; ".join(str(c) for c in f.citations),
            }
            for f in self.findings
        ]
        columns = ["subject", "rule_id", "title", "outcome", "severity", "message", "citations"]
        return cast("pd.DataFrame", pandas.DataFrame.from_records(records, columns=columns))

    @staticmethod
    def merge_digest(digests: Iterable[str]) -> str:
        """The input digest of a merged report: the digest of its parts' digests, in order."""
        return digest_json(list(digests))

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        """Combine reports of one run (e.g. one per supporter) into one, grouped by subject."""
        reports = tuple(reports)
        if not reports:
            raise ValueError("merge needs at least one report")
        as_of = reports[0].as_of
        return Report(
            findings=tuple(f for r in reports for f in r.findings),
            ruleset_version=" + ".join(_unique(r.ruleset_version for r in reports)),
            policy_digest=" + ".join(_unique(r.policy_digest for r in reports)),
            input_digest=cls.merge_digest(r.input_digest for r in reports),
            as_of=as_of,
            waivers=tuple(_unique_waivers(w for r in reports for w in r.waivers)),
            strict=any(r.strict for r in reports),
        )


_DEFAULTS: dict[type[Report], dict[str, Any]] = {}


def _defaults(cls: type[Report]) -> dict[str, Any]:
    """Each field's default by attribute name, for ``Report._from_results``."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {}
        for a in attrs.fields(cls):
            # attrs types Factory as a function; at run time it is the class of factory defaults.
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                raise TypeError(f"{cls.__name__}.{a.name} has a factory default")
            found[a.name] = None if a.default is attrs.NOTHING else a.default
        _DEFAULTS[cls] = found
    return found


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for part in items:
        for item in part.split(" + "):
            if item not in out:
                out.append(item)
    return out


def _unique_waivers(waivers: Iterable[Waiver]) -> list[Waiver]:
    out: list[Waiver] = []
    for w in waivers:
        if w not in out:
            out.append(w)
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
