"""A plugin's settings as Meltano knows them: the names it takes, their kinds, who sets them.

Meltano reads a Hub plugin's settings from its lock file and a custom plugin's
from its own `settings:`; an inheriting plugin adds its parent's. A config key
that none of them declares is not refused: Meltano passes it on as a "custom"
setting, which the connector usually ignores. That is why an unknown key is a
warning and a definition is only trusted when it is complete (a readable lock
file, or a custom plugin that lists its settings).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from onboard_action.load.project import Item, SourceFile
from onboard_action.load.yamlfile import YMap
from onboard_action.model.index import Plugin, ProjectIndex
from onboard_action.model.variables import env_word

# Settings the Singer SDK adds to every connector that declares the capability, whether or not
# the Hub definition lists them (older lock files do not).
CAPABILITY_SETTINGS = {
    "stream-maps": ("stream_maps", "stream_map_config", "faker_config"),
    "schema-flattening": ("flattening_enabled", "flattening_max_depth"),
    "batch": ("batch_config",),
    "target-schema": ("default_target_schema",),
    "hard-delete": ("hard_delete",),
    "validate-records": ("validate_records",),
    "record-flattening": ("flattening_enabled", "flattening_max_depth"),
    "activate-version": ("activate_version",),
}


_NO_PREFIXES: frozenset[str] = frozenset()


class Definitions(Struct, frozen=True):
    """The complete list of a plugin's settings, and where it comes from (for messages)."""

    plugin: Plugin
    settings: dict[str, dict]  # name -> definition (lock file's, then each ancestor's `settings:`)
    groups: tuple[tuple[str, ...], ...]  # settings_group_validation: one group must be fully set
    source: str  # "its lock file plugins/extractors/x--y.lock", "its `settings:`"
    namespace: str | None  # the entry's, else its definition's: a prefix of its setting variables
    # Every proper dotted prefix of a setting name: `batch_config` and `batch_config.encoding`
    # for `batch_config.encoding.format`. A config mapping under one of them is read key by key.
    prefixes: frozenset[str]

    def knows(self, name: str) -> bool:
        """Whether Meltano's definition covers `name` (or a setting whose value holds it)."""
        if name in self.settings:
            return True
        parts = name.split(".")
        return any(".".join(parts[:end]) in self.settings for end in range(1, len(parts)))


def definitions(index: ProjectIndex, plugin: Plugin) -> Definitions | None:
    """The plugin's settings when they are completely known offline, else None."""
    source = index.hub_source(plugin)
    ancestry = index.ancestry(plugin)  # asked once: a list made anew for each inheriting plugin
    if source is not None:
        lock = source.lock
        if lock is None or lock.data is None:
            return None  # P107/P108 say why; without the definition every key would look unknown
        # `plugins/<type>/<file>`: the Path's own parts, not three new Paths from `.parent`.
        where = "its lock file " + "/".join(lock.path.parts[-3:])
        capabilities = lock.data.get("capabilities")
        lock_groups = lock.data.get("settings_group_validation")
        namespace = lock.data.get("namespace")
    elif any(isinstance(a.item.get("settings"), list) for a in ancestry):
        where, capabilities, lock_groups, namespace = "its `settings:`", None, None, None
    else:
        return None  # a custom plugin without `settings:` takes whatever it is given
    settings = dict(index.setting_definitions(plugin))
    for ancestor in ancestry:
        extra = ancestor.item.get("capabilities")
        if isinstance(extra, list):
            capabilities = [*(capabilities if isinstance(capabilities, list) else []), *extra]
    prefixes = _prefixes(settings)
    for capability in capabilities if isinstance(capabilities, list) else ():
        for name in CAPABILITY_SETTINGS.get(capability, ()) if isinstance(capability, str) else ():
            if name not in prefixes:  # a definition that lists `batch_config.*` says what it holds
                settings.setdefault(name, {"name": name})
    groups = _groups(lock_groups)
    for ancestor in reversed(ancestry):
        written = ancestor.item.get("settings_group_validation")
        if isinstance(written, list):
            groups = _groups(written)  # a project's own list replaces the definition's
    namespace = next((a.namespace for a in ancestry if a.namespace),
                     namespace if isinstance(namespace, str) else None)
    return Definitions(plugin, settings, groups, where, namespace, prefixes)


