#!/usr/bin/env python3
"""How much does a full check cost beside merely reading the project's YAML?

Generates Meltano projects of three sizes, then runs, as whole processes, a
number of times each:

* the floor: a Python process that only reads the project's files: the
  same YAML files loaded with PyYAML's C loader, and the plugins' lock files
  with json (the check reads both), keeping what it loaded, as anything that
  cross-references the files must;
* the check: `python -m onboard_action check --format json` on the project,
  a git repository with its files committed, as in a pull request's checkout.

It prints medians of wall time and peak memory (max RSS) per size, the
ratios check/floor, and the growth from 500 to 5,000. Both are measured in
the same run, interleaved, because these machines are noisy: compare the
ratios, not the seconds. Compiled bytecode is kept in the work folder
(PYTHONPYCACHEPREFIX), as an installed package has it, even where
PYTHONDONTWRITEBYTECODE is set. It always exits 0: the targets are printed, not
asserted (see docs/performance.md).

    python benchmarks/bench.py                 # all sizes, 5 runs each
    python benchmarks/bench.py --sizes small --runs 1   # the smoke run the tests use
    python benchmarks/bench.py --instructions           # and instructions, where valgrind is

Wall time on a shared machine drifts by a third between runs; `--instructions` adds
the ratio of instructions executed (valgrind's callgrind, one run each), which
does not drift: it leaves out the git processes the check starts and any wait.
"""

from __future__ import annotations

import argparse
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
SIZES = {"small": 4, "500": 500, "5000": 5000}
# Issue 24's targets (issue 8's were 2.0 at both sizes, memory 3x and the floor + 0.25 s).
TARGETS = {
    "ratio_wall": {"500": 2.4, "5000": 1.7},  # check/floor median wall time
    "growth": 12.0,  # 5,000 costs at most 12x what 500 costs
    "ratio_memory": 2.0,  # peak memory, check/floor
    "small_extra_s": 0.10,  # small project: at most the floor plus 0.10 s
}
FLOOR = """
import json, sys, yaml
loaded = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        if path.endswith(".lock"):
            loaded.append(json.load(handle))
        else:
            loaded.append(yaml.load(handle, Loader=yaml.CSafeLoader))
"""
# What the check cannot do without, whatever the size: the libraries it validates
# and reads intervals with. Printed beside the table to show the fixed part.
LIBRARIES = "import yaml, jsonschema, croniter"
FILES_PER_KIND = 10
# Real projects reuse a handful of intervals; some stagger start times so that
# runs do not pile up. Three schedules in four take one of these in turn, the
# fourth a staggered daily time of its own: 137 distinct intervals at 500 and
# 372 at 5,000, each of which croniter reads and computes next runs for. In this
# order no three of the first ones start in the same minute, so that a small
# project has no finding (S015); at 500 and 5,000 many do, as in any project
# of that size.
COMMON_INTERVALS = (
    "@daily", "0 6 * * *", "0 2 * * 1-5", "15 4 * * 0", "@hourly", "0 12 * * *",
    "*/30 * * * *", "0 */6 * * *", "0 0 1 * *", "@weekly", "30 1 * * *", "0 */2 * * *",
)


