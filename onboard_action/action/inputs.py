"""Every input of the action, in one table: what reads, masks and checks each `INPUT_*`.

action.yml, composite/action.yml and the README's Inputs table say what this
table says (tests/test_inputs.py holds them to it, and prints the lines to
paste when they differ). Adding an input is one row in `INPUTS`.

`read` reads each input from the environment once. Secret inputs give
`Inputs.masks`, which the action registers before it prints anything else;
their values never reach a message. Check options (`SETTING`) go to
`settings.from_values`, which checks them as it checks the CLI's options; the
other kinds are parsed here, and a problem comes out of `Inputs.value` (after
masking) as a one-line usage error that names the input, never its value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from msgspec import Struct

from onboard_action.errors import UsageError
from onboard_action.records import repr_without
from onboard_action.runner import input_text
from onboard_action.settings import OptionNames


class InputProblem(Exception):
    """Why an input's text is not what its kind needs, worded without quoting the text."""


class Kind:
    """What an input holds: how its text is cleaned and parsed, and what of a secret one is masked."""

    name = "text"

    def clean(self, raw: str) -> str:
        return raw.strip()  # as @actions/core's getInput does

    def parse(self, text: str) -> Any:
        return text

    def masks(self, text: str, value: Any) -> list[str]:
        return [text]

    def warnings(self, value: Any) -> list[str]:
        """What the action should warn about the parsed value (never quoting a secret)."""
        return []


class Setting(Kind):
    """A check option: `settings.from_values` checks it, exactly as it checks the CLI's option."""

    name = "setting"


class Patterns(Kind):
    name = "patterns"

    def parse(self, text: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in text.replace("\n", ",").split(",") if p.strip())


