"""Annotations, step outputs and the job summary, through the runner protocol."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.findings import Finding
from onboard_action.report import Report
from onboard_action.reporters.summary import render_summary
from onboard_action.settings import OptionNames

# GitHub shows at most 10 annotations of each level per step and drops the rest.
ANNOTATIONS_PER_LEVEL = 10

if TYPE_CHECKING:
    from onboard_action.runner import Runner  # the caller's, already imported


def publish(report: Report, runner: Runner, *, report_file: Path | None = None,
            sarif_file: Path | None = None, outputs: dict[str, str] | None = None,
            names: OptionNames | None = None) -> None:
    """`names`: how the front end that ran calls its options (the action's inputs, the CLI's flags)."""
    shown = _annotations(report, runner, report_file)
    option = (names or OptionNames()).phrase("report-file")
    pointer = (f"The complete list is in {report.relative(report_file)}." if report_file
               else f"Set {option} to keep the complete list.")
    runner.append_summary(render_summary(report), pointer=pointer)
    counts = report.counts
    values = {
        "ready": "true" if report.ready else "false",
        "projects": json.dumps(report.projects_list(), ensure_ascii=False),
        "error-count": counts["error"],
        "warning-count": counts["warning"],
        "notice-count": counts["notice"],
        "new-error-count": report.new_counts["error"],
        "fixed-count": len(report.comparison.absent) if report.comparison else 0,
        "report-file": report.relative(report_file) if report_file else "",
        "sarif-file": report.relative(sarif_file) if sarif_file else "",
        **(outputs or {}),
    }
    for name, value in values.items():
        runner.set_output(name, value)
    verdict = "ready" if report.ready else "not ready"
    tally = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items())
    runner.emit(f"Meltano Cloud onboarding: {verdict} ({tally}; {shown} annotated)")


def _annotations(report: Report, runner: Runner, report_file: Path | None) -> int:
    by_level: dict[str, list[Finding]] = {"error": [], "warning": [], "notice": []}
    # Against a baseline, the annotations (10 per level at most) go to what the change introduced;
    # the existing findings are in the job summary and the report files.
    judged = {id(finding) for finding in report.judged}
    for finding in report.by_severity():
        if id(finding) in judged:
            by_level[finding.severity.label].append(finding)
    hidden = {level: max(0, len(items) - ANNOTATIONS_PER_LEVEL) for level, items in by_level.items()}
    if any(hidden.values()) and len(by_level["notice"]) >= ANNOTATIONS_PER_LEVEL:
        # Keep one notice slot for the note that says how many were left out.
        hidden["notice"] += 1
    shown = 0
    for level, items in by_level.items():
        for finding in items[: len(items) - hidden[level]]:
            _annotate(report, runner, finding)
            shown += 1
    if any(hidden.values()):
        where = (f"the job summary and {report.relative(report_file)}" if report_file
                 else "the job summary")
        detail = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in hidden.items() if n)
        runner.annotate("notice", f"{sum(hidden.values())} more findings ({detail}) are not shown "
                                  f"as annotations, because GitHub shows at most "
                                  f"{ANNOTATIONS_PER_LEVEL} per level: see {where}.",
                        title="More findings")
    return shown


def _annotate(report: Report, runner: Runner, finding: Finding) -> None:
    loc = finding.location
    message = finding.message + (f"\nFix: {finding.hint}" if finding.hint else "")
    docs = report.links.rule(finding.code)
    if docs:
        message += f"\nDocs: {docs}"
    runner.annotate(
        finding.severity.label, message,
        file=report.relative(loc.file), line=loc.line, end_line=loc.end_line,
        col=loc.column, end_column=loc.end_column,
        title=f"{finding.code} {finding.title}".strip())
