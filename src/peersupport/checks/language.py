"""Language in notes: closed language, dehumanising terms, judgement and directives (``LANG-*``).

The rules are data (``peersupport/data/language/*.yaml``), compiled once into a first-word
phrase index. :func:`check_language` returns one :class:`LanguageFinding` per match, with
its character span; :func:`check_notes` streams many notes; :func:`language_counts` gives
the word count and the findings per category that drift indicators read per 1,000 words;
:func:`check_note` runs the same rules through the rule engine and returns a
:class:`~peersupport.Report` (a rule is ``met`` when it does not fire).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final

import attrs

from peersupport._errors import InvalidInput
from peersupport.checks._common import CheckContext, coerce_model, make_context
from peersupport.engine import (
    Citation,
    Evaluation,
    Outcome,
    Report,
    Rule,
    RuleSet,
    Severity,
    Waiver,
    apply_waivers,
    canonical_json,
    coerce_waivers,
)
from peersupport.model.note import Note
from peersupport.policy import DEFAULT_POLICY, Policy, coerce_policy
from peersupport.text._language import (
    CompiledRule,
    Hit,
    LanguageEngine,
    bundled_engine,
    count_words,
    engine_for,
    pack_version,
)
from peersupport.text._language_pack import (
    ContextAction,
    LanguageCategory,
    LanguageContext,
    LanguageRuleSpec,
)

__all__ = [
    "LANGUAGE",
    "ContextAction",
    "LanguageCategory",
    "LanguageContext",
    "LanguageCounts",
    "LanguageFinding",
    "LanguageRuleSpec",
    "LanguageScan",
    "check_language",
    "check_note",
    "check_notes",
    "language_counts",
    "language_rules",
    "language_ruleset",
    "scan_language",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(repr=False)
class LanguageFinding:
    """One match of a language rule in a text.

    ``span`` is the ``(start, end)`` character offsets of the whole match in the text
    checked. ``contexts`` names the contexts the match was found in and reported anyway
    (``softened`` when one of them lowered its severity to advisory). ``text`` holds the
    matched words only when the caller asked for them (``include_text=True``).
    """

    rule_id: str
    category: LanguageCategory
    severity: Severity
    span: tuple[int, int]
    suggestion: str
    citations: tuple[Citation, ...]
    title: str
    message: str
    contexts: tuple[LanguageContext, ...] = ()
    softened: bool = False
    text: str | None = attrs.field(default=None, repr=False)

    def __repr__(self) -> str:
        # Offsets only: the matched words are free text.
        return (
            f"LanguageFinding(rule_id={self.rule_id!r}, category={self.category.value!r}, "
            f"severity={self.severity.value!r}, span={self.span!r})"
        )

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain JSON-ready form; the matched text only when ``include_text`` and kept."""
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "category": self.category.value,
            "severity": self.severity.value,
            "span": [self.span[0], self.span[1]],
            "title": self.title,
            "message": self.message,
            "suggestion": self.suggestion,
            "citations": [c.to_dict() for c in self.citations],
            "contexts": [c.value for c in self.contexts],
            "softened": self.softened,
        }
        if include_text and self.text is not None:
            out["text"] = self.text
        return out

    def to_json(self, *, include_text: bool = False) -> str:
        """Canonical JSON."""
        return canonical_json(self.to_dict(include_text=include_text))


@attrs.frozen
class LanguageCounts:
    """The words in a text and the findings in it, by category and by rule.

    Drift indicators read these as rates per 1,000 words.
    """

    words: int
    by_category: Mapping[LanguageCategory, int]
    by_rule: Mapping[str, int]

    @property
    def findings(self) -> int:
        """Every finding counted."""
        return sum(self.by_category.values())

    def per_thousand_words(self, category: LanguageCategory | str | None = None) -> float:
        """Findings (of one category, or all) per 1,000 words; 0.0 for a text without words."""
        if not self.words:
            return 0.0
        count = self.findings if category is None else self.by_category[LanguageCategory(category)]
        return count * 1000 / self.words

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "words": self.words,
            "findings": self.findings,
            "by_category": {c.value: n for c, n in self.by_category.items()},
            "by_rule": dict(sorted(self.by_rule.items())),
        }


# --- input -------------------------------------------------------------------------------


def _text_of(value: object, name: str = "text") -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Note):
        return value.text
    if isinstance(value, Mapping):
        return coerce_model(Note, value, name).text
    raise InvalidInput.single((name,), "string_type", "not a string or a note")


