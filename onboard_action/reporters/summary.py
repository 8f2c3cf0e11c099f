"""The job summary, in Markdown: verdict, findings, then each fact's own section."""

from __future__ import annotations

from onboard_action.report import Report
from onboard_action.reporters import markdown as md
from onboard_action.reporters import reporter
from onboard_action.reporters.sections import SECTIONS

ICONS = {"error": ":x:", "warning": ":warning:", "notice": ":information_source:"}


@reporter("markdown")
def render_summary(report: Report) -> str:
    counts = report.counts
    project = report.relative(report.project_dir) or "."
    verdict = (":white_check_mark: **Ready** to onboard to Meltano Cloud" if report.ready
               else ":x: **Not ready** to onboard to Meltano Cloud")
    parts = [
        f"## Meltano Cloud onboarding check: {md.code(project)}\n",
        f"{verdict} (fails on: {report.fail_on}).\n",
        md.table(["Errors", "Warnings", "Notices"],
                 [[str(counts["error"]), str(counts["warning"]), str(counts["notice"])]]),
    ]
    if report.findings:
        rows = []
        for finding in report.by_severity():
            loc = finding.location
            message = md.text(finding.message)
            if finding.hint:
                message += f"<br>*Fix:* {md.text(finding.hint)}"
            rows.append([
                f"{ICONS[finding.severity.label]} {finding.severity.label}",
                f"`{finding.code}`",
                md.code(f"{report.relative(loc.file)}:{loc.line}:{loc.column}"),
                message,
            ])
        parts.append("### Findings\n")
        parts.append(md.table(["Severity", "Rule", "Where", "What to do"], rows))
    for name, value in report.facts.items():
        section = SECTIONS.get(name)
        if section and value:
            parts.append(section(value))
    return "\n".join(parts)
