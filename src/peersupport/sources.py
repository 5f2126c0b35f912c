"""The documents peersupport's rules cite, and :class:`Citation` into them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from peersupport.engine import Citation

__all__ = ["SOURCES", "Citation", "Source", "cite"]


@attrs.frozen
class Source:
    """A cited document: its short id, title, publisher, year and licence note."""

    id: str
    title: str
    publisher: str
    year: int | None = None
    note: str = ""


SOURCES: Final[Mapping[str, Source]] = MappingProxyType(
    {
        s.id: s
        for s in (
            Source(
                "competencies-training",
                "Peer Support Team Member Competencies and Knowledge & Training",
                "after Sunderland & Mishkin (2016), Addictions and Mental Health Ontario / "
                "Mental Health Commission of Canada",
                2016,
                "Five competency domains, ten steps to plan training, the training topics.",
            ),
            Source(
                "workplace-ptsd-program",
                "Workplace PTSD Peer Support Program: policy template",
                "Workplace PTSD programme template",
                None,
                "Roles, eligibility, training, programme models, evaluation, confidentiality.",
            ),
            Source(
                "campus-orientation",
                "Peer Support: Getting Oriented",
                "Campus volunteer orientation, quoting the MHCC Guidelines (2013)",
                2013,
                "Definition, ten core values, sixteen principles of practice.",
            ),
            Source(
                "who-qualityrights-one-to-one",
                "One-to-one peer support by and for people with lived experience "
                "(WHO QualityRights guidance module, WHO/MSD/QR/19.10)",
                "World Health Organization",
                2019,
                "Licensed CC BY-NC-SA 3.0 IGO.",
            ),
            Source(
                "working-together",
                "Peer Programs and Working Together: recommendations for organisations",
                "Peer programme recommendations",
                None,
                "Organisational recommendations: supervision, debriefs, breaks, peer drift.",
            ),
        )
    }
)


def cite(source: str, section: str, item: str | None = None) -> Citation:
    """Build a citation, refusing a source id that is not in the catalogue."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; known: {sorted(SOURCES)}")
    return Citation(source=source, section=section, item=item)
