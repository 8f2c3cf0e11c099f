"""Step 3 rehearsed (issue 18, item 7): `meltano run --dry-run` per onboarded schedule's job (S016, S017).

Always, a stand-in `meltano` program on the PATH that records how it was
started and answers as Meltano does: that is what proves the argument list
(`--` before the repository's names), the environment it gets (no secret of
the action, HOME and Meltano's system folder in a temporary folder), that the
checkout is left as it was, and what of its answer reaches the report. The
golden cases tests/cases/S016 and S017 show the findings themselves.

And, marked `oracle`, the real Meltano: the oracle's pinned one (built and
cached by tests/oracle_support.py, outside the test dependencies: it pulls in
a hundred packages), or the one in the folder MELTANO_ONBOARD_TEST_MELTANO names.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from onboard_action.load import meltano
from tests import monorepo
from tests.helpers import REPO, action_inputs, base_env, run_action, run_cli

READY = REPO / "examples" / "ready"
CANARY = "canary-rehearsal-s3cr3t"

STAND_IN = """\
#!{python}
import json, os, sys
with open({record!r}, "a") as out:
    out.write(json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}) + "\\n")
if "broken" in sys.argv:
    print("2026-01-01T00:00:00Z [info     ] meltano      Environment 'sandbox' is active")
    print({answer!r}, file=sys.stderr)
    sys.exit(1)
