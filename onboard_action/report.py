"""The result of one check: findings, facts and the verdict, ready for any reporter."""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from msgspec import Struct, field

from onboard_action.findings import DEFAULT_TARGET, Finding, Fix, Location, Severity, relative_path
from onboard_action.records import repr_without

TOOL_NAME = "meltano-onboard"
REPORT_FORMAT_VERSION = 1
RULES_PAGE = "docs/rules.md"  # in this tool's repository; each rule's entry is anchored by its code
# The label of the package metadata's project URL that names the rules page.
RULES_URL_LABEL = "rules"
_SERVER = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]+)?(/[A-Za-z0-9.\-_~/]*)?")


class Links(Struct, frozen=True, dict=True):
    """Where a reader can follow a finding: the rule's docs, and its line in the checked commit.

    Inside GitHub Actions the docs are those of the action's own repository at
    the ref the workflow uses (`GITHUB_ACTION_REPOSITORY`, `GITHUB_ACTION_REF`),
    and lines link into `GITHUB_REPOSITORY` at `GITHUB_SHA`. Elsewhere (and
    when the runner leaves those empty, as for a local `uses: ./`) the docs are
    the rules page the installed package's metadata names, if any. A link
    that cannot be known is left out: never a guess or a placeholder.
    """

    action_docs: str | None = None  # the rules page in the action's repository at its ref
    source: str | None = None  # <server>/<repository>/blob/<sha>: the checked commit's files
    use_metadata: bool = True

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Links:
        if environ.get("GITHUB_ACTIONS") != "true":
            return cls()
        server = (environ.get("GITHUB_SERVER_URL") or "https://github.com").strip().rstrip("/")
        if not _SERVER.fullmatch(server):
            return cls()
        def under(repository: str, ref: str, *rest: str) -> str | None:
            repository, ref = repository.strip(), ref.strip()
            if not repository or not ref:
                return None
            return "/".join([server, quote(repository, safe="/"), "blob", quote(ref, safe=""), *rest])
        return cls(action_docs=under(environ.get("GITHUB_ACTION_REPOSITORY", ""),
                                     environ.get("GITHUB_ACTION_REF", ""), RULES_PAGE),
                   source=under(environ.get("GITHUB_REPOSITORY", ""), environ.get("GITHUB_SHA", "")))

    @cached_property
    def docs(self) -> str | None:
        """The URL of the rules page, or None when it is not known."""
        if self.action_docs:
            return self.action_docs
        return rules_page_from_metadata() if self.use_metadata else None

    def rule(self, code: str) -> str | None:
        return f"{self.docs}#{code.lower()}" if self.docs else None

    def line(self, path: str, line: int) -> str | None:
        """The line of a workspace-relative path in the checked commit; None for paths outside it."""
        if not self.source or path.startswith(("/", "../")) or path == "..":
            return None
        return f"{self.source}/{quote(path, safe='/')}#L{line}"


def rules_page_from_metadata(distribution: str = TOOL_NAME) -> str | None:
    """The URL labelled `Rules` in the package's `[project.urls]`, when the package is installed."""
    from importlib import metadata  # only when a link is wanted outside GitHub Actions

    try:
        entries = metadata.metadata(distribution).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # the container image runs from the source folder
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == RULES_URL_LABEL and url.strip().startswith("https://"):
            return url.strip().split("#", 1)[0]
    return None


# A finding's state against a baseline, as SARIF's `baselineState` names them.
NEW, UNCHANGED, ABSENT = "new", "unchanged", "absent"


def fingerprint(code: str, file: str, subject: str, occurrence: int) -> str:
    """Stable across unrelated edits: no line or column in it (docs/report-format.md)."""
    text = "\0".join((code, file, subject, str(occurrence)))
    return _sha256()(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@cache
def _sha256() -> Callable[[bytes], Any]:
    """SHA-256 from CPython's own module, the one hashlib falls back to without OpenSSL.

    The digest is the same; loading OpenSSL for hashlib costs a check 3.6 MiB of peak memory
    and a few milliseconds, more than all its fingerprints. hashlib where the module is absent.
    """
    for module in ("_sha2", "_sha256"):  # CPython 3.12 and later, 3.11
        try:
            return importlib.import_module(module).sha256
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256


class Comparison(Struct):
    """The findings of this run against an earlier one (a report file, or a git revision)."""

    baseline: str  # what was compared against, for messages: "report file x.json", "revision 1a2b3c4"
    known: frozenset[str]  # the fingerprints the baseline had
    absent: list[dict[str, Any]]  # the baseline's findings this run no longer has, as it reported them


class ProjectPart(Struct):
    """One checked project of a run: its findings (its files', and its entry's in the onboarding file)."""

    name: str
    root: Path
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)
    listed: bool = True  # an entry of the onboarding file names it


