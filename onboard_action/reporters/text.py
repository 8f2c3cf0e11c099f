"""One line per finding, `path:line:col: severity: message [CODE]`, for people and editors."""

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


def _listed(report: Report, findings: list[Finding]) -> list[str]:
    # Against a baseline only the new findings are listed: the ones a change is asked to fix.
    return [finding_line(report, finding) for finding in findings
            if report.comparison is None or report.state(finding) == "new"]


def _by_project(report: Report) -> list[str]:
    """A block per project, then the onboarding file's own findings; each block opens with its verdict."""
    lines = []
    position = {id(f): i for i, f in enumerate(report.by_position())}
    for part in report.projects:
        verdict = "ready" if report.part_ready(part) else "not ready"
        lines.append(f"== project {_one_line(part.name)} ({report.relative(part.root) or '.'}): {verdict}: "
                     f"{_tally(report.part_counts(part))}")
        lines += _listed(report, sorted(part.findings, key=lambda f: position[id(f)]))
    organization = report.organization_findings
    if organization:
        lines.append(f"== the onboarding file: {len(organization)} finding"
                     f"{'s' if len(organization) != 1 else ''} of the organization")
        lines += _listed(report, organization)
    return lines


@reporter("text")
def render_text(report: Report) -> str:
    lines = _by_project(report) if report.several else _listed(report, report.by_position())
    verdict = "ready for Meltano Cloud" if report.ready else "not ready for Meltano Cloud"
    tally = _tally(report.counts)
    if report.comparison is not None:
        known = len(report.findings) - len(report.judged)
        tally = (f"{_tally(report.new_counts)} new against the {report.comparison.baseline}; "
                 f"{known} existing not shown, {len(report.comparison.absent)} fixed")
    where = (f"{len(report.projects)} projects" if report.several
             else report.relative(report.project_dir) or ".")
    lines.append(f"{where}: {verdict}: {tally}")
    return "\n".join(lines) + "\n"


def _tally(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items())
