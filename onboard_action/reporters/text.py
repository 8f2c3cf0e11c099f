"""One line per finding, `path:line:col: severity: message [CODE]`, for people and editors."""

from __future__ import annotations

from onboard_action.report import Report
from onboard_action.reporters import reporter


def _one_line(text: str) -> str:
    # A finding is one line whatever the YAML held: editors and problem matchers rely on it.
    return " ".join(text.split())


@reporter("text")
def render_text(report: Report) -> str:
    lines = []
    for finding in report.by_position():
        loc = finding.location
        hint = f"; {_one_line(finding.hint)}" if finding.hint else ""
        lines.append(f"{report.relative(loc.file)}:{loc.line}:{loc.column}: "
                     f"{finding.severity.label}: {_one_line(finding.message)}{hint} [{finding.code}]")
    counts = report.counts
    verdict = "ready for Meltano Cloud" if report.ready else "not ready for Meltano Cloud"
    lines.append(f"{report.relative(report.project_dir) or '.'}: {verdict}: "
                 + ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items()))
    return "\n".join(lines) + "\n"
