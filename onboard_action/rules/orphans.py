"""Project files that Meltano never loads: committed, but matched by no `include_paths` pattern.

Meltano reads `meltano.yml` and the files its `include_paths` patterns match,
nothing else. A `*.meltano.yml` file (or any YAML file that holds the
top-level keys of one) left outside every pattern is dead: its plugins, jobs
and schedules silently do not exist, usually because a pattern was renamed
or a file moved.

Only files that git tracks count, because only they reach Meltano Cloud's
checkout (and listing them costs one cached `git ls-files`, however large the
repository). Outside a git repository the rule says nothing, like the other
git rules. A file matched by two patterns is loaded once (see the loader) and
is neither an orphan nor a duplicate. `*.meltano.yml` files are orphans by
their name alone; other YAML files are read (at most MAX_CANDIDATES of them,
and only those that mention a top-level key of a project file) to see
whether their top level is a Meltano project file's.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from onboard_action.fileio import read_regular
from onboard_action.findings import Finding, Location, Severity
from onboard_action.load.loader import MAX_FILE_BYTES, MELTANO_FILE
from onboard_action.load.project import PLUGIN_TYPES, Project
from onboard_action.load.yamlfile import YMap, parse
from onboard_action.model.context import Context
from onboard_action.rules import check, rule
from onboard_action.schema.explain import load_schema

ORPHAN_PROJECT_FILE = rule(
    "R001", "orphan-project-file", Severity.WARNING,
    "committed project file that Meltano never loads",
    """
    Meltano loads `meltano.yml` and the files that its `include_paths`
    patterns match, and nothing else. A committed `*.meltano.yml` file, or a
    YAML file whose top-level keys (`plugins`, `schedules`, `jobs`,
    `environments`) make it a Meltano project file, that no pattern matches
    is silently ignored: its plugins, jobs and schedules do not exist on
    Meltano Cloud. Add a pattern to `include_paths` that matches it, or delete
    it. Only files tracked by git are considered (checked only inside a git
    repository); a folder with its own `meltano.yml` or `dbt_project.yml` is
    another project and is skipped, as are `.meltano/`, `plugins/`,
    `transform/` and CI folders.
    """,
    bad="# load/loaders.meltano.yml is committed too\ninclude_paths:\n  - ./extract/*.meltano.yml\n",
    good="include_paths:\n  - ./extract/*.meltano.yml\n  - ./load/*.meltano.yml\n",
)

YAML_SUFFIXES = (".yml", ".yaml")
PROJECT_FILE_SUFFIXES = (".meltano.yml", ".meltano.yaml")
# Folders whose YAML is never a Meltano project file: Meltano's own state,
# lock files, dbt projects and CI configuration (GitHub, Azure and CircleCI
# files have top-level `jobs:` of their own).
SKIPPED_ANYWHERE = frozenset({".meltano", ".github", ".gitlab", ".circleci", ".azure-pipelines",
                              "node_modules", ".venv", "venv", ".git"})
SKIPPED_AT_TOP = frozenset({"plugins", "transform"})
# A folder holding one of these is another project (Meltano or dbt), not part of this one.
# Both are YAML files (`_candidates` relies on it).
OTHER_PROJECT_MARKERS = frozenset({MELTANO_FILE, "dbt_project.yml"})
NAMED_KEYS = ("plugins", "schedules", "jobs", "environments")
# Cheap test before parsing: a Meltano project file names one of these keys somewhere.
MENTIONS_A_NAMED_KEY = re.compile(r"\b(?:plugins|schedules|jobs|environments)['\"]?\s*:")
# A repository may hold thousands of YAML files; past this many candidates
# the rule stops reading (the first ones, in path order, are still checked).
MAX_CANDIDATES = 2000


@check(ORPHAN_PROJECT_FILE)
def orphan_project_files(context: Context) -> Iterator[Finding]:
    project = context.project
    if not project.loaded:
        return  # without a readable meltano.yml nobody knows what it includes
    tracked = context.git.tracked_names
    if tracked is None:
        return  # not in a git repository: nothing to say
    loaded = _Loaded(project)
    related = _include_paths_location(project)
    for path in _candidates(project.root, tracked, loaded):
        yield ORPHAN_PROJECT_FILE.finding(
            Location(path), "Meltano never loads this file: no `include_paths` pattern matches it",
            f"add a pattern such as `{_pattern_for(project.root, path)}` to include_paths in "
            f"{MELTANO_FILE}, or delete the file",
            related=related)


class _Loaded:
    """Every file Meltano reads or that a pattern matches (even one that failed to load).

    A tracked file is one of them when their real paths are the same. Most are
    by the very same path, and are found without `realpath`, which costs a stat
    for each folder on the way.
    """

    def __init__(self, project: Project) -> None:
        self.paths = [project.root / MELTANO_FILE]
        self.paths.extend(source.path for source in project.files)
        self.paths.extend(match for include in project.includes for match in include.matches)
        self.written = {os.fspath(path) for path in self.paths}
        self._real: set[str] | None = None

    def __contains__(self, path: str) -> bool:
        if path in self.written:
            return True
        if self._real is None:
            self._real = {os.path.realpath(p) for p in self.paths}
        return os.path.realpath(path) in self._real


def _include_paths_location(project: Project) -> tuple[Location, ...]:
    if "include_paths" not in project.meltano_file.data:
        return ()
    return (project.meltano_file.location(("include_paths",), key=True),)


def _candidates(root: Path, tracked: frozenset[str], loaded: _Loaded) -> Iterator[Path]:
    """Tracked YAML files under `root` that Meltano would read as project files, in path order.

    `tracked` holds absolute paths as text: a repository may hold many thousands of
    files, and only the few YAML files among them are worth a Path.
    """
    prefix = str(root) + os.sep
    under_root: dict[str, str] = {}
    other_projects: set[str] = set()
    for text in tracked:
        # The markers of other projects are YAML files too.
        if not text.endswith(YAML_SUFFIXES) or not text.startswith(prefix):
            continue
        relative = text[len(prefix):]
        if os.sep in relative and os.path.basename(relative) in OTHER_PROJECT_MARKERS:
            other_projects.add(relative.rsplit(os.sep, 1)[0] + os.sep)
        under_root[relative] = text
    read = 0
    for relative in sorted(under_root):
        if _skipped(relative, other_projects) or under_root[relative] in loaded:
            continue
        path = Path(under_root[relative])
        if path.name.endswith(PROJECT_FILE_SUFFIXES):
            yield path  # named for Meltano: an orphan whatever it holds
            continue
        if read >= MAX_CANDIDATES:
            continue
        read += 1
        if _is_project_file(path):
            yield path


def _skipped(relative: str, other_projects: set[str]) -> bool:
    parts = relative.split(os.sep)
    if len(parts) > 1 and parts[0] in SKIPPED_AT_TOP:
        return True
    if any(part in SKIPPED_ANYWHERE for part in parts[:-1]):
        return True
    return any(relative.startswith(folder) for folder in other_projects) if other_projects else False


def _is_project_file(path: Path) -> bool:
    """Whether the file's top level makes it a Meltano project file (read cheaply, never raises)."""
    try:
        status = path.lstat()
        # A link may lead anywhere, and a FIFO put where a tracked file was would block the read.
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return False
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not MENTIONS_A_NAMED_KEY.search(text):
        return False
    data = parse(text).data
    if not isinstance(data, YMap) or not set(data) <= _meltano_top_level_keys():
        return False
    return any(_shaped_like_meltano(key, data[key]) for key in NAMED_KEYS if key in data)


def _shaped_like_meltano(key: str, value) -> bool:
    if key == "plugins":
        return isinstance(value, dict) and any(kind in value for kind in PLUGIN_TYPES)
    # jobs, schedules and environments are lists of named entries.
    return isinstance(value, list) and any(isinstance(entry, dict) and "name" in entry for entry in value)


@cache
def _meltano_top_level_keys() -> frozenset[str]:
    return frozenset(load_schema("meltano.schema.json")["properties"])


def _pattern_for(root: Path, path: Path) -> str:
    folder = path.parent.relative_to(root).as_posix()
    prefix = "./" if folder == "." else f"./{folder}/"
    name = path.name
    for suffix in PROJECT_FILE_SUFFIXES:
        if name.endswith(suffix):
            return f"{prefix}*{suffix}"
    return prefix + name
