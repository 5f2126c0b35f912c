"""The language matcher: the bundled packs, compiled once into one phrase index.

One pass of :meth:`PairIndex.find` (a first-word index that also keys on the second word)
over a note's tokens finds every rule pattern, every
exception, every self-description cue and every organisation name at once; the context
rules are then decided per match from the token flags (negation, quotation, question),
the cues around it, and the word after it. Suppression comments
(``peersupport: ignore LANG-012``) are plain text, so they work in any format.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

import attrs
import yaml

from peersupport.engine import Citation, Severity
from peersupport.text._fast_tokens import tokenize_fast
from peersupport.text._language_index import PairIndex
from peersupport.text._language_pack import (
    ContextAction,
    ContextData,
    LanguageCategory,
    LanguageContext,
    LanguagePack,
    LanguageRuleSpec,
)
from peersupport.text._phrases import compile_pattern
from peersupport.text._tokens import (
    _CLAUSE_END,
    _QUOTES,
    NEGATED,
    NEGATOR,
    NEGATORS,
    QUOTED,
    Tokens,
)

__all__ = [
    "PACKS",
    "CompiledRule",
    "Hit",
    "LanguageEngine",
    "bundled_engine",
    "bundled_rules",
    "context_data",
    "count_words",
    "engine_for",
    "lexicon",
    "pack_version",
    "validate_patterns",
]

PACKS: Final = ("closed_language", "judgemental", "dehumanizing_term", "directive")
_DIR: Final = "language"

# Keys in the one phrase index: (kind, rule index).
_RULE, _ANCHORED, _EXCEPTION, _SELF, _ORG, _ASKS, _LABEL = 0, 1, 2, 3, 4, 5, 6
# A self-description cue covers a match that starts inside it or right after it.
_SELF_REACH: Final = 1

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str) -> Any:
    path = resources.files("peersupport.data").joinpath(_DIR).joinpath(name)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader


@cache
def lexicon() -> Mapping[str, tuple[str, ...]]:
    """Lemma -> inflections, for ``{lemma}`` in patterns."""
    data = _read("lexicon.yaml")
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v)
        for k, v in data.items()
    ):
        raise ValueError("language/lexicon.yaml must map each lemma to a list of words")
    return MappingProxyType({k: tuple(v) for k, v in data.items()})


@cache
def context_data() -> ContextData:
    """The self-description cues, organisation names, neutral nouns and default actions."""
    return ContextData.model_validate(_read("context.yaml"))


@cache
def _packs() -> tuple[LanguagePack, ...]:
    return tuple(LanguagePack.model_validate(_read(f"{name}.yaml")) for name in PACKS)


@cache
def bundled_rules() -> tuple[LanguageRuleSpec, ...]:
    """Every bundled rule, in id order; ids are unique across the packs."""
    specs = [rule for pack in _packs() for rule in pack.rules]
    ids = [s.id for s in specs]
    if len(ids) != len(set(ids)):
        raise ValueError("two language packs share a rule id")
    return tuple(sorted(specs, key=lambda s: s.id))


def pack_version() -> str:
    """The packs' version for rule set labels: one number when the packs agree."""
    versions = [pack.version for pack in _packs()]
    if len(set(versions)) == 1:
        return versions[0]
    return "+".join(f"{name}.{v}" for name, v in zip(PACKS, versions, strict=True))


def validate_patterns(patterns: Iterable[str]) -> None:
    """Raise :class:`PatternError` (a ``ValueError``) for a pattern that cannot compile."""
    words = lexicon()
    for n, pattern in enumerate(patterns, 1):
        PairIndex.build([(f"pattern {n}", _strip_anchor(pattern)[0])], words)


def _strip_anchor(pattern: str) -> tuple[str, bool]:
    text = pattern.strip()
    if text.startswith("^"):
        return text[1:].strip(), True
    return text, False


