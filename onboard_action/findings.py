"""What a check reports: a finding, where it points, and how bad it is."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal


class Severity(enum.IntEnum):
    """Ordered so that `max()` and sorting give the most severe first."""

    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


def relative_path(path: Path, base: Path, *,
                  outside: Literal["absolute", "name", "climb"] = "absolute") -> str:
    """`path` as messages and reports show it: relative to `base`, with forward slashes.

    A path outside `base` is shown `outside`: as its absolute path (findings and
    reports), as its file name alone (the schedule preview), or climbing with
    `..` (an onboarding file's `root:`, which is relative by definition).
    """
    try:
        return path.relative_to(base).as_posix()  # most paths: no need to normalise
    except ValueError:
        pass
    relative = os.path.relpath(path, base)  # normalised: `/tmp/../ws/a` lies inside `/ws` too
    if outside == "climb" or not (relative == os.pardir or relative.startswith(os.pardir + os.sep)):
        return Path(relative).as_posix()
    return path.name if outside == "name" else path.as_posix()


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file. Lines and columns are 1-based; `end_column` is inclusive."""

    file: Path
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    @property
    def whole_file(self) -> bool:
        return self.line == 1 and self.column == 1 and self.end_line is None


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    title: str = ""
    # Free-form, JSON-serialisable extras for reporters (e.g. "related" places).
    related: tuple[Location, ...] = field(default=(), compare=False)
    # What the finding is about, independent of its line (model/subjects.py): its fingerprint's base.
    subject: str = field(default="", compare=False)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (-self.severity, str(loc.file), loc.line, loc.column, self.code, self.message)


# Findings a report keeps of one rule. 100,000 findings of one rule (one per reference of a
# generated file) cost a minute and 400 MiB to sort, fingerprint and report, and nobody reads
# past the first thousand; the rest are counted in one more finding of the same rule.
MAX_PER_RULE = 1000


def kept_per_rule(findings: list[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most `limit` findings of each rule (the first by position), and for each rule that had
    more, one finding at the first left out that says how many were."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    over = {code for code, count in counts.items() if count > limit}
    if not over:
        return findings
    groups: dict[str, list[Finding]] = {code: [] for code in over}
    kept = []
    for finding in findings:
        if finding.code in over:
            groups[finding.code].append(finding)
        else:
            kept.append(finding)
    for code, group in groups.items():
        group.sort(key=_position)
        shown, rest = group[:limit], group[limit:]
        first = rest[0]
        kept.extend(shown)
        kept.append(Finding(
            code, max(f.severity for f in rest),
            f"{len(rest):,} more {code} findings from here on are not listed: a report keeps the "
            f"first {limit:,} of each rule ({len(group):,} in all)",
            first.location, f"fix the {code} findings listed and run the check again", first.title))
    return kept


def _position(finding: Finding) -> tuple:
    loc = finding.location
    return (str(loc.file), loc.line, loc.column, finding.message)
