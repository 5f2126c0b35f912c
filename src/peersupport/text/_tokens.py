"""Tokenisation into parallel arrays, with sentence, quotation and negation scope."""

from __future__ import annotations

import re
from typing import Final

import attrs

__all__ = ["NEGATED", "QUOTED", "Tokens", "tokenize"]

# Flags per token (a bytearray, one byte each).
QUOTED: Final = 1
NEGATED: Final = 2
NEGATOR: Final = 4

_TOKEN: Final = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)
_DOUBLE_QUOTES: Final = frozenset({'"', "“", "”", "«", "»", "„"})
_SINGLE_QUOTES: Final = frozenset({"'", "‘", "’"})
_QUOTES: Final = _DOUBLE_QUOTES | _SINGLE_QUOTES
_SENTENCE_END: Final = frozenset({".", "!", "?", "…"})
# A negation reaches forward to the end of its clause, but no further than this many words.
_NEGATION_REACH: Final = 5
_CLAUSE_END: Final = frozenset(
    {".", "!", "?", ";", ":", ",", "…", "but", "although", "though", "however", "whereas", "yet"}
)
# After "and", these words start a new clause ("he is not sleeping and is ..."), so a
# negation stops there; "and" before anything else joins words inside the clause ("not
# lazy and manipulative").
_CLAUSE_STARTERS: Final = frozenset(
    {
        "i",
        "he",
        "she",
        "they",
        "we",
        "you",
        "it",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "seems",
        "seemed",
        "says",
        "said",
    }
)
NEGATORS: Final = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "nor",
        "neither",
        "cannot",
        "none",
        "nobody",
        "nothing",
        "denies",
        "denied",
        "deny",
        "refrains",
        "avoids",
        "avoid",
    }
)


@attrs.frozen(slots=True, eq=False)
class Tokens:
    """A text split into tokens, held as parallel arrays for speed.

    ``norms`` are case-folded with typographic apostrophes made plain; ``starts`` and
    ``ends`` are character offsets into ``text``; ``flags`` holds :data:`QUOTED`,
    :data:`NEGATED` and :data:`NEGATOR` bits; ``sentences`` gives each token's sentence and
    ``questions`` which sentences end with a question mark.
    """

    text: str = attrs.field(repr=False)
    norms: list[str]
    starts: list[int]
    ends: list[int]
    flags: bytearray
    sentences: list[int]
    questions: frozenset[int]

    def __len__(self) -> int:
        return len(self.norms)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``first`` to ``last`` inclusive."""
        return (self.starts[first], self.ends[last])

    def is_question(self, index: int) -> bool:
        """Whether the token's sentence ends with a question mark."""
        return self.sentences[index] in self.questions


def _normalise(word: str) -> str:
    return word.casefold().replace("’", "'")


_CONTRACTION_BASES: Final = {"ca": "can", "wo": "will", "sha": "shall"}


def _is_negator(norm: str) -> bool:
    return norm in NEGATORS or norm == "n't"


@attrs.define(slots=True)
class _Builder:
    """Accumulates tokens while tracking sentence, quotation and negation state."""

    text: str
    norms: list[str] = attrs.Factory(list)
    starts: list[int] = attrs.Factory(list)
    ends: list[int] = attrs.Factory(list)
    flags: bytearray = attrs.Factory(bytearray)
    sentences: list[int] = attrs.Factory(list)
    questions: set[int] = attrs.Factory(set)
    sentence: int = 0
    in_double: bool = False
    in_single: bool = False
    negation_left: int = 0
    previous: str = ""  # the last word scope() saw

    def push(self, norm: str, start: int, end: int, flag: int) -> None:
        self.norms.append(norm)
        self.starts.append(start)
        self.ends.append(end)
        self.flags.append(flag)
        self.sentences.append(self.sentence)

    def break_sentence(self, *, line: bool) -> None:
        # A quotation may run over several sentences, but not past a line break; a
        # single quote is too ambiguous to carry past the end of a sentence.
        self.sentence += 1
        self.in_single = False
        self.in_double = self.in_double and not line
        self.negation_left = 0

    def quote(self, raw: str, start: int, end: int) -> None:
        if raw in _DOUBLE_QUOTES:
            self.in_double = not self.in_double if raw == '"' else raw in {"“", "«", "„"}
            return
        text = self.text
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not self.in_single and (before.isspace() or before in "([{—-"):
            self.in_single = True
        elif self.in_single and (after.isspace() or not after.isalnum()):
            self.in_single = False

    def scope(self, norm: str) -> int:
        """The flags a word gets from the quotation and negation it sits in."""
        flag = QUOTED if self.in_double or self.in_single else 0
        if norm in _CLAUSE_END:
            self.negation_left = 0
        elif _is_negator(norm):
            flag |= NEGATOR
            self.negation_left = _NEGATION_REACH
        elif self.negation_left:
            if self.previous == "and" and norm in _CLAUSE_STARTERS:
                self.negation_left = 0  # a new clause begins: the negation ends
            else:
                flag |= NEGATED
                self.negation_left -= 1
        self.previous = norm
        return flag

    def build(self) -> Tokens:
        return Tokens(
            self.text,
            self.norms,
            self.starts,
            self.ends,
            self.flags,
            self.sentences,
            frozenset(self.questions),
        )


def tokenize(text: str) -> Tokens:
    """Split ``text`` into words and punctuation, marking quotation, negation and sentences."""
    b = _Builder(text)
    previous_end = 0
    for match in _TOKEN.finditer(text):
        raw = match.group()
        start, end = match.span()
        if b.norms and "\n" in text[previous_end:start]:
            # A line break ends a sentence and any quotation or negation left open.
            b.break_sentence(line=True)
        previous_end = end
        if raw in _QUOTES:
            b.quote(raw, start, end)
            b.push(_normalise(raw), start, end, 0)
            continue
        norm = _normalise(raw)
        if len(norm) > len("n't") and norm.endswith("n't"):
            # Split contractions so "isn't" reads as "is" + a negator, as patterns expect.
            base = norm[:-3]
            base = _CONTRACTION_BASES.get(base, base)
            b.push(base, start, end - 3, b.scope(base))
            norm, start = "n't", end - 3
        b.push(norm, start, end, b.scope(norm))
        if raw in _SENTENCE_END:
            if raw == "?":
                b.questions.add(b.sentence)
            b.break_sentence(line=False)
    return b.build()
