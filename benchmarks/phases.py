#!/usr/bin/env python3
"""Where one check's time goes, phase by phase and check by check, in one process.

    python benchmarks/phases.py PROJECT_DIR [--rounds 2] [--top 25]

Round 0 includes the imports each check makes on first use (jsonschema,
croniter...); later rounds show the steady cost. For the whole-process figures
the targets are about, use benchmarks/bench.py; `bench.py --keep DIR` leaves
its generated projects in DIR to profile here.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

started = time.perf_counter()
from onboard_action import engine, rules  # noqa: E402
from onboard_action.facts import compute_facts  # noqa: E402
from onboard_action.load.loader import load_project  # noqa: E402
from onboard_action.model.context import Context  # noqa: E402
from onboard_action.reporters import render  # noqa: E402
from onboard_action.settings import from_values  # noqa: E402

IMPORTED = time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    root = args.project.resolve()
    settings = from_values({"project-dir": str(root)}, root, os.environ, set(rules.load_all()),
                           confine=False)
    print(f"imports {IMPORTED * 1000:.0f} ms")
    for round_ in range(args.rounds):
        with engine.collector_paused():
            t0 = time.perf_counter()
            project = load_project(settings.project_dir, settings.workspace)
            context = Context(project, settings)
            rules.load_all()
            t1 = time.perf_counter()
            costs = []
            for function in rules.CHECKS:
                start = time.perf_counter()
                list(function(context))
                costs.append((time.perf_counter() - start, function.name))
            t2 = time.perf_counter()
            compute_facts(context)
            t3 = time.perf_counter()
        report = engine.run(settings)
        t4 = time.perf_counter()
        text = render("json", report)
        t5 = time.perf_counter()
        print(f"round {round_}: load {ms(t1 - t0)}, checks {ms(t2 - t1)}, facts {ms(t3 - t2)}, "
              f"json {ms(t5 - t4)} ({len(text) // 1024} KiB); engine.run alone {ms(t4 - t3)}")
        costs.sort(reverse=True)
        print("  " + ", ".join(f"{name} {ms(cost)}" for cost, name in costs[:args.top]))
    return 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
