"""The project's named things, indexed once per run: plugins, mappings, jobs, environments.

Rules look names up here instead of scanning lists, so that cross-references
stay linear in the size of the project (issue 8 measures 5,000 of each).
Where a name is defined twice, the index keeps the first definition, as
Meltano does; the duplicates rules report the others.

`Context.index` holds the index of the current run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from onboard_action.load.lockfiles import LockFile, LockFiles
from onboard_action.load.project import EnvironmentPlugin, Item, Project

SINGULAR = {
    "extractors": "extractor", "loaders": "loader", "mappers": "mapper",
    "orchestrators": "orchestrator", "transformers": "transformer", "files": "file bundle",
    "utilities": "utility", "transforms": "transform",
}


class Plugin(Struct, frozen=True):
    """A plugin entry and its names, read once when it is made (`Plugin.of`).

    Rules ask for the names thousands of times a run, so they are read once, for each of
    thousands of plugins.
    """

    type: str
    item: Item
    name: str
    variant: str | None
    namespace: str | None
    # Meltano ignores `inherit_from` that names the plugin itself.
    inherit_from: str | None
    # Meltano's rule: a `namespace` without `inherit_from` embeds a custom definition.
    is_custom: bool

    @classmethod
    def of(cls, plugin_type: str, item: Item) -> Plugin:
        data = item.data if isinstance(item.data, dict) else {}
        name = data.get("name")
        name = name if isinstance(name, str) else ""
        parent = _text(data, "inherit_from")
        namespace = _text(data, "namespace")
        inherit_from = parent if parent != name else None
        return cls(plugin_type, item, name, _text(data, "variant"), namespace, inherit_from,
                   namespace is not None and inherit_from is None)

    def text(self, key: str) -> str | None:
        return _text(self.item.data, key) if isinstance(self.item.data, dict) else None

    @property
    def described(self) -> str:
        return f"{SINGULAR.get(self.type, self.type)} '{self.name}'"


class HubSource(Struct, frozen=True):
    """The Hub definition a plugin rests on, and the lock file that pins it."""

    plugin: Plugin  # the plugin whose entry names the Hub definition
    name: str  # the Hub plugin's name (the parent's, for plugins inheriting from the Hub)
    variant: str | None
    lock: LockFile | None


class Mapping(Struct, frozen=True):
    mapper: Plugin
    item: Item  # the entry of the mapper's `mappings:` list

    @property
    def name(self) -> str:
        return self.item.name or ""


class ProjectIndex:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.locks = LockFiles(project.root)
        # Plugins under an unknown type (`taps:`) do not exist for Meltano; P101 reports them.
        self.plugins: list[Plugin] = [
            Plugin.of(kind, item) for kind, item in project.plugins() if kind in SINGULAR and item.name]
        self.by_type: dict[str, dict[str, Plugin]] = {}
        self.by_name: dict[str, list[Plugin]] = {}
        for plugin in self.plugins:
            self.by_type.setdefault(plugin.type, {}).setdefault(plugin.name, plugin)
            self.by_name.setdefault(plugin.name, []).append(plugin)
        self.mappings: dict[str, list[Mapping]] = {}
        for mapper in self.by_type.get("mappers", {}).values():
            for mapping in self.mappings_of(mapper):
                self.mappings.setdefault(mapping.name, []).append(mapping)
        self.jobs: dict[str, Item] = _first_by_name(project.items("jobs"))
        self._hub_sources: dict[tuple[str, int], HubSource | None] = {}
        self._definitions: dict[tuple[str, int], dict[str, dict]] = {}
        self._lock_settings: dict[int, dict[str, dict]] = {}
        self.environments: dict[str, Item] = _first_by_name(project.items("environments"))

    # --- plugins ---------------------------------------------------------

    def find(self, plugin_type: str, name: str) -> Plugin | None:
        return self.by_type.get(plugin_type, {}).get(name)

    def configured(self, entry: EnvironmentPlugin) -> Plugin | None:
        """The project plugin an environment's plugin entry configures; None when it names none."""
        name = entry.item.name
        return self.find(entry.type, name) if name else None

    def parent(self, plugin: Plugin) -> Plugin | None:
        """The project plugin `plugin` inherits from, if it is one."""
        return self.find(plugin.type, plugin.inherit_from) if plugin.inherit_from else None

    def ancestry(self, plugin: Plugin) -> list[Plugin]:
        """`plugin`, its parent, and so on up to the root; stops at a cycle."""
        if plugin.inherit_from is None:
            return [plugin]  # most plugins: no need for the walk
        chain = [plugin]
        seen = {plugin.name}
        parent = self.parent(plugin)
        while parent is not None and parent.name not in seen:
            chain.append(parent)
            seen.add(parent.name)
            parent = self.parent(parent)
        return chain

    def cycle(self, plugin: Plugin) -> list[str] | None:
        """The names on an inheritance cycle that `plugin` starts, if any."""
        chain = self.ancestry(plugin)
        last = self.parent(chain[-1])
        if last is None or last.name != plugin.name:
            return None
        return [p.name for p in chain]

    def hub_source(self, plugin: Plugin) -> HubSource | None:
        """Where a non-custom plugin's definition comes from; None for custom plugins."""
        key = (plugin.type, id(plugin.item.data))  # callers rebuild Plugin objects, not entries
        # One lookup, not two: eight checks ask this of every plugin.
        found = self._hub_sources.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._hub_sources[key] = self._hub_source(plugin)
        return found

    def _hub_source(self, plugin: Plugin) -> HubSource | None:
        root = self.ancestry(plugin)[-1]
        if self.parent(root) is not None:  # an inheritance cycle: nothing to resolve
            return None
        if root.inherit_from:
            return HubSource(root, root.inherit_from, root.variant,
                             self.locks.find(root.type, root.inherit_from, root.variant))
        if root.is_custom:
            return None
        return HubSource(root, root.name, root.variant,
                         self.locks.find(root.type, root.name, root.variant))

    def setting_definitions(self, plugin: Plugin) -> dict[str, dict]:
        """Setting name -> its definition: the lock file's, then each ancestor's `settings:`.

        Worked out once per plugin entry; callers must not change what it returns.
        """
        key = (plugin.type, id(plugin.item.data))
        found = self._definitions.get(key)
        if found is None:
            found = self._definitions[key] = self._setting_definitions(plugin)
        return found

    def _setting_definitions(self, plugin: Plugin) -> dict[str, dict]:
        from_lock = merged = self.lock_settings(plugin)
        for ancestor in reversed(self.ancestry(plugin)):
            own = ancestor.item.get("settings")
            if isinstance(own, list):
                if merged is from_lock:
                    merged = dict(from_lock)  # the lock file's stay as they are, for others
                _merge_settings(merged, [s for s in own if isinstance(s, dict)])
        return merged

    def lock_settings(self, plugin: Plugin) -> dict[str, dict]:
        """Setting name -> its definition in the lock file `plugin` rests on ({} without one).

        Worked out once per lock file; callers must not change what it returns.
        """
        source = self.hub_source(plugin)
        lock = source.lock if source else None
        if lock is None or not lock.data:
            return {}
        key = id(lock)  # LockFiles keeps each LockFile it makes, so no other can take its id
        if key not in self._lock_settings:
            self._lock_settings[key] = {}
            _merge_settings(self._lock_settings[key], lock.settings)
        return self._lock_settings[key]

    def commands(self, plugin: Plugin) -> dict[str, Any] | None:
        """The commands `plugin` can run, or None when they cannot be known offline."""
        found: dict[str, Any] = {}
        source = self.hub_source(plugin)
        if source is not None:
            if source.lock is None or source.lock.data is None:
                return None
            found.update(source.lock.commands)
        for ancestor in reversed(self.ancestry(plugin)):
            own = ancestor.item.get("commands")
            if isinstance(own, dict):
                found.update(own)
        return found

    def mappings_of(self, mapper: Plugin) -> Iterator[Mapping]:
        entries = mapper.item.get("mappings")
        if not isinstance(entries, list):
            return
        for i, entry in enumerate(entries):
            item = Item(mapper.item.file, (*mapper.item.path, "mappings", i), entry)
            if item.name:
                yield Mapping(mapper, item)


_UNKNOWN = object()  # not worked out yet (None is an answer: a custom plugin)


def _text(data: dict, key: str) -> str | None:
    """The value of `key` when it is a non-empty string."""
    value = data.get(key)
    return value if isinstance(value, str) and value else None


def _first_by_name(items: list[Item]) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for item in items:
        name = item.name
        if name:
            found.setdefault(name, item)
    return found


def _merge_settings(merged: dict[str, dict], settings: list[dict]) -> None:
    for setting in settings:
        name = setting.get("name")
        if isinstance(name, str) and name:
            # Shared, not copied, until a later definition overrides part of it: nobody changes them.
            merged[name] = {**merged[name], **setting} if name in merged else setting
