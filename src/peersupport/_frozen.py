"""Read-only plain data for the assessment results, and the way back to JSON-ready values.

A result's digest is taken over its plain form, so every mapping and list it holds is
frozen on the way in: mappings become :class:`FrozenMap`, lists and tuples become tuples.
``types.MappingProxyType`` would do the first, but it cannot be pickled or deep-copied, and
a result can be both today.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["FrozenMap", "freeze", "frozen_map", "frozen_maps", "thaw"]

_K = TypeVar("_K")
_V_co = TypeVar("_V_co", covariant=True)


class FrozenMap(Mapping[_K, _V_co]):
    """A read-only mapping: no item assignment, no ``update``, ``pop`` or ``clear``.

    It compares equal to a ``dict`` with the same items, keeps their order, and pickles.
    """

    __slots__ = ("_data",)

    _data: dict[_K, _V_co]

    def __init__(self, data: Mapping[_K, _V_co]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: _K) -> _V_co:
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[_K, _V_co]], tuple[dict[_K, _V_co]]]:
        return (type(self), (self._data,))


def freeze(value: Any) -> Any:
    """``value`` with every mapping in it a :class:`FrozenMap` and every list a tuple."""
    if isinstance(value, Mapping):
        return FrozenMap({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of a mapping, frozen all the way down (an attrs converter)."""
    return FrozenMap({k: freeze(v) for k, v in value.items()})


def frozen_maps(values: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    """A tuple of read-only copies of mappings (an attrs converter)."""
    return tuple(frozen_map(v) for v in values)


def thaw(value: Any) -> Any:
    """The plain JSON-ready form of frozen data: dicts and lists, in the same order."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [thaw(v) for v in value]
    return value
