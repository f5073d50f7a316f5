"""The long fuzz run: the property tests' strategies and invariants, with many more examples.

    PYTHONPATH=. python benchmarks/fuzz.py --examples 5000 [--seed 0]

Every example is loaded in one of the three formats and extracted; the invariants
of ``tests/test_properties.py`` are asserted (no exception escapes, claim text ==
original[start:end], positions round-trip, masked length == original length).
Prints the counts, the slowest example and, on failure, the shrunk failing input;
exits 1 when an invariant fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_properties import DOCUMENTS, FORMATS, check_invariants


@dataclass
class Tally:
    examples: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    characters: int = 0
    longest: int = 0
    slowest: tuple[float, int, str] = (0.0, 0, "")


def fuzz(examples: int, random_seed: int) -> Tally:
    tally = Tally()
    strategy = st.one_of(DOCUMENTS, st.text(max_size=2000))

    @seed(random_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=strategy, fmt=st.sampled_from(FORMATS))
    def run(text: str, fmt: str) -> None:
        started = time.perf_counter()
        _document, claims = check_invariants(text, fmt)
        elapsed = time.perf_counter() - started
        tally.examples[fmt] += 1
        tally.claims += len(claims)
        tally.characters += len(text)
        tally.longest = max(tally.longest, len(text))
        if elapsed > tally.slowest[0]:
            tally.slowest = (elapsed, len(text), fmt)
        done = sum(tally.examples.values())
        if done % 100 == 0:  # a long run shows how far it got
            print(f"... {done} examples, {tally.claims:,} claims, 0 failures", file=sys.stderr, flush=True)

    run()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000, help="examples to generate (default 5000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0: the same run every time)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        tally = fuzz(args.examples, args.seed)
    except Exception as error:  # hypothesis has shrunk and printed the falsifying example
        print(f"FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    total = sum(tally.examples.values())
    by_format = ", ".join(f"{fmt} {count}" for fmt, count in sorted(tally.examples.items()))
    print(f"examples run: {total} ({by_format}); seed {args.seed}")
    print(f"characters: {tally.characters:,} (longest example {tally.longest:,}); claims extracted: {tally.claims:,}")
    slow_time, slow_size, slow_fmt = tally.slowest
    print(f"slowest example: {slow_time * 1000:.1f} ms ({slow_size:,} characters, {slow_fmt})")
    print(f"failures: 0; wall time {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
