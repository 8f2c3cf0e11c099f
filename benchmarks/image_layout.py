#!/usr/bin/env python3
"""What the image's bytecode layout costs a run, without Docker.

The python slim images delete the standard library's `.pyc` files and the
Dockerfile sets PYTHONDONTWRITEBYTECODE=1, so whatever bytecode the image's
build does not write, every run compiles again. This rebuilds that layout
here, from this interpreter:

* a copy of its standard library (`.py` only, as the slim image ships it),
  used through PYTHONHOME, with its `lib-dynload` linked in;
* the runtime dependencies of requirements.txt copied from this venv without
  bytecode, as `pip install --no-compile` leaves them;
* entrypoint.py and the package at /action;

then applies the Dockerfile's own `compileall` RUN lines to it (paths mapped
into the copy), and runs the entry point as the runner does, with
PYTHONDONTWRITEBYTECODE=1, against three layouts, interleaved:

* baseline: this interpreter with bytecode cached for everything, as an
  installed package has it;
* image: the layout the Dockerfile builds now;
* stdlib-source: the same with the standard library left as the slim image
  ships it (what the image did before issue 24: only /action was compiled).

It prints median wall times and the ratios against the baseline, and always
exits 0 (targets are printed, not asserted; see docs/performance.md).

    python benchmarks/image_layout.py                         # small and 500, 5 runs each
    python benchmarks/image_layout.py --sizes small --runs 1  # the smoke run the tests use
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 1.05  # image / baseline
# Never imported by a check, and large: left out of the copy (the slim image has no `test`).
SKIPPED = ("__pycache__", "site-packages", "test", "tests", "idle_test", "idlelib", "tkinter",
           "turtledemo", "lib2to3", "ensurepip", "pydoc_data", "config-*")


def _bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dockerfile_compile_lines() -> list[list[str]]:
    """The arguments of each `RUN python -m compileall ...` of the Dockerfile, continuation lines joined."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", text)
    return [shlex.split(line)[1:] for line in joined.splitlines()
            if line.startswith("RUN ") and "compileall" in line]


class Layout:
    """A copy of the image's /usr/local/lib/pythonX.Y and /action in a temp folder."""

    def __init__(self, root: Path) -> None:
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        self.home = root / "usr" / "local"
        self.lib = self.home / "lib" / version
        self.site = self.lib / "site-packages"
        self.action = root / "action"
        stdlib = Path(sysconfig.get_path("stdlib", vars={"installed_base": sys.base_prefix,
                                                          "base": sys.base_prefix}))
        shutil.copytree(stdlib, self.lib, symlinks=True, ignore=shutil.ignore_patterns(*SKIPPED))
        dynload = stdlib / "lib-dynload"
        if dynload.is_dir() and not (self.lib / "lib-dynload").exists():
            (self.lib / "lib-dynload").symlink_to(dynload)
        self.site.mkdir()
        for name in requirement_names():
            distribution = importlib.metadata.distribution(name)
            for file in distribution.files or ():
                if "__pycache__" in file.parts or file.suffix == ".pyc":
                    continue
                source = Path(distribution.locate_file(file)).resolve()
                target = self.site / file
                if source.is_file() and source.is_relative_to(Path(distribution.locate_file("")).resolve()):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        self.action.mkdir()
        shutil.copy2(REPO / "entrypoint.py", self.action / "entrypoint.py")
        shutil.copytree(REPO / "onboard_action", self.action / "onboard_action",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    def env(self) -> dict[str, str]:
        return {"PYTHONHOME": str(self.home), "PYTHONDONTWRITEBYTECODE": "1"}

    def compile(self, *, only_action: bool = False) -> int:
        """Run the Dockerfile's compileall lines on the copy; returns how many ran."""
        ran = 0
        for args in dockerfile_compile_lines():
            mapped = []
            for arg in args[1:]:  # args[0] is the interpreter the Dockerfile names
                arg = re.sub(r"^/usr/local/lib/python3\.\d+", str(self.lib), arg)
                arg = re.sub(r"^/action(?=/|$)", str(self.action), arg)
                mapped.append(arg)
            if only_action:
                mapped = [a for a in mapped if not a.startswith(str(self.home))]
            subprocess.run([sys._base_executable, *mapped], env={**os.environ, **self.env()},
                           check=True, stdout=subprocess.DEVNULL)
            ran += 1
        return ran


def requirement_names() -> list[str]:
    """The distributions requirements.txt installs on this interpreter (markers honoured, as pip does)."""
    from packaging.requirements import Requirement

    names = []
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate():
                names.append(requirement.name)
    return names


def runner_env(project: Path, files: Path) -> dict[str, str]:
    files.mkdir(exist_ok=True)
    output, summary = files / "output", files / "summary"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GITHUB_", "INPUT_", "RUNNER_", "PYTHON"))}
    env.update({"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(project), "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_REPOSITORY": "bench/data",
                "GITHUB_SERVER_URL": "https://github.com", "INPUT_PROJECT-DIR": ".",
                "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z"})
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,500", help="comma-separated: small,500,5000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bench = _bench()
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-layout-"))
    results: dict[str, dict[str, float]] = {}
    try:
        image, before = Layout(work / "image"), Layout(work / "before")
        if not image.compile():
            print("the Dockerfile has no compileall line: the image compiles nothing at build time")
        before.compile(only_action=True)
        # The baseline: this interpreter and its own cached stdlib bytecode, the package's cached too.
        cached = {"PYTHONPYCACHEPREFIX": str(work / "pycache"),
                  "PYTHONPATH": os.pathsep.join([str(image.action), str(image.site)])}
        variants = {"baseline": ([sys._base_executable], cached),
                    "image": ([sys._base_executable], image.env()),
                    "stdlib-source": ([sys._base_executable], before.env())}
        for size in (s.strip() for s in args.sizes.split(",") if s.strip()):
            project = work / size
            bench.generate(project, bench.SIZES[size])
            env = runner_env(project, work / f"files-{size}")
            commands = {}
            for name, (python, extra) in variants.items():
                entry = (before if name == "stdlib-source" else image).action / "entrypoint.py"
                commands[name] = ([*python, str(entry)], {**env, **extra})
            for command, environment in commands.values():  # warm up; the baseline writes its bytecode
                bench.measure(command, project, environment)
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.runs):
                for name, (command, environment) in commands.items():
                    times[name].append(bench.measure(command, project, environment)[0])
            results[size] = {name: statistics.median(values) for name, values in times.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'size':>6} {'baseline s':>11} {'image s':>9} {'ratio':>7} {'stdlib-source s':>16} {'ratio':>7}")
    for size, r in results.items():
        print(f"{size:>6} {r['baseline']:11.3f} {r['image']:9.3f} {r['image'] / r['baseline']:7.2f} "
              f"{r['stdlib-source']:16.3f} {r['stdlib-source'] / r['baseline']:7.2f}")
    print("targets:")
    for size, r in results.items():
        ratio = r["image"] / r["baseline"]
        print(f"  image layout / bytecode-compiled at {size}: {ratio:.2f} (target <= {TARGET}) "
              f"{'ok' if ratio <= TARGET else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
