"""What the user asked for, from the CLI or the action's inputs, parsed and checked once."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TypeVar

from msgspec import Struct, field

from onboard_action.config import file as config_file
from onboard_action.config.file import ConfigFile
from onboard_action.errors import UsageError
from onboard_action.fileio import Owner
from onboard_action.findings import DEFAULT_TARGET, TARGETS, Severity
from onboard_action.report import Links

FAIL_ON = ("error", "warning", "notice", "never")
DEFAULT_ONBOARDING_FILE = "onboarding.yml"
# Fixes "now" (ISO 8601) for reproducible schedule previews and tests.
NOW_VARIABLE = "MELTANO_ONBOARD_NOW"


class OptionNames(Struct, frozen=True):
    """How one front end names its options in messages: the action's inputs, or the CLI's arguments.

    Keyed as `from_values` reads the options (the action's input names). A label
    starts a message about the value given (`fail-on must be one of ...`,
    `--fail-on must be one of ...`); a phrase names the option inside a sentence
    ("the `environment` input", "`--environment`"). Each front end builds its
    own (action/inputs.py from its table of inputs, cli/ from its parser).
    """

    labels: Mapping[str, str] = field(default_factory=dict)
    phrases: Mapping[str, str] = field(default_factory=dict)

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def phrase(self, key: str) -> str:
        return self.phrases.get(key, f"`{self.label(key)}`")

    def given(self, key: str, value: str) -> str:
        """The option given `value`, as advice writes it: "`--environment dev`" on a command line,
        "the `environment` input set to `dev`" for the action."""
        label = self.label(key)
        if label.startswith("-"):
            return f"`{label} {value}`"
        return f"{self.phrase(key)} set to `{value}`"


AUTO_PROJECTS = "auto"


class Settings(Struct, frozen=True):
    project_dir: Path
    workspace: Path
    onboarding_file: str | None = DEFAULT_ONBOARDING_FILE  # None or "": skip org checks
    environment: str | None = None
    fail_on: str = "error"
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    report_file: Path | None = None
    sarif_file: Path | None = None
    now: datetime | None = None
    # False for the default name: a missing default file is a notice, a missing named one an error.
    onboarding_file_explicit: bool = False
    packet_file: Path | None = None  # the action's `packet-file` input
    github: GitHubRun | None = None  # set when running in GitHub Actions
    names: OptionNames = field(default_factory=OptionNames)  # how messages name the options
    file_owner: Owner | None = None  # who gets the files written (the action's workspace owner)
    # Judge only what is new against an earlier JSON report, or against the project at a git revision.
    baseline_file: Path | None = None
    baseline_ref: str | None = None
    links: Links = field(default_factory=Links)  # where reports link rules and lines to
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    config_file: Path | None = None  # the configuration file these settings took values from
    # The project folders to check: one (project_dir) unless several were named. `project_auto`: none
    # was named, so every project the onboarding file lists is checked (project_dir when it lists none).
    project_dirs: tuple[Path, ...] = ()
    project_auto: bool = False
    target: str = DEFAULT_TARGET  # where the project is meant to run (the targets in findings.py)
    # Step 3 rehearsed: `meltano run --dry-run` of the onboarded schedules' jobs (rules/rehearsal.py).
    rehearse: bool = False
    # The action's run: every path lies in the workspace, and git's discovery stops there.
    confined: bool = False

    def ignored_in(self, file: Path) -> frozenset[str]:
        """The codes the per-file ignores drop in `file`."""
        return frozenset(code for p in self.per_file_ignores if p.matches(file) for code in p.codes)

    @property
    def threshold(self) -> Severity:
        """The severity that makes a project not ready (`never` still reports errors)."""
        return Severity.ERROR if self.fail_on == "never" else Severity.parse(self.fail_on)

    def onboarding_path(self) -> Path | None:
        """The onboarding file: relative names are looked up in the workspace, then the project."""
        if not self.onboarding_file:
            return None
        given = Path(self.onboarding_file)
        if given.is_absolute():
            return given
        for base in (self.workspace, self.project_dir):
            if (base / given).exists():
                return base / given
        return self.workspace / given

    def clock(self) -> datetime:
        return self.now or datetime.now(timezone.utc)


class PerFileIgnore(Struct, frozen=True):
    """`"extract/*.meltano.yml" = ["F008"]`: codes to drop in files matching a pattern.

    The pattern is matched (fnmatch: `*` also crosses `/`) against the path
    relative to the configuration file's folder; a pattern without `/` also
    matches a file's name in any folder, as ruff's per-file-ignores do.
    """

    base: Path  # resolved
    pattern: str
    codes: frozenset[str]

    def matches(self, file: Path) -> bool:
        try:
            relative = file.resolve().relative_to(self.base).as_posix()
        except (ValueError, OSError, RuntimeError):
            return False
        return fnmatchcase(relative, self.pattern) or ("/" not in self.pattern
                                                      and fnmatchcase(file.name, self.pattern))


class Configured(Struct, frozen=True):
    """What the configuration file sets, checked; the command line and the action's inputs override it."""

    file: Path | None = None
    fail_on: str | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    target: str | None = None


_T = TypeVar("_T")


def _checked(config: ConfigFile, parse: Callable[[], _T], *keys: str) -> _T:
    """`parse()`, a usage error in it said as the configuration file's, at the line of `keys`."""
    try:
        return parse()
    except UsageError as exc:
        raise config.error(str(exc), *keys) from None


def configured_target(config: ConfigFile | None) -> str | None:
    """The configuration file's `target`, checked; None when it sets none."""
    if config is None or "target" not in config.values:
        return None
    return _checked(config, lambda: parse_target(config.values["target"]), "target")


def configured(config: ConfigFile | None, known_codes: set[str]) -> Configured:
    """The configuration file's values checked as inputs are; a wrong one names the file and line."""
    if config is None:
        return Configured()

    def checked(parse: Callable[[], _T], *keys: str) -> _T:
        return _checked(config, parse, *keys)

    values = config.values
    fail_on = checked(lambda: parse_fail_on(values["fail-on"]), "fail-on") if "fail-on" in values else None
    target = configured_target(config)
    ignore = checked(lambda: parse_codes(" ".join(values.get("ignore", [])), known_codes), "ignore")
    severity: dict[str, Severity] = {}
    for code, level in values.get("severity", {}).items():
        if not isinstance(level, str):
            raise config.error(f"severity of {code!r} must be a string: \"error\", \"warning\" or \"notice\"",
                               "severity", code)
        severity.update(checked(lambda c=code, lv=level: parse_severities(f"{c}={lv}", known_codes),
                                "severity", code))
    ignores = []
    for pattern, codes in values.get("per-file-ignores", {}).items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise config.error(f'per-file-ignores: {pattern!r} must be a list of rule codes, e.g. ["F008"]',
                               "per-file-ignores", pattern)
        ignores.append(PerFileIgnore(config.folder.resolve(), pattern, checked(
            lambda c=codes: parse_codes(" ".join(c), known_codes, "per-file-ignores"),
            "per-file-ignores", pattern)))
    return Configured(config.path, fail_on, ignore, severity, tuple(ignores), target)


def is_explicit_onboarding_file(text: str | None) -> bool:
    return bool(text) and text != DEFAULT_ONBOARDING_FILE


class GitHubRun(Struct, frozen=True):
    """What a GitHub Actions run says about the repository it checked out."""

    repository_url: str  # GITHUB_SERVER_URL/GITHUB_REPOSITORY
    branches: frozenset[str] = frozenset()  # known to exist: the pushed branch, a pull request's base
    visibility: str | None = None  # "public" or "private", from the event's `repository`; None: unknown

    @property
    def repository_name(self) -> str:
        """`data-platform` of `abc/data-platform`."""
        return self.repository_url.rstrip("/").rsplit("/", 1)[-1]

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> GitHubRun | None:
        repository = environ.get("GITHUB_REPOSITORY", "").strip()
        if environ.get("GITHUB_ACTIONS") != "true" or not repository:
            return None
        server = (environ.get("GITHUB_SERVER_URL") or "https://github.com").strip().rstrip("/")
        ref = environ.get("GITHUB_REF", "")
        branches = {environ.get("GITHUB_BASE_REF", "").strip()}
        if ref.startswith("refs/heads/"):
            branches.add(ref[len("refs/heads/"):])
        return cls(f"{server}/{repository}", frozenset(b for b in branches if b),
                   _visibility(environ.get("GITHUB_EVENT_PATH")))


def _visibility(event_path: str | None) -> str | None:
    """`public` or `private` as the run's event payload says of its repository; None when it cannot tell."""
    if not event_path:
        return None
    try:
        with open(event_path, encoding="utf-8") as handle:
            event = json.load(handle)
    except (OSError, ValueError):
        return None
    repository = event.get("repository") if isinstance(event, dict) else None
    private = repository.get("private") if isinstance(repository, dict) else None
    return {True: "private", False: "public"}.get(private) if isinstance(private, bool) else None


def parse_fail_on(text: str, label: str = "fail-on") -> str:
    value = (text or "error").strip().lower()
    if value not in FAIL_ON:
        raise UsageError(f"{label} must be one of {', '.join(FAIL_ON)}; got {text!r}")
    return value


def parse_target(text: str, label: str = "target") -> str:
    value = (text or DEFAULT_TARGET).strip().lower()
    if value not in TARGETS:
        raise UsageError(f"{label} must be one of {', '.join(TARGETS)}; got {text!r}")
    return value


def parse_switch(text: str, label: str) -> bool:
    """`true` or `false` (any case; empty is false), as the action's boolean inputs are written."""
    value = (text or "false").strip().lower()
    if value not in ("true", "false"):
        raise UsageError(f"{label} must be true or false; got {text!r}")
    return value == "true"


def parse_codes(text: str, known: set[str], what: str = "ignore") -> frozenset[str]:
    """Comma- or whitespace-separated rule codes; unknown codes are usage errors."""
    codes = [c.strip().upper() for c in text.replace(",", " ").split()]
    unknown = sorted(c for c in codes if c not in known)
    if unknown:
        raise UsageError(f"{what}: unknown rule code(s) {', '.join(unknown)}; "
                         "`meltano-onboard rules` lists them")
    return frozenset(codes)


def parse_severities(text: str, known: set[str], label: str = "severity") -> dict[str, Severity]:
    """`CODE=warning,CODE2=notice` into a mapping."""
    result: dict[str, Severity] = {}
    for part in filter(None, (p.strip() for p in text.replace("\n", ",").split(","))):
        code, sep, level = part.partition("=")
        code = code.strip().upper()
        if not sep:
            raise UsageError(f"{label}: expected CODE=error|warning|notice, got {part!r}")
        if code not in known:
            raise UsageError(f"{label}: unknown rule code {code}; `meltano-onboard rules` lists them")
        try:
            result[code] = Severity.parse(level)
        except ValueError as exc:
            raise UsageError(f"{label}: {exc}") from None
    return result


def parse_now(text: str | None, label: str = NOW_VARIABLE) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{label} must be an ISO 8601 time such as "
                         f"2026-01-31T12:00:00Z; got {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def project_directory(text: str, workspace: Path, *, confine: bool, label: str = "project-dir") -> Path:
    """The project folder, checked to exist (and, in the action, to lie in the workspace)."""
    path = _resolved(workspace / (text or "."), label, text)
    if confine and not path.is_relative_to(workspace.resolve()):
        raise UsageError(f"{label} {text!r} lies outside the workspace {workspace}")
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a folder"
        raise UsageError(f"project folder {text or '.'!r} {what}: point {label} at the "
                         "folder that holds meltano.yml")
    if not os.access(path, os.R_OK | os.X_OK):
        raise UsageError(f"project folder {text!r} cannot be read")
    return path


def output_path(text: str, workspace: Path, *, confine: bool, what: str,
                follow_links: bool = False) -> Path | None:
    """A path input; a link there is refused unless `follow_links` (for a file that is only read)."""
    if not text:
        return None
    if not follow_links and (workspace / text).is_symlink():
        # Resolving would write wherever a link from the repository points.
        raise UsageError(f"{what} {text!r} is a symbolic link; refusing to follow it: "
                         "remove the link or choose another path")
    path = _resolved(workspace / text, what, text)
    if confine and not path.is_relative_to(workspace.resolve()):
        raise UsageError(f"{what} {text!r} lies outside the workspace {workspace}")
    if confine and not follow_links:
        # A folder link from the repository would choose where the file goes and what the
        # step's output says, which a later `run:` step may paste into a shell.
        linked = _linked_folder(workspace, text)
        if linked is not None:
            raise UsageError(f"{what} {text!r} passes through the symbolic link {linked!r}; refusing to "
                             "write through it: choose a path without links")
        # The path as given, normalised: with no link on the way it is where the file goes.
        return Path(os.path.normpath(workspace / text))
    return path


def _linked_folder(workspace: Path, text: str) -> str | None:
    """The first folder of `text` (below the workspace) that is a symbolic link, or None.

    Checked as written, before `..` is folded: `link/../x` goes wherever `link` leads.
    """
    given = Path(text)
    if given.is_absolute():
        try:
            given = given.relative_to(workspace)
        except ValueError:
            return None  # confined already: an absolute path elsewhere resolved into the workspace
    parts = given.parts[:-1]
    for count in range(1, len(parts) + 1):
        prefix = Path(*parts[:count])
        if os.path.islink(workspace / prefix):
            return prefix.as_posix()
    return None


def _resolved(path: Path, what: str, text: str) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
        raise UsageError(f"{what} {text!r} cannot be resolved: it passes through a loop of "
                         "symbolic links") from None


def confined_name(text: str, workspace: Path, what: str) -> None:
    """A path input the action looks up itself (`onboarding-file`): no way out of the workspace."""
    normal = os.path.normpath(text)
    if os.path.isabs(normal) or normal == ".." or normal.startswith(".." + os.sep):
        raise UsageError(f"{what} {text!r} lies outside the workspace {workspace}")


def from_values(values: Mapping[str, str | None], workspace: Path, environ: Mapping[str, str],
                known_codes: set[str], *, confine: bool, names: OptionNames | None = None,
                file_owner: Owner | None = None, more_dirs: tuple[str, ...] = ()) -> Settings:
    """Settings from option values named as the action's inputs (`project-dir`, `fail-on`, ...).

    The CLI and the action both come through here, so an option means the
    same thing, and is checked the same way, wherever it is given; `names`
    says how the front end that asked calls its options, in every message. The
    configuration file that applies to the project folder comes in here too:
    a given `fail-on` replaces its value, `severity` re-grades over its
    table code by code, and `ignore` adds to its list.
    """
    names = names or OptionNames()
    label = names.label

    def value(name: str, default: str = "") -> str:
        given = values.get(name)
        return default if given is None else given

    def path(name: str) -> Path | None:
        return output_path(value(name), workspace, confine=confine, what=label(name))

    onboarding = value("onboarding-file", DEFAULT_ONBOARDING_FILE)
    # `auto` (or empty): the onboarding file's projects when it lists any, else the workspace.
    folder = value("project-dir", ".").strip()
    auto = folder in ("", AUTO_PROJECTS) and not more_dirs
    folder = "." if auto else folder
    dirs = tuple(project_directory(text, workspace, confine=confine, label=label("project-dir"))
                 for text in (folder, *more_dirs)) if more_dirs else ()
    if confine and onboarding:
        confined_name(onboarding, workspace, label("onboarding-file"))
    # The option wins over the environment variable, and a bad value blames whichever was used.
    now = (value("now"), label("now")) if value("now") else (environ.get(NOW_VARIABLE), NOW_VARIABLE)
    project_dir = dirs[0] if dirs else project_directory(folder, workspace, confine=confine,
                                                         label=label("project-dir"))
    # Several projects share one configuration: the file that applies to the first of them.
    config = configured(config_file.find(project_dir, workspace, confine=confine), known_codes)
    return Settings(
        project_dir=project_dir,
        project_dirs=tuple(dict.fromkeys(dirs)),
        project_auto=auto,
        workspace=workspace,
        onboarding_file=onboarding or None,
        onboarding_file_explicit=is_explicit_onboarding_file(onboarding),
        github=GitHubRun.from_environ(environ),
        links=Links.from_environ(environ),
        packet_file=path("packet-file"),
        environment=value("environment") or None,
        fail_on=parse_fail_on(value("fail-on") or config.fail_on or "error", label("fail-on")),
        target=parse_target(value("target") or config.target or DEFAULT_TARGET, label("target")),
        ignore=parse_codes(value("ignore"), known_codes, label("ignore")) | config.ignore,
        severity={**config.severity, **parse_severities(value("severity"), known_codes, label("severity"))},
        per_file_ignores=config.per_file_ignores,
        config_file=config.file,
        report_file=path("report-file"),
        sarif_file=path("sarif-file"),
        now=parse_now(*now),
        names=names,
        file_owner=file_owner,
        baseline_file=output_path(value("baseline"), workspace, confine=confine, what="baseline",
                                  follow_links=True),
        baseline_ref=value("baseline-ref").strip() or None,
        rehearse=parse_switch(value("rehearse"), label("rehearse")),
        confined=confine,
    )
