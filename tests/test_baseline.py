"""Gating on what a change introduces: fingerprints, baselines, and the action's `new-findings-only`.

Every test builds a real git repository in a temporary folder: a base commit
with one error (the schedule `hourly` runs every 5 minutes, S004), then the
change a pull request would make, and runs the real CLI or entry point.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.gitcase import git, make_repository
from tests.helpers import REPO, run_action, run_cli

SARIF_SCHEMA = json.loads((REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json")
                          .read_text(encoding="utf-8"))
SCHEDULE = "  - name: {name}\n    interval: '{interval}'\n    job: github-to-postgres\n"


def base_project(folder: Path) -> Path:
    """The ready example, with one error: a schedule every 5 minutes."""
    shutil.copytree(REPO / "examples" / "ready", folder)
    (folder / "onboarding.yml").unlink()  # the organization checks are not the point here
    with (folder / "meltano.yml").open("a", encoding="utf-8") as file:
        file.write(SCHEDULE.format(name="too-often", interval="*/5 * * * *"))
    return make_repository(folder)


def commit(folder: Path, message: str) -> None:
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", message, cwd=folder)


def add_schedule(folder: Path, name: str, interval: str) -> None:
    with (folder / "meltano.yml").open("a", encoding="utf-8") as file:
        file.write(SCHEDULE.format(name=name, interval=interval))


def check(folder: Path, *args: str):
    return run_cli("check", ".", "--onboarding-file", "", *args, cwd=folder)


def findings(folder: Path, *args: str) -> list[dict]:
    report = folder.parent / "report.json"
    check(folder, "--report-file", str(report), *args)
    return json.loads(report.read_text(encoding="utf-8"))["findings"]


def test_a_new_error_fails_and_only_it_is_listed(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    add_schedule(project, "also-too-often", "*/10 * * * *")
    commit(project, "a second schedule, also too frequent")

    done = check(project, "--baseline-ref", "HEAD~1")

    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:-1]] == ["error"]
    assert "schedule 'also-too-often'" in lines[0] and lines[0].endswith("[S004]")
    assert "1 error, 0 warnings, 0 notices new against the revision" in lines[-1]
    assert lines[-1].endswith("1 existing not shown, 0 fixed")


def test_a_change_that_adds_nothing_passes(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    (project / "README.md").write_text("# Our data platform\n", encoding="utf-8")
    commit(project, "README only")

    done = check(project, "--baseline-ref", "HEAD~1")

    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith(".: ready for Meltano Cloud: 0 errors")


def test_fixing_the_old_error_reports_it_as_fixed(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    meltano = project / "meltano.yml"
    meltano.write_text(meltano.read_text(encoding="utf-8").replace("*/5 * * * *", "*/15 * * * *"),
                       encoding="utf-8")
    commit(project, "run every 15 minutes")

    report = tmp_path / "report.json"
    done = check(project, "--baseline-ref", "HEAD~1", "--report-file", str(report))

    assert done.returncode == 0
    assert done.stdout.splitlines()[-1].endswith("0 existing not shown, 1 fixed")
    data = json.loads(report.read_text(encoding="utf-8"))
    [fixed] = data["baseline"]["absent"]
    assert fixed["code"] == "S004" and "too-often" in fixed["message"]


def test_lines_added_above_keep_every_fingerprint(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    before = findings(project)
    meltano = project / "meltano.yml"
    header = "".join(f"# line {n} of a long comment\n" for n in range(20))
    meltano.write_text(header + meltano.read_text(encoding="utf-8"), encoding="utf-8")

    after = findings(project)

    assert [f["line"] for f in after] == [f["line"] + 20 for f in before]
    assert [f["fingerprint"] for f in after] == [f["fingerprint"] for f in before]


def test_renaming_the_subject_changes_the_fingerprint(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    [before] = findings(project)
    meltano = project / "meltano.yml"
    meltano.write_text(meltano.read_text(encoding="utf-8").replace("too-often", "every-five-minutes"),
                       encoding="utf-8")
    [after] = findings(project)
    assert before["code"] == after["code"] == "S004"
    assert before["fingerprint"] != after["fingerprint"]


def test_an_earlier_report_is_a_baseline_too(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    earlier = tmp_path / "earlier.json"
    check(project, "--report-file", str(earlier))
    add_schedule(project, "also-too-often", "*/10 * * * *")

    done = check(project, "--baseline", str(earlier))

    assert done.returncode == 1
    assert done.stdout.count("[S004]") == 1 and "also-too-often" in done.stdout


def test_a_file_that_is_not_a_report_is_a_usage_error(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    (tmp_path / "notes.json").write_text('{"findings": [{"code": "S004"}]}', encoding="utf-8")
    done = check(project, "--baseline", str(tmp_path / "notes.json"))
    assert done.returncode == 2
    assert "is not a meltano-onboard JSON report with fingerprints" in done.stderr


def test_sarif_marks_new_unchanged_and_absent_results(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    meltano = project / "meltano.yml"
    meltano.write_text(meltano.read_text(encoding="utf-8").replace("*/5 * * * *", "*/15 * * * *"),
                       encoding="utf-8")
    add_schedule(project, "also-too-often", "*/10 * * * *")
    add_schedule(project, "third", "*/7 * * * *")
    commit(project, "fix one, add two")
    (project / "meltano.yml").write_text(meltano.read_text(encoding="utf-8")
                                         .replace("name: third", "name: third-renamed"), encoding="utf-8")
    commit(project, "rename one")
    sarif = tmp_path / "out.sarif"

    check(project, "--baseline-ref", "HEAD~1", "--sarif-file", str(sarif))

    data = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.validate(data, SARIF_SCHEMA)
    results = data["runs"][0]["results"]
    states = sorted((r["baselineState"], r["message"]["text"].split("'")[1]) for r in results)
    assert states == [("absent", "third"), ("new", "third-renamed"), ("unchanged", "also-too-often")]
    assert all(len(r["partialFingerprints"]["meltanoOnboardSubject/v1"]) == 32 for r in results)


def test_a_shallow_clone_without_the_base_says_which_fetch_is_needed(tmp_path: Path) -> None:
    origin = base_project(tmp_path / "origin")
    add_schedule(origin, "also-too-often", "*/10 * * * *")
    commit(origin, "the pull request")
    base = git("rev-parse", "HEAD~1", cwd=origin).strip()
    git("clone", "-q", "--depth=1", f"file://{origin}", str(tmp_path / "clone"), cwd=tmp_path)

    done = check(tmp_path / "clone", "--baseline-ref", base)

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert f"`git fetch --depth=1 origin {base}`" in done.stderr and "`fetch-depth: 0`" in done.stderr


def test_a_revision_that_looks_like_an_option_is_not_one(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    done = check(project, "--baseline-ref=--output=/tmp/x")
    assert done.returncode == 2
    assert "is not in this clone" in done.stderr
    assert not Path("/tmp/x").exists()


def pull_request_event(tmp_path: Path, base_sha: str) -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base_sha}}}), encoding="utf-8")
    return {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event),
            "GITHUB_BASE_REF": "main"}


def test_the_action_on_a_pull_request_judges_only_new_findings(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    base = git("rev-parse", "HEAD", cwd=project).strip()
    add_schedule(project, "also-too-often", "*/10 * * * *")
    commit(project, "the pull request")

    run = run_action(project, {"new-findings-only": "auto", "onboarding-file": ""}, tmp_path,
                     env=pull_request_event(tmp_path, base))

    assert run.returncode == 1, run.stdout
    assert run.outputs["ready"] == "false"
    assert (run.outputs["error-count"], run.outputs["new-error-count"], run.outputs["fixed-count"]) == (
        "2", "1", "0")
    annotated = [c for c in run.commands if c.name == "error"]
    assert len(annotated) == 1 and "also-too-often" in annotated[0].message
    assert "### New findings (1, against the revision" in run.summary
    assert "<details><summary>1 existing finding, not counted</summary>" in run.summary


def test_a_pull_request_that_only_fixes_says_so(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    base = git("rev-parse", "HEAD", cwd=project).strip()
    meltano = project / "meltano.yml"
    meltano.write_text(meltano.read_text(encoding="utf-8").replace("*/5 * * * *", "@hourly"),
                       encoding="utf-8")
    commit(project, "fix the schedule")

    run = run_action(project, {"new-findings-only": "true", "onboarding-file": ""}, tmp_path,
                     env=pull_request_event(tmp_path, base))

    assert run.returncode == 0
    assert run.outputs["fixed-count"] == "1"
    assert ":tada: This change introduces no finding and fixes 1" in run.summary


@pytest.mark.parametrize("mode", ["auto", "false"])
def test_outside_pull_requests_every_finding_counts(tmp_path: Path, mode: str) -> None:
    project = base_project(tmp_path / "repo")
    run = run_action(project, {"new-findings-only": mode, "onboarding-file": ""}, tmp_path,
                     env={"GITHUB_EVENT_NAME": "push"})
    assert run.returncode == 1
    assert run.outputs["new-error-count"] == run.outputs["error-count"] == "1"
    assert "New findings" not in run.summary


def test_new_findings_only_true_outside_a_pull_request_needs_a_ref(tmp_path: Path) -> None:
    project = base_project(tmp_path / "repo")
    run = run_action(project, {"new-findings-only": "true", "onboarding-file": ""}, tmp_path,
                     env={"GITHUB_EVENT_NAME": "push"})
    assert run.returncode == 2
    [error] = [c for c in run.commands if c.name == "error"]
    assert "set baseline-ref" in error.message


def test_a_new_user_without_a_github_id_is_new_and_an_old_one_is_not(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(REPO / "examples" / "ready", project)
    onboarding = project / "onboarding.yml"
    text = onboarding.read_text(encoding="utf-8")
    onboarding.write_text(text + "  - {name: Old Timer, email: old@abc.example, role: reader}\n",
                          encoding="utf-8")
    make_repository(project)
    onboarding.write_text(onboarding.read_text(encoding="utf-8")
                          + "  - {name: New Hire, email: new@abc.example, role: reader}\n", encoding="utf-8")
    commit(project, "a new user")

    done = run_cli("check", ".", "--baseline-ref", "HEAD~1", cwd=project)

    new = [line for line in done.stdout.splitlines()[:-1] if line.startswith("onboarding.yml")]
    assert len(new) == 1 and "New Hire" in new[0], done.stdout
