"""Numbers longer than Python reads: a finding at the number, never "internal error".

Python refuses to convert text of more than 4,300 digits into an integer (or
an integer that large into text) and raises ValueError. A number that long in
any YAML file the check reads, in a lock file's JSON or in a cron field is
kept as the text written and reported where it stands (Y003, P10x, S003).
"""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import Hostile

DIGITS = "9" * 5_000


@pytest.mark.parametrize("where", ["meltano.yml", "included", "onboarding.yml"])
def test_a_long_number_in_yaml_is_kept_as_text_and_reported(hostile: Hostile, where: str) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    if where == "meltano.yml":
        hostile.write("meltano.yml", meltano.replace("database: warehouse", f"database: {DIGITS}"))
        file, line = "meltano.yml", 28
    elif where == "included":
        hostile.write("meltano.yml", meltano + "include_paths:\n  - ./more.meltano.yml\n")
        hostile.write("more.meltano.yml", f"env:\n  PAGE_SIZE: 0x{'f' * 4_000}\n")  # 4,817 digits
        file, line = "more.meltano.yml", 2
    else:
        onboarding = (hostile.workspace / "onboarding.yml").read_text()
        hostile.write("onboarding.yml", onboarding + f"extra: -{DIGITS}\n")
        file, line = "onboarding.yml", onboarding.count("\n") + 1
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = run.findings("Y003")
    assert (finding["file"], finding["line"]) == (file, line)
    assert "more than 4,300 digits" in finding["message"]


def test_a_long_number_in_a_lock_file_is_a_finding_on_the_lock_file(hostile: Hostile) -> None:
    hostile.ready_project()
    lock = hostile.workspace / "plugins" / "extractors" / "tap-github--meltanolabs.lock"
    data = json.loads(lock.read_text())
    lock.write_text(json.dumps(data, indent=2)[:-2] + f',\n  "size": {DIGITS}\n}}\n')
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = [f for f in run.report["findings"] if f["file"].endswith(".lock")]
    assert "holds a number of more than 4,300 digits" in finding["message"]
    assert finding["column"] == 11


@pytest.mark.parametrize("interval", [f"0 {DIGITS} * * *", f"*/{DIGITS} * * * *"])
def test_a_long_number_in_a_cron_field_is_out_of_range(hostile: Hostile, interval: str) -> None:
    hostile.ready_project()
    meltano = (hostile.workspace / "meltano.yml").read_text()
    hostile.write("meltano.yml", meltano.replace('"0 6 * * *"', f'"{interval}"'))
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = run.findings("S003")
    assert "999999… (5,000 digits)" in finding["message"]
