"""Rules about things defined twice, in one file or across meltano.yml and the files it includes.

Meltano merges the project files: lists (plugins of a type, jobs,
environments) are concatenated and top-level settings are deep-merged, later
files winning. A name defined twice is silently resolved to one definition
(or, for plugins in two included files, stops Meltano); either way one of
the two places is dead text that someone will edit in vain. Each finding
points at the later place and names the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from onboard_action.findings import Finding, Severity
from onboard_action.load.project import Item, SourceFile, to_location
from onboard_action.load.yamlfile import YMap, plain
from onboard_action.model.context import Context
from onboard_action.model.index import SINGULAR
from onboard_action.rules import check, rule

DUPLICATE_PLUGIN = rule(
    "P601", "duplicate-plugin-name", Severity.ERROR,
    "plugin name defined twice",
    """
    Two plugins of the same type share a name. In two included files Meltano
    stops ("Duplicate plugin name found"); in one file, or in meltano.yml and an
    included file, it silently keeps the first and ignores the other. Keep one
    definition, or rename one (and use `inherit_from` to share settings).
    """,
    bad="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
        "    - name: tap-github\n      variant: singer-io\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
         "    - name: tap-github-org\n      inherit_from: tap-github\n",
)
DUPLICATE_JOB = rule(
    "P602", "duplicate-job-name", Severity.ERROR,
    "job name defined twice",
    """
    Two jobs share a name, so schedules and `meltano run <job>` run only one of
    them, and nothing tells which. Rename one, or merge their tasks.
    """,
    bad="jobs:\n  - name: daily\n    tasks: [tap-github target-postgres]\n"
        "  - name: daily\n    tasks: [tap-gitlab target-postgres]\n",
    good="jobs:\n  - name: daily-github\n    tasks: [tap-github target-postgres]\n"
         "  - name: daily-gitlab\n    tasks: [tap-gitlab target-postgres]\n",
)
DUPLICATE_ENVIRONMENT = rule(
    "P603", "duplicate-environment-name", Severity.ERROR,
    "environment name defined twice",
    """
    Two environments share a name; Meltano activates only one of them, so the
    other's `config` and `env` never apply. Merge them into one entry, or
    rename one.
    """,
    bad="environments:\n  - name: prod\n  - name: prod\n    env:\n      LOG_LEVEL: info\n",
    good="environments:\n  - name: prod\n    env:\n      LOG_LEVEL: info\n",
)
MAPPING_NAME_NOT_UNIQUE = rule(
    "P604", "mapping-name-not-unique", Severity.ERROR,
    "mapping name is not unique",
    """
    Jobs refer to mappings by name, looked up after plugin names. A mapping
    named like another mapping is refused as ambiguous by `meltano run`; one
    named like a plugin can never be used (the plugin wins), and one named like
    its own mapper is refused. Give each mapping a name of its own.
    """,
    bad="plugins:\n  mappers:\n    - name: meltano-map-transformer\n      variant: meltano\n"
        "      mappings:\n        - name: meltano-map-transformer\n          config: {}\n",
    good="plugins:\n  mappers:\n    - name: meltano-map-transformer\n      variant: meltano\n"
         "      mappings:\n        - name: hash-emails\n          config: {}\n",
)
DUPLICATE_YAML_KEY = rule(
    "P605", "duplicate-yaml-key", Severity.ERROR,
    "key written twice in one mapping",
    """
    A key appears twice in the same YAML mapping. YAML keeps only the last
    value, so everything under the first (a whole `plugins:` block, say) is
    silently dropped. Merge the two into one key.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-github\n"
        "plugins:\n  loaders:\n    - name: target-postgres\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n  loaders:\n    - name: target-postgres\n",
)
SETTING_IN_TWO_FILES = rule(
    "P606", "setting-in-two-files", Severity.WARNING,
    "top-level setting set differently in two files",
    """
    meltano.yml and an included file set the same top-level setting (or the
    same key under `env:`, `state_backend:` ...) to different values. Meltano
    merges the files in order and the last one wins (an included file over
    meltano.yml), so the value in the earlier file does nothing; Meltano runs
    fine, and the check uses the winning value too (for `default_environment`,
    say). The finding says which file wins. Set it in one file only.
    """,
    bad="# meltano.yml\ndefault_environment: dev\n# environments.meltano.yml\ndefault_environment: prod\n",
    good="# meltano.yml\ndefault_environment: dev\n"
         "# environments.meltano.yml\nenvironments:\n  - name: dev\n",
)
# Top-level settings whose values name things rather than hold secrets: findings may show them.
SHOWN_SETTINGS = frozenset({
    "default_environment", "project_id", "requires_meltano", "send_anonymous_usage_stats", "version",
    "auto_install", "project_readonly", "database_max_retries", "database_retry_timeout",
})

# Top-level keys whose lists Meltano concatenates across files (their names are checked above).
CONCATENATED = frozenset({"plugins", "jobs", "schedules", "environments", "include_paths"})