class JsonObject(Kind):
    """Names to values, as `toJSON(secrets)` gives them."""

    name = "json-object"

    def parse(self, text: str) -> dict[str, Any] | None:
        if not text:
            return None
        dropped: list[Any] = []  # values a later duplicate key replaced: secret too
        repeated: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            found: dict[str, Any] = {}
            for key, value in items:
                if key in found:
                    dropped.append(found[key])
                    repeated.append(key)
                found[key] = value
            return found

        try:
            parsed = json.loads(text, object_pairs_hook=pairs)
        except RecursionError:
            raise self.problem("it is nested too deeply") from None
        except json.JSONDecodeError as exc:
            # exc.msg never quotes the document, only says what was expected where.
            raise self.problem(f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
        except ValueError:  # an integer of more digits than int() reads
            raise self.problem("it holds a number of more than 4,300 digits") from None
        if not isinstance(parsed, dict):
            raise self.problem(f"it holds a JSON {type(parsed).__name__}, not an object")
        return SecretsObject(parsed, dropped=dropped, repeated=sorted(set(repeated)))

    @staticmethod
    def problem(why: str) -> InputProblem:
        return InputProblem(f"is not a JSON object ({why}); pass `${{{{ toJSON(secrets) }}}}` or a JSON "
                            "object of names to values")

    def masks(self, text: str, value: Any) -> list[str]:
        # Every value, including the entries nothing takes and those a duplicate key replaced.
        if value is None:
            return text.splitlines()
        return _leaves(value) + [leaf for item in getattr(value, "dropped", ()) for leaf in _leaves(item)]

    def warnings(self, value: Any) -> list[str]:
        repeated = getattr(value, "repeated", ())
        if not repeated:
            return []
        names = ", ".join(f"`{name}`" for name in repeated[:10]) + (" and more" if len(repeated) > 10 else "")
        return [f"the `secrets` input names {names} more than once; JSON keeps only the last value "
                "of each (every value is masked): write each name once"]


class SecretsObject(dict):
    """The `secrets` object, with what duplicate keys dropped (to mask it) and their names."""

    def __init__(self, values: dict[str, Any], *, dropped: list[Any], repeated: list[str]) -> None:
        super().__init__(values)
        self.dropped = dropped
        self.repeated = repeated


class DotenvText(Kind):
    name = "dotenv"

    def clean(self, raw: str) -> str:
        # Untrimmed: its line numbers are the ones the user sees in the secret.
        return raw if raw.strip() else ""

    def parse(self, text: str) -> Any:
        if not text:
            return None
        from onboard_action.secrets.dotenv_source import parse_dotenv

        return parse_dotenv(text)

    def masks(self, text: str, value: Any) -> list[str]:
        return value.secret_texts() if value is not None else []


class PublicKeyText(Kind):
    name = "public-key"

    def masks(self, text: str, value: Any) -> list[str]:
        # A PEM public key is public; anything else (a private key by mistake, base64 DER
        # we cannot classify without parsing) is masked to be safe.
        if text and ("PRIVATE" in text.upper() or "-----BEGIN" not in text):
            return [line for line in text.splitlines() if not line.startswith("-----")]
        return []


TEXT, SETTING, PATTERNS = Kind(), Setting(), Patterns()
JSON_OBJECT, DOTENV, PUBLIC_KEY = JsonObject(), DotenvText(), PublicKeyText()


class Input(Struct, frozen=True):
    name: str
    description: str  # action.yml's, composite/action.yml's and the README's, word for word
    default: str = ""
    kind: Kind = TEXT
    secret: bool = False  # masked, every value in it, before the step prints anything else
    alias: str = ""  # a former name, still read when `name` is left at its default

    @property
    def deprecation(self) -> str:
        """What action.yml says of the alias, and what the action warns when it is used."""
        return f"`{self.alias}` was renamed `{self.name}`; use `{self.name}`." if self.alias else ""


INPUTS: tuple[Input, ...] = (
    Input("project-dir", "Folder of meltano.yml, relative to the workspace. `auto`: every project the "
          "onboarding file lists, else `.`.", "auto", SETTING),
    Input("onboarding-file", "The organization's onboarding file (org ID, projects, users), relative to "
          "the workspace. An empty string skips the organization checks.", "onboarding.yml", SETTING),
    Input("target", "Where the project is meant to run: `cloud-2023` (the onboarding guide's Meltano Cloud), "
          "`cloud` (today's Meltano Cloud: workspace.yml, pipelines/*.yml) or `self-hosted` (only the rules "
          "that hold for any Meltano deployment). Default: the configuration file's `target`, else "
          "`cloud-2023`.", "", SETTING),
    Input("environment", "The Meltano environment Meltano Cloud onboards with (under `target: cloud`, the "
          "workspace's active environment). Default: the onboarding file's, else `sandbox` (`dev` under "
          "`target: cloud`).", "", SETTING),
    Input("fail-on", "Lowest severity that makes the project not ready and fails the step: `error`, "
          "`warning`, `notice` or `never` (report only; the `ready` output still reflects errors). "
          "Default: the configuration file's `fail-on`, else `error`.",
          "", SETTING),
    Input("ignore", "Comma-separated rule codes to skip.", "", SETTING),
    Input("severity", "Re-grade rules by code, e.g. `F008=error,S010=notice`.", "", SETTING),
    Input("new-findings-only", "Judge only the findings a change introduces: `false` (every finding counts), "
          "`true`, or `auto` (on for pull_request events). The others are still reported, in the summary "
          "and the report files. Compares with the pull request's base commit, which must be in the clone "
          "(actions/checkout with `fetch-depth: 0`).", "false"),
    Input("baseline-ref", "The git revision `new-findings-only` compares with. Default: the pull request's "
          "base commit."),
    Input("fix", "Safe fixes: `false`, or `diff` to show them as a patch in the summary and the "
          "`fix-patch` output (for a later step to open a pull request or post suggestions); nothing "
          "is changed.", "false"),
    Input("rehearse", "`true`: also run `meltano run --dry-run` for each onboarded schedule's job in the "
          "onboarding environment (Step 3 of the onboarding guide). Needs `meltano` on the PATH: use the "
          "composite action after a step that installs it. It runs Meltano on the project: only for code "
          "you trust, not pull requests from forks.", "false", SETTING),
    Input("report-file", "Write the JSON report to this path (relative to the workspace).", "", SETTING),
    Input("sarif-file", "Write a SARIF 2.1.0 report to this path, for code scanning.", "", SETTING),
    Input("packet-file", "Write the onboarding packet (Step 1 of the onboarding guide, from the onboarding "
          "file) to this path: JSON when it ends in `.json`, else Markdown. Not written while the "
          "onboarding file has errors.", "", SETTING),
    Input("public-key", "The organization's RSA public key from Meltano, to encrypt secrets with: PEM, or "
          "base64 DER as AWS KMS `GetPublicKey` returns it. With `dotenv` and/or `secrets`, the action "
          "writes `secrets-output`.", "", PUBLIC_KEY, secret=True),
    Input("public-key-file", "The same key as a file in the workspace (instead of `public-key`)."),
    Input("kms-key-id", "Optional AWS KMS key ARN or ID, written as `kms_key_id` at the top of the "
          "secrets file."),
    Input("dotenv", "A whole .env to encrypt, e.g. `${{ secrets.MELTANO_DOTENV }}`. Parsed in memory; "
          "`${VAR}` expands from the file's own earlier keys only, never from the runner's environment.",
          "", DOTENV, secret=True),
    Input("secrets", "A JSON object of names to values, e.g. `${{ toJSON(secrets) }}`. Only the variables "
          "the project references (and that its `env:` blocks do not set), plus names matching "
          "`secrets-include`, are encrypted; all values are masked, none is printed.",
          "", JSON_OBJECT, secret=True),
    Input("secrets-include", "Comma- or newline-separated name patterns (`fnmatch`, e.g. `TAP_*`) of "
          "extra names to take from `secrets`.", "", PATTERNS),
    Input("secrets-output", "Where to write the encrypted file, relative to the workspace. Default "
          "`secrets.yml` in the project folder."),
)


class Inputs(Struct, frozen=True):
    """The inputs of one run, read once. Its repr shows names only: values may be secret."""

    table: tuple[Input, ...]
    texts: Mapping[str, str]
    values: Mapping[str, Any]
    problems: Mapping[str, str]
    masks: tuple[str, ...]
    aliases_used: tuple[Input, ...] = ()
    warnings: tuple[str, ...] = ()  # about inputs that were read, but not as written

    __repr__ = repr_without("texts", "values", "problems", "masks")

    def text(self, name: str) -> str:
        """The input as given (trimmed unless its kind keeps blanks); its default when not given."""
        return self.texts[name]

    def value(self, name: str) -> Any:
        """The input parsed by its kind; a usage error naming the input when it cannot be."""
        if name in self.problems:
            raise UsageError(f"the `{name}` input {self.problems[name]}")
        return self.values[name]

    def settings_values(self) -> dict[str, str]:
        """The check options, keyed as `settings.from_values` reads them."""
        return {spec.name: self.texts[spec.name] for spec in self.table if spec.kind is SETTING}


def read(environ: Mapping[str, str], table: tuple[Input, ...] | None = None) -> Inputs:
    """Every input of `table` (`INPUTS`), read, parsed and made into masks. Never raises, whatever arrives."""
    table = INPUTS if table is None else table
    texts: dict[str, str] = {}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    masks: list[str] = []
    aliases_used: list[Input] = []
    warnings: list[str] = []
    for spec in table:
        text, from_alias = _text(spec, environ)
        texts[spec.name] = text
        if from_alias:
            aliases_used.append(spec)
        try:
            values[spec.name] = spec.kind.parse(text)
        except InputProblem as exc:
            values[spec.name] = None
            problems[spec.name] = str(exc)
        except Exception:  # a parser's own failure: hide every line, and say the input is unreadable
            values[spec.name] = None
            problems[spec.name] = "could not be read; check its format"
            if spec.secret:
                masks.extend(text.splitlines())
            continue
        if spec.secret:
            try:
                masks.extend(spec.kind.masks(text, values[spec.name]))
            except Exception:
                masks.extend(text.splitlines())
        warnings.extend(spec.kind.warnings(values[spec.name]))
    return Inputs(table, texts, values, problems, tuple(_mask_texts(masks)), tuple(aliases_used),
                  tuple(warnings))


def option_names(table: tuple[Input, ...] | None = None) -> OptionNames:
    """How the action's messages name its options: `fail-on`, "the `environment` input"."""
    table = INPUTS if table is None else table
    return OptionNames({spec.name: spec.name for spec in table},
                       {spec.name: f"the `{spec.name}` input" for spec in table})


def _text(spec: Input, environ: Mapping[str, str]) -> tuple[str, bool]:
    raw = input_text(spec.name, environ)
    text = spec.default if raw is None else spec.kind.clean(raw)
    if spec.alias and text == spec.default:
        # An alias set to "" cannot be told from one left unset: the runner passes "" for both.
        old = input_text(spec.alias, environ)
        if old is not None and spec.kind.clean(old):
            return spec.kind.clean(old), True
    return text, False


def _mask_texts(texts: Iterable[str]) -> list[str]:
    """Each text, and each of its lines stripped: the log may show a line without its blanks."""
    masks: dict[str, None] = {}  # ordered and without repeats
    for text in texts:
        lines = text.splitlines()
        if len(lines) > 1:
            masks[text] = None  # runner.mask adds each line as written
        masks.update((line.strip(), None) for line in lines if line.strip())
    return list(masks)


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _leaves(item)]
    if isinstance(value, list):
        return [text for item in value for text in _leaves(item)]
    if value is None or isinstance(value, bool):
        return []
    return [value if isinstance(value, str) else json.dumps(value)]
