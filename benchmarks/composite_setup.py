#!/usr/bin/env python3
"""What composite mode's setup costs a job, cold and warm, beside building the package as before.

Runs the install step of composite/action.yml as the runner does (bash, with
RUNNER_TOOL_CACHE and RUNNER_TEMP in a temp folder, this interpreter standing in
for actions/setup-python's): once with an empty tool cache (cold: a fresh
virtualenv and the pinned requirements), then again (warm: the cached
virtualenv is found). The baseline, in the same run: what the step did before
issue 24, a fresh virtualenv and `pip install -c requirements.txt .`, which
builds the package under pip's build isolation. Pip's own download cache is
left as it is for all three, as on a runner that restores it or a local index.
Always exits 0: the target is printed, not asserted (docs/performance.md).

    python benchmarks/composite_setup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WARM_TARGET_S = 3.0


def install_step() -> dict:
    action = yaml.safe_load((REPO / "composite" / "action.yml").read_text(encoding="utf-8"))
    return next(step for step in action["runs"]["steps"] if step.get("id") == "install")


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command[:3]} failed: {done.stderr[-600:]}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    step = install_step()
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-composite-"))
    script = work / "install.sh"
    script.write_text(step["run"], encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "PYTHON"))}
    cold, warm, before = [], [], []
    try:
        for run in range(args.runs):
            temp, cache = work / f"temp-{run}", work / f"cache-{run}"
            temp.mkdir()
            output = temp / "output"
            output.touch()
            env = {**base, "PYTHON": sys.executable, "ACTION_ROOT": str(REPO), "ENCRYPTS": "false",
                   "RUNNER_TEMP": str(temp), "RUNNER_TOOL_CACHE": str(cache), "GITHUB_OUTPUT": str(output)}
            command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
            cold.append(timed(command, env, work))
            warm.append(timed(command, env, work))
            venv = temp / "old-venv"
            old_python = venv / "bin" / "python"
            created = timed([sys.executable, "-m", "venv", str(venv)], base, work)
            installed = timed([str(old_python), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", "-c", str(REPO / "requirements.txt"),
                               str(REPO)], base, work)
            before.append(created + installed)
            shutil.rmtree(temp, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    b, c, w = (statistics.median(x) for x in (before, cold, warm))
    print(f"{'setup':>34} {'median s':>9} {'ratio':>7}")
    print(f"{'before (venv + pip install .)':>34} {b:9.2f} {1:7.2f}")
    print(f"{'cold (fresh venv, pinned deps)':>34} {c:9.2f} {c / b:7.2f}")
    print(f"{'warm (cached venv)':>34} {w:9.2f} {w / b:7.2f}")
    print("targets:")
    print(f"  warm composite setup: {w:.2f} s (target <= {WARM_TARGET_S} s) "
          f"{'ok' if w <= WARM_TARGET_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
