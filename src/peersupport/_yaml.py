"""The YAML dialect peersupport reads: safe, and without implicit dates."""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["Loader", "load"]


class Loader(yaml.SafeLoader):
    """A safe loader that leaves dates as strings.

    pydantic parses them, so an impossible date is a field error with a path and a line
    rather than a crash inside the parser.
    """


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    """Parse YAML text with :class:`Loader`."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader derives from SafeLoader