def count_words(tokens: Tokens) -> int:
    """Words in a tokenised text: tokens that start with a letter or digit, contractions once."""
    return sum(1 for n in tokens.norms if n[0].isalnum() and n != "n't")


@attrs.frozen(eq=False)
class CompiledRule:
    """A pack rule ready to match: its spec, effective severity and context actions."""

    spec: LanguageRuleSpec
    severity: Severity
    actions: Mapping[LanguageContext, ContextAction]
    citations: tuple[Citation, ...]
    own_negators: frozenset[str]
    vocabulary: frozenset[str]

    @property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id

    @property
    def category(self) -> LanguageCategory:
        """The rule's category."""
        return self.spec.category


@attrs.frozen(slots=True)
class Hit:
    """A reported match: the rule, token range, character span, severity and contexts."""

    rule: CompiledRule
    first: int
    last: int
    span: tuple[int, int]
    severity: Severity
    contexts: tuple[LanguageContext, ...]
    softened: bool


def _compile_rule(
    spec: LanguageRuleSpec, severity: Severity | None, data: ContextData
) -> CompiledRule:
    words = lexicon()
    vocabulary: set[str] = set()
    for pattern in spec.patterns:
        for element in compile_pattern(_strip_anchor(pattern)[0], words):
            if element.words is not None:
                vocabulary.update(element.words)
    return CompiledRule(
        spec=spec,
        severity=severity or spec.severity,
        actions=MappingProxyType(spec.context.over(data.defaults[spec.category])),
        citations=tuple(s.citation() for s in spec.sources),
        own_negators=frozenset(vocabulary & (NEGATORS | {"n't"})),
        vocabulary=frozenset(vocabulary),
    )


_SUPPRESS: Final = re.compile(
    r"peersupport\s*:\s*ignore(?P<file>-file)?(?![\w-])(?P<ids>(?:[\s,]+[a-z]+-\d{3}(?![\w-]))*)",
    re.IGNORECASE,
)
_ALL: Final = "*"
_NEWLINE: Final = re.compile("\n")


def _suppressions(text: str) -> tuple[frozenset[str], dict[int, frozenset[str]]] | None:
    """Rule ids suppressed in the whole text, and per line.

    A comment covers its line and the next; ``*`` stands for every rule. ``None`` when the
    text has no comment.
    """
    if "peersupport" not in text.casefold():
        return None
    whole: set[str] = set()
    lines: dict[int, set[str]] = {}
    for match in _SUPPRESS.finditer(text):
        ids = {i.upper() for i in re.findall(r"[a-z]+-\d{3}", match["ids"], re.IGNORECASE)}
        ids = ids or {_ALL}
        if match["file"]:
            whole |= ids
        else:
            line = text.count("\n", 0, match.start())
            lines.setdefault(line, set()).update(ids)
            lines.setdefault(line + 1, set()).update(ids)
    if not whole and not lines:
        return None
    return frozenset(whole), {k: frozenset(v) for k, v in lines.items()}


@attrs.define
class _Around:
    """What the index found besides rule matches: exceptions and context cues."""

    exceptions: dict[int, list[tuple[int, int]]] = attrs.Factory(dict)
    cues: list[tuple[int, int]] = attrs.Factory(list)
    orgs: list[tuple[int, int]] = attrs.Factory(list)
    asks: list[int] = attrs.Factory(list)
    labels: list[int] = attrs.Factory(list)  # where a cue that others label the person ends


def _partition(
    matches: list[tuple[tuple[int, int], int, int]],
) -> tuple[list[tuple[int, int, int, bool]], _Around]:
    """Rule candidates sorted by start (longest first), and everything else found."""
    candidates: list[tuple[int, int, int, bool]] = []
    around = _Around()
    for (kind, i), first, last in matches:
        if kind in {_RULE, _ANCHORED}:
            candidates.append((first, -last, i, kind == _ANCHORED))
        elif kind == _EXCEPTION:
            around.exceptions.setdefault(i, []).append((first, last))
        elif kind == _SELF:
            around.cues.append((first, last))
        elif kind == _ORG:
            around.orgs.append((first, last))
        elif kind == _LABEL:
            around.labels.append(last)
        else:
            around.asks.append(last)
    candidates.sort()
    return candidates, around


