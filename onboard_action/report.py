"""The result of one check: findings, facts and the verdict, ready for any reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onboard_action.findings import Finding, Location, Severity, relative_path

TOOL_NAME = "meltano-onboard"
REPORT_FORMAT_VERSION = 1


@dataclass
class Report:
    workspace: Path
    project_dir: Path
    fail_on: str
    threshold: Severity
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # Thousands of findings sit in a few files: each is made relative once.
    _relative: dict[tuple[Path, Path], str] = field(default_factory=dict, init=False, repr=False,
                                                     compare=False)

    @property
    def counts(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts

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
            self._relative[key] = relative_path(path, self.workspace)
        return self._relative[key]

    def by_position(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (
            self.relative(f.location.file), f.location.line, f.location.column, f.code, f.message))

    def by_severity(self) -> list[Finding]:
        return sorted(self.by_position(), key=lambda f: -f.severity)

    def location_dict(self, location: Location) -> dict[str, Any]:
        return {
            "file": self.relative(location.file),
            "line": location.line,
            "column": location.column,
            "end_line": location.end_line if location.end_line is not None else location.line,
            "end_column": location.end_column if location.end_column is not None else location.column,
        }