def interval(i: int) -> str:
    if i % 4 == 3:
        return f"{(i * 7) % 60} {(i // 60) % 24} * * *"
    return COMMON_INTERVALS[(i - i // 4) % len(COMMON_INTERVALS)]


def generate(root: Path, n: int) -> list[Path]:
    """A project with n plugins (extractors + loaders), n jobs and n schedules over include files.

    Returns the files the floor reads: the YAML files, then the lock files.
    """
    root.mkdir(parents=True)
    yaml_files = [root / "meltano.yml"]
    lock_files: list[Path] = []
    extractors = (n + 1) // 2
    loaders = max(n - extractors, 1)
    (root / "meltano.yml").write_text(
        "version: 1\ndefault_environment: dev\nproject_id: bench\n"
        "include_paths:\n  - ./extract/*.meltano.yml\n  - ./load/*.meltano.yml\n"
        "  - ./orchestrate/*.meltano.yml\n"
        "environments:\n  - name: dev\n  - name: sandbox\n  - name: prod\n"
        "    env:\n      TARGET_SCHEMA: analytics\n",
        encoding="utf-8")
    for folder in ("extract", "load", "orchestrate", "plugins/extractors", "plugins/loaders"):
        (root / folder).mkdir(parents=True, exist_ok=True)

    def chunks(count: int):
        size = max(1, -(-count // FILES_PER_KIND))
        for start in range(0, count, size):
            yield start // size, range(start, min(count, start + size))

    def lock(kind: str, name: str) -> None:
        lock_files.append(root / "plugins" / kind / f"{name}--meltanolabs.lock")
        lock_files[-1].write_text(json.dumps({
            "plugin_type": kind, "name": name, "namespace": name.replace("-", "_"),
            "variant": "meltanolabs", "pip_url": f"meltanolabs-{name}",
            "settings": [{"name": "api_key", "kind": "password", "sensitive": True},
                         {"name": "start_date", "kind": "date_iso8601"}]}, indent=2), encoding="utf-8")

    for part, numbers in chunks(extractors):
        lines = ["plugins:", "  extractors:"]
        for i in numbers:
            lines += [f"    - name: tap-source-{i}", "      variant: meltanolabs",
                      f"      pip_url: meltanolabs-tap-source-{i}==1.0.0", "      config:",
                      f"        api_key: ${{TAP_SOURCE_{i}_API_KEY}}",
                      "        start_date: '2024-01-01'"]
            lock("extractors", f"tap-source-{i}")
        path = root / "extract" / f"part-{part}.meltano.yml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yaml_files.append(path)
    for part, numbers in chunks(loaders):
        lines = ["plugins:", "  loaders:"]
        for i in numbers:
            lines += [f"    - name: target-sink-{i}", "      variant: meltanolabs",
                      f"      pip_url: meltanolabs-target-sink-{i}==1.0.0", "      config:",
                      f"        api_key: $TARGET_SINK_{i}_API_KEY"]
            lock("loaders", f"target-sink-{i}")
        path = root / "load" / f"part-{part}.meltano.yml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yaml_files.append(path)
    for part, numbers in chunks(n):
        lines = ["jobs:"]
        for i in numbers:
            lines += [f"  - name: job-{i}", "    tasks:",
                      f"      - tap-source-{i % extractors} target-sink-{i % loaders}"]
        lines.append("schedules:")
        for i in numbers:
            lines += [f"  - name: schedule-{i}", f"    interval: '{interval(i)}'",
                      f"    job: job-{i}"]
        path = root / "orchestrate" / f"part-{part}.meltano.yml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yaml_files.append(path)
    listed = ", ".join(f"schedule-{i}" for i in range(min(n, 5)))
    (root / "onboarding.yml").write_text(
        "company: Bench Inc.\ncontact: {name: Jane Doe, email: jane@bench.example}\n"
        "org_id: bench-data\nprojects:\n  - git: {provider: github, "
        "url: 'https://github.com/bench/data', branch: main}\n"
        f"    root: .\n    environment: sandbox\n    schedules: [{listed}]\n"
        "users:\n  - {name: Jane Doe, email: jane@bench.example, github: janedoe, role: owner}\n",
        encoding="utf-8")
    yaml_files.append(root / "onboarding.yml")
    (root / ".gitignore").write_text(".meltano/\n.env\noutput/\n", encoding="utf-8")
    commit(root)
    return yaml_files + lock_files


def commit(root: Path) -> None:
    """Make the project a repository with everything committed, as a checkout is."""
    if shutil.which("git") is None:
        print("git not found: the project is not a repository, so git queries are not measured")
        return
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@bench.example",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@bench.example"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "bench"],
                 ["remote", "add", "origin", "https://github.com/bench/data"]):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env,
                       check=True, stdout=subprocess.DEVNULL)


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}... failed ({process.returncode}): {stderr[-400:]}")
    return elapsed, usage.ru_maxrss


