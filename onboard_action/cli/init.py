"""`meltano-onboard init`: write a starter onboarding file filled from the repository.

It goes to `onboarding.yml` at the top of the git repository that holds the
project (where `root` values are meant to start), or in the current folder
outside a repository, or to `--output`. An existing file is never
overwritten: that is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from onboard_action.cli import add_project_folder
from onboard_action.errors import UsageError
from onboard_action.fileio import atomic_write_text
from onboard_action.findings import DEFAULT_TARGET, relative_path
from onboard_action.settings import (
    DEFAULT_ONBOARDING_FILE,
    configured_target,
    parse_target,
    project_directory,
)

NAME = "init"


def configure(parser: argparse.ArgumentParser) -> None:
    add_project_folder(parser)
    parser.add_argument("--output", default="",
                        help=f"where to write it (default: {DEFAULT_ONBOARDING_FILE} at the top of "
                             "the git repository, else in the current folder)")
    parser.add_argument("--target", default=None, metavar="TARGET",
                        help="cloud-2023, the onboarding guide's Meltano Cloud, is the only one that "
                             "reads the file (default: the configuration file's, else cloud-2023)")


def _shown(path: Path) -> str:
    return relative_path(path, Path.cwd(), outside="climb")


def run(args: argparse.Namespace) -> int:
    # Imported here, not above: the CLI imports every command to build its parser.
    from onboard_action.cli.starter import Repository, starter_text
    from onboard_action.load.loader import load_project

    project_dir = project_directory(args.path, Path.cwd(), confine=False,
                                    label=args.names.label("project-dir"))
    from onboard_action.config import file as config_file
    from onboard_action.outputs import refuse_off_the_guide

    target_name = parse_target(args.target or configured_target(
        config_file.find(project_dir, Path.cwd(), confine=False)) or DEFAULT_TARGET,
        args.names.label("target"))
    refuse_off_the_guide(target_name, "`meltano-onboard init`",
                         "the onboarding file of the onboarding guide's Meltano Cloud", "onboarding file")
    project = load_project(project_dir)
    if not project.loaded:
        raise UsageError(f"no readable meltano.yml in {args.path!r}; run `meltano-onboard check "
                         f"{args.path}` to see why")
    git = Repository(project.root)
    if args.output:
        target = (Path.cwd() / args.output).resolve()
    else:
        target = (git.top or Path.cwd().resolve()) / DEFAULT_ONBOARDING_FILE
    if target.exists() or target.is_symlink():
        raise UsageError(f"{_shown(target)} already exists; init never overwrites it: edit it, "
                         "or move it away and run init again")
    text = starter_text(project, target.parent, git)
    try:
        atomic_write_text(target, text)
    except OSError as exc:
        raise UsageError(f"{_shown(target)} cannot be written ({exc.strerror or exc})") from None
    project_arg = _shown(project.root) or "."
    found = [base / DEFAULT_ONBOARDING_FILE for base in (Path.cwd().resolve(), project.root)]
    option = "" if target in found else f" --onboarding-file {_shown(target)}"
    sys.stdout.write(f"wrote {_shown(target)}: review the values marked `check:`, then run "
                     f"`meltano-onboard check {project_arg}{option}`\n")
    return 0
