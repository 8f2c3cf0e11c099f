"""What a check reports: a finding, where it points, how bad it is, and where its rule holds."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Literal

from msgspec import Struct, field
from msgspec.structs import replace

from onboard_action.records import compared_on


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


class Location(Struct, frozen=True, order=True):
    """A place in a file. Lines and columns are 1-based; `end_column` is inclusive."""

    file: Path
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    @property
    def whole_file(self) -> bool:
        return self.line == 1 and self.column == 1 and self.end_line is None


class Finding(Struct, frozen=True):
    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    title: str = ""
    # Free-form, JSON-serialisable extras for reporters (e.g. "related" places).
    related: tuple[Location, ...] = field(default=())
    # What the finding is about, independent of its line (model/subjects.py): its fingerprint's base.
    subject: str = field(default="")

    __eq__, __hash__ = compared_on("code", "severity", "message", "location", "hint", "title")

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (-self.severity, str(loc.file), loc.line, loc.column, self.code, self.message)


class Edit(Struct, frozen=True):
    """Replace the text from (line, column) up to, not including, (end_line, end_column) with `text`.

    1-based, as SARIF's replacement regions are; an empty range inserts. A file
    that does not exist is empty text, so an insertion at 1:1 creates it.
    """

    file: Path
    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)


class Fix(Struct, frozen=True):
    """The edits that remove one finding, and whether they can be applied without a person's review.

    An unsafe fix is right for the finding but may change what the project does
    (a schedule that runs less often, a job in place of `meltano elt`).
    """

    finding: Finding
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


# --- targets: where the project is meant to run ------------------------------
#
# The targets a rule applies to, and the one a run checks for.
#
# * `cloud-2023`: the Meltano Cloud of the onboarding guide (2022-2024), the default;
# * `cloud`: the platform called Meltano Cloud since 2026 (workspaces, `workspace.yml`,
#   `pipelines/*.yml`; see ../shared/domain/meltano-cloud-2026.md);
# * `self-hosted`: any Meltano deployment, so only what holds for every one of them.
#
# Each rule names its targets where it is declared (`rule(..., targets=GUIDE)`);
# `rules.run_checks` is the one place that leaves out the rules of other targets.

GUIDE_CLOUD = "cloud-2023"
CLOUD = "cloud"
SELF_HOSTED = "self-hosted"
TARGETS = (GUIDE_CLOUD, CLOUD, SELF_HOSTED)
DEFAULT_TARGET = GUIDE_CLOUD

# The sets rules declare.
EVERYWHERE = frozenset(TARGETS)
GUIDE = frozenset({GUIDE_CLOUD})  # the onboarding guide's process: packet, secrets.yml, sandbox
CLOUDS = frozenset({GUIDE_CLOUD, CLOUD})  # both managed platforms called Meltano Cloud
TODAY = frozenset({CLOUD})  # the platform's own files: workspace.yml, pipelines, data stores

DESCRIPTIONS = {
    GUIDE_CLOUD: "the Meltano Cloud of the onboarding guide (2023)",
    CLOUD: "today's Meltano Cloud (workspaces, pipelines/*.yml)",
    SELF_HOSTED: "any Meltano deployment you run yourself: only the rules that hold everywhere",
}


def ordered(targets: frozenset[str]) -> list[str]:
    """A rule's targets in the order of TARGETS, for docs and listings."""
    return [each for each in TARGETS if each in targets]


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