def _engine(policy: Policy) -> LanguageEngine:
    if policy is DEFAULT_POLICY:
        return bundled_engine()
    return engine_for(
        policy.language_disabled_rules,
        dict(policy.language_severity),
        policy.language_rules,
        policy.language_organisations,
    )


def _finding(text: str, hit: Hit, *, include_text: bool) -> LanguageFinding:
    rule = hit.rule
    spec = rule.spec
    start, end = hit.span
    return LanguageFinding(
        rule.id,
        spec.category,
        hit.severity,
        hit.span,
        spec.suggestion,
        rule.citations,
        spec.title,
        spec.message,
        hit.contexts,
        hit.softened,
        text[start:end] if include_text else None,
    )


def _counts(words: int, findings: Iterable[LanguageFinding]) -> LanguageCounts:
    by_category = dict.fromkeys(LanguageCategory, 0)
    by_rule: dict[str, int] = {}
    for f in findings:
        by_category[f.category] += 1
        by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
    return LanguageCounts(words, MappingProxyType(by_category), MappingProxyType(by_rule))


# --- entry points ------------------------------------------------------------------------


def scan_language(
    text: str | Note | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    include_text: bool = False,
) -> tuple[tuple[LanguageFinding, ...], LanguageCounts]:
    """The findings in ``text`` and its counts, from one pass."""
    body = _text_of(text)
    tokens, hits = _engine(coerce_policy(policy)).scan(body)
    findings = tuple(_finding(body, h, include_text=include_text) for h in hits)
    return findings, _counts(count_words(tokens), findings)


def check_language(
    text: str | Note | Mapping[str, Any],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    include_text: bool = False,
) -> tuple[LanguageFinding, ...]:
    """Every language rule match in ``text``, in text order.

    ``text`` is a string, a :class:`~peersupport.model.note.Note` or a mapping with
    ``text`` (and optionally ``id``). Matches in a context their rule skips (negation,
    quotation, a question, the person's own description, an organisation's name, a
    clinical word in a neutral phrase) and matches under a ``peersupport: ignore LANG-…``
    comment are left out. The matched words are kept on each finding only when
    ``include_text`` is true.
    """
    body = _text_of(text)
    _, hits = _engine(coerce_policy(policy)).scan(body)
    return tuple(_finding(body, h, include_text=include_text) for h in hits)


def check_notes(
    notes: Iterable[str | Note | Mapping[str, Any]],
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    include_text: bool = False,
) -> Iterator[tuple[LanguageFinding, ...]]:
    """Check many notes lazily: yields each note's findings in turn, in the notes' order.

    The policy is validated at once; a bad note raises
    :class:`~peersupport.InvalidInput` naming its position when it is reached.
    """
    engine = _engine(coerce_policy(policy))
    if isinstance(notes, str | bytes | Mapping | Note):
        raise InvalidInput.single(("notes",), "iterable_type", "not a list of notes")
    try:
        iterator = iter(notes)
    except TypeError:
        raise InvalidInput.single(("notes",), "iterable_type", "not a list of notes") from None
    return _stream(engine, iterator, include_text=include_text)


def _stream(
    engine: LanguageEngine, notes: Iterator[object], *, include_text: bool
) -> Iterator[tuple[LanguageFinding, ...]]:
    for n, note in enumerate(notes):
        try:
            body = _text_of(note, "text")
        except InvalidInput as exc:
            raise InvalidInput(
                [attrs.evolve(e, loc=("notes", n, *e.loc)) for e in exc.errors]
            ) from None
        _, hits = engine.scan(body)
        yield tuple(_finding(body, h, include_text=include_text) for h in hits)


def language_counts(
    text: str | Note | Mapping[str, Any], policy: Policy | Mapping[str, Any] | None = None
) -> LanguageCounts:
    """The word count of ``text`` and its findings by category and rule."""
    return scan_language(text, policy)[1]


# --- the rules in the engine ---------------------------------------------------------------


