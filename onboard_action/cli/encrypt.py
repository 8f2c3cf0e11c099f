"""`meltano-onboard encrypt`: a .env into a kms-ext-compatible secrets.yml.

Arguments follow kms-ext's `kms encrypt PUBLIC_KEY --dotenv-path --output-path`
so one command can replace the other. The .env comes from `--dotenv-path`
(`-` for standard input); without it, from standard input when something is
piped in, else from `.env`. Problems are one line on stderr and exit code 2,
and then nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import one_line, quoted

if TYPE_CHECKING:
    from onboard_action.secrets.dotenv_source import Dotenv

NAME = "encrypt"
HELP = "encrypt a .env into the secrets.yml Meltano Cloud decrypts (kms-ext compatible)"
STDIN_LABEL = "the .env on standard input"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("public_key", metavar="PUBLIC_KEY",
                        help="the organization's RSA public key: a PEM file, or DER as AWS KMS returns it")
    parser.add_argument("--dotenv-path", default=None,
                        help="the .env to encrypt; '-' reads standard input (default: standard input "
                             "when something is piped in, else .env)")
    parser.add_argument("--output-path", default="secrets.yml",
                        help="where to write the encrypted file (default: secrets.yml)")
    parser.add_argument("--kms-key-id", default=None,
                        help="also write this AWS KMS key ARN or ID as `kms_key_id` "
                             "(kms-ext 0.1.0 needed it)")


def run(args: argparse.Namespace) -> int:
    # Imported here, not above: the CLI imports every command to build its parser.
    from onboard_action.secrets.encryption import (
        Plaintext,
        encrypt_to_file,
        refuse_dotenv_errors,
        require_values,
    )
    from onboard_action.secrets.keys import RECOMMENDED_BITS, read_key_file

    key = read_key_file(Path(args.public_key), f"PUBLIC_KEY {quoted(args.public_key)}")
    dotenv, label = _read_dotenv(args.dotenv_path)
    refuse_dotenv_errors(dotenv, label)
    require_values(dotenv, label)
    output = Path(args.output_path)
    names = encrypt_to_file([Plaintext(v.name, v.value, "dotenv") for v in dotenv.values.values()],
                            key, output, args.kms_key_id)
    for problem in dotenv.problems:  # only warnings are left: errors stopped us above
        _warn(f"{label}: {problem.message}")
    if key.bits < RECOMMENDED_BITS:
        _warn(f"the public key is RSA-{key.bits}; Meltano's organization keys are RSA-{RECOMMENDED_BITS}: "
              "check that this is the key Meltano gave you")
    plural = "s" if len(names) != 1 else ""
    sys.stdout.write(f"Encrypted {len(names)} variable{plural} from {label} into {quoted(output)} with an "
                     f"RSA-{key.bits} public key, SHA-256 fingerprint {key.fingerprint}\n")
    return 0


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
    return read_dotenv_file(Path(path), quoted(path)), quoted(path)


def _warn(message: str) -> None:
    sys.stderr.write(f"meltano-onboard: warning: {one_line(message)}\n")
