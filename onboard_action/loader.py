"""Read meltano.yml and the files it includes, the way Meltano does, keeping positions."""

from __future__ import annotations

import os
from pathlib import Path

from onboard_action.findings import Location
from onboard_action.model import IncludePattern, LoadProblem, Project, SourceFile, to_location
from onboard_action.yamlfile import YList, YMap, parse

MELTANO_FILE = "meltano.yml"
# A YAML file this large is not a Meltano project; reading it would only
# cost memory. 5,000 plugins with jobs and schedules take about 2 MB.
# Below 2**24 bytes no line or column reaches 2**24, the most a packed span
# holds (yamlfile._BITS): a larger one-line file would get wrong positions.
MAX_FILE_BYTES = (1 << 24) - 1


def load_project(root: Path) -> Project:
    """Load the project at `root`. Problems are recorded, never raised."""
    root = root.resolve()
    project = Project(root)
    meltano_path = root / MELTANO_FILE
    if not meltano_path.is_file():
        kind = "missing" if not meltano_path.exists() else "not-a-file"
        project.load_problems.append(LoadProblem(kind, Location(meltano_path), {"root": root}))
        return project
    project.meltano_file = read_yaml_file(meltano_path, project.load_problems)
    data = project.meltano_file.data
    if not isinstance(data, YMap):
        return project
    patterns = data.get("include_paths")
    if isinstance(patterns, YList):
        _load_includes(project, patterns)
    return project


def read_yaml_file(path: Path, problems: list[LoadProblem]) -> SourceFile:
    """Read one YAML file; why it is unreadable or not a mapping is appended to `problems`."""
    source = SourceFile(path, None)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(LoadProblem("too-large", Location(path), {"size": size}))
            return source
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(LoadProblem("unreadable", Location(path), {"reason": exc.strerror or str(exc)}))
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(LoadProblem("not-utf8", Location(path, line), {"offset": exc.start}))
        return source
    source.text = text
    if not text.strip():
        problems.append(LoadProblem("empty", Location(path)))
        return source
    document = parse(text)
    source.problems = document.problems
    source.data = document.data
    fatal = [p for p in document.problems if p.kind in ("syntax", "too-deep", "too-many-nodes")]
    for problem in fatal:
        problems.append(LoadProblem(
            "yaml-" + problem.kind, to_location(path, problem.span), {"message": problem.message}))
    if document.data is None and not fatal:
        problems.append(LoadProblem("empty", Location(path)))
    elif document.data is not None and not isinstance(document.data, YMap):
        problems.append(LoadProblem(
            "not-a-mapping", source.location(), {"type": type(document.data).__name__}))
    return source


def _load_includes(project: Project, patterns: YList) -> None:
    root = project.root
    meltano_path = root / MELTANO_FILE
    seen: set[Path] = {meltano_path}
    for index, pattern in enumerate(patterns):
        where = project.meltano_file.location(("include_paths", index))
        if not isinstance(pattern, str) or not pattern.strip():
            continue  # the schema reports the wrong type
        include = IncludePattern(pattern, where)
        project.includes.append(include)
        if os.path.normpath(pattern).split(os.sep)[0] == "..":
            project.load_problems.append(LoadProblem("include-outside-root", where, {"pattern": pattern}))
            include.refused = True
            continue
        for found in _glob(root, pattern, where, project):
            # `sub/../meltano.yml` is meltano.yml, unless `sub` is a link that leads elsewhere.
            folded = os.path.normpath(found)
            match = Path(folded) if os.path.realpath(folded) == os.path.realpath(found) else found
            include.matches.append(match)
            if match in seen:
                continue  # Meltano loads a file once, however many patterns match it
            seen.add(match)
            problem = _include_problem(root, match)
            if problem:
                project.load_problems.append(LoadProblem(problem, where, {"path": match, "pattern": pattern}))
                continue
            project.included.append(read_yaml_file(match, project.load_problems))


def _glob(root: Path, pattern: str, where: Location, project: Project) -> list[Path]:
    if os.path.isabs(pattern):
        project.load_problems.append(LoadProblem("include-absolute", where, {"pattern": pattern}))
        project.includes[-1].refused = True
        return []
    try:
        # Meltano uses Path.glob in file-system order; sort so results are reproducible.
        return sorted(root.glob(pattern))
    except (ValueError, OSError, NotImplementedError) as exc:
        project.load_problems.append(LoadProblem("include-bad-pattern", where,
                                                 {"pattern": pattern, "reason": str(exc)}))
        project.includes[-1].refused = True
        return []


def _include_problem(root: Path, match: Path) -> str | None:
    try:
        resolved = match.resolve()
    except (OSError, RuntimeError):
        return "include-unreadable"
    if not resolved.is_relative_to(root):
        return "include-outside-root"
    if resolved.is_dir():
        return "include-directory"
    if not resolved.is_file():
        return "include-unreadable"
    return None
