#!/usr/bin/env python3
"""An estimate of the image's size, layer by layer, from the packages' own sizes (no Docker here).

* the git layer, before: Debian's git and what it pulls in with `--no-install-recommends`,
  resolved from this machine's apt data (`apt-cache dumpavail`: `Size` is the download,
  `Installed-Size` the layer), leaving out what python:3.12-slim-bookworm already has;
* the git layer, after (the Dockerfile's builder stage): only the files the final stage
  copies, `/usr/bin/git` and its copyright file, at this machine's sizes (download: those
  files gzip'd, as a pushed layer is); each shared library `ldd` lists for git is traced
  to its package (`dpkg -S`) and must be in the base, else its files are added to the
  layer and named;
* the base, for both: debian:bookworm-slim is what debootstrap's minbase installs, every
  `Priority: required` or `Essential: yes` package with its dependencies (all priorities:
  since bookworm, libraries such as libc6 and libpcre2-8-0 are `optional` and come in as
  dependencies of essential ones, grep's Pre-Depends for libpcre2-8-0), plus apt with its
  own; the python image adds BASE_HAS (its Dockerfile's runtime packages);
* the pip layer: the installed size of each pinned requirement that applies to the
  image's Python 3.12, from the RECORD of this venv's copy (`pip install --no-compile`);
* the bytecode layer: the Dockerfile's compileall line applied to a copy of this
  interpreter's stdlib and the dependencies (benchmarks/image_layout.py), summed;
  before issue 24 it compiled /action only.

The base image's own size is the documented compressed size of
python:3.12.8-slim-bookworm on Docker Hub (BASE_MB), not measured here. This
machine's apt data and git must be Debian bookworm's for the git figures to be the image's.
Prints the layers, the totals before and after, and the ratios; always exits 0.

    python benchmarks/image_size.py
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from packaging.markers import Marker

REPO = Path(__file__).resolve().parent.parent
BASE_MB = 43.0  # python:3.12.8-slim-bookworm, compressed, linux/amd64 (Docker Hub: 42-45 MB)
# Installed in python:3.12-slim-bookworm besides Priority: required (its Dockerfile's runtime deps).
BASE_HAS = {"ca-certificates", "netbase", "tzdata", "libssl3", "openssl", "libsqlite3-0", "libffi8",
            "libncursesw6", "libreadline8", "libbz2-1.0", "liblzma5", "libuuid1", "zlib1g", "libexpat1",
            "libdb5.3", "libgdbm6", "libnsl2", "libtirpc3", "libtirpc-common", "libgssapi-krb5-2",
            "libkrb5-3", "libkrb5support0", "libk5crypto3", "libkeyutils1", "libcom-err2", "readline-common"}


_AVAILABLE: dict[str, dict[str, str]] = {}
IMAGE_PYTHON = "3.12"


def show(package: str) -> dict[str, str] | None:
    """The package's fields from this machine's apt data (its first stanza), or None for a virtual one."""
    if not _AVAILABLE:
        done = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True, check=False)
        for stanza in done.stdout.split("\n\n"):
            fields: dict[str, str] = {}
            for line in stanza.splitlines():
                if line[:1] not in (" ", "") and ":" in line:
                    key, value = line.split(":", 1)
                    fields[key] = value.strip()
            if "Package" in fields:
                _AVAILABLE.setdefault(fields["Package"], fields)
    return _AVAILABLE.get(package)


# debootstrap merges /usr itself and so installs init-system-helpers' second alternative, not usrmerge
# (which would bring perl into debian:bookworm-slim).
INSTEAD = {"usrmerge": "usr-is-merged"}


def closure(roots, base: frozenset[str] = frozenset(), prefer: frozenset[str] = frozenset()
            ) -> dict[str, dict[str, str]]:
    """roots and their Depends/Pre-Depends, minus `base`.

    Of alternatives (and of a virtual package's providers), one already in `base`, `prefer` or
    the closure wins; else the first, as apt takes it.
    """
    seen: dict[str, dict[str, str]] = {}
    todo = list(roots)

    def pick(names: list[str]) -> str:
        for name in names:
            if name in base or name in prefer or name in seen:
                return name
        return INSTEAD.get(names[0], names[0])

    while todo:
        name = todo.pop()
        if name in seen or name in base:
            continue
        fields = show(name)
        if fields is None:  # a virtual package: take a provider
            done = subprocess.run(["apt-cache", "showpkg", name], capture_output=True, text=True, check=False)
            providers = done.stdout.split("Reverse Provides:", 1)[-1].split()[::2]
            if providers:
                todo.append(pick(providers))
            continue
        seen[name] = fields
        for key in ("Pre-Depends", "Depends"):
            for group in fields.get(key, "").split(","):
                names = [re.split(r"[\s(:]", alt.strip(), maxsplit=1)[0] for alt in group.split("|")]
                names = [n for n in names if n]
                if names:
                    todo.append(pick(names))
    return seen


def base_packages() -> frozenset[str]:
    """What python:3.12-slim-bookworm has installed (see the module's docstring for how it is found)."""
    show("apt")  # loads the apt data
    required = [name for name, fields in _AVAILABLE.items()
                if fields.get("Priority") == "required" or fields.get("Essential") == "yes"]
    roots = [*required, "apt", *BASE_HAS]
    return frozenset(closure(roots, prefer=frozenset(roots)))


def _essential_needing(package: str) -> list[str]:
    """The Essential packages that depend on `package` directly: it is on every Debian system then."""
    pattern = re.compile(rf"(^|[,|]\s*){re.escape(package)}(\s|:|,|\(|$)")
    return sorted(name for name, fields in _AVAILABLE.items() if fields.get("Essential") == "yes"
                  and any(pattern.search(fields.get(key, "")) for key in ("Pre-Depends", "Depends")))


def lone_git(base: frozenset[str]) -> tuple[list[tuple[str, int]], list[tuple[str, str, bool, list[str]]]]:
    """The files the final stage copies, with sizes, and (library, package, in the base) for each of git's.

    A library whose package the base lacks is added to the files: the Dockerfile would have to copy it.
    """
    binary = os.path.realpath(shutil.which("git") or "/usr/bin/git")
    files = [(binary, os.path.getsize(binary))]
    if os.path.exists("/usr/share/doc/git/copyright"):
        files.append(("/usr/share/doc/git/copyright", os.path.getsize("/usr/share/doc/git/copyright")))
    done = subprocess.run(["ldd", binary], capture_output=True, text=True, check=False)
    libraries = []
    for line in done.stdout.splitlines():
        match = re.search(r"(/\S+)\s+\(0x", line)
        if not match:
            continue  # linux-vdso: the kernel's
        library = match.group(1)
        owner = subprocess.run(["dpkg", "-S", library], capture_output=True, text=True, check=False)
        if owner.returncode != 0:  # usr-merge: dpkg knows /lib/x86_64-linux-gnu/libz.so.1, not /usr/lib/...
            alias = re.sub(r"^/usr/lib/", "/lib/", library) if library.startswith("/usr/lib/") \
                else re.sub(r"^/lib", "/usr/lib", library)
            owner = subprocess.run(["dpkg", "-S", alias], capture_output=True, text=True, check=False)
        package = owner.stdout.split(":", 1)[0].strip() if owner.returncode == 0 else "?"
        present = package in base
        libraries.append((library, package, present, _essential_needing(package)))
        if not present:
            files.append((os.path.realpath(library), os.path.getsize(os.path.realpath(library))))
    return files, libraries


def pip_layer() -> list[tuple[str, int]]:
    sizes = []
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name = re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0]
        if ";" in line and not Marker(line.split(";", 1)[1]).evaluate({"python_version": IMAGE_PYTHON}):
            continue  # not installed in the image (tomli below 3.11)
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
    base = base_packages() if shutil.which("apt-cache") else frozenset()
    git = closure(["git"], base) if base else {}
    if not git:
        print("no apt data here: the git layer is not estimated")
    download = sum(int(f.get("Size", 0)) for f in git.values())
    installed = sum(int(f.get("Installed-Size", 0)) * 1024 for f in git.values())
    perl = sum(int(f.get("Installed-Size", 0)) * 1024 for n, f in git.items() if "perl" in n)
    print(f"base: {len(base)} packages (required/essential with their dependencies, apt, the python "
          "image's runtime packages)")
    print(f"git layer before (apt-get install git): {len(git)} packages, {download / mb:.1f} MiB download, "
          f"{installed / mb:.1f} MiB installed (perl and its modules: {perl / mb:.1f} MiB)")
    print("  " + ", ".join(sorted(git)))
    files, libraries = lone_git(base)
    lone = sum(size for _, size in files)
    # A pushed layer is a gzip'd tar: its files gzip'd approximate what a pull downloads.
    packed = sum(len(gzip.compress(Path(path).read_bytes(), 6)) for path, _ in files)
    print(f"git layer after (COPY --from the builder stage): {packed / mb:.1f} MiB download (gzip -6), "
          f"{lone / mb:.1f} MiB installed: "
          + ", ".join(f"{path} {size / 1024:.0f} KiB" for path, size in files))
    for library, package, present, essential in libraries:
        print(f"  git needs {library}: package {package}, "
              + ("in the base" if present else "NOT in the base: copied, counted above")
              + (f" (a dependency of essential {', '.join(essential[:4])})" if essential else ""))
    pip = pip_layer()
    pip_total = sum(size for _, size in pip)
    print(f"pip layer (--no-compile): {pip_total / mb:.1f} MiB installed: "
          + ", ".join(f"{n} {s / mb:.1f}" for n, s in sorted(pip, key=lambda x: -x[1])[:5]) + ", ...")
    stdlib_pyc, deps_pyc, action_pyc = bytecode_layer()
    print(f"bytecode layer: stdlib {stdlib_pyc / mb:.1f} MiB, dependencies {deps_pyc / mb:.1f} MiB, "
          f"/action {action_pyc / mb:.1f} MiB")
    print(f"base image (documented, compressed): {BASE_MB:.0f} MB")
    # Before issue 24: Debian's git, pip wrote the dependencies' bytecode, only /action was compiled.
    # Item 1 adds the stdlib's bytecode; item 3 swaps the git layer for the lone binary.
    before = installed + pip_total + deps_pyc + action_pyc
    bytecode = before + stdlib_pyc
    after = bytecode - installed + lone
    print(f"layers above the base, installed: before {before / mb:.1f} MiB; with the stdlib's bytecode "
          f"{bytecode / mb:.1f} MiB; after (lone git) {after / mb:.1f} MiB "
          f"(after/before {after / before:.2f})")
    print(f"image, base included: before {BASE_MB + before / 1e6:.0f} MB, "
          f"after {BASE_MB + after / 1e6:.0f} MB "
          "(base compressed + layers installed: an upper bound for what a job pulls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
