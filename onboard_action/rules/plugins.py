"""Rules about plugins: types, names, inheritance, custom and Hub definitions, lock files.

Meltano knows three kinds of plugin entry: a custom plugin (`namespace`, no
`inherit_from`) carries its own definition; an inherited one
(`inherit_from`) takes its parent's; any other comes from Meltano Hub and,
since Meltano 3, needs its lock file `plugins/<type>/<name>--<variant>.lock`
committed beside the project (for a plugin inheriting from a Hub plugin, the
parent's name).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from onboard_action.findings import GUIDE, Finding, Severity, relative_path
from onboard_action.load.lockfiles import DEFAULT_VARIANT, name_and_variant
from onboard_action.load.positions import piece_location
from onboard_action.load.project import PLUGIN_TYPES
from onboard_action.load.yamlfile import YMap, value_at
from onboard_action.model.context import Context
from onboard_action.model.index import SINGULAR, Plugin
from onboard_action.rules import Rule, Worded, check, rule
from onboard_action.values.suggest import Suggestions, close_match

# Names people write for plugin types, from other tools and from memory.
TYPE_ALIASES = {
    "taps": "extractors", "tap": "extractors", "sources": "extractors", "source": "extractors",
    "targets": "loaders", "target": "loaders", "destinations": "loaders", "destination": "loaders",
    "mappings": "mappers", "maps": "mappers", "transformations": "transforms",
    "orchestrator": "orchestrators", "utility": "utilities", "file": "files",
    "models": "transforms", "dbt": "transformers",
}

UNKNOWN_PLUGIN_TYPE = rule(
    "P101", "unknown-plugin-type", Severity.ERROR,
    "unknown plugin type",
    """
    `plugins:` holds exactly these types: extractors, loaders, mappers,
    orchestrators, transformers, files, utilities and transforms. Plugins under
    any other key (`taps:`, `targets:`) do not exist for Meltano, and every job
    that uses them fails. Move them under the right type.
    """,
    bad="plugins:\n  taps:\n    - name: tap-github\n      variant: meltanolabs\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n",
)
PLUGIN_NAME_MISSING = rule(
    "P102", "plugin-name-missing", Severity.ERROR,
    "plugin has no name",
    """
    Every plugin needs a `name`: jobs, schedules and lock files refer to it.
    Meltano fails with a Python error on every command when one is missing.
    Add `name:` to the entry.
    """,
    bad="plugins:\n  extractors:\n    - variant: meltanolabs\n      pip_url: meltanolabs-tap-github\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
         "      pip_url: meltanolabs-tap-github\n",
)
PLUGIN_ENTRY_INVALID = rule(
    "P103", "plugin-entry-invalid", Severity.ERROR,
    "plugin entry has a value of the wrong type",
    """
    A key of a plugin entry holds the wrong kind of value (text where Meltano
    expects a list, a number in `env:`, a setting `kind` Meltano does not
    know). Meltano fails when it loads the plugin. Write the value in the form
    the message names. A mapping without `name` is only a warning: Meltano
    accepts it, but no job can run it.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
        "      select: tags.*\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
         "      select:\n        - tags.*\n",
)
PLUGIN_KEY_UNKNOWN = rule(
    "P104", "plugin-key-unknown", Severity.WARNING,
    "unknown key in a plugin entry",
    """
    Meltano keeps keys it does not know as "extras" and passes them on
    silently, so a typo such as `varient:` for `variant:` changes which plugin
    runs without any error. Fix the key's spelling, or remove it.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-github\n      varient: meltanolabs\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n",
)
INHERIT_FROM_UNRESOLVED = rule(
    "P105", "inherit-from-unresolved", Severity.ERROR,
    "`inherit_from` names no plugin",
    """
    `inherit_from` must name another plugin of the same type in the project,
    or a Meltano Hub plugin whose lock file is committed. Otherwise Meltano
    fails to load the plugin (and an inheritance loop fails every command).
    Fix the name, add the parent plugin, or commit the parent's lock file.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
        "    - name: tap-github-org\n      inherit_from: tap-githbu\n",
    good="plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
         "    - name: tap-github-org\n      inherit_from: tap-github\n",
)
CUSTOM_WITHOUT_NAMESPACE = rule(
    "P106", "custom-plugin-without-namespace", Severity.ERROR,
    "plugin is neither custom (namespace) nor a locked Hub plugin",
    """
    A plugin without `namespace`, `inherit_from` and `variant` is looked up on
    Meltano Hub by its name. A custom plugin needs `namespace` (and usually
    `pip_url` and `executable`) to be installed from its own definition; a Hub
    plugin needs its variant and committed lock file. Add `namespace:` for a
    custom plugin, or `variant:` and the lock file for a Hub plugin.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-internal-api\n"
        "      pip_url: git+https://github.com/abc/tap-internal-api.git\n",
    good="plugins:\n  extractors:\n    - name: tap-internal-api\n      namespace: tap_internal_api\n"
         "      pip_url: git+https://github.com/abc/tap-internal-api.git\n"
         "      executable: tap-internal-api\n",
)
LOCK_FILE_MISSING = rule(
    "P107", "lock-file-missing", Severity.ERROR,
    "Hub plugin has no committed lock file",
    """
    Meltano 3 refuses to run a Meltano Hub plugin without its lock file
    `plugins/<type>/<name>--<variant>.lock`, and Meltano Cloud only has what is
    committed: a lock file that `.gitignore` keeps out of the repository
    (inside a git repository, git is asked) is as good as missing. Run
    `meltano lock --update --all`, stop ignoring `plugins/`, and commit it.

    A plugin without `variant` is looked up under its default variant's name:
    Meltano 4 reads exactly `<name>--default.lock` (Meltano 3.7
    `<name>--original.lock`), not the `<name>--<variant>.lock` that `meltano
    lock` writes, and otherwise asks Meltano Hub, which Meltano Cloud's runs
    must not depend on. Name the variant of the committed lock file in the
    plugin's entry.
    """,
    bad="# plugins/extractors/ is empty\nplugins:\n  extractors:\n    - name: tap-github\n"
        "      variant: meltanolabs\n",
    good="# plugins/extractors/tap-github--meltanolabs.lock is committed\nplugins:\n  extractors:\n"
         "    - name: tap-github\n      variant: meltanolabs\n",
)
LOCK_FILE_INVALID = rule(
    "P108", "lock-file-invalid", Severity.ERROR,
    "lock file cannot be read",
    """
    A plugin's lock file is not the JSON object `meltano lock` writes (it is
    truncated, hand-edited or a merge conflict), or lacks a field Meltano's
    definition needs (`plugin_type`, `name`, `namespace`: Meltano fails with
    a TypeError), so Meltano cannot load the plugin. Regenerate it with
    `meltano lock --update <plugin>` and commit it.
    """,
    bad='{\n  "plugin_type": "extractors",\n  "name": "tap-github",\n  "settings": [\n',
    good='{\n  "plugin_type": "extractors",\n  "name": "tap-github",\n  "namespace": "tap_github",\n'
         '  "variant": "meltanolabs"\n}\n',
)
LOCK_FILE_MISMATCH = rule(
    "P112", "lock-file-mismatch", Severity.ERROR,
    "lock file holds another plugin's definition",
    """
    Meltano reads `plugins/<type>/<name>--<variant>.lock` for a plugin and
    uses whatever definition it holds: a lock file whose `name`, `variant` or
    `plugin_type` is not the one of its file name (copied from another plugin,
    renamed by hand) makes Meltano install and run that other plugin under
    this plugin's name. Regenerate it with `meltano lock --update <plugin>`
    and commit it. (Example: `plugins/extractors/tap-github--meltanolabs.lock`.)
    """,
    bad='{\n  "plugin_type": "extractors",\n'
        '  "name": "tap-gitlab",\n  "namespace": "tap_gitlab",\n  "variant": "meltanolabs"\n}\n',
    good='{\n  "plugin_type": "extractors",\n'
         '  "name": "tap-github",\n  "namespace": "tap_github",\n  "variant": "meltanolabs"\n}\n',
)
PIP_URL_GIT_SSH = rule(
    "P109", "pip-url-git-ssh", Severity.NOTICE,
    "plugin installs from git over SSH",
    """
    A `pip_url` with `git+ssh://` (or `git+git@host:`) makes Meltano Cloud
    clone the package over SSH, which only works once the organization has
    given Meltano Cloud the reserved secret `GIT_SSH_PRIVATE_KEY` (a deploy
    key). Provide that secret, or install over HTTPS.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-internal\n      namespace: tap_internal\n"
        "      pip_url: git+ssh://git@github.com/abc/tap-internal.git\n",
    good="plugins:\n  extractors:\n    - name: tap-internal\n      namespace: tap_internal\n"
         "      pip_url: git+https://github.com/abc/tap-internal.git\n",
    targets=GUIDE,
)
ORCHESTRATOR_PLUGIN = rule(
    "P110", "orchestrator-plugin", Severity.WARNING,
    "orchestrator plugin does not run on Meltano Cloud",
    """
    Meltano Cloud is the orchestrator: it runs the project's `schedules:` itself
    and does not run Airflow or Dagster plugins, which only cost install time.
    Move what they schedule to `schedules:`, and remove them from the project
    that Meltano Cloud runs. Their lock files are not asked for (P107, P108):
    the advice is to remove the plugin. Ignore this rule to keep the plugin,
    and the lock file rules apply to it again.
    """,
    bad="plugins:\n  orchestrators:\n    - name: airflow\n      variant: apache\n",
    good="schedules:\n  - name: daily\n    interval: '@daily'\n    job: github-to-postgres\n",
    targets=GUIDE,
)
CONTAINER_CONNECTOR = rule(
    "P111", "container-connector", Severity.WARNING,
    "plugin runs in a container",
    """
    Meltano Cloud does not run Docker containers, so connectors that wrap a
    container image (the Airbyte wrapper, commands with `container_spec`) fail
    there. Use a Singer connector for the same source, or run this one
    elsewhere.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-airbyte\n      variant: meltanolabs\n"
        "      config:\n        airbyte_spec:\n          image: airbyte/source-faker\n",
    good="plugins:\n  extractors:\n    - name: tap-faker\n      namespace: tap_faker\n"
         "      pip_url: tap-faker\n",
    targets=GUIDE,
)


# --- schema errors: which of the rules above reports them -------------------

SCHEMA_RULES = (UNKNOWN_PLUGIN_TYPE, PLUGIN_NAME_MISSING, PLUGIN_ENTRY_INVALID, PLUGIN_KEY_UNKNOWN)


def schema_rule(path: tuple, data) -> Rule | Worded:
    """The rule for a schema error at `path`, which starts with "plugins"."""
    if len(path) == 2 and path[1] not in PLUGIN_TYPES:
        return Worded(UNKNOWN_PLUGIN_TYPE, hint=type_hint(path[1]))
    return entry_rule(path[3:], value_at(data, path[:3]), "plugin")


def entry_rule(sub: tuple, entry, definition: str) -> object:
    """The rule for a schema error at `sub` inside a plugin entry.

    `definition` names the schema's `$defs` entry for it: "plugin" in `plugins:`,
    "environment_plugin" in an environment's `config:`.
    """
    if not sub or sub[0] == "name":
        if isinstance(entry, dict) and not (isinstance(entry.get("name"), str) and entry["name"]):
            return PLUGIN_NAME_MISSING
        return PLUGIN_ENTRY_INVALID
    if len(sub) == 1 and isinstance(entry, dict) and sub[0] not in _keys_of(definition):
        return PLUGIN_KEY_UNKNOWN
    return PLUGIN_ENTRY_INVALID


def type_hint(written: str) -> str:
    alias = TYPE_ALIASES.get(written.lower())
    close = alias or close_match(written, PLUGIN_TYPES)
    return (f"did you mean `{close}`?" if close
            else "use one of: " + ", ".join(f"`{t}`" for t in PLUGIN_TYPES))


def _keys_of(definition: str) -> frozenset[str]:
    from onboard_action.schema.explain import load_schema

    return frozenset(load_schema("meltano.schema.json")["$defs"][definition]["properties"])



# --- checks ------------------------------------------------------------------

@check(PLUGIN_ENTRY_INVALID)
def mappings_outside_mappers(context: Context) -> Iterator[Finding]:
    # Not in the schema: one more branch per plugin entry costs the schema a third of its speed.
    for plugin in context.index.plugins:
        if plugin.type != "mappers" and "mappings" in plugin.item.data:
            yield PLUGIN_ENTRY_INVALID.finding(
                plugin.item.location("mappings", key=True),
                f"{plugin.described} has `mappings`, but only mappers define them; Meltano ignores "
                "them here",
                "move the mappings to a plugin under `plugins: mappers:`")


@check(PLUGIN_ENTRY_INVALID)
def unnamed_mappings(context: Context) -> Iterator[Finding]:
    # Meltano accepts a mapping without `name`; nothing can run it: dead config, a warning.
    for mapper in context.index.by_type.get("mappers", {}).values():
        entries = mapper.item.get("mappings")
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict) and "name" not in entry:
                yield PLUGIN_ENTRY_INVALID.finding(
                    mapper.item.location("mappings", i),
                    f"mapping {i + 1} of {mapper.described} has no `name`; Meltano accepts it, but a job "
                    "runs a mapping by its name, so nothing can run this one",
                    "give it a `name:` and put that name in a job's task, or remove the entry"
                ).with_severity(Severity.WARNING)


@check(INHERIT_FROM_UNRESOLVED)
def inheritance(context: Context) -> Iterator[Finding]:
    index = context.index
    suggestions = Suggestions()
    for plugin in index.plugins:
        parent_name = plugin.inherit_from
        if not parent_name:
            continue
        where = plugin.item.location("inherit_from")
        loop = index.cycle(plugin)
        if loop:
            yield INHERIT_FROM_UNRESOLVED.finding(
                where, f"{plugin.described} inherits from itself through "
                       f"{' -> '.join([*loop, plugin.name])}, which Meltano cannot load",
                "break the loop: one of these plugins must stand on its own definition")
            continue
        if index.parent(plugin) is not None:
            continue
        if index.locks.find(plugin.type, parent_name, plugin.variant) is not None:
            continue  # inherits from a Hub plugin whose lock file is committed
        yield INHERIT_FROM_UNRESOLVED.finding(
            where, _unresolved_parent(index, plugin, parent_name),
            _parent_hint(index, plugin, parent_name, suggestions))


def _unresolved_parent(index, plugin: Plugin, parent_name: str) -> str:
    elsewhere = [p for p in index.by_name.get(parent_name, []) if p.type != plugin.type]
    if elsewhere:
        return (f"{plugin.described} inherits from '{parent_name}', which is "
                f"{_article(SINGULAR[elsewhere[0].type])}, not {_article(SINGULAR[plugin.type])}: "
                "a plugin inherits only from its own type")
    return (f"{plugin.described} inherits from '{parent_name}', which is neither "
            f"{_article(SINGULAR[plugin.type])} of this project nor a Hub plugin with a lock file")


def _parent_hint(index, plugin: Plugin, parent_name: str, suggestions: Suggestions) -> str:
    close = suggestions.closest(parent_name, (plugin.type, plugin.name), lambda: [
        n for n in index.by_type.get(plugin.type, {}) if n != plugin.name])
    if close:
        return f"did you mean `{close}`?"
    if any(p.type != plugin.type for p in index.by_name.get(parent_name, [])):
        return (f"inherit from {_article(SINGULAR[plugin.type])} instead, or move this plugin to the "
                "type of its parent")
    if plugin.variant:
        lock = index.locks.expected_path(plugin.type, parent_name, plugin.variant)
        return (f"add a plugin named '{parent_name}', or, to inherit from Meltano Hub, commit "
                f"{_relative(index, lock)} (`meltano lock --update --all`)")
    return (f"add a plugin named '{parent_name}', or, to inherit from Meltano Hub, give this plugin "
            f"its `variant` and commit its parent's lock file (`meltano lock --update --all`)")


def removed_by_advice(context: Context, plugin: Plugin) -> bool:
    """An orchestrator P110 tells the user to remove: no lock file advice for it, one plugin one fix.

    When P110 is ignored the plugin stays, and its lock file matters again.
    """
    return is_orchestrator(plugin) and ORCHESTRATOR_PLUGIN.code not in context.settings.ignore


@check(CUSTOM_WITHOUT_NAMESPACE, LOCK_FILE_MISSING, LOCK_FILE_INVALID)
def plugin_definitions(context: Context) -> Iterator[Finding]:
    """Custom plugins need a namespace; Hub plugins need their lock file, readable."""
    index = context.index
    reported_locks = set()
    for plugin in index.plugins:
        if plugin.is_custom or removed_by_advice(context, plugin):
            continue
        if plugin.inherit_from:
            # Inheriting from a project plugin: the parent is checked itself. From the Hub:
            # the inheritance rule reports a missing lock file, so only readability remains.
            source = index.hub_source(plugin) if index.parent(plugin) is None else None
        else:
            source = index.hub_source(plugin)
            if source is not None and source.lock is None:
                yield _no_definition(index, plugin)
                continue
        lock = source.lock if source else None
        if lock is not None and lock.problem and lock.path not in reported_locks:
            reported_locks.add(lock.path)
            yield LOCK_FILE_INVALID.finding(
                lock.problem_location,
                f"lock file of {plugin.described} {lock.problem}, so Meltano cannot load the plugin",
                f"regenerate it with `meltano lock --update {plugin.name}` and commit it")


def _no_definition(index, plugin: Plugin) -> Finding:
    where = plugin.item.name_location()
    expected = index.locks.expected_path(plugin.type, plugin.name, plugin.variant)
    variants = [v for v in index.locks.variants(plugin.type, plugin.name) if v != plugin.variant]
    if plugin.variant:
        others = index.locks.expected_path(plugin.type, plugin.name, variants[0]) if variants else None
        also = (f"; {_relative(index, others)} exists: is the variant right?" if others else "")
        return LOCK_FILE_MISSING.finding(
            plugin.item.location("variant"),
            f"{plugin.described} comes from Meltano Hub but its lock file "
            f"{_relative(index, expected)} is missing{also}",
            "run `meltano lock --update --all` and commit the plugins/ folder")
    if variants:
        committed = index.locks.expected_path(plugin.type, plugin.name, variants[0])
        return LOCK_FILE_MISSING.finding(
            where, _reads_instead(index, plugin, expected, committed),
            f"add `variant: {variants[0]}` to the plugin, the variant of its committed lock file")
    plain = index.locks.plain(plugin.type, plugin.name)
    if plain is not None:
        variant = plain.data.get("variant") if plain.data else None
        variant = variant if isinstance(variant, str) and variant else "<variant>"
        named = index.locks.expected_path(plugin.type, plugin.name, variant)
        return LOCK_FILE_MISSING.finding(
            where, _reads_instead(index, plugin, expected, plain.path),
            f"rename the lock file to {_relative(index, named)} and add `variant: {variant}` to the plugin")
    suggested = re.sub(r"[^A-Za-z0-9]+", "_", plugin.name).strip("_").lower() or "my_plugin"
    return CUSTOM_WITHOUT_NAMESPACE.finding(
        where,
        f"{plugin.described} has no `namespace`, `variant` or lock file, so Meltano looks it "
        "up on Meltano Hub by name",
        f"for a custom plugin add `namespace: {suggested}`; for a Hub plugin add its `variant:` "
        "and commit its lock file (`meltano lock --update --all`)")


def _relative(index, path) -> str:
    return relative_path(path, index.project.root)


def _reads_instead(index, plugin: Plugin, expected, committed) -> str:
    return (f"{plugin.described} has no `variant`, so Meltano reads {_relative(index, expected)}, not the "
            f"committed {_relative(index, committed)}, and otherwise looks the plugin up on Meltano Hub")


@check(LOCK_FILE_MISMATCH)
def lock_file_contents(context: Context) -> Iterator[Finding]:
    """A lock file Meltano reads must hold the definition its name says."""
    index = context.index
    seen = set()
    for plugin in index.plugins:
        source = index.hub_source(plugin) if not plugin.is_custom else None
        lock = source.lock if source else None
        if lock is None or lock.data is None or (path := os.fspath(lock.path)) in seen:
            continue
        seen.add(path)
        name, variant = name_and_variant(lock.path.name)
        expected = {"name": name, "plugin_type": source.plugin.type,
                    "variant": variant if variant != DEFAULT_VARIANT else lock.data.get("variant")}
        wrong = [key for key in ("name", "variant", "plugin_type")
                 if expected[key] is not None and lock.data.get(key) != expected[key]]
        if not wrong:
            continue
        said = " and ".join(f"`{key}` {json.dumps(lock.data.get(key))} (not {json.dumps(expected[key])})"
                            for key in wrong)
        yield LOCK_FILE_MISMATCH.finding(
            lock.key_location(wrong[0]),
            f"lock file {_relative(index, lock.path)} of {source.plugin.described} says {said}: "
            "Meltano would install and run that plugin's definition under this plugin's name",
            f"regenerate it with `meltano lock --update {source.plugin.name}` and commit it")


@check(LOCK_FILE_MISSING)
def ignored_lock_files(context: Context) -> Iterator[Finding]:
    """A lock file that exists locally but that .gitignore keeps out of the repository."""
    index = context.index
    git = context.git
    seen = set()  # paths as text: hashing thousands of Path objects costs more than the rule
    untracked = []
    for plugin in index.plugins:
        source = index.hub_source(plugin) if not plugin.is_custom else None
        if source is None or source.lock is None or (path := os.fspath(source.lock.path)) in seen:
            continue
        if removed_by_advice(context, plugin):
            continue
        seen.add(path)
        # Tracked files are in every checkout, ignored or not; only ask git about the others.
        if git.is_tracked(source.lock.path) is False:
            untracked.append(source)
    # One git call for all of them: a project that ignores plugins/ has thousands.
    ignored = git.ignored_among([source.lock.path for source in untracked]) if untracked else None
    for source in untracked:
        if ignored and source.lock.path in ignored:
            yield LOCK_FILE_MISSING.finding(
                source.plugin.item.name_location(),
                f"the lock file {_relative(index, source.lock.path)} of "
                f"{source.plugin.described} is ignored by git, so Meltano Cloud's checkout will not have it",
                "stop ignoring it in .gitignore (`plugins/` or `*.lock`) and commit it")


SSH_URL = re.compile(r"git\+ssh://|git\+[\w.-]+@[\w.-]+:")


@check(PIP_URL_GIT_SSH)
def ssh_pip_urls(context: Context) -> Iterator[Finding]:
    for plugin in context.index.plugins:
        pip_url = plugin.text("pip_url")
        match = SSH_URL.search(pip_url) if pip_url else None
        if match:
            yield PIP_URL_GIT_SSH.finding(
                piece_location(plugin.item.file, (*plugin.item.path, "pip_url"), pip_url,
                               match.start(), match.end()),
                f"{plugin.described} installs from git over SSH; Meltano Cloud needs the "
                "GIT_SSH_PRIVATE_KEY secret for that",
                "give Meltano Cloud a deploy key as the GIT_SSH_PRIVATE_KEY secret, or install over HTTPS")


ORCHESTRATOR_NAMES = re.compile(r"^(airflow|dagster)", re.IGNORECASE)


def is_orchestrator(plugin: Plugin) -> bool:
    return plugin.type == "orchestrators" or (
        plugin.type == "utilities" and ORCHESTRATOR_NAMES.match(plugin.name) is not None)


@check(ORCHESTRATOR_PLUGIN)
def orchestrators(context: Context) -> Iterator[Finding]:
    index = context.index
    for plugin in index.plugins:
        if not is_orchestrator(plugin):
            continue
        source = index.hub_source(plugin) if not plugin.is_custom else None
        unlocked = source is not None and (source.lock is None or source.lock.problem is not None)
        yield ORCHESTRATOR_PLUGIN.finding(
            plugin.item.name_location(),
            f"{plugin.described} schedules jobs itself, but on Meltano Cloud, Meltano Cloud is the "
            "orchestrator and does not run it"
            + ("; it has no usable lock file either" if unlocked else ""),
            "remove it from the project Meltano Cloud runs and put what it schedules in `schedules:`"
            + (" (removed, it needs no lock file)" if unlocked else ""))


@check(CONTAINER_CONNECTOR)
def container_connectors(context: Context) -> Iterator[Finding]:
    index = context.index
    for plugin in index.plugins:
        reason = _container_reason(index, plugin)
        if reason:
            yield CONTAINER_CONNECTOR.finding(
                plugin.item.name_location(),
                f"{plugin.described} {reason}; Meltano Cloud does not run containers",
                "use a Singer connector for this source, or run this plugin elsewhere")


def _container_reason(index, plugin: Plugin) -> str | None:
    # `plugin.inherit_from` leaves out a parent named like the plugin, whose name is here already.
    words = " ".join(filter(None, (plugin.name, plugin.text("pip_url"), plugin.variant,
                                   plugin.inherit_from)))
    config = plugin.item.get("config")
    if "airbyte" in words.lower() or (isinstance(config, YMap) and "airbyte_spec" in config):
        return "wraps Airbyte connectors, which run as Docker images"
    commands = index.commands(plugin) or {}
    for name, command in commands.items():
        if isinstance(command, dict) and "container_spec" in command:
            return f"runs its command '{name}' in a container (`container_spec`)"
    return None


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