def _labelled(tokens: Tokens, labels: list[int], first: int) -> bool:
    """Whether the quotation holding token ``first`` is others' label for the person.

    "The ward calls him "manipulative"": a labelling cue ends right before the quotation
    opens (only quotation marks between), so the quoted word is not the person's own.
    """
    norms = tokens.norms
    return any(b < first and all(norms[k] in _QUOTES for k in range(b + 1, first)) for b in labels)


@attrs.frozen(eq=False)
class LanguageEngine:
    """Compiled rules, exceptions and context cues in one phrase index (first two words)."""

    rules: tuple[CompiledRule, ...]
    index: PairIndex[tuple[int, int]]
    neutral: frozenset[str]

    @classmethod
    def compile(
        cls,
        specs: Sequence[LanguageRuleSpec],
        *,
        severities: Mapping[str, Severity] | None = None,
        organisations: Sequence[str] = (),
    ) -> LanguageEngine:
        """Compile rule specs (re-graded by ``severities``) with the bundled context data."""
        data = context_data()
        regrade = severities or {}
        rules = tuple(_compile_rule(s, regrade.get(s.id), data) for s in specs)
        entries: list[tuple[tuple[int, int], str]] = []
        for i, rule in enumerate(rules):
            for pattern in rule.spec.patterns:
                body, anchored = _strip_anchor(pattern)
                entries.append(((_ANCHORED if anchored else _RULE, i), body))
            entries.extend(((_EXCEPTION, i), p) for p in rule.spec.exceptions)
        entries.extend(((_SELF, 0), p) for p in data.self_description)
        entries.extend(((_ASKS, 0), p) for p in data.indirect_questions)
        entries.extend(((_LABEL, 0), p) for p in data.labelling)
        entries.extend(((_ORG, 0), p) for p in (*data.organisations, *organisations))
        index = PairIndex.build(entries, lexicon())
        return cls(rules, index, frozenset(w.casefold() for w in data.neutral_nouns))

    def scan(self, text: str) -> tuple[Tokens, list[Hit]]:
        """Tokenise ``text`` and report every rule match that survives its contexts."""
        tokens = tokenize_fast(text)
        candidates, around = _partition(self.index.find(tokens))
        if not candidates:
            return tokens, []
        suppressed = _suppressions(text)
        newlines = [m.start() for m in _NEWLINE.finditer(text)] if suppressed else []
        hits: list[Hit] = []
        reached: dict[int, int] = {}
        for first, neg_last, i, anchored in candidates:
            last = -neg_last
            if reached.get(i, -1) >= first:
                continue  # inside a longer match of the same rule
            if anchored and not _at_clause_start(tokens, first):
                continue
            reached[i] = last
            if any(a <= last and first <= b for a, b in around.exceptions.get(i, ())):
                continue
            rule = self.rules[i]
            hit = _decide(
                tokens, rule, first, last, self._contexts(tokens, rule, first, last, around)
            )
            if hit is None or (
                suppressed is not None
                and _is_suppressed(rule.id, hit.span[0], newlines, suppressed)
            ):
                continue
            hits.append(hit)
        hits.sort(key=lambda h: (h.span, h.rule.id))
        return tokens, hits

    @staticmethod
    def _asked(tokens: Tokens, asks: list[int], first: int, sentence: int) -> bool:
        """Whether an indirect-question cue earlier in the sentence reaches the match.

        A cue such as "she asked whether" covers its own clause, up to the next clause end.
        """
        norms, sentences = tokens.norms, tokens.sentences
        return any(
            b < first
            and sentences[b] == sentence
            and not any(norms[k] in _CLAUSE_END for k in range(b + 1, first))
            for b in asks
        )

    def _contexts(
        self,
        tokens: Tokens,
        rule: CompiledRule,
        first: int,
        last: int,
        around: _Around,
    ) -> list[LanguageContext]:
        cues, orgs, asks = around.cues, around.orgs, around.asks
        flags = tokens.flags
        norms = tokens.norms
        found: list[LanguageContext] = []
        window = flags[first : last + 1]
        if any(window):  # most matches carry no flag at all
            own = rule.own_negators
            if window[0] & NEGATED or any(
                flags[j] & NEGATOR and norms[j] not in own for j in range(first + 1, last + 1)
            ):
                found.append(LanguageContext.NEGATED)
            if any(f & QUOTED for f in window) and not _labelled(tokens, around.labels, first):
                found.append(LanguageContext.QUOTED)
        sentence = tokens.sentences[first]
        if tokens.is_question(first) or (asks and self._asked(tokens, asks, first, sentence)):
            found.append(LanguageContext.QUESTION)
        if cues and any(
            a <= first <= b + _SELF_REACH and tokens.sentences[a] == sentence for a, b in cues
        ):
            found.append(LanguageContext.SELF_DESCRIPTION)
        if orgs and any(a <= last and first <= b for a, b in orgs):
            found.append(LanguageContext.ORGANISATION)
        after = last + 1
        if (
            after < len(norms)
            and norms[after] in self.neutral
            and tokens.sentences[after] == sentence
        ):
            found.append(LanguageContext.NEUTRAL_NOUN)
        return found


