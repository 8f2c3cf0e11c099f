"""The action's secret inputs: read once, masked before anything else, then encrypted.

Inputs: `public-key` or `public-key-file`, `kms-key-id`, `dotenv` (a whole
.env), `secrets` (a JSON object such as `toJSON(secrets)`), `secrets-include`
and `secrets-output`. Everything that arrives in `dotenv` and `secrets` is
registered with `add-mask` (every value, every line of it), including the
`secrets` entries that are not taken: they are all secret, and masking costs
nothing. Values that are taken from `secrets`: the variables the project
needs (`variables.needed_variables`) plus names matching `secrets-include`.
A name defined by both sources takes the `dotenv` value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from onboard_action.engine import only_project
from onboard_action.errors import UsageError
from onboard_action.findings import relative_path
from onboard_action.load.project import Project
from onboard_action.model.variables import needed_variables
from onboard_action.runner import Runner, input_value
from onboard_action.secrets import secrets_file
from onboard_action.secrets.dotenv_source import Dotenv, parse_dotenv
from onboard_action.secrets.encryption import (
    Plaintext,
    SecretsRun,
    encrypt_to_file,
    refuse_dotenv_problems,
    require_values,
)
from onboard_action.secrets.keys import PublicKey, parse_public_key, read_key_file
from onboard_action.settings import Settings, output_path

DOTENV_LABEL = "the `dotenv` input"


@dataclass
class SecretInputs:
    """The raw secret inputs and what parsing them gave; nothing here is ever printed."""

    dotenv_text: str = field(default="", repr=False)
    secrets_text: str = field(default="", repr=False)
    key_text: str = field(default="", repr=False)
    dotenv: Dotenv | None = field(default=None, repr=False)
    secrets: dict[str, Any] | None = field(default=None, repr=False)
    secrets_error: str = ""  # why `secrets` is not a JSON object, by position only
    unreadable: bool = False  # parsing failed unexpectedly; everything was masked line by line


def read_and_mask(environ: Mapping[str, str], runner: Runner) -> SecretInputs:
    """Read the secret inputs and mask them; never raises, whatever arrives."""
    try:
        inputs = read_secret_inputs(environ)
    except Exception:  # e.g. JSON nested too deep to parse: hide every line of the raw inputs
        inputs = SecretInputs(unreadable=True)
        for name in ("dotenv", "secrets", "public-key"):
            for line in _untrimmed(name, environ).splitlines():
                if line.strip():
                    runner.mask(line.strip())
        return inputs
    mask_secret_inputs(inputs, runner)
    return inputs


def read_secret_inputs(environ: Mapping[str, str]) -> SecretInputs:
    """Read and parse the secret inputs. Prints nothing; problems surface later, after masking."""
    # `dotenv` untrimmed: its line numbers are the ones the user sees in the secret.
    inputs = SecretInputs(dotenv_text=_untrimmed("dotenv", environ),
                          secrets_text=input_value("secrets", environ),
                          key_text=input_value("public-key", environ))
    if not inputs.dotenv_text.strip():
        inputs.dotenv_text = ""
    if inputs.dotenv_text:
        inputs.dotenv = parse_dotenv(inputs.dotenv_text)
    if inputs.secrets_text:
        try:
            parsed = json.loads(inputs.secrets_text)
        except RecursionError:
            inputs.secrets_error = "it is nested too deeply"
        except json.JSONDecodeError as exc:
            # exc.msg never quotes the document, only says what was expected where.
            inputs.secrets_error = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        else:
            if isinstance(parsed, dict):
                inputs.secrets = parsed
            else:
                inputs.secrets_error = f"it holds a JSON {type(parsed).__name__}, not an object"
    return inputs


def _untrimmed(name: str, environ: Mapping[str, str]) -> str:
    key = "INPUT_" + name.upper()
    for candidate in (key, key.replace("-", "_")):
        if candidate in environ:
            return environ[candidate]
    return ""


def mask_secret_inputs(inputs: SecretInputs, runner: Runner) -> None:
    """`add-mask` for everything secret: this must run before any other output of the step."""
    texts: list[str] = []
    if inputs.dotenv is not None:
        texts.extend(inputs.dotenv.secret_texts())
    if inputs.secrets is not None:
        texts.extend(_leaves(inputs.secrets))
    elif inputs.secrets_text:
        texts.extend(inputs.secrets_text.splitlines())  # unparsable: hide it line by line
    if _maybe_private(inputs.key_text):
        texts.extend(line for line in inputs.key_text.splitlines() if not line.startswith("-----"))
    masks: dict[str, None] = {}  # ordered and without repeats
    for text in texts:
        lines = text.splitlines()
        if len(lines) > 1:
            masks[text] = None  # runner.mask adds each line as written
        # Stripped lines too: the log may show a line without its surrounding blanks.
        masks.update((line.strip(), None) for line in lines if line.strip())
    for text in masks:
        runner.mask(text)


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _leaves(item)]
    if isinstance(value, list):
        return [text for item in value for text in _leaves(item)]
    if value is None or isinstance(value, bool):
        return []
    return [value if isinstance(value, str) else json.dumps(value)]


def _maybe_private(key_text: str) -> bool:
    # A PEM public key is public; anything else (a private key, base64 DER we
    # cannot classify without parsing) is masked to be safe.
    return bool(key_text) and ("PRIVATE" in key_text.upper() or "-----BEGIN" not in key_text)


def encrypt_from_inputs(inputs: SecretInputs, settings: Settings, projects: list[Project],
                        environ: Mapping[str, str],
                        runner: Runner) -> tuple[SecretsRun | None, dict[str, str]]:
    """Encrypt when a key and a source are given. Returns what the check learns of it, and outputs.

    A secrets file belongs to one project: encrypting in a run of several is refused.
    """
    def given(name: str) -> str:
        return input_value(name, environ)

    outputs = {"secrets-file": "", "secrets-count": "0"}
    if inputs.unreadable:
        raise UsageError("the dotenv, secrets or public-key input could not be read; check their format")
    key_file, kms_key_id = given("public-key-file"), given("kms-key-id")
    include = [p.strip() for p in given("secrets-include").replace("\n", ",").split(",") if p.strip()]
    has_key = bool(inputs.key_text or key_file)
    has_source = bool(inputs.dotenv_text or inputs.secrets_text)
    if inputs.key_text and key_file:
        raise UsageError("give the key once: either public-key (the PEM text) or public-key-file (a path)")
    if has_source and not has_key:
        raise UsageError("dotenv/secrets are set but no key is: set public-key (or public-key-file) to "
                         "the organization's public key, or remove dotenv and secrets")
    if has_key and not has_source:
        raise UsageError("public-key is set but there is nothing to encrypt: set dotenv (e.g. "
                         "`${{ secrets.MELTANO_DOTENV }}`) and/or secrets (`${{ toJSON(secrets) }}`)")
    if include and not inputs.secrets_text:
        raise UsageError("secrets-include picks names from the secrets input, which is not set")
    if kms_key_id and not has_key:
        raise UsageError("kms-key-id is set but no public key is: set public-key or public-key-file")
    if not has_key:
        return None, outputs

    if inputs.secrets_error:
        raise UsageError(f"the `secrets` input is not a JSON object ({inputs.secrets_error}); pass "
                         "`${{ toJSON(secrets) }}` or a JSON object of names to values")
    project = only_project(projects, settings, "the secret inputs encrypt")
    key = _key(inputs, key_file, settings)
    values = _plaintexts(inputs, project, include, key)
    target = (output_path(given("secrets-output"), settings.workspace, confine=True, what="secrets-output")
              or project.root / secrets_file.FILE_NAME)
    names = encrypt_to_file(values, key, target, kms_key_id or None)
    relative = relative_path(target, settings.workspace)
    from_dotenv = sum(1 for v in values if v.source == "dotenv")
    runner.print_untrusted(
        f"Encrypted {len(names)} variable{'s' if len(names) != 1 else ''} ({from_dotenv} from dotenv, "
        f"{len(names) - from_dotenv} from secrets) into {relative} with an RSA-{key.bits} public key, "
        f"SHA-256 fingerprint {key.fingerprint}")
    secrets = SecretsRun(
        key=key,
        dotenv_problems=tuple(inputs.dotenv.problems) if inputs.dotenv else (),
        dotenv_label=DOTENV_LABEL,
        written=target,
        written_names=tuple(names),
    )
    outputs = {"secrets-file": relative, "secrets-count": str(len(names))}
    return secrets, outputs


def _key(inputs: SecretInputs, key_file: str, settings: Settings) -> PublicKey:
    if inputs.key_text:
        return parse_public_key(inputs.key_text, "the `public-key` input")
    path = output_path(key_file, settings.workspace, confine=True, what="public-key-file", follow_links=True)
    return read_key_file(path, f"public-key-file {key_file!r}")


def _plaintexts(inputs: SecretInputs, project: Project, include: list[str],
                key: PublicKey) -> list[Plaintext]:
    values: list[Plaintext] = []
    if inputs.dotenv_text:
        assert inputs.dotenv is not None
        refuse_dotenv_problems(inputs.dotenv, key, DOTENV_LABEL)
        require_values(inputs.dotenv, DOTENV_LABEL)
        values = [Plaintext(v.name, v.value, "dotenv") for v in inputs.dotenv.values.values()]
    if inputs.secrets is not None:
        taken = {v.name for v in values}
        wanted = set(needed_variables(project))  # referenced, and set by nothing in the project
        picked = sorted(name for name in inputs.secrets if name not in taken
                        and (name in wanted or any(fnmatchcase(name, p) for p in include)))
        not_text = [name for name in picked if not isinstance(inputs.secrets[name], str)]
        if not_text:
            raise UsageError(f"secrets: {', '.join(not_text)} must be strings in the JSON object")
        values += [Plaintext(name, inputs.secrets[name], "secrets") for name in picked]
        if not values:
            raise UsageError(
                f"nothing to encrypt: none of the {len(inputs.secrets)} entries of the `secrets` input is a "
                "variable the project references, or matches secrets-include; add the names to "
                "secrets-include, or reference them in meltano.yml")
    return values


