"""The ``factcheck`` command's entry point.

A ``check --focus`` run (the pre-commit hook) usually has one edited document to extract, and
importing spaCy for it takes as long as everything else in the run. So before importing anything
else, this starts a process that imports spaCy (:mod:`factcheck.worker`); the engine hands it the
documents to extract, or stops it when the claim cache already has them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from factcheck import worker


def wants_extractor(argv: Sequence[str]) -> bool:
    """Whether the command line is a ``check --focus`` run that may extract with a warmed-up process
    (a cheap guess from the words alone: a wrong guess costs one killed process)."""
    words = list(argv)
    command = next((word for word in words if not word.startswith("-")), None)
    if command != "check" or "--no-cache" in words:
        return False
    if any(word == "--engine" or word.startswith("--engine=") for word in words):
        return False
    return any(word == "--focus" or word.startswith("--focus=") for word in words)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    extractor = worker.start() if wants_extractor(arguments) else None
    from factcheck.cli import main as cli_main

    try:
        return cli_main(arguments, extractor=extractor)
    finally:
        if extractor is not None:
            extractor.close()
