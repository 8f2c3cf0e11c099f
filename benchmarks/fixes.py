#!/usr/bin/env python3
"""What `--diff` and `--fix` cost beside a plain check of the same project.

Generates a project (benchmarks/bench.py's, 500 plugins by default) and gives
`--fixable` of its plugins a misspelt `pip-url:` (P104, a safe fix each), then
runs, as whole processes, interleaved in each round on a fresh copy:

* the check: `python -m onboard_action check --format json`;
* the diff: the same with `--diff` (proposes every fix, writes nothing);
* the fix: the same with `--fix` (applies, checks again to prove it, writes the files).

It prints median wall times and the ratios diff/check and fix/check: `--fix`
runs the check at least twice (before and after), so about 2 is its floor.
Compare the ratios, not the seconds: these machines are noisy. Always exits 0.

    python benchmarks/fixes.py                        # 500 plugins, 50 fixable, 5 rounds
    python benchmarks/fixes.py --size 5000 --fixable 500 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SIZES, generate

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="500", choices=sorted(SIZES))
    parser.add_argument("--fixable", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-fixes-"))
    env = {**os.environ, "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z", "PYTHONPATH": str(REPO),
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    try:
        template = work / "template"
        generate(template, SIZES[args.size])
        left = _misspell(template, args.fixable)
        runs = {"check": [], "diff": [], "fix": []}
        for round_ in range(args.rounds):
            order = list(runs)[round_ % 3:] + list(runs)[:round_ % 3]
            for name in order:
                project = work / f"{name}-{round_}"
                shutil.copytree(template, project)
                flags = {"check": [], "diff": ["--diff"], "fix": ["--fix"]}[name]
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "onboard_action", "check", "--format", "json",
                                       "--onboarding-file", "", *flags, str(project)],
                                      env=env, cwd=project, capture_output=True, text=True, check=False)
                runs[name].append(time.perf_counter() - start)
                if done.returncode == 3:
                    print(done.stderr, file=sys.stderr)
                shutil.rmtree(project)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check = statistics.median(runs["check"])
    print(f"project of {args.size} plugins, {args.fixable - left} misspelt `pip-url:` keys (P104), "
          f"median wall time of {args.rounds} rounds:")
    print(f"  check: {check:.3f} s")
    for name in ("diff", "fix"):
        median = statistics.median(runs[name])
        print(f"  {name}: {median:.3f} s, {name}/check {median / check:.2f}")
    return 0


def _misspell(root: Path, count: int) -> int:
    """Rename the first `count` `pip_url:` keys of the extractors' files; how many were not found."""
    for path in sorted((root / "extract").glob("*.meltano.yml")):
        text = path.read_text(encoding="utf-8")
        text, made = re.subn(r"(?m)^(\s+)pip_url:", r"\1pip-url:", text, count=count)
        path.write_text(text, encoding="utf-8")
        count -= made
        if count <= 0:
            break
    return max(count, 0)


if __name__ == "__main__":
    raise SystemExit(main())