"""


def stand_in(tmp_path: Path, answer: str = "Error: Block tap-nope not found") -> tuple[Path, Path]:
    """A folder holding a `meltano` program, and the file it records its calls in."""
    folder, record = tmp_path / "bin", tmp_path / "calls.jsonl"
    folder.mkdir()
    program = folder / "meltano"
    program.write_text(STAND_IN.format(python=sys.executable, record=str(record), answer=answer))
    program.chmod(0o755)
    return folder, record


def calls(record: Path) -> list[dict]:
    return [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []


def project_with_jobs(folder: Path) -> Path:
    """The ready example with three more schedules: a second one of its job, a job named `-x`, and a
    job the stand-in refuses (`broken`)."""
    project = Path(shutil.copytree(READY, folder, ignore=shutil.ignore_patterns("onboarding.yml")))
    meltano_yml = project / "meltano.yml"
    text = meltano_yml.read_text()
    text = text.replace("jobs:\n", "jobs:\n  - name: '-x'\n    tasks: [tap-github target-postgres]\n"
                                   "  - name: broken\n    tasks: [tap-github target-postgres]\n")
    text += ('  - name: evening-github\n    interval: "0 18 * * *"\n    job: github-to-postgres\n'
             '  - name: dash\n    interval: "0 7 * * *"\n    job: \'-x\'\n'
             '  - name: nightly\n    interval: "0 2 * * *"\n    job: broken\n')
    meltano_yml.write_text(text)
    return project


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def cli_env(folder: Path, **extra: str) -> dict[str, str]:
    return base_env(PATH=f"{folder}{os.pathsep}{os.environ['PATH']}", **extra)


def test_each_job_is_dry_run_once_with_its_name_after_double_dash(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    folder, record = stand_in(tmp_path)
    before = listing(project)
    done = run_cli("check", "--onboarding-file=", "--rehearse", "--format", "text", cwd=project,
                   env=cli_env(folder, TAP_GITHUB_AUTH_TOKEN=CANARY))
    made = calls(record)
    # Four schedules, three jobs: daily-github and evening-github share theirs.
    assert sorted(c["argv"][-1] for c in made) == ["-x", "broken", "github-to-postgres"]
    for call in made:
        assert call["argv"][:5] == ["--environment=sandbox", "run", "--dry-run", "--no-install", "--"]
        assert Path(call["cwd"]) == project.resolve()
        env = call["env"]
        # Nothing of the caller's environment but PATH; Meltano's own folders in a temporary one.
        assert CANARY not in json.dumps(env)
        assert not any(name.startswith(("INPUT_", "GITHUB_", "TAP_")) for name in env)
        assert not env["HOME"].startswith(str(project))
        assert env["MELTANO_SYS_DIR_ROOT"].startswith(env["HOME"])
        assert not Path(env["HOME"]).exists()  # removed after the run
    # Only the job Meltano refused is a finding, on the schedule's `job:`, in Meltano's words.
    assert [line for line in done.stdout.splitlines() if line.endswith("[S016]")] == [
        "meltano.yml:51:10: error: schedule 'nightly': `meltano run --dry-run` of job 'broken' in "
        "environment 'sandbox' failed: Block tap-nope not found; fix what Meltano names; to see all of "
        "its output, run `meltano --environment=sandbox run --dry-run --no-install -- broken` in the "
        "project folder [S016]"]
    assert done.returncode == 1
    assert listing(project) == before


def test_without_rehearse_meltano_is_never_started(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    folder, record = stand_in(tmp_path)
    done = run_cli("check", "--onboarding-file=", "--format", "text", cwd=project, env=cli_env(folder))
    assert calls(record) == []
    assert "[S016]" not in done.stdout and "[S017]" not in done.stdout


def test_the_action_never_hands_its_secrets_to_meltano(tmp_path: Path) -> None:
    from tests import rsa_keys

    project = project_with_jobs(tmp_path / "work")
    folder, record = stand_in(tmp_path)
    inputs = action_inputs(**{"onboarding-file": "", "rehearse": "true",
                              "public-key": rsa_keys.public_pem(2048).decode(),
                              "dotenv": f"POSTGRES_PASSWORD={CANARY}\nPOSTGRES_HOST=h\nPOSTGRES_USER=u\n"})
    action = run_action(project, inputs, tmp_path,
                        env={"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "GITHUB_TOKEN": CANARY,
                             "ACTIONS_RUNTIME_TOKEN": CANARY})
    made = calls(record)
    assert len(made) == 3
    for call in made:
        assert CANARY not in json.dumps(call["env"])
        assert not any(name.startswith(("INPUT_", "GITHUB_", "ACTIONS_", "RUNNER_")) for name in call["env"])
    assert [c.properties.get("title") for c in action.commands if c.name == "error"] == [
        "S016 the schedule's job fails `meltano run --dry-run`"]
    assert action.outputs["ready"] == "false"
    printed = "\n".join(line for line in action.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert CANARY not in printed + action.stderr + action.summary


def test_values_of_the_projects_dotenv_never_reach_the_report(tmp_path: Path) -> None:
    # Meltano reads the project's .env; an answer that quotes a value of it is shown with *** instead.
    project = project_with_jobs(tmp_path / "work")
    (project / ".env").write_text(f"POSTGRES_PASSWORD={CANARY}\n")
    folder, _ = stand_in(tmp_path, answer=f"Error: could not connect with password {CANARY}")
    report = tmp_path / "report.json"
    done = run_cli("check", "--onboarding-file=", "--rehearse", "--format", "text", "--report-file",
                   str(report), cwd=project, env=cli_env(folder))
    line = next(line for line in done.stdout.splitlines() if line.endswith("[S016]"))
    assert "failed: could not connect with password ***;" in line
    assert CANARY not in done.stdout + done.stderr + report.read_text()


def test_meltanos_answer_is_one_escaped_line_of_at_most_300_characters(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    answer = "Error: bad\x1b[31m red\x1b]8;;http://x\x07 ::error::injected " + "y" * 400
    folder, _ = stand_in(tmp_path, answer=answer)
    report = tmp_path / "report.json"
    run_cli("check", "--onboarding-file=", "--rehearse", "--format", "text", "--report-file", str(report),
            cwd=project, env=cli_env(folder))
    finding = next(f for f in json.loads(report.read_text())["findings"] if f["code"] == "S016")
    said = finding["message"].split(" failed: ", 1)[1]
    assert said.startswith("bad red\\x1b]8;;http://x\\x07 ::error::injected yyy")
    assert len(said) == meltano.MAX_REASON and said.endswith("…")
    assert "\x1b" not in finding["message"] and "\n" not in finding["message"]


def test_a_meltano_that_hangs_is_stopped_with_everything_it_started(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "meltano"
    # It starts a child that keeps the output pipe open, then waits too.
    program.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(meltano, "TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    result = meltano.dry_run(tmp_path, "sandbox", ["job"])
    assert time.monotonic() - started < 15
    assert result == meltano.Rehearsal(False, "it did not finish within 1 seconds")


def test_without_meltano_one_notice_says_it_was_skipped_for_all_projects(tmp_path: Path) -> None:
    repository = monorepo.build(tmp_path / "repository")
    env = base_env(PATH=str(tmp_path / "nothing-here"))
    done = run_cli("check", "--rehearse", "--format", "text", cwd=repository, env=env)
    assert [line for line in done.stdout.splitlines() if line.endswith("[S017]")] == [
        "onboarding.yml:1:1: notice: the rehearsal (`meltano run --dry-run` of the onboarded schedules) was "
        "skipped: `meltano` is not on the PATH; install Meltano before this step (e.g. `pipx install "
        "meltano`; in GitHub Actions, use the composite action), or leave `rehearse` off [S017]"]
    quiet = run_cli("check", "--format", "text", cwd=repository, env=env)
    assert "[S017]" not in quiet.stdout


def test_each_listed_project_is_rehearsed_in_its_own_folder(tmp_path: Path) -> None:
    repository = monorepo.build(tmp_path / "repository")
    folder, record = stand_in(tmp_path)
    run_cli("check", "--rehearse", "--format", "text", cwd=repository, env=cli_env(folder))
    assert sorted((Path(c["cwd"]).name, c["argv"][-1]) for c in calls(record)) == [
        ("data", "github-to-postgres"), ("proj2", "github-to-postgres")]


def test_the_rehearse_input_takes_true_or_false(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    action = run_action(project, action_inputs(**{"onboarding-file": "", "rehearse": "yes"}), tmp_path)
    assert action.returncode == 2
    assert "rehearse must be true or false; got 'yes'" in action.stdout


def real_meltano() -> str:
    """The oracle's pinned Meltano (tests/oracle_support.py builds and caches it), or a named folder's."""
    folder = os.environ.get("MELTANO_ONBOARD_TEST_MELTANO")
    if folder:
        found = shutil.which("meltano", path=folder)
        assert found, f"MELTANO_ONBOARD_TEST_MELTANO={folder} holds no meltano"
        return found
    from tests.oracle_support import meltano_python

    return str(meltano_python().parent / "meltano")


@pytest.mark.oracle
def test_the_real_meltano_plans_the_good_jobs_and_refuses_the_broken_one(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    meltano_yml = project / "meltano.yml"
    meltano_yml.write_text(meltano_yml.read_text().replace(
        "  - name: broken\n    tasks: [tap-github target-postgres]\n",
        "  - name: broken\n    tasks: [tap-nope target-postgres]\n"))
    before = listing(project)
    done = run_cli("check", "--onboarding-file=", "--rehearse", "--format", "text", cwd=project,
                   env=cli_env(Path(real_meltano()).parent))
    lines = [line for line in done.stdout.splitlines() if line.endswith("[S016]")]
    assert len(lines) == 1 and "schedule 'nightly'" in lines[0], done.stdout
    assert "tap-nope" in lines[0]
    assert listing(project) == before
