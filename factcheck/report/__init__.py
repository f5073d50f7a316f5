"""Report stage: one Report, many renderings. A formatter is a module with ``render(report) -> str``.

The HTML audit report (``factcheck.report.html``) is imported only when asked for, since it loads Jinja2.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.model import Report
from factcheck.report import github, json_format, junit, sarif, text

Renderer = Callable[[Report], str]

#: ``--format`` name -> renderer for ``factcheck check``.
CHECK_FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}

#: ``--format`` name -> renderer for ``factcheck claims``.
CLAIM_FORMATS: dict[str, Renderer] = {
    "text": text.render_claims,
    "json": json_format.render_claims,
    "jsonl": json_format.render_claims_jsonl,
    "csv": json_format.render_claims_csv,
}
