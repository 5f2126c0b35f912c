"""The YAML dialect peersupport reads: safe, and without implicit dates."""

from __future__ import annotations

import re
from collections.abc import Hashable
from importlib import resources
from typing import Any

import yaml

__all__ = ["Loader", "load", "load_package_data"]


class Loader(yaml.SafeLoader):
    """A safe loader that leaves dates as strings and refuses a key given twice.

    pydantic parses the dates, so an impossible date is a field error with a path and a
    line rather than a crash inside the parser. YAML itself would keep the last of two
    equal keys and silently drop the first; here that is an error.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # noqa: FBT001, FBT002 - PyYAML's signature
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay strings (see above), and only true/false are booleans, as in YAML 1.2: YAML
# 1.1 would read a key or value "on", "off", "yes" or "no" as a boolean.
_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load(text: str) -> Any:
    """Parse YAML text with :class:`Loader`."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader derives from SafeLoader


def load_package_data(name: str) -> Any:
    """Parse a YAML file bundled in ``peersupport/data``."""
    return load(resources.files("peersupport.data").joinpath(name).read_text(encoding="utf-8"))
