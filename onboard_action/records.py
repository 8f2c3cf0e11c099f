"""What the package's value types share beyond msgspec's Struct.

The value types are msgspec Structs, not dataclasses: a dataclass writes and
compiles its methods when its module is imported (about 0.7 ms a class, the
largest single cost of a small project's check), a Struct is made in C in
microseconds and holds its fields in slots. Structs compare and print every
field; these two cover the few types that must not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def repr_without(*hidden: str) -> Callable[[Any], str]:
    """A `__repr__` that leaves out `hidden` fields: secret values, and caches too long to read."""
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}"
                          for name in self.__struct_fields__ if name not in hidden)
        return f"{type(self).__name__}({shown})"
    return __repr__


def compared_on(*names: str) -> tuple[Callable[[Any, Any], bool], Callable[[Any], int]]:
    """`__eq__` and `__hash__` over `names` only: the fields that say what a value is, not extras."""
    def key(self: Any) -> tuple:
        return tuple(getattr(self, name) for name in names)

    def __eq__(self: Any, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return key(self) == key(other)

    def __hash__(self: Any) -> int:
        return hash(key(self))
    return __eq__, __hash__
