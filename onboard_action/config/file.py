"""The configuration file: `[tool.meltano-onboard]` in `pyproject.toml`, or a `.meltano-onboard.toml`.

Found as ruff finds its own: walking up from the project folder, each folder
is asked for `.meltano-onboard.toml` (its keys at the top level), then for a
`pyproject.toml` that has a `[tool.meltano-onboard]` table; the first one
found is used, alone. The walk stops at the repository root (the folder
holding `.git`); outside a repository it stays in the workspace, and in the
action it never leaves the workspace: a file outside the checkout is not read.

tomllib (tomli before Python 3.11) reads the file but keeps no positions, so
the line of a key is found by a small scan of the text (`line_of`): the
table headers and `key =` lines, dotted keys and inline tables included.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from onboard_action.errors import UsageError
from onboard_action.fileio import read_regular
from onboard_action.findings import relative_path
from onboard_action.records import repr_without

DEDICATED = ".meltano-onboard.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "meltano-onboard")
MAX_BYTES = 1024 * 1024  # a configuration file is small: anything bigger is not one
# Each key and the type of value it takes; settings checks what the values mean.
KEYS: dict[str, type] = {"ignore": list, "severity": dict, "fail-on": str, "per-file-ignores": dict,
                         "target": str}
TYPE_WORDS = {list: 'a list of rule codes, e.g. ["F008", "S010"]', str: 'a string, e.g. "warning"',
              dict: 'a table, e.g. {S010 = "notice"}'}


class ConfigFile(Struct, frozen=True):
    path: Path
    shown: str  # the path as messages show it
    values: dict[str, Any]
    table: tuple[str, ...]  # where the keys are: TABLE in pyproject.toml, () in the dedicated file
    text: str = field(default="")

    __repr__ = repr_without("text")

    @property
    def folder(self) -> Path:
        """What per-file-ignores patterns are relative to."""
        return self.path.parent

    def where(self, *keys: str) -> str:
        """`pyproject.toml:12`: the file and the line of a key (or of a key inside a key's table)."""
        return f"{self.shown}:{line_of(self.text, (*self.table, *keys))}"

    def error(self, message: str, *keys: str) -> UsageError:
        return UsageError(f"{self.where(*keys)}: {message}")


def find(project_dir: Path, workspace: Path, *, confine: bool) -> ConfigFile | None:
    """The configuration file that applies to `project_dir`, read and checked for shape; or None."""
    for folder in _folders(project_dir.resolve(), workspace.resolve(), confine=confine):
        for name in (DEDICATED, PYPROJECT):
            found = _read(folder / name, workspace, confine=confine)
            if found is not None:
                return found
    return None


def _folders(project_dir: Path, top: Path, *, confine: bool) -> list[Path]:
    """The project folder and those above it, up to the repository root (or the workspace).

    Outside any git repository only folders inside the workspace count (or the
    project folder alone): a stray file in some parent folder is not a
    project's configuration.
    """
    folders, folder = [], project_dir
    while True:
        folders.append(folder)
        if (folder / ".git").exists() or (confine and folder == top):
            return folders
        if folder.parent == folder:
            return [f for f in folders if f.is_relative_to(top)] or folders[:1]
        folder = folder.parent


def _read(path: Path, workspace: Path, *, confine: bool) -> ConfigFile | None:
    shown = relative_path(path, workspace, outside="climb")
    if not path.is_file():
        return None
    if confine and not path.resolve().is_relative_to(workspace.resolve()):
        raise UsageError(f"{shown} is a symbolic link that leads out of the workspace; "
                         "replace it with the file itself")
    try:
        raw = read_regular(path, MAX_BYTES)
        if len(raw) > MAX_BYTES:
            raise UsageError(f"{shown} is larger than {MAX_BYTES:,} bytes; it cannot be a configuration file")
    except OSError as exc:
        raise UsageError(f"{shown} cannot be read ({exc.strerror or exc})") from None
    if path.name == PYPROJECT and b"meltano-onboard" not in raw:
        return None  # most pyproject.toml files are not ours: not even parsed
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise UsageError(f"{shown}:{line}: not UTF-8 text; save it as UTF-8") from None
    data = _parse(text, shown)
    if path.name == PYPROJECT:
        table: tuple[str, ...] = TABLE
        values = data.get("tool", {}).get("meltano-onboard") if isinstance(data.get("tool"), dict) else None
        if values is None:
            return None
    else:
        table, values = (), data
    config = ConfigFile(path, shown, values, table, text)
    if not isinstance(values, dict):
        raise config.error("`tool.meltano-onboard` must be a table")
    _check_shape(config)
    return config


def _parse(text: str, shown: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the tests run on the newest Python
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses into each nested array or table
        raise UsageError(f"{shown}: values nested too deeply to be a configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
        line = int(at.group(1)) if at else text.count("\n") + 1  # "(at end of document)"
        message = message[:at.start()] if at else re.sub(r"\s*\(at end of document\)$", "", message)
        raise UsageError(f"{shown}:{line}: not valid TOML: {message}") from None
    except ValueError:  # an integer of more digits than int() reads: tomllib lets that through
        found = re.search(r"\d{4301,}", text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        raise UsageError(f"{shown}:{line}: holds a number of more than 4,300 digits, which Python "
                         "cannot read; shorten it") from None


def _check_shape(config: ConfigFile) -> None:
    for key, value in config.values.items():
        if key not in KEYS:  # five keys: listing them says as much as a guess would
            raise config.error(f"unknown key {key!r}; the keys are " + ", ".join(f"`{k}`" for k in KEYS),
                               key)
        wanted = KEYS[key]
        if not isinstance(value, wanted):
            words = 'a string, e.g. "cloud"' if key == "target" else TYPE_WORDS[wanted]
            raise config.error(f"`{key}` must be {words}", key)
        if wanted is list and not all(isinstance(item, str) for item in value):
            raise config.error(f"`{key}` must be {TYPE_WORDS[list]}", key)


# --- where a key is written ------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""  # a bare or quoted key
_KEY_LINE = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def line_of(text: str, keys: tuple[str, ...]) -> int:
    """The line (1-based) where the key at `keys` (a dotted path of tables and keys) is written.

    The most specific place found wins: the key's own line, else the header
    of its table, else the line of the nearest key above it; 1 when nothing
    of the path is written.
    """
    best_depth, best_line = 0, 1
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split(header.group(1))
            depth = _common(table, keys)
            if depth == len(table) and depth > best_depth:
                best_depth, best_line = depth, number
            continue
        key = _KEY_LINE.match(line)
        if not key:
            continue
        path = table + _split(key.group(1))
        if _common(table, keys) < len(table):
            continue  # a key of another table
        depth = _common(path, keys)
        if depth < len(keys) and depth == len(path):
            # `severity = {S010 = "notice"}`: an inline table holds the rest of the path.
            rest = keys[depth:]
            if rest and re.search(rf"(^|[{{,\s]){re.escape(rest[0])}\s*=", line[key.end():]):
                depth = len(keys)
        if depth > best_depth:
            best_depth, best_line = depth, number
    return best_line


def _split(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
    return tuple(next(p for p in part if p) if any(part) else "" for part in parts)


def _common(path: tuple[str, ...], keys: tuple[str, ...]) -> int:
    n = 0
    for a, b in zip(path, keys, strict=False):
        if a != b:
            break
        n += 1
    return n
