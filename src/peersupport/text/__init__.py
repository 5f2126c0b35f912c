"""Shared text machinery: tokens with quotation and negation scope, and a phrase index.

Role consistency (free-text tasks) and the language checker both match phrase patterns
from data packs with it.
"""

from peersupport.text._fast_tokens import tokenize_fast as tokenize
from peersupport.text._phrases import (
    Element,
    PatternError,
    PhraseIndex,
    PhraseMatch,
    compile_pattern,
)
from peersupport.text._tokens import NEGATED, NEGATOR, NEGATORS, QUOTED, Tokens

__all__ = [
    "NEGATED",
    "NEGATOR",
    "NEGATORS",
    "QUOTED",
    "Element",
    "PatternError",
    "PhraseIndex",
    "PhraseMatch",
    "Tokens",
    "compile_pattern",
    "tokenize",
]
