"""Policy fields for confidentiality decisions and jurisdiction packs."""

from __future__ import annotations

from peersupport._policy._base import PolicyPart, cited
from peersupport.model.disclosure import PackId

__all__ = ["ConfidentialityPolicy"]


class ConfidentialityPolicy(PolicyPart):
    """Confidentiality decisions and jurisdiction packs."""

    confidentiality_pack: PackId = cited(
        PackId.WORKPLACE_PTSD_PROGRAM,
        "workplace-ptsd-program §Confidentiality",
        "The jurisdiction pack whose grounds decide when confidentiality may or must be broken. "
        "The packs model public texts for illustration and are not legal advice.",
    )
    confidentiality_serious_mental_illness_ground: bool = cited(
        default=True,
        citation="workplace-ptsd-program §Confidentiality",
        description="Keep the template's 'evidence of a serious mental illness' ground where the "
        "pack has it. Switching it off follows who-qualityrights-one-to-one §3 and §6 (no "
        "reporting back, no judgement); the risk grounds still apply.",
    )
