"""The real-project rules (R001-R005) where a golden case cannot show them.

Golden cases under tests/cases/R0xx hold what a committed folder can: these
tests cover files that exist but are not committed, projects outside any git
repository, a whole project that must come out clean, and secret values that
must never reach any output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from onboard_action import engine
from onboard_action.load.git import Git
from onboard_action.rules.secrets_by_name import looks_like_credential
from onboard_action.settings import Settings
from tests.gitcase import git, make_repository, prepare
from tests.helpers import REPO, run_action, run_cli

CASES = REPO / "tests" / "cases"
R_CODES = ("R001", "R002", "R003", "R004", "R005")


def findings(workspace: Path, codes: tuple[str, ...] = R_CODES) -> list[tuple[str, str, str]]:
    """(code, file relative to the workspace, message) of every finding of `codes`."""
    report = engine.run(Settings(project_dir=workspace.resolve(), workspace=workspace.resolve(),
                                 onboarding_file=None))
    return [(f.code, report.relative(f.location.file), f.message) for f in report.findings
            if f.code in codes]


def commit_all(folder: Path) -> None:
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "more", cwd=folder)


MELTANO_YML = """\
version: 1
default_environment: sandbox
include_paths:
  - ./extract/*.meltano.yml
environments:
  - name: sandbox
"""
ORPHAN = "plugins:\n  loaders:\n    - name: target-jsonl\n      namespace: target_jsonl\n"


def test_outside_a_repository_the_git_based_rules_say_nothing(tmp_path: Path) -> None:
    for case in ("R001/fires", "R003/fires"):
        project = tmp_path / case.replace("/", "-")
        shutil.copytree(CASES / case, project)
        assert Git(project).top is None, "the temporary folder must not lie inside a repository"
        assert findings(project, ("R001", "R003")) == []


def test_an_orphan_counts_only_once_git_tracks_it(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(MELTANO_YML)
    make_repository(tmp_path)
    (tmp_path / "load").mkdir()
    (tmp_path / "load" / "loaders.meltano.yml").write_text(ORPHAN)
    assert findings(tmp_path) == [], "an uncommitted file never reaches Meltano Cloud"
    commit_all(tmp_path)
    assert findings(tmp_path) == [
        ("R001", "load/loaders.meltano.yml",
         "Meltano never loads this file: no `include_paths` pattern matches it")]


def test_an_orphan_names_include_paths_as_the_place_to_fix(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(MELTANO_YML)
    (tmp_path / "loaders.meltano.yml").write_text(ORPHAN)
    make_repository(tmp_path)
    report = engine.run(Settings(project_dir=tmp_path, workspace=tmp_path, onboarding_file=None))
    [orphan] = [f for f in report.findings if f.code == "R001"]
    assert (orphan.location.line, orphan.location.column) == (1, 1)
    assert [(r.file.name, r.line) for r in orphan.related] == [("meltano.yml", 3)]


def test_a_file_two_patterns_match_is_loaded_once_and_nothing_is_reported(tmp_path: Path) -> None:
    workspace = prepare(CASES / "R001" / "overlapping-patterns", tmp_path)
    report = engine.run(Settings(project_dir=workspace, workspace=workspace, onboarding_file=None))
    assert [report.relative(p) for p in report.files] == [
        "meltano.yml", "extract/github/taps.meltano.yml"]
    assert [(f.code, f.message) for f in report.findings] == []


def test_an_untracked_meltano_folder_is_not_reported(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(MELTANO_YML)
    make_repository(tmp_path)
    (tmp_path / ".meltano").mkdir()
    (tmp_path / ".meltano" / "meltano.db").write_text("state")
    assert findings(tmp_path, ("R003",)) == []
    git("add", "-f", ".meltano", cwd=tmp_path)  # forced past any .gitignore, as happens
    git("commit", "-q", "-m", "oops", cwd=tmp_path)
    assert [code for code, _, _ in findings(tmp_path, ("R003",))] == ["R003"]


def test_a_script_executable_must_be_committed(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(
        MELTANO_YML + "plugins:\n  utilities:\n    - name: export\n      namespace: export\n"
                      "      executable: ./scripts/export.sh\n")
    make_repository(tmp_path)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "export.sh").write_text("#!/bin/sh\n")
    [(_, _, message)] = findings(tmp_path, ("R005",))
    assert message.endswith("its executable `./scripts/export.sh` is not committed")
    commit_all(tmp_path)
    assert findings(tmp_path, ("R005",)) == []


@pytest.mark.parametrize(("key", "credential"), [
    ("password", True), ("DB_PASSWORD", True), ("passwd", True), ("client_secret", True),
    ("clientSecret", True), ("apiKey", True), ("api-key", True), ("x_api_key", True),
    ("access_token", True), ("api_tokens", True), ("private_key", True), ("aws_secret_access_key", True),
    ("TAP_GITHUB_AUTH_TOKEN", True), ("private_key_passphrase", True),
    # about a credential, not the credential
    ("token_url", False), ("private_key_path", False), ("secret_name", False), ("api_key_header", False),
    ("aws_access_key_id", False),
    # other words
    ("username", False), ("key", False), ("tokenizer", False), ("secretary", False),
])
def test_which_names_look_like_credentials(key: str, credential: bool) -> None:
    assert looks_like_credential(key) is credential


CANARY = "Canary9-never-print"


def canary_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meltano.yml").write_text(f"""\
version: 1
default_environment: sandbox
env:
  GITHUB_TOKEN: {CANARY}-top-env
environments:
  - name: sandbox
    env:
      SNOWFLAKE_PASSWORD: {CANARY}-environment-env
    config:
      plugins:
        extractors:
          - name: tap-internal
            config:
              auth_token: {CANARY}-environment-config
plugins:
  extractors:
    - name: tap-internal
      namespace: tap_internal
      pip_url: tap-internal
      config:
        db_password: "{CANARY}-quoted"
        api_token: <{CANARY}-placeholder>
        credentials:
          client_secret: |
            {CANARY}-block
        api_keys: [{CANARY}-in-a-list]
      env:
        TAP_INTERNAL_PRIVATE_KEY: {CANARY}-plugin-env
""", encoding="utf-8")
    return folder


def test_credential_values_never_reach_any_output(tmp_path: Path) -> None:
    project = canary_project(tmp_path / "project")
    for fmt in ("text", "json", "markdown", "sarif"):
        done = run_cli("check", str(project), "--format", fmt, "--onboarding-file=", cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        assert "R004" in done.stdout, fmt
        assert CANARY not in done.stdout + done.stderr, fmt
    done = run_cli("check", str(project), "--format", "json", "--onboarding-file=", cwd=tmp_path)
    r004 = [f for f in json.loads(done.stdout)["findings"] if f["code"] == "R004"]
    assert len(r004) == 8  # every place in canary_project
    run = run_action(project, {"fail-on": "never", "onboarding-file": "", "report-file": "report.json",
                               "sarif-file": "report.sarif"}, tmp_path)
    assert any(c.name == "warning" and "R004" in (c.properties.get("title", "") + c.message)
               for c in run.commands)
    assert (project / "report.json").is_file() and (project / "report.sarif").is_file()
    everything = run.stdout + run.stderr + run.summary + json.dumps(run.outputs)
    assert CANARY not in everything
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != project / "meltano.yml"]
    assert not [p for p in written if CANARY in p.read_text(errors="replace")]
