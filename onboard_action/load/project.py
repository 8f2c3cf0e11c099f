"""The one project model every rule reads: files, with positions, and what they define."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from onboard_action.findings import Location
from onboard_action.load.yamlfile import Span, YamlProblem, YList, YMap, span_at
from onboard_action.records import repr_without

PLUGIN_TYPES = (
    "extractors", "loaders", "mappers", "orchestrators",
    "transformers", "files", "utilities", "transforms",
)


class SourceFile(Struct):
    """One YAML file as loaded: its data (YMap, or None when unusable) and text."""

    path: Path  # absolute
    data: Any
    text: str = ""
    problems: list[YamlProblem] = field(default_factory=list)
    retyped: int = 0  # how many values YAML re-typed (YamlDocument.retyped)

    def location(self, path: tuple = (), *, key: bool = False) -> Location:
        """The location of the value (or key) at `path` inside this file."""
        return to_location(self.path, span_at(self.data, path, key=key))

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def to_location(file: Path, span: Span | None) -> Location:
    if span is None:
        return Location(file)
    return Location(file, span.line, span.column, span.end_line, span.end_column)


class Item(Struct):
    """A named entry (plugin, job, schedule, environment) and where it was written."""

    file: SourceFile
    path: tuple  # inside file.data, e.g. ("plugins", "extractors", 3)
    data: Any  # usually a YMap; anything when the file is malformed

    @property
    def name(self) -> str | None:
        name = self.data.get("name") if isinstance(self.data, dict) else None
        return name if isinstance(name, str) else None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default) if isinstance(self.data, dict) else default

    def location(self, *sub: Any, key: bool = False) -> Location:
        """Where `sub` (a path below this item) is; the item itself when empty."""
        return self.file.location(self.path + sub, key=key)

    def name_location(self) -> Location:
        return self.location("name") if self.name is not None else self.location()


class EnvironmentPlugin(Struct, frozen=True):
    """An entry of `environments[].config.plugins.<type>[]`: a plugin's config in that environment."""

    environment: Item
    type: str  # the key it is written under, whether Meltano knows that type or not
    item: Item


class IncludePattern(Struct):
    pattern: str
    location: Location
    matches: list[Path] = field(default_factory=list)
    refused: bool = False  # reported by the loader already (e.g. it leaves the project)


class LoadProblem(Struct):
    """Something that stopped a file from loading; the file rules turn it into a finding."""

    kind: str  # see onboard_action.rules.files for the kinds
    location: Location
    detail: dict = field(default_factory=dict)


class Project(Struct, weakref=True):
    root: Path
    meltano_file: SourceFile | None = None
    included: list[SourceFile] = field(default_factory=list)
    includes: list[IncludePattern] = field(default_factory=list)
    load_problems: list[LoadProblem] = field(default_factory=list)
    # Rules ask for the same entries many times a run: each list is made once per set of files.
    _entries: dict[tuple, list] = field(default_factory=dict)

    __repr__ = repr_without("_entries")

    @property
    def files(self) -> list[SourceFile]:
        """meltano.yml first, then included files in the order Meltano merges them."""
        head = [self.meltano_file] if self.meltano_file else []
        return head + self.included

    @property
    def usable_files(self) -> Iterator[SourceFile]:
        return (f for f in self.files if isinstance(f.data, YMap))

    @property
    def loaded(self) -> bool:
        return self.meltano_file is not None and isinstance(self.meltano_file.data, YMap)

    def items(self, key: str) -> list[Item]:
        """Every entry of a top-level list (`jobs`, `schedules`, `environments`), all files."""
        return self._once(("items", key), lambda: self._items(key))

    def plugins(self, plugin_type: str | None = None) -> list[tuple[str, Item]]:
        """(type, plugin) for every plugin in every file, optionally of one type."""
        return self._once(("plugins", plugin_type), lambda: self._plugins(plugin_type))

    def environment_plugins(self) -> list[EnvironmentPlugin]:
        """Every plugin entry (a mapping) under an environment's `config: plugins:`, all files."""
        return self._once(("environment plugins",), self._environment_plugins)

    def _once(self, what: tuple, make: Callable[[], list]) -> list:
        key = (*what, id(self.meltano_file), len(self.included))  # files still loading: a new list
        if key not in self._entries:
            self._entries[key] = make()
        return list(self._entries[key])  # a copy: callers may extend what they get

    def _items(self, key: str) -> list[Item]:
        found = []
        for source in self.usable_files:
            entries = source.data.get(key)
            if isinstance(entries, list):
                found.extend(Item(source, (key, i), entry) for i, entry in enumerate(entries))
        return found

    def _plugins(self, plugin_type: str | None) -> list[tuple[str, Item]]:
        found = []
        for source in self.usable_files:
            by_type = source.data.get("plugins")
            if not isinstance(by_type, dict):
                continue
            for kind, entries in by_type.items():
                if plugin_type not in (None, kind) or not isinstance(entries, list):
                    continue
                found.extend(
                    (kind, Item(source, ("plugins", kind, i), entry))
                    for i, entry in enumerate(entries))
        return found

    def _environment_plugins(self) -> list[EnvironmentPlugin]:
        found = []
        for environment in self.items("environments"):
            base = (*environment.path, "config", "plugins")
            config = environment.get("config")
            by_type = config.get("plugins") if isinstance(config, YMap) else None
            if not isinstance(by_type, YMap):
                continue
            for kind, entries in by_type.items():
                for i, entry in enumerate(entries if isinstance(entries, YList) else ()):
                    if isinstance(entry, YMap):
                        item = Item(environment.file, (*base, kind, i), entry)
                        found.append(EnvironmentPlugin(environment, kind, item))
        return found

    def setting(self, key: str, default: Any = None) -> tuple[Any, SourceFile | None]:
        """A top-level scalar as Meltano merges it (later files win) and the file it came from."""
        value, origin = default, None
        for source in self.usable_files:
            if key in source.data:
                value, origin = source.data[key], source
        return value, origin
