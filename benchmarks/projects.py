#!/usr/bin/env python3
"""What does checking K projects in one run cost beside K runs of one project each?

Generates one repository holding K projects of n plugins (bench.py's
generator) and an onboarding file at its top listing them all, then runs,
interleaved, a number of times each:

* one run: `python -m onboard_action check --format json` at the top, which
  checks every listed project (`auto`);
* K runs: `python -m onboard_action check pI --format json` for each project,
  one process each, as K workflow steps would.

It prints medians of wall time and peak memory, and the ratio one run / K
runs (target: at most 1.0, since one run starts Python, imports and reads
the onboarding file once). It always exits 0: the target is printed, not
asserted.

    python benchmarks/projects.py                      # 3 projects of 500, 3 runs
    python benchmarks/projects.py --projects 2 --size 4 --runs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, commit, generate, measure

TARGET = 1.0


def repository(root: Path, projects: int, size: int) -> list[str]:
    """K projects under `root`, one repository, one onboarding file listing them; their folders."""
    folders = []
    entries = []
    for i in range(projects):
        folder = f"p{i}"
        generate(root / folder, size)
        shutil.rmtree(root / folder / ".git", ignore_errors=True)
        (root / folder / "onboarding.yml").unlink()
        listed = ", ".join(f"schedule-{j}" for j in range(min(size, 5)))
        entries.append(f"  - name: project-{i}\n    git: {{provider: github, "
                       f"url: 'https://github.com/bench/data', branch: main}}\n    root: {folder}\n"
                       f"    environment: sandbox\n    schedules: [{listed}]\n")
        folders.append(folder)
    (root / "onboarding.yml").write_text(
        "company: Bench Inc.\ncontact: {name: Jane Doe, email: jane@bench.example}\n"
        "org_id: bench-data\nprojects:\n" + "".join(entries)
        + "users:\n  - {name: Jane Doe, email: jane@bench.example, github: janedoe, role: owner}\n",
        encoding="utf-8")
    (root / ".gitignore").write_text(".meltano/\n.env\noutput/\n", encoding="utf-8")
    commit(root)
    return folders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=3)
    parser.add_argument("--size", type=int, default=500, help="plugins (and jobs, schedules) per project")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-projects-"))
    try:
        root = work / "repo"
        root.mkdir()
        folders = repository(root, args.projects, args.size)
        env = {**os.environ, "PYTHONPATH": str(REPO), "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z",
               "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("GITHUB_ACTIONS", None)
        check = [sys.executable, "-m", "onboard_action", "check"]
        measure([*check, "--format", "json"], root, env)  # warm the bytecode cache
        one_wall, one_rss, many_wall, many_rss = [], [], [], []
        for _ in range(args.runs):
            wall, rss = measure([*check, "--format", "json"], root, env)
            one_wall.append(wall)
            one_rss.append(rss)
            walls, peaks = zip(*(measure([*check, folder, "--format", "json"], root, env)
                                 for folder in folders), strict=True)
            many_wall.append(sum(walls))
            many_rss.append(max(peaks))
        one, many = statistics.median(one_wall), statistics.median(many_wall)
        print(f"{args.projects} projects of {args.size} plugins, {args.runs} runs (medians)")
        print(f"one run of all:  {one:.3f} s, peak {statistics.median(one_rss) / 1024:.1f} MiB")
        print(f"{args.projects} runs of one: {many:.3f} s, largest peak "
              f"{statistics.median(many_rss) / 1024:.1f} MiB")
        ratio = one / many
        print(f"ratio one/{args.projects}: {ratio:.2f} (target at most {TARGET:.1f}: "
              f"{'met' if ratio <= TARGET else 'not met'})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
