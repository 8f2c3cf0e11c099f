"""`meltano-onboard init` on real git repositories: a starter file that passes the check."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.gitcase import git, make_repository
from tests.helpers import REPO, run_cli

WORKFLOW = """\
on: pull_request
jobs:
  onboarding:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: abc-tools/meltano-onboard@0123456789abcdef0123456789abcdef01234567 # v1.0.0
        with:
          project-dir: data
"""


def repository(tmp_path: Path, *, remote: str | None = "git@github.com:abc/data-platform.git",
               branch: str = "trunk", meltano: str | None = None, workflow: str | None = WORKFLOW) -> Path:
    """A repository holding the ready example's project in data/, without its onboarding file.

    Its workflow runs the action from `abc-tools/meltano-onboard`, unless `workflow` is None.
    """
    top = tmp_path / "repo"
    shutil.copytree(REPO / "examples" / "ready", top / "data")
    (top / "data" / "onboarding.yml").unlink()
    if meltano is not None:
        (top / "data" / "meltano.yml").write_text(meltano)
    if workflow is not None:
        (top / ".github" / "workflows").mkdir(parents=True)
        (top / ".github" / "workflows" / "onboarding.yml").write_text(workflow)
    return make_repository(top, branch=branch, remote=remote)


def test_init_writes_a_file_that_passes_the_check(tmp_path: Path) -> None:
    top = repository(tmp_path)
    done = run_cli("init", "data", cwd=top)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("wrote onboarding.yml: review the values marked `check:`, then run "
                           "`meltano-onboard check data`\n")
    text = (top / "onboarding.yml").read_text()
    # The schema of the action's repository that the workflow uses.
    assert text.splitlines()[0] == ("# yaml-language-server: $schema=https://raw.githubusercontent.com/"
                                    "abc-tools/meltano-onboard/main/onboard_action/schemas/onboarding.schema.json")
    written = yaml.safe_load(text)
    assert written["projects"] == [{
        "name": "data-platform",
        "git": {"provider": "github", "url": "https://github.com/abc/data-platform", "branch": "trunk"},
        "root": "data",
        "environment": "sandbox",
        "schedules": ["daily-github"],
    }]
    # The last commit's author (tests/gitcase.py) is the first user and the contact.
    assert written["contact"] == {"name": "Jane Doe", "email": "jane@abc.example"}
    assert written["users"] == [{"name": "Jane Doe", "email": "jane@abc.example", "github": "jane",
                                 "role": "owner"}]
    assert written["org_id"] == "abc"

    checked = run_cli("check", "data", "--format", "text", cwd=top)
    assert checked.returncode == 0, checked.stdout
    assert "[O0" not in checked.stdout
    assert run_cli("packet", "data", cwd=top).returncode == 0


def test_init_never_overwrites(tmp_path: Path) -> None:
    top = repository(tmp_path)
    (top / "onboarding.yml").write_text("company: mine\n")
    done = run_cli("init", "data", cwd=top)
    assert done.returncode == 2
    assert done.stderr == ("meltano-onboard: error: onboarding.yml already exists; init never overwrites "
                           "it: edit it, or move it away and run init again\n")
    assert (top / "onboarding.yml").read_text() == "company: mine\n"


def test_init_writes_the_guides_file_only_under_the_guides_target(tmp_path: Path) -> None:
    top = repository(tmp_path)
    done = run_cli("init", "data", "--target", "self-hosted", cwd=top)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "meltano-onboard: error: `meltano-onboard init` writes the onboarding file of the onboarding "
        "guide's Meltano Cloud (target cloud-2023), but the target is self-hosted: a self-hosted Meltano "
        "needs no onboarding file; leave `meltano-onboard init` out, or make the target cloud-2023\n")
    # The configuration file's target counts as check's does; --target overrides it.
    (top / "data" / ".meltano-onboard.toml").write_text('target = "cloud"\n')
    done = run_cli("init", "data", cwd=top)
    assert done.returncode == 2
    assert "the target is cloud: today's Meltano Cloud onboards through its web app" in done.stderr
    assert not (top / "onboarding.yml").exists()
    done = run_cli("init", "data", "--target", "cloud-2023", cwd=top)
    assert done.returncode == 0, done.stderr
    assert (top / "onboarding.yml").is_file()


def test_init_from_inside_the_project_writes_at_the_repository_top(tmp_path: Path) -> None:
    top = repository(tmp_path)
    done = run_cli("init", cwd=top / "data")
    assert done.returncode == 0, done.stderr
    assert (top / "onboarding.yml").exists()
    assert "--onboarding-file ../onboarding.yml" in done.stdout
    assert yaml.safe_load((top / "onboarding.yml").read_text())["projects"][0]["root"] == "data"
    checked = run_cli("check", "--onboarding-file", "../onboarding.yml", cwd=top / "data")
    assert checked.returncode == 0, checked.stdout


def test_init_drops_credentials_from_the_remote(tmp_path: Path) -> None:
    top = repository(tmp_path, remote="https://x-access-token:ghs_s3cr3t@gitlab.com/abc/data.git")
    done = run_cli("init", "data", "--output", "org.yml", cwd=top)
    assert done.returncode == 0, done.stderr
    text = (top / "org.yml").read_text()
    assert "s3cr3t" not in text + done.stdout + done.stderr
    git_entry = yaml.safe_load(text)["projects"][0]["git"]
    assert git_entry == {"provider": "gitlab", "url": "https://gitlab.com/abc/data", "branch": "trunk"}


def test_init_without_sandbox_uses_the_default_environment_and_skips_never_run_schedules(
        tmp_path: Path) -> None:
    meltano = """\
