"""The job summary, in Markdown: verdict, findings, then each fact's own section."""

from __future__ import annotations

from onboard_action.findings import Finding
from onboard_action.report import NEW, Report
from onboard_action.reporters import markdown as md
from onboard_action.reporters import reporter
from onboard_action.reporters.sections import SECTIONS

ICONS = {"error": ":x:", "warning": ":warning:", "notice": ":information_source:"}


@reporter("markdown")
def render_summary(report: Report) -> str:
    if report.several:
        return _several(report)
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
    if report.comparison is not None:
        parts += _against_baseline(report)
    elif report.findings:
        parts.append("### Findings\n")
        parts.append(_findings_table(report, report.by_severity()))
    for name, value in report.facts.items():
        section = SECTIONS.get(name)
        if section and value:
            parts.append(section(value))
    return "\n".join(parts)


def _findings_table(report: Report, findings: list[Finding]) -> str:
    rows = []
    for finding in findings:
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
    return md.table(["Severity", "Rule", "Where", "What to do"], rows)


def _against_baseline(report: Report) -> list[str]:
    """New findings first, then what the change fixed, then the existing ones folded."""
    comparison = report.comparison
    assert comparison is not None
    new = [f for f in report.by_severity() if report.state(f) == NEW]
    existing = [f for f in report.by_severity() if report.state(f) != NEW]
    fixed = comparison.absent
    against = md.text(comparison.baseline)
    parts = []
    if not new and fixed:
        parts.append(f":tada: This change introduces no finding and fixes {len(fixed)} "
                     f"(against the {against}).\n")
    elif not new:
        parts.append(f"This change introduces no finding (against the {against}).\n")
    else:
        parts.append(f"### New findings ({len(new)}, against the {against})\n")
        parts.append(_findings_table(report, new))
    if fixed:
        parts.append(f"### Fixed by this change ({len(fixed)})\n")
        parts.append(md.table(["Rule", "Was at", "Finding"], [
            [md.code(str(entry.get("code", ""))),
             md.code(f"{entry.get('file', '')}:{entry.get('line', '')}"),
             md.text(str(entry.get("message", "")))] for entry in fixed]))
    if existing:
        parts.append(f"<details><summary>{len(existing)} existing finding"
                     f"{'s' if len(existing) != 1 else ''}, not counted</summary>\n")
        parts.append(_findings_table(report, existing))
        parts.append("</details>\n")
    return parts


def _several(report: Report) -> str:
    """One table of the projects first, then a folded section per project, then the organization's."""
    verdict = (":white_check_mark: **Ready** to onboard to Meltano Cloud" if report.ready
               else ":x: **Not ready** to onboard to Meltano Cloud")
    rows = []
    for part in report.projects:
        counts = report.part_counts(part)
        schedules = part.facts.get("schedules") or {}
        rows.append([md.text(part.name), md.code(report.relative(part.root) or "."),
                     ":white_check_mark: yes" if report.part_ready(part) else ":x: no",
                     str(counts["error"]), str(counts["warning"]), str(len(schedules.get("schedules", [])))])
    parts = [
        f"## Meltano Cloud onboarding check: {len(report.projects)} projects\n",
        md.table(["Project", "Root", "Ready", "Errors", "Warnings", "Schedules"], rows),
        f"{verdict} (fails on: {report.fail_on}).\n",
    ]
    organization = report.organization_findings
    if organization:
        parts.append(f"### The onboarding file ({len(organization)} finding"
                     f"{'s' if len(organization) != 1 else ''})\n")
        parts.append(_findings_table(report, sorted(organization, key=lambda f: -f.severity)))
    if report.facts.get("organization"):
        parts.append(SECTIONS["organization"](report.facts["organization"]))
    order = {id(f): i for i, f in enumerate(report.by_severity())}
    for part in report.projects:
        ready = "ready" if report.part_ready(part) else "not ready"
        parts.append(f"<details><summary>Project {md.text(part.name)}: {ready}, "
                     f"{len(part.findings)} finding{'s' if len(part.findings) != 1 else ''}</summary>\n")
        if part.findings:
            parts.append(_findings_table(report, sorted(part.findings, key=lambda f: order[id(f)])))
        for name, value in part.facts.items():
            section = SECTIONS.get(name)
            if section and value and name != "organization":
                parts.append(section(value))
        parts.append("</details>\n")
    return "\n".join(parts)
