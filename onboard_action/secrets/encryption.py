"""The one path from plaintext values to a written secrets.yml, shared by the action and the CLI.

Order matters: every check (names, sizes against this key) runs before the
first byte is written, and the file is replaced atomically, so a failure
leaves the previous secrets.yml as it was. Plaintext lives in memory only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from msgspec import Struct

from onboard_action.errors import UsageError, quoted
from onboard_action.fileio import Owner, read_regular
from onboard_action.records import repr_without
from onboard_action.secrets import secrets_file
from onboard_action.secrets.dotenv_source import (
    NAME,
    Dotenv,
    DotenvProblem,
    parse_dotenv,
    size_problems,
    too_large_message,
)
from onboard_action.secrets.keys import (
    OAEP_SHA256_OVERHEAD,
    RECOMMENDED_BITS,
    PublicKey,
    read_key_file,
)

ASSUMED_BITS = RECOMMENDED_BITS  # the size limit `check --dotenv-path` applies without a key

# A .env is a few kilobytes; a larger file is not one.
MAX_DOTENV_BYTES = 1024 * 1024


class SecretsRun(Struct, frozen=True):
    """What the checks learn about the secrets handled in this run. It holds no value.

    Made by the action (after encrypting) and by `check --public-key/--dotenv-path`,
    handed to the check beside the settings (`Context.secrets`); read by
    `rules/secrets_file.py`.
    """

    key: PublicKey | None = None
    dotenv_problems: tuple[DotenvProblem, ...] = ()
    dotenv_file: Path | None = None  # the .env file, when it came from one: findings point into it
    dotenv_label: str = ".env"  # how messages name the .env
    written: Path | None = None  # the secrets file this run wrote
    written_names: tuple[str, ...] = ()
    dotenv_names: tuple[str, ...] = ()  # what `check --dotenv-path` was given, for P703


class Plaintext(Struct, frozen=True):
    name: str
    value: str
    source: str  # "dotenv" or "secrets"

    __repr__ = repr_without("value")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def key_label(key: PublicKey) -> str:
    return f"this RSA-{key.bits} key"


def refuse_dotenv_errors(dotenv: Dotenv, label: str) -> None:
    errors = dotenv.errors
    if errors:
        raise UsageError(f"{label} cannot be encrypted: " + "; ".join(p.message for p in errors)
                         + ". Nothing was written: fix these lines and run again")


def encrypt_to_file(values: list[Plaintext], key: PublicKey, output: Path,
                    kms_key_id: str | None = None, owner: Owner | None = None) -> list[str]:
    """Check every value, encrypt, write `output` atomically (0600, given to `owner`); the names written."""
    from onboard_action.secrets.kms import encrypt_value

    bad_names = [v.name for v in values if not NAME.match(v.name)]
    if bad_names:
        raise UsageError(f"{', '.join(bad_names)}: not valid environment variable names "
                         "(letters, digits and `_`, not starting with a digit); nothing was written")
    # A lone surrogate (from a JSON escape, or bytes that are not UTF-8 in an input) has no UTF-8.
    not_text = [v for v in values if not _encodable(v.value)]
    if not_text:
        raise UsageError(", ".join(f"{v.name} (from {v.source})" for v in not_text)
                         + ": the value is not UTF-8 text (it holds bytes that are not UTF-8, or a lone "
                           "surrogate such as a JSON `\\ud800`); fix the value; nothing was written")
    too_large = [too_large_message(v.name, size, key.max_plaintext_bytes, key_label(key))
                 for v in values if (size := len(v.value.encode("utf-8"))) > key.max_plaintext_bytes]
    if too_large:
        raise UsageError("; ".join(too_large) + ". RSA-OAEP encrypts one block per value: shorten "
                         "these values (or, for a certificate or key file, store it elsewhere); "
                         "nothing was written")
    entries = secrets_file.encrypt_entries(((v.name, v.value) for v in values),
                                           lambda value: encrypt_value(key, value))
    text = secrets_file.render(entries, kms_key_id)
    try:
        secrets_file.write(output, text, owner)
    except OSError as exc:
        raise UsageError(f"cannot write {quoted(output)} ({exc.strerror or type(exc).__name__}); "
                         "the previous file, if any, is unchanged") from None
    return [entry.name for entry in entries]


def read_dotenv_file(path: Path, label: str) -> Dotenv:
    """A .env from disk, read as UTF-8 into memory."""
    try:
        raw = read_regular(path, MAX_DOTENV_BYTES)
        if len(raw) > MAX_DOTENV_BYTES:
            raise UsageError(f"{label} is larger than {MAX_DOTENV_BYTES:,} bytes, too large for a .env file")
    except IsADirectoryError:
        raise UsageError(f"{label} is a folder, not a .env file") from None
    except FileNotFoundError:
        raise UsageError(f"{label} does not exist: give the path of the .env to encrypt "
                         "(nothing was written)") from None
    except OSError as exc:
        raise UsageError(f"{label} cannot be read ({exc.strerror or type(exc).__name__})") from None
    return parse_dotenv_bytes(raw, label)


def read_stdin_bytes(label: str) -> bytes:
    raw = sys.stdin.buffer.read(MAX_DOTENV_BYTES + 1)
    if len(raw) > MAX_DOTENV_BYTES:
        raise UsageError(f"{label} is larger than {MAX_DOTENV_BYTES:,} bytes, too large for a .env file")
    return raw


def parse_dotenv_bytes(raw: bytes, label: str) -> Dotenv:
    try:
        # "utf-8-sig": a byte-order mark (Windows editors) would otherwise stick to the first name.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"{label} is not UTF-8 text (invalid byte on line {line}): "
                         "save it as UTF-8") from None
    return parse_dotenv(text)


def require_values(dotenv: Dotenv, label: str) -> None:
    if not dotenv.values:
        raise UsageError(f"{label} defines no variable (it is empty or holds only comments); "
                         "refusing to replace the secrets file with an empty one")


def check_inputs(public_key: str | None, dotenv_path: str | None, cwd: Path) -> SecretsRun | None:
    """For `check --public-key/--dotenv-path`: the key and the .env's problems, nothing written."""
    if not public_key and not dotenv_path:
        return None
    key = read_key_file(cwd / public_key, f"--public-key {public_key}") if public_key else None
    problems: list[DotenvProblem] = []
    dotenv_file = None
    names: tuple[str, ...] = ()
    if dotenv_path:
        dotenv_file = (cwd / dotenv_path).resolve()
        dotenv = read_dotenv_file(dotenv_file, f"--dotenv-path {dotenv_path}")
        problems = dotenv.problems
        names = tuple(dotenv.values)
        if key:
            problems = problems + size_problems(dotenv, key.max_plaintext_bytes, key_label(key))
        else:  # no key to measure against: Meltano's organization keys are RSA-4096
            problems = problems + size_problems(dotenv, ASSUMED_BITS // 8 - OAEP_SHA256_OVERHEAD,
                                                f"an RSA-{ASSUMED_BITS} key (assumed: no --public-key "
                                                "was given)")
    return SecretsRun(key=key, dotenv_problems=tuple(problems), dotenv_file=dotenv_file,
                           dotenv_label=dotenv_path or ".env", dotenv_names=names)
