"""Citation: where in a source document a rule comes from."""

from __future__ import annotations

import attrs

__all__ = ["Citation"]


@attrs.frozen(order=True)
class Citation:
    """A pointer into a source document: its short id, a section, and optionally an item or page."""

    source: str
    section: str
    item: str | None = None
    page: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.source} §{self.section}"]
        if self.item is not None:
            parts.append(f"item {self.item}")
        if self.page is not None:
            parts.append(f"p. {self.page}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, str | int]:
        """Plain JSON-ready form; absent parts are left out."""
        out: dict[str, str | int] = {"source": self.source, "section": self.section}
        if self.item is not None:
            out["item"] = self.item
        if self.page is not None:
            out["page"] = self.page
        return out
