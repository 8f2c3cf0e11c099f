"""Plugin lock files: `plugins/<type>/<name>--<variant>.lock`, the Hub definitions Meltano 3 pins.

`meltano lock` writes one JSON file per Hub plugin; Meltano 3 refuses to run a
Hub plugin without it, and it is where a Hub plugin's settings (and which of
them are sensitive) and commands are defined. A lock file that cannot be read
is recorded as a problem on that file, never raised.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onboard_action.findings import Location
from onboard_action.load.loader import leaves_through_link
from onboard_action.load.yamlfile import MAX_INT_DIGITS

# Lock files of real Hub plugins are a few kilobytes; anything this large is not one.
MAX_LOCK_BYTES = 5 * 1024 * 1024
LOCK_FOLDER = "plugins"


@dataclass
class LockFile:
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


def lock_name(name: str, variant: str | None) -> str:
    return f"{name}--{variant}.lock" if variant else f"{name}.lock"


@dataclass
class LockFiles:
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
        """The lock file of a Hub plugin; without a variant, the one of any variant."""
        files = self._files(plugin_type)
        file_name = lock_name(name, variant)
        if file_name not in files:
            if variant:
                return None
            prefix = f"{name}--"
            candidates = sorted(n for n in files if n.startswith(prefix))
            if not candidates:
                return None
            file_name = candidates[0]
        return self._lock(plugin_type, file_name, files[file_name])

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
        with open(path, "rb") as handle:  # one open and one fstat for each of thousands
            if os.fstat(handle.fileno()).st_size > MAX_LOCK_BYTES:
                return _problem(lock, f"is larger than {MAX_LOCK_BYTES // (1024 * 1024)} MB, "
                                      "too large for a lock file")
            text = handle.read().decode("utf-8")
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
    except ValueError:  # an integer of more than MAX_INT_DIGITS digits: Python refuses to read it
        return _problem(lock, f"holds a number of more than {MAX_INT_DIGITS:,} digits, more than Python "
                              "(and so Meltano) reads in an integer", _long_number(path, text))
    if not isinstance(data, dict):
        return _problem(lock, "holds no JSON object")
    if "settings" in data and not isinstance(data["settings"], list):
        return _problem(lock, "has `settings` that is not a list")
    lock.data = data
    return lock


def _long_number(path: Path, text: str) -> Location:
    found = re.search("[0-9]{" + str(MAX_INT_DIGITS + 1) + ",}", text)
    if found is None:
        return Location(path)
    line = text.count("\n", 0, found.start()) + 1
    return Location(path, line, found.start() - text.rfind("\n", 0, found.start()))


def _problem(lock: LockFile, message: str, where: Location | None = None) -> LockFile:
    lock.problem = message
    lock.problem_location = where or Location(lock.path)
    return lock
