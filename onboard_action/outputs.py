"""The files a check writes besides its printed output: JSON and SARIF reports, the onboarding packet.

Shared by the CLI and the action, so both refuse and word the same problems.
A file is written atomically (never half-written) or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import UsageError
from onboard_action.fileio import Owner, atomic_write_text
from onboard_action.findings import Finding, Severity
from onboard_action.report import Report
from onboard_action.reporters import render as render_report
from onboard_action.reporters.packet import format_for, render
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
    """Errors in the onboarding file: the packet would not say what Meltano needs."""
    if onboarding_path is None:
        return []
    # realpath, not resolve(): a loop of links (refused by the loader) must not raise here.
    target = os.path.realpath(onboarding_path)
    return [f for f in report.by_position()
            if f.severity >= Severity.ERROR and os.path.realpath(f.location.file) == target]


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
    if data is None or blocking:
        why = (f"{len(blocking)} error(s) in {report.relative(onboarding)} (see the findings)" if blocking
               else "there is no usable onboarding file")
        runner.annotate("warning", f"No onboarding packet was written to {report.relative(path)}: {why}.",
                        title="meltano-onboard: packet not written")
        return ""
    write_packet(path, render(data, format_for(path)), report, settings.file_owner)
    return report.relative(path)