def _prefixes(settings: dict[str, dict]) -> frozenset[str]:
    if not any("." in name for name in settings):
        return _NO_PREFIXES  # most plugins: no nested setting names
    return frozenset(".".join(name.split(".")[:end]) for name in settings
                     for end in range(1, name.count(".") + 1))


def _groups(written: Any) -> tuple[tuple[str, ...], ...]:
    if not isinstance(written, list):
        return ()
    return tuple(tuple(n for n in group if isinstance(n, str)) for group in written
                 if isinstance(group, list) and group)


class ConfigKey(Struct, frozen=True):
    """A key written under a `config:` mapping, with its dotted setting name."""

    item: Item  # the plugin (or environment plugin) entry
    path: tuple  # inside the item, to the key
    name: str  # dotted: `batch_config.encoding.format`
    value: Any
    retyped: bool  # YAML 1.1 readers would not read the key as this text (`on`, `yes`): Y001's


def config_keys(item: Item, known: Definitions, retyped: set | None = None) -> Iterator[ConfigKey]:
    """The settings `item`'s `config:` sets, split the way Meltano reads nested settings.

    A mapping is read key by key while its dotted name is the start of a setting's
    name; once a key names a setting (or is unknown), its value is that setting's.
    `retyped` is `retyped_spans(item.file)`, for callers that ask of many items of a file.
    """
    config = item.get("config")
    if not isinstance(config, YMap):
        return
    if retyped is None:
        retyped = retyped_spans(item.file)
    stack: list[tuple[tuple, str, YMap]] = [(("config",), "", config)]
    while stack:
        path, prefix, mapping = stack.pop()
        for key, value in mapping.items():
            if not isinstance(key, str):
                continue  # Y001 reports keys that YAML made into numbers or booleans
            name = prefix + key
            if name in known.prefixes and name not in known.settings and isinstance(value, YMap):
                stack.append(((*path, key), name + ".", value))
            else:
                yield ConfigKey(item, (*path, key), name, value,
                                bool(retyped) and mapping.key_span(key) in retyped)


def retyped_spans(source: SourceFile) -> set:
    """Where YAML 1.1 made a key of `source` into something other than its text (Y001's)."""
    return {p.span for p in source.problems if p.kind == "implicit-type"}


def retyped_in(item: Item, kept: dict[int, set]) -> set:
    """`retyped_spans(item.file)`, kept by file in `kept` for one pass over many items.

    Each file's problems are then read once, not once per item: a file with many
    problems and thousands of plugins would otherwise cost their product. Keyed by the
    file's id: `kept` lives no longer than the pass, while the project holds its files.
    """
    found = kept.get(id(item.file))
    if found is None:
        found = kept[id(item.file)] = retyped_spans(item.file)
    return found


def setting_variables(known: Definitions, name: str) -> tuple[str, ...]:
    """The environment variables Meltano reads a setting from (Meltano 4.4.1's `env_vars`).

    `<PLUGIN>_<SETTING>` and `<NAMESPACE>_<SETTING>`, for the setting's name and each of its
    `aliases`, then its (deprecated, still read) `env_aliases` as written. A setting's `env:` is
    where Meltano *writes* the value for the plugin, not a name it reads, so it does not set
    the setting.
    """
    aliases = known.settings.get(name, {}).get("aliases")
    names = [name, *(a for a in aliases if isinstance(a, str))] if isinstance(aliases, list) else [name]
    prefixes = [p for p in (known.plugin.name, known.namespace) if p]
    found = []
    for each in names:
        for prefix in prefixes:
            variable = f"{env_word(prefix)}_{env_word(each)}"
            if variable not in found:
                found.append(variable)
    custom = known.settings.get(name, {}).get("env_aliases")
    if isinstance(custom, list):
        found += [v for v in custom if isinstance(v, str) and v and v not in found]
    return tuple(found)
