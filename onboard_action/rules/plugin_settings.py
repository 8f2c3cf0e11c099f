"""Plugin config against the plugin's own definition: names, kinds, required groups.

A lock file holds a Hub plugin's full definition (issue 21): what each setting is
called, its kind, and `settings_group_validation`, the groups of settings of which
one must be completely set. "Required key is missing from config" is the most
common first failure of a run, and these checks find it before the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from onboard_action.findings import GUIDE, Finding, Location, Severity
from onboard_action.load.project import Item
from onboard_action.model.context import Context
from onboard_action.model.plugin_settings import (
    ConfigKey,
    Definitions,
    config_keys,
    definitions,
    retyped_in,
    setting_variables,
)
from onboard_action.model.variables import provided_by_project
from onboard_action.rules import check, per_run, rule
from onboard_action.rules.jobs import scheduled_plugins
from onboard_action.rules.secrets_file import inspected
from onboard_action.values.suggest import Suggestions

_TAP = "plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"

SETTING_UNKNOWN = rule(
    "P701", "setting-unknown", Severity.WARNING,
    "config key that the plugin does not define",
    """
    Meltano takes the names of a plugin's settings from its definition: the
    lock file of a Hub plugin, the `settings:` of a custom one, and those of
    the plugin it inherits from. A key under `config:` that none of them
    defines is passed on as a "custom" setting, which the connector usually
    ignores, so a misspelt `aws_default_regoin` leaves the real setting unset.
    Keys that start with `_` (`_select`, `_catalog`...) are Meltano's extras
    and always allowed. Fix the name, or, for a setting the connector really
    takes, add it to the plugin's `settings:`.
    """,
    bad=_TAP + "      config:\n        auth_tokn: ${GITHUB_TOKEN}\n",
    good=_TAP + "      config:\n        auth_token: ${GITHUB_TOKEN}\n",
)
SETTING_KIND = rule(
    "P702", "setting-kind-mismatch", Severity.WARNING,
    "config value that its setting's kind cannot hold",
    """
    Meltano converts a setting's value to the setting's `kind` before a run:
    an `integer` setting holding `abc`, or an `options` setting holding a
    value that is not one of its options, fails the run, and a `boolean`
    holding `maybe` silently becomes false. Write a value of the setting's
    kind (the lock file lists its kind and options).
    """,
    bad=_TAP + "      config:\n        rate_limit_buffer: plenty\n",
    good=_TAP + "      config:\n        rate_limit_buffer: 1000\n",
)
GROUP_UNSATISFIED = rule(
    "P703", "required-settings-missing", Severity.ERROR,
    "scheduled plugin lacks the settings its definition requires",
    """
    A plugin's `settings_group_validation` lists groups of settings; the
    connector needs every setting of at least one group, or the run stops with
    "Required key is missing from config". For each plugin that a schedule of
    the onboarding environment runs, this check looks at everything that will
    be set at run time: config in meltano.yml and in the environment, the
    definition's defaults, `env:` blocks, and the variables the secrets
    (secrets.yml, the .env, the `secrets` input) provide, by Meltano's names
    (`TAP_GITHUB_AUTH_TOKEN` for `tap-github`'s `auth_token`). Set the missing
    settings in `config:` or add their variables to the .env and encrypt again.
    """,
    bad="# meltano.yml\n" + _TAP + "      config:\n        start_date: '2024-01-01'\n"
        "# .env\nTAP_GITHUB_AUTH_TOKEN=ghp_example\n",
    good="# meltano.yml\n" + _TAP + "      config:\n        start_date: '2024-01-01'\n"
         "# .env\nTAP_GITHUB_AUTH_TOKEN=ghp_example\nTAP_GITHUB_REPOSITORIES=[\"meltano/meltano\"]\n",
)
GROUP_FROM_SECRETS = rule(
    "P704", "required-settings-from-secrets", Severity.NOTICE,
    "scheduled plugin's required settings must come from secrets",
    """
    The project itself does not set every setting of any of the plugin's
    required groups (see P703). With no secrets.yml and no .env given to the
    check, it cannot tell whether the secrets will; this notice names the
    settings and the variables that must hold them. Give the check the .env
    (`--dotenv-path`) or commit secrets.yml to have it checked.
    """,
    bad=_TAP + "      config:\n        start_date: '2024-01-01'\n",
    good=_TAP + "      config:\n        start_date: '2024-01-01'\n        repositories: [meltano/meltano]\n",
    targets=GUIDE,
)


# --- unknown keys and kinds ------------------------------------------------

@per_run
def known_settings(context: Context) -> dict[int, Definitions | None]:
    """Each plugin entry's settings (keyed by the entry), worked out once per run for every check."""
    index = context.index
    return {id(plugin.item.data): definitions(index, plugin) for plugin in index.plugins}


@per_run
def _environment_entries(context: Context) -> dict[tuple[str, str, str], list[Item]]:
    """(environment, type, plugin name) -> the entries of `environments[].config.plugins`."""
    found: dict[tuple[str, str, str], list[Item]] = {}
    for entry in context.project.environment_plugins():
        if entry.environment.name and entry.item.name:
            found.setdefault((entry.environment.name, entry.type, entry.item.name), []).append(entry.item)
    return found


def _configured(context: Context) -> Iterator[tuple[Item, Definitions]]:
    """Each `config:` Meltano reads (plugin entries, environment entries), with its plugin's settings."""
    index = context.index
    known = known_settings(context)
    for plugin in index.plugins:
        if plugin.item.get("config") is not None and (defined := known[id(plugin.item.data)]):
            yield plugin.item, defined
    for entry in index.project.environment_plugins():
        plugin = index.configured(entry)
        if plugin is not None and entry.item.get("config") is not None and (
                defined := known.get(id(plugin.item.data))):
            yield entry.item, defined


@check(SETTING_UNKNOWN, SETTING_KIND)
def config_against_definitions(context: Context) -> Iterator[Finding]:
    suggestions = Suggestions()
    retyped: dict[int, set] = {}
    for item, known in _configured(context):
        for key in config_keys(item, known, retyped_in(item, retyped)):
            if key.name.startswith("_") or key.retyped:
                continue  # extras (`_select`, `_catalog`...); a key such as `on` is Y001's to report
            if not known.knows(key.name):
                yield _unknown(key, known, suggestions)
            elif key.name in known.settings:
                problem = kind_problem(known.settings[key.name], key.value)
                if problem:
                    yield SETTING_KIND.finding(
                        key.item.location(*key.path),
                        f"setting `{key.name}` of {known.plugin.described} is {problem}",
                        _kind_hint(known.settings[key.name]))


def _unknown(key: ConfigKey, known: Definitions, suggestions: Suggestions) -> Finding:
    close = suggestions.closest(key.name, id(known.settings), lambda: sorted(known.settings))
    hint = (f"did you mean `{close}`?" if close else
            "fix the name; if the connector takes this setting, add it to the plugin's `settings:`")
    return SETTING_UNKNOWN.finding(
        key.item.location(*key.path, key=True),
        f"{known.plugin.described} has no setting `{key.name}` ({known.source} defines "
        f"{len(known.settings)}); Meltano passes it on as a custom setting, which the connector "
        "is likely to ignore", hint)


_FALSY = ("false", "0", "no", "off")
_TRUTHY = ("true", "1", "yes", "on")  # Meltano's utils.TRUTHY; any other text reads as false


def kind_problem(definition: dict, value: Any) -> str | None:
    """What is wrong with `value` for a setting of this definition's kind, in words; None when fine."""
    if value is None or (isinstance(value, str) and "$" in value):
        return None  # unset, or a variable: known only at run time
    kind = definition.get("kind")
    shown = _shown(value)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int | str) or (
                isinstance(value, str) and not _parses(int, value)):
            return f"an integer setting, but holds {shown}, which Meltano cannot read as an integer"
    elif kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, int | float | str) or (
                isinstance(value, str) and not _parses(Decimal, value)):
            return f"a decimal setting, but holds {shown}, which Meltano cannot read as a number"
    elif kind == "boolean":
        if isinstance(value, str) and value.lower() not in _TRUTHY + _FALSY:
            return f"a boolean setting, but holds {shown}, which Meltano reads as false"
        if not isinstance(value, bool | str):
            return f"a boolean setting, but holds {shown}"
    elif kind == "options":
        options = [o.get("value") for o in definition.get("options") or () if isinstance(o, dict)]
        if options and all(option != value for option in options):
            return (f"an options setting, but holds {shown}, which is not one of its options, "
                    "so Meltano refuses it")
    elif kind in ("array", "object"):
        wanted = list if kind == "array" else dict
        if isinstance(value, str):
            value = _parsed(value)
        if not isinstance(value, wanted):
            return f"{'an array' if kind == 'array' else 'an object'} setting, but holds {shown}"
    return None


