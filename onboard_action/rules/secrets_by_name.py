"""Literal values under keys that are named like credentials, where no definition says "sensitive".

P501 knows a setting is sensitive from its definition (lock file or
`settings:`); many are not defined anywhere (custom taps, `env:` blocks,
extras), yet `password: hunter2` is plainly a secret. This rule goes by the
key's name instead, and leaves every setting that a definition marks
sensitive to P501 (and private key blocks to P502), so one value never gets
two findings.

A key looks like a credential when one of its words (split at `_`, `-`, `.`
and camelCase) ends in one of detect-secrets' keywords (`password`, `passwd`,
`pwd`, `secret`, `apikey`, `authkey`, `privkey`, `clientkey`...; see
values/token_patterns.py) or in `token` or `accesskey` (or their plurals),
when two of its words make one of those keywords (`api key`, `db pass`), or
when a word is `pass`, `pw` or `passphrase` (`SUPERSET_PASS`; `client_secret`
is covered by `secret`). Keys that name something about a
credential rather than the credential (`token_url`, `private_key_path`,
`secret_name`) are skipped by their last word. Only text values count:
`token_refresh: true` or `max_tokens: 100` hold no secret.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from msgspec import Struct

from onboard_action.findings import Finding, Severity
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.model.index import SINGULAR
from onboard_action.model.sensitive import Sensitive, SensitiveVariables
from onboard_action.model.variables import REFERENCE, env_var, meant_as_reference
from onboard_action.rules import check, rule
from onboard_action.rules.secrets_hygiene import PRIVATE_KEY
from onboard_action.values import tokens
from onboard_action.values.token_patterns import KEYWORDS

CREDENTIAL_LITERAL = rule(
    "R004", "credential-literal", Severity.WARNING,
    "key named like a credential holds a literal value",
    """
    A key named like a credential (`password`, `passwd`, `pwd`, `pass`,
    `secret`, `token`, `api_key`, `auth_key`, `private_key`, `client_secret`,
    `access_key`, alone or inside a longer name such as `db_password`,
    `SUPERSET_PASS` or `apiToken`; detect-secrets' keyword list plus a few)
    holds a literal text in a
    plugin's `config` (also in an environment's plugin config) or in an
    `env:` block. Committed, that text is readable by everyone with access to
    the repository, and it is in the history for good. A placeholder such as
    `<YOUR-PASSWORD>` is reported too: Meltano passes it on as is and the
    plugin fails at run time. Replace the value with a `${VAR}` reference and
    provide the variable as a secret; rotate the value if it was real.
    Settings whose definition marks them sensitive are P501's, private key
    blocks P502's and credentials of a known form P506's (all errors);
    non-text values (`token_refresh: true`) and names about a credential
    rather than the credential itself (`token_url`, `private_key_path`,
    `secret_name`) are not reported.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-internal-api\n      namespace: tap_internal_api\n"
        "      pip_url: tap-internal-api\n      config:\n        api_token: <YOUR-TOKEN>\n",
    good="plugins:\n  extractors:\n    - name: tap-internal-api\n      namespace: tap_internal_api\n"
         "      pip_url: tap-internal-api\n      config:\n        api_token: ${TAP_INTERNAL_API_API_TOKEN}\n",
    secret=True,
)

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# detect-secrets' KeywordDetector words: `api_?key` is the pair (api, key) or the word `apikey`.
_KEYWORD_PAIRS = [tuple(word.split("_?")) for word in KEYWORDS if "_?" in word]
_KEYWORD_WORDS = [word for word in KEYWORDS if "_?" not in word and word.isascii()]
# A word that ends like a credential: `password`, `dbpassword`, `authtoken`, `apikeys`, `clientkey`.
_CREDENTIAL_WORD = re.compile(
    "(?:" + "|".join(["token", "accesskey", *_KEYWORD_WORDS, *("".join(pair) for pair in _KEYWORD_PAIRS)])
    + ")s?$")
_CREDENTIAL_PAIRS = frozenset({*_KEYWORD_PAIRS, ("access", "key")} | {
    (first, second + "s") for first, second in [*_KEYWORD_PAIRS, ("access", "key")]})
# Whole words only: `bypass` and `compass` hold no password, `SUPERSET_PASS` and `db_pass` do.
_CREDENTIAL_WHOLE_WORDS = frozenset({"pass", "passphrase", "pw"})
# Last words of keys that name something about a credential, not the credential.
_ABOUT_A_CREDENTIAL = frozenset({
    "url", "uri", "urls", "endpoint", "host", "path", "file", "filename", "dir", "directory",
    "location", "type", "kind", "name", "id", "arn", "header", "prefix", "env", "var", "variable",
    "field", "length", "expiry", "expires", "expiration", "ttl", "lifetime", "timeout", "format",
    "encoding", "method", "mode", "scope", "scopes", "enabled", "manager", "provider", "backend",
    "store", "source",
})
_PLACEHOLDER = re.compile(r"<[^<>]+>")


@lru_cache(maxsize=4096)  # a project repeats a few key names (`api_key`, `start_date`) thousands of times
def looks_like_credential(key: str) -> bool:
    words = [w for w in _NOT_ALNUM.split(_CAMEL_BOUNDARY.sub("_", key).lower()) if w]
    if not words:
        return False
    named = (any(_CREDENTIAL_WORD.search(w) or w in _CREDENTIAL_WHOLE_WORDS for w in words)
             or any(pair in _CREDENTIAL_PAIRS for pair in itertools.pairwise(words)))
    return named and words[-1] not in _ABOUT_A_CREDENTIAL