def _at_clause_start(tokens: Tokens, first: int) -> bool:
    if first == 0:
        return True
    before = first - 1
    return (
        tokens.sentences[before] != tokens.sentences[first] or not tokens.norms[before][0].isalnum()
    )


def _decide(
    tokens: Tokens, rule: CompiledRule, first: int, last: int, contexts: list[LanguageContext]
) -> Hit | None:
    softened = False
    for context in contexts:
        action = rule.actions[context]
        if action is ContextAction.SKIP:
            return None
        if action is ContextAction.SOFTEN:
            softened = True
    severity = Severity.ADVISORY if softened else rule.severity
    return Hit(rule, first, last, tokens.span(first, last), severity, tuple(contexts), softened)


def _is_suppressed(
    rule_id: str,
    start: int,
    newlines: list[int],
    suppressed: tuple[frozenset[str], dict[int, frozenset[str]]],
) -> bool:
    whole, lines = suppressed
    if rule_id in whole or _ALL in whole:
        return True
    ids = lines.get(bisect_right(newlines, start - 1))
    return ids is not None and (rule_id in ids or _ALL in ids)


@cache
def bundled_engine() -> LanguageEngine:
    """The bundled packs, compiled once."""
    return LanguageEngine.compile(bundled_rules())


# A few policies are in use at a time; each compiles once.
_ENGINES: dict[Any, LanguageEngine] = {}
_ENGINES_MAX: Final = 32


def engine_for(
    disabled: Iterable[str],
    severities: Mapping[str, Severity],
    extra: Sequence[LanguageRuleSpec],
    organisations: Sequence[str],
) -> LanguageEngine:
    """The engine for a policy's language settings, compiled once per distinct setting."""
    off = frozenset(disabled)
    if not off and not severities and not extra and not organisations:
        return bundled_engine()
    key = (off, tuple(sorted(severities.items())), tuple(extra), tuple(organisations))
    engine = _ENGINES.get(key)
    if engine is None:
        specs = [s for s in (*bundled_rules(), *extra) if s.id not in off]
        engine = LanguageEngine.compile(specs, severities=severities, organisations=organisations)
        if len(_ENGINES) >= _ENGINES_MAX:
            _ENGINES.pop(next(iter(_ENGINES)))
        _ENGINES[key] = engine
    return engine
