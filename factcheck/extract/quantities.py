"""Physical quantities: the unit as written -> SI base value and unit (pint's figures, see factcheck/units.py).

The lexicons' units come from a generated table, so extraction does not import pint; any
other unit goes to the one shared pint registry, built lazily.
"""

from __future__ import annotations

from factcheck.units import factor


def to_base(value: float, unit: str) -> tuple[float, str] | None:
    """``value`` ``unit`` in SI base units: (220000.0, "meter ** 2") for 22 hectare."""
    found = factor(unit)
    if found is None:
        return None
    scale, offset, base_unit = found
    base = value * scale + offset
    return (round(base, 9) if base != int(base) else float(int(base))), base_unit
