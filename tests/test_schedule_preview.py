"""The schedule preview: the JSON report's `facts.schedules` and the job summary's table, on a fixed clock."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import FIXED_NOW, base_env, run_action, run_cli

PROJECT = """\
environments:
  - name: sandbox
  - name: prod
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
  - name: weekdays
    interval: "0 6 * * MON-FRI"
    job: github-to-postgres
  - name: busy
    interval: "15,45 */2 * * 1,3,5"
    job: github-to-postgres
    annotations:
      meltano.cloud:
        environments: [prod]
  - name: daily
    interval: "@daily"
    extractor: tap-github
    loader: target-postgres
    transform: skip
  - name: backfill
    interval: "@manual"
    job: github-to-postgres
  - name: broken
    interval: "61 25 * * *"
    job: github-to-postgres
"""

ONBOARDING = """\
company: ABC Company Inc.
contact: {name: Jane Doe, email: jane@abc.example}
org_id: abc-data-team
projects:
  - name: data-platform
    git: {provider: github, url: "https://github.com/abc/data-platform", branch: main}
    root: .
    environment: sandbox
    schedules: [weekdays, busy]
users:
  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}
"""


def _project(tmp_path: Path, meltano_yml: str = PROJECT, onboarding: str | None = ONBOARDING) -> Path:
    (tmp_path / "meltano.yml").write_text(meltano_yml, encoding="utf-8")
    if onboarding is not None:
        (tmp_path / "onboarding.yml").write_text(onboarding, encoding="utf-8")
    return tmp_path


def _preview(workspace: Path, *args: str, env: dict[str, str] | None = None) -> dict:
    done = run_cli("check", "--format", "json", *args, cwd=workspace, env=env)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["facts"]["schedules"]


def test_json_preview_on_a_fixed_clock(tmp_path: Path) -> None:
    preview = _preview(_project(tmp_path))
    assert preview["now"] == FIXED_NOW == "2026-01-15T10:17:00Z"
    assert preview["onboarding_environment"] == "sandbox"
    by_name = {entry["name"]: entry for entry in preview["schedules"]}
    assert list(by_name) == ["weekdays", "busy", "daily", "backfill", "broken"]

    weekdays = by_name["weekdays"]
    assert weekdays["next_runs"] == ["2026-01-16T06:00:00Z", "2026-01-19T06:00:00Z",
                                     "2026-01-20T06:00:00Z"]
    assert weekdays["description"] == "at 06:00 on Monday to Friday"
    assert (weekdays["runs_each_day"], weekdays["job"], weekdays["listed"]) == (1, "github-to-postgres", True)
    assert (weekdays["file"], weekdays["line"]) == ("meltano.yml", 14)

    busy = by_name["busy"]
    assert busy["next_runs"] == ["2026-01-16T00:15:00Z", "2026-01-16T00:45:00Z", "2026-01-16T02:15:00Z"]
    assert busy["description"] == ("at minutes 15 and 45 of every 2nd hour on Monday, Wednesday "
                                   "and Friday")
    assert busy["runs_each_day"] == 24
    assert busy["environments"] == ["prod"]
    assert busy["runs_in_onboarding_environment"] is False

    daily = by_name["daily"]
    assert daily["next_runs"] == ["2026-01-16T00:00:00Z", "2026-01-17T00:00:00Z", "2026-01-18T00:00:00Z"]
    assert (daily["cron"], daily["job"], daily["extractor"], daily["loader"], daily["transform"]) == (
        "0 0 * * *", None, "tap-github", "target-postgres", "skip")
    assert daily["runs_per_day"] == 1
    assert daily["listed"] is False

    backfill = by_name["backfill"]
    assert (backfill["kind"], backfill["next_runs"], backfill["runs_per_day"]) == ("never", [], 0)

    broken = by_name["broken"]
    assert (broken["valid"], broken["description"], broken["next_runs"]) == (False, None, [])


def test_now_comes_from_the_option_over_the_environment(tmp_path: Path) -> None:
    workspace = _project(tmp_path, onboarding=None)
    moved = _preview(workspace, "--onboarding-file=", "--now", "2026-01-16T06:00:00Z")
    weekdays = moved["schedules"][0]
    assert moved["now"] == "2026-01-16T06:00:00Z"
    assert weekdays["next_runs"][0] == "2026-01-19T06:00:00Z"  # strictly after now, Friday -> Monday
    from_env = _preview(workspace, "--onboarding-file=",
                        env=base_env(MELTANO_ONBOARD_NOW="2026-03-01T00:00:00Z"))
    assert from_env["now"] == "2026-03-01T00:00:00Z"
    assert from_env["schedules"][0]["next_runs"][0] == "2026-03-02T06:00:00Z"


def test_summary_table_escapes_repository_text(tmp_path: Path) -> None:
    hostile = PROJECT.replace("name: weekdays", 'name: "week|days <img src=x> `x` **b**"')
    hostile = hostile.replace("schedules: [weekdays, busy]", "schedules: [busy]")
    workspace = _project(tmp_path, hostile, ONBOARDING.replace("[weekdays, busy]", "[busy]"))
    done = run_cli("check", "--format", "markdown", cwd=workspace)
    section = done.stdout[done.stdout.index("### Schedules"):]
    assert "Meltano Cloud reads cron as **UTC**" in section
    assert "**disabled**" in section and "up to 7 minutes" in section
    assert "<img" not in section and "&lt;img src=x&gt;" in section
    row = next(line for line in section.splitlines() if "week" in line)
    assert row.count(" | ") == 7, "a pipe in a name must not add a table cell"
    assert row.startswith("| \u2705 | week\\|days &lt;img src=x&gt; \\`x\\` \\*\\*b\\*\\* "
                          "| `0 6 * * MON-FRI` |")
    assert "| 01-16 06:00<br>01-19 06:00<br>01-20 06:00 |" in row
    assert "| 5 times a week |" in row
    busy = next(line for line in section.splitlines() if "| busy |" in line)
    assert busy.endswith("| listed, but kept out of `sandbox` |")


def test_summary_in_the_action_lists_at_most_a_hundred_rows(tmp_path: Path) -> None:
    many = PROJECT.split("schedules:\n")[0] + "schedules:\n" + "".join(
        f"  - name: s{i:03d}\n    interval: \"{i % 60} {i % 24} * * *\"\n    job: github-to-postgres\n"
        for i in range(120))
    (tmp_path / "workspace").mkdir()
    workspace = _project(tmp_path / "workspace", many, onboarding=None)
    run = run_action(workspace, {"onboarding-file": ""}, tmp_path)
    section = run.summary[run.summary.index("### Schedules"):]
    rows = [line for line in section.splitlines() if re.match(r"\| \S+ \| s\d{3} \|", line)]
    assert len(rows) == 100
    assert "<details><summary>120 schedules</summary>" in section, "more than 10 rows fold away"
    assert "… and 20 more: see `facts.schedules` in the JSON report." in section


def test_each_entry_points_at_its_name_in_its_own_file(tmp_path: Path) -> None:
    meltano_yml = PROJECT.split("schedules:\n")[0] + (
        "include_paths:\n  - ./schedules/*.meltano.yml\n"
        "schedules:\n"
        "  - interval: \"@daily\"\n"      # no name: the entry itself
        "    job: github-to-postgres\n")
    workspace = _project(tmp_path, meltano_yml, onboarding=None)
    (workspace / "schedules").mkdir()
    (workspace / "schedules" / "nightly.meltano.yml").write_text(
        "schedules:\n"
        "  - job: github-to-postgres\n"
        "    interval: \"0 1 * * *\"\n"
        "    name: nightly\n"             # the name written last
        "  - name: hourly\n"
        "    interval: \"@hourly\"\n"
        "    job: github-to-postgres\n", encoding="utf-8")
    entries = _preview(workspace, "--onboarding-file=")["schedules"]
    assert [(e["name"], e["file"], e["line"]) for e in entries] == [
        (None, "meltano.yml", 16),
        ("nightly", "schedules/nightly.meltano.yml", 4),
        ("hourly", "schedules/nightly.meltano.yml", 5),
    ]
