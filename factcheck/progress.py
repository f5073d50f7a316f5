"""A progress bar for the command line (used by cli.py only; the engine reports through a callback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

#: Fewer documents to extract than this and no bar is drawn: it would only flicker.
THRESHOLD = 20


def terminal_progress(stream: TextIO, threshold: int = THRESHOLD) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback drawing a bar on ``stream`` -- or None when it is not a terminal."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        return None
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if total <= threshold:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, file=stream, unit="doc", desc="extracting", leave=False, dynamic_ncols=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
            bar = None

    return update
