#!/usr/bin/env python3
"""What bytecode costs the container action: the image's layout reproduced, with and without pycs.

The python slim images delete every `.pyc` of the standard library, and the
Dockerfile sets PYTHONDONTWRITEBYTECODE=1, so an image without bytecode
compiled at build time compiles every module it imports, on every run. This
benchmark rebuilds that layout here, without Docker, and times the action's
entry point in it on the generated projects of benchmarks/bench.py.

Each layout is a Python prefix laid out as /usr/local is in the image:

    <layout>/lib/pythonX.Y/                the interpreter's standard library, copied
                                          (hard links) without __pycache__, site-packages
                                          and the test folders, as the slim image has it
    <layout>/lib/pythonX.Y/site-packages/  requirements.txt, installed with --no-compile
    <layout>/action/                      entrypoint.py and onboard_action, as COPY puts them

and is run as the image runs it: the interpreter's own binary with
PYTHONHOME=<layout> (so sys.prefix, the standard library and site-packages
are the copies), PYTHONDONTWRITEBYTECODE=1, PYTHONNOUSERSITE=1, no
PYTHONPATH, `python <layout>/action/entrypoint.py` with INPUT_* as the
runner passes them. The layouts differ only in their bytecode:

    no-stdlib-pycs   the Dockerfile before issue 24: no stdlib pycs, site-packages
                     compiled by pip (timestamps), the package compiled unchecked-hash
    unchecked-hash   the Dockerfile now: everything compiled at build time with
                     `compileall --invalidation-mode unchecked-hash`
    checked-hash     the same, checked-hash (each import reads and hashes the source)
    timestamp        the reference: bytecode as a normal installation has it

Before timing, one verbose run (`python -v`) in each layout counts the modules
imported from source and from bytecode, and the run checks that the
interpreter really uses the copied prefix and writes no bytecode. Runs are
interleaved; medians of wall and CPU time are printed with the ratios to `timestamp`. Target
(issue 24): unchecked-hash / timestamp at most 1.05 at 500. Always exits 0.

    python benchmarks/bytecode.py                         # small and 500, 5 runs each
    python benchmarks/bytecode.py --python /usr/bin/python3.12 --sizes 500 --runs 7
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LAYOUTS = ("no-stdlib-pycs", "unchecked-hash", "checked-hash", "timestamp")
REFERENCE = "timestamp"
TARGET = 1.05  # unchecked-hash / timestamp
# What the slim image's Dockerfile deletes under /usr/local besides the pycs.
SLIM_DELETES = ("test", "tests", "idle_test")
# The Dockerfile's compileall exclusions: parts of the stdlib the action cannot or does not
# import (no Tk in the image; lib2to3, pydoc's topics, ensurepip), and pip. Kept in step
# with the Dockerfile by tests/test_image.py.
EXCLUDE = r"/(idlelib|tkinter|turtledemo|lib2to3|pydoc_data|ensurepip|site-packages/pip)/"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(python: str) -> dict[str, str]:
    code = ("import json, sys, sysconfig; print(json.dumps({'stdlib': sysconfig.get_paths()['stdlib'], "
            "'version': '%d.%d' % sys.version_info[:2], 'full': sys.version.split()[0], "
            "'tag': sys.implementation.cache_tag}))")
    done = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "GITHUB_", "INPUT_", "RUNNER_", "VIRTUAL_ENV"))}
    env.pop("MELTANO_ONBOARD_NOW", None)
    return env


def compileall(python: str, mode: str, *paths: Path) -> None:
    command = [python, "-m", "compileall", "-q", "-j", "0", "-x", EXCLUDE]
    if mode != "timestamp":
        command += ["--invalidation-mode", mode]
    done = subprocess.run([*command, *map(str, paths)], env=clean_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"compileall failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def build(work: Path, python: str, info: dict[str, str]) -> dict[str, Path]:
    """The four layouts under `work`, sharing one pip install and hard-linked sources."""
    ignore_stdlib = shutil.ignore_patterns("__pycache__", "site-packages", *SLIM_DELETES, "*.pyc", "*.pyo")
    ignore_pycs = shutil.ignore_patterns("__pycache__", "*.pyc")
    installed = work / "site-packages"
    start = time.perf_counter()
    done = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile",
         "--no-deps", "--target", str(installed), "--requirement", str(REPO / "requirements.txt")],
        env=clean_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pip install failed:\n{done.stderr[-2000:]}")
    print(f"installed requirements.txt for Python {info['full']} in {time.perf_counter() - start:.1f} s")

    def link(source: Path, target: Path, ignore) -> None:
        try:
            shutil.copytree(source, target, ignore=ignore, copy_function=os.link, symlinks=True)
        except OSError:  # another file system: copy instead
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=ignore, symlinks=True)

    layouts = {}
    for name in LAYOUTS:
        root = work / name
        lib = root / "lib" / f"python{info['version']}"
        link(Path(info["stdlib"]), lib, ignore_stdlib)
        link(installed, lib / "site-packages", ignore_pycs)
        (root / "action").mkdir()
        shutil.copy2(REPO / "entrypoint.py", root / "action" / "entrypoint.py")
        shutil.copytree(REPO / "onboard_action", root / "action" / "onboard_action", ignore=ignore_pycs)
        start = time.perf_counter()
        if name == "no-stdlib-pycs":
            compileall(python, "timestamp", lib / "site-packages")  # pip compiles what it installs
            compileall(python, "unchecked-hash", root / "action")
        else:
            # As the Dockerfile: the whole prefix (stdlib and site-packages), then the package.
            compileall(python, name, lib)
            compileall(python, name, root / "action")
        print(f"  {name:>15}: compiled in {time.perf_counter() - start:.1f} s, "
              f"{pyc_bytes(lib) / 2**20:.1f} MiB of pycs under lib/")
        layouts[name] = root
    return layouts


def pyc_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.pyc"))


def action_env(layout: Path, project: Path, files: Path) -> dict[str, str]:
    env = clean_env()
    env.update({
        "PYTHONHOME": str(layout), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "PYTHONUNBUFFERED": "1", "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z",
        "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(project),
        "GITHUB_OUTPUT": str(files / "output"), "GITHUB_STEP_SUMMARY": str(files / "summary"),
        "GITHUB_REPOSITORY": "bench/data", "GITHUB_SERVER_URL": "https://github.com",
        "INPUT_PROJECT-DIR": ".", "INPUT_ONBOARDING-FILE": "onboarding.yml", "INPUT_FAIL-ON": "error",
    })
    return env


def command(python: str, layout: Path, *flags: str) -> list[str]:
    return [python, *flags, str(layout / "action" / "entrypoint.py")]


def verify(python: str, layouts: dict[str, Path], project: Path, files: Path) -> None:
    """One verbose run per layout: where each module came from, and that nothing was written."""
    probe = ("import sys, json; print(json.dumps([sys.prefix, sys.flags.dont_write_bytecode, "
             "sys.pycache_prefix]))")
    print(f"{'layout':>15} {'stdlib src':>10} {'stdlib pyc':>10} {'deps src':>9} {'deps pyc':>9} "
          f"{'ours src':>9} {'ours pyc':>9}")
    for name, layout in layouts.items():
        env = action_env(layout, project, files)
        prefix, dont_write, pycache_prefix = json.loads(subprocess.run(
            [python, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout)
        if Path(prefix) != layout or not dont_write or pycache_prefix is not None:
            raise SystemExit(f"{name}: the interpreter does not run the image's layout "
                             f"(prefix {prefix}, dont_write_bytecode {dont_write}, "
                             f"pycache_prefix {pycache_prefix})")
        before = pyc_bytes(layout)
        done = subprocess.run(command(python, layout, "-v"), cwd=project, env=env,
                              capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{name}: the action failed ({done.returncode}):\n{done.stdout[-1000:]}")
        if pyc_bytes(layout) != before:
            raise SystemExit(f"{name}: a run wrote bytecode despite PYTHONDONTWRITEBYTECODE")
        lib = str(layout / "lib")
        counts = dict.fromkeys((f"{where} {kind}" for where in ("stdlib", "deps", "ours")
                                for kind in ("src", "pyc")), 0)
        for path in re.findall(r"^# code object from '?(.+?)'?$", done.stderr, re.MULTILINE):
            where = ("deps" if "/site-packages/" in path else "stdlib") if path.startswith(lib) else "ours"
            counts[f"{where} {'pyc' if path.endswith('.pyc') else 'src'}"] += 1
        print(f"{name:>15} " + " ".join(f"{v:>{max(9, len(k))}}" for k, v in counts.items()))


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one whole process.

    CPU time is what compiling costs, and it barely moves when other jobs share the
    machine; wall time is what a user waits for. Both are printed.
    """
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({status}): {stderr[-400:]!r}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter whose standard library is copied (default: this one); "
                             "the image has Python 3.12")
    parser.add_argument("--sizes", default="small,500", help="comma-separated: small,500,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR (new or empty) and keep it")
    args = parser.parse_args()
    python = os.path.realpath(args.python)  # the binary itself, not a virtualenv's link to it
    info = describe(python)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bench = load_bench()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            raise SystemExit(f"--keep {args.keep}: choose a new or empty folder")
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="meltano-onboard-bytecode-"))
    results: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        print(f"Python {info['full']} ({python}); layouts in {work}")
        layouts = build(work, python, info)
        files = work / "file_commands"
        files.mkdir()
        for size in sizes:
            project = work / "projects" / size
            bench.generate(project, bench.SIZES[size])
            print(f"\n{size}: modules imported by one run of the action, by where their code came from")
            verify(python, layouts, project, files)
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in layouts}
            for layout in layouts.values():  # warm the file cache
                measure(command(python, layout), project, action_env(layout, project, files))
            for _ in range(args.runs):
                for name, layout in layouts.items():  # interleaved: drift hits every layout alike
                    for stale in ("output", "summary"):
                        (files / stale).write_text("", encoding="utf-8")
                    times[name].append(measure(command(python, layout), project,
                                               action_env(layout, project, files)))
            results[size] = {
                name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
                for name, t in times.items()}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for index, what in enumerate(("wall time", "CPU time (user + system)")):
        print(f"\nmedian {what} of the action's entry point, {args.runs} runs each; ratio to {REFERENCE}")
        print(f"{'size':>6} " + " ".join(f"{name:>15}" for name in LAYOUTS))
        for size, row in results.items():
            print(f"{size:>6} " + " ".join(f"{row[name][index]:>13.3f} s" for name in LAYOUTS))
            print(f"{'':>6} " + " ".join(f"{row[name][index] / row[REFERENCE][index]:>15.2f}"
                                         for name in LAYOUTS))
    print("targets:")
    for size, row in results.items():
        for index, what in enumerate(("wall", "CPU")):
            ratio = row["unchecked-hash"][index] / row[REFERENCE][index]
            print(f"  {what} unchecked-hash/{REFERENCE} at {size}: {ratio:.2f} (target <= {TARGET}) "
                  f"{'ok' if ratio <= TARGET else 'MISSED'}; before: "
                  f"{row['no-stdlib-pycs'][index] / row[REFERENCE][index]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
