"""The files a check writes besides its printed output: JSON and SARIF reports, the onboarding packet.

Shared by the CLI and the action, so both refuse and word the same problems.
A file is written atomically (never half-written) or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import UsageError
from onboard_action.fileio import atomic_write_text
from onboard_action.findings import Finding, Severity
from onboard_action.report import Report
from onboard_action.reporters import render as render_report
from onboard_action.reporters.packet import format_for, packet_data, render
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.runner import Runner


def write_report_files(report: Report, settings: Settings) -> None:
    for what, path, fmt in (("report-file", settings.report_file, "json"),
                            ("sarif-file", settings.sarif_file, "sarif")):
        if not path:
            continue
        try:
            atomic_write_text(path, render_report(fmt, report))
        except OSError as exc:  # a folder, a read-only checkout...: the user's to fix, not a bug
            raise UsageError(f"{what} {report.relative(path)!r} cannot be written "
                             f"({exc.strerror or exc}); choose another path") from None


def blocking_findings(report: Report) -> list[Finding]:
    """Errors anywhere in the run: in the onboarding file, or in any project it lists."""
    return [f for f in report.by_position() if f.severity >= Severity.ERROR]


def packet_refusal(report: Report, onboarding_path: Path | None) -> str | None:
    """Why no packet may be written from this run, naming where the errors are; None when it may."""
    data = packet_data(report)
    if data is None:
        return "there is no usable onboarding file"
    blocking = blocking_findings(report)
    if blocking:
        # realpath, not resolve(): a loop of links (refused by the loader) must not raise here.
        target = os.path.realpath(onboarding_path) if onboarding_path is not None else None
        places: dict[str, int] = {}
        owner = {id(f): report.project_name(part) for part in report.projects for f in part.findings}
        for finding in blocking:
            if id(finding) in owner:
                where = f"project {owner[id(finding)]}"
            elif target is not None and os.path.realpath(finding.location.file) == target:
                where = report.relative(onboarding_path)
            else:
                where = report.relative(finding.location.file)
            places[where] = places.get(where, 0) + 1
        return "fix the errors first: " + ", ".join(f"{n} in {where}" for where, n in places.items())
    # Entries of `projects` this run did not check: the packet cannot vouch for them.
    unchecked = [i for i, checked in enumerate(data["prerequisites"]["projects"]) if checked is None]
    if unchecked:
        names = ", ".join(data["projects"][i]["name"] or f"projects[{i}]" for i in unchecked)
        return (f"the packet covers every project of the onboarding file, and this run did not check "
                f"{names}: check them all (no folder named, or `project-dir: auto`)")
    return None


def write_packet(path: Path, text: str, report: Report) -> None:
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(f"packet file {report.relative(path.resolve())!r} cannot be written "
                         f"({exc.strerror or exc}); choose another path") from None


def write_packet_for_action(report: Report, settings: Settings, runner: Runner) -> str:
    """Write the `packet-file` input's packet; its workspace-relative path, or "" when not written."""
    path = settings.packet_file
    if path is None:
        return ""
    why = packet_refusal(report, settings.onboarding_path())
    if why is not None:
        runner.annotate("warning", f"No onboarding packet was written to {report.relative(path)}: {why} "
                                   "(see the findings).",
                        title="meltano-onboard: packet not written")
        return ""
    write_packet(path, render(packet_data(report), format_for(path)), report)
    return report.relative(path)
