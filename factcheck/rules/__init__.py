"""Rule packs: YAML files holding entities, metrics, names and rules."""

from __future__ import annotations

from factcheck.rules.loader import load_ruleset
from factcheck.rules.model import Rule, RuleSet
from factcheck.rules.schema import RuleError

__all__ = ["Rule", "RuleError", "RuleSet", "load_ruleset"]
