"""Bundled data packs: the competency framework and the training catalogue."""
