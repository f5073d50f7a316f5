"""``dataclasses.replace`` without its per-call checks, for the records extraction copies once per figure."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

_Record = TypeVar("_Record")

#: Per dataclass: a getter of all its field values in order, and each field's place.
_LAYOUTS: dict[type[Any], tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]] = {}


def _layout(cls: type[Any]) -> tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]:
    layout = _LAYOUTS.get(cls)
    if layout is None:
        fields = dataclasses.fields(cls)
        if len(fields) < 2 or any(not field.init for field in fields):
            raise TypeError(f"{cls.__name__}: replace() needs two or more fields, all set by __init__")
        names = tuple(field.name for field in fields)
        layout = _LAYOUTS[cls] = (operator.attrgetter(*names), {name: index for index, name in enumerate(names)})
    return layout


def replace(record: _Record, **changes: Any) -> _Record:
    """A copy of the dataclass ``record`` with ``changes``: ``dataclasses.replace``, about twice as fast (it reads
    the class's fields once, not on every call); an unknown field name raises KeyError."""
    record_type: type[Any] = type(record)
    values_of, index = _layout(record_type)
    values = list(values_of(record))
    for name, value in changes.items():
        values[index[name]] = value
    copy: _Record = record_type(*values)
    return copy
