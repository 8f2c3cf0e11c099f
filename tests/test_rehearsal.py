"""Step 3 rehearsed (issue 18, item 7): `meltano run --dry-run` per onboarded schedule's job.

Two kinds of run. The real Meltano, when it is installed where the tests
run (`meltano` on the PATH, or MELTANO_ONBOARD_TEST_MELTANO naming its
folder; it is not a test dependency: it pulls in a hundred packages): a
broken job must fail its dry run, a good one pass. And always, a stand-in
`meltano` program on the PATH that records how it was started and answers
as Meltano does: that is what proves the argument list (`--` before the
repository's names), the environment it gets (no secret of the action) and
that the checkout is left as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import ready_project, run_action, run_cli

STAND_IN = """\
#!{python}
import json, os, sys
with open({record!r}, "a") as out:
    out.write(json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}) + "\\n")
if "broken" in sys.argv:
    print("2026-01-01T00:00:00Z [info     ] meltano      Environment 'sandbox' is active")
    print("Error: Block tap-nope not found", file=sys.stderr)
    sys.exit(1)
"""
CANARY = "canary-rehearsal-s3cr3t"


def stand_in(tmp_path: Path) -> tuple[Path, Path]:
    """A folder holding a `meltano` program, and the file it records its calls in."""
    folder, record = tmp_path / "bin", tmp_path / "calls.jsonl"
    folder.mkdir()
    program = folder / "meltano"
    program.write_text(STAND_IN.format(python=sys.executable, record=str(record)))
    program.chmod(0o755)
    return folder, record


def project_with_jobs(folder: Path) -> Path:
    """The ready example with two more schedules: a job named `-x`, and a job Meltano cannot plan."""
    project = ready_project(folder, {"daily-github": "0 6 * * *", "dash": "0 7 * * *",
                                     "nightly": "0 2 * * *"})
    meltano = project / "meltano.yml"
    text = meltano.read_text()
    text = text.replace("jobs:\n", "jobs:\n  - name: '-x'\n    tasks: [tap-github target-postgres]\n"
                                   "  - name: broken\n    tasks: [tap-nope target-postgres]\n")
    text = text.replace("    job: github-to-postgres\n", "    job: github-to-postgres\n", 1)
    text = text.replace('  - name: dash\n    interval: "0 7 * * *"\n    job: github-to-postgres',
                        "  - name: dash\n    interval: \"0 7 * * *\"\n    job: '-x'")
    text = text.replace('  - name: nightly\n    interval: "0 2 * * *"\n    job: github-to-postgres',
                        "  - name: nightly\n    interval: \"0 2 * * *\"\n    job: broken")
    meltano.write_text(text)
    return project


def calls(record: Path) -> list[dict]:
    return [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []


def test_each_job_is_dry_run_once_with_its_name_after_double_dash(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    folder, record = stand_in(tmp_path)
    env = {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}",
           "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z"}
    env.pop("GITHUB_ACTIONS", None)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    done = run_cli("check", "--onboarding-file=", "--rehearse", "--ignore", "S006", cwd=project, env=env)
    made = calls(record)
    assert sorted(c["argv"][-1] for c in made) == ["-x", "broken", "github-to-postgres"]
    for call in made:
        assert call["argv"][:5] == ["--environment=sandbox", "run", "--dry-run", "--no-install", "--"]
        assert Path(call["cwd"]) == project.resolve()
        assert not call["env"]["MELTANO_SYS_DIR_ROOT"].startswith(str(project))
    # Only the job Meltano refused is a finding, on the schedule's `job:`, in Meltano's words.
    lines = [line for line in done.stdout.splitlines() if line.endswith("[S015]")]
    assert lines == ["meltano.yml:48:10: error: schedule 'nightly': `meltano run --dry-run` of job 'broken' "
                     "in environment 'sandbox' failed: Block tap-nope not found; fix what Meltano names; to "
                     "see all of its output, run `meltano --environment=sandbox run --dry-run -- broken` "
                     "in the project folder [S015]"]
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_the_action_never_hands_its_secrets_to_meltano(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    folder, record = stand_in(tmp_path)
    from tests import rsa_keys

    action = run_action(project, {"onboarding-file": "", "rehearse": "true", "ignore": "S006",
                                  "public-key": rsa_keys.public_pem(2048).decode(),
                                  "dotenv": f"POSTGRES_PASSWORD={CANARY}\nPOSTGRES_HOST=h\n"
                                            "POSTGRES_USER=u\n"},
                        tmp_path, env={"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}",
                                       "GITHUB_TOKEN": CANARY})
    made = calls(record)
    assert len(made) == 3
    for call in made:
        assert not any(CANARY in value for value in call["env"].values())
        assert not any(name.startswith(("INPUT_", "GITHUB_")) for name in call["env"])
    # The broken job: P204 from the static check, S015 from Meltano's dry run.
    assert [c.properties.get("title") for c in action.commands if c.name == "error"] == [
        "P204 job block names nothing Meltano can run",
        "S015 the schedule's job fails `meltano run --dry-run`"]
    printed = "\n".join(line for line in action.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert CANARY not in printed + action.stderr + action.summary


def test_without_meltano_one_notice_says_it_was_skipped(tmp_path: Path) -> None:
    project = ready_project(tmp_path / "work", {"daily-github": "0 6 * * *"})
    env = {**os.environ, "PATH": "/nonexistent", "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z"}
    env.pop("GITHUB_ACTIONS", None)
    done = run_cli("check", "--onboarding-file=", "--rehearse", cwd=project, env=env)
    assert done.returncode == 0, done.stdout
    assert [line for line in done.stdout.splitlines() if line.endswith("]")] == [
        "meltano.yml:1:1: notice: the rehearsal (`meltano run --dry-run` of the onboarded schedules) was "
        "skipped: `meltano` is not on the PATH; install Meltano before this step (e.g. `pipx install "
        "meltano`; in GitHub Actions, use the composite action), or leave `rehearse` off [S016]"]
    quiet = run_cli("check", "--onboarding-file=", cwd=project, env=env)
    assert "[S016]" not in quiet.stdout


def real_meltano() -> str | None:
    folder = os.environ.get("MELTANO_ONBOARD_TEST_MELTANO")
    return shutil.which("meltano", path=folder) if folder else shutil.which("meltano")


@pytest.mark.skipif(real_meltano() is None, reason="Meltano is not installed where the tests run")
def test_the_real_meltano_plans_the_good_jobs_and_refuses_the_broken_one(tmp_path: Path) -> None:
    project = project_with_jobs(tmp_path / "work")
    env = {**os.environ, "PATH": f"{Path(real_meltano()).parent}{os.pathsep}{os.environ['PATH']}",
           "MELTANO_ONBOARD_NOW": "2026-01-15T10:17:00Z"}
    env.pop("GITHUB_ACTIONS", None)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    done = run_cli("check", "--onboarding-file=", "--rehearse", "--ignore", "S006", cwd=project, env=env)
    lines = [line for line in done.stdout.splitlines() if line.endswith("[S015]")]
    assert len(lines) == 1 and "schedule 'nightly'" in lines[0], done.stdout
    assert "Block tap-nope not found" in lines[0]
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
