"""The tokenizer the library uses: the reference tokenizer's output, built in bulk.

:func:`peersupport.text._tokens.tokenize` is the reference: a readable state machine run on
every token. Here the text is split and its offsets summed by C-level calls, and the state
machine only visits the few tokens that change state (quotation marks, negators, clause and
sentence ends, line breaks), filling the plain stretches between them in bulk. It reads the
reference's tables, and a property test holds the two to the same output for any text.
``peersupport.text.tokenize`` is this function.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Final

from peersupport.text._tokens import (
    _CLAUSE_END,
    _CLAUSE_STARTERS,
    _CONTRACTION_BASES,
    _DOUBLE_QUOTES,
    _NEGATION_REACH,
    _QUOTES,
    _SENTENCE_END,
    _TOKEN,
    NEGATED,
    NEGATOR,
    NEGATORS,
    QUOTED,
    Tokens,
)

__all__ = ["tokenize_fast"]

_SPLIT: Final = re.compile(f"({_TOKEN.pattern})", _TOKEN.flags)
# The same split for plain ASCII text, where ASCII classes read the same and run faster;
# the Unicode \s also covers the separators U+001C-U+001F, so text with those takes the
# general path.
_SPLIT_ASCII: Final = re.compile(_SPLIT.pattern, re.ASCII)
_SEPARATORS: Final = re.compile("[\x1c-\x1f]")
_OPENING_DOUBLE: Final = frozenset({"“", "«", "„"})
_BEFORE_SINGLE: Final = "([{—-"
_NEGATORS: Final = NEGATORS | {"n't"}
# The tokens that change the state: quotation marks (as normalised), negators and the ends
# of sentences. Line breaks are found from the gaps between tokens.
_EVENTS: Final = _QUOTES | _NEGATORS | _SENTENCE_END
_NT: Final = "n't"
_NO_QUESTIONS: Final[frozenset[int]] = frozenset()


def _split_contractions(
    raws: list[str], norms: list[str], starts: list[int], ends: list[int], gaps: list[str]
) -> None:
    """Split "isn't" into "is" + "n't" in place, as the core tokenizer does."""
    new_raws: list[str] = []
    new_norms: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    new_gaps: list[str] = []
    for raw, norm, start, end, gap in zip(raws, norms, starts, ends, gaps, strict=True):
        if len(norm) > len(_NT) and norm.endswith(_NT) and raw not in _QUOTES:
            base = norm[:-3]
            new_raws += (raw[:-3], raw[-3:])
            new_norms += (_CONTRACTION_BASES.get(base, base), _NT)
            new_starts += (start, end - 3)
            new_ends += (end - 3, end)
            new_gaps += (gap, "")
        else:
            new_raws.append(raw)
            new_norms.append(norm)
            new_starts.append(start)
            new_ends.append(end)
            new_gaps.append(gap)
    raws[:], norms[:], starts[:], ends[:], gaps[:] = (
        new_raws,
        new_norms,
        new_starts,
        new_ends,
        new_gaps,
    )


def _negate(norms: list[str], raws: list[str], flags: bytearray, breaks: set[int], i: int) -> None:
    """Mark the words a negator at ``i`` reaches.

    It reaches up to the end of its clause (a clause may also begin at "and" followed by a
    pronoun or auxiliary), a line break, the next negator, or the reach, whichever comes
    first; quotation marks do not count.
    """
    left = _NEGATION_REACH
    j = i + 1
    n = len(norms)
    previous = norms[i]
    while left and j < n and j not in breaks:
        word = norms[j]
        if raws[j] in _QUOTES:
            j += 1
            continue
        if word in _CLAUSE_END or word in _NEGATORS:
            return
        if previous == "and" and word in _CLAUSE_STARTERS:
            return
        flags[j] |= NEGATED
        left -= 1
        previous = word
        j += 1


def _sentences(n: int, boundaries: list[int]) -> list[int]:
    """Each token's sentence, from the indices where a new sentence starts (repeats count)."""
    out: list[int] = []
    sentence = previous = 0
    for b in sorted(boundaries):
        out.extend([sentence] * (b - previous))
        sentence += 1
        previous = b
    out.extend([sentence] * (n - previous))
    return out


def tokenize_fast(text: str) -> Tokens:  # noqa: C901, PLR0912, PLR0915 - one state machine
    """Split ``text`` into words and punctuation, marking quotation, negation and sentences."""
    if text.isascii() and _SEPARATORS.search(text) is None:
        # ASCII lower-casing keeps every length and token boundary, so splitting the
        # lowered text gives the norms at once; punctuation reads the same either way.
        folded = text.lower()
        parts = _SPLIT_ASCII.split(folded)
        norms = parts[1::2]
        raws = norms  # the same list: _split_contractions keeps them equal
    else:
        folded = text.casefold().replace("’", "'")
        parts = _SPLIT.split(text)
        raws = parts[1::2]
        norms = [r.casefold() for r in raws]
        if "’" in text:
            norms = [w.replace("’", "'") for w in norms]
    if not raws:
        return Tokens(text, [], [], [], bytearray(), [], _NO_QUESTIONS)
    offsets = list(accumulate(map(len, parts), initial=0))
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    gaps = parts[0:-1:2]
    if _NT in folded:
        _split_contractions(raws, norms, starts, ends, gaps)
    n = len(norms)
    if _EVENTS.isdisjoint(norms) and "\n" not in text:
        # Nothing changes the state (no quotation mark, negator, sentence end or line
        # break): one sentence, no flags. Most short texts read so.
        return Tokens(text, norms, starts, ends, bytearray(n), [0] * n, _NO_QUESTIONS)
    breaks = {i for i in range(1, n) if "\n" in gaps[i]} if "\n" in text else set()
    events = [i for i, w in enumerate(norms) if w in _EVENTS]
    if breaks:
        events = sorted({*events, *breaks})

    flags = bytearray(n)
    boundaries = list(breaks)
    question_ends: list[int] = []
    quotes: list[int] = []
    quoted: list[tuple[int, int]] = []
    in_double = in_single = False
    opened = 0
    size = len(text)
    for i in events:
        if i in breaks:
            if in_double or in_single:
                quoted.append((opened, i))
            in_single = in_double = False
        raw = raws[i]
        if raw in _QUOTES:
            quotes.append(i)
            was = in_double or in_single
            if raw in _DOUBLE_QUOTES:
                in_double = not in_double if raw == '"' else raw in _OPENING_DOUBLE
            else:
                start, end = starts[i], ends[i]
                before = text[start - 1] if start else " "
                after = text[end] if end < size else " "
                if not in_single and (before.isspace() or before in _BEFORE_SINGLE):
                    in_single = True
                elif in_single and (after.isspace() or not after.isalnum()):
                    in_single = False
            now = in_double or in_single
            if now and not was:
                opened = i
            elif was and not now:
                quoted.append((opened, i))
            continue
        if norms[i] in _NEGATORS:
            flags[i] |= NEGATOR
            _negate(norms, raws, flags, breaks, i)
        if raw in _SENTENCE_END:
            boundaries.append(i + 1)
            if raw == "?":
                question_ends.append(i)
            if in_single:
                in_single = False
                if not in_double:
                    quoted.append((opened, i + 1))
    if in_double or in_single:
        quoted.append((opened, n))
    for a, b in quoted:
        flags[a:b] = bytes(f | QUOTED for f in flags[a:b])
    for i in quotes:
        flags[i] = 0
    sentences = _sentences(n, boundaries)
    questions = frozenset(sentences[i] for i in question_ends)
    return Tokens(text, norms, starts, ends, flags, sentences, questions)
