"""Phrase patterns over tokens, and an index keyed by their first word.

Pattern syntax, one element per space-separated item:

- ``word``: that word (case-folded);
- ``a|an|the``: any of these words;
- ``{lemma}``: any inflection of the lemma listed in the lexicon given at compile time;
- ``*``: any one token (also as an alternative: ``he|she|*`` accepts any token);
- a trailing ``?`` on any element makes it optional (``(a|an)?`` reads the same as ``a|an?``).

Matching compares token sequences from each token whose word begins some pattern, so the
cost grows with the text, not with the number of patterns.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from functools import reduce
from itertools import repeat
from operator import or_
from typing import Any, Final, Generic, TypeVar

import attrs

from peersupport.text._tokens import NEGATED, NEGATOR, QUOTED, Tokens

__all__ = ["Element", "PhraseIndex", "PhraseMatch", "compile_pattern"]

K = TypeVar("K", bound=Hashable)

_ANY: Final = None


@attrs.frozen(slots=True)
class Element:
    """One position of a pattern: the words it accepts (``None`` for any) and if optional."""

    words: frozenset[str] | None
    optional: bool = False


class PatternError(ValueError):
    """A phrase pattern cannot be compiled."""


def _element(item: str, lexicon: Mapping[str, Sequence[str]]) -> Element:
    optional = item.endswith("?") and len(item) > 1
    if optional:
        item = item[:-1]
    if item.startswith("(") and item.endswith(")"):
        item = item[1:-1]
    if "(" in item or ")" in item:
        raise PatternError(f"unbalanced or spaced parentheses in {item!r}")
    if item == "*":
        return Element(_ANY, optional)
    words: set[str] = set()
    for raw_alt in item.split("|"):
        alt = raw_alt.strip().casefold().replace("’", "'")
        if alt == "*":
            # "he|she|*": any token, so the named words add nothing.
            return Element(_ANY, optional)
        if alt.startswith("{") and alt.endswith("}"):
            lemma = alt[1:-1]
            if lemma not in lexicon:
                raise PatternError(f"unknown lemma {{{lemma}}}")
            words.add(lemma)
            words.update(w.casefold() for w in lexicon[lemma])
        elif alt:
            words.add(alt)
        else:
            raise PatternError(f"empty alternative in {item!r}")
    return Element(frozenset(words), optional)


def compile_pattern(
    source: str, lexicon: Mapping[str, Sequence[str]] | None = None
) -> tuple[Element, ...]:
    """Compile a pattern; it must have at least one element that is required."""
    elements = tuple(_element(item, lexicon or {}) for item in source.split())
    if not elements or all(e.optional for e in elements):
        raise PatternError(f"pattern {source!r} needs a required element")
    return elements


def _expand_heads(elements: tuple[Element, ...]) -> Iterator[tuple[Element, ...]]:
    """Variants whose first element is a required word set, so they can be indexed."""
    head = elements[0]
    if head.optional:
        yield from _expand_heads((attrs.evolve(head, optional=False), *elements[1:]))
        if len(elements) > 1:
            yield from _expand_heads(elements[1:])
    elif head.words is _ANY:
        raise PatternError("a pattern cannot begin with '*'")
    else:
        yield elements


@attrs.frozen(slots=True)
class PhraseMatch(Generic[K]):
    """A pattern found in a text: its key, token range (inclusive) and character span."""

    key: K
    first: int
    last: int
    span: tuple[int, int]
    negated: bool
    quoted: bool
    question: bool


# A compiled pattern element after the head: its words (empty for ``*``), whether it takes
# any token, and whether it is optional.
_Step = tuple[frozenset[str], bool, bool]
_NO_WORDS: Final[frozenset[str]] = frozenset()


def _steps(elements: Sequence[Element]) -> tuple[_Step, ...]:
    return tuple(
        (_NO_WORDS if e.words is None else e.words, e.words is None, e.optional) for e in elements
    )


def _walk(  # noqa: C901 - one loop, unrolled for speed
    norms: list[str], flags: bytearray, steps: tuple[_Step, ...], pos: int, k: int
) -> int:
    """Index of the last token ``steps[k:]`` match from ``pos`` on, or -1.

    Depth first, as the pattern reads: a token that matches a step is taken first, then an
    optional step is skipped, then a negating word the step does not ask for is stepped
    over, so "is not schizophrenic" is found by "is schizophrenic" (and reported as
    negated). Every step here follows the head, so a negator may always be stepped over.
    Only a choice between two of these recurses; the last one open is taken in the loop,
    so a required word (most steps) costs no call.
    """
    n = len(norms)
    m = len(steps)
    while k < m:
        words, anything, optional = steps[k]
        if pos >= n:
            if not optional:
                return -1
            k += 1  # only skipping is left
            continue
        negator = flags[pos] & NEGATOR
        if anything or norms[pos] in words:
            if not (optional or negator):
                pos += 1
                k += 1
                continue
            found = _walk(norms, flags, steps, pos + 1, k + 1)
            if found >= 0:
                return found
        if optional:
            if not negator:
                k += 1
                continue
            found = _walk(norms, flags, steps, pos, k + 1)
            if found >= 0:
                return found
        if not negator:
            return -1
        pos += 1
    return pos - 1


_Variant = tuple[Any, tuple[Element, ...], frozenset[str], tuple[frozenset[str], ...]]
# A variant as the scan reads it: its key, the bits of the required word sets it needs (see
# ``PhraseIndex._masks``), its steps after the head, and the words it spells out.
_Compiled = tuple[Any, int, tuple[_Step, ...], frozenset[str]]


def _compile(
    by_head: Mapping[str, tuple[_Variant, ...]],
) -> tuple[dict[str, tuple[_Compiled, ...]], dict[str, int]]:
    """The variants by head word as the scan reads them, and each word's required-set bits.

    Every distinct required word set gets one bit; a word's mask has the bits of the sets it
    belongs to, so the words of a text OR-ed together say at once which sets it meets.
    """
    bits: dict[frozenset[str], int] = {}
    masks: dict[str, int] = {}
    steps: dict[tuple[Element, ...], tuple[_Step, ...]] = {}
    compiled: dict[str, tuple[_Compiled, ...]] = {}
    for word, variants in by_head.items():
        out: list[_Compiled] = []
        for key, elements, spelled, required in variants:
            head = elements[0]
            if head.optional or head.words is None:
                raise PatternError("a variant must begin with a required word")
            if word not in head.words:
                continue  # it could never match from this word
            need = 0
            for words in required:
                bit = bits.get(words)
                if bit is None:
                    bit = bits[words] = 1 << len(bits)
                    for w in words:
                        masks[w] = masks.get(w, 0) | bit
                need |= bit
            rest = steps.get(elements)
            if rest is None:
                rest = steps[elements] = _steps(elements[1:])
            out.append((key, need, rest, spelled))
        if out:
            compiled[word] = tuple(out)
    return compiled, masks


@attrs.frozen(eq=False)
class PhraseIndex(Generic[K]):
    """Patterns indexed by the words that can begin them.

    Each pattern also keeps the word sets it cannot match without, so a pattern whose
    required words are absent from the text is ruled out before any comparison.
    """

    _by_head: Mapping[str, tuple[_Variant, ...]]
    size: int
    # Derived from ``_by_head`` once: the variants as the scan reads them, and each word's
    # bits of the required word sets (``_compile``).
    _compiled: Mapping[str, tuple[_Compiled, ...]] = attrs.field(init=False, repr=False)
    _masks: Mapping[str, int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        compiled, masks = _compile(self._by_head)
        object.__setattr__(self, "_compiled", compiled)
        object.__setattr__(self, "_masks", masks)

    @classmethod
    def build(
        cls,
        entries: Iterable[tuple[K, str]],
        lexicon: Mapping[str, Sequence[str]] | None = None,
    ) -> PhraseIndex[K]:
        """Compile ``(key, pattern)`` pairs; several patterns may share a key."""
        by_head: dict[str, list[_Variant]] = {}
        size = 0
        for key, source in entries:
            try:
                compiled = compile_pattern(source, lexicon)
            except PatternError as exc:
                raise PatternError(f"{key}: {exc}") from None
            # The words a pattern spells out itself: a negator among them ("because no one
            # else") is part of the phrase, not a negation of it.
            spelled = frozenset(w for e in compiled if e.words for w in e.words)
            for variant in _expand_heads(compiled):
                size += 1
                head = variant[0].words
                assert head is not None  # noqa: S101 - _expand_heads guarantees it
                # Smallest sets first: the rarer a word, the sooner a pattern is ruled out.
                required = tuple(
                    sorted(
                        (e.words for e in variant[1:] if not e.optional and e.words is not None),
                        key=len,
                    )
                )
                for word in head:
                    by_head.setdefault(word, []).append((key, variant, spelled, required))
        return cls({w: tuple(v) for w, v in by_head.items()}, size)

    def _scan(  # noqa: C901 - the hot loop, kept flat
        self, tokens: Tokens
    ) -> list[tuple[K, int, int, frozenset[str]]]:
        out: list[tuple[K, int, int, frozenset[str]]] = []
        compiled = self._compiled
        norms = tokens.norms
        flags = tokens.flags
        # The required word sets this text meets, as bits: a variant needing a set it does
        # not meet is ruled out without a comparison.
        have = reduce(or_, map(self._masks.get, set(norms), repeat(0)), 0)
        covered: dict[K, int] = {}
        for i, norm in enumerate(norms):
            candidates = compiled.get(norm)
            if candidates is None:
                continue
            best: dict[K, tuple[int, frozenset[str]]] | None = None
            for key, need, steps, spelled in candidates:
                if need & have != need:
                    continue
                last = _walk(norms, flags, steps, i + 1, 0)
                if last < 0:
                    continue
                if best is None:
                    best = {key: (last, spelled)}
                else:
                    known = best.get(key)
                    if known is None or last > known[0]:
                        best[key] = (last, spelled)
            if best is None:
                continue
            for key, (last, spelled) in best.items():
                if covered.get(key, -1) >= last:
                    continue
                covered[key] = last
                out.append((key, i, last, spelled))
        return out

    def find_raw(self, tokens: Tokens) -> list[tuple[K, int, int]]:
        """``(key, first, last)`` of each match, as :meth:`find` finds them, without objects."""
        return [(key, first, last) for key, first, last, _ in self._scan(tokens)]

    def find(self, tokens: Tokens) -> list[PhraseMatch[K]]:
        """The longest match per key and start token, in text order.

        A match that lies inside an earlier match of the same key is dropped, so
        "the mentally ill" is reported once, not also as "mentally ill".
        """
        flags = tokens.flags
        norms = tokens.norms
        out: list[PhraseMatch[K]] = []
        for key, first, last, spelled in self._scan(tokens):
            window = flags[first : last + 1]
            negated = bool(flags[first] & NEGATED) or any(
                flags[k] & NEGATOR and norms[k] not in spelled for k in range(first + 1, last + 1)
            )
            out.append(
                PhraseMatch(
                    key=key,
                    first=first,
                    last=last,
                    span=tokens.span(first, last),
                    negated=negated,
                    quoted=any(f & QUOTED for f in window),
                    question=tokens.is_question(first),
                )
            )
        return out
