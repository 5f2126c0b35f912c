"""Jurisdiction packs for confidentiality decisions, one YAML file per pack.

Each file is validated by :class:`peersupport.model.disclosure.ConfidentialityPack` when it
loads. The packs model public texts in the library's own words, for illustration; they are not
legal advice.
"""
