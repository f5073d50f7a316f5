"""Incremental checking: how a warm claim cache compares with merely starting spaCy.

Generates the synthetic corpus (benchmarks/corpus.py) and measures, each in a fresh process:

  (a) python -c "import spacy; spacy.blank('en')"            -- the yardstick
  (b) a cold full check (empty claim cache)
  (c) a warm full check, nothing changed
  (d) a warm --focus check of one changed document (the pre-commit hook)

and prints (c)/(a), (d)/(a) and each run's peak memory (ru_maxrss of the child). The ratios are
of wall time (the targets); CPU-time ratios are printed too, being steadier on a busy machine.
Targets: (c)/(a) <= 1.0, (d)/(a) <= 1.5, peak memory <= 1 GB.

    python benchmarks/incremental.py                 # 1,000 documents
    python benchmarks/incremental.py --count 100     # quicker
    python benchmarks/incremental.py --json out.json --check   # exit 1 if a target is missed

(a), (c) and (d) are the best of ``--repeat`` runs (default 3): on a shared machine the
minimum is the least noisy estimate of what the code costs.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate_corpus  # noqa: E402

TARGET_WARM = 1.0
TARGET_FOCUS = 1.5
TARGET_MEMORY_MB = 1024


@dataclass(frozen=True)
class Timing:
    #: Wall time (what the targets are about).
    seconds: float
    #: User + system CPU time of the child: steadier than wall time on a busy machine.
    cpu: float
    peak_mb: float
    returncode: int


def run(command: list[str], cwd: Path) -> Timing:
    """Wall time and peak resident memory of one child process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}:\n{stderr}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Timing(seconds, usage.ru_utime + usage.ru_stime, peak, child.returncode)


def best(command: list[str], cwd: Path, repeat: int) -> Timing:
    runs = [run(command, cwd) for _ in range(repeat)]
    return min(runs, key=lambda timing: timing.seconds)


def change_one_document(path: Path) -> None:
    """An edit a writer might make: a new sentence with a figure and a date.

    The figure differs from run to run, so the edited text is never in the cache already (with
    ``--reuse-cache``, an edit repeated from an earlier benchmark run would be)."""
    text = path.read_text("utf-8")
    figure = f"{1 + time.time_ns() % 9:d},{time.time_ns() // 1000 % 1000:03d}"
    path.write_text(text.rstrip("\n") + f"\n\nAs at end-June 2024, the park hosted over {figure} companies.\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="documents in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a), (c) and (d); the best counts")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and cache here (default: a temporary folder)")
    parser.add_argument(
        "--reuse-cache",
        action="store_true",
        help="with --workdir: keep the claim cache of an earlier run there; (b) is then a warm-up run, not a cold one",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="factcheck-incremental-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        corpus = workdir / "corpus"
        started = time.perf_counter()
        paths = generate_corpus(corpus, args.count, args.seed)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"corpus: {len(paths)} documents, {size / 1e6:.1f} MB ({time.perf_counter() - started:.1f} s to generate)"
        )
        (workdir / "factcheck.yaml").write_text(
            f"paths: [corpus/]\nrules: [{(REPO / 'rules').as_posix()}]\ndefault_currency: HKD\n", "utf-8"
        )
        cache = workdir / "cache"
        python = sys.executable
        check = [
            python,
            "-m",
            "factcheck",
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache),
        ]

        # An installed factcheck has its bytecode compiled, as spaCy's is: compile it here too, or runs under
        # PYTHONDONTWRITEBYTECODE would compile some 50 modules from source each time (about 0.06 s).
        compileall.compile_dir(REPO / "factcheck", quiet=1)
        spacy = best([python, "-c", "import spacy; spacy.blank('en')"], workdir, args.repeat)
        print("                                       wall      CPU   peak memory")
        print(f"(a) import spacy + blank('en'):      {spacy.seconds:7.2f} s {spacy.cpu:6.2f} s {spacy.peak_mb:7.0f} MB")
        reuse = args.reuse_cache and args.workdir is not None and cache.is_dir()
        if not reuse:
            shutil.rmtree(cache, ignore_errors=True)
        cold = run(check, workdir)
        label = "(b) warm-up (--reuse-cache):       " if reuse else "(b) cold full check:               "
        print(f"{label}  {cold.seconds:7.2f} s {cold.cpu:6.2f} s {cold.peak_mb:7.0f} MB")
        warm = best(check, workdir, args.repeat)
        print(f"(c) warm full check, no change:      {warm.seconds:7.2f} s {warm.cpu:6.2f} s {warm.peak_mb:7.0f} MB")
        changed = paths[len(paths) // 2]
        focus_runs = []
        for _ in range(args.repeat):  # a fresh edit each time, so each run extracts one document
            change_one_document(changed)
            focus_runs.append(run([*check, "--focus", str(changed.relative_to(workdir))], workdir))
        focus = min(focus_runs, key=lambda timing: timing.seconds)
        print(f"(d) warm --focus, one doc changed:   {focus.seconds:7.2f} s {focus.cpu:6.2f} s {focus.peak_mb:7.0f} MB")

    peak = max(cold.peak_mb, warm.peak_mb, focus.peak_mb)
    results = {
        "documents": len(paths),
        "megabytes": round(size / 1e6, 2),
        "spacy": asdict(spacy),
        "cold": asdict(cold),
        "warm": asdict(warm),
        "focus": asdict(focus),
        "warm_ratio": warm.seconds / spacy.seconds,
        "focus_ratio": focus.seconds / spacy.seconds,
        "warm_cpu_ratio": warm.cpu / spacy.cpu,
        "focus_cpu_ratio": focus.cpu / spacy.cpu,
        "peak_mb": peak,
    }
    verdicts = {
        "warm": results["warm_ratio"] <= TARGET_WARM,
        "focus": results["focus_ratio"] <= TARGET_FOCUS,
        "memory": peak <= TARGET_MEMORY_MB,
    }
    ok = "ok" if verdicts["warm"] else "MISSED"
    print(
        f"(c)/(a) = {results['warm_ratio']:.2f} wall, {results['warm_cpu_ratio']:.2f} CPU   target <= {TARGET_WARM}  {ok}"
    )
    ok = "ok" if verdicts["focus"] else "MISSED"
    print(
        f"(d)/(a) = {results['focus_ratio']:.2f} wall, {results['focus_cpu_ratio']:.2f} CPU   target <= {TARGET_FOCUS}  {ok}"
    )
    ok = "ok" if verdicts["memory"] else "MISSED"
    print(f"peak memory = {peak:.0f} MB   target <= {TARGET_MEMORY_MB} MB  {ok}")
    if args.json:
        args.json.write_text(json.dumps({**results, "targets_met": verdicts}, indent=2) + "\n", "utf-8")
    return 1 if args.check and not all(verdicts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
