"""Rules about secrets in the repository: literal sensitive settings, keys in YAML, `.env` in git.

Findings here name the setting and the place, never the value. The git
rules ask git itself (tracked files, `git check-ignore`); outside a git
repository they say nothing rather than guess.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.model.index import Plugin, ProjectIndex, index_of
from onboard_action.model.variables import REFERENCE, env_var, env_word
from onboard_action.rules import check, rule

SENSITIVE_KINDS = ("password", "oauth")

SENSITIVE_LITERAL = rule(
    "P501", "sensitive-setting-literal", Severity.ERROR,
    "sensitive setting holds a literal value",
    """
    A setting that its definition marks `sensitive: true` or `kind: password` /
    `kind: oauth` (in meltano.yml for custom plugins, in the lock file for Hub
    plugins) must be a `$VAR` / `${VAR}` reference. A literal value is committed
    in plain text for everyone with access to the repository; Meltano only hides
    it in its own output. Replace it with a reference, provide the value as a
    secret, and rotate the one that was committed.
    """,
    bad="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
        "      config:\n        password: hunter2\n",
    good="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
         "      config:\n        password: ${TARGET_POSTGRES_PASSWORD}\n",
)
PRIVATE_KEY_IN_PROJECT = rule(
    "P502", "private-key-in-project", Severity.ERROR,
    "private key in a project file",
    """
    A `-----BEGIN ... PRIVATE KEY-----` block in a project file puts a private
    key in the repository and its history. Move the key to a secret referenced
    as `${NAME}`, and replace the key, which must be considered leaked.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-snowflake\n      config:\n        private_key: |\n"
        "          -----BEGIN PRIVATE KEY-----\n          ...\n",
    good="plugins:\n  extractors:\n    - name: tap-snowflake\n      config:\n"
         "        private_key: ${TAP_SNOWFLAKE_PRIVATE_KEY}\n",
)
AWS_KEY_IN_PROJECT = rule(
    "P503", "aws-access-key-in-project", Severity.ERROR,
    "AWS access key id in a project file",
    """
    An AWS access key id (`AKIA...`, `ASIA...`) in a project file usually sits
    next to its secret key, and names a credential that is now in the
    repository's history. Move both to secrets referenced as `${NAME}` and
    rotate the key pair.
    """,
    bad="state_backend:\n  uri: s3://abc-meltano-state\n  s3:\n    aws_access_key_id: AKIA...\n",
    good="state_backend:\n  uri: s3://abc-meltano-state\n  s3:\n"
         "    aws_access_key_id: ${AWS_ACCESS_KEY_ID}\n",
)
DOTENV_TRACKED = rule(
    "P504", "dotenv-tracked", Severity.ERROR,
    "`.env` is tracked by git",
    """
    `.env` holds the project's secrets in plain text; committed, it is readable
    by everyone with access to the repository, forever (history keeps it).
    Meltano Cloud takes secrets from the encrypted `secrets.yml` instead. Run
    `git rm --cached .env`, add `.env` to `.gitignore`, and rotate every secret
    it held. Checked only inside a git repository.
    """,
    bad="# git ls-files\n.env\nmeltano.yml\n",
    good="# git ls-files\n.gitignore\nmeltano.yml\n",
)
GITIGNORE_INCOMPLETE = rule(
    "P505", "gitignore-incomplete", Severity.WARNING,
    "`.gitignore` does not cover `.env` and `.meltano/`",
    """
    `.env` holds secrets and `.meltano/` holds Meltano's system database,
    installed plugins and logs (which can contain secrets too). Without
    `.gitignore` entries, one `git add .` commits them. Add `.env` and
    `.meltano/` to `.gitignore`. Checked only inside a git repository, by
    asking git which paths it ignores.
    """,
    bad="# .gitignore\n.venv/\n",
    good="# .gitignore\n.venv/\n.env\n.meltano/\n",
)

PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
# Long-term (AKIA) and temporary (ASIA) access key ids, and the rarer kinds AWS documents.
AWS_KEY_PREFIXES = ("AKIA", "ASIA", "ABIA", "ACCA")
AWS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:" + "|".join(AWS_KEY_PREFIXES) + r")[A-Z0-9]{16}(?![A-Z0-9])")
# `.env.example` and friends are meant to be committed: they hold names, not values.
DOTENV_TEMPLATES = re.compile(r"\.env\.(example|sample|template|dist|defaults?)$", re.IGNORECASE)


# --- sensitive settings --------------------------------------------------------------

