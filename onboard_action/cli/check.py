"""`meltano-onboard check`: the same check the action runs, for a terminal or another CI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action import baseline, engine
from onboard_action.cli import add_project_folders, project_values
from onboard_action.errors import InternalError, UsageError
from onboard_action.fileio import owner_for
from onboard_action.outputs import refuse_overwrites, write_report_files
from onboard_action.report import Report
from onboard_action.reporters import FORMATS, render
from onboard_action.reporters.terminal import Style
from onboard_action.reporters.text import verdict_line
from onboard_action.rules import load_all as load_rules
from onboard_action.settings import (
    DEFAULT_ONBOARDING_FILE,
    FAIL_ON,
    NOW_VARIABLE,
    Settings,
    from_values,
)

if TYPE_CHECKING:
    from onboard_action.fixes import session
    from onboard_action.secrets.encryption import SecretsRun

NAME = "check"


# Formats for a terminal: they colour, and --quiet and --statistics apply to them.
TERMINAL_FORMATS = ("text", "full")
COLOR = ("auto", "always", "never")


def configure(parser: argparse.ArgumentParser) -> None:
    add_project_folders(parser)
    parser.add_argument("--output-format", "--format", dest="format", default="auto", metavar="FORMAT",
                        help="auto (github inside GitHub Actions, else text), text (one line per "
                             "finding), full (with the line and a caret under it), json, markdown "
                             "(the job summary), sarif, gitlab (Code Quality) or github")
    parser.add_argument("--color", default="auto", choices=COLOR,
                        help="colour the text and full formats: auto (on a terminal, unless NO_COLOR "
                             "is set), always or never")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only the verdict line, and nothing when the project is ready")
    parser.add_argument("--statistics", action="store_true",
                        help="print the number of findings per rule instead of the findings "
                             "(text, or json with --format json)")
    parser.add_argument("--fail-on", default=None,
                        help="/".join(FAIL_ON) + " (default: the configuration file's, else error)")
    parser.add_argument("--ignore", default="", help="comma-separated rule codes to skip")
    parser.add_argument("--severity", default="", help="re-grade rules: CODE=warning,CODE2=notice")
    parser.add_argument("--target", default=None, metavar="TARGET",
                        help="cloud-2023 (the onboarding guide's Meltano Cloud), cloud (today's Meltano "
                             "Cloud) or self-hosted (default: the configuration file's, else cloud-2023)")
    parser.add_argument("--environment", default=None,
                        help="the onboarding environment (default: the onboarding file's, else sandbox; "
                             "dev under --target cloud)")
    parser.add_argument("--onboarding-file", default=DEFAULT_ONBOARDING_FILE,
                        help="organization file; '' skips the organization checks")
    parser.add_argument("--report-file", default="", help="also write the JSON report here")
    parser.add_argument("--sarif-file", default="", help="also write a SARIF report here")
    parser.add_argument("--public-key", default=None,
                        help="the organization's public key file: checks secrets.yml against it")
    parser.add_argument("--dotenv-path", default=None,
                        help="also check this .env before encrypting it (problems by line number)")
    parser.add_argument("--rehearse", action="store_true",
                        help="also run `meltano run --dry-run` for each onboarded schedule's job in the "
                             "onboarding environment (needs meltano on the PATH; runs Meltano on the "
                             "project: only for code you trust)")
    parser.add_argument("--baseline", default="", metavar="REPORT",
                        help="judge only findings that are not in this earlier JSON report")
    parser.add_argument("--baseline-ref", default="", metavar="REF",
                        help="judge only findings that the project at this git revision does not have")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes in place, each proven by checking again")
    parser.add_argument("--diff", action="store_true",
                        help="print the fixes as a unified diff and change nothing (exit 1 if there are any)")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff, also the fixes that change what the project does")
    parser.add_argument("--now", default=None,
                        help=f"fix the current time (ISO 8601) for previews (default: ${NOW_VARIABLE}, "
                             "else the clock)")


def settings_from(args: argparse.Namespace, workspace: Path, *, confine: bool = False) -> Settings:
    folder, more = project_values(args.path)
    values = {"project-dir": folder, "onboarding-file": args.onboarding_file,
              "environment": args.environment, "target": args.target, "fail-on": args.fail_on,
              "ignore": args.ignore,
              "severity": args.severity, "report-file": args.report_file,
              "sarif-file": args.sarif_file, "now": args.now, "baseline": args.baseline,
              "baseline-ref": args.baseline_ref, "rehearse": "true" if args.rehearse else "false"}
    return from_values(values, workspace, os.environ, set(load_rules()), confine=confine, names=args.names,
                       more_dirs=more)


def secrets_from(args: argparse.Namespace, workspace: Path) -> SecretsRun | None:
    """The key and .env named on the command line, read for the secrets checks."""
    public_key, dotenv_path = args.public_key, args.dotenv_path
    if public_key is None and dotenv_path is None:
        return None
    from onboard_action.secrets.encryption import check_inputs  # keys and .env: only when asked

    return check_inputs(public_key, dotenv_path, workspace)


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, statistics=args.statistics)
    if args.fix and args.diff:
        raise UsageError("give --fix or --diff, not both")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes goes with --fix or --diff")
    settings = settings_from(args, Path.cwd())
    secrets = secrets_from(args, Path.cwd())
    report = baseline.judge(engine.run_all(settings, secrets), settings)
    # Before anything is written: the outputs must not replace a file the check read.
    roots = [part.root for part in report.projects] or [settings.project_dir]
    keys = tuple(Path(path) for path in (args.public_key, args.dotenv_path) if path and path != "-")
    refuse_overwrites(settings, report.files, roots, also_read=keys)
    if args.diff:
        return _print_diff(report, unsafe=args.unsafe_fixes)
    failed = 0
    if args.fix:
        from onboard_action.fixes import session  # the fix session only for --fix and --diff

        outcome = session.apply_proven(
            report, lambda: baseline.judge(engine.run_all(settings, secrets), settings),
            unsafe=args.unsafe_fixes, owner=owner_for(settings.workspace))
        report = outcome.report
        failed = len(outcome.failed)
        _tell_fixed(outcome, report, unsafe=args.unsafe_fixes)
    write_report_files(report, settings)
    style = Style(colour=use_colour(args.color, sys.stdout, os.environ))
    if fmt == "github":
        from onboard_action.reporters.github import publish
        from onboard_action.runner import Runner
        publish(report, Runner(), report_file=settings.report_file, sarif_file=settings.sarif_file,
                names=settings.names)
    elif args.quiet and fmt in TERMINAL_FORMATS:
        sys.stdout.write("" if report.ready else verdict_line(report, style) + "\n")
    elif args.statistics:
        from onboard_action.reporters import statistics

        sys.stdout.write(statistics.render_statistics_json(report) if fmt == "json"
                         else statistics.render_statistics(report, style))
    else:
        sys.stdout.write(render(fmt, report, style))
    return InternalError.exit_code if failed else report.exit_code


def output_format(asked: str, *, statistics: bool) -> str:
    """The format to print: `auto` resolved; an unknown one is a usage error."""
    if asked == "auto":
        asked = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not statistics else "text"
    if asked != "github" and asked not in FORMATS:
        raise UsageError(f"unknown format {asked!r}; choose auto, github or one of "
                         f"{', '.join(sorted(FORMATS))}")
    if statistics and asked not in (*TERMINAL_FORMATS, "json"):
        raise UsageError(f"--statistics prints text or json, not {asked}")
    return asked


def use_colour(choice: str, stream, environ) -> bool:
    """`--color`, then NO_COLOR (https://no-color.org: set and not empty), then whether it is a terminal."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _print_diff(report: Report, *, unsafe: bool) -> int:
    from onboard_action.fixes import session

    text, chosen = session.patch(report, unsafe=unsafe)
    sys.stdout.write(text)
    held = _unsafe_left(report, unsafe)
    sys.stderr.write(f"meltano-onboard: {_fixes(len(chosen))} to apply with --fix"
                     + (" --unsafe-fixes" if unsafe and any(not f.safe for f in chosen) else "")
                     + (f"; {_fixes(held)} more with --unsafe-fixes" if held else "") + "\n")
    return 1 if text else 0


def _tell_fixed(outcome: session.Outcome, report: Report, *, unsafe: bool) -> None:
    files = ", ".join(report.relative(path) for path in outcome.files) or "no file"
    sys.stderr.write(f"meltano-onboard: fixed {len(outcome.applied)} "
                     f"finding{'' if len(outcome.applied) == 1 else 's'} ({files})\n")
    for failure in outcome.failed:
        where = failure.fix.finding.location
        sys.stderr.write(
            f"meltano-onboard: internal error: the fix of {failure.fix.finding.code} at "
            f"{report.relative(where.file)}:{where.line} {failure.reason}, so it was rolled back. "
            "This is a bug in meltano-onboard; please report it.\n")
    held = _unsafe_left(report, unsafe)
    if held:
        sys.stderr.write(f"meltano-onboard: {_fixes(held)} more with --unsafe-fixes "
                         "(see them first with --diff --unsafe-fixes)\n")


def _unsafe_left(report: Report, unsafe: bool) -> int:
    from onboard_action.fixes import session

    return 0 if unsafe else len(session.eligible(report, unsafe=True)) - len(
        session.eligible(report, unsafe=False))


def _fixes(count: int) -> str:
    return f"{count} fix{'' if count == 1 else 'es'}"
