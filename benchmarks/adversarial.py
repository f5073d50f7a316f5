"""Time 1 MB adversarial lines and check that time grows linearly (issue 9, item 2).

    PYTHONPATH=. python benchmarks/adversarial.py [--size 1048576] [--only digits,dollars]

For each input of ``tests/test_robustness_adversarial.py`` (long runs of digits,
separators, spaces, currency signs, "1,1,1,...", "$ $ $", "9 9 9 ...", markup
openers, Chinese figures), loads and extracts a single line of half the size and of
the full size, and prints the CPU time of each (CPU time, not wall time: the machine
may be shared) and their ratio.  Fails (exit 1) when a full-size line takes 2 s of
CPU or more, or when doubling the size costs more than 2.5 times the time (linear is 2).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_robustness_adversarial import ADVERSARIAL, TookTooLong, load_and_extract

TARGET_SECONDS = 2.0
#: time(size) / time(size / 2) above this is called super-linear (linear is 2, quadratic 4).
MAX_RATIO = 2.5
#: Below this the ratio is noise (timer resolution, warm-up).
NOISE_SECONDS = 0.05


def cpu_seconds(unit: str, fmt: str, size: int, limit: float) -> tuple[float, int]:
    """CPU seconds to load and extract the line, and its claim count."""
    started = time.process_time()
    _wall, claims = load_and_extract(unit, fmt, size, limit=limit)
    return time.process_time() - started, claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024 * 1024, help="characters in the full-size line (1 MB)")
    parser.add_argument("--only", default="", help="comma-separated input names (default: all)")
    parser.add_argument("--timeout", type=float, default=30.0, help="give up on an input after this many seconds")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each size; the least CPU time counts (a shared machine's noise)"
    )
    args = parser.parse_args(argv)
    names = [name for name in sorted(ADVERSARIAL) if not args.only or name in args.only.split(",")]
    load_and_extract("about 12 companies ", "text", 1000)  # warm up: the extractors load spaCy once
    failures = []
    print(f"{'input':<18} {'fmt':<8} {'1/2 size':>9} {'full size':>10} {'ratio':>6} {'claims':>7}  verdict (CPU s)")
    for name in names:
        unit, fmt = ADVERSARIAL[name]
        try:
            half = min(cpu_seconds(unit, fmt, args.size // 2, args.timeout)[0] for _ in range(max(1, args.repeat)))
            runs = [cpu_seconds(unit, fmt, args.size, args.timeout) for _ in range(max(1, args.repeat))]
            full, claims = min(runs)
        except TookTooLong:
            failures.append(name)
            print(f"{name:<18} {fmt:<8} {'':>9} {'':>10} {'':>6} {'':>7}  TIMEOUT (over {args.timeout:g} s)")
            continue
        except Exception as error:  # an extractor crash is a finding of this benchmark, not its end
            failures.append(name)
            print(f"{name:<18} {fmt:<8} {'':>9} {'':>10} {'':>6} {'':>7}  CRASH {type(error).__name__}: {error}")
            continue
        ratio = full / half if half > 0 else float("inf")
        verdict = "ok"
        if full >= TARGET_SECONDS:
            verdict = f"SLOW (>= {TARGET_SECONDS:.0f} s)"
        elif full > NOISE_SECONDS and ratio > MAX_RATIO:
            verdict = "SUPER-LINEAR"
        if verdict != "ok":
            failures.append(name)
        print(f"{name:<18} {fmt:<8} {half:>8.3f}s {full:>9.3f}s {ratio:>6.2f} {claims:>7}  {verdict}")
    print(f"{len(names) - len(failures)}/{len(names)} inputs under {TARGET_SECONDS:.0f} s and linear")
    if failures:
        print("failing: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
