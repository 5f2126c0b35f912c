from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peersupport.text import (
    NEGATED,
    NEGATOR,
    QUOTED,
    PatternError,
    PhraseIndex,
    compile_pattern,
    tokenize,
)
from peersupport.text._tokens import Tokens
from peersupport.text._tokens import tokenize as reference_tokenize

LEXICON = {"administer": ["administers", "administered", "administering"]}


def _find(patterns: list[tuple[str, str]], text: str) -> list[tuple[str, str, bool, bool, bool]]:
    index = PhraseIndex.build(patterns, LEXICON)
    tokens = tokenize(text)
    return [
        (m.key, text[m.span[0] : m.span[1]], m.negated, m.quoted, m.question)
        for m in index.find(tokens)
    ]


def test_tokens_keep_character_offsets() -> None:
    text = "She’s  here,\n twice."
    tokens = tokenize(text)
    assert tokens.norms == ["she's", "here", ",", "twice", "."]
    for norm, start, end in zip(tokens.norms, tokens.starts, tokens.ends, strict=True):
        assert text[start:end].casefold().replace("’", "'") == norm


def test_contractions_split_into_word_and_negator() -> None:
    tokens = tokenize("He doesn't and can't.")
    assert tokens.norms == ["he", "does", "n't", "and", "can", "n't", "."]
    assert tokens.flags[2] & NEGATOR


def test_negation_reaches_to_the_end_of_the_clause() -> None:
    tokens = tokenize("She does not take meds, but he takes them.")
    negated = [n for n, f in zip(tokens.norms, tokens.flags, strict=True) if f & NEGATED]
    assert negated == ["take", "meds"]


@pytest.mark.parametrize("tokenizer", [tokenize, reference_tokenize])
def test_and_before_a_pronoun_or_auxiliary_starts_a_new_clause(
    tokenizer: Callable[[str], Tokens],
) -> None:
    tokens = tokenizer("He is not sleeping and is schizophrenic.")
    negated = [n for n, f in zip(tokens.norms, tokens.flags, strict=True) if f & NEGATED]
    assert negated == ["sleeping", "and"]
    joined = tokenizer("She is not lazy and manipulative.")
    negated = [n for n, f in zip(joined.norms, joined.flags, strict=True) if f & NEGATED]
    assert negated == ["lazy", "and", "manipulative"]


def test_quotation_marks_scope() -> None:
    tokens = tokenize('He said "I am bipolar" and left. “Crazy” day')
    quoted = [n for n, f in zip(tokens.norms, tokens.flags, strict=True) if f & QUOTED]
    assert quoted == ["i", "am", "bipolar", "crazy"]


def test_a_quotation_may_span_sentences_but_not_lines() -> None:
    tokens = tokenize('She said "I am tired. I am bipolar." Then\n"open\nclosed')
    quoted = [n for n, f in zip(tokens.norms, tokens.flags, strict=True) if f & QUOTED]
    assert quoted == ["i", "am", "tired", ".", "i", "am", "bipolar", ".", "open"]


def test_apostrophe_inside_a_word_is_not_a_quote() -> None:
    tokens = tokenize("The peer's own words")
    assert not any(f & QUOTED for f in tokens.flags)


def test_a_line_break_ends_a_sentence_and_a_negation() -> None:
    tokens = tokenize("Does not administer\nadminister medication")
    assert tokens.sentences[0] != tokens.sentences[-1]
    assert not tokens.flags[-1] & NEGATED


def test_questions_are_marked_per_sentence() -> None:
    found = _find([("p", "psychotic")], "Am I psychotic? He is psychotic.")
    assert [q for *_, q in found] == [True, False]


def test_multi_word_match_spans_the_whole_phrase() -> None:
    found = _find(
        [("a", "{administer} (the|his|her)? medication|meds")], "Nurse: Administered his meds."
    )
    assert found == [("a", "Administered his meds", False, False, False)]


def test_negated_match_is_flagged_not_dropped() -> None:
    found = _find([("d", "is (a|an)? schizophrenic")], "He is not a schizophrenic.")
    assert found == [("d", "is not a schizophrenic", True, False, False)]


def test_longest_match_wins_per_key_and_start() -> None:
    found = _find([("k", "service user?"), ("k", "service")], "the service user")
    assert found == [("k", "service user", False, False, False)]


def test_optional_first_element_is_indexed_both_ways() -> None:
    found = _find([("c", "(the)? mentally ill")], "the mentally ill and mentally ill people")
    assert [f[1] for f in found] == ["the mentally ill", "mentally ill"]


def test_wildcard_matches_any_one_token() -> None:
    assert _find([("t", "i told * to")], "I told Sam to go") == [
        ("t", "I told Sam to", False, False, False)
    ]


@pytest.mark.parametrize("source", ["", "x?", "* word", "{unknown}", "a||b"])
def test_bad_patterns_are_refused(source: str) -> None:
    with pytest.raises(PatternError):
        PhraseIndex.build([("k", source)], LEXICON)


def test_compile_pattern_reads_alternatives_and_optionals() -> None:
    elements = compile_pattern("(a|an)? schizophrenic")
    assert elements[0].optional
    assert elements[0].words == frozenset({"a", "an"})
    assert elements[1].words == frozenset({"schizophrenic"})


@given(st.text())
def test_spans_are_within_the_text_and_hold_the_tokens(text: str) -> None:
    tokens = tokenize(text)
    for norm, start, end in zip(tokens.norms, tokens.starts, tokens.ends, strict=True):
        assert 0 <= start < end <= len(text)
        piece = text[start:end].casefold().replace("’", "'")
        assert piece == norm or norm in {"can", "will", "shall"}


@given(st.text(), st.sampled_from(["schizophrenic", "is schizophrenic", "i told * to"]))
def test_matching_never_raises_and_spans_are_in_bounds(text: str, pattern: str) -> None:
    tokens = tokenize(text)
    for match in PhraseIndex.build([("k", pattern)]).find(tokens):
        assert 0 <= match.span[0] < match.span[1] <= len(text)
        assert match.first <= match.last


def test_a_negator_the_pattern_spells_out_does_not_negate_the_match() -> None:
    found = _find([("r", "because no one else")], "I do it because no one else wants to")
    assert found == [("r", "because no one else", False, False, False)]


@pytest.mark.parametrize("source", ["(her", "him)", "(a|an"])
def test_stray_parentheses_are_refused(source: str) -> None:
    with pytest.raises(PatternError):
        compile_pattern(source)


def test_a_wildcard_alternative_accepts_any_token() -> None:
    (element,) = compile_pattern("her|*")
    assert element.words is None
