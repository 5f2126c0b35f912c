"""Loading programmes, policies and other documents from YAML or JSON files.

This is an adapter at the edge: it reads files, then hands plain data to the pure core.
Errors name the file, the field path and, for YAML, the line.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from peersupport import _yaml
from peersupport._errors import ErrorDetail, InvalidInput
from peersupport.engine import Waiver
from peersupport.model.program import Program
from peersupport.policy import Policy

__all__ = ["ProgrammeDocument", "load_data", "load_document", "load_policy"]

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


# What a file holds besides the programme itself, and what a supporters-only file holds.
_NOT_PROGRAMME_DATA = frozenset({"id", "organisation", "policy", "waivers", "supporters"})


class ProgrammeDocument(Program):
    """A programme file: a programme, and optionally the organisation's policy and waivers.

    It is a :class:`~peersupport.model.program.Program` with two more keys. A file may hold
    only ``supporters`` (with ``organisation``, ``policy`` and ``waivers``);
    :attr:`has_programme_data` tells such a file from a whole programme.
    """

    policy: Policy | None = None
    waivers: tuple[Waiver, ...] = ()

    @property
    def has_programme_data(self) -> bool:
        """Whether the file describes the programme, not only its supporters."""
        return bool(self.model_fields_set - _NOT_PROGRAMME_DATA)


def _line_map(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            out[(*loc, name)] = key.start_mark.line + 1
            _line_map(value, (*loc, name), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*loc, i), out)


def load_data(path: str | Path) -> tuple[Any, dict[Loc, int]]:
    """Read YAML, JSON or TOML; return the data and a map from field path to line (YAML only)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput.single(
            (), "file_unreadable", f"cannot read {path}: {exc.strerror}"
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput.single((), "file_encoding", f"{path} is not UTF-8 text") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return json.loads(text), {}
        if suffix == ".toml":
            return tomllib.loads(text), {}
        lines: dict[Loc, int] = {}
        node = yaml.compose(text, Loader=_yaml.Loader)
        if node is not None:
            _line_map(node, (), lines)
        return _yaml.load(text), lines
    except (yaml.YAMLError, ValueError) as exc:  # JSON/TOML decode errors are ValueErrors
        error = InvalidInput(
            [ErrorDetail((), "parse_error", f"not valid {suffix[1:] or 'YAML'}: {exc}")]
        )
        raise InvalidInput(error.errors, source=str(path)) from None


def _validate(model: type[M], path: str | Path, data: Any, lines: Mapping[Loc, int]) -> M:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc).with_lines(lines, str(path)) from None


def load_document(path: str | Path) -> ProgrammeDocument:
    """Load and validate a programme file."""
    data, lines = load_data(path)
    return _validate(ProgrammeDocument, path, data, lines)


def load_policy(path: str | Path) -> Policy:
    """Load and validate a policy from a YAML, TOML or JSON file."""
    data, lines = load_data(path)
    if isinstance(data, Mapping) and set(data) == {"policy"}:
        data = data["policy"]
        lines = {loc[1:]: n for loc, n in lines.items() if loc[:1] == ("policy",)}
    return _validate(Policy, path, data, lines)
