"""One line per finding, `path:line:col: severity: message [CODE]`, for people and editors.

A run of several projects prints the organization's findings first, then
each project's findings followed by its verdict line, and the overall
verdict last.
"""

from __future__ import annotations

from onboard_action.findings import Finding
from onboard_action.report import Report
from onboard_action.reporters import reporter


def _one_line(text: str) -> str:
    # A finding is one line whatever the YAML held: editors and problem matchers rely on it.
    return " ".join(text.split())


def finding_line(report: Report, finding: Finding) -> str:
    """`path:line:col: severity: message; hint [CODE]`, on one line."""
    loc = finding.location
    hint = f"; {_one_line(finding.hint)}" if finding.hint else ""
    return (f"{report.relative(loc.file)}:{loc.line}:{loc.column}: "
            f"{finding.severity.label}: {_one_line(finding.message)}{hint} [{finding.code}]")


def verdict_line(subject: str, ready: bool, counts: dict[str, int]) -> str:
    verdict = "ready for Meltano Cloud" if ready else "not ready for Meltano Cloud"
    return (f"{subject}: {verdict}: "
            + ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items()))


@reporter("text")
def render_text(report: Report) -> str:
    if not report.several:
        lines = [finding_line(report, finding) for finding in report.by_position()]
        lines.append(verdict_line(report.relative(report.project_dir) or ".", report.ready, report.counts))
        return "\n".join(lines) + "\n"
    lines = [finding_line(report, f) for f in report.by_position(report.organization_findings)]
    for part in report.projects:
        lines.extend(finding_line(report, f) for f in report.by_position(part.findings))
        lines.append(verdict_line(report.project_name(part), part.ready, part.counts))
    lines.append(verdict_line(f"all {len(report.projects)} projects", report.ready, report.counts))
    return "\n".join(lines) + "\n"
