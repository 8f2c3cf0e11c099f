"""`meltano-onboard check`: the same check the action runs, for a terminal or another CI."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from onboard_action import engine
from onboard_action.errors import UsageError
from onboard_action.fileio import atomic_write_text
from onboard_action.reporters import load_all, render
from onboard_action.rules import load_all as load_rules
from onboard_action.settings import (
    DEFAULT_ONBOARDING_FILE,
    FAIL_ON,
    NOW_VARIABLE,
    Settings,
    from_values,
)

NAME = "check"
HELP = "check a Meltano project for Meltano Cloud onboarding"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="folder of meltano.yml (default: .)")
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
    parser.add_argument("--now", default=os.environ.get(NOW_VARIABLE),
                        help=f"fix the current time (ISO 8601) for previews; env {NOW_VARIABLE}")


def settings_from(args: argparse.Namespace, workspace: Path, *, confine: bool = False) -> Settings:
    values = {"project-dir": args.path, "onboarding-file": args.onboarding_file,
              "environment": args.environment, "fail-on": args.fail_on, "ignore": args.ignore,
              "severity": args.severity, "report-file": args.report_file,
              "sarif-file": args.sarif_file, "now": args.now}
    settings = from_values(values, workspace, os.environ, set(load_rules()), confine=confine)
    public_key, dotenv_path = getattr(args, "public_key", None), getattr(args, "dotenv_path", None)
    if public_key is None and dotenv_path is None:
        return settings
    from onboard_action.secrets.encryption import check_inputs  # keys and .env: only when asked

    return replace(settings, secrets=check_inputs(public_key, dotenv_path, workspace))


def write_report_files(report, settings: Settings) -> None:
    for what, path, fmt in (("report-file", settings.report_file, "json"),
                            ("sarif-file", settings.sarif_file, "sarif")):
        if not path:
            continue
        try:
            atomic_write_text(path, render(fmt, report))
        except OSError as exc:  # a folder, a read-only checkout...: the user's to fix, not a bug
            raise UsageError(f"{what} {report.relative(path)!r} cannot be written "
                             f"({exc.strerror or exc}); choose another path") from None


def run(args: argparse.Namespace) -> int:
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt != "github" and fmt not in load_all():
        raise UsageError(f"unknown format {fmt!r}; choose auto, github or one of "
                         f"{', '.join(sorted(load_all()))}")
    settings = settings_from(args, Path.cwd())
    report = engine.run(settings)
    write_report_files(report, settings)
    if fmt == "github":
        from onboard_action.reporters.github import publish
        from onboard_action.runner import Runner
        publish(report, Runner(), report_file=settings.report_file, sarif_file=settings.sarif_file)
    else:
        sys.stdout.write(render(fmt, report))
    return report.exit_code
