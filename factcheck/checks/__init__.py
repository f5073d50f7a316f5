"""The registry of check types: one module per type, listed here explicitly."""

from __future__ import annotations

from factcheck.checks import bilingual
from factcheck.checks.base import CheckType

#: Check type name -> module. Rules name these in ``check:``.
CHECKS: dict[str, CheckType] = {}


def register(module: CheckType) -> None:
    CHECKS[module.NAME] = module


register(bilingual)
