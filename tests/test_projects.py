"""Every project of the onboarding file in one run (issue 18).

The repository holds an onboarding file at its top listing two projects,
`data` and `proj2`, each a real project committed to a real git repository
whose `origin` is the URL the onboarding file names. proj2's schedule runs
every 5 minutes, which Meltano Cloud refuses: one run at the root must say
so on that line, and fixing it must make both projects ready.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.gitcase import make_repository
from tests.helpers import REPO, ready_project, run_action, run_cli

URL = "https://github.com/abc/data-platform"
ONBOARDING = f"""\
company: ABC Company Inc.
contact:
  name: Jane Doe
  email: jane@abc.example
org_id: abc-data-team
projects:
  - name: data-platform
    git: {{provider: github, url: {URL}, branch: main}}
    root: data
    environment: sandbox
    schedules: [daily-github]
  - name: reporting
    git: {{provider: github, url: {URL}, branch: main}}
    root: proj2
    environment: sandbox
    schedules: [refresh]
users:
  - {{name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}}
"""
BAD_INTERVAL = "*/5 * * * *"
GOOD_INTERVAL = "0 */6 * * *"
GOLDEN_PACKET = REPO / "tests" / "golden" / "packet" / "two-projects.md"


def two_projects(folder: Path, proj2_interval: str = BAD_INTERVAL) -> Path:
    ready_project(folder / "data", {"daily-github": "0 6 * * *"})
    ready_project(folder / "proj2", {"refresh": proj2_interval})
    (folder / "onboarding.yml").write_text(ONBOARDING, encoding="utf-8")
    return make_repository(folder, remote=URL + ".git")


def finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.endswith("]")]


def fix_proj2(workspace: Path) -> None:
    meltano = workspace / "proj2" / "meltano.yml"
    meltano.write_text(meltano.read_text().replace(BAD_INTERVAL, GOOD_INTERVAL))


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return two_projects(tmp_path / "repo")


def test_one_run_at_the_root_reports_both_projects(repository: Path) -> None:
    done = run_cli("check", cwd=repository)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    # proj2's schedule, on its own line and column, grouped under proj2 with its verdict.
    bad = [line for line in lines if line.startswith("proj2/meltano.yml:")]
    assert len(bad) == 1 and bad[0].startswith("proj2/meltano.yml:37:15: error:"), bad
    assert bad[0].endswith("[S004]")
    assert lines.index(bad[0]) < lines.index(
        "proj2 (reporting): not ready for Meltano Cloud: 1 error, 0 warnings, 0 notices")
    assert "data (data-platform): ready for Meltano Cloud: 0 errors, 0 warnings, 0 notices" in lines
    assert lines[-1] == "all 2 projects: not ready for Meltano Cloud: 1 error, 0 warnings, 0 notices"

    fix_proj2(repository)
    fixed = run_cli("check", cwd=repository)
    assert fixed.returncode == 0, fixed.stdout
    assert finding_lines(fixed.stdout) == []
    assert fixed.stdout.splitlines()[-1] == ("all 2 projects: ready for Meltano Cloud: "
                                             "0 errors, 0 warnings, 0 notices")


def test_naming_both_folders_equals_the_root_run(repository: Path) -> None:
    root = run_cli("check", "--format", "json", cwd=repository)
    named = run_cli("check", "data", "proj2", "--format", "json", cwd=repository)
    assert json.loads(named.stdout) == json.loads(root.stdout)
    assert finding_lines(run_cli("check", "data", "proj2", cwd=repository).stdout) == \
        finding_lines(run_cli("check", cwd=repository).stdout)


def test_the_json_report_has_each_verdict_and_the_overall_one(repository: Path) -> None:
    report = json.loads(run_cli("check", "--format", "json", cwd=repository).stdout)
    assert report["ready"] is False and report["counts"] == {"error": 1, "warning": 0, "notice": 0}
    assert report["project_dir"] == "."
    assert [(p["name"], p["root"], p["ready"], p["counts"]["error"], p["schedules"])
            for p in report["projects"]] == [("data-platform", "data", True, 0, 1),
                                             ("reporting", "proj2", False, 1, 1)]
    assert report["projects"][1]["facts"]["schedules"]["schedules"][0]["name"] == "refresh"
    assert list(report["facts"]) == ["organization", "access"]
    assert report["files"] == ["data/meltano.yml", "proj2/meltano.yml"]


def test_the_action_outputs_every_project(repository: Path, tmp_path: Path) -> None:
    action = run_action(repository, {"fail-on": "error"}, tmp_path)  # project-dir: auto by default
    assert action.returncode == 1
    assert action.outputs["ready"] == "false"
    assert action.outputs["error-count"] == "1"
    assert json.loads(action.outputs["projects"]) == [
        {"name": "data-platform", "root": "data", "ready": True,
         "counts": {"error": 0, "warning": 0, "notice": 0}},
        {"name": "reporting", "root": "proj2", "ready": False,
         "counts": {"error": 1, "warning": 0, "notice": 0}}]
    summary = action.summary
    table = summary.index("| Project | Ready | Errors | Warnings | Schedules |")
    assert "| data \\(data\\-platform\\) | :white_check_mark: yes | 0 | 0 | 1 |" in summary
    assert "| proj2 \\(reporting\\) | :x: no | 1 | 0 | 1 |" in summary
    folds = [summary.index(f"<details><summary>{name}</summary>") for name in (
        "data \\(data\\-platform\\): :white_check_mark: ready", "proj2 \\(reporting\\): :x: not ready")]
    assert table < folds[0] < folds[1]
    assert summary.count("</details>") == 2
    errors = [c for c in action.commands if c.name == "error"]
    assert [(c.properties["file"], c.properties["line"]) for c in errors] == [("proj2/meltano.yml", "37")]

    fix_proj2(repository)
    fixed = run_action(repository, {}, tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    assert fixed.outputs["ready"] == "true"
    assert [p["ready"] for p in json.loads(fixed.outputs["projects"])] == [True, True]


def test_one_named_folder_keeps_the_single_project_run(repository: Path, tmp_path: Path) -> None:
    done = run_cli("check", "data", cwd=repository)
    assert done.returncode == 0, done.stdout
    assert done.stdout == "data: ready for Meltano Cloud: 0 errors, 0 warnings, 0 notices\n"
    action = run_action(repository, {"project-dir": "data"}, tmp_path)
    assert action.outputs["ready"] == "true"
    assert json.loads(action.outputs["projects"])[0]["root"] == "data"
    assert "<details>" not in action.summary


def test_the_packet_waits_for_every_project(repository: Path, tmp_path: Path) -> None:
    refused = run_cli("packet", cwd=repository)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "proj2/meltano.yml:37:15: error:" in refused.stderr
    assert refused.stderr.rstrip().endswith(
        "no packet written: fix the errors first: 1 in project proj2 (reporting)")
    action = run_action(repository, {"packet-file": "packet.md"}, tmp_path)
    assert not (repository / "packet.md").exists()
    assert action.outputs["packet-file"] == ""
    # One project named: the packet cannot vouch for the other.
    fix_proj2(repository)
    only_data = run_action(repository, {"project-dir": "data", "packet-file": "packet.md"}, tmp_path)
    assert not (repository / "packet.md").exists()
    assert any("this run did not check reporting" in c.message for c in only_data.commands)

    done = run_cli("packet", cwd=repository)
    assert done.returncode == 0, done.stderr
    if os.environ.get("UPDATE_GOLDEN") == "1":  # as tests/test_golden.py: regenerate, then read the diff
        GOLDEN_PACKET.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_PACKET.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == GOLDEN_PACKET.read_text(encoding="utf-8")
    for text in ("data\\-platform", "reporting", "gh api -X PUT repos/abc/data-platform/collaborators/"
                 "MeltanoCloud -f permission=pull", "Prereq #2: environment `sandbox`",
                 "schedule `refresh` (`0 */6 * * *`) runs"):
        assert text in done.stdout


def test_the_packet_says_private_when_the_event_does(repository: Path, tmp_path: Path) -> None:
    fix_proj2(repository)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"repository": {"full_name": "abc/data-platform", "private": True}}))
    action = run_action(repository, {"packet-file": "packet.md"}, tmp_path,
                        env={"GITHUB_EVENT_PATH": str(event)})
    assert action.outputs["packet-file"] == "packet.md"
    packet = (repository / "packet.md").read_text()
    assert "private (the GitHub Actions event says so)" in packet
    assert "  Grant each account read access" in packet


def test_a_listed_root_without_meltano_yml_is_an_error_on_its_entry(tmp_path: Path) -> None:
    workspace = two_projects(tmp_path / "repo", GOOD_INTERVAL)
    (workspace / "onboarding.yml").write_text(ONBOARDING.replace("root: proj2", "root: proj3"))
    done = run_cli("check", cwd=workspace)
    assert done.returncode == 1
    assert finding_lines(done.stdout) == [
        "onboarding.yml:14:11: error: project 'reporting': root `proj3` does not exist; set `root` to the "
        "folder of meltano.yml, relative to the folder of the onboarding file, or create the project "
        "there with `meltano init` [F001]"]
    # The advice works: point `root` at the folder of meltano.yml.
    (workspace / "onboarding.yml").write_text(ONBOARDING)
    assert run_cli("check", cwd=workspace).returncode == 0


def test_a_root_outside_the_repository_is_never_read(tmp_path: Path) -> None:
    workspace = two_projects(tmp_path / "repo", GOOD_INTERVAL)
    outside = ready_project(tmp_path / "outside", {"refresh": BAD_INTERVAL})  # would fail if read
    (workspace / "onboarding.yml").write_text(ONBOARDING.replace("root: proj2", "root: ../outside"))
    done = run_cli("check", "--format", "json", cwd=workspace)
    report = json.loads(done.stdout)
    assert [f["code"] for f in report["findings"]] == ["O043"]
    assert [p["root"] for p in report["projects"]] == ["data"]
    assert str(outside) not in done.stdout
    (workspace / "onboarding.yml").write_text(ONBOARDING)  # the fix the message gives
    assert run_cli("check", cwd=workspace).returncode == 0


def test_secrets_belong_to_one_project(repository: Path) -> None:
    (repository / ".env").write_text("POSTGRES_PASSWORD=canary-s3cr3t\n")
    done = run_cli("check", "--dotenv-path", ".env", cwd=repository)
    assert done.returncode == 2
    assert ("--public-key and --dotenv-path check one project's secrets, but this run checks 2 projects "
            "(data, proj2): name the folder of the project they belong to") in done.stderr
    assert "canary-s3cr3t" not in done.stdout + done.stderr