version: 1
default_environment: prod
environments:
  - name: dev
  - name: prod
jobs:
  - name: el
    tasks: [tap-github target-postgres]
schedules:
  - {name: backfill, interval: "@manual", job: el}
  - {name: nightly, interval: "0 2 * * *", job: el}
"""
    top = repository(tmp_path, meltano=meltano)
    assert run_cli("init", "data", cwd=top).returncode == 0
    text = (top / "onboarding.yml").read_text()
    entry = yaml.safe_load(text)["projects"][0]
    assert entry["environment"] == "prod"
    assert entry["schedules"] == ["nightly"]
    assert "environment: prod  # check: Meltano recommends a `sandbox` environment" in text


def test_init_without_a_remote_marks_the_url_for_review(tmp_path: Path) -> None:
    top = repository(tmp_path, remote=None)
    assert run_cli("init", "data", cwd=top).returncode == 0
    text = (top / "onboarding.yml").read_text()
    assert "url: https://github.com/OWNER/REPOSITORY  # check: no `origin` remote was found" in text
    assert yaml.safe_load(text)["company"] == "repo"  # the repository folder's name


def test_init_quotes_what_yaml_would_misread(tmp_path: Path) -> None:
    top = repository(tmp_path, branch="2024")  # a branch YAML would read as a number
    git("remote", "set-url", "origin", "git@github.com:abc/true.git", cwd=top)
    assert run_cli("init", "data", cwd=top).returncode == 0
    entry = yaml.safe_load((top / "onboarding.yml").read_text())["projects"][0]
    assert entry["git"]["branch"] == "2024"
    assert entry["name"] == "true"


def test_init_needs_a_project(tmp_path: Path) -> None:
    done = run_cli("init", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("meltano-onboard: error: no readable meltano.yml")
    assert not (tmp_path / "onboarding.yml").exists()


# --- placeholders: errors until replaced, and no packet meanwhile ---------------------

def _o006(checked) -> list[str]:
    return [line for line in checked.stdout.splitlines() if line.endswith("[O006]")]


def test_init_without_a_workflow_leaves_owner_in_the_schema_line_until_replaced(tmp_path: Path) -> None:
    top = repository(tmp_path, workflow=None)
    assert run_cli("init", "data", cwd=top).returncode == 0
    lines = (top / "onboarding.yml").read_text().splitlines()
    assert "/OWNER/meltano-onboard/" in lines[0]
    assert lines[1].startswith("# check: replace OWNER above")
    checked = run_cli("check", "data", "--format", "text", cwd=top)
    assert checked.returncode == 1
    [line] = _o006(checked)
    assert line.startswith("onboarding.yml:1:67: error: the `$schema` URL still says `OWNER`")
    packet = run_cli("packet", "data", cwd=top)
    assert packet.returncode == 1 and packet.stdout == ""
    assert "no packet written" in packet.stderr
    # The fix it prints: replace OWNER with the owner the workflow uses (here: abc-tools).
    (top / "onboarding.yml").write_text("\n".join(
        [lines[0].replace("/OWNER/", "/abc-tools/"), *lines[2:]]) + "\n")
    checked = run_cli("check", "data", "--format", "text", cwd=top)
    assert checked.returncode == 0, checked.stdout
    assert run_cli("packet", "data", cwd=top).returncode == 0


def test_init_placeholders_for_people_and_the_url_are_errors_until_replaced(tmp_path: Path) -> None:
    top = repository(tmp_path, remote=None)
    git("commit", "-q", "--amend", "--no-edit", "--author", "x <not-an-address>", cwd=top)
    assert run_cli("init", "data", cwd=top).returncode == 0
    text = (top / "onboarding.yml").read_text()
    written = yaml.safe_load(text)
    assert written["contact"] == {"name": "x", "email": "you@example.com"}  # git needs a name
    assert written["users"][0]["github"] == "your-github-login"
    checked = run_cli("check", "data", "--format", "text", cwd=top)
    found = _o006(checked)
    assert [line.split(": error: ")[1].split(";")[0] for line in found] == [
        "`email: you@example.com` of the primary contact is a placeholder",
        "git.url `https://github.com/OWNER/REPOSITORY` is a placeholder",
        "`email: you@example.com` of user 'x' is a placeholder",
        "`github: your-github-login` of user 'x' is a placeholder",
    ]
    assert run_cli("packet", "data", cwd=top).returncode == 1
    replaced = (text.replace("you@example.com", "jane@abc.example")
                .replace("your-github-login", "janedoe")
                .replace("https://github.com/OWNER/REPOSITORY", "https://github.com/abc/data-platform"))
    (top / "onboarding.yml").write_text(replaced)
    checked = run_cli("check", "data", "--format", "text", cwd=top)
    assert checked.returncode == 0, checked.stdout
    assert run_cli("packet", "data", cwd=top).returncode == 0
