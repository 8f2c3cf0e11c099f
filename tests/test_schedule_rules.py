"""Schedule rules beyond the golden cases: what the schema cache must not hide, and scale."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli

HEAD = """\
environments:
  - name: sandbox
plugins:
  extractors:
    - name: tap-github
  loaders:
    - name: target-postgres
jobs:
  - name: github-to-postgres
    tasks:
      - tap-github target-postgres
schedules:
"""


def _findings(tmp_path: Path, schedules: str, *args: str) -> list[tuple[str, int, str]]:
    (tmp_path / "meltano.yml").write_text(HEAD + schedules, encoding="utf-8")
    done = run_cli("check", "--format", "json", "--onboarding-file=", *args, cwd=tmp_path)
    report = json.loads(done.stdout)
    return [(f["code"], f["line"], f["message"]) for f in report["findings"] if f["code"].startswith("S")]


def test_schedules_that_differ_only_in_values_the_schema_checks_are_judged_apart(tmp_path: Path) -> None:
    # Valid shapes are validated once; a shape differing in `transform` or in an
    # empty string must still be validated on its own.
    legacy = ("  - name: {name}\n    interval: \"0 6 * * *\"\n    extractor: tap-github\n"
              "    loader: target-postgres\n    transform: {transform}\n")
    found = _findings(tmp_path, legacy.format(name="a", transform="skip")
                      + legacy.format(name="b", transform="skp")
                      + legacy.format(name='""', transform="run"))
    shape = [(code, line) for code, line, _ in found if code in ("S001", "S008")]
    assert shape == [("S008", 22), ("S001", 23)]


def test_thousands_of_schedules_report_each_problem_once(tmp_path: Path) -> None:
    many = "".join(f"  - name: s{i}\n    interval: \"{i % 60} {i % 24} * * *\"\n    job: github-to-postgres\n"
                   for i in range(3000))
    many += "  - name: s0\n    interval: \"*/5 * * * *\"\n    job: github-to-postgre\n"
    found = _findings(tmp_path, many, "--ignore", "S015")  # 25 schedules start at each of 120 times
    assert sorted(code for code, _, _ in found) == ["S002", "S004", "S005"]


# --- S015: following the hints clears the finding ----------------------------------------

SQUARED_LIKE = "".join(
    f"  - name: {name}\n    interval: \"{interval}\"\n    job: github-to-postgres\n" for name, interval in [
        *((f"daily-{n}", "0 6 * * *") for n in range(8)),  # 8 of meltano/squared's 16 start at 06:00
        ("every-2-hours", "0 */2 * * *"), ("hourly", "@hourly"), ("weekdays-noon", "0 12 * * 1-5"),
        ("monthly", "0 0 1 * *"), ("six-hourly", "15 */6 * * *"), ("mondays", "0 6 * * 1"),
        ("late", "45 23 * * *"), ("sunday", "30 3 * * 0")])


def _follow_stagger_hints(text: str, hints: list[str]) -> str:
    """Give each schedule a hint names the interval it suggests."""
    for hint in hints:
        for name, interval in re.findall(r"'([^']+)' `([^`]+)`", hint.split(" give ", 1)[1]):
            text, count = re.subn(rf"(- name: {re.escape(name)}\n    interval: )\"[^\"]*\"",
                                  rf'\g<1>"{interval}"', text)
            assert count == 1, name
    return text


@pytest.mark.parametrize("case", ["fires", "presets", "on-some-days", "squared-like"])
def test_following_every_stagger_hint_leaves_no_schedules_starting_together(tmp_path: Path,
                                                                            case: str) -> None:
    if case == "squared-like":
        (tmp_path / "meltano.yml").write_text(HEAD + SQUARED_LIKE, encoding="utf-8")
    else:
        shutil.copy(REPO / "tests" / "cases" / "S015" / case / "meltano.yml", tmp_path / "meltano.yml")
    before = _report(tmp_path)
    hints = [f["hint"] for f in before if f["code"] == "S015"]
    assert hints and all(h.startswith("stagger them: ") for h in hints)
    meltano_yml = tmp_path / "meltano.yml"
    meltano_yml.write_text(_follow_stagger_hints(meltano_yml.read_text(encoding="utf-8"), hints),
                           encoding="utf-8")
    after = _report(tmp_path)
    assert [f for f in after if f["code"] == "S015"] == []
    assert {f["code"] for f in after} == {f["code"] for f in before} - {"S015"}, "no new problem"


def _report(workspace: Path) -> list[dict]:
    done = run_cli("check", "--format", "json", "--onboarding-file=", cwd=workspace)
    return json.loads(done.stdout)["findings"]
