"""The job summary, in Markdown: verdict, findings, then each fact's own section.

Each part is a function of the report, so a summary of several projects can
put them together per project.
"""

from __future__ import annotations

from onboard_action.findings import DEFAULT_TARGET, DESCRIPTIONS, SELF_HOSTED, Finding
from onboard_action.report import NEW, Report
from onboard_action.reporters import markdown as md
from onboard_action.reporters import reporter
from onboard_action.reporters.sections import SECTIONS

ICONS = {"error": ":x:", "warning": ":warning:", "notice": ":information_source:"}
TITLE = "Meltano Cloud onboarding check"
SELF_HOSTED_TITLE = "Meltano project check (self-hosted)"


@reporter("markdown")
def render_summary(report: Report) -> str:
    if report.several:
        return _several(report)
    return "\n".join([*verdict(report), *findings(report), *fact_sections(report)])


def verdict(report: Report) -> list[str]:
    """The title, the verdict and the counts."""
    counts = report.counts
    return [
        f"## {_title(report)}: {md.code(report.project_name)}\n",
        f"{_said(report)} ({_settings(report)}).\n",
        md.table(["Errors", "Warnings", "Notices"],
                 [[str(counts["error"]), str(counts["warning"]), str(counts["notice"])]]),
    ]


def _title(report: Report) -> str:
    return SELF_HOSTED_TITLE if report.target == SELF_HOSTED else TITLE


def _said(report: Report) -> str:
    """The verdict, in the words of the report's target."""
    where = "run on self-hosted Meltano" if report.target == SELF_HOSTED else "onboard to Meltano Cloud"
    return f":white_check_mark: **Ready** to {where}" if report.ready else f":x: **Not ready** to {where}"


def _settings(report: Report) -> str:
    said = f"fails on: {report.fail_on}"
    if report.target != DEFAULT_TARGET:  # the default's summary stays as it was before targets
        said += f"; target: {md.code(report.target)} ({md.text(DESCRIPTIONS[report.target])})"
    if report.config_file is not None:
        said += f"; settings from {md.code(report.relative(report.config_file))}"
    return said


def findings(report: Report) -> list[str]:
    """Every finding, most severe first, each linked to its rule's docs and its line.

    Against a baseline: the new findings first, then what the change fixed,
    then the existing ones folded.
    """
    if report.comparison is not None:
        return _against_baseline(report)
    if not report.findings:
        return []
    return ["### Findings\n", _findings_table(report, report.by_severity())]


def _findings_table(report: Report, findings: list[Finding]) -> str:
    return md.table(["Severity", "Rule", "Where", "What to do"],
                    [_finding_row(report, finding) for finding in findings])


def _finding_row(report: Report, finding: Finding) -> list[str]:
    loc = finding.location
    path = report.relative(loc.file)
    message = md.rich(finding.message)
    if finding.hint:
        message += f"<br>*Fix:* {md.rich(finding.hint)}"
    return [
        f"{ICONS[finding.severity.label]} {finding.severity.label}",
        md.link(md.code(finding.code), report.links.rule(finding.code)),
        md.link(md.code(f"{path}:{loc.line}:{loc.column}"), report.links.line(path, loc.line)),
        message,
    ]


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


def fact_sections(report: Report) -> list[str]:
    parts = []
    for name, value in report.facts.items():
        section = SECTIONS.get(name)
        text = section(value, report) if section and value else ""
        if text:  # a section may have nothing to say for the target
            parts.append(text)
    return parts


def usage_error(message: str) -> str:
    """The summary of a run that could not check anything: what was wrong, and that it is not ready."""
    return (f"## {TITLE}\n\n:x: **Not checked**: the check could not start, so `ready` is `false`."
            f"\n\n> {md.text(message)}\n\n"
            "Fix what the message names (an input of this step, or the configuration file) and run "
            "the step again.\n")


def internal_error(message: str) -> str:
    return (f"## {TITLE}\n\n:x: **Not checked**: meltano-onboard stopped on an internal error, so "
            f"`ready` is `false`.\n\n> {md.text(message)}\n\n"
            "This is a bug in meltano-onboard; please report it.\n")


def _several(report: Report) -> str:
    """One table of the projects first, then a folded section per project, then the organization's."""
    rows = []
    for part in report.projects:
        counts = report.part_counts(part)
        schedules = part.facts.get("schedules") or {}
        rows.append([md.text(part.name), md.code(report.relative(part.root) or "."),
                     ":white_check_mark: yes" if report.part_ready(part) else ":x: no",
                     str(counts["error"]), str(counts["warning"]), str(len(schedules.get("schedules", [])))])
    parts = [
        f"## {_title(report)}: {len(report.projects)} projects\n",
        md.table(["Project", "Root", "Ready", "Errors", "Warnings", "Schedules"], rows),
        f"{_said(report)} ({_settings(report)}).\n",
    ]
    organization = report.organization_findings
    if organization:
        parts.append(f"### The onboarding file ({len(organization)} finding"
                     f"{'s' if len(organization) != 1 else ''})\n")
        parts.append(_findings_table(report, sorted(organization, key=lambda f: -f.severity)))
    if report.facts.get("organization"):
        parts.append(SECTIONS["organization"](report.facts["organization"], report))
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
                parts.append(section(value, report))
        parts.append("</details>\n")
    return "\n".join(parts)
