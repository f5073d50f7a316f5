"""Physical quantities through pint: the unit as written -> SI base value and unit.

pint's UnitRegistry is slow to build, so it is made lazily, once, and each unit's
conversion factor is cached (a document with 500 areas converts "hectare" once).
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_REGISTRY: list[Any] = []
_FACTORS: dict[str, tuple[float, float, str] | None] = {}


def registry() -> Any:
    """The shared pint UnitRegistry (built on first use)."""
    if not _REGISTRY:
        with _LOCK:
            if not _REGISTRY:
                import pint

                _REGISTRY.append(pint.UnitRegistry())
    return _REGISTRY[0]


def _factor(unit: str) -> tuple[float, float, str] | None:
    """(scale, offset, base unit) with base = value * scale + offset; None for a unit pint does not know."""
    if unit in _FACTORS:
        return _FACTORS[unit]
    ureg = registry()
    expression = unit
    for prefix, power in (("square_", 2), ("cubic_", 3)):
        if expression.startswith(prefix):
            expression = f"{expression[len(prefix) :]} ** {power}"
    try:
        zero = ureg.Quantity(0.0, expression).to_base_units()
        one = ureg.Quantity(1.0, expression).to_base_units()
    except Exception:  # pint raises several error types for unknown or odd units
        _FACTORS[unit] = None
        return None
    offset = float(zero.magnitude)
    result = (float(one.magnitude) - offset, offset, str(one.units))
    _FACTORS[unit] = result
    return result


def to_base(value: float, unit: str) -> tuple[float, str] | None:
    """``value`` ``unit`` in SI base units: (220000.0, "meter ** 2") for 22 hectare."""
    factor = _factor(unit)
    if factor is None:
        return None
    scale, offset, base_unit = factor
    base = value * scale + offset
    return (round(base, 9) if base != int(base) else float(int(base))), base_unit
