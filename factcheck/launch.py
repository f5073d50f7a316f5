"""The ``factcheck`` command's entry point.

A ``check --focus`` run (the pre-commit hook) usually has one edited document to extract, and
importing spaCy for it takes as long as everything else in the run. So before importing anything
else, this starts a process that imports spaCy (:mod:`factcheck.worker`); the engine hands it the
documents to extract, or stops it when the claim cache already has them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

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


def run() -> NoReturn:
    """The ``factcheck`` program (console script and ``python -m factcheck``): :func:`main`, then exit
    without tearing the heap down object by object. A run over a large corpus ends with a few hundred
    thousand objects (claims, findings) that the operating system frees at once; freeing them one by one
    took 0.04-0.2 s, a tenth of a pre-commit hook's run (mypy ends the same way). Reports are written
    and closed by then; only the standard streams are left to flush."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`factcheck ... | head`) or stream
            stream.flush()
    os._exit(code)
