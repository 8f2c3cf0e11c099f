"""The onboarding file in the action: entry point runs with the runner's variables and file commands."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from onboard_action.settings import GitHubRun
from tests.gitcase import git, make_repository
from tests.helpers import run_action


def annotations(run, code: str) -> list:
    return [c for c in run.commands if c.properties.get("title", "").startswith(code + " ")]


def edit_onboarding(workspace: Path, **changes) -> None:
    path = workspace / "onboarding.yml"
    data = yaml.safe_load(path.read_text())
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False))


# -- the repository it is checked in -----------------------------------------

def test_on_github_the_url_must_be_the_workflow_repository(example, tmp_path: Path) -> None:
    workspace = make_repository(example("ready"))
    matching = run_action(workspace, {}, tmp_path)  # run_action sets GITHUB_REPOSITORY=abc/data-platform
    assert matching.outputs["ready"] == "true"
    assert not annotations(matching, "O031")

    other = run_action(workspace, {}, tmp_path, env={"GITHUB_REPOSITORY": "abc/data-platform-v2"})
    [error] = annotations(other, "O031")
    assert error.name == "error"
    assert error.properties["file"] == "onboarding.yml"
    assert error.properties["line"] == "11"
    assert "https://github.com/abc/data-platform-v2" in error.message
    assert other.outputs["ready"] == "false"


def test_github_enterprise_server_url_is_used_for_the_host(example, tmp_path: Path) -> None:
    workspace = make_repository(example("ready"))
    run = run_action(workspace, {}, tmp_path, env={"GITHUB_SERVER_URL": "https://github.abc.example"})
    [error] = annotations(run, "O031")
    assert "https://github.abc.example/abc/data-platform" in error.message


def test_a_workspace_that_is_no_repository_is_not_compared(example, tmp_path: Path) -> None:
    workspace = example("ready")  # a plain copy: no .git
    run = run_action(workspace, {}, tmp_path, env={"GITHUB_REPOSITORY": "abc/another"})
    assert not annotations(run, "O031")
    assert not annotations(run, "O033")


def test_the_base_branch_of_a_pull_request_counts_as_existing(example, tmp_path: Path) -> None:
    upstream = make_repository(example("ready"), also=("develop",))
    workspace = tmp_path / "checkout"
    git("clone", "-q", "--depth", "1", upstream.as_uri(), str(workspace), cwd=tmp_path)
    edit_onboarding(workspace, projects__0__git__branch="develop")
    unknown = run_action(workspace, {}, tmp_path)
    [warning] = annotations(unknown, "O033")
    assert warning.name == "warning"
    assert "shallow clone" in warning.message
    assert "fetch-depth: 0" in warning.message

    pull_request = run_action(workspace, {}, tmp_path, env={"GITHUB_BASE_REF": "develop"})
    assert not annotations(pull_request, "O033")
    assert not annotations(pull_request, "O032")


def test_github_run_reads_the_branches_it_knows() -> None:
    env = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "abc/x", "GITHUB_REF": "refs/heads/release/1",
           "GITHUB_BASE_REF": ""}
    assert GitHubRun.from_environ(env) == GitHubRun("https://github.com/abc/x", frozenset({"release/1"}))
    pull = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "abc/x", "GITHUB_REF": "refs/pull/7/merge",
            "GITHUB_BASE_REF": "main", "GITHUB_SERVER_URL": "https://ghe.abc.example/"}
    assert GitHubRun.from_environ(pull) == GitHubRun("https://ghe.abc.example/abc/x", frozenset({"main"}))
    assert GitHubRun.from_environ({"GITHUB_REPOSITORY": "abc/x"}) is None  # not on GitHub


# -- a missing onboarding file -----------------------------------------------

def test_no_default_file_is_one_notice(example, tmp_path: Path) -> None:
    workspace = example("ready")
    (workspace / "onboarding.yml").unlink()
    run = run_action(workspace, {}, tmp_path)
    [notice] = annotations(run, "O002")
    assert notice.name == "notice"
    assert "meltano-onboard init" in notice.message
    assert run.outputs["ready"] == "true"
    assert [c.name for c in run.commands if c.name in ("error", "warning")] == []


def test_a_named_file_that_is_missing_is_an_error(example, tmp_path: Path) -> None:
    workspace = example("ready")
    run = run_action(workspace, {"onboarding-file": "org/onboarding.yml"}, tmp_path)
    [error] = annotations(run, "O001")
    assert error.name == "error"
    assert error.properties["file"] == "org/onboarding.yml"
    assert run.outputs["ready"] == "false"


def test_an_empty_input_skips_the_organization_checks(example, tmp_path: Path) -> None:
    workspace = example("ready")
    (workspace / "onboarding.yml").unlink()
    run = run_action(workspace, {"onboarding-file": ""}, tmp_path)
    assert not [c for c in run.commands if c.properties.get("title", "").startswith("O0")]
    assert "### Organization" not in run.summary


def test_a_broken_onboarding_file_gets_the_yaml_syntax_finding(example, tmp_path: Path) -> None:
    workspace = example("ready")
    (workspace / "onboarding.yml").write_text("company: ABC\ncontact: [unclosed\n")
    run = run_action(workspace, {}, tmp_path)
    [error] = annotations(run, "F004")
    assert error.properties["file"] == "onboarding.yml"
    assert not [c for c in run.commands if c.properties.get("title", "").startswith("O005")]


# -- the job summary -----------------------------------------------------------

def test_the_summary_shows_the_organization_escaped(example, tmp_path: Path) -> None:
    workspace = example("ready")
    edit_onboarding(workspace, company="ABC <b>Corp</b> | `x` *y*",
                    users__1__name="Sam <script>alert(1)</script>")
    run = run_action(workspace, {}, tmp_path)
    summary = run.summary
    section = summary[summary.index("### Organization"):]
    assert "ABC &lt;b&gt;Corp&lt;/b&gt; \\| \\`x\\` \\*y\\*" in section
    assert "<script>" not in summary and "<b>" not in summary
    assert "`abc-data-team`" in section
    assert "`https://github.com/abc/data-platform`" in section
    assert "| Sam &lt;script&gt;alert\\(1\\)&lt;/script&gt; | `sam@abc.example` | `samlee` | `maintainer` |" \
        in section


def test_the_json_report_holds_the_organization(example, tmp_path: Path) -> None:
    workspace = example("ready")
    run = run_action(workspace, {"report-file": "report.json"}, tmp_path)
    organization = json.loads((workspace / "report.json").read_text())["facts"]["organization"]
    assert organization["org_id"] == "abc-data-team"
    assert [u["github"] for u in organization["users"]] == ["janedoe", "samlee"]
    assert run.outputs["ready"] == "true"


# -- the packet-file input ---------------------------------------------------------

def test_packet_file_writes_markdown_or_json_by_extension(example, tmp_path: Path) -> None:
    workspace = example("ready")
    markdown = run_action(workspace, {"packet-file": "out/packet.md"}, tmp_path)
    assert markdown.outputs["packet-file"] == "out/packet.md"
    assert (workspace / "out/packet.md").read_text().startswith("# Meltano Cloud project onboarding")

    as_json = run_action(workspace, {"packet-file": "packet.JSON"}, tmp_path)
    assert as_json.outputs["packet-file"] == "packet.JSON"
    packet = json.loads((workspace / "packet.JSON").read_text())
    assert packet["company"] == "ABC Company Inc."
    assert list(packet) == ["company", "contact", "org_id", "projects", "users", "prerequisites"]


def test_no_packet_from_an_onboarding_file_with_errors(example, tmp_path: Path) -> None:
    workspace = example("ready")
    edit_onboarding(workspace, org_id="ABC Data")
    run = run_action(workspace, {"packet-file": "packet.md"}, tmp_path)
    assert run.outputs["packet-file"] == ""
    assert not (workspace / "packet.md").exists()
    [warning] = [c for c in run.commands
                 if c.properties.get("title") == "meltano-onboard: packet not written"]
    assert "1 error(s): 1 in onboarding.yml" in warning.message


def test_packet_file_outside_the_workspace_is_refused(example, tmp_path: Path) -> None:
    workspace = example("ready")
    run = run_action(workspace, {"packet-file": "../packet.md"}, tmp_path)
    assert run.returncode == 2
    assert not (workspace.parent / "packet.md").exists()
    [error] = [c for c in run.commands if c.name == "error"]
    assert "packet-file" in error.message
