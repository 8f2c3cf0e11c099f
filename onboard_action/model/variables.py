"""Environment variables a Meltano project references, by Meltano's own matching rules.

Meltano expands `$VAR` and `${VAR}` in setting values, `env:` blocks,
`pip_url`, command arguments and project settings (`expand_env_vars` in
meltano.core.utils):

* `$VAR` matches only `[A-Z][A-Z0-9_]*`, greedily: `$lower` stays text, and
  `$Host` is `$H` followed by the text `ost`;
* `${VAR}` matches any run of word characters (`\\w+`); `${VAR:-default}`
  is not shell syntax to Meltano and stays text.

Meltano injects `MELTANO_*` variables of its own (the project root, the
environment, each plugin's name and settings); those never need a secret.
The encryption (issue 6) imports `needed_variables` to know which secrets a
project needs; keep this interface stable.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import Any

from msgspec import Struct

from onboard_action.findings import Location
from onboard_action.load.positions import piece_location
from onboard_action.load.project import Project, SourceFile
from onboard_action.load.yamlfile import CONTAINERS, YList, YMap
from onboard_action.records import compared_on, repr_without

# Meltano's pattern, verbatim in meaning: `${name}` or `$NAME`.
REFERENCE = re.compile(r"\$(?:\{(\w+)\}|([A-Z][A-Z0-9_]*))")
# What a person probably meant as a reference: `$` then a name, or `${` then anything up to `}`.
INTENDED = re.compile(r"\$(?:\{([^}\s]*)\}?|(\w+))")
_WORD = re.compile(r"\w+")

# Names Meltano sets itself, whatever the project says.
MELTANO_INJECTED = frozenset({
    "MELTANO_PROJECT_ROOT",
    "MELTANO_ENVIRONMENT",
    "MELTANO_RUN_ID",
    "MELTANO_JOB_TRIGGER",
    "MELTANO_STATE_ID",
    "MELTANO_SYS_DIR_ROOT",
})
# Per plugin: MELTANO_EXTRACTOR_NAME, ..._NAMESPACE, ..._VARIANT (the plugin's info), and
# MELTANO_EXTRACT_<SETTING> / MELTANO_LOAD_<SETTING> ... (its settings, e.g. the
# MELTANO_EXTRACT__LOAD_SCHEMA that loaders use as their schema).
MELTANO_INJECTED_PREFIXES = tuple(f"MELTANO_{word}_" for word in (
    "EXTRACTOR", "LOADER", "MAPPER", "TRANSFORMER", "TRANSFORM", "ORCHESTRATOR", "UTILITY", "FILE",
    "EXTRACT", "LOAD", "MAP", "ORCHESTRATE", "UTILIZE",
))

# Where Meltano never expands variables: free text for people and other tools,
# names, and the keys whose values are other things' names.
NOT_EXPANDED_KEYS = frozenset({
    "annotations", "description", "label", "docs", "repo", "ext_repo", "logo_url", "documentation",
    "tooltip", "placeholder", "name", "inherit_from", "variant", "namespace",
})
# Below these keys every key is data (a setting, a variable), never one of the names above.
VALUE_KEYS = frozenset({"config", "env", "vars"})
NOT_EXPANDED_TOP_LEVEL = frozenset({
    "version", "jobs", "include_paths", "default_environment", "requires_meltano", "project_id",
})


class Reference(Struct, frozen=True, dict=True):
    """One `$VAR` or `${VAR}` that Meltano expands, and where it is written."""

    name: str
    braced: bool
    # Where it is, worked out only when asked: most references are never shown.
    _place: tuple[SourceFile, tuple, str, int, int]

    __eq__, __hash__ = compared_on("name", "braced")
    __repr__ = repr_without("_place")

    @cached_property
    def location(self) -> Location:
        source, path, value, start, end = self._place
        return piece_location(source, path, value, start, end)

    @property
    def source(self) -> SourceFile:
        return self._place[0]

    @property
    def path(self) -> tuple:
        """Where the value holding it is, inside `source.data`."""
        return self._place[1]


class Unexpanded(Struct, frozen=True):
    """Text that looks like a reference but that Meltano leaves alone (or reads differently)."""

    written: str  # e.g. `$lower`, `$Host`, `${VAR:-x}`
    read_as: str | None  # the name Meltano reads instead (`H` for `$Host`), if any
    location: Location


class Scan(Struct, frozen=True):
    references: list[Reference]
    unexpanded: list[Unexpanded]


def is_injected(name: str) -> bool:
    return name in MELTANO_INJECTED or name.startswith(MELTANO_INJECTED_PREFIXES)


def env_var(*parts: str) -> str:
    """The variable Meltano reads for a plugin's setting (its `to_env_var`): `TAP_GITHUB_AUTH_TOKEN`."""
    return "_".join(env_word(p) for p in parts if p)


