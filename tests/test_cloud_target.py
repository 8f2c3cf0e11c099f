"""`target: cloud` (today's Meltano Cloud): six-field pipeline schedules, the pipelines preview and the
secrets the workspace must hold.

The rules themselves are shown by their golden cases (tests/cases/C0xx) and by the whole workspace of
tests/golden/cli/cloud-workspace; these tests show the cron engine's seconds field and the facts.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from onboard_action.cli import main
from onboard_action.values.cron import parse_seconds_cron
from tests.helpers import FIXED_NOW, REPO

WORKSPACE = REPO / "tests" / "golden" / "cli" / "cloud-workspace"
NOW = datetime(2026, 1, 15, 10, 17, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("written", "per_day", "first"), [
    ("0 0 9-17 * * MON-FRI", 9 * 1461 * 5 / 7 / 1461, "2026-01-15 11:00:00"),  # the domain note's example
    ("*/15 * * * * *", 4 * 60 * 24, "2026-01-15 10:17:45"),
    ("30 17 10 * * *", 1, "2026-01-16 10:17:30"),  # not 10:17:30 today: "now" is that second
    ("@hourly", 24, "2026-01-15 11:00:00"),
])
def test_six_fields_with_seconds_run_when_spring_would(written: str, per_day: float, first: str) -> None:
    schedule = parse_seconds_cron(written)
    assert schedule.valid, schedule.problems
    assert schedule.runs_per_day() == pytest.approx(per_day, rel=0.01)
    assert schedule.next_runs(NOW, 1)[0].strftime("%Y-%m-%d %H:%M:%S") == first


def test_five_fields_are_refused_with_the_six_field_fix() -> None:
    schedule = parse_seconds_cron("0 6 * * *")
    assert not schedule.valid and schedule.five_fields
    assert schedule.hint == "add the seconds field first: `0 0 6 * * *`"
    assert parse_seconds_cron("0 0 6 * * *").valid  # the fix the hint prints is valid


@pytest.mark.parametrize(("written", "problem"), [
    ("60 0 6 * * *", "second 60 is out of range 0-59"),
    ("0 0 25 * * *", "hour 25 is out of range 0-23"),
    ("0 0 0 1 1 * 2027", "7 fields"),
    ("@once", "not a macro the platform knows"),
])
def test_what_is_wrong_is_named_field_by_field(written: str, problem: str) -> None:
    schedule = parse_seconds_cron(written)
    assert not schedule.valid
    assert any(problem in each for each in schedule.problems)


def run_json(tmp_path: Path, capsys, monkeypatch, *args: str) -> dict:
    workspace = Path(shutil.copytree(WORKSPACE, tmp_path / "workspace", ignore=lambda _, names: [
        n for n in names if n in ("args.txt", "expected.txt")]))
    (workspace / "meltano.yml").write_text(
        (workspace / "meltano.yml").read_text(encoding="utf-8").replace(
            "    - name: target-postgres\n      variant: meltanolabs\n",
            "    - name: target-postgres\n      variant: meltanolabs\n      config:\n"
            "        password: ${TARGET_POSTGRES_PASSWORD}\n        host: $PG_HOST\n"), encoding="utf-8")
    monkeypatch.chdir(workspace)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", "--onboarding-file=", "--format", "json", "--now", FIXED_NOW, *args])
    return json.loads(capsys.readouterr().out)


def test_the_report_previews_pipelines_and_lists_the_workspace_secrets(tmp_path: Path, capsys,
                                                                      monkeypatch) -> None:
    report = run_json(tmp_path, capsys, monkeypatch, "--target", "cloud")
    assert report["target"] == "cloud"
    assert "workspace.yml" in report["files"] and "pipelines/daily.yml" in report["files"]
    publish = next(p for p in report["facts"]["pipelines"] if p["name"] == "publish")
    assert publish["valid"] and publish["runs_each_day"] == 9 and publish["days_per_year"] == 261.25
    assert publish["next_runs"] == ["2026-01-15T10:30:00Z", "2026-01-15T11:30:00Z", "2026-01-15T12:30:00Z"]
    daily = next(p for p in report["facts"]["pipelines"] if p["name"] == "daily")
    assert not daily["valid"] and daily["schedule"] == "0 6 * * *"
    assert report["facts"]["workspace_secrets"] == ["PG_HOST", "TARGET_POSTGRES_PASSWORD"]
    assert report["facts"]["secrets"] is None and report["facts"]["organization"] is None


def test_the_other_targets_read_no_workspace_files(tmp_path: Path, capsys, monkeypatch) -> None:
    report = run_json(tmp_path, capsys, monkeypatch, "--target", "self-hosted")
    assert report["facts"]["pipelines"] is None and report["facts"]["workspace_secrets"] is None
    assert report["files"] == ["meltano.yml"]
    assert not any(f["code"].startswith("C") for f in report["findings"])
    default = run_json(tmp_path / "again", capsys, monkeypatch)
    assert [f["code"] for f in default["findings"] if f["code"].startswith("C")] == ["C050"]
