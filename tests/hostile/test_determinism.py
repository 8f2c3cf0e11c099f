"""Two runs on the same workspace give the same reports, byte for byte.

With "now" fixed (MELTANO_ONBOARD_NOW, set by tests/helpers.base_env), nothing
in a report may depend on the order of a folder listing, a set, a hash seed
or the clock: a diff between two runs of the same commit must be empty.
"""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import REPO
from tests.hostile.conftest import Hostile

EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "meltano.yml").exists())
OUTPUTS = ("report.json", "report.sarif", "packet.md")


@pytest.mark.parametrize("name", EXAMPLES)
def test_two_runs_give_identical_reports(hostile: Hostile, name: str) -> None:
    shutil.copytree(REPO / "examples" / name, hostile.workspace)
    runs = []
    for seed in ("1", "2"):  # a different hash seed each time: set order must not leak into reports
        run = hostile.action(report_file="report.json", sarif_file="report.sarif", packet_file="packet.md",
                             outputs=OUTPUTS, env={"PYTHONHASHSEED": seed})
        files = {out: (hostile.workspace / out).read_bytes() for out in OUTPUTS
                 if (hostile.workspace / out).exists()}
        runs.append((run.returncode, run.stdout, run.summary, run.outputs, files))
    assert runs[0] == runs[1]
    assert {"report.json", "report.sarif"} <= set(runs[0][4])