class Report(Struct):
    workspace: Path
    project_dir: Path
    fail_on: str
    threshold: Severity
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # The edits that would remove findings (onboard_action/fixes), each naming its finding.
    fixes: list[Fix] = field(default_factory=list)
    # Set when the check runs against a baseline: the verdict then counts only new findings.
    comparison: Comparison | None = None
    links: Links = field(default_factory=Links)
    # The text of the YAML files the check read (project files, onboarding file), to quote lines from.
    # Never .env, secrets or key files: a quoted line must not show a secret.
    sources: dict[Path, str] = field(default_factory=dict)
    repository: str = ""  # the repository's name, for titles when the project is its root
    config_file: Path | None = None  # the configuration file the settings came from, if any
    # The projects checked, each with its own findings; the other findings are the organization's.
    projects: list[ProjectPart] = field(default_factory=list)
    target: str = DEFAULT_TARGET  # where the project is meant to run (the targets in findings.py)
    # Thousands of findings sit in a few files: each is made relative once.
    _relative: dict[tuple[Path, Path], str] = field(default_factory=dict)
    _fingerprint_cache: dict[int, str] | None = field(default=None)

    __repr__ = repr_without("sources", "_relative", "_fingerprint_cache")

    @property
    def counts(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts

    @property
    def ready(self) -> bool:
        return not any(f.severity >= self.threshold for f in self.judged)

    @property
    def judged(self) -> list[Finding]:
        """The findings the verdict counts: all of them, or only the new ones against a baseline."""
        if self.comparison is None:
            return self.findings
        return [f for f in self.findings if self.state(f) == NEW]

    def state(self, finding: Finding) -> str | None:
        """`new` or `unchanged` against the baseline; None without one."""
        if self.comparison is None:
            return None
        return UNCHANGED if self.fingerprint(finding) in self.comparison.known else NEW

    @property
    def new_counts(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.judged:
            counts[finding.severity.label] += 1
        return counts

    def fingerprint(self, finding: Finding) -> str:
        return self._fingerprints[id(finding)]

    @property
    def _fingerprints(self) -> dict[int, str]:
        # Findings with the same code, file and subject are told apart by their order in the file.
        if self._fingerprint_cache is None:
            seen: Counter = Counter()
            cache = {}
            for finding in self.by_position():
                key = (finding.code, self.relative(finding.location.file), finding.subject)
                cache[id(finding)] = fingerprint(*key, seen[key])
                seen[key] += 1
            self._fingerprint_cache = cache
        return self._fingerprint_cache

    def part_ready(self, part: ProjectPart) -> bool:
        return not any(f.severity >= self.threshold for f in self._judged_of(part))

    def part_counts(self, part: ProjectPart) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in part.findings:
            counts[finding.severity.label] += 1
        return counts

    def _judged_of(self, part: ProjectPart) -> list[Finding]:
        if self.comparison is None:
            return part.findings
        return [f for f in part.findings if self.state(f) == NEW]

    @property
    def organization_findings(self) -> list[Finding]:
        """The findings no checked project owns: the onboarding file's own."""
        owned = {id(f) for part in self.projects for f in part.findings}
        return [f for f in self.by_position() if id(f) not in owned]

    @property
    def several(self) -> bool:
        """More than one project checked: reporters show a section per project."""
        return len(self.projects) > 1

    def projects_list(self) -> list[dict[str, Any]]:
        """Each checked project's name, root, verdict and counts (the `projects` output and report key)."""
        return [{"name": part.name, "root": self.relative(part.root) or ".", "ready": self.part_ready(part),
                 "counts": self.part_counts(part)} for part in self.projects]

    @property
    def exit_code(self) -> int:
        return 0 if self.ready or self.fail_on == "never" else 1

    @property
    def project_name(self) -> str:
        """The project as titles name it: its folder, or the repository's name when that is the root."""
        relative = self.relative(self.project_dir)
        if relative not in ("", "."):
            return relative
        return self.repository or self.project_dir.name or "."

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