def _kind_hint(definition: dict) -> str:
    if definition.get("kind") == "options":
        values = [o.get("value") for o in definition.get("options") or () if isinstance(o, dict)]
        return "use one of: " + ", ".join(f"`{v}`" for v in values)
    if definition.get("kind") == "boolean":
        return "write `true` or `false`"
    return f"write a value of kind `{definition.get('kind')}`"


def _parses(kind: type, text: str) -> bool:
    try:
        kind(text.strip())
    except (ValueError, InvalidOperation):
        return False
    return True


# Meltano parses array and object values written as text with json.loads, then ast.literal_eval.
_LONGEST_PARSED = 100_000


def _parsed(text: str) -> Any:
    if len(text) > _LONGEST_PARSED:
        return text
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    import ast  # here: most values are JSON, and ast costs a small check 1.5 ms to import

    try:
        return ast.literal_eval(text)  # evaluates literals only: no name, call or attribute
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


# --- required settings -----------------------------------------------------

def _secret_names(context: Context) -> set[str] | None:
    """The variable names the secrets provide, or None when the check was given no secrets."""
    names: set[str] | None = None
    for result in inspected(context):
        if result.source is not None and result.entries:
            names = (names or set()) | {n for n in result.names if n}
    secrets = context.secrets
    if secrets is not None and (secrets.written_names or secrets.dotenv_names):
        names = (names or set()) | set(secrets.written_names) | set(secrets.dotenv_names)
    return names


