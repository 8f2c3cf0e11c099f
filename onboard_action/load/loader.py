"""Read meltano.yml and the files it includes, the way Meltano does, keeping positions."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from msgspec import Struct

from onboard_action.fileio import read_regular
from onboard_action.findings import Location
from onboard_action.load import include_glob
from onboard_action.load.project import IncludePattern, LoadProblem, Project, SourceFile, to_location
from onboard_action.load.yamlfile import MAX_NODES, YList, YMap, parse

MELTANO_FILE = "meltano.yml"
# A YAML file this large is not a Meltano project; reading it would only
# cost memory. 5,000 plugins with jobs and schedules take about 2 MB.
# Below 2**24 bytes no line or column reaches 2**24, inside what a kept span
# holds (yamlfile._BITS): a larger one-line file would get wrong positions.
MAX_FILE_BYTES = (1 << 24) - 1
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                     (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


class NodeBudget(Struct):
    """Values the files of one project may still hold together (aliases expanded).

    One budget for meltano.yml and all its includes: a thousand included
    files just under the per-file limit would otherwise cost gigabytes.
    """

    left: int = MAX_NODES


def leaves_through_link(path: Path, *folders: Path) -> bool:
    """Does `path` pass through a symbolic link to somewhere outside all of `folders`?

    A path without links is the user's own choice (a CLI argument, say);
    a link in the checkout is the repository's, and may point anywhere
    (`/proc/self/environ`, `/dev/zero`, the runner's home).
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links leads nowhere (RuntimeError before Python 3.13)
        return True
    if resolved == Path(os.path.abspath(path)):
        return False
    return not any(resolved.is_relative_to(folder.resolve()) for folder in folders)


def load_project(root: Path, workspace: Path | None = None) -> Project:
    """Load the project at `root`. Problems are recorded, never raised.

    meltano.yml may be a link into the project or the `workspace`, not beyond.
    """
    root = root.resolve()
    project = Project(root)
    meltano_path = root / MELTANO_FILE
    if leaves_through_link(meltano_path, root, *([workspace] if workspace else [])):
        project.load_problems.append(LoadProblem("link-outside", Location(meltano_path)))
        return project
    if not meltano_path.is_file():
        kind = "missing" if not meltano_path.exists() else "not-a-file"
        project.load_problems.append(LoadProblem(kind, Location(meltano_path),
                                                 {"root": root, **_near_misses(root)}))
        return project
    budget = NodeBudget()
    project.meltano_file = read_yaml_file(meltano_path, project.load_problems, budget=budget)
    data = project.meltano_file.data
    if not isinstance(data, YMap):
        return project
    patterns = data.get("include_paths")
    if isinstance(patterns, YList):
        _load_includes(project, patterns, budget)
    return project


NEAR_MISS_FOLDERS = 5  # projects one level down named in the message


def _near_misses(root: Path) -> dict:
    """What the user may have meant: `meltano.yaml` here, or the folders below holding a meltano.yml."""
    found: dict = {"yaml_spelling": (root / "meltano.yaml").is_file()}
    below = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                # Not through links (the repository's, pointing anywhere), not into hidden folders.
                if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                    continue
                candidate = Path(entry.path) / MELTANO_FILE
                if candidate.is_file() and not candidate.is_symlink():
                    below.append(entry.name)
    except OSError:
        pass
    found["folders_below"] = sorted(below)
    return found


def read_yaml_file(path: Path, problems: list[LoadProblem], *, within: tuple[Path, ...] = (),
                   budget: NodeBudget | None = None) -> SourceFile:
    """Read one YAML file; why it is unreadable or not a mapping is appended to `problems`.

    With `within`, a symbolic link that leads outside those folders is refused unread.
    """
    source = SourceFile(path, None)
    if within and leaves_through_link(path, *within):
        problems.append(LoadProblem("link-outside", Location(path)))
        return source
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a device or a pipe could be read forever
            problems.append(LoadProblem("unreadable", Location(path), {"reason": "not a regular file"}))
            return source
        if status.st_size > MAX_FILE_BYTES:
            problems.append(LoadProblem("too-large", Location(path), {"size": status.st_size}))
            return source
        raw = read_regular(path, MAX_FILE_BYTES)  # never more than the limit, whatever stat said
        if len(raw) > MAX_FILE_BYTES:
            problems.append(LoadProblem("too-large", Location(path), {"size": len(raw)}))
            return source
    except OSError as exc:
        problems.append(LoadProblem("unreadable", Location(path), {"reason": exc.strerror or str(exc)}))
        return source
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            problems.append(LoadProblem("not-utf8", Location(path, 1), {"offset": 0, "encoding": encoding}))
            return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        problems.append(LoadProblem("not-utf8", Location(path, line, column), {"offset": exc.start}))
        return source
    source.text = text
    if not text.strip():
        problems.append(LoadProblem("empty", Location(path)))
        return source
    allowed = budget.left if budget else MAX_NODES
    document = parse(text, allowed)
    if budget:
        budget.left -= document.nodes
    source.problems = document.problems
    source.data = document.data
    source.retyped = document.retyped
    fatal = [p for p in document.problems if p.kind in ("syntax", "too-deep", "too-many-nodes")]
    for problem in fatal:
        message = problem.message
        if problem.kind == "too-many-nodes" and allowed < MAX_NODES:
            message += (f" ({allowed:,} of the {MAX_NODES:,} values allowed for all the project's "
                        "files together were left)")
        problems.append(LoadProblem("yaml-" + problem.kind, to_location(path, problem.span),
                                    {"message": message, **problem.detail}))
    if document.data is None and not fatal:
        problems.append(LoadProblem("empty", Location(path)))
    elif document.data is not None and not isinstance(document.data, YMap):
        problems.append(LoadProblem(
            "not-a-mapping", source.location(), {"type": type(document.data).__name__}))
    return source


def _load_includes(project: Project, patterns: YList, budget: NodeBudget) -> None:
    """Load what `include_paths` matches, and what the patterns of included files match, as Meltano does.

    Meltano reads `include_paths` from meltano.yml only, but its merge extends
    that very list with the `include_paths` of each included file (a shallow
    copy shares the list), and it loads the project again on every command:
    patterns written in an included file are followed after meltano.yml's,
    relative to the project folder, and so on (measured with Meltano 4.4.1).
    """
    root = project.root
    meltano_path = root / MELTANO_FILE
    seen: set[Path] = {meltano_path}
    walk = include_glob.WalkBudget()
    queue: list[tuple[SourceFile, YList]] = [(project.meltano_file, patterns)]
    while queue:
        source, written = queue.pop(0)
        for index, pattern in enumerate(written):
            included = _include(project, source.location(("include_paths", index)), pattern, seen, budget,
                                walk)
            for file in included:
                nested = file.data.get("include_paths") if isinstance(file.data, YMap) else None
                if isinstance(nested, YList):
                    queue.append((file, nested))


def _include(project: Project, where: Location, pattern, seen: set[Path],
             budget: NodeBudget, walk: include_glob.WalkBudget) -> list[SourceFile]:
    """The files one pattern adds to the project (none already loaded), read."""
    if not isinstance(pattern, str) or not pattern.strip():
        return []  # the schema reports the wrong type
    root = project.root
    include = IncludePattern(pattern, where)
    project.includes.append(include)
    if os.path.normpath(pattern).split(os.sep)[0] == "..":
        project.load_problems.append(LoadProblem("include-outside-root", where, {"pattern": pattern}))
        include.refused = True
        return []
    added = []
    for found in _glob(root, pattern, where, project, walk):
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
        added.append(read_yaml_file(match, project.load_problems, budget=budget))
        project.included.append(added[-1])
    return added


def _glob(root: Path, pattern: str, where: Location, project: Project,
          walk: include_glob.WalkBudget) -> list[Path]:
    if os.path.isabs(pattern):
        project.load_problems.append(LoadProblem("include-absolute", where, {"pattern": pattern}))
        project.includes[-1].refused = True
        return []
    try:
        # Meltano's Path.glob, sorted so results are reproducible, in one bounded walk.
        return include_glob.glob(root, pattern, walk)
    except include_glob.BadPattern as exc:
        project.load_problems.append(LoadProblem("include-bad-pattern", where,
                                                 {"pattern": pattern, "reason": str(exc)}))
    except include_glob.TooLong as exc:
        project.load_problems.append(LoadProblem("include-walk-too-long", where,
                                                 {"pattern": pattern, "visited": exc.visited}))
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