class Sensitive(NamedTuple):  # one for each sensitive setting of thousands of plugins: kept light
    plugin: Plugin
    setting: str
    why: str  # "kind: password in its lock file", ...


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
        where = "its lock file" if name in from_lock else "its `settings:`"
        entry = Sensitive(plugin, name, f"{reason} in {where}")
        found[name] = entry
        aliases = definition.get("aliases")
        for alias in aliases if isinstance(aliases, list) else ():
            if isinstance(alias, str):
                found.setdefault(alias, entry)
    return found


def is_literal(value: Any) -> bool:
    """A value that is set and holds no variable reference (Meltano's own matching)."""
    if value is None or value == "":
        return False
    if isinstance(value, str):
        return REFERENCE.search(value) is None
    if isinstance(value, (YMap, YList, dict, list)):
        children = value.values() if isinstance(value, dict) else value
        return any(is_literal(child) for child in children)
    return True  # numbers and booleans are literals too


def _config_literals(config: YMap, sensitive: dict[str, Sensitive],
                     prefix: str = "") -> Iterator[tuple[tuple, Sensitive]]:
    """Paths (inside `config`) of literal values of sensitive settings; `a.b` matches nesting."""
    for key, value in config.items():
        name = f"{prefix}{key}" if prefix else key
        if name in sensitive:
            if is_literal(value):
                yield (key,), sensitive[name]
        elif isinstance(value, YMap):
            for sub, entry in _config_literals(value, sensitive, name + "."):
                yield (key, *sub), entry


def _env_names(plugin: Plugin, setting: str, definition: dict) -> set[str]:
    """The environment variables that set `setting` of `plugin` (Meltano's `to_env_var`)."""
    names = {env_var(plugin.name, setting)}
    if plugin.namespace:
        names.add(env_var(plugin.namespace, setting))
    if isinstance(definition.get("env"), str):
        names.add(definition["env"])
    return names


def _environment_plugin_entries(index: ProjectIndex) -> Iterator[tuple[Item, Plugin]]:
    """Plugin entries under `environments[].config.plugins`, with the project plugin they configure."""
    for entry in index.project.environment_plugins():
        plugin = index.configured(entry)
        if plugin is not None:
            yield entry.item, plugin


def _env_blocks(index: ProjectIndex) -> Iterator[tuple[Item, tuple]]:
    """Every `env:` mapping as (owner, path of `env` inside the owner)."""
    project = index.project
    for source in project.usable_files:
        if isinstance(source.data.get("env"), YMap):
            yield Item(source, (), source.data), ("env",)
    for plugin in index.plugins:
        if isinstance(plugin.item.get("env"), YMap):
            yield plugin.item, ("env",)
    for key in ("environments", "schedules"):
        for item in project.items(key):
            if isinstance(item.get("env"), YMap):
                yield item, ("env",)
    for item, _plugin in _environment_plugin_entries(index):
        if isinstance(item.get("env"), YMap):
            yield item, ("env",)


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


# context.extras key: (id(plugin) -> setting name or alias -> Sensitive, SensitiveVariables).
KNOWN_SENSITIVE_KEY = "known_sensitive"


def known_sensitive(context: Context) -> tuple[dict[int, dict[str, Sensitive]], SensitiveVariables]:
    """What the definitions mark sensitive, per plugin and per environment variable; once per run.

    The name-based credential rule (R004) leaves these to P501.
    """
    cached = context.extras.get(KNOWN_SENSITIVE_KEY)
    if cached is not None:
        return cached
    index = index_of(context)
    by_plugin: dict[int, dict[str, Sensitive]] = {}
    definitions: dict[int, dict[str, dict]] = {}
    for plugin in index.plugins:
        definitions[id(plugin)] = index.setting_definitions(plugin)
        by_plugin[id(plugin)] = _sensitive_settings(index, plugin, definitions[id(plugin)])
    cached = context.extras[KNOWN_SENSITIVE_KEY] = (
        by_plugin, SensitiveVariables(index, by_plugin, definitions))
    return cached


