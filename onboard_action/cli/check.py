"""`meltano-onboard check`: the same check the action runs, for a terminal or another CI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action import baseline, engine
from onboard_action.cli import add_project_folders, project_values
from onboard_action.errors import UsageError
from onboard_action.outputs import write_report_files
from onboard_action.reporters import load_all, render
from onboard_action.rules import load_all as load_rules
from onboard_action.settings import (
    DEFAULT_ONBOARDING_FILE,
    FAIL_ON,
    NOW_VARIABLE,
    Settings,
    from_values,
)

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun

NAME = "check"
HELP = "check a Meltano project for Meltano Cloud onboarding"


def configure(parser: argparse.ArgumentParser) -> None:
    add_project_folders(parser)
    parser.add_argument("--format", default="auto",
                        help="auto (github inside GitHub Actions, else text), text, json, "
                             "markdown, sarif or github")
    parser.add_argument("--fail-on", default="error", help="/".join(FAIL_ON) + " (default: error)")
    parser.add_argument("--ignore", default="", help="comma-separated rule codes to skip")
    parser.add_argument("--severity", default="", help="re-grade rules: CODE=warning,CODE2=notice")
    parser.add_argument("--environment", default=None,
                        help="the onboarding environment (default: the onboarding file's, else sandbox)")
    parser.add_argument("--onboarding-file", default=DEFAULT_ONBOARDING_FILE,
                        help="organization file; '' skips the organization checks")
    parser.add_argument("--report-file", default="", help="also write the JSON report here")
    parser.add_argument("--sarif-file", default="", help="also write a SARIF report here")
    parser.add_argument("--public-key", default=None,
                        help="the organization's public key file: checks secrets.yml against it")
    parser.add_argument("--dotenv-path", default=None,
                        help="also check this .env before encrypting it (problems by line number)")
    parser.add_argument("--baseline", default="", metavar="REPORT",
                        help="judge only findings that are not in this earlier JSON report")
    parser.add_argument("--baseline-ref", default="", metavar="REF",
                        help="judge only findings that the project at this git revision does not have")
    parser.add_argument("--now", default=None,
                        help=f"fix the current time (ISO 8601) for previews (default: ${NOW_VARIABLE}, "
                             "else the clock)")


def settings_from(args: argparse.Namespace, workspace: Path, *, confine: bool = False) -> Settings:
    folder, more = project_values(args.path)
    values = {"project-dir": folder, "onboarding-file": args.onboarding_file,
              "environment": args.environment, "fail-on": args.fail_on, "ignore": args.ignore,
              "severity": args.severity, "report-file": args.report_file,
              "sarif-file": args.sarif_file, "now": args.now, "baseline": args.baseline,
              "baseline-ref": args.baseline_ref}
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
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt != "github" and fmt not in load_all():
        raise UsageError(f"unknown format {fmt!r}; choose auto, github or one of "
                         f"{', '.join(sorted(load_all()))}")
    settings = settings_from(args, Path.cwd())
    report = baseline.judge(engine.run_all(settings, secrets_from(args, Path.cwd())), settings)
    write_report_files(report, settings)
    if fmt == "github":
        from onboard_action.reporters.github import publish
        from onboard_action.runner import Runner
        publish(report, Runner(), report_file=settings.report_file, sarif_file=settings.sarif_file,
                names=settings.names)
    else:
        sys.stdout.write(render(fmt, report))
    return report.exit_code
