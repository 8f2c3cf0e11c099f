"""What the setting definitions mark sensitive: per plugin, and per environment variable.

A setting is sensitive when its definition (the lock file's for a Hub
plugin, an ancestor's `settings:` otherwise) says `sensitive: true` or
`kind: password` / `kind: oauth`. P501 reports literal values of these; the
name-based credential rule (R004) leaves them to it.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct

from onboard_action.model.index import Plugin, ProjectIndex
from onboard_action.model.variables import env_var, env_word

SENSITIVE_KINDS = ("password", "oauth")


class Sensitive(Struct, frozen=True):  # one for each sensitive setting of thousands of plugins: kept light
    plugin: Plugin
    setting: str
    why: str  # "kind: password in its lock file", ...
    default: Any = None  # the definition's `value`: public in the lock file, so never a committed secret
    from_lock: bool = False

    @property
    def names_a_thing(self) -> bool:
        """A setting named like an id or a name, which a lock file may mark sensitive all the same."""
        return self.from_lock and last_word(self.setting) in NAME_WORDS


# Last words of setting names that name a thing; plugin authors mark some of them sensitive.
NAME_WORDS = frozenset({"id", "name", "user", "username", "login", "email", "account", "region",
                        "project", "database", "schema", "org", "organization", "tenant", "workspace"})


def last_word(setting: str) -> str:
    return re.split(r"[^a-z0-9]+", setting.lower().rsplit(".", 1)[-1])[-1]


def _sensitive_settings(index: ProjectIndex, plugin: Plugin,
                        definitions: dict[str, dict]) -> dict[str, Sensitive]:
    """Setting name (and alias) -> why it is sensitive, for one plugin and its definitions."""
    found: dict[str, Sensitive] = {}
    from_lock = None  # looked up for the first sensitive setting: most plugins have none
    for name, definition in definitions.items():
        kind = definition.get("kind")
        if definition.get("sensitive") is True:
            reason = "sensitive: true"
        elif kind in SENSITIVE_KINDS:
            reason = f"kind: {kind}"
        else:
            continue
        if from_lock is None:
            from_lock = index.lock_settings(plugin)
        locked = name in from_lock
        where = "its lock file" if locked else "its `settings:`"
        entry = Sensitive(plugin, name, f"{reason} in {where}", definition.get("value"), locked)
        found[name] = entry
        aliases = definition.get("aliases")
        for alias in aliases if isinstance(aliases, list) else ():
            if isinstance(alias, str):
                found.setdefault(alias, entry)
    return found


def _env_names(plugin: Plugin, setting: str, definition: dict) -> set[str]:
    """The environment variables that set `setting` of `plugin` (Meltano's `to_env_var`)."""
    names = {env_var(plugin.name, setting)}
    if plugin.namespace:
        names.add(env_var(plugin.namespace, setting))
    if isinstance(definition.get("env"), str):
        names.add(definition["env"])
    return names


class SensitiveVariables:
    """Environment variable name -> the sensitive setting it sets, for `in` and `[]`.

    Meltano names a setting's variables `<PLUGIN>_<SETTING>` and
    `<NAMESPACE>_<SETTING>`, or as the definition's `env:` says. The table of
    every plugin's variables (thousands) is made at the first question about a
    name that can be in it: most `env:` keys (`TARGET_SCHEMA`) end in no
    sensitive setting's name, and are answered without it.
    """

    def __init__(self, index: ProjectIndex, by_plugin: dict[int, dict[str, Sensitive]],
                 definitions: dict[int, dict[str, dict]]) -> None:
        self._index, self._by_plugin, self._definitions = index, by_plugin, definitions
        self._table: dict[str, Sensitive] | None = None
        names = {setting for sensitive in by_plugin.values() for setting in sensitive}
        self._any = bool(names)
        # A definition's own `env:`, or an empty alias (whose variable is the plugin's name
        # alone), may name any variable: then every name is looked up in the table.
        anything = "" in names or any(
            isinstance(definitions[key].get(setting, {}).get("env"), str)
            for key, sensitive in by_plugin.items() for setting in sensitive)
        self._endings = None if anything else tuple("_" + env_word(name) for name in names)

    def __bool__(self) -> bool:
        return self._any

    def __contains__(self, name: str) -> bool:
        return self._get(name) is not None

    def __getitem__(self, name: str) -> Sensitive:
        found = self._get(name)
        if found is None:
            raise KeyError(name)
        return found

    def _get(self, name: str) -> Sensitive | None:
        if self._endings is not None and not name.endswith(self._endings):
            return None
        if self._table is None:
            self._table = {}
            for plugin in self._index.plugins:
                definitions = self._definitions[id(plugin)]
                for setting, entry in self._by_plugin[id(plugin)].items():
                    for variable in _env_names(plugin, setting, definitions.get(setting, {})):
                        self._table.setdefault(variable, entry)
        return self._table.get(name)


class SensitiveSettings(Struct, frozen=True):
    """Every plugin's sensitive settings, worked out once per run (`Context.sensitive`)."""

    by_plugin: dict[int, dict[str, Sensitive]]  # id(plugin) -> setting name or alias -> Sensitive
    variables: SensitiveVariables

    @classmethod
    def of_index(cls, index: ProjectIndex) -> SensitiveSettings:
        by_plugin: dict[int, dict[str, Sensitive]] = {}
        definitions: dict[int, dict[str, dict]] = {}
        for plugin in index.plugins:
            definitions[id(plugin)] = index.setting_definitions(plugin)
            by_plugin[id(plugin)] = _sensitive_settings(index, plugin, definitions[id(plugin)])
        return cls(by_plugin, SensitiveVariables(index, by_plugin, definitions))

    def of(self, plugin: Plugin) -> dict[str, Sensitive]:
        """Setting name (and alias) -> why it is sensitive, for one plugin of the index."""
        return self.by_plugin.get(id(plugin), {})
