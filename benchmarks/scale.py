"""Scale-out benchmark: read + extract the 1,000-document corpus on 1 and on 2 Dask workers.

    PYTHONPATH=. python benchmarks/scale.py [--count 1000] [--workers 1,2] [--memory]

Generates the synthetic corpus (``benchmarks/corpus.py``, deterministic), then for
each worker count starts a ``LocalCluster`` (processes, one thread each) and times
the engine's collect step (discover, read and extract on the workers, gather the
claims in order) twice: *cold* (each worker loads spaCy) and *warm*.  The local
engine is timed too, and every run is checked to give exactly the local claims.
Prints the speed-up of the largest worker count over one worker.

``--memory`` also runs ``factcheck check`` on the corpus in a child process (local
engine, no cache) and reports its peak resident memory, which must stay under 1 GB.

The claim cache is off throughout: this measures extraction, not cache reads.
A machine shared with other work gives noisy numbers; run it on an idle one.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate_corpus
from factcheck.config import Config
from factcheck.engine import Corpus, RunOptions, collect

ROOT = Path(__file__).resolve().parent.parent

MEMORY_LIMIT_BYTES = 1024**3


def timed_collect(corpus: Path, config: Config) -> tuple[float, Corpus]:
    options = RunOptions(paths=(corpus,), rules=(ROOT / "rules",), use_cache=False)
    started = time.perf_counter()
    result = collect(config, options)
    return time.perf_counter() - started, result


def peak_memory(corpus: Path) -> int:
    """Peak resident set size, in bytes, of ``factcheck check`` on ``corpus`` (local engine, no cache)."""
    command = [sys.executable, "-m", "factcheck", "check", str(corpus), "--rules", str(ROOT / "rules")]
    command += ["--format", "json", "--output", os.devnull, "--no-cache", "--fail-on", "never"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"factcheck check failed ({process.returncode}): {stderr}")
    return int(usage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="documents in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--memory", action="store_true", help="also report peak memory of a local check run")
    parser.add_argument("--corpus", type=Path, help="use this folder instead of generating one")
    args = parser.parse_args(argv)
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as temporary:
        corpus = args.corpus or Path(temporary) / "corpus"
        if args.corpus is None:
            generate_corpus(corpus, args.count, args.seed)
        files = sum(1 for path in corpus.rglob("*") if path.is_file())
        print(f"corpus: {files} documents in {corpus}; {os.cpu_count()} CPUs")

        if args.memory:
            peak = peak_memory(corpus)
            verdict = "ok" if peak < MEMORY_LIMIT_BYTES else "OVER 1 GB"
            print(f"peak memory, factcheck check (local engine, no cache): {peak / 2**20:.0f} MiB  {verdict}")

        local_time, local = timed_collect(corpus, Config())
        print(f"local engine (this process): {local_time:.2f} s, {len(local.claims)} claims")

        warm_times: dict[int, float] = {}
        for workers in [int(item) for item in args.workers.split(",")]:
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster:
                config = Config(engine="dask", scheduler=cluster.scheduler_address)
                cold, first = timed_collect(corpus, config)
                warm, second = timed_collect(corpus, config)
            for result in (first, second):
                if result.claims != local.claims or result.documents != local.documents:
                    print(f"MISMATCH: {workers} workers gave other claims than the local engine")
                    return 1
            warm_times[workers] = warm
            print(f"dask, {workers} worker(s): cold {cold:.2f} s (loads spaCy per worker), warm {warm:.2f} s")

        if len(warm_times) >= 2:
            fewest, most = min(warm_times), max(warm_times)
            print(
                f"speed-up {most} vs {fewest} worker(s), warm: {warm_times[fewest] / warm_times[most]:.2f}x "
                f"(ideal {most / fewest:.0f}x)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
