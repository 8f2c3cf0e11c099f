"""Rules about reading the project's files: meltano.yml and everything it includes."""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Severity
from onboard_action.load.include_glob import MAX_ENTRIES as MAX_INCLUDE_ENTRIES
from onboard_action.load.loader import MAX_FILE_BYTES, NEAR_MISS_FOLDERS
from onboard_action.load.project import LoadProblem
from onboard_action.model.context import Context
from onboard_action.rules import check, rule

GLOB_CHARS = set("*?[")

MELTANO_YML_MISSING = rule(
    "F001", "meltano-yml-missing", Severity.ERROR,
    "meltano.yml not found",
    """
    Meltano Cloud registers a project as a repository plus the folder that holds
    `meltano.yml`. Without that file there is no project to onboard. Point
    `project-dir` at the folder that holds it, or create the project with
    `meltano init`.
    """,
)
MELTANO_YML_EMPTY = rule(
    "F002", "file-empty", Severity.ERROR,
    "project file is empty",
    """
    Meltano refuses an empty `meltano.yml`, and an empty included file holds
    nothing. Add the project's configuration, or remove the file (and its
    `include_paths` pattern).
    """,
    bad="# meltano.yml\n",
    good="version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n",
)
NOT_A_MAPPING = rule(
    "F003", "file-not-a-mapping", Severity.ERROR,
    "project file is not a mapping",
    """
    A Meltano project file is a YAML mapping of top-level keys (`plugins`,
    `jobs`, `schedules`, ...). A list or a bare value at the top cannot be
    loaded. Put the content under the right top-level key.
    """,
    bad="- name: tap-github\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n",
)
YAML_SYNTAX = rule(
    "F004", "yaml-syntax-error", Severity.ERROR,
    "YAML syntax error",
    """
    Meltano cannot read a file that is not valid YAML, and nothing else in it
    can be checked. Fix the syntax at the line shown: usually indentation, a
    missing `:` or an unclosed quote or bracket.
    """,
    bad="plugins:\n  extractors:\n  - name: tap-github\n   variant: meltanolabs\n",
    good="plugins:\n  extractors:\n  - name: tap-github\n    variant: meltanolabs\n",
)
INCLUDE_NOT_FOUND = rule(
    "F005", "include-not-found", Severity.ERROR,
    "included file not found",
    """
    An `include_paths` entry names a file that does not exist. Meltano skips it
    silently, so whatever it should define is missing at run time. Fix the
    path (it is relative to the folder of `meltano.yml`) or remove the entry.
    """,
    bad="include_paths:\n  - ./extract/extractors.meltano.yml   # no such file\n",
    good="include_paths:\n  - ./extract/*.meltano.yml\n",
)
INCLUDE_DIRECTORY = rule(
    "F006", "include-is-directory", Severity.ERROR,
    "include pattern matches a directory",
    """
    Meltano stops with "Included path ... not found" when an `include_paths`
    pattern matches a folder. Make the pattern match files only, for example
    `./extract/*.meltano.yml` instead of `./extract/*`.
    """,
    bad="include_paths:\n  - ./extract\n",
    good="include_paths:\n  - ./extract/*.meltano.yml\n",
)
INCLUDE_OUTSIDE = rule(
    "F007", "include-outside-project", Severity.ERROR,
    "included file lies outside the project",
    """
    Meltano Cloud checks out the repository and runs the project from its
    folder; a file outside that folder (through `..`, an absolute path or a
    symbolic link) may not exist there and is never read by this check. Move
    the file into the project folder.
    """,
    bad="include_paths:\n  - ../shared/*.meltano.yml\n",
    good="include_paths:\n  - ./shared/*.meltano.yml\n",
)
INCLUDE_NO_MATCH = rule(
    "F008", "include-matches-nothing", Severity.WARNING,
    "include pattern matches no file",
    """
    Meltano silently ignores an `include_paths` pattern that matches nothing,
    which usually means a typo in a folder or file name. Fix the pattern or
    remove it.
    """,
    bad="include_paths:\n  - ./extarct/*.meltano.yml\n",
    good="include_paths:\n  - ./extract/*.meltano.yml\n",
)
FILE_UNREADABLE = rule(
    "F009", "file-unreadable", Severity.ERROR,
    "project file cannot be read",
    """
    The file could not be read as UTF-8 text of a reasonable size (it is binary,
    in another encoding such as UTF-16, larger than 16 MiB, or the checkout
    cannot open it). Meltano cannot read it either. Save it as UTF-8 YAML. A
    symbolic link that leads out of the workspace is not followed: the check
    never reads files outside the repository. Replace the link with the file.
    """,
)
YAML_TOO_COMPLEX = rule(
    "F010", "yaml-too-complex", Severity.ERROR,
    "YAML nests or expands too far",
    """
    The file nests deeper, or expands through aliases to more values, than any
    Meltano project needs (an "alias bomb" can turn a few lines into billions
    of values). It is refused without being expanded. Write the values out, or
    flatten the structure.
    """,
    bad="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n# ... and so on\n",
    good="a: [x, x, x]\n",
)

