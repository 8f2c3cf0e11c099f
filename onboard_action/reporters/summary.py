"""The job summary, in Markdown: verdict, findings, then each fact's own section."""

from __future__ import annotations

from typing import Any

from onboard_action.findings import Finding
from onboard_action.report import Report
from onboard_action.reporters import markdown as md
from onboard_action.reporters import reporter
from onboard_action.reporters.sections import SECTIONS

ICONS = {"error": ":x:", "warning": ":warning:", "notice": ":information_source:"}


@reporter("markdown")
def render_summary(report: Report) -> str:
    """One project: verdict, findings, facts. Several: a table of projects, then a fold per project."""
    if not report.several:
        project = report.relative(report.project_dir) or "."
        return "\n".join([*_heading(report, md.code(project)), _counts(report.counts),
                          *_findings(report, report.findings), *_sections(report.facts)])
    parts = [*_heading(report, f"{len(report.projects)} projects"), _projects_table(report)]
    parts += _findings(report, report.organization_findings, "### Organization findings\n")
    parts += _sections(report.facts)
    for part in report.projects:
        verdict = ":white_check_mark: ready" if part.ready else ":x: not ready"
        body = [_counts(part.counts), *_findings(report, part.findings), *_sections(part.facts)]
        # A blank line after <summary>: GitHub renders the Markdown inside the fold only then.
        parts.append(f"<details><summary>{md.text(report.project_name(part))}: {verdict}</summary>\n\n"
                     + "\n".join(body) + "\n</details>\n")
    return "\n".join(parts)


def _heading(report: Report, subject: str) -> list[str]:
    verdict = (":white_check_mark: **Ready** to onboard to Meltano Cloud" if report.ready
               else ":x: **Not ready** to onboard to Meltano Cloud")
    return [f"## Meltano Cloud onboarding check: {subject}\n", f"{verdict} (fails on: {report.fail_on}).\n"]


def _counts(counts: dict[str, int]) -> str:
    return md.table(["Errors", "Warnings", "Notices"],
                    [[str(counts["error"]), str(counts["warning"]), str(counts["notice"])]])


def _projects_table(report: Report) -> str:
    rows = [[md.text(report.project_name(part)), ":white_check_mark: yes" if part.ready else ":x: no",
             str(part.counts["error"]), str(part.counts["warning"]), str(part.schedules)]
            for part in report.projects]
    return md.table(["Project", "Ready", "Errors", "Warnings", "Schedules"], rows)


def _findings(report: Report, findings: list[Finding], heading: str = "### Findings\n") -> list[str]:
    if not findings:
        return []
    rows = []
    for finding in report.by_severity(findings):
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
    return [heading, md.table(["Severity", "Rule", "Where", "What to do"], rows)]


def _sections(facts: dict[str, Any]) -> list[str]:
    return [SECTIONS[name](value) for name, value in facts.items() if name in SECTIONS and value]