_NOT_IN_ENV_NAMES = re.compile(r"[^A-Za-z0-9]")


@lru_cache(maxsize=4096)  # thousands of plugins share a few setting names (`password`, `api_key`)
def env_word(part: str) -> str:
    """One part of such a variable's name: `tap-github` is `TAP_GITHUB`."""
    return _NOT_IN_ENV_NAMES.sub("_", part).upper()


# One scan per project object: the rules and the encryption ask for it several times a run.
_SCANS: dict[int, tuple[weakref.ref, Scan]] = {}


def scan(project: Project) -> Scan:
    key = id(project)
    cached = _SCANS.get(key)
    if cached is not None and cached[0]() is project:
        return cached[1]
    result = _scan(project)
    _SCANS[key] = (weakref.ref(project, lambda _: _SCANS.pop(key, None)), result)
    return result


def _scan(project: Project) -> Scan:
    references: list[Reference] = []
    unexpanded: list[Unexpanded] = []
    for source in project.usable_files:
        for path, value in _expanded_strings(source.data):
            if "$" in value:  # the walk leaves out most strings without one, not all
                _scan_value(source, path, value, references, unexpanded)
    return Scan(references, unexpanded)


def references(project: Project) -> list[Reference]:
    """Every variable reference Meltano would expand, in file order."""
    return scan(project).references


def provided_by_project(project: Project) -> set[str]:
    """Names set by any `env:` block: top level, environments, plugins, schedules."""
    return {name for _source, _path, block in env_blocks(project) for name in block}


def env_blocks(project: Project) -> Iterator[tuple[SourceFile, tuple, list[str]]]:
    """Every `env:` block of the project: its file, its path there, and the names it sets."""
    for source in project.usable_files:
        for path, block in _env_blocks(source.data):
            yield source, path, [k for k in block if isinstance(k, str)]


def needed_variables(project: Project) -> list[str]:
    """Referenced names that neither Meltano nor the project's `env:` blocks provide, sorted."""
    provided = provided_by_project(project)
    return sorted({r.name for r in references(project)
                   if not is_injected(r.name) and r.name not in provided})


def first_references(found: list[Reference], project: Project) -> dict[str, Reference]:
    """Needed variable -> where it is first referenced (files in merge order)."""
    provided = provided_by_project(project)
    first: dict[str, Reference] = {}
    for reference in found:
        if not is_injected(reference.name) and reference.name not in provided:
            first.setdefault(reference.name, reference)
    return dict(sorted(first.items()))


# --- walking the files ---------------------------------------------------

def _expanded_strings(data: YMap) -> Iterator[tuple[tuple, str]]:
    for key, value in data.items():
        if key in NOT_EXPANDED_TOP_LEVEL or key in NOT_EXPANDED_KEYS:
            continue
        if key == "schedules":
            # Of a schedule only its `env:` reaches a plugin.
            if isinstance(value, list):
                for i, schedule in enumerate(value):
                    if isinstance(schedule, dict) and isinstance(schedule.get("env"), dict):
                        yield from _strings(schedule["env"], ("schedules", i, "env"))
            continue
        yield from _strings(value, (key,))


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """The strings below `value` that may hold a reference, with their paths, in file order.

    Only containers and strings with a `$` go on the stack: most values hold
    none, and a path for each would cost more than the scan.
    """
    # (path, node, inside a value mapping such as `config:` where every key is data)
    stack: list[tuple[tuple, Any, bool]] = [(path, value, path[-1] in VALUE_KEYS)]
    while stack:
        where, node, inside = stack.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, YMap):
            for k, v in reversed(node.items()):  # reversed on the stack: popped in file order
                # What may hold a reference: a string with a `$`, or a container. Written out, not
                # a function: it is asked of every value of every file.
                if (("$" in v) if isinstance(v, str) else isinstance(v, CONTAINERS)) \
                        and (inside or k not in NOT_EXPANDED_KEYS):
                    stack.append(((*where, k), v, inside or k in VALUE_KEYS))
        elif isinstance(node, YList):
            for i in range(len(node) - 1, -1, -1):
                v = node[i]
                if ("$" in v) if isinstance(v, str) else isinstance(v, CONTAINERS):
                    stack.append(((*where, i), v, inside))