INCLUDE_WALK_TOO_LONG = rule(
    "F011", "include-walk-too-long", Severity.ERROR,
    "include patterns walk too many folders and files",
    f"""
    Resolving the `include_paths` patterns visits at most {MAX_INCLUDE_ENTRIES:,}
    folder entries for the whole project: every `**` walks all the folders below
    it, and a Meltano project's include files sit in a few folders. Past that,
    the pattern that went over is not resolved, and what it would include is
    not checked. Name the folders in the pattern instead of `**`
    (`./extract/*.meltano.yml`), or move the include files out of deep trees.
    """,
)

# Every rule `load_problem_finding` can choose.
LOAD_PROBLEM_RULES = (MELTANO_YML_MISSING, MELTANO_YML_EMPTY, NOT_A_MAPPING, YAML_SYNTAX, FILE_UNREADABLE,
                      YAML_TOO_COMPLEX, INCLUDE_DIRECTORY, INCLUDE_OUTSIDE, INCLUDE_WALK_TOO_LONG)


def load_problem_finding(problem: LoadProblem, context: Context) -> Finding | None:
    """The finding for a file that failed to load; also used for the onboarding file."""
    d = problem.detail
    where = problem.location
    relative = context.relative(where.file)
    kind = problem.kind
    if kind in ("missing", "not-a-file"):
        return _meltano_yml_missing(where, d, context, kind)
    if kind == "empty":
        return MELTANO_YML_EMPTY.finding(
            where, "this project file is empty",
            "add the project's configuration, or remove the file and its include pattern")
    if kind == "not-a-mapping":
        return NOT_A_MAPPING.finding(
            where, f"{relative} holds a {_type_name(d['type'])} at the top, not a mapping of keys",
            "put the content under top-level keys such as `plugins:`, `jobs:` or `schedules:`")
    if kind == "yaml-syntax":
        return YAML_SYNTAX.finding(where, f"YAML syntax error: {d['message']}",
                                   d.get("hint") or "fix the indentation, quoting or brackets at this line")
    if kind == "link-outside":
        return FILE_UNREADABLE.finding(
            where, f"{relative} is a symbolic link that leads out of the workspace (or in a loop); "
                   "it was not read",
            "replace the link with the file itself, or link to a file inside the repository")
    if kind in ("yaml-too-deep", "yaml-too-many-nodes"):
        return YAML_TOO_COMPLEX.finding(where, d["message"],
                                        "write the values out instead of nesting or aliasing them")
    if kind in ("unreadable", "not-utf8", "too-large"):
        reason = {
            "unreadable": lambda: f"cannot be read ({d.get('reason')})",
            "not-utf8": lambda: (f"is {d['encoding']} text (it starts with a {d['encoding']} byte-order "
                                 "mark), not UTF-8" if d.get("encoding")
                                 else f"is not UTF-8 text (invalid byte at offset {d['offset']})"),
            "too-large": lambda: (f"is {d['size']:,} bytes; a project file may hold at most "
                                  f"{MAX_FILE_BYTES:,} bytes (16 MiB)"),
        }[kind]()
        hint = ("split it into smaller files with `include_paths`, or remove it" if kind == "too-large"
                else "save the file as UTF-8 YAML")
        return FILE_UNREADABLE.finding(where, f"{relative} {reason}", hint)
    if kind == "include-directory":
        return INCLUDE_DIRECTORY.finding(
            where, f"include pattern {d['pattern']!r} matches the folder "
                   f"{context.relative(d['path'])}, which stops Meltano",
            "make the pattern match files only, e.g. `folder/*.meltano.yml`")
    if kind in ("include-outside-root", "include-absolute"):
        target = d.get("path")
        subject = f"matches {context.relative(target)}, which" if target else "points somewhere that"
        return INCLUDE_OUTSIDE.finding(
            where, f"include pattern {d['pattern']!r} {subject} lies outside the project folder",
            "move the file into the project folder and include it with a relative pattern")
    if kind in ("include-unreadable", "include-bad-pattern"):
        return FILE_UNREADABLE.finding(
            where, f"include pattern {d['pattern']!r} cannot be resolved ({d.get('reason', 'unreadable')})",
            "fix the pattern")
    if kind == "include-walk-too-long":
        return INCLUDE_WALK_TOO_LONG.finding(
            where, f"include pattern {d['pattern']!r} was not resolved: the include patterns visited "
                   f"more than {MAX_INCLUDE_ENTRIES:,} folder entries",
            "name the folders instead of using `**`, e.g. `./extract/*.meltano.yml`")
    raise AssertionError(f"unhandled load problem {kind}")


