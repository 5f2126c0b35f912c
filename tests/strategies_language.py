"""Hypothesis strategies for the language rules: note-like texts and harmless rewrites of them.

Texts are built mostly from the words the packs and context rules read (so rules fire,
negate, quote and suppress often), mixed with punctuation, line breaks, other words and
arbitrary Unicode.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from peersupport.text import NEGATORS
from peersupport.text._language import bundled_rules, context_data, lexicon

__all__ = ["case_flips", "note_texts", "pack_words", "rule_phrases", "space_runs"]

_PUNCTUATION = (".", ",", ";", ":", "?", "!", '"', "'", "“", "”", "(", ")", "-", "…", "/")
_OTHER = ("peer", "today", "said", "we", "talked", "about", "work", "sister", "GP", "voices")
_COMMENTS = (
    "peersupport: ignore",
    "peersupport: ignore LANG-017",
    "peersupport: ignore-file LANG-001",
)


@cache
def pack_words() -> tuple[str, ...]:
    """Every word a rule pattern, exception or context cue names, plus the negators."""
    words: set[str] = set(NEGATORS) | {"n't", "I'm", "isn't", "don't"}
    for forms in lexicon().values():
        words.update(forms)
    sources = [p for r in bundled_rules() for p in (*r.patterns, *r.exceptions)]
    data = context_data()
    sources += [*data.self_description, *data.organisations, *data.indirect_questions]
    for source in sources:
        for item in source.split():
            for alt in item.rstrip("?").strip("()").split("|"):
                if alt and not alt.startswith("{") and alt not in {"^", "*"}:
                    words.add(alt)
    words.update(data.neutral_nouns)
    return tuple(sorted(words))


@cache
def rule_phrases() -> tuple[str, ...]:
    """For each rule pattern, phrases it matches: the first and the last alternative of
    each element, optional elements taken."""
    words = lexicon()
    out: set[str] = set()
    for rule in bundled_rules():
        for pattern in rule.patterns:
            for pick in (0, -1):
                phrase = []
                for item in pattern.removeprefix("^").split():
                    alts = item.rstrip("?").strip("()").split("|")
                    alt = alts[pick]
                    if alt.startswith("{"):
                        forms = words[alt.strip("{}")]
                        alt = forms[pick]
                    if alt != "*":
                        phrase.append(alt)
                out.add(" ".join(phrase))
    return tuple(sorted(out))


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(rule_phrases()),
        st.sampled_from(pack_words()),
        st.sampled_from(pack_words()).map(str.capitalize),
        st.sampled_from(_PUNCTUATION),
        st.sampled_from(_OTHER),
        st.sampled_from(_COMMENTS),
        st.just("\n"),
        st.text(max_size=4),
    )


@st.composite
def note_texts(draw: st.DrawFn, max_pieces: int = 30) -> str:
    """A note-like text: pack words, punctuation and noise, joined by single spaces."""
    pieces = draw(st.lists(_piece(), max_size=max_pieces))
    return " ".join(pieces)


@st.composite
def case_flips(draw: st.DrawFn, text: str) -> str:
    """``text`` with the case of some ASCII letters flipped (lengths stay the same)."""
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(
        c.swapcase() if flip and c.isascii() and c.isalpha() else c
        for c, flip in zip(text, flips, strict=True)
    )


def space_runs() -> st.SearchStrategy[str]:
    """Whitespace that may surround a text or stand for a single space inside a line."""
    return st.text(alphabet=" \t\u00a0", max_size=4)