@attrs.frozen
class LanguageScan:
    """A note with its findings, computed once; the subject the ``LANG-*`` rules read."""

    note: Note
    findings: tuple[LanguageFinding, ...]
    by_rule: Mapping[str, tuple[LanguageFinding, ...]] = attrs.field(repr=False)
    words: int

    @classmethod
    def of(cls, note: Note, policy: Policy | None = None) -> LanguageScan:
        """Scan ``note`` under ``policy`` (the default if none)."""
        tokens, hits = _engine(policy or DEFAULT_POLICY).scan(note.text)
        findings = tuple(_finding(note.text, h, include_text=False) for h in hits)
        grouped: dict[str, list[LanguageFinding]] = {}
        for f in findings:
            grouped.setdefault(f.rule_id, []).append(f)
        by_rule = MappingProxyType({k: tuple(v) for k, v in grouped.items()})
        return cls(note, findings, by_rule, count_words(tokens))

    @property
    def digest(self) -> str:
        """The note's digest (what a report records as its input)."""
        return self.note.digest


MET, NOT_MET, REVIEW = Outcome.MET, Outcome.NOT_MET, Outcome.NEEDS_REVIEW


def _check_for(rule_id: str) -> Any:
    def check(scan: LanguageScan, _context: CheckContext) -> Evaluation:
        found = scan.by_rule.get(rule_id, ())
        if not found:
            return Evaluation(MET, "met", {"count": 0})
        evidence = {
            "count": len(found),
            "spans": [[f.span[0], f.span[1]] for f in found],
            "contexts": sorted({c.value for f in found for c in f.contexts}),
        }
        if all(f.softened for f in found):
            return Evaluation(REVIEW, "softened", evidence)
        return Evaluation(NOT_MET, "found", evidence)

    return check


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _rule(compiled: CompiledRule) -> Rule[LanguageScan, CheckContext]:
    spec = compiled.spec
    suggestion = _braces(spec.suggestion)
    return Rule(
        id=spec.id,
        title=spec.title,
        severity=compiled.severity,
        citations=compiled.citations,
        rationale=spec.rationale,
        remediation=_sentence(f"Write instead: {spec.suggestion}"),
        check=_check_for(spec.id),
        messages={
            "met": "Not found in the note.",
            "found": f"{_braces(spec.message)}: found {{count}} time(s), at {{spans}}. "
            + _sentence(f"Instead: {suggestion}"),
            "softened": f"{_braces(spec.message)}: found {{count}} time(s), only where "
            f"{{contexts}} softens it, at {{spans}}; a person should read it.",
        },
        tags=("language", spec.category.value),
    )


@lru_cache(maxsize=32)
def _ruleset_of(engine: LanguageEngine) -> RuleSet[LanguageScan, CheckContext]:
    return RuleSet.of("language", pack_version(), [_rule(r) for r in engine.rules])


LANGUAGE: Final[RuleSet[LanguageScan, CheckContext]] = _ruleset_of(bundled_engine())


def language_ruleset(
    policy: Policy | Mapping[str, Any] | None = None,
) -> RuleSet[LanguageScan, CheckContext]:
    """The ``LANG-*`` rule set under ``policy``: rules removed, re-graded or added."""
    return _ruleset_of(_engine(coerce_policy(policy)))


def language_rules(
    policy: Policy | Mapping[str, Any] | None = None,
) -> tuple[LanguageRuleSpec, ...]:
    """The language rules in force under ``policy``, as pack data, in id order."""
    engine = _engine(coerce_policy(policy))
    return tuple(sorted((r.spec for r in engine.rules), key=lambda s: s.id))


def check_note(
    note: Note | Mapping[str, Any] | str,
    policy: Policy | Mapping[str, Any] | None = None,
    *,
    as_of: date | None = None,
    waivers: Iterable[Waiver | Mapping[str, Any]] | None = None,
    strict: bool = False,
) -> Report:
    """Run every ``LANG-*`` rule on one note and return a :class:`~peersupport.Report`.

    A rule is ``met`` when it finds nothing, ``not_met`` (with the spans as evidence) when
    it does, and ``needs_review`` when every match is in a context that softens it.
    """
    from peersupport.checks._registry import severity_of  # noqa: PLC0415 - registry imports checks

    subject = Note(text=note) if isinstance(note, str) else coerce_model(Note, note, "note")
    context = make_context(policy, as_of)
    ruleset = language_ruleset(context.policy)
    scan = LanguageScan.of(subject, context.policy)
    findings = ruleset.evaluate(scan, context, subject.id)
    valid = coerce_waivers(waivers)
    findings = apply_waivers(
        findings, valid, as_of=context.as_of, strict=strict, severity_of=severity_of
    )
    return Report(
        findings=findings,
        ruleset_version=ruleset.label,
        policy_digest=context.policy.digest,
        source=subject,
        as_of=context.as_of,
        waivers=valid,
        strict=strict,
    )
