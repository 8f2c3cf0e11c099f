"""`meltano-onboard encrypt`: a .env into a kms-ext-compatible secrets.yml.

Arguments follow kms-ext's `kms encrypt PUBLIC_KEY --dotenv-path --output-path`
so one command can replace the other; the onboarding guide's Step 2 form,
`encrypt KMS_KEY_ID PUBLIC_KEY ...` (the key id first), is the same as
`--kms-key-id KMS_KEY_ID`. When `--project-dir` holds a meltano.yml, every
variable an onboarding run needs that the .env lacks (what the onboarding
environment and the plugins its schedules run read: the same answer as the
check's K036), and every value too large for the key, is reported in one pass
before anything is written. The .env comes from `--dotenv-path`
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
STDIN_LABEL = "the .env on standard input"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("keys", nargs="+", metavar="[KMS_KEY_ID] PUBLIC_KEY",
                        help="the organization's RSA public key: a PEM file, or DER as AWS KMS returns it; "
                             "the guide's form puts the KMS key id before it")
    parser.add_argument("--project-dir", default=".",
                        help="the project whose variables the .env must provide (default: .; skipped "
                             "when it holds no meltano.yml)")
    parser.add_argument("--environment", default=None,
                        help="the onboarding environment whose variables the .env must provide (default: "
                             "the onboarding file's, else sandbox)")
    parser.add_argument("--onboarding-file", default="onboarding.yml",
                        help="the organization file that names the onboarding environment; '' for none")
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

    public_key, kms_key_id = _keys(args)
    output = Path(args.output_path)
    _refuse_replacing_inputs(output, args.dotenv_path, public_key)
    key = read_key_file(Path(public_key), f"PUBLIC_KEY {quoted(public_key)}")
    dotenv, label = _read_dotenv(args.dotenv_path)
    refuse_dotenv_errors(dotenv, label)
    require_values(dotenv, label)
    _refuse_gaps(args, dotenv, label, key)
    names = encrypt_to_file([Plaintext(v.name, v.value, "dotenv") for v in dotenv.values.values()],
                            key, output, kms_key_id)
    for problem in dotenv.problems:  # only warnings are left: errors stopped us above
        _warn(f"{label}: {problem.message}")
    if key.bits < RECOMMENDED_BITS:
        _warn(f"the public key is RSA-{key.bits}; Meltano's organization keys are RSA-{RECOMMENDED_BITS}: "
              "check that this is the key Meltano gave you")
    plural = "s" if len(names) != 1 else ""
    sys.stdout.write(f"Encrypted {len(names)} variable{plural} from {label} into {quoted(output)} with an "
                     f"RSA-{key.bits} public key, SHA-256 fingerprint {key.fingerprint}\n")
    return 0


def _refuse_replacing_inputs(output: Path, dotenv_path: str | None, public_key: str) -> None:
    """Before anything is read or written: the encrypted file must not replace what it is made from.

    `--output-path .env` would leave the project with ciphertext and no plaintext to encrypt again.
    """
    import os

    from onboard_action.outputs import refuse_replacing

    inputs = {public_key: "the public key", "meltano.yml": "the project's meltano.yml"}
    if dotenv_path != "-":  # read from standard input, the .env on disk is still the user's
        inputs[dotenv_path or ".env"] = "the .env to encrypt"
    read = {os.path.realpath(path): what for path, what in inputs.items()}
    refuse_replacing([("--output-path", output)], read, Path.cwd())


def _keys(args: argparse.Namespace) -> tuple[str, str | None]:
    """PUBLIC_KEY, or the guide's KMS_KEY_ID PUBLIC_KEY; the id given both ways must agree."""
    from onboard_action.errors import UsageError

    if len(args.keys) > 2:
        raise UsageError("encrypt takes PUBLIC_KEY, or KMS_KEY_ID PUBLIC_KEY as the onboarding guide "
                         f"writes it; got {len(args.keys)} arguments")
    if len(args.keys) == 1:
        return args.keys[0], args.kms_key_id
    kms_key_id, public_key = args.keys
    if args.kms_key_id is not None and args.kms_key_id != kms_key_id:
        raise UsageError("the KMS key id is given twice, differently (KMS_KEY_ID and --kms-key-id); "
                         "give it once")
    return public_key, kms_key_id


def _refuse_gaps(args: argparse.Namespace, dotenv: Dotenv, label: str, key) -> None:
    """Every variable onboarding runs need that the .env lacks, and every oversized value: all, then stop."""
    from onboard_action.errors import UsageError
    from onboard_action.findings import relative_path
    from onboard_action.load.loader import load_project
    from onboard_action.model.context import Context
    from onboard_action.rules.secrets_file import missing_for_onboarding
    from onboard_action.secrets.encryption import key_label, size_problems
    from onboard_action.settings import Settings

    lines = [f"{label}:{p.line}: {p.message}"
             for p in size_problems(dotenv, key.max_plaintext_bytes, key_label(key))]
    project_dir, workspace = Path(args.project_dir).resolve(), Path.cwd().resolve()
    if (project_dir / "meltano.yml").is_file():
        project = load_project(project_dir, workspace)
        if project.loaded:
            settings = Settings(project_dir=project_dir, workspace=workspace,
                                onboarding_file=args.onboarding_file or None,
                                environment=args.environment or None)
            context = Context(project, settings)
            for reference in missing_for_onboarding(context, set(dotenv.values)):
                where = reference.location
                lines.append(f"{reference.name} is not in {label}; onboarding runs in environment "
                             f"{context.onboarding_environment!r} use it at "
                             f"{relative_path(where.file, workspace)}:{where.line}:{where.column}")
    if lines:  # one line, as every problem of this command
        raise UsageError(f"nothing written: {len(lines)} problem(s): {'; '.join(lines)}; add what is "
                         f"missing to {label} and shorten what is too large, then encrypt again")


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
