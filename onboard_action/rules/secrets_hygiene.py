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
from typing import Any

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import YList, YMap, plain
from onboard_action.model import variables
from onboard_action.model.context import Context
from onboard_action.model.index import Plugin, ProjectIndex
from onboard_action.model.sensitive import Sensitive, last_word
from onboard_action.model.variables import REFERENCE, env_var
from onboard_action.rules import check, rule
from onboard_action.values import tokens

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

    Not reported: the definition's own default (its `value`, published in the
    lock file, so no secret), and a reference Meltano misreads such as
    `$lower_case` (P401 says how to write it). Some lock files mark ids and
    names sensitive (`account_id`); for such a setting the finding says how to
    accept a value that is not secret: an inline ignore on its line.
    """,
    bad="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
        "      config:\n        password: hunter2\n",
    good="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
         "      config:\n        password: ${TARGET_POSTGRES_PASSWORD}\n",
    secret=True,
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
    secret=True,
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
    secret=True,
)
CREDENTIAL_IN_PROJECT = rule(
    "P506", "credential-in-project", Severity.ERROR,
    "credential in a project file",
    """
    A value has the form of a known kind of credential: a Slack, GitHub,
    GitLab, Stripe, SendGrid, OpenAI, PyPI, npm, Twilio, Discord or Telegram
    token, an Azure storage key, a JWT, a password in a URL
    (`https://user:password@host`), and the other formats detect-secrets'
    plugins recognise by the value itself (its rule set, copied from
    detect-secrets 1.5.0). Whatever the key is called (`SLACK_X:` as well as
    `slack_token:`), it is now in the repository and its history. Move it to
    a secret referenced as `${NAME}`, and revoke it. Private keys and AWS
    access key ids have rules of their own (P502, P503); credentials known by
    the name before them (`aws_secret_access_key: ...`) are R004's.
    """,
    bad="env:\n  SLACK_X: xoxb-123456789012-123456789012-abcdefghijklmnop\n",
    good="env:\n  SLACK_X: ${SLACK_BOT_TOKEN}\n",
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

def is_literal(value: Any) -> bool:
    """A value that is set and holds no variable reference, not even one Meltano misreads.

    `$postgres_password` is passed on as text by Meltano, but it was meant as a
    reference and holds no secret: P401 says what is wrong with it.
    """
    if value is None or value == "":
        return False
    if isinstance(value, str):
        return REFERENCE.search(value) is None and not variables.meant_as_reference(value)
    if isinstance(value, (YMap, YList, dict, list)):
        children = value.values() if isinstance(value, dict) else value
        return any(is_literal(child) for child in children)
    return True  # numbers and booleans are literals too


def _committed_secret(value: Any, entry: Sensitive) -> bool:
    """A literal that is not the definition's own default (which the lock file publishes anyway)."""
    return is_literal(value) and (entry.default is None or plain(value) != entry.default)


def _config_literals(config: YMap, sensitive: dict[str, Sensitive],
                     prefix: str = "") -> Iterator[tuple[tuple, Sensitive]]:
    """Paths (inside `config`) of literal values of sensitive settings; `a.b` matches nesting."""
    for key, value in config.items():
        name = f"{prefix}{key}" if prefix else key
        if name in sensitive:
            if _committed_secret(value, sensitive[name]):
                yield (key,), sensitive[name]
        elif isinstance(value, YMap):
            for sub, entry in _config_literals(value, sensitive, name + "."):
                yield (key, *sub), entry


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


@check(SENSITIVE_LITERAL)
def sensitive_literals(context: Context) -> Iterator[Finding]:
    index = context.index
    sensitivity = context.sensitive
    env_names = sensitivity.variables
    # Plugin config, then environment-level config of the same plugins.
    configured = [(plugin.item, plugin) for plugin in index.plugins]
    configured += list(_environment_plugin_entries(index))
    for item, plugin in configured:
        sensitive = sensitivity.of(plugin)
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
                if name in env_names and _committed_secret(value, env_names[name]):
                    entry = env_names[name]
                    yield _literal_finding(
                        owner.location(*path, name, key=True), entry,
                        f"`{name}` sets the sensitive setting `{entry.setting}` of "
                        f"{entry.plugin.described} ({entry.why})")


def _literal_finding(where: Location, entry: Sensitive, what: str) -> Finding:
    variable = env_var(entry.plugin.name, entry.setting)
    fix = f"replace the value with a reference such as `${{{variable}}}`, provide it as a secret, and " \
          "rotate the committed one"
    if entry.names_a_thing:
        word = last_word(entry.setting)
        fix = (f"if it is {'an' if word[0] in 'aeiou' else 'a'} {word} rather than a secret, keep it "
               f"and accept it with `# meltano-onboard: ignore[{SENSITIVE_LITERAL.code}]` at the end of "
               f"the line; otherwise {fix}")
    return SENSITIVE_LITERAL.finding(where, f"{what} but holds a literal value, committed in plain text", fix)


# --- keys and key ids anywhere in project YAML --------------------------------------------

@check(CREDENTIAL_IN_PROJECT)
def credentials_in_project_files(context: Context) -> Iterator[Finding]:
    for source in context.project.files:
        text = source.text
        seen: set[int] = set()  # one finding per line and place, though two patterns may match there
        for token in sorted(tokens.find_all(text), key=lambda t: (t.start, t.kind)):
            # Some patterns start with a space or a line end before the credential: point past it.
            found = text[token.start:token.end]
            start = token.start + len(found) - len(found.lstrip())
            if start in seen:
                continue
            seen.add(start)
            line_end = text.find("\n", start)
            end = token.end if line_end < 0 else min(token.end, line_end)
            line = text.count("\n", 0, start) + 1
            column = start - text.rfind("\n", 0, start)
            yield CREDENTIAL_IN_PROJECT.finding(
                Location(source.path, line, column, line, column + max(end - start, 1) - 1),
                f"a credential ({token.kind}, by detect-secrets' rules) is written in this project "
                "file, and so in the repository's history",
                "move it to a secret referenced as `${NAME}`, and revoke it: it has leaked")


@check(PRIVATE_KEY_IN_PROJECT, AWS_KEY_IN_PROJECT)
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

@check(DOTENV_TRACKED)
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


@check(GITIGNORE_INCOMPLETE)
def gitignore_coverage(context: Context) -> Iterator[Finding]:
    project = context.project
    if project.meltano_file is None:
        return
    git = context.git
    root = project.root
    answers = dict(zip((".env", ".meltano/"),
                       git.are_ignored((root / ".env", False), (root / ".meltano", True)), strict=True))
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
