"""A cached property without a lock, for values a result works out when first read.

``functools.cached_property`` takes a lock on every first read on Python 3.11 (3.12 dropped
it), which costs about three times the read itself. The values cached here are pure
functions of an immutable object: two threads that race compute equal values and one of
them is kept, so the lock buys nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["lazy_property"]

_T = TypeVar("_T")


class lazy_property(Generic[_T]):  # noqa: N801 - named like the decorator it stands in for
    """Compute on first read and keep the value in the instance ``__dict__``.

    A non-data descriptor: once the value is stored, attribute lookup finds it in the
    instance dict and never calls the descriptor again. The instance needs a ``__dict__``
    (a dict-backed attrs class, a pydantic model).
    """

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> lazy_property[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object, owner: type | None = None) -> lazy_property[_T] | _T:
        if instance is None:
            return self
        value = self.fn(instance)
        instance.__dict__[self.name] = value
        return value