def instructions(valgrind: str, command: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Instructions one whole process executes, as callgrind counts them (its children not traced)."""
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          cwd=cwd, env={**env, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind counted nothing for {' '.join(command[:4])}...: {done.stderr[-400:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,500,5000", help="comma-separated: small,500,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate the projects in DIR (new or empty) and keep them, to profile "
                             "with benchmarks/phases.py")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions (valgrind --tool=callgrind), floor and check once each")
    args = parser.parse_args()
    valgrind = shutil.which("valgrind") if args.instructions else None
    if args.instructions and valgrind is None:
        print("valgrind not found: instructions are not counted (apt-get install valgrind)")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results: dict[str, dict[str, float]] = {}
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            raise SystemExit(f"--keep {args.keep}: choose a new or empty folder")
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="meltano-onboard-bench-"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z",
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    for name in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    try:
        libraries_cmd = [sys.executable, "-c", LIBRARIES]
        measure(libraries_cmd, work, env)
        libraries_s = statistics.median(measure(libraries_cmd, work, env)[0] for _ in range(args.runs))
        for size in sizes:
            root = work / size
            yaml_files = generate(root, SIZES[size])
            floor_cmd = [sys.executable, "-c", FLOOR, *map(str, yaml_files)]
            check_cmd = [sys.executable, "-m", "onboard_action", "check", ".", "--format", "json"]
            measure(floor_cmd, root, env)  # warm the file cache and .pyc files
            measure(check_cmd, root, env)
            floors, checks = [], []
            for _ in range(args.runs):  # interleaved, so drift hits both alike
                floors.append(measure(floor_cmd, root, env))
                checks.append(measure(check_cmd, root, env))
            results[size] = {
                "floor_s": statistics.median(t for t, _ in floors),
                "check_s": statistics.median(t for t, _ in checks),
                "floor_mib": statistics.median(m for _, m in floors) / 1024,
                "check_mib": statistics.median(m for _, m in checks) / 1024,
            }
            if valgrind:
                results[size]["floor_ir"] = instructions(valgrind, floor_cmd, root, env)
                results[size]["check_ir"] = instructions(valgrind, check_cmd, root, env)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'size':>6} {'floor s':>9} {'check s':>9} {'ratio':>7} "
          f"{'floor MiB':>10} {'check MiB':>10} {'ratio':>7}")
    for size, r in results.items():
        print(f"{size:>6} {r['floor_s']:9.3f} {r['check_s']:9.3f} {r['check_s'] / r['floor_s']:7.2f} "
              f"{r['floor_mib']:10.1f} {r['check_mib']:10.1f} {r['check_mib'] / r['floor_mib']:7.2f}")
    print(f"libraries alone (python -c '{LIBRARIES}'): {libraries_s:.3f} s")
    for size, r in results.items():
        if "check_ir" in r:
            print(f"instructions at {size}: floor {r['floor_ir'] / 1e6:,.0f} M, "
                  f"check {r['check_ir'] / 1e6:,.0f} M, ratio {r['check_ir'] / r['floor_ir']:.2f} "
                  "(callgrind; git's processes not counted)")
    print("targets:")
    for size in ("500", "5000"):
        if size in results:
            r = results[size]
            ratio = r["check_s"] / r["floor_s"]
            target = TARGETS["ratio_wall"][size]
            print(f"  wall check/floor at {size}: {ratio:.2f} (target <= {target}) "
                  f"{'ok' if ratio <= target else 'MISSED'}")
    for size, r in results.items():
        ratio = r["check_mib"] / r["floor_mib"]
        print(f"  memory check/floor at {size}: {ratio:.2f} (target <= {TARGETS['ratio_memory']}) "
              f"{'ok' if ratio <= TARGETS['ratio_memory'] else 'MISSED'}")
    if "500" in results and "5000" in results:
        growth = results["5000"]["check_s"] / results["500"]["check_s"]
        print(f"  growth 500 -> 5000: {growth:.2f}x (target <= {TARGETS['growth']}x) "
              f"{'ok' if growth <= TARGETS['growth'] else 'MISSED'}")
    if "small" in results:
        r = results["small"]
        extra = r["check_s"] - r["floor_s"]
        print(f"  small: check - floor = {extra:.3f} s (target <= {TARGETS['small_extra_s']} s) "
              f"{'ok' if extra <= TARGETS['small_extra_s'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
