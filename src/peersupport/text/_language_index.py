"""A phrase index keyed by the first two words of each pattern, for the language packs.

It reads the pattern syntax of :mod:`peersupport.text._phrases` and finds the same matches
as :class:`~peersupport.text.PhraseIndex` (the longest per key and start token, negators
the pattern does not ask for stepped over), but it spells out the optional elements of
each pattern ahead of time and indexes every variant by its first two words. Language
patterns often begin with a common word ("the", "i", "is"), so looking up the pair
("the", "mentally") instead of every pattern that begins with "the" is what keeps the
check cheap: the cost grows with the text, and hardly with the number of patterns.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import product
from typing import Final, Generic, TypeVar

import attrs

from peersupport.text._phrases import Element, PatternError, compile_pattern
from peersupport.text._tokens import NEGATOR, Tokens

__all__ = ["PairIndex"]

K = TypeVar("K", bound=Hashable)

# A pattern with more optional elements than this is refused (2**n variants each).
_MAX_OPTIONAL: Final = 8

Variant = tuple[frozenset[str] | None, ...]


def _variants(elements: tuple[Element, ...]) -> list[Variant]:
    """Every way to take or leave the optional elements, as sequences of required ones."""
    optional = [i for i, e in enumerate(elements) if e.optional]
    if len(optional) > _MAX_OPTIONAL:
        raise PatternError(f"a pattern may have at most {_MAX_OPTIONAL} optional elements")
    out: list[Variant] = []
    for keep in product((True, False), repeat=len(optional)):
        dropped = {i for i, k in zip(optional, keep, strict=True) if not k}
        variant = tuple(e.words for i, e in enumerate(elements) if i not in dropped)
        if not variant:
            continue
        if variant[0] is None:
            raise PatternError("a pattern cannot begin with '*'")
        out.append(variant)
    return out


def _match_from(norms: list[str], flags: bytearray, start: int, variant: Variant) -> int:
    """Index of the last token of ``variant`` matched from ``start``, or -1.

    The first element is known to match; a negator the pattern does not ask for is
    stepped over.
    """
    n = len(norms)
    pos = start + 1
    for words in variant[1:]:
        while True:
            if pos >= n:
                return -1
            if words is None or norms[pos] in words:
                break
            if flags[pos] & NEGATOR:
                pos += 1
                continue
            return -1
        pos += 1
    return pos - 1


@attrs.frozen(eq=False)
class PairIndex(Generic[K]):
    """Pattern variants indexed by their first word, or their first two words."""

    _single: Mapping[str, tuple[tuple[K, Variant], ...]]
    _pairs: Mapping[tuple[str, str], tuple[tuple[K, Variant], ...]]
    size: int
    # Every word that begins a variant, and for each the words that may come second.
    _heads: frozenset[str] = attrs.field(init=False)
    _seconds: Mapping[str, frozenset[str]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        seconds: dict[str, set[str]] = {}
        for first, second in self._pairs:
            seconds.setdefault(first, set()).add(second)
        object.__setattr__(self, "_heads", frozenset(self._single) | frozenset(seconds))
        object.__setattr__(self, "_seconds", {w: frozenset(v) for w, v in seconds.items()})

    @classmethod
    def build(
        cls,
        entries: Iterable[tuple[K, str]],
        lexicon: Mapping[str, Sequence[str]] | None = None,
    ) -> PairIndex[K]:
        """Compile ``(key, pattern)`` pairs; several patterns may share a key."""
        single: dict[str, list[tuple[K, Variant]]] = {}
        pairs: dict[tuple[str, str], list[tuple[K, Variant]]] = {}
        size = 0
        for key, source in entries:
            try:
                variants = _variants(compile_pattern(source, lexicon))
            except PatternError as exc:
                raise PatternError(f"{key}: {exc}") from None
            for variant in variants:
                size += 1
                head = variant[0]
                assert head is not None  # noqa: S101 - _variants guarantees it
                second = variant[1] if len(variant) > 1 else None
                if second is None:
                    for word in head:
                        single.setdefault(word, []).append((key, variant))
                else:
                    for pair in product(head, second):
                        pairs.setdefault(pair, []).append((key, variant))
        return cls(
            {w: tuple(v) for w, v in single.items()},
            {p: tuple(v) for p, v in pairs.items()},
            size,
        )

    def find(self, tokens: Tokens) -> list[tuple[K, int, int]]:
        """``(key, first, last)`` of the longest match per key and start token, in text order.

        A match inside an earlier match of the same key is dropped.
        """
        norms = tokens.norms
        flags = tokens.flags
        single = self._single
        pairs = self._pairs
        n = len(norms)
        # Where a pattern may start, found by comprehensions rather than a loop per token:
        # a one-word variant's word, a pair of adjacent words, or a word before negators
        # (the second word of a pair may come after negators the pattern steps over).
        heads = self._heads
        seconds = self._seconds
        last_index = n - 1
        starts = [
            i
            for i, w in enumerate(norms)
            if w in heads
            and (
                w in single
                or (i < last_index and (norms[i + 1] in seconds[w] or flags[i + 1] & NEGATOR))
            )
        ]
        out: list[tuple[K, int, int]] = []
        covered: dict[K, int] = {}
        for i in starts:
            norm = norms[i]
            found = single.get(norm)
            candidates = list(found) if found else []
            j = i + 1
            while j < n:
                more = pairs.get((norm, norms[j]))
                if more:
                    candidates.extend(more)
                if not flags[j] & NEGATOR:
                    break
                j += 1
            if not candidates:
                continue
            best: dict[K, int] = {}
            for key, variant in candidates:
                last = _match_from(norms, flags, i, variant) if len(variant) > 1 else i
                if last > best.get(key, -1):
                    best[key] = last
            for key, last in best.items():
                if last < 0 or covered.get(key, -1) >= last:
                    continue
                covered[key] = last
                out.append((key, i, last))
        return out
