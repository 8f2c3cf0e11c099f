"""`meltano-onboard packet`: the onboarding information to send to Meltano, from the onboarding file.

The packet is written only from an onboarding file with no error: the same
check as `meltano-onboard check` runs first, and errors located in the
onboarding file are printed instead. Markdown by default; JSON with
`--format json` or an `--output` name ending in `.json`. The action's
`packet-file` input goes through `write_for_action`, with the same rules.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action import engine
from onboard_action.errors import UsageError
from onboard_action.fileio import atomic_write_text
from onboard_action.findings import Finding, Severity
from onboard_action.packet import FORMATS, format_for, render
from onboard_action.report import Report
from onboard_action.reporters.text import finding_line
from onboard_action.rules import load_all as load_rules
from onboard_action.settings import DEFAULT_ONBOARDING_FILE, Settings, from_values

if TYPE_CHECKING:
    from onboard_action.runner import Runner

NAME = "packet"
HELP = "write the onboarding packet (Step 1 of the onboarding guide) as Markdown or JSON"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="folder of meltano.yml (default: .)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="markdown or json (default: json when --output ends in .json, else markdown)")
    parser.add_argument("--output", default="", help="write the packet to this file instead of stdout")
    parser.add_argument("--onboarding-file", default=DEFAULT_ONBOARDING_FILE,
                        help=f"the organization's onboarding file (default: {DEFAULT_ONBOARDING_FILE})")


def blocking_findings(report: Report, onboarding_path: Path | None) -> list[Finding]:
    """Errors in the onboarding file: the packet would not say what Meltano needs."""
    if onboarding_path is None:
        return []
    # realpath, not resolve(): a loop of links (refused by the loader) must not raise here.
    target = os.path.realpath(onboarding_path)
    return [f for f in report.by_position()
            if f.severity >= Severity.ERROR and os.path.realpath(f.location.file) == target]


def run(args: argparse.Namespace) -> int:
    workspace = Path.cwd()
    if not args.onboarding_file:
        raise UsageError("--onboarding-file is empty; the packet is made from the onboarding file")
    settings = from_values({"project-dir": args.path, "onboarding-file": args.onboarding_file},
                           workspace, os.environ, set(load_rules()), confine=False)
    path = settings.onboarding_path()
    if path is None or not path.is_file():
        raise UsageError(f"no onboarding file {args.onboarding_file!r} in the current folder or the "
                         "project folder; write one with `meltano-onboard init`")
    report = engine.run(settings)
    blocking = blocking_findings(report, path)
    if blocking:
        for finding in blocking:
            sys.stderr.write(finding_line(report, finding) + "\n")
        sys.stderr.write(f"meltano-onboard: no packet written: fix the {len(blocking)} error(s) in "
                         f"{report.relative(path)} first\n")
        return 1
    output = Path(args.output) if args.output else None
    text = render(report.facts["organization"], args.format or format_for(output))
    if output is None:
        sys.stdout.write(text)
        return 0
    _write(output, text, report)
    sys.stderr.write(f"meltano-onboard: wrote the packet to {report.relative(output.resolve())}\n")
    return 0


def _write(path: Path, text: str, report: Report) -> None:
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(f"packet file {report.relative(path.resolve())!r} cannot be written "
                         f"({exc.strerror or exc}); choose another path") from None


def write_for_action(report: Report, settings: Settings, runner: Runner) -> str:
    """Write the `packet-file` input's packet; its workspace-relative path, or "" when not written."""
    path = settings.packet_file
    if path is None:
        return ""
    data = report.facts.get("organization")
    onboarding = settings.onboarding_path()
    blocking = blocking_findings(report, onboarding)
    if data is None or blocking:
        why = (f"{len(blocking)} error(s) in {report.relative(onboarding)} (see the findings)" if blocking
               else "there is no usable onboarding file")
        runner.annotate("warning", f"No onboarding packet was written to {report.relative(path)}: {why}.",
                        title="meltano-onboard: packet not written")
        return ""
    _write(path, render(data, format_for(path)), report)
    return report.relative(path)
