"""Command line: ``main(argv) -> int``. The only module that prints or exits."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from factcheck import __version__
from factcheck.atomic import write_text_atomic
from factcheck.baseline import (
    DEFAULT_BASELINE,
    Baseline,
    BaselineError,
    baseline_from_findings,
    compare,
    load_baseline,
    render_baseline,
)
from factcheck.config import FAIL_ON, Config, ConfigError, load_config
from factcheck.distributed import EngineError
from factcheck.engine import NoDocuments, RunOptions, load_rules, run_check, run_claims
from factcheck.load import display_path
from factcheck.model import Report
from factcheck.progress import terminal_progress
from factcheck.report import CHECK_FORMATS, CLAIM_FORMATS, text
from factcheck.rules import RuleError
from factcheck.worker import ExtractorProcess

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UsageError(Exception):
    pass


class OutputError(Exception):
    """A report could not be written (the previous one, if any, is left intact): exit code 2."""


def _write(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except OSError as error:
        raise OutputError(f"cannot write {path.as_posix()}: {error.strerror or error}") from None


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        help="where documents are read and extracted: here (local, the default) or on Dask workers",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask; default: a local cluster)",
    )


def _with_engine(config: Config, args: argparse.Namespace) -> Config:
    """The config with --engine/--scheduler applied (a scheduler address means the dask engine)."""
    engine = args.engine or ("dask" if args.scheduler else config.engine)
    return dataclasses.replace(config, engine=engine, scheduler=args.scheduler or config.scheduler)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="config file (default: factcheck.yaml found upwards)"
    )
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="rules file or folder to add to the built-in rules (repeatable)",
    )


def _extraction(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="claim cache folder (default: config cache_dir, else .factcheck_cache beside the config or here)",
    )
    parser.add_argument("--no-cache", action="store_true", help="extract every document again; read no cache")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Fact-consistency linter: finds figures and dates that disagree across documents.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check documents and report findings")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: from config)")
    _common(check)
    _engine_options(check)
    check.add_argument("--format", choices=sorted(CHECK_FORMATS), default="text", help="output format on stdout")
    check.add_argument("--output", type=Path, metavar="FILE", help="write the --format output to FILE")
    check.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT:FILE",
        help="also write FORMAT to FILE (repeatable), e.g. sarif:reports/factcheck.sarif",
    )
    check.add_argument("--html", type=Path, metavar="FILE", help="write the HTML audit report to FILE")
    check.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the run (default: error)")
    check.add_argument(
        "--focus",
        nargs="*",
        type=Path,
        default=None,
        metavar="FILE",
        help="index the whole corpus but report only findings touching these files; "
        "with no FILE, the PATHs are the focus files (the pre-commit hook)",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings not recorded in FILE (see `factcheck baseline create`)",
    )
    _extraction(check)

    claims = commands.add_parser("claims", help="list the figures and dates extracted from documents")
    claims.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _common(claims)
    _engine_options(claims)
    claims.add_argument("--format", choices=sorted(CLAIM_FORMATS), default="text")
    claims.add_argument("--output", type=Path, metavar="FILE")
    _extraction(claims)

    rules = commands.add_parser("rules", help="list the active rules")
    _common(rules)

    baseline = commands.add_parser("baseline", help="record current findings so that checks report only new ones")
    baseline_commands = baseline.add_subparsers(dest="baseline_command", metavar="ACTION", required=True)
    create = baseline_commands.add_parser(
        "create", help="write the fingerprints of the current findings (replaces the file: fixed findings drop out)"
    )
    create.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: from config)")
    _common(create)
    create.add_argument(
        "--output", type=Path, default=DEFAULT_BASELINE, metavar="FILE", help=f"default: {DEFAULT_BASELINE}"
    )
    _extraction(create)
    return parser


def _colour(stream: TextIO) -> bool:
    # https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _parse_reports(specs: Sequence[str]) -> list[tuple[str, Path]]:
    reports = []
    for spec in specs:
        name, sep, file = spec.partition(":")
        if not sep or not file:
            raise UsageError(f"--report takes FORMAT:FILE, not {spec!r}")
        if name not in CHECK_FORMATS and name != "html":
            raise UsageError(f"--report: unknown format {name!r} (one of {', '.join(sorted(CHECK_FORMATS))}, html)")
        reports.append((name, Path(file)))
    return reports


def _render_html(report: Report) -> str:
    from factcheck.report import html

    result: str = html.render(report)
    return result


def _emit(output: str, target: Path | None, stdout: TextIO) -> None:
    if target is None:
        stdout.write(output)
    else:
        _write(target, output)


def _run_options(args: argparse.Namespace, stderr: TextIO) -> RunOptions:
    """RunOptions from the options that check, claims and baseline share."""
    return RunOptions(
        paths=tuple(args.paths),
        rules=tuple(args.rules),
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        progress=terminal_progress(stderr),
    )


def _skipped(report: Report, stderr: TextIO) -> None:
    for problem in report.problems:
        stderr.write(f"factcheck: skipped {problem}\n")


def _cmd_check(
    args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO, extractor: ExtractorProcess | None
) -> int:
    reports = _parse_reports(args.report)
    if args.html is not None:
        reports.append(("html", args.html))
    paths, focus = list(args.paths), args.focus
    if focus is not None and not focus:  # `check --focus [options] FILE ...`: the files are the focus
        paths, focus = [], paths
        if not focus:
            stderr.write("factcheck: --focus without files: nothing to check\n")
            return EXIT_OK
    options = dataclasses.replace(
        _run_options(args, stderr),
        paths=tuple(paths),
        fail_on=args.fail_on,
        focus=tuple(focus or ()),
        baseline=args.baseline,
        extractor=extractor,
    )
    report = run_check(config, options)
    _skipped(report, stderr)
    if args.format == "text" and args.output is None and _colour(stdout):
        output = text.render_colour(report)
    else:
        output = CHECK_FORMATS[args.format](report)
    _emit(output, args.output, stdout)
    for name, path in reports:
        rendered = _render_html(report) if name == "html" else CHECK_FORMATS[name](report)
        _write(path, rendered)
    if args.output is not None or args.format != "text":
        stderr.write(text.summary_line(report) + "\n")
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _cmd_baseline(args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO) -> int:
    target: Path = args.output
    previous: Baseline | None = None
    if target.exists():
        try:
            previous = load_baseline(target)
        except BaselineError:
            previous = None  # replaced below: a damaged baseline is what `create` repairs
    report = run_check(config, dataclasses.replace(_run_options(args, stderr), fail_on="never"))
    _skipped(report, stderr)
    baseline = baseline_from_findings(report.findings)
    _write(target, render_baseline(baseline))
    count = len(baseline.entries)
    line = f"baseline {display_path(target)}: {count} finding{'' if count == 1 else 's'} recorded"
    if previous is not None:
        added, dropped = compare(previous, baseline)
        line += f" ({added} new, {dropped} fixed or gone since the previous baseline)"
    stdout.write(line + "\n")
    return EXIT_OK


def _cmd_claims(args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO) -> int:
    report = run_claims(config, _run_options(args, stderr))
    _skipped(report, stderr)
    _emit(CLAIM_FORMATS[args.format](report), args.output, stdout)
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO) -> int:
    ruleset = load_rules(config, RunOptions(rules=tuple(args.rules)))
    rows = [("ID", "CHECK", "CATEGORY", "SEVERITY", "SOURCE")]
    rows.extend((rule.id, rule.check, rule.category, rule.severity.value, rule.source) for rule in ruleset.rules)
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")
    stdout.write(f"{len(ruleset.rules)} rules from {len(ruleset.sources)} files\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    extractor: ExtractorProcess | None = None,
) -> int:
    """Run the command line ``argv``. ``extractor``: a process already importing spaCy (``factcheck.launch``),
    for a ``check --focus`` run to extract the edited files with (the caller closes it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return EXIT_OK if exit_.code == 0 else EXIT_ERROR
    if args.command is None:
        parser.print_help(out)
        return EXIT_ERROR
    try:
        config = load_config(args.config)
        if args.command == "check":
            return _cmd_check(args, _with_engine(config, args), out, err, extractor)
        if args.command == "claims":
            return _cmd_claims(args, _with_engine(config, args), out, err)
        if args.command == "baseline":
            return _cmd_baseline(args, config, out, err)
        return _cmd_rules(args, config, out, err)
    except (ConfigError, RuleError, UsageError, BaselineError, EngineError, OutputError) as error:
        err.write(f"factcheck: {error}\n")
        return EXIT_ERROR
    except NoDocuments as error:
        for problem in error.problems:
            err.write(f"factcheck: skipped {problem}\n")
        err.write(f"factcheck: {error}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("factcheck: interrupted\n")
        return 130
