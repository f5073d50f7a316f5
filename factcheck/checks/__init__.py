"""The registry of check types: one module per type, listed here explicitly."""

from __future__ import annotations

from factcheck.checks import (
    anniversary,
    bilingual,
    blank_figure,
    consistency,
    magnitude_typo,
    malformed_number,
    name_variant,
    ocr_artifact,
    part_whole,
    unit,
    unread_figures,
    unused_suppression,
)
from factcheck.checks.base import CheckType

#: Check type name -> module. Rules name these in ``check:``.
CHECKS: dict[str, CheckType] = {}


def register(module: CheckType) -> None:
    CHECKS[module.NAME] = module


register(bilingual)
register(blank_figure)
register(magnitude_typo)
register(malformed_number)
register(name_variant)
register(ocr_artifact)
register(unused_suppression)
register(unread_figures)
register(consistency)
register(anniversary)
register(part_whole)
register(unit)
