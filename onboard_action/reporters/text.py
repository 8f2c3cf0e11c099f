"""One line per finding, `path:line:col: severity: message [CODE]`, for people and editors."""

from __future__ import annotations

from onboard_action.findings import SELF_HOSTED, Finding
from onboard_action.report import Report
from onboard_action.reporters import reporter
from onboard_action.reporters.terminal import PLAIN, Style, path_shown, printable
from onboard_action.runner import display_safe


def _one_line(text: str) -> str:
    # A finding is one line whatever the YAML held: editors and problem matchers rely on it.
    return " ".join(text.split())


def finding_line(report: Report, finding: Finding, style: Style = PLAIN, *, hint: bool = True) -> str:
    """`path:line:col: severity: message; hint [CODE]`, on one line."""
    # A terminal takes no control characters; a log or a file shows them escaped (issue 15).
    shown = printable if style.colour else display_safe
    loc = finding.location
    fix = f"; {_one_line(finding.hint)}" if finding.hint and hint else ""
    label = finding.severity.label
    return (style.paint("path", path_shown(f"{report.relative(loc.file)}:{loc.line}:{loc.column}:")) + " "
            + style.paint(label, label + ":") + " " + shown(f"{_one_line(finding.message)}{fix}")
            + " " + style.paint("code", f"[{finding.code}]"))


def listed(report: Report, findings: list[Finding] | None = None) -> list[Finding]:
    """The findings a terminal format lists, by position: against a baseline only the new ones."""
    findings = report.by_position() if findings is None else findings
    return [finding for finding in findings if report.comparison is None or report.state(finding) == "new"]


def _by_project(report: Report, style: Style) -> list[str]:
    """A block per project, then the onboarding file's own findings; each block opens with its verdict."""
    shown = printable if style.colour else display_safe  # project names come from the onboarding file
    lines = []
    position = {id(f): i for i, f in enumerate(report.by_position())}
    for part in report.projects:
        verdict = "ready" if report.part_ready(part) else "not ready"
        lines.append(shown(f"== project {_one_line(part.name)} ({report.relative(part.root) or '.'}): "
                           f"{verdict}: {_tally(report.part_counts(part))}"))
        lines += [finding_line(report, finding, style)
                  for finding in listed(report, sorted(part.findings, key=lambda f: position[id(f)]))]
    organization = report.organization_findings
    if organization:
        lines.append(f"== the onboarding file: {len(organization)} finding"
                     f"{'s' if len(organization) != 1 else ''} of the organization")
        lines += [finding_line(report, finding, style) for finding in listed(report, organization)]
    return lines


def verdict_line(report: Report, style: Style = PLAIN) -> str:
    """`data: not ready for Meltano Cloud: 1 error, 0 warnings, 0 notices`."""
    where = "self-hosted Meltano" if report.target == SELF_HOSTED else "Meltano Cloud"
    verdict = f"ready for {where}" if report.ready else f"not ready for {where}"
    tally = _tally(report.counts)
    if report.comparison is not None:
        known = len(report.findings) - len(report.judged)
        tally = (f"{_tally(report.new_counts)} new against the {report.comparison.baseline}; "
                 f"{known} existing not shown, {len(report.comparison.absent)} fixed")
    project = (f"{len(report.projects)} projects" if report.several
               else report.relative(report.project_dir) or ".")
    shown = path_shown(project)
    painted = style.paint("notice" if report.ready else "error", verdict)
    return f"{style.paint('path', shown)}: {painted}: {tally}"


@reporter("text", styled=True)
def render_text(report: Report, style: Style = PLAIN) -> str:
    lines = (_by_project(report, style) if report.several
             else [finding_line(report, finding, style) for finding in listed(report)])
    lines.append(verdict_line(report, style))
    return "\n".join(lines) + "\n"


def _tally(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items())
