"""Command line: ``main(argv) -> int``. The only module that prints or exits."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from factcheck import __version__
from factcheck.atomic import write_text_atomic
from factcheck.config import FAIL_ON, Config, ConfigError, load_config
from factcheck.engine import NoDocuments, RunOptions, load_rules, run_check, run_claims
from factcheck.model import Report
from factcheck.report import CHECK_FORMATS, CLAIM_FORMATS, text
from factcheck.rules import RuleError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UsageError(Exception):
    pass


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
        nargs="+",
        type=Path,
        default=[],
        metavar="FILE",
        help="index the whole corpus but report only findings touching these files",
    )

    claims = commands.add_parser("claims", help="list the figures and dates extracted from documents")
    claims.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _common(claims)
    claims.add_argument("--format", choices=sorted(CLAIM_FORMATS), default="text")
    claims.add_argument("--output", type=Path, metavar="FILE")

    rules = commands.add_parser("rules", help="list the active rules")
    _common(rules)
    return parser


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


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
    from factcheck.report import html  # type: ignore[attr-defined]

    result: str = html.render(report)
    return result


def _emit(output: str, target: Path | None, stdout: TextIO) -> None:
    if target is None:
        stdout.write(output)
    else:
        write_text_atomic(target, output)


def _cmd_check(args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO) -> int:
    reports = _parse_reports(args.report)
    if args.html is not None:
        reports.append(("html", args.html))
    options = RunOptions(
        paths=tuple(args.paths),
        rules=tuple(args.rules),
        fail_on=args.fail_on,
        focus=tuple(args.focus),
    )
    report = run_check(config, options)
    for problem in report.problems:
        stderr.write(f"factcheck: skipped {problem}\n")
    if args.format == "text" and args.output is None and _colour(stdout):
        output = text.render_colour(report)
    else:
        output = CHECK_FORMATS[args.format](report)
    _emit(output, args.output, stdout)
    for name, path in reports:
        rendered = _render_html(report) if name == "html" else CHECK_FORMATS[name](report)
        write_text_atomic(path, rendered)
    if args.output is not None or args.format != "text":
        stderr.write(text.summary_line(report) + "\n")
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _cmd_claims(args: argparse.Namespace, config: Config, stdout: TextIO, stderr: TextIO) -> int:
    report = run_claims(config, RunOptions(paths=tuple(args.paths), rules=tuple(args.rules)))
    for problem in report.problems:
        stderr.write(f"factcheck: skipped {problem}\n")
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


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
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
            return _cmd_check(args, config, out, err)
        if args.command == "claims":
            return _cmd_claims(args, config, out, err)
        return _cmd_rules(args, config, out, err)
    except (ConfigError, RuleError, UsageError) as error:
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
