"""The files a check writes besides its printed output: JSON and SARIF reports, the onboarding packet.

Shared by the CLI and the action, so both refuse and word the same problems.
A file is written atomically (never half-written) or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import UsageError
from onboard_action.fileio import Owner, atomic_write_text
from onboard_action.findings import CLOUD, GUIDE_CLOUD, Finding, Severity, relative_path
from onboard_action.report import Report
from onboard_action.reporters import render as render_report
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.runner import Runner


def write_report_files(report: Report, settings: Settings) -> None:
    for what, path, fmt in (("report-file", settings.report_file, "json"),
                            ("sarif-file", settings.sarif_file, "sarif")):
        if not path:
            continue
        try:
            atomic_write_text(path, render_report(fmt, report), owner=settings.file_owner)
        except OSError as exc:  # a folder, a read-only checkout...: the user's to fix, not a bug
            raise UsageError(f"{settings.names.label(what)} {report.relative(path)!r} cannot be written "
                             f"({exc.strerror or exc}); choose another path") from None


def blocking_findings(report: Report, onboarding_path: Path | None) -> list[Finding]:
    """Errors in the onboarding file or in a project it lists: the packet would promise what is not so."""
    if onboarding_path is None:
        return []
    # realpath, not resolve(): a loop of links (refused by the loader) must not raise here.
    target = os.path.realpath(onboarding_path)
    listed = {id(f) for part in report.projects if part.listed for f in part.findings}
    return [f for f in report.by_position() if f.severity >= Severity.ERROR
            and (id(f) in listed or os.path.realpath(f.location.file) == target)]


def blocking_places(report: Report, blocking: list[Finding], onboarding_path: Path) -> str:
    """Where the blocking errors are: `2 in onboarding.yml, 1 in project proj2`."""
    target = os.path.realpath(onboarding_path)
    ids = {id(f) for f in blocking}
    places = []
    in_file = sum(1 for f in blocking if os.path.realpath(f.location.file) == target)
    if in_file:
        places.append(f"{in_file} in {report.relative(onboarding_path)}")
    for part in report.projects:
        mine = sum(1 for f in part.findings
                   if id(f) in ids and os.path.realpath(f.location.file) != target)
        if mine:
            places.append(f"{mine} in project {part.name}")
    return ", ".join(places)


def refuse_packet_off_the_guide(settings: Settings, asked: str) -> None:
    """The packet is Step 1 of the onboarding guide's Meltano Cloud: under another target, a usage error."""
    refuse_off_the_guide(settings.target, asked, "Step 1 of the onboarding guide's Meltano Cloud",
                         "onboarding packet")


def refuse_off_the_guide(target: str, asked: str, writes: str, needs: str) -> None:
    """A usage error when `asked` writes what only the guide's Meltano Cloud reads and `target` is another."""
    if target == GUIDE_CLOUD:
        return
    instead = ("today's Meltano Cloud onboards through its web app (a workspace, its members and settings)"
               if target == CLOUD else f"a self-hosted Meltano needs no {needs}")
    raise UsageError(f"{asked} writes {writes} (target {GUIDE_CLOUD}), but the target is {target}: "
                     f"{instead}; leave {asked} out, or make the target {GUIDE_CLOUD}")


def write_packet(path: Path, text: str, report: Report, owner: Owner | None = None) -> None:
    try:
        atomic_write_text(path, text, owner=owner)
    except OSError as exc:
        raise UsageError(f"packet file {report.relative(path.resolve())!r} cannot be written "
                         f"({exc.strerror or exc}); choose another path") from None


def write_packet_for_action(report: Report, settings: Settings, runner: Runner) -> str:
    """Write the `packet-file` input's packet; its workspace-relative path, or "" when not written."""
    path = settings.packet_file
    if path is None:
        return ""
    data = report.facts.get("organization")
    onboarding = settings.onboarding_path()
    blocking = blocking_findings(report, onboarding)
    if data is None or blocking or onboarding is None:
        why = (f"{len(blocking)} error(s): {blocking_places(report, blocking, onboarding)} (see the findings)"
               if blocking and onboarding is not None else "there is no usable onboarding file")
        runner.annotate("warning", f"No onboarding packet was written to {report.relative(path)}: {why}.",
                        title="meltano-onboard: packet not written")
        return ""
    from onboard_action.reporters.packet import format_for, packet_of, render  # only when asked for

    write_packet(path, render(packet_of(report), format_for(path)), report, settings.file_owner)
    return report.relative(path)


def refuse_overwrites(settings: Settings, read_files: Iterable[Path], roots: Iterable[Path], *,
                      secrets_output: Path | None = None, also_read: tuple[Path, ...] = ()) -> None:
    """A usage error, before anything is written, when an output would replace what the check reads,
    another output, or anything in `.git/`.

    Every output is replaced whole (atomically): a `report-file: meltano.yml` would destroy the
    project, a `packet-file: .env` the plaintext secrets, two outputs on one path the first one.
    """
    label = settings.names.label
    outputs = [(label(name), path) for name, path in (
        ("report-file", settings.report_file), ("sarif-file", settings.sarif_file),
        ("packet-file", settings.packet_file)) if path is not None]
    if secrets_output is not None:
        outputs.append((label("secrets-output"), secrets_output))
    if not outputs:
        return
    read: dict[str, str] = {}
    for path in read_files:
        read.setdefault(_real(path), f"{path.name}, which the check reads")
    named = [(settings.onboarding_path(), "the onboarding file"),
             (settings.config_file, "the configuration file"),
             (settings.baseline_file, "the baseline report"),
             *((path, "a file the check reads") for path in also_read)]
    for root in roots:  # every checked project's
        named += [(root / "meltano.yml", "meltano.yml"), (root / ".env", ".env")]
        default_secrets = root / "secrets.yml"
        if secrets_output is None or _real(secrets_output) != _real(default_secrets):
            named.append((default_secrets, "secrets.yml"))
    for path, what in named:
        if path is not None:
            read.setdefault(_real(path), what)
    lock_folders = {_real(root / "plugins") for root in roots}
    for _, path in outputs:
        real = Path(_real(path))
        if real.suffix == ".lock" and str(real.parent.parent) in lock_folders:
            read.setdefault(str(real), "a plugin's lock file, which Meltano reads")
    refuse_replacing(outputs, read, settings.workspace)


def refuse_replacing(outputs: list[tuple[str, Path]], read: dict[str, str], workspace: Path) -> None:
    """A usage error when an output is in `.git/`, is another output, or is a file of `read`.

    `read` maps the real path of each file an output must leave alone to what it is.
    """
    seen: dict[str, str] = {}
    for name, path in outputs:
        real = _real(path)
        shown = relative_path(path, workspace)
        if ".git" in Path(real).parts:
            raise UsageError(f"{name} {shown!r} is inside a `.git` folder; choose a path outside it")
        if real in seen:
            raise UsageError(f"{seen[real]} and {name} are the same file {shown!r}; give each its own path")
        if real in read:
            raise UsageError(f"{name} {shown!r} is {read[real]}; writing it would replace that file: "
                             "choose another path")
        seen[real] = name


def _real(path: Path) -> str:
    return os.path.realpath(path)
