"""An integer of more than 4,300 digits: Python's int() refuses it, and the check must not stop.

Python raises ValueError past `sys.get_int_max_str_digits()` (4,300) when text
becomes an int or an int becomes text. Each place the check reads a number
from the repository keeps the text and reports a finding instead: YAML
values (Y003), a lock file (P108), a cron field (S-rule of the interval),
the configuration file (a one-line usage error, exit 2).
"""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import Hostile

LONG = "9" * 5000


def ready(hostile: Hostile) -> str:
    hostile.ready_project()
    return (hostile.workspace / "meltano.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("written", [LONG, "-" + LONG, "0x" + "f" * 5000, "1" + ":59" * 3000])
def test_a_long_integer_in_meltano_yml_is_kept_as_text_with_a_finding(hostile: Hostile, written: str) -> None:
    text = ready(hostile).replace("database: warehouse", f"database: warehouse\n        account: {written}")
    hostile.write("meltano.yml", text)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1, run.stdout + run.stderr
    [finding] = run.findings("Y003")
    assert (finding["file"], finding["line"], finding["severity"]) == ("meltano.yml", 29, "error")
    assert "4,300 digits" in finding["message"] and "quote it" in finding["hint"]
    assert LONG[:100] not in finding["message"]


def test_a_long_integer_in_an_included_file_and_the_onboarding_file(hostile: Hostile) -> None:
    text = ready(hostile).replace("send_anonymous_usage_stats: false\n",
                                  "send_anonymous_usage_stats: false\ninclude_paths: [./more.meltano.yml]\n")
    hostile.write("meltano.yml", text)
    hostile.write("more.meltano.yml", f"env:\n  SIZE: {LONG}\n")
    onboarding = (hostile.workspace / "onboarding.yml").read_text(encoding="utf-8")
    hostile.write("onboarding.yml", onboarding + f"extra: {LONG}\n")
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert sorted(f["file"] for f in run.findings("Y003")) == ["more.meltano.yml", "onboarding.yml"]


def test_a_long_integer_in_a_lock_file_is_a_p108_at_its_line(hostile: Hostile) -> None:
    ready(hostile)
    lock = hostile.workspace / "plugins" / "loaders" / "target-postgres--meltanolabs.lock"
    data = json.loads(lock.read_text(encoding="utf-8"))
    lock.write_text(json.dumps(data, indent=2).replace('"settings": [', f'"size": {LONG},\n  "settings": ['))
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("P108")
    assert "more than 4,300 digits" in finding["message"]
    assert finding["file"] == "plugins/loaders/target-postgres--meltanolabs.lock" and finding["line"] > 1


@pytest.mark.parametrize("interval", [f"{LONG} 6 * * *", f"*/{LONG} 6 * * *", f"0 6 1-{LONG} * *"])
def test_a_long_number_in_a_cron_field_is_out_of_range(hostile: Hostile, interval: str) -> None:
    hostile.write("meltano.yml", ready(hostile).replace('"0 6 * * *"', f'"{interval}"'))
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = [f for f in run.report["findings"] if f["line"] == 37]
    assert finding["code"].startswith("S") and "(5,0" in finding["message"], finding
    assert len(finding["message"]) < 1000


def test_a_long_number_in_the_configuration_file_is_a_usage_error(hostile: Hostile) -> None:
    ready(hostile)
    hostile.write(".meltano-onboard.toml", f'fail-on = "error"\nsize = {LONG}\n')
    run = hostile.cli("check", "--onboarding-file", "")
    assert run.returncode == 2, run.stdout + run.stderr
    assert ".meltano-onboard.toml:2: holds a number of more than 4,300 digits" in run.stderr
