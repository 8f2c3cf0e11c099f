"""GitLab's Code Quality report (`artifacts: reports: codequality:`), shown in merge requests.

A JSON array of issues: `description`, `check_name` (the rule code),
`fingerprint`, `severity` (`info`, `minor`, `major`, `critical`, `blocker`)
and `location` (`path` relative to the repository root, `lines.begin`/`end`).
GitLab tells a new issue from a fixed one by its fingerprint: it is made from
the rule, the file and the message, not the line, so an issue keeps it when
lines above it move; identical issues in one file are numbered apart.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from onboard_action.findings import Severity
from onboard_action.report import Report
from onboard_action.reporters import reporter

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTICE: "info"}


@reporter("gitlab")
def render_gitlab(report: Report) -> str:
    seen: Counter = Counter()
    issues = []
    for finding in report.by_position():
        path = report.relative(finding.location.file)
        key = (finding.code, path, finding.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode(
            "utf-8", "backslashreplace")).hexdigest()[:32]
        loc = finding.location
        issues.append({
            "description": finding.message + (f"; fix: {finding.hint}" if finding.hint else ""),
            "check_name": finding.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path, "lines": {"begin": loc.line,
                                                 "end": max(loc.end_line or loc.line, loc.line)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
