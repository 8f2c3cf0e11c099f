"""Plugin lock files: `plugins/<type>/<name>--<variant>.lock`, the Hub definitions Meltano 3 pins.

`meltano lock` writes one JSON file per Hub plugin; Meltano 3 refuses to run a
Hub plugin without it, and it is where a Hub plugin's settings (and which of
them are sensitive) and commands are defined. A lock file that cannot be read
is recorded as a problem on that file, never raised.

A plugin without `variant` is looked up under its default variant's name:
Meltano 4.4.1 reads exactly `<name>--default.lock` (`ProjectPlugin` falls back
on `Variant.DEFAULT_NAME`), never the `<name>--<variant>.lock` that
`meltano lock` writes nor a plain `<name>.lock`, and asks Meltano Hub when that
file is missing (measured: `meltano config list` with each of the three files).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from onboard_action.fileio import read_regular
from onboard_action.findings import Location
from onboard_action.load.loader import leaves_through_link
from onboard_action.load.yamlfile import MAX_INT_DIGITS

# Lock files of real Hub plugins are a few kilobytes; anything this large is not one.
MAX_LOCK_BYTES = 5 * 1024 * 1024
LOCK_FOLDER = "plugins"
# The variant Meltano 4 looks a plugin up under when the entry names none.
DEFAULT_VARIANT = "default"
# What Meltano's standalone definition cannot be made without (`StandalonePlugin.__init__`):
# a lock file lacking one fails every command that loads the plugin with a TypeError.
REQUIRED_FIELDS = ("plugin_type", "name", "namespace")


class LockFile(Struct):
    path: Path
    data: dict | None = None
    problem: str | None = None  # why it cannot be used, in words
    problem_location: Location | None = None

    @property
    def settings(self) -> list[dict]:
        settings = self.data.get("settings") if self.data else None
        return [s for s in settings if isinstance(s, dict)] if isinstance(settings, list) else []

    @property
    def commands(self) -> dict[str, Any]:
        commands = self.data.get("commands") if self.data else None
        return commands if isinstance(commands, dict) else {}

    def key_location(self, key: str) -> Location:
        """Where a top-level key is written, as `meltano lock` indents it; the file when not found.

        The file is read again: only a finding asks, and thousands of lock files are not kept as text.
        """
        try:
            text = read_regular(self.path, MAX_LOCK_BYTES).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return Location(self.path)
        match = re.search(rf'^  "{re.escape(key)}"\s*:', text, re.MULTILINE)
        if match is None:
            return Location(self.path)
        line = text.count("\n", 0, match.start()) + 1
        return Location(self.path, line, 3, line, 2 + len(key) + 2)


def lock_name(name: str, variant: str | None) -> str:
    """The file Meltano reads for a plugin of this name and variant (None: the entry names none)."""
    return f"{name}--{variant or DEFAULT_VARIANT}.lock"


def name_and_variant(file_name: str) -> tuple[str, str | None]:
    """`tap-github--meltanolabs.lock` -> ("tap-github", "meltanolabs"); no `--`: no variant."""
    stem = file_name.removesuffix(".lock")
    name, sep, variant = stem.partition("--")
    return (name, variant) if sep else (stem, None)


class LockFiles(Struct):
    """The lock files under one project, each read at most once per run.

    Kept by type and file name: thousands of plugins would otherwise hash a
    Path for each lookup, which costs more than the lookup.
    """

    root: Path
    # type -> file name -> whether it is a symbolic link
    _listing: dict[str, dict[str, bool]] = field(default_factory=dict)
    _read: dict[tuple[str, str], LockFile] = field(default_factory=dict)
    _folders: dict[str, Path] = field(default_factory=dict)

    def folder(self, plugin_type: str) -> Path:
        # Made once per type: joining Paths costs more than reading a small lock file.
        if plugin_type not in self._folders:
            self._folders[plugin_type] = self.root / LOCK_FOLDER / plugin_type
        return self._folders[plugin_type]

    def _files(self, plugin_type: str) -> dict[str, bool]:
        """The `.lock` files in `plugins/<type>/`, listed once instead of one stat per plugin."""
        if plugin_type not in self._listing:
            try:
                # scandir knows which entries are files without a stat for each of thousands.
                with os.scandir(self.folder(plugin_type)) as entries:
                    self._listing[plugin_type] = {
                        e.name: e.is_symlink() for e in entries if e.name.endswith(".lock") and e.is_file()}
            except OSError:
                self._listing[plugin_type] = {}
        return self._listing[plugin_type]

    def expected_path(self, plugin_type: str, name: str, variant: str | None) -> Path:
        return self.folder(plugin_type) / lock_name(name, variant)

    def find(self, plugin_type: str, name: str, variant: str | None) -> LockFile | None:
        """The lock file Meltano reads for a Hub plugin (see `lock_name`), if it is there."""
        files = self._files(plugin_type)
        file_name = lock_name(name, variant)
        return self._lock(plugin_type, file_name, files[file_name]) if file_name in files else None

    def plain(self, plugin_type: str, name: str) -> LockFile | None:
        """`<name>.lock`: a lock file named without a variant, which no Meltano version reads."""
        files = self._files(plugin_type)
        file_name = f"{name}.lock"
        return self._lock(plugin_type, file_name, files[file_name]) if file_name in files else None

    def variants(self, plugin_type: str, name: str) -> list[str]:
        """The variants of `name` that have a lock file, sorted: for hints about the one Meltano reads."""
        prefix = f"{name}--"
        return sorted(name_and_variant(n)[1] or "" for n in self._files(plugin_type)
                      if n.startswith(prefix) and n != lock_name(name, None))

    def _lock(self, plugin_type: str, file_name: str, is_link: bool) -> LockFile:
        key = (plugin_type, file_name)
        if key not in self._read:
            path = self.folder(plugin_type) / file_name
            if is_link and leaves_through_link(path, self.root):
                # A link from the repository may lead anywhere (the runner's files): never read it.
                self._read[key] = _problem(LockFile(path), "is a symbolic link that leads out of the "
                                                           "project (or in a loop), and was not read")
            else:
                self._read[key] = read_lock_file(path)
        return self._read[key]


def read_lock_file(path: Path) -> LockFile:
    lock = LockFile(path)
    try:
        raw = read_regular(path, MAX_LOCK_BYTES)  # one open and one fstat for each of thousands
        if len(raw) > MAX_LOCK_BYTES:
            return _problem(lock, f"is larger than {MAX_LOCK_BYTES // (1024 * 1024)} MB, "
                                  "too large for a lock file")
        text = raw.decode("utf-8")
    except OSError as exc:
        return _problem(lock, f"cannot be read ({exc.strerror or exc})")
    except UnicodeDecodeError:
        return _problem(lock, "is not UTF-8 text")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _problem(lock, f"is not valid JSON ({exc.msg})", Location(path, exc.lineno, exc.colno))
    except RecursionError:
        return _problem(lock, "nests too deeply to be a lock file")
    except ValueError:  # an integer of more digits than int() reads: the only other ValueError
        line, column = _long_number_at(text)
        return _problem(lock, f"holds a number of more than {MAX_INT_DIGITS:,} digits, which Python "
                              "(and so Meltano) cannot read", Location(path, line, column))
    if not isinstance(data, dict):
        return _problem(lock, "holds no JSON object")
    if "settings" in data and not isinstance(data["settings"], list):
        return _problem(lock, "has `settings` that is not a list")
    missing = [key for key in REQUIRED_FIELDS if not isinstance(data.get(key), str) or not data[key]]
    if missing:
        fields = " and ".join(f"`{key}`" for key in missing)
        return _problem(lock, f"has no {fields} (Meltano's definition needs `plugin_type`, `name` and "
                              "`namespace`)")
    lock.data = data
    return lock


def _long_number_at(text: str) -> tuple[int, int]:
    """Line and column of the first run of more digits than int() reads (1, 1 if none is found)."""
    found = re.search(rf"\d{{{MAX_INT_DIGITS + 1},}}", text)
    if found is None:
        return 1, 1
    start = found.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1


def _problem(lock: LockFile, message: str, where: Location | None = None) -> LockFile:
    lock.problem = message
    lock.problem_location = where or Location(lock.path)
    return lock