def _scan_value(source: SourceFile, path: tuple, value: str,
                references: list[Reference], unexpanded: list[Unexpanded]) -> None:
    found = 0
    for match in REFERENCE.finditer(value):
        found += 1
        braced, bare = match.groups()
        name = braced or bare
        references.append(Reference(name, braced is not None,
                                    (source, path, value, match.start(), match.end())))
        # `$Host` is `$H` then `ost`: the name runs on in word characters Meltano did not take.
        rest = _WORD.match(value, match.end()) if bare else None
        if rest and _starts_a_word(value, match.start()):
            end = rest.end()
            unexpanded.append(Unexpanded(value[match.start():end], name,
                                         piece_location(source, path, value, match.start(), end)))
    if found == value.count("$"):
        return  # every `$` starts a reference Meltano expands: none is a reference gone wrong
    for match in _meant(value):
        unexpanded.append(Unexpanded(match.group(0), None,
                                     piece_location(source, path, value, match.start(), match.end())))


def _meant(value: str) -> Iterator[re.Match]:
    """Text meant as a reference that Meltano does not expand: `$lower`, `${NAME:-x}`."""
    for match in INTENDED.finditer(value):
        if REFERENCE.match(value, match.start()):
            continue
        inner_braced, inner_bare = match.groups()
        if inner_bare is not None and not (inner_bare[0].isalpha() or inner_bare[0] == "_"):
            continue  # `$5`, `$1.50`: prices and positions, not variables
        if inner_bare is not None and not _starts_a_word(value, match.start()):
            continue  # `pa$word`: a `$` inside a word is text, not a reference gone wrong
        if inner_braced is not None and value[match.start():match.end()] == "${":
            continue
        yield match


def meant_as_reference(value: str) -> bool:
    """Whether `value` holds a reference Meltano misreads (P401's): its author meant no literal."""
    return "$" in value and next(_meant(value), None) is not None


def _starts_a_word(value: str, start: int) -> bool:
    """Whether the `$` at `start` begins a word, as a reference does (`/$user@`, `Bearer $token`)."""
    return start == 0 or not (value[start - 1].isalnum() or value[start - 1] in "$_\\")


def _env_blocks(data: YMap) -> Iterator[tuple[tuple, dict]]:
    """(path of the `env` mapping, the mapping) for every `env:` block of one file."""
    def env_of(entry: Any, path: tuple) -> Iterator[tuple[tuple, dict]]:
        if isinstance(entry, dict) and isinstance(entry.get("env"), dict):
            yield (*path, "env"), entry["env"]

    yield from env_of(data, ())
    plugins = data.get("plugins")
    if isinstance(plugins, dict):
        for kind, entries in plugins.items():
            if isinstance(entries, list):
                for i, entry in enumerate(entries):
                    yield from env_of(entry, ("plugins", kind, i))
    for key in ("schedules", "environments"):
        entries = data.get(key)
        if isinstance(entries, list):
            for i, entry in enumerate(entries):
                yield from env_of(entry, (key, i))
    environments = data.get("environments")
    if isinstance(environments, list):
        for i, environment in enumerate(environments):
            config = environment.get("config") if isinstance(environment, dict) else None
            by_type = config.get("plugins") if isinstance(config, dict) else None
            if isinstance(by_type, dict):
                for kind, entries in by_type.items():
                    if isinstance(entries, list):
                        for j, entry in enumerate(entries):
                            yield from env_of(entry, ("environments", i, "config", "plugins", kind, j))