def _literal_text(value: Any) -> str | None:
    """The literal text of a value (or the first of a list), None for references, blanks and non-text."""
    if isinstance(value, YList):
        return next((text for text in map(_literal_text, value) if text is not None), None)
    if (isinstance(value, str) and value.strip() and REFERENCE.search(value) is None
            and not meant_as_reference(value)):  # `$lower` holds no secret: P401 reports it
        # A private key block is P502's, a credential of a known form P506's: errors already.
        return None if PRIVATE_KEY.search(value) or tokens.find(value) else value
    return None


class Hit(Struct, frozen=True):
    path: tuple  # inside the owner's data, down to the key
    shown: str  # the key as the message names it (`a.b`, `streams[0].token`)
    placeholder: bool


def _config_hits(config: YMap, sensitive: dict[str, Sensitive], base: tuple,
                 dotted: str | None = "", shown: str = "") -> Iterator[Hit]:
    """Credential-named literals in a config mapping.

    `dotted` is the prefix of Meltano's nested setting name (`a.b`), None inside
    list items, which no setting definition names.
    """
    for key, value in config.items():
        # At the top (most keys), the key itself: its hash is known, a new string's is not.
        name = None if dotted is None else f"{dotted}{key}" if dotted else key
        label = f"{shown}{key}" if shown else key
        if name is not None and name in sensitive:
            continue  # defined as sensitive: P501's
        if isinstance(value, YMap):
            yield from _config_hits(value, sensitive, (*base, key),
                                    None if name is None else name + ".", label + ".")
            continue
        if isinstance(value, YList) and not looks_like_credential(key):
            for i, entry in enumerate(value):
                if isinstance(entry, YMap):
                    yield from _config_hits(entry, {}, (*base, key, i), None, f"{label}[{i}].")
            continue
        text = _literal_text(value) if looks_like_credential(key) else None
        if text is not None:
            yield Hit((*base, key), label, _PLACEHOLDER.fullmatch(text.strip()) is not None)


def _env_hits(block: YMap, known: SensitiveVariables, base: tuple) -> Iterator[Hit]:
    for name, value in block.items():
        if name in known or not looks_like_credential(name):
            continue
        text = _literal_text(value)
        if text is not None:
            yield Hit((*base, name), name, _PLACEHOLDER.fullmatch(text.strip()) is not None)


@check(CREDENTIAL_LITERAL)
def credential_literals(context: Context) -> Iterator[Finding]:
    index = context.index
    sensitivity = context.sensitive
    env_names = sensitivity.variables
    for plugin in index.plugins:
        owner = plugin.item
        config = owner.get("config")
        if isinstance(config, YMap):
            for hit in _config_hits(config, sensitivity.of(plugin), ("config",)):
                yield _config_finding(owner, hit, plugin.described, plugin.name)
        yield from _env_findings(owner, plugin.described, env_names)
    for environment in index.project.items("environments"):
        yield from _env_findings(environment, _environment_label(environment), env_names)
    for entry in index.project.environment_plugins():
        item, plugin = entry.item, index.configured(entry)
        described = (f"{SINGULAR.get(entry.type, entry.type)} '{item.name or '?'}' in "
                     f"{_environment_label(entry.environment)}")
        config = item.get("config")
        if isinstance(config, YMap):
            sensitive = sensitivity.of(plugin) if plugin is not None else {}
            for hit in _config_hits(config, sensitive, ("config",)):
                yield _config_finding(item, hit, described, item.name or "")
        yield from _env_findings(item, described, env_names)
    for schedule in index.project.items("schedules"):
        yield from _env_findings(schedule, f"schedule '{schedule.name or '?'}'", env_names)
    for source in index.project.usable_files:
        yield from _env_findings(Item(source, (), source.data), "the project", env_names)


def _environment_label(environment: Item) -> str:
    return f"environment '{environment.name or '?'}'"


def _config_finding(owner: Item, hit: Hit, described: str, plugin_name: str) -> Finding:
    reference = env_var(plugin_name, hit.shown) if "[" not in hit.shown else "NAME"
    return CREDENTIAL_LITERAL.finding(
        owner.location(*hit.path, key=True),
        f"setting `{hit.shown}` of {described} is named like a credential but holds "
        + _what(hit),
        f"replace the value with a reference such as `${{{reference}}}` and provide it as a secret"
        + ("" if hit.placeholder else "; rotate the value if it was real"))


def _env_findings(owner: Item, described: str, known: SensitiveVariables) -> Iterator[Finding]:
    block = owner.get("env")
    if not isinstance(block, YMap):
        return
    for hit in _env_hits(block, known, ("env",)):
        yield CREDENTIAL_LITERAL.finding(
            owner.location(*hit.path, key=True),
            f"`{hit.shown}` in the `env:` of {described} is named like a credential but holds "
            + _what(hit),
            f"remove the value and provide `{hit.shown}` as a secret instead"
            + ("" if hit.placeholder else "; rotate the value if it was real"))


def _what(hit: Hit) -> str:
    if hit.placeholder:
        return "a placeholder, which Meltano passes to the plugin as is, so the plugin fails at run time"
    return "a literal value, committed in plain text"