@check(DUPLICATE_PLUGIN, DUPLICATE_JOB, DUPLICATE_ENVIRONMENT)
def duplicate_names(context: Context) -> Iterator[Finding]:
    project = context.project
    groups: dict[tuple[str, str], list[Item]] = {}
    # The index holds every named plugin of a known type, in file order, duplicates included.
    for plugin in context.index.plugins:
        groups.setdefault((plugin.type, plugin.name), []).append(plugin.item)
    for (kind, name), items in groups.items():
        for later in items[1:]:
            yield _duplicate(context, DUPLICATE_PLUGIN, f"{SINGULAR.get(kind, kind)} '{name}'",
                             items[0], later, plugin=True)
    for key, the_rule, noun in (("jobs", DUPLICATE_JOB, "job"),
                                ("environments", DUPLICATE_ENVIRONMENT, "environment")):
        by_name: dict[str, Item] = {}
        for item in project.items(key):
            name = item.name
            if not name:
                continue
            first = by_name.setdefault(name, item)
            if first is not item:
                yield _duplicate(context, the_rule, f"{noun} '{name}'", first, item)


def _duplicate(context: Context, the_rule, what: str, first: Item, later: Item,
               plugin: bool = False) -> Finding:
    meltano = context.project.meltano_file
    if first.file is later.file:
        effect = "Meltano keeps the first and silently ignores this one"
    elif plugin and first.file is not meltano:
        effect = "Meltano stops with \"Duplicate plugin name found\""
    else:
        effect = "Meltano keeps the first and silently ignores this one"
    first_at = first.name_location()
    return the_rule.finding(
        later.name_location(),
        f"{what} is defined twice: here and at {context.where(first_at)}; {effect}",
        "keep one definition, or rename one of them",
        related=[first_at])


@check(MAPPING_NAME_NOT_UNIQUE)
def mapping_names(context: Context) -> Iterator[Finding]:
    index = context.index
    for name, mappings in index.mappings.items():
        plugins = index.by_name.get(name, [])
        for mapping in mappings:
            where = mapping.item.location("name")
            if mapping.mapper.name == name:
                yield MAPPING_NAME_NOT_UNIQUE.finding(
                    where, f"mapping '{name}' has the name of its own mapper, which `meltano run` refuses",
                    "give the mapping a name of its own, such as what it does (`hash-emails`)")
            elif plugins:
                yield MAPPING_NAME_NOT_UNIQUE.finding(
                    where, f"mapping '{name}' has the name of {plugins[0].described}, so a job block "
                           f"'{name}' always means the plugin and the mapping can never run",
                    "rename the mapping", related=[plugins[0].item.name_location()])
        for later in mappings[1:]:
            first_at = mappings[0].item.location("name")
            yield MAPPING_NAME_NOT_UNIQUE.finding(
                later.item.location("name"),
                f"mapping '{name}' is defined twice: here and at {context.where(first_at)}; "
                "`meltano run` refuses the ambiguous name",
                "rename one of the mappings", related=[first_at])


@check(DUPLICATE_YAML_KEY)
def duplicate_yaml_keys(context: Context) -> Iterator[Finding]:
    for source in context.project.files:
        for problem in source.problems:
            if problem.kind != "duplicate-key":
                continue
            first = to_location(source.path, problem.detail.get("first"))
            key = problem.detail.get("key", "?")
            yield DUPLICATE_YAML_KEY.finding(
                to_location(source.path, problem.span),
                f"key `{key}` is written twice in this mapping (first at line {first.line}); YAML keeps "
                "only this one and silently drops the first",
                f"merge the two `{key}:` entries into one", related=[first])


@check(SETTING_IN_TWO_FILES)
def settings_in_two_files(context: Context) -> Iterator[Finding]:
    seen: dict[tuple, tuple[Any, SourceFile]] = {}
    clashes: list[tuple[tuple, SourceFile, SourceFile]] = []
    winner: dict[tuple, tuple[Any, SourceFile]] = {}
    for source in context.project.usable_files:
        for path, value in _leaves(source.data):
            if path in seen:
                earlier, earlier_file = seen[path]
                if earlier != value and earlier_file is not source:
                    clashes.append((path, earlier_file, source))
            seen[path] = winner[path] = (value, source)
    for path, earlier_file, source in clashes:
        first_at = earlier_file.location(path, key=True)
        dotted = ".".join(str(p) for p in path)
        value, last = winner[path]
        shown = f" ({json.dumps(value)})" if len(path) == 1 and path[0] in SHOWN_SETTINGS else ""
        wins = ("this file's value" if last is source else
                f"the value in {context.relative(last.path)}") + shown
        yield SETTING_IN_TWO_FILES.finding(
            source.location(path, key=True),
            f"`{dotted}` is also set at {context.where(first_at)} to another value; Meltano merges the "
            f"files and {wins} wins",
            "set it in one file only", related=[first_at])


def _leaves(data: YMap) -> Iterator[tuple[tuple, Any]]:
    """Top-level settings as Meltano deep-merges them: each scalar (or list) with its key path."""
    stack: list[tuple[tuple, Any]] = [((key,), value) for key, value in data.items()
                                      if key not in CONCATENATED]
    while stack:
        path, value = stack.pop()
        if isinstance(value, YMap) and value:
            stack.extend(((*path, k), v) for k, v in value.items())
        else:
            yield path, plain(value)


