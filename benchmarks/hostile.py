"""Worst cases of the second hostile pass (issue 15), each against a baseline measured in the same run.

    .venv/bin/python benchmarks/hostile.py            # every case, 1 run each
    .venv/bin/python benchmarks/hostile.py --runs 3   # medians of 3
    .venv/bin/python benchmarks/hostile.py --scale 0.01   # the smoke run tests/test_benchmark.py makes

For each generated project, the **floor** is a Python process that loads the same
YAML with PyYAML's C loader (what reading it costs at the least), and the
**check** is `python -m onboard_action check DIR --format json --report-file` as
a whole process. Printed: wall seconds and peak memory of both, the ratios, and
the memory the check needs beyond the floor; the targets are the issue's (any
input under 10 s and 200 MiB beyond loading it). The include walk is also
compared in-process with pathlib's `Path.glob`, which Meltano uses, on the same
tree. Nothing is asserted: the figures are printed, and the script exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

HEADER = "version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"
FLOOR = ("import sys, yaml\n"
         "loaded = [yaml.load(open(p, encoding='utf-8'), Loader=yaml.CSafeLoader) for p in sys.argv[1:]]\n")
TARGET_SECONDS = 10.0
TARGET_BEYOND_MIB = 200.0
DEPTH = 60


def chain(root: Path, groups: int) -> list[Path]:
    """A 60-deep chain of folders holding one file, and a pattern of `groups` interleaved `**`."""
    deep = root.joinpath(*["d"] * DEPTH)
    deep.mkdir(parents=True)
    (deep / "jobs.meltano.yml").write_text("env:\n  DEEP: found\n")
    pattern = "./" + "/".join(["**/d*"] * groups) + "/**/*.meltano.yml"
    (root / "meltano.yml").write_text(HEADER + f"include_paths:\n  - {pattern}\n")
    return [root / "meltano.yml", deep / "jobs.meltano.yml"]


def references(root: Path, count: int = 100_000) -> list[Path]:
    """`count` `${V:-x}` references in one block scalar: each one a finding placed in the value."""
    root.mkdir(parents=True)
    lines = "\n".join("    " + " ".join(f"${{V{i}:-x}}" for i in range(j, min(j + 10, count)))
                      for j in range(0, count, 10))
    (root / "meltano.yml").write_text(HEADER + f"env:\n  A: |\n{lines}\n")
    return [root / "meltano.yml"]


def findings(root: Path, count: int = 100_000) -> list[Path]:
    """`count` variables, each a finding of one rule: the cap keeps 1,000 and counts the rest."""
    root.mkdir(parents=True)
    (root / "meltano.yml").write_text(HEADER + "env:\n" + "".join(f'  K{i}: "${{V{i}:-x}}"\n'
                                                                for i in range(count)))
    return [root / "meltano.yml"]


def long_integers(root: Path, count: int = 2_000) -> list[Path]:
    """`count` integers of 5,000 digits: kept as text, one Y003 each (capped at 1,000)."""
    root.mkdir(parents=True)
    digits = "9" * 5000
    (root / "meltano.yml").write_text(HEADER + "env:\n"
                                      + "".join(f"  N{i}: {digits}\n" for i in range(count)))
    return [root / "meltano.yml"]


def cases(scale: float) -> dict:
    """Each case's name and how to make it; `scale` shrinks the counts (the smoke test's 0.01)."""
    def n(count: int) -> int:
        return max(1, int(count * scale))
    return {
        "include walk, 3 groups of **": lambda root: chain(root, 3),
        "include walk, 6 groups of **": lambda root: chain(root, 6),
        f"{n(100_000):,} ${{VAR}} in one value": lambda root: references(root, n(100_000)),
        f"{n(100_000):,} findings of one rule": lambda root: findings(root, n(100_000)),
        f"{n(2_000):,} integers of 5,000 digits": lambda root: long_integers(root, n(2_000)),
    }


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command[:5])} failed ({code}): {process.stderr.read().decode()[-400:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs: int, command: list[str], cwd: Path) -> tuple[float, float]:
    measured = [measure(command, cwd) for _ in range(runs)]
    return statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured)


def glob_against_pathlib(root: Path, groups: int) -> tuple[float, float]:
    """Seconds of our include walk and of pathlib's Path.glob for the same pattern, in this process."""
    from onboard_action.load import include_glob

    pattern = "./" + "/".join(["**/d*"] * groups) + "/**/*.meltano.yml"
    start = time.perf_counter()
    ours = include_glob.glob(root, pattern, include_glob.WalkBudget())
    walk = time.perf_counter() - start
    start = time.perf_counter()
    theirs = sorted(set(root.glob(pattern)))
    pathlib_seconds = time.perf_counter() - start
    if ours != theirs:
        raise SystemExit(f"the walk and pathlib disagree on {pattern}")
    return walk, pathlib_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the counts (0.01: a smoke run)")
    parser.add_argument("--pathlib-groups", type=int, default=2,
                        help="groups of ** for the pathlib comparison (3 takes pathlib 12-35 s)")
    args = parser.parse_args()
    python = sys.executable
    print(f"{'case':32} {'floor s':>8} {'check s':>8} {'ratio':>6} {'floor MiB':>10} {'check MiB':>10} "
          f"{'beyond':>7}")
    verdicts = []
    with tempfile.TemporaryDirectory(prefix="meltano-onboard-hostile-") as folder:
        for number, (name, make) in enumerate(cases(args.scale).items()):
            root = Path(folder) / f"case{number}"
            files = make(root)
            floor_s, floor_mib = median_of(args.runs, [python, "-c", FLOOR, *map(str, files)], root)
            check_s, check_mib = median_of(args.runs, [python, "-m", "onboard_action", "check", ".",
                                                       "--onboarding-file", "", "--format", "json",
                                                       "--report-file", "../report.json"], root)
            beyond = check_mib - floor_mib
            print(f"{name:32} {floor_s:8.3f} {check_s:8.3f} {check_s / floor_s:6.2f} {floor_mib:10.1f} "
                  f"{check_mib:10.1f} {beyond:7.1f}")
            verdicts.append((name, check_s <= TARGET_SECONDS and beyond <= TARGET_BEYOND_MIB))
        root = Path(folder) / "pathlib"
        chain(root, args.pathlib_groups)
        walk, pathlib_seconds = glob_against_pathlib(root, args.pathlib_groups)
    print(f"\ninclude walk vs pathlib's Path.glob, {args.pathlib_groups} groups of ** over {DEPTH} folders: "
          f"{walk:.4f} s vs {pathlib_seconds:.3f} s (pathlib / walk = {pathlib_seconds / walk:.0f})")
    print(f"\ntargets: each case under {TARGET_SECONDS:.0f} s and {TARGET_BEYOND_MIB:.0f} MiB "
          "beyond the floor")
    for name, met in verdicts:
        print(f"  {name}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
