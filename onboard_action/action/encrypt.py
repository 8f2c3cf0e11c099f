"""The action's secret inputs, already read and masked (action/inputs.py), encrypted.

Inputs: `public-key` or `public-key-file`, `kms-key-id`, `dotenv` (a whole
.env), `secrets` (a JSON object such as `toJSON(secrets)`), `secrets-include`
and `secrets-output`. Values that are taken from `secrets`: the variables the
project needs (`variables.needed_variables`) plus names matching
`secrets-include`. A name defined by both sources takes the `dotenv` value.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from onboard_action.action.inputs import Inputs
from onboard_action.errors import UsageError
from onboard_action.findings import relative_path
from onboard_action.load.project import Project
from onboard_action.model.variables import needed_variables
from onboard_action.outputs import refuse_overwrites
from onboard_action.runner import Runner
from onboard_action.secrets import secrets_file
from onboard_action.secrets.dotenv_source import Dotenv
from onboard_action.secrets.encryption import (
    Plaintext,
    SecretsRun,
    encrypt_to_file,
    refuse_dotenv_errors,
    require_values,
)
from onboard_action.secrets.keys import PublicKey, parse_public_key, read_key_file
from onboard_action.settings import Settings, output_path

DOTENV_LABEL = "the `dotenv` input"


def encrypt_from_inputs(inputs: Inputs, settings: Settings, project: Project,
                        runner: Runner) -> tuple[SecretsRun | None, dict[str, str]]:
    """Encrypt when a key and a source are given. Returns what the check learns of it, and outputs."""
    outputs = {"secrets-file": "", "secrets-count": "0"}
    key_text, key_file, kms_key_id = (inputs.text(n) for n in ("public-key", "public-key-file", "kms-key-id"))
    include = inputs.value("secrets-include")
    has_key = bool(key_text or key_file)
    has_source = bool(inputs.text("dotenv") or inputs.text("secrets"))
    if key_text and key_file:
        raise UsageError("give the key once: either public-key (the PEM text) or public-key-file (a path)")
    if has_source and not has_key:
        raise UsageError("dotenv/secrets are set but no key is: set public-key (or public-key-file) to "
                         "the organization's public key, or remove dotenv and secrets")
    if has_key and not has_source:
        raise UsageError("public-key is set but there is nothing to encrypt: set dotenv (e.g. "
                         "`${{ secrets.MELTANO_DOTENV }}`) and/or secrets (`${{ toJSON(secrets) }}`)")
    if include and not inputs.text("secrets"):
        raise UsageError("secrets-include picks names from the secrets input, which is not set")
    if kms_key_id and not has_key:
        raise UsageError("kms-key-id is set but no public key is: set public-key or public-key-file")
    if not has_key:
        return None, outputs

    secrets = inputs.value("secrets")  # a usage error when it is not a JSON object
    key = _key(key_text, key_file, settings)
    values = _plaintexts(inputs.value("dotenv"), secrets, project, include)
    target = (output_path(inputs.text("secrets-output"), settings.workspace, confine=True,
                          what="secrets-output")
              or settings.project_dir / secrets_file.FILE_NAME)
    refuse_overwrites(settings, [source.path for source in project.files], [project.root],
                      secrets_output=target, also_read=(key.path,) if key.path else ())
    names = encrypt_to_file(values, key, target, kms_key_id or None, settings.file_owner)
    relative = relative_path(target, settings.workspace)
    from_dotenv = sum(1 for v in values if v.source == "dotenv")
    runner.print_untrusted(
        f"Encrypted {len(names)} variable{'s' if len(names) != 1 else ''} ({from_dotenv} from dotenv, "
        f"{len(names) - from_dotenv} from secrets) into {relative} with an RSA-{key.bits} public key, "
        f"SHA-256 fingerprint {key.fingerprint}")
    dotenv = inputs.value("dotenv")
    run = SecretsRun(
        key=key,
        dotenv_problems=tuple(dotenv.problems) if dotenv else (),
        dotenv_label=DOTENV_LABEL,
        written=target,
        written_names=tuple(names),
    )
    outputs = {"secrets-file": relative, "secrets-count": str(len(names))}
    return run, outputs


def _key(key_text: str, key_file: str, settings: Settings) -> PublicKey:
    if key_text:
        return parse_public_key(key_text, "the `public-key` input")
    path = output_path(key_file, settings.workspace, confine=True, what="public-key-file", follow_links=True)
    return read_key_file(path, f"public-key-file {key_file!r}")


def _plaintexts(dotenv: Dotenv | None, secrets: dict[str, Any] | None, project: Project,
                include: tuple[str, ...]) -> list[Plaintext]:
    values: list[Plaintext] = []
    if dotenv is not None:
        refuse_dotenv_errors(dotenv, DOTENV_LABEL)
        require_values(dotenv, DOTENV_LABEL)
        values = [Plaintext(v.name, v.value, "dotenv") for v in dotenv.values.values()]
    if secrets is not None:
        taken = {v.name for v in values}
        wanted = set(needed_variables(project))  # referenced, and set by nothing in the project
        picked = sorted(name for name in secrets if name not in taken
                        and (name in wanted or any(fnmatchcase(name, p) for p in include)))
        not_text = [name for name in picked if not isinstance(secrets[name], str)]
        if not_text:
            raise UsageError(f"secrets: {', '.join(not_text)} must be strings in the JSON object")
        values += [Plaintext(name, secrets[name], "secrets") for name in picked]
        if not values:
            raise UsageError(
                f"nothing to encrypt: none of the {len(secrets)} entries of the `secrets` input is a "
                "variable the project references, or matches secrets-include; add the names to "
                "secrets-include, or reference them in meltano.yml")
    return values


