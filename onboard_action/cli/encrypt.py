"""`meltano-onboard encrypt`: a .env into a kms-ext-compatible secrets.yml.

Arguments follow kms-ext's, as Step 2 of the onboarding guide writes them:
`encrypt <kms_key_id> <pubkey_file_path> --dotenv-path <env_file_path>
--output-path <secrets.yml_path>`, so one command can replace the other. With
one positional argument it is the key file (the key ID then comes from
`--kms-key-id`, or is left out). The .env comes from `--dotenv-path` (`-` for
standard input); without it, from standard input when something is piped
in, else from `.env`.

Before anything is written, every problem is reported in one pass: lines
that cannot be encrypted, values over the key's size limit, and the
variables the onboarded schedules of the project need (the project is the
folder of `--output-path`, where Meltano Cloud reads secrets.yml; see
rules/onboarding_needs.py) that the .env does not define. Problems are one
line on stderr and exit code 2, and then nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import UsageError

if TYPE_CHECKING:
    from onboard_action.secrets.dotenv_source import Dotenv

NAME = "encrypt"
HELP = "encrypt a .env into the secrets.yml Meltano Cloud decrypts (kms-ext compatible)"
STDIN_LABEL = "the .env on standard input"


USAGE = ("meltano-onboard encrypt [KMS_KEY_ID] PUBLIC_KEY [--dotenv-path .env] [--output-path secrets.yml] "
         "[--kms-key-id ID] [--allow-missing]")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.usage = USAGE
    parser.add_argument("first", metavar="KMS_KEY_ID",
                        help="the AWS KMS key ARN or ID, as in kms-ext's `kms encrypt <kms_key_id> "
                             "<pubkey_file_path>`; leave it out to give the key file alone")
    parser.add_argument("second", metavar="PUBLIC_KEY", nargs="?",
                        help="the organization's RSA public key: a PEM file, or DER as AWS KMS returns it")
    parser.add_argument("--dotenv-path", default=None,
                        help="the .env to encrypt; '-' reads standard input (default: standard input "
                             "when something is piped in, else .env)")
    parser.add_argument("--output-path", default="secrets.yml",
                        help="where to write the encrypted file (default: secrets.yml)")
    parser.add_argument("--kms-key-id", default=None,
                        help="also write this AWS KMS key ARN or ID as `kms_key_id` "
                             "(kms-ext 0.1.0 needed it); the same as the first of two positional arguments")
    parser.add_argument("--allow-missing", action="store_true",
                        help="encrypt even when the .env lacks variables the onboarded schedules need "
                             "(they are listed as a warning)")


def run(args: argparse.Namespace) -> int:
    # Imported here, not above: the CLI imports every command to build its parser.
    from onboard_action.secrets.encryption import (
        Plaintext,
        encrypt_to_file,
        refuse_dotenv_problems,
        require_values,
    )
    from onboard_action.secrets.keys import RECOMMENDED_BITS, read_key_file

    kms_key_id, key_path = _positionals(args)
    key = read_key_file(Path(key_path), f"PUBLIC_KEY {key_path}")
    dotenv, label = _read_dotenv(args.dotenv_path)
    require_values(dotenv, label)
    output = Path(args.output_path)
    missing, project_note = _missing_variables(frozenset(dotenv.values), output)
    refuse_dotenv_problems(dotenv, key, label, None if args.allow_missing else missing)
    names = encrypt_to_file([Plaintext(v.name, v.value, "dotenv") for v in dotenv.values.values()],
                            key, output, kms_key_id)
    for problem in dotenv.problems:  # only warnings are left: errors stopped us above
        _warn(f"{label}: {problem.message}")
    if missing:  # --allow-missing
        _warn(f"{label}: " + "; ".join(missing))
    if key.bits < RECOMMENDED_BITS:
        _warn(f"the public key is RSA-{key.bits}; Meltano's organization keys are RSA-{RECOMMENDED_BITS}: "
              "check that this is the key Meltano gave you")
    sys.stdout.write(f"Encrypted {len(names)} variable{'s' if len(names) != 1 else ''} from {label} into "
                     f"{output} with an RSA-{key.bits} public key, SHA-256 fingerprint {key.fingerprint}\n")
    if project_note:
        sys.stdout.write(project_note + "\n")
    return 0


def _positionals(args: argparse.Namespace) -> tuple[str | None, str]:
    """(KMS key ID, key file): the guide's `<kms_key_id> <pubkey_file_path>`, or the key file alone."""
    if args.second is None:
        return args.kms_key_id, args.first
    if args.kms_key_id is not None and args.kms_key_id != args.first:
        raise UsageError("the KMS key ID is given twice, as the first argument and as --kms-key-id, "
                         "and they differ: give it once")
    return args.first, args.second


def _missing_variables(names: frozenset[str], output: Path) -> tuple[list[str], str]:
    """What the project's onboarded schedules need that the .env lacks, each with where it is used.

    The project is the folder of the output file. Without meltano.yml there, the
    second value says that nothing was compared.
    """
    folder = output.resolve().parent
    if not (folder / "meltano.yml").is_file():
        return [], (f"No meltano.yml in {folder}, the folder of {output}: the .env was not compared with "
                    "the variables a project needs (run this where secrets.yml belongs, the project folder)")
    from onboard_action import engine
    from onboard_action.model.context import Context
    from onboard_action.rules import load_all as load_rules
    from onboard_action.rules.onboarding_needs import missing_from
    from onboard_action.settings import from_values

    workspace = Path.cwd()
    settings = from_values({"project-dir": str(folder)}, workspace, os.environ, set(load_rules()),
                           confine=False)
    run = engine.load_run(settings)
    context = Context(run.projects[0], settings, org=run)
    return [f"it does not define {need.name}, which {need.user} needs at {context.where(need.locations[0])}"
            for need in missing_from(context, names)], ""


def _read_dotenv(path: str | None) -> tuple[Dotenv, str]:
    from onboard_action.secrets.encryption import parse_dotenv_bytes, read_dotenv_file, read_stdin_bytes

    if path == "-":
        return parse_dotenv_bytes(read_stdin_bytes(STDIN_LABEL), STDIN_LABEL), STDIN_LABEL
    if path is None and sys.stdin is not None and not sys.stdin.isatty():
        piped = read_stdin_bytes(STDIN_LABEL)
        if piped:
            return parse_dotenv_bytes(piped, STDIN_LABEL), STDIN_LABEL
        # Nothing piped (CI often gives /dev/null): fall back to kms-ext's default.
    path = path or ".env"
    return read_dotenv_file(Path(path), path), path


def _warn(message: str) -> None:
    sys.stderr.write(f"meltano-onboard: warning: {message}\n")
