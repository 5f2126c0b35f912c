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
            # Public law and style guidance that packs may cite besides the five documents.
            Source(
                "us-hipaa-164-512j",
                "45 CFR 164.512(j): uses and disclosures to avert a serious threat to health "
                "or safety",
                "United States, HIPAA Privacy Rule",
                None,
                "Modelled in a jurisdiction pack; not legal advice.",
            ),
            Source(
                "us-cops-counseling-act",
                "34 U.S.C. 50901: confidentiality of peer support counseling sessions "
                "(COPS Counseling Act)",
                "United States Code",
                2021,
                "Modelled in a jurisdiction pack; not legal advice.",
            ),
            Source(
                "ap-stylebook-mental-illness",
                "AP Stylebook: mental illness entry",
                "The Associated Press",
                None,
                "Public style guidance on writing about mental illness.",
            ),
            Source(
                "words-matter-substance-use",
                "Words Matter: preferred language for talking about addiction",
                "US National Institute on Drug Abuse",
                None,
                "Person-first language for substance use.",
            ),
        )
    }
)


def cite(source: str, section: str, item: str | None = None) -> Citation:
    """Build a citation, refusing a source id that is not in the catalogue."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; known: {sorted(SOURCES)}")
    return Citation(source=source, section=section, item=item)
