"""Every project of the onboarding file in one run (issue 18): a repository of two, built with git."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests import monorepo
from tests.helpers import REPO, base_env, run_action, run_cli


@pytest.fixture()
def repository(tmp_path: Path) -> Path:
    return monorepo.build(tmp_path / "repository")


def report_of(folder: Path, *paths: str) -> dict:
    done = run_cli("check", *paths, "--format", "json", cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_a_run_at_the_root_checks_every_listed_project(repository: Path) -> None:
    done = run_cli("check", cwd=repository)
    line = monorepo.schedule_line(repository)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "== project data-platform (data): ready: 0 errors, 0 warnings, 0 notices",
        "== project proj2 (proj2): not ready: 1 error, 0 warnings, 0 notices",
        f"proj2/meltano.yml:{line}:15: error: schedule 'often-github': interval `*/5 * * * *` runs 5 "
        "minutes apart (at 00:00 and 00:05 UTC); Meltano Cloud runs a schedule at most once every 15 "
        "minutes; space the runs at least 15 minutes apart, keeping the other fields: `*/15 * * * *`, "
        "or hourly: `0 * * * *` [S004]",
        "2 projects: not ready for Meltano Cloud: 1 error, 0 warnings, 0 notices",
    ]


def test_the_json_report_lists_each_project_with_its_verdict(repository: Path) -> None:
    report = report_of(repository)
    assert report["ready"] is False
    assert report["projects"] == [
        {"name": "data-platform", "root": "data", "ready": True,
         "counts": {"error": 0, "warning": 0, "notice": 0}},
        {"name": "proj2", "root": "proj2", "ready": False,
         "counts": {"error": 1, "warning": 0, "notice": 0}},
    ]
    assert report["files"] == ["data/meltano.yml", "proj2/meltano.yml"]


def test_fixing_the_schedule_makes_both_ready(repository: Path) -> None:
    monorepo.fix(repository)
    report = report_of(repository)
    assert report["ready"] is True
    assert [p["ready"] for p in report["projects"]] == [True, True]
    assert report["findings"] == []


def test_naming_both_folders_equals_the_root_run(repository: Path) -> None:
    assert report_of(repository, "data", "proj2") == report_of(repository)


def test_one_folder_named_checks_that_project_alone(repository: Path) -> None:
    report = report_of(repository, "data")
    assert report["ready"] is True
    assert [p["root"] for p in report["projects"]] == ["data"]


def test_a_listed_root_without_meltano_yml_is_an_error_on_its_line(repository: Path) -> None:
    (repository / "proj2" / "meltano.yml").unlink()
    report = report_of(repository)
    assert [(f["code"], f["file"], f["line"], f["message"]) for f in report["findings"]] == [
        ("O043", "onboarding.yml", 20, "project 'proj2': root `proj2` holds no meltano.yml")]
    assert [(p["name"], p["ready"]) for p in report["projects"]] == [("data-platform", True),
                                                                     ("proj2", False)]


def test_organization_checks_run_once_and_entry_findings_belong_to_their_project(repository: Path) -> None:
    onboarding = repository / "onboarding.yml"
    text = onboarding.read_text(encoding="utf-8")
    # An org-level error (once, not per project) and a project-level one on proj2's entry.
    text = text.replace("org_id: abc-data-team", "org_id: ABC Data Team")
    text = text.replace("schedules: [often-github]", "schedules: [often-githb]")
    onboarding.write_text(text, encoding="utf-8")
    report = report_of(repository)
    codes = [(f["code"], f["file"]) for f in report["findings"]]
    assert codes.count(("O003", "onboarding.yml")) + codes.count(("O010", "onboarding.yml")) <= 1
    org_id = [f for f in report["findings"] if f["line"] == 5]
    assert len(org_id) == 1
    data, proj2 = report["projects"]
    assert data["ready"] is True
    assert proj2["ready"] is False and proj2["counts"]["error"] >= 2  # S010 on its entry and S004


def test_the_action_reports_every_project_in_outputs_and_summary(repository: Path, tmp_path: Path) -> None:
    run = run_action(repository, {}, tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.outputs["ready"] == "false"
    assert run.outputs["error-count"] == "1"
    assert json.loads(run.outputs["projects"]) == [
        {"name": "data-platform", "root": "data", "ready": True,
         "counts": {"error": 0, "warning": 0, "notice": 0}},
        {"name": "proj2", "root": "proj2", "ready": False,
         "counts": {"error": 1, "warning": 0, "notice": 0}},
    ]
    head = run.summary.split("\n\n")[:2]
    assert head[0] == "## Meltano Cloud onboarding check: 2 projects"
    assert head[1].splitlines() == [
        "| Project | Root | Ready | Errors | Warnings | Schedules |",
        "|---|---|---|---|---|---|",
        "| data\\-platform | `data` | :white_check_mark: yes | 0 | 0 | 1 |",  # markdown-escaped
        "| proj2 | `proj2` | :x: no | 1 | 0 | 1 |",
    ]
    assert run.summary.count("<details><summary>Project ") == 2


def test_the_action_with_a_project_dir_checks_that_one(repository: Path, tmp_path: Path) -> None:
    monorepo.fix(repository)
    run = run_action(repository, {"project-dir": "proj2"}, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [p["root"] for p in json.loads(run.outputs["projects"])] == ["proj2"]
    assert "<details><summary>Project " not in run.summary


def test_an_onboarding_file_without_projects_checks_the_workspace_as_before(tmp_path: Path) -> None:
    report = report_of(monorepo.READY)
    assert [p["root"] for p in report["projects"]] == ["."]
    assert report["project_dir"] == "."


GOLDEN_PACKET = REPO / "tests" / "golden" / "packet" / "two-projects.md"


def test_the_packet_is_refused_while_proj2_has_errors_and_covers_both_after_the_fix(repository: Path) -> None:
    refused = run_cli("packet", "--output", "packet.md", cwd=repository)
    assert refused.returncode == 1
    assert not (repository / "packet.md").exists()
    assert "[S004]" in refused.stderr
    assert refused.stderr.rstrip().endswith("fix the 1 error(s) (1 in project proj2) first")
    monorepo.fix(repository)
    done = run_cli("packet", cwd=repository)
    assert done.returncode == 0, done.stderr
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_PACKET.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_PACKET.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == GOLDEN_PACKET.read_text(encoding="utf-8")


def test_the_packet_says_private_when_the_github_event_does(repository: Path, tmp_path: Path) -> None:
    monorepo.fix(repository)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"repository": {"private": True}}), encoding="utf-8")
    env = base_env(GITHUB_ACTIONS="true", GITHUB_REPOSITORY="abc/data-platform",
                   GITHUB_EVENT_PATH=str(event))
    done = run_cli("packet", "--format", "json", cwd=repository, env=env)
    assert done.returncode == 0, done.stderr
    prereqs = json.loads(done.stdout)["prerequisites"]
    assert prereqs["access"]["visibility"] == "private"
    assert [p["name"] for p in prereqs["projects"]] == ["data-platform", "proj2"]
    assert prereqs["projects"][1]["schedules"] == [
        {"name": "often-github", "exists": True, "interval": "0 7 * * *", "utc": True}]


def test_several_projects_self_hosted_are_judged_in_that_targets_words(repository: Path) -> None:
    # proj2's */5 schedule breaks only Meltano Cloud's 15-minute cap: self-hosted, both are ready.
    done = run_cli("check", "data", "proj2", "--target", "self-hosted", "--format", "markdown",
                   cwd=repository)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("## Meltano project check (self-hosted): 2 projects\n")
    said = ":white_check_mark: **Ready** to run on self-hosted Meltano (fails on: error; target: "
    assert said in done.stdout
    assert "onboard to Meltano Cloud" not in done.stdout
