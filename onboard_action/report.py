"""The result of one run: findings, facts and the verdicts, ready for any reporter.

A run checks one or several projects. `Report` holds everything (every
finding, the overall verdict); `Report.projects` holds each project's part:
its findings (those of its own checks, and the organization's findings about
its entry of the onboarding file), facts and verdict. The findings that
belong to no project (the organization's) are `Report.organization_findings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onboard_action.findings import Finding, Location, Severity

TOOL_NAME = "meltano-onboard"
REPORT_FORMAT_VERSION = 1


def count(findings: list[Finding]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for finding in findings:
        counts[finding.severity.label] += 1
    return counts


@dataclass
class ProjectReport:
    """One project's part of a run."""

    root: Path
    name: str | None  # the onboarding file's `name` for it, when it has one
    threshold: Severity
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    schedules: int = 0  # schedules the project defines

    @property
    def counts(self) -> dict[str, int]:
        return count(self.findings)

    @property
    def ready(self) -> bool:
        return not any(f.severity >= self.threshold for f in self.findings)


@dataclass
class Report:
    workspace: Path
    project_dir: Path
    fail_on: str
    threshold: Severity
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # Each checked project's part; findings, facts and files above cover all of them.
    projects: list[ProjectReport] = field(default_factory=list)
    # Thousands of findings sit in a few files: each is made relative once.
    _relative: dict[tuple[Path, Path], str] = field(default_factory=dict, init=False, repr=False,
                                                     compare=False)

    @property
    def counts(self) -> dict[str, int]:
        return count(self.findings)

    @property
    def several(self) -> bool:
        """More than one project: reporters then show each project's part on its own."""
        return len(self.projects) > 1

    @property
    def organization_findings(self) -> list[Finding]:
        """The findings of no project: the onboarding file's, beyond any checked project's entry."""
        owned = {id(f) for part in self.projects for f in part.findings}
        return [f for f in self.findings if id(f) not in owned]

    def project_name(self, part: ProjectReport) -> str:
        """How reports name a project: its folder, and its name from the onboarding file."""
        folder = self.relative(part.root) or "."
        return f"{folder} ({part.name})" if part.name and part.name != folder else folder

    @property
    def ready(self) -> bool:
        return not any(f.severity >= self.threshold for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 0 if self.ready or self.fail_on == "never" else 1

    def relative(self, path: Path) -> str:
        """A path as reports show it: relative to the workspace, with forward slashes."""
        key = (self.workspace, path)
        if key not in self._relative:
            self._relative[key] = self._relative_to_workspace(path)
        return self._relative[key]

    def _relative_to_workspace(self, path: Path) -> str:
        try:
            return path.relative_to(self.workspace).as_posix()
        except ValueError:
            relative = os.path.relpath(path, self.workspace)
            return Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()

    def by_position(self, findings: list[Finding] | None = None) -> list[Finding]:
        return sorted(self.findings if findings is None else findings, key=lambda f: (
            self.relative(f.location.file), f.location.line, f.location.column, f.code, f.message))

    def by_severity(self, findings: list[Finding] | None = None) -> list[Finding]:
        return sorted(self.by_position(findings), key=lambda f: -f.severity)

    def location_dict(self, location: Location) -> dict[str, Any]:
        return {
            "file": self.relative(location.file),
            "line": location.line,
            "column": location.column,
            "end_line": location.end_line if location.end_line is not None else location.line,
            "end_column": location.end_column if location.end_column is not None else location.column,
        }
