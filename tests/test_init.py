"""`meltano-onboard init` on real git repositories: a starter file that passes the check."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.gitcase import git, make_repository
from tests.helpers import REPO, run_cli


def repository(tmp_path: Path, *, remote: str | None = "git@github.com:abc/data-platform.git",
               branch: str = "trunk", meltano: str | None = None) -> Path:
    """A repository holding the ready example's project in data/, without its onboarding file."""
    top = tmp_path / "repo"
    shutil.copytree(REPO / "examples" / "ready", top / "data")
    (top / "data" / "onboarding.yml").unlink()
    if meltano is not None:
        (top / "data" / "meltano.yml").write_text(meltano)
    return make_repository(top, branch=branch, remote=remote)


def test_init_writes_a_file_that_passes_the_check(tmp_path: Path) -> None:
    top = repository(tmp_path)
    done = run_cli("init", "data", cwd=top)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("wrote onboarding.yml: review the values marked `check:`, then run "
                           "`meltano-onboard check data`\n")
    text = (top / "onboarding.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=https://")
    assert text.splitlines()[0].endswith("/onboard_action/schemas/onboarding.schema.json")
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
