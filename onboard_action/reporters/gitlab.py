"""GitLab's Code Quality report (`artifacts: reports: codequality:`), shown in merge requests.

A JSON array of issues: `description`, `check_name` (the rule code),
`fingerprint`, `severity` (`info`, `minor`, `major`, `critical`, `blocker`)
and `location` (`path` relative to the repository root, `lines.begin`/`end`).
GitLab tells a new issue from a fixed one by its fingerprint: it is the
report's own (`Report.fingerprint`, as in the JSON report and SARIF), with no
line in it, so an issue keeps it when lines above it move.
"""

from __future__ import annotations

import json

from onboard_action.findings import Severity
from onboard_action.report import Report
from onboard_action.reporters import reporter

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTICE: "info"}


@reporter("gitlab")
def render_gitlab(report: Report) -> str:
    issues = []
    for finding in report.by_position():
        loc = finding.location
        issues.append({
            "description": finding.message + (f"; fix: {finding.hint}" if finding.hint else ""),
            "check_name": finding.code,
            "fingerprint": report.fingerprint(finding),
            "severity": SEVERITIES[finding.severity],
            "location": {"path": report.relative(loc.file),
                         "lines": {"begin": loc.line, "end": max(loc.end_line or loc.line, loc.line)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