def _meltano_yml_missing(where, d: dict, context: Context, kind: str) -> Finding:
    """F001, saying what is there instead when that is likely what was meant."""
    folder = context.relative(d["root"]) or "."
    message = f"no meltano.yml in {folder}" + (
        " (the name is taken by something that is not a file)" if kind == "not-a-file" else "")
    below = d.get("folders_below") or []
    project_dir = context.settings.names.label("project-dir")
    if d.get("yaml_spelling"):
        message += ", but there is a meltano.yaml"
        hint = "rename meltano.yaml to meltano.yml: Meltano reads only that name"
    elif below:
        shown = [f"{folder}/{name}" if folder != "." else name for name in below]
        listed = ", ".join(shown[:NEAR_MISS_FOLDERS]) + (
            f" and {len(shown) - NEAR_MISS_FOLDERS} more" if len(shown) > NEAR_MISS_FOLDERS else "")
        message += (f", but {shown[0]}/meltano.yml exists one level down" if len(shown) == 1
                    else f", but {len(shown)} folders one level down hold one: {listed}")
        hint = f"point {project_dir} at {shown[0]}" + (
            ", or at another of those folders" if len(shown) > 1 else "")
    else:
        hint = f"point {project_dir} at the folder that holds meltano.yml, or create one with `meltano init`"
    return MELTANO_YML_MISSING.finding(where, message, hint)


@check(*LOAD_PROBLEM_RULES)
def load_problems(context: Context) -> Iterator[Finding]:
    for problem in context.project.load_problems:
        finding = load_problem_finding(problem, context)
        if finding:
            yield finding


@check(INCLUDE_NO_MATCH, INCLUDE_NOT_FOUND)
def includes_without_match(context: Context) -> Iterator[Finding]:
    for include in context.project.includes:
        if include.matches or include.refused:
            continue
        if GLOB_CHARS & set(include.pattern):
            yield INCLUDE_NO_MATCH.finding(
                include.location, f"include pattern {include.pattern!r} matches no file",
                "fix the folder or file name in the pattern, or remove it")
        else:
            yield INCLUDE_NOT_FOUND.finding(
                include.location, f"included file {include.pattern!r} does not exist",
                "fix the path, which is relative to the folder of meltano.yml, or remove the entry")


def _type_name(python_type: str) -> str:
    return {"YList": "list", "str": "string", "int": "number", "float": "number",
            "bool": "boolean"}.get(python_type, python_type)
