"""Calling the CLI in-process, as the tests do."""

from __future__ import annotations

import io

from factcheck.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    """``factcheck ARGV``: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()
