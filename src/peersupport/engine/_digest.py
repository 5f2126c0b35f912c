"""Digests that tie a report to the exact policy and input it was computed from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["canonical_json", "digest_bytes", "digest_json"]


def canonical_json(value: Any) -> str:
    """Serialise plain JSON values with sorted keys and no insignificant whitespace."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest_bytes(data: bytes) -> str:
    """Return ``sha256:<hex>`` of some bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def digest_json(value: Any) -> str:
    """Return the digest of a plain JSON value's canonical form."""
    # surrogatepass: a lone surrogate must not make an audit digest impossible to compute.
    return digest_bytes(canonical_json(value).encode("utf-8", "surrogatepass"))
