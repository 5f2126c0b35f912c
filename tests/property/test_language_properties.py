"""Invariants of the language rules: spans, whitespace and case, any Unicode, the index."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from peersupport.checks.language import LanguageFinding, check_language, check_notes
from peersupport.text import NEGATORS, PhraseIndex
from peersupport.text._fast_tokens import tokenize_fast
from peersupport.text._language import bundled_engine, bundled_rules, lexicon
from peersupport.text._language_index import PairIndex
from peersupport.text._tokens import tokenize  # the reference the fast tokenizer must equal
from strategies_language import case_flips, note_texts, space_runs

_VOCABULARY = {r.id: r.vocabulary for r in bundled_engine().rules}
_STEPPED_OVER = NEGATORS | {"n't"}


def _key(findings: tuple[LanguageFinding, ...], shift: int = 0) -> list[tuple[str, int, int, str]]:
    return [(f.rule_id, f.span[0] - shift, f.span[1] - shift, f.severity.value) for f in findings]


@given(note_texts())
def test_spans_lie_within_the_text_and_hold_the_matched_tokens(text: str) -> None:
    for f in check_language(text):
        start, end = f.span
        assert 0 <= start < end <= len(text)
        words = text[start:end]
        assert not words[0].isspace()
        assert not words[-1].isspace()
        norms = set(tokenize(words).norms)
        assert norms - _STEPPED_OVER <= _VOCABULARY[f.rule_id], (f.rule_id, norms)


@given(note_texts(), space_runs(), space_runs())
def test_findings_do_not_depend_on_surrounding_whitespace(
    text: str, before: str, after: str
) -> None:
    plain = check_language(text)
    padded = check_language(before + text + after)
    assert _key(padded, shift=len(before)) == _key(plain)


@given(note_texts(), st.sampled_from(["  ", "\t", " \u00a0 "]))
def test_findings_do_not_depend_on_the_width_of_spaces_within_a_line(text: str, gap: str) -> None:
    wide = text.replace(" ", gap)
    plain = check_language(text, include_text=True)
    widened = check_language(wide, include_text=True)
    assert [f.rule_id for f in widened] == [f.rule_id for f in plain]
    assert [" ".join((f.text or "").split()) for f in widened] == [
        " ".join((f.text or "").split()) for f in plain
    ]


@given(st.data())
def test_findings_do_not_depend_on_letter_case(data: st.DataObject) -> None:
    text = data.draw(note_texts())
    flipped = data.draw(case_flips(text))
    assert _key(check_language(flipped)) == _key(check_language(text))


@given(st.text())
def test_arbitrary_unicode_never_raises(text: str) -> None:
    found = check_language(text)
    assert isinstance(found, tuple)
    assert all(0 <= f.span[0] < f.span[1] <= len(text) for f in found)
    assert list(check_notes([text, text])) == [found, found]


@given(note_texts())
def test_the_same_text_gives_the_same_json(text: str) -> None:
    first = [f.to_json() for f in check_language(text)]
    assert first == [f.to_json() for f in check_language(text)]


_ENTRIES = [(r.id, p.removeprefix("^ ")) for r in bundled_rules() for p in r.patterns]
_SLOW = PhraseIndex.build(_ENTRIES, lexicon())
_FAST = PairIndex.build(_ENTRIES, lexicon())


@given(note_texts())
def test_the_pair_index_starts_matches_where_the_phrase_index_does(text: str) -> None:
    tokens = tokenize(text)
    assert {(k, first) for k, first, _ in _FAST.find(tokens)} == {
        (m.key, m.first) for m in _SLOW.find(tokens)
    }


def _token_arrays(text: str) -> tuple[object, ...]:
    t = tokenize(text)
    f = tokenize_fast(text)
    return (
        (t.norms, t.starts, t.ends, bytes(t.flags), t.sentences, t.questions),
        (f.norms, f.starts, f.ends, bytes(f.flags), f.sentences, f.questions),
    )


# Texts dense in what changes the tokenizer's state: quotation marks, negators, ends.
_STATEFUL = st.text(
    alphabet=st.sampled_from(list("ab '\"“”‘’«»„.?!,;\n-([—n'tis not")), max_size=40
)


@given(st.one_of(note_texts(), st.text(), _STATEFUL, st.text(st.characters(max_codepoint=127))))
def test_the_fast_tokenizer_gives_the_core_tokenizer_s_tokens(text: str) -> None:
    core, fast = _token_arrays(text)
    assert fast == core
