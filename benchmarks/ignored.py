#!/usr/bin/env python3
"""What ignoring a check's rules saves: a check whose rules are all ignored does not run.

    python benchmarks/ignored.py [--size 5000] [--rounds 15] [--top 4]

Generates the benchmark project of that size (benchmarks/bench.py), finds its
costliest checks, then times the checks of a run (rules.run_checks on a new
context over the loaded project, in one process, CPU time) with nothing
ignored and with each of those checks' rules ignored, interleaved (in a new
order each round) so that drift on a shared machine hits all alike. It prints
the medians, the ratios to nothing ignored, and each check's own time:
ignoring its rules should save about that much.

What a check asks of the model (the lock files read through the project
index, say) is not saved: the next check that needs it does the work. It
always exits 0: the figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import SIZES, generate

from onboard_action import engine, rules
from onboard_action.model.context import Context
from onboard_action.settings import from_values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="5000", choices=sorted(SIZES))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--top", type=int, default=4, help="how many of the costliest checks to ignore")
    args = parser.parse_args()
    os.environ.setdefault("MELTANO_ONBOARD_NOW", "2026-01-15T10:17:00Z")
    work = Path(tempfile.mkdtemp(prefix="meltano-onboard-ignored-"))
    try:
        root = work / "project"
        generate(root, SIZES[args.size])
        settings = from_values({"project-dir": str(root)}, root, os.environ, set(rules.load_all()),
                               confine=False)
        costliest = _costliest_checks(settings, args.top)
        project = engine.load(settings)
        variants = [("nothing ignored", settings)] + [
            (each.name, msgspec.structs.replace(settings, ignore=each.codes)) for each, _ in costliest]
        times: dict[str, list[float]] = {name: [] for name, _ in variants}
        for round_ in range(args.rounds):
            # Each round in another order: the first run after another tends to be the fastest.
            shift = round_ % len(variants)
            for name, variant in variants[shift:] + variants[:shift]:
                times[name].append(_cpu(lambda variant=variant: _run_checks(project, variant)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    full = statistics.median(times["nothing ignored"])
    print(f"project of {args.size}, the checks of one run (rules.run_checks on a new context), "
          f"median CPU time of {args.rounds} rounds:")
    print(f"  nothing ignored: {full:.3f} s")
    for each, alone in costliest:
        median = statistics.median(times[each.name])
        print(f"  {each.name} ignored ({', '.join(sorted(each.codes))}): {median:.3f} s, "
              f"ratio {median / full:.2f}, saved {full - median:.3f} s; the check's own work {alone:.3f} s")
    return 0


def _costliest_checks(settings, top: int) -> list[tuple[rules.Check, float]]:
    """The `top` checks that take the most CPU time on the project, with that time.

    Timed on a context all checks ran on once: what the model works out on first
    use (the index, the lock files) is shared, so only each check's own work counts.
    """
    engine.run(settings)  # imports
    context = Context(engine.load(settings), settings)
    with engine.collector_paused():
        rules.run_checks(context)
        costs = [(each, _cpu(lambda each=each: list(each(context)))) for each in rules.CHECKS]
    return sorted(costs, key=lambda cost: -cost[1])[:top]


def _run_checks(project, settings) -> None:
    """The rules' part of a check: a new context (nothing worked out yet) on the loaded project."""
    with engine.collector_paused():
        rules.run_checks(Context(project, settings))


def _cpu(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


if __name__ == "__main__":
    raise SystemExit(main())
