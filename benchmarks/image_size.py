#!/usr/bin/env python3
"""An estimate of the image's size, layer by layer, from the packages' own sizes (no Docker here).

* the git layer: git and what it pulls in with `--no-install-recommends`, resolved from
  this machine's apt data (`apt-cache show`: `Size` is the download, `Installed-Size`
  the layer), leaving out what python:3.12-slim-bookworm already has: Debian's
  `Priority: required` packages and apt with its dependencies (debian:bookworm-slim),
  and the python image's runtime packages listed in BASE_HAS below;
* the pip layer: the installed size of each pinned requirement, from the RECORD of
  this venv's copy (`pip install --no-compile`: no bytecode);
* the bytecode layer: the Dockerfile's compileall line applied to a copy of this
  interpreter's stdlib and the dependencies (benchmarks/image_layout.py), summed;
  before issue 24 it compiled /action only.

The base image's own size is the documented compressed size of
python:3.12.8-slim-bookworm on Docker Hub (BASE_MB), not measured here. This
machine's apt data must be Debian bookworm's for the git figures to be the image's.
Prints the layers, the total before and after, and the ratio; always exits 0.

    python benchmarks/image_size.py
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE_MB = 43.0  # python:3.12.8-slim-bookworm, compressed, linux/amd64 (Docker Hub: 42-45 MB)
# Installed in python:3.12-slim-bookworm besides Priority: required (its Dockerfile's runtime deps).
BASE_HAS = {"ca-certificates", "netbase", "tzdata", "libssl3", "openssl", "libsqlite3-0", "libffi8",
            "libncursesw6", "libreadline8", "libbz2-1.0", "liblzma5", "libuuid1", "zlib1g", "libexpat1",
            "libdb5.3", "libgdbm6", "libnsl2", "libtirpc3", "libtirpc-common", "libgssapi-krb5-2",
            "libkrb5-3", "libkrb5support0", "libk5crypto3", "libkeyutils1", "libcom-err2", "readline-common"}


def show(package: str) -> dict[str, str] | None:
    done = subprocess.run(["apt-cache", "show", "--no-all-versions", package], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return None
    fields: dict[str, str] = {}
    for line in done.stdout.split("\n\n")[0].splitlines():
        if line[:1] not in (" ", "") and ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def closure(root: str, base: frozenset[str] = frozenset(), *,
            all_priorities: bool = False) -> dict[str, dict[str, str]]:
    """root and its Depends/Pre-Depends (first alternative), minus `base` and Priority: required."""
    seen: dict[str, dict[str, str]] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen or name in base:
            continue
        fields = show(name)
        if fields is None:  # a virtual package: take its first provider
            done = subprocess.run(["apt-cache", "showpkg", name], capture_output=True, text=True, check=False)
            providers = done.stdout.split("Reverse Provides:", 1)[-1].split()
            if providers:
                todo.append(providers[0])
            continue
        if not all_priorities and (fields.get("Priority") == "required" or fields.get("Essential") == "yes"):
            continue
        seen[name] = fields
        for key in ("Pre-Depends", "Depends"):
            for group in fields.get(key, "").split(","):
                first = group.split("|")[0].strip()
                if first:
                    todo.append(re.split(r"[\s(:]", first, maxsplit=1)[0])
    return seen


def pip_layer() -> list[tuple[str, int]]:
    sizes = []
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name = re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0]
        files = importlib.metadata.distribution(name).files or ()
        total = sum(f.size or 0 for f in files if f.suffix != ".pyc" and "__pycache__" not in f.parts)
        sizes.append((name, total))
    return sizes


def bytecode_layer() -> tuple[int, int, int]:
    """Bytes of bytecode the Dockerfile's compile step writes: (stdlib, dependencies, /action)."""
    spec = importlib.util.spec_from_file_location("image_layout", REPO / "benchmarks" / "image_layout.py")
    layout_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(layout_module)
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-size-"))
    try:
        layout = layout_module.Layout(work)
        layout.compile()
        def pyc(root: Path) -> int:
            return sum(p.stat().st_size for p in root.rglob("*.pyc"))
        return pyc(layout.lib) - pyc(layout.site), pyc(layout.site), pyc(layout.action)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    mb = 1024 * 1024
    # debian:bookworm-slim has apt and all it needs; the python image adds BASE_HAS.
    base = frozenset()
    if shutil.which("apt-cache"):
        base = frozenset(BASE_HAS | set(closure("apt", all_priorities=True)))
    git = closure("git", base) if base else {}
    if not git:
        print("no apt data here: the git layer is not estimated")
    download = sum(int(f.get("Size", 0)) for f in git.values())
    installed = sum(int(f.get("Installed-Size", 0)) * 1024 for f in git.values())
    perl = sum(int(f.get("Installed-Size", 0)) * 1024 for n, f in git.items() if "perl" in n)
    print(f"git layer: {len(git)} packages, {download / mb:.1f} MiB download, {installed / mb:.1f} MiB "
          f"installed (perl and its modules: {perl / mb:.1f} MiB)")
    print("  " + ", ".join(sorted(git)))
    pip = pip_layer()
    pip_total = sum(size for _, size in pip)
    print(f"pip layer (--no-compile): {pip_total / mb:.1f} MiB installed: "
          + ", ".join(f"{n} {s / mb:.1f}" for n, s in sorted(pip, key=lambda x: -x[1])[:5]) + ", ...")
    stdlib_pyc, deps_pyc, action_pyc = bytecode_layer()
    print(f"bytecode layer: stdlib {stdlib_pyc / mb:.1f} MiB, dependencies {deps_pyc / mb:.1f} MiB, "
          f"/action {action_pyc / mb:.1f} MiB")
    print(f"base image (documented, compressed): {BASE_MB:.0f} MB")
    # Before issue 24 pip wrote the dependencies' bytecode and only /action was compiled; now the
    # stdlib's is added. The git layer is the same in both (kept: see docs/performance.md).
    before = installed + pip_total + deps_pyc + action_pyc
    after = before + stdlib_pyc
    print(f"layers above the base, installed: before {before / mb:.1f} MiB, after {after / mb:.1f} MiB "
          f"(ratio {after / before:.2f}); without the git layer {(after - installed) / mb:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
