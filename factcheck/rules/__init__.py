"""Rule packs: YAML files holding entities, metrics, names and rules."""

from __future__ import annotations

from factcheck.rules.loader import RuleError, load_ruleset
from factcheck.rules.model import Rule, RuleSet

__all__ = ["Rule", "RuleError", "RuleSet", "load_ruleset"]