def set_at_run_time(context: Context, known: Definitions, variables: set[str]) -> set[str]:
    """The setting names that config, defaults and `variables` will set for the plugin."""
    index = context.index
    written: set[str] = {name for name, d in known.settings.items() if d.get("value") is not None}
    ancestry = index.ancestry(known.plugin)
    entries = _environment_entries(context)
    sources = [a.item for a in ancestry]
    for ancestor in ancestry:
        sources += entries.get((context.onboarding_environment, ancestor.type, ancestor.name), [])
    for item in sources:
        written.update(key.name for key in config_keys(item, known) if key.value is not None)
    for name in known.settings:
        if any(variable in variables for variable in setting_variables(known, name)):
            written.add(name)
    return written


def _covered(setting: str, written: set[str]) -> bool:
    if setting in written:
        return True
    parts = setting.split(".")
    # `batch_config: {...}` written whole sets `batch_config.encoding.format`.
    return any(".".join(parts[:end]) in written for end in range(1, len(parts)))


@check(GROUP_UNSATISFIED, GROUP_FROM_SECRETS)
def required_settings(context: Context) -> Iterator[Finding]:
    if not context.project.loaded:
        return
    index = context.index
    environment = context.onboarding_environment
    secrets = _secret_names(context)
    provided = provided_by_project(context.project) | (secrets or set())
    known_of = known_settings(context)
    for plugin in scheduled_plugins(context):
        known = known_of.get(id(plugin.item.data))
        if known is None or not known.groups:
            continue
        written = set_at_run_time(context, known, provided)
        missing_by_group = [[s for s in group if not _covered(s, written)] for group in known.groups]
        if any(not missing for missing in missing_by_group):
            continue
        # The group the project started to set is the one it means; else the one closest to done.
        _, missing = min(zip(known.groups, missing_by_group, strict=True),
                         key=lambda pair: (len(pair[1]) - len(pair[0]), len(pair[1])))
        named = ", ".join(f"`{s}`" for s in missing)
        variables = ", ".join(setting_variables(known, s)[0] for s in missing)
        alternatives = (f" (or all the settings of another of its {len(known.groups)} settings groups)"
                        if len(known.groups) > 1 else "")
        source = index.hub_source(plugin)
        where = Location(source.lock.path) if source and source.lock else None
        if secrets is None:
            yield GROUP_FROM_SECRETS.finding(
                plugin.item.name_location(),
                f"{plugin.described} runs on a schedule in environment '{environment}' and needs "
                f"{named}{alternatives}, which the project does not set: the secrets must provide "
                f"{variables}", "put them in the .env that is encrypted into secrets.yml, or set them "
                                "under the plugin's `config:`", related=[where] if where else [])
        else:
            yield GROUP_UNSATISFIED.finding(
                plugin.item.name_location(),
                f"{plugin.described} runs on a schedule in environment '{environment}' but "
                f"{named}{alternatives} {'is' if len(missing) == 1 else 'are'} set nowhere: not in "
                f"its config, the environment's, an `env:` block or the secrets ({variables})",
                f"set {named} under the plugin's `config:`, or add {variables} to the .env and "
                "encrypt it again", related=[where] if where else [])