@check
def sensitive_literals(context: Context) -> Iterator[Finding]:
    index = index_of(context)
    by_plugin, env_names = known_sensitive(context)
    # Plugin config, then environment-level config of the same plugins.
    configured = [(plugin.item, plugin) for plugin in index.plugins]
    configured += list(_environment_plugin_entries(index))
    for item, plugin in configured:
        sensitive = by_plugin.get(id(plugin))
        config = item.get("config")
        if sensitive and isinstance(config, YMap):
            for sub, entry in _config_literals(config, sensitive):
                yield _literal_finding(
                    item.location("config", *sub, key=True), entry,
                    f"setting `{'.'.join(sub)}` of {entry.plugin.described} is sensitive ({entry.why})")
    if env_names:
        for owner, path in _env_blocks(index):
            block = owner.get(path[0])
            for name, value in block.items():
                if name in env_names and is_literal(value):
                    entry = env_names[name]
                    yield _literal_finding(
                        owner.location(*path, name, key=True), entry,
                        f"`{name}` sets the sensitive setting `{entry.setting}` of "
                        f"{entry.plugin.described} ({entry.why})")


def _literal_finding(where: Location, entry: Sensitive, what: str) -> Finding:
    return SENSITIVE_LITERAL.finding(
        where, f"{what} but holds a literal value, committed in plain text",
        f"replace the value with a reference such as `${{{env_var(entry.plugin.name, entry.setting)}}}`, "
        "provide it as a secret, and rotate the committed one")


# --- keys and key ids anywhere in project YAML --------------------------------------------

@check
def keys_in_project_files(context: Context) -> Iterator[Finding]:
    for source in context.project.files:
        text = source.text
        # Substring tests first: the regular expression over megabytes of YAML costs ten times more.
        if "PRIVATE KEY" not in text and not (
                any(prefix in text for prefix in AWS_KEY_PREFIXES) and AWS_KEY_ID.search(text)):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for match in PRIVATE_KEY.finditer(line):
                yield PRIVATE_KEY_IN_PROJECT.finding(
                    Location(source.path, number, match.start() + 1, number, match.end()),
                    "a private key is written in this project file, and so in the repository's history",
                    "move it to a secret referenced as `${NAME}`, and replace the key: it has leaked")
            for match in AWS_KEY_ID.finditer(line):
                if match.group(0).endswith("EXAMPLE"):
                    continue  # AWS's documentation key, harmless by design
                yield AWS_KEY_IN_PROJECT.finding(
                    Location(source.path, number, match.start() + 1, number, match.end()),
                    "an AWS access key id is written in this project file, and so in the repository's "
                    "history",
                    "move it (and its secret key) to secrets referenced as `${NAME}`, and rotate the "
                    "key pair")


# --- git ---------------------------------------------------------------------------------

@check
def dotenv_tracked(context: Context) -> Iterator[Finding]:
    git = context.git
    tracked = git.tracked_names if context.project.meltano_file is not None else None
    if tracked is None:
        return  # not in a git repository: nothing to say
    root = context.project.root
    # Names first, as text: a Path for each of the repository's files costs more than the rule.
    found = (Path(name) for name in tracked if ".env" in name and _is_dotenv(os.path.basename(name)))
    for path in sorted(p for p in found if p.parent == root):
        yield DOTENV_TRACKED.finding(
            Location(path),
            f"{path.name} is tracked by git, so its secrets are in the repository and its history",
            f"run `git rm --cached {path.name}`, add it to .gitignore, and rotate every secret it held")


def _is_dotenv(name: str) -> bool:
    return (name == ".env" or name.startswith(".env.")) and not DOTENV_TEMPLATES.search(name)


@check
def gitignore_coverage(context: Context) -> Iterator[Finding]:
    project = context.project
    if project.meltano_file is None:
        return
    git = context.git
    root = project.root
    answers = {".env": git.is_ignored(root / ".env"),
               ".meltano/": git.is_ignored(root / ".meltano", directory=True)}
    if None in answers.values():
        return  # not in a git repository (or git cannot tell): nothing to say
    missing = [name for name, ignored in answers.items() if not ignored]
    if not missing:
        return
    listed = " and ".join(f"`{name}`" for name in missing)
    yield GITIGNORE_INCOMPLETE.finding(
        _gitignore_location(context),
        f".gitignore does not cover {listed}, so `git add .` would commit "
        + ("secrets" if ".env" in missing else "Meltano's local database and logs"),
        "add these lines to .gitignore: " + ", ".join(f"`{name}`" for name in missing))


def _gitignore_location(context: Context) -> Location:
    """The project's .gitignore, else the repository's, else meltano.yml."""
    candidates = [context.project.root / ".gitignore"]
    if context.git.top is not None:
        candidates.append(context.git.top / ".gitignore")
    workspace = context.settings.workspace.resolve()
    for path in candidates:
        if path.is_file() and Path(path).resolve().is_relative_to(workspace):
            return Location(path)
    return context.project.meltano_file.location()
