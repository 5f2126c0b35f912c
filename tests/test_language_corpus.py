"""The labelled corpus: precision and recall of the language rules, and what it covers.

tests/data/language_corpus.yaml holds sentences written like case notes and supporter
notes. A finding counts as correct when its rule and its exact words match a label.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from peersupport.checks.language import check_language
from peersupport.text._language import bundled_rules
from peersupport.text._language_pack import LanguageContext

CORPUS = Path(__file__).parent / "data" / "language_corpus.yaml"
CONTEXTS = [c.value for c in LanguageContext] + ["suppression"]
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.90


@cache
def corpus() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(CORPUS.read_text(encoding="utf-8")))


def _expected(row: dict[str, Any]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for rule_id, words in (row.get("e") or {}).items():
        for w in words if isinstance(words, list) else [words]:
            out[rule_id, w] += 1
    return out


def _found(text: str) -> Counter[tuple[str, str]]:
    return Counter((f.rule_id, text[f.span[0] : f.span[1]]) for f in check_language(text))


def scores() -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    misses: list[str] = []
    for row in corpus():
        expected, found = _expected(row), _found(row["t"])
        hit = sum((expected & found).values())
        tp += hit
        fp += sum(found.values()) - hit
        fn += sum(expected.values()) - hit
        if expected != found:
            misses.append(f"{row['t']!r}: expected {dict(expected)}, found {dict(found)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, misses


def test_the_corpus_is_large_enough_and_well_formed() -> None:
    rows = corpus()
    assert len(rows) >= 250
    known = {r.id for r in bundled_rules()}
    for row in rows:
        assert set(row) <= {"t", "e", "a", "s", "c"}, row
        assert set(row.get("e") or {}) <= known, row
        assert set(row.get("a") or []) <= known, row
        assert set(row.get("e") or {}) <= set(row.get("a") or []), row
        assert row.get("c") in {None, *CONTEXTS}, row
    assert len({row["t"] for row in rows}) == len(rows), "duplicate sentences"


def test_the_corpus_has_positives_and_negatives_for_every_rule() -> None:
    positives: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    for row in corpus():
        fired = set(row.get("e") or {})
        for rule_id in row.get("a") or []:
            (positives if rule_id in fired else negatives)[rule_id] += 1
    for rule in bundled_rules():
        assert positives[rule.id] >= 2, rule.id
        assert negatives[rule.id] >= 2, rule.id


@pytest.mark.parametrize("context", CONTEXTS)
def test_the_corpus_has_positives_and_negatives_for_every_context_rule(context: str) -> None:
    # Positive: the context applies and changes what is reported (nothing, or softened);
    # negative: a near miss where the context does not apply and the rule still fires.
    rows = [row for row in corpus() if row.get("c") == context]
    changed = [r for r in rows if not r.get("e") or r.get("s")]
    unchanged = [r for r in rows if r.get("e") and not r.get("s")]
    assert len(changed) >= 3, context
    assert len(unchanged) >= 1, context


def test_softened_findings_are_the_labelled_ones() -> None:
    for row in corpus():
        soft = {f.rule_id for f in check_language(row["t"]) if f.softened}
        assert soft == set(row.get("s") or []), row["t"]


def test_precision_and_recall_meet_their_floors() -> None:
    precision, recall, misses = scores()
    assert precision >= PRECISION_FLOOR, "\n".join(misses)
    assert recall >= RECALL_FLOOR, "\n".join(misses)


if __name__ == "__main__":
    import sys

    p, r, m = scores()
    sys.stdout.write(f"sentences={len(corpus())} precision={p:.3f} recall={r:.3f}\n")
    sys.stdout.write("".join(f"{line}\n" for line in m))
