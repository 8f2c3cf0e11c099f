"""The composite action's virtualenv: the pinned requirements, installed once per key and reused.

Run by composite/action.yml with the Python that actions/setup-python provides (standard
library only; any OS):

    python venv.py key       where the virtualenv lives and whether it is ready there
    python venv.py install   make it unless it is ready; say which Python runs the check

The key names everything the virtualenv depends on: the pinned requirements (the check's,
plus the encryption's when an encryption input is set: ENCRYPT=true), the interpreter (its
version and path: a virtualenv points at the Python it was made from), the OS and the
architecture. The virtualenv lives under RUNNER_TOOL_CACHE (kept between jobs on a
self-hosted runner), in a folder named by the key; on GitHub-hosted runners actions/cache
keeps that folder between jobs under the same key (the step between `key` and `install`).
A virtualenv counts as ready only with the marker file `install` writes last, so a half-made
one (a cancelled job) is made again. The package itself is not installed: the entry point
imports it from the action's folder.

Environment: ACTION_ROOT (the action's repository), ENCRYPT, GITHUB_OUTPUT, RUNNER_TOOL_CACHE
(else RUNNER_TEMP, else the temporary folder), RUNNER_OS, RUNNER_ARCH; `install` also VENV_DIR
and VENV_KEY, the outputs of `key`.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMAT = "1"  # bump when the layout of the virtualenv changes: every key changes with it
MARKER = "meltano-onboard-venv.json"
CHECK = "requirements-check.txt"
ENCRYPT = "requirements-encrypt.txt"


def requirement_files(root: Path, encrypt: bool) -> list[Path]:
    return [root / CHECK, *([root / ENCRYPT] if encrypt else [])]


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def key(root: Path, encrypt: bool, environ: dict[str, str] | os._Environ = os.environ) -> str:
    digest = hashlib.sha256()
    for part in (FORMAT, sys.version, os.path.realpath(sys.executable), sys.platform, platform.machine()):
        digest.update(part.encode("utf-8") + b"\0")
    for path in requirement_files(root, encrypt):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    runner = f"{environ.get('RUNNER_OS') or sys.platform}-{environ.get('RUNNER_ARCH') or platform.machine()}"
    version = ".".join(map(str, sys.version_info[:3]))
    what = "check-encrypt" if encrypt else "check"
    return f"meltano-onboard-venv-{runner.lower()}-py{version}-{what}-{digest.hexdigest()[:24]}"


def home(environ: dict[str, str] | os._Environ = os.environ) -> Path:
    base = environ.get("RUNNER_TOOL_CACHE") or environ.get("RUNNER_TEMP") or tempfile.gettempdir()
    return Path(base) / "meltano-onboard"


def ready(folder: Path, venv_key: str) -> bool:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("key") == venv_key and venv_python(folder).exists()


def make(folder: Path, venv_key: str, files: list[Path]) -> None:
    """A fresh virtualenv in `folder` holding exactly the pinned requirements of `files`."""
    shutil.rmtree(folder, ignore_errors=True)
    # No pip inside: the setup Python's pip installs into it (`pip --python`), which saves
    # bootstrapping a second pip, the slowest part of `python -m venv`.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    command = [sys.executable, "-m", "pip", "--python", str(venv_python(folder)), "install",
               "--quiet", "--disable-pip-version-check", "--no-input",
               # Every package is pinned, dependencies included: nothing else may come in, and
               # nothing is built from source (no setup.py of a dependency runs here).
               "--no-deps", "--only-binary", ":all:"]
    for path in files:
        command += ["--requirement", str(path)]
    subprocess.run(command, check=True)
    (folder / MARKER).write_text(json.dumps({"key": venv_key, "made": time.time()}), encoding="utf-8")


def write_outputs(values: dict[str, str], environ: dict[str, str] | os._Environ = os.environ) -> None:
    # Values are our own (paths and keys without newlines): the plain name=value form is safe.
    text = "".join(f"{name}={value}\n" for name, value in values.items())
    with open(environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
        output.write(text)


def main(argv: list[str]) -> int:
    environ = os.environ
    root = Path(environ["ACTION_ROOT"]).resolve()
    encrypt = environ.get("ENCRYPT", "false") == "true"
    if argv == ["key"]:
        venv_key = key(root, encrypt)
        folder = home() / venv_key
        write_outputs({"dir": str(folder), "key": venv_key, "ready": str(ready(folder, venv_key)).lower()})
        return 0
    if argv == ["install"]:
        folder, venv_key = Path(environ["VENV_DIR"]), environ["VENV_KEY"]
        start = time.perf_counter()
        if ready(folder, venv_key):
            print(f"meltano-onboard: reusing the dependencies in {folder}")
            state = "warm"
        else:
            files = requirement_files(root, encrypt)
            make(folder, venv_key, files)
            print(f"meltano-onboard: installed {', '.join(p.name for p in files)} into {folder} "
                  f"in {time.perf_counter() - start:.1f} s")
            state = "cold"
        write_outputs({"python": str(venv_python(folder)), "state": state})
        return 0
    print("usage: venv.py key | install", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
