"""Environment-level plugin config for plugins the project does not define.

`environments[].config.plugins.<type>[]` entries override the config of the
project's plugins while that environment is active. Meltano matches them by
type and name and silently ignores an entry that matches nothing, so a
misspelt name means production quietly runs with the base config.
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Severity
from onboard_action.model.context import Context
from onboard_action.model.index import SINGULAR, ProjectIndex
from onboard_action.rules import check, rule
from onboard_action.values.suggest import Suggestions

ENVIRONMENT_PLUGIN_UNKNOWN = rule(
    "R002", "environment-config-unknown-plugin", Severity.WARNING,
    "environment configures a plugin the project does not define",
    """
    An environment's `config: plugins:` entry applies only to a project
    plugin of the same type and name. Meltano silently ignores an entry that
    names no such plugin, so the environment runs with the plugin's base
    config (for `prod`, often the wrong database). Fix the name or the type so
    that it matches a plugin of the project (any project file), or remove the
    entry.
    """,
    bad="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
        "environments:\n  - name: prod\n    config:\n      plugins:\n        loaders:\n"
        "          - name: target-postgre\n            config:\n              database: prod\n",
    good="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
         "environments:\n  - name: prod\n    config:\n      plugins:\n        loaders:\n"
         "          - name: target-postgres\n            config:\n              database: prod\n",
)


@check(ENVIRONMENT_PLUGIN_UNKNOWN)
def environment_plugins_exist(context: Context) -> Iterator[Finding]:
    index = context.index
    suggestions = Suggestions()
    for entry in index.project.environment_plugins():
        item, plugin_type = entry.item, entry.type
        name = item.name
        if plugin_type not in SINGULAR or name is None or index.configured(entry) is not None:
            continue  # an unknown type is P101's; an entry that names a project plugin is right
        hint = _retype_hint(index, name, plugin_type)
        if hint is None:
            close = suggestions.closest(name, plugin_type,
                                        lambda kind=plugin_type: list(index.by_type.get(kind, {})))
            hint = f"did you mean `{close}`?" if close else None
        yield ENVIRONMENT_PLUGIN_UNKNOWN.finding(
            item.location("name"),
            f"environment '{entry.environment.name or '?'}' configures {SINGULAR[plugin_type]} "
            f"'{name}', which the project does not define, so Meltano silently ignores this config",
            hint or f"fix the name to match one of the project's {plugin_type}, or remove the entry")


def _retype_hint(index: ProjectIndex, name: str, plugin_type: str) -> str | None:
    """When the name belongs to a plugin of another type, the entry sits under the wrong type."""
    others = [p for p in index.by_name.get(name, ()) if p.type != plugin_type]
    if not others:
        return None
    return (f"'{name}' is {_article(SINGULAR[others[0].type])}: move this entry under "
            f"`{others[0].type}:`")


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
