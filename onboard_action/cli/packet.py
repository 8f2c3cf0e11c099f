"""`meltano-onboard packet`: the onboarding information to send to Meltano, from the onboarding file.

The packet is written only from an onboarding file with no error: the same
check as `meltano-onboard check` runs first, and errors located in the
onboarding file are printed instead. Markdown by default; JSON with
`--format json` or an `--output` name ending in `.json`. The action's
`packet-file` input goes through `outputs.write_packet_for_action`, with the same rules.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action import engine
from onboard_action.cli import add_project_folders, project_values
from onboard_action.errors import UsageError
from onboard_action.outputs import (
    blocking_findings,
    blocking_places,
    refuse_packet_off_the_guide,
    write_packet,
)
from onboard_action.reporters import PACKET_FORMATS
from onboard_action.reporters.text import finding_line
from onboard_action.rules import load_all as load_rules
from onboard_action.settings import DEFAULT_ONBOARDING_FILE, from_values

if TYPE_CHECKING:
    pass

NAME = "packet"


def configure(parser: argparse.ArgumentParser) -> None:
    add_project_folders(parser)
    parser.add_argument("--format", choices=PACKET_FORMATS, default=None,
                        help="markdown or json (default: json when --output ends in .json, else markdown)")
    parser.add_argument("--output", default="", help="write the packet to this file instead of stdout")
    parser.add_argument("--onboarding-file", default=DEFAULT_ONBOARDING_FILE,
                        help=f"the organization's onboarding file (default: {DEFAULT_ONBOARDING_FILE})")


def run(args: argparse.Namespace) -> int:
    workspace = Path.cwd()
    if not args.onboarding_file:
        raise UsageError("--onboarding-file is empty; the packet is made from the onboarding file")
    folder, more = project_values(args.path)
    settings = from_values({"project-dir": folder, "onboarding-file": args.onboarding_file},
                           workspace, os.environ, set(load_rules()), confine=False, names=args.names,
                           more_dirs=more)
    refuse_packet_off_the_guide(settings, "`meltano-onboard packet`")
    path = settings.onboarding_path()
    if path is None or not path.is_file():
        raise UsageError(f"no onboarding file {args.onboarding_file!r} in the current folder or the "
                         "project folder; write one with `meltano-onboard init`")
    report = engine.run_all(settings)
    blocking = blocking_findings(report, path)
    if blocking:
        for finding in blocking:
            sys.stderr.write(finding_line(report, finding) + "\n")
        sys.stderr.write(f"meltano-onboard: no packet written: fix the {len(blocking)} error(s) "
                         f"({blocking_places(report, blocking, path)}) first\n")
        return 1
    output = Path(args.output) if args.output else None
    from onboard_action.reporters.packet import format_for, packet_of, render

    text = render(packet_of(report), args.format or format_for(output))
    if output is None:
        sys.stdout.write(text)
        return 0
    write_packet(output, text, report)
    sys.stderr.write(f"meltano-onboard: wrote the packet to {report.relative(output.resolve())}\n")
    return 0
