"""The check stage alone: CPU time of the index, each rule, fingerprints and suppression, in a full run and in
--focus runs, with the claims already at hand (read from a warm claim cache).

A --focus run's critical path after its claims arrive is this stage: the index, the cross-document checks,
fingerprints and suppression of the findings that touch the focus files (as ``engine.run_checks`` and
``engine.run_check`` do them). Run ``benchmarks/incremental.py --workdir DIR`` once to make the corpus and
its cache, then::

    python benchmarks/check_stage.py --workdir DIR                                  # full run
    python benchmarks/check_stage.py --workdir DIR --focus corpus/doc_0499_004.md   # a --focus run

Each figure is the least CPU time of ``--repeat`` runs, each in a fresh process (cold caches, as a real run),
with the garbage collector paused (as ``engine.bulk`` does).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.checks import CHECKS  # noqa: E402
from factcheck.checks.base import CheckContext  # noqa: E402
from factcheck.config import load_config  # noqa: E402
from factcheck.engine import RunOptions, collect, in_focus  # noqa: E402
from factcheck.fingerprint import with_fingerprints  # noqa: E402
from factcheck.index import build_index  # noqa: E402
from factcheck.model import Claim, Finding  # noqa: E402
from factcheck.suppress import apply as apply_suppressions  # noqa: E402


def measure(workdir: Path, focus: frozenset[str] | None, skip: set[str]) -> dict[str, float]:
    """CPU seconds of each part of one check stage over the corpus in ``workdir`` (cwd must be ``workdir``)."""
    config = load_config(workdir / "factcheck.yaml")
    corpus = collect(config, RunOptions(cache_dir=workdir / "cache"))
    times: dict[str, float] = defaultdict(float)
    enabled = gc.isenabled()
    gc.disable()
    try:
        started = time.process_time()
        index = build_index(corpus.claims, corpus.knowledge)
        times["build_index"] = time.process_time() - started
        by_path: dict[str, list[Claim]] = defaultdict(list)
        for claim in corpus.claims:
            by_path[claim.path].append(claim)
        context = CheckContext(
            documents={document.path: document for document in corpus.documents},
            claims=corpus.claims,
            claims_by_path={path: tuple(claims) for path, claims in by_path.items()},
            index=index,
            knowledge=corpus.knowledge,
            translations=config.translations,
            focus=focus,
        )
        findings: list[Finding] = []
        for rule in corpus.ruleset.rules:
            check = CHECKS.get(rule.check)
            if check is None or getattr(check, "SCOPE", "corpus") == "document" or rule.check in skip:
                continue
            started = time.process_time()
            findings.extend(check.check(rule, context))
            times[f"check {rule.check}"] += time.process_time() - started
        started = time.process_time()
        if focus is not None:
            findings = [finding for finding in findings if in_focus(finding, focus)]
        findings.sort(key=Finding.sort_key)
        findings = with_fingerprints(findings, context.documents)
        times["fingerprints"] = time.process_time() - started
        started = time.process_time()
        documents = list(corpus.documents)
        if focus is not None:
            wanted = focus | {finding.location.path for finding in findings}
            documents = [document for document in documents if document.path in wanted]
        apply_suppressions(findings, documents, corpus.ruleset.rules)
        times["suppression"] = time.process_time() - started
    finally:
        if enabled:
            gc.enable()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, required=True, help="a folder made by benchmarks/incremental.py")
    parser.add_argument("--focus", action="append", default=[], help="a focus file, relative to the workdir")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--skip", action="append", default=[], help="check types not to run (e.g. name-variant: its own benchmark)"
    )
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)  # one run, its times as JSON
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()
    focus = frozenset(Path(path).as_posix() for path in args.focus) or None
    if args.once:
        os.chdir(workdir)
        print(json.dumps(measure(workdir, focus, set(args.skip))))
        return 0
    command = [sys.executable, __file__, "--once", "--workdir", str(workdir)]
    command += [f"--focus={path}" for path in args.focus] + [f"--skip={name}" for name in args.skip]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
        for _ in range(max(1, args.repeat))
    ]
    print(f"{'focus ' + ', '.join(sorted(focus)) if focus else 'full run'}: least CPU of {len(runs)} runs")
    for part in runs[0]:
        print(f"  {part:28s} {min(run[part] for run in runs):7.3f} s")
    print(f"  {'total':28s} {min(sum(run.values()) for run in runs):7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
