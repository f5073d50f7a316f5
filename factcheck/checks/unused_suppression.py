"""unused-suppression: a suppression directive that suppressed nothing (or names an unknown rule).

The findings are made by the suppression stage (factcheck/suppress.py), after every other rule
has run; this check type exists so the rule can be listed, documented, re-graded or switched off
like any other (``- {id: unused-suppression, enabled: false}`` in a project pack).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from factcheck.checks.base import CheckContext, Param
from factcheck.model import Finding
from factcheck.rules.model import Rule

NAME = "unused-suppression"
DESCRIPTION = (
    "A `factcheck: disable...` directive that suppressed no finding, or that names an unknown rule. "
    "Reported by the suppression stage after all rules have run."
)
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
PARAMS: Mapping[str, Param] = {}


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    return iter(())
