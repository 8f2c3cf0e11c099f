"""Symbolic links from the repository: never read or written through when they leave the workspace.

A pull request can commit a link anywhere: to `/proc/self/environ` (the
runner's inputs), to `/dev/zero`, to the runner's home. The policy (README,
"Security"): a link inside the workspace is followed like the file it names;
a link that leads out of it (or in a loop) is refused unread, with a finding;
an output path that is a link is refused (exit 2) and the link and its
target stay as they were. tests/test_loader.py covers the include resolution
itself (links to files and folders, `..` through a link).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests import rsa_keys
from tests.hostile.conftest import Hostile, only_usage_error

HEADER = "version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, str]:
    """A file outside the workspace whose content must never show up anywhere."""
    canary = f"canary-{uuid.uuid4().hex}"
    path = tmp_path / "outside" / "secret.yml"
    path.parent.mkdir()
    path.write_text(f"org_id: {canary}\nplugins:\n  extractors:\n    - name: {canary}\n")
    return path, canary


def link(hostile: Hostile, name: str, target: Path | str) -> Path:
    path = hostile.workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def never_shown(run, canary: str) -> None:
    assert canary not in run.stdout + run.stderr + run.summary + str(run.report)


def test_meltano_yml_linked_out_of_the_workspace_is_not_read(hostile: Hostile, outside) -> None:
    target, canary = outside
    link(hostile, "data/meltano.yml", target)
    run = hostile.action(project_dir="data", onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [finding] = run.report["findings"]
    assert (finding["code"], finding["file"]) == ("F009", "data/meltano.yml")
    assert "is a symbolic link that leads out of the workspace" in finding["message"]
    never_shown(run, canary)


def test_meltano_yml_linked_inside_the_workspace_is_read(hostile: Hostile) -> None:
    hostile.ready_project("shared")
    link(hostile, "data/meltano.yml", "../shared/meltano.yml")
    run = hostile.action(project_dir="data", onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert "F009" not in run.codes()
    assert run.report["files"] == ["data/meltano.yml"]


def test_an_included_file_linked_out_is_refused_unread(hostile: Hostile, outside) -> None:
    target, canary = outside
    hostile.write("meltano.yml", HEADER + "include_paths:\n  - ./extract/*.meltano.yml\n")
    link(hostile, "extract/taps.meltano.yml", target)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("F007")
    assert "extract/taps.meltano.yml" in finding["message"] and finding["line"] == 6
    never_shown(run, canary)


@pytest.mark.parametrize("pattern", ["../outside/*.yml", "./extract/../../outside/secret.yml",
                                     "extract/../../outside/*", "**/../../outside/*.yml"])
def test_include_globs_with_dotdot_are_refused_unread(hostile: Hostile, outside, pattern: str) -> None:
    _, canary = outside
    hostile.write("meltano.yml", HEADER + f"include_paths:\n  - {json.dumps(pattern)}\n")
    hostile.write("extract/.keep", "")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("F007")
    assert f"include pattern {pattern!r}" in finding["message"]
    assert run.report["files"] == ["meltano.yml"]
    never_shown(run, canary)


def test_the_onboarding_file_linked_out_is_not_read(hostile: Hostile, outside) -> None:
    target, canary = outside
    hostile.ready_project()
    (hostile.workspace / "onboarding.yml").unlink()
    link(hostile, "onboarding.yml", target)
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = [f for f in run.findings("F009") if f["file"] == "onboarding.yml"]
    assert "symbolic link" in finding["message"]
    never_shown(run, canary)


def test_the_environment_through_proc_is_not_read(hostile: Hostile) -> None:
    # The classic: a link to the process's own environment, which holds every input.
    hostile.ready_project()
    (hostile.workspace / "onboarding.yml").unlink()
    link(hostile, "onboarding.yml", "/proc/self/environ")
    link(hostile, "secrets.yml", "/proc/self/environ")
    canary = f"canary-{uuid.uuid4().hex}"
    run = hostile.action(report_file="r.json", outputs=("r.json",), env={"RUNNER_CANARY": canary})
    assert {f["file"] for f in run.findings("F009")} == {"onboarding.yml"}
    [secrets] = run.findings("K001")
    assert "symbolic link" in secrets["message"]
    never_shown(run, canary)
    assert "INPUT_" not in run.stdout + run.summary + str(run.report)


def test_a_secrets_file_linked_out_is_not_read(hostile: Hostile, outside) -> None:
    target, canary = outside
    hostile.ready_project()
    link(hostile, "secrets.yml", target)
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("K001")
    assert finding["message"] == ("secrets.yml cannot be read: it is a symbolic link that leads out of "
                                  "the workspace (or in a loop), and was not read")
    never_shown(run, canary)


def test_a_link_loop_is_refused_not_followed(hostile: Hostile) -> None:
    hostile.ready_project()
    (hostile.workspace / "meltano.yml").unlink()
    link(hostile, "meltano.yml", "loop.yml")
    link(hostile, "loop.yml", "meltano.yml")
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    [finding] = run.report["findings"]
    assert finding["code"] == "F009" and "symbolic link" in finding["message"]


# --- outputs: never written through a link ------------------------------------------

def encrypting(**given: str) -> dict[str, str]:
    return {"public_key": rsa_keys.public_pem(2048).decode(), "dotenv": "POSTGRES_PASSWORD=pw\n", **given}


@pytest.mark.parametrize("given", [
    {"report_file": "report.json"}, {"sarif_file": "report.json"}, {"packet_file": "report.json"},
    encrypting(secrets_output="report.json"),
], ids=["report-file", "sarif-file", "packet-file", "secrets-output"])
@pytest.mark.parametrize("target", ["outside", "inside"])
def test_an_output_that_is_a_link_is_refused(hostile: Hostile, outside, given: dict, target: str) -> None:
    path, _ = outside
    hostile.ready_project()
    before = path.read_bytes()
    link(hostile, "report.json", path if target == "outside" else "meltano.yml")
    run = hostile.action(**given)  # the audit checks that the workspace, link included, is unchanged
    message = only_usage_error(run)
    assert "'report.json' is a symbolic link; refusing to follow it" in message
    assert path.read_bytes() == before


def test_the_default_secrets_file_that_is_a_link_is_not_replaced(hostile: Hostile, outside) -> None:
    path, _ = outside
    hostile.ready_project()
    before = path.read_bytes()
    link(hostile, "secrets.yml", path)
    message = only_usage_error(hostile.action(**encrypting()))
    assert "it is a symbolic link; refusing to replace it" in message
    assert path.read_bytes() == before


def test_encrypt_output_path_that_is_a_link_is_refused(hostile: Hostile, outside) -> None:
    path, _ = outside
    before = path.read_bytes()
    hostile.write("org.pem", rsa_keys.public_pem(2048))
    hostile.write(".env", "A=1\n")
    link(hostile, "secrets.yml", path)
    run = hostile.cli("encrypt", "org.pem", "--dotenv-path", ".env", "--output-path", "secrets.yml")
    assert run.returncode == 2
    assert "it is a symbolic link; refusing to replace it" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_project_dir_linked_out_of_the_workspace_is_refused(hostile: Hostile, outside) -> None:
    path, _ = outside
    hostile.workspace.mkdir()
    link(hostile, "data", path.parent)
    message = only_usage_error(hostile.action(project_dir="data"))
    assert message.startswith("project-dir 'data' lies outside the workspace")


def test_a_key_file_linked_inside_the_workspace_is_read(hostile: Hostile) -> None:
    # Only read, never written: a link that stays in the workspace is followed like the file.
    hostile.ready_project()
    hostile.write("keys/2026.pem", rsa_keys.public_pem(2048))
    link(hostile, "keys/current.pem", "2026.pem")
    run = hostile.action(public_key_file="keys/current.pem", dotenv="POSTGRES_PASSWORD=pw\n",
                         secrets_output="secrets.yml", outputs=("secrets.yml",))
    assert run.returncode == 0
    assert run.outputs["secrets-file"] == "secrets.yml"


def test_a_key_file_linked_out_of_the_workspace_is_refused(hostile: Hostile) -> None:
    hostile.ready_project()
    outside_key = hostile.tmp_path / "org.pem"
    outside_key.write_bytes(rsa_keys.public_pem(2048))
    link(hostile, "org.pem", outside_key)
    message = only_usage_error(hostile.action(public_key_file="org.pem", dotenv="A=1\n"))
    assert message.startswith("public-key-file 'org.pem' lies outside the workspace")


def test_an_onboarding_file_in_a_link_loop_is_absent_and_no_packet_is_written(hostile: Hostile) -> None:
    hostile.ready_project()
    (hostile.workspace / "onboarding.yml").unlink()
    link(hostile, "onboarding.yml", "loop.yml")
    link(hostile, "loop.yml", "onboarding.yml")
    run = hostile.action(packet_file="packet.md", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 0
    assert run.codes() == ["O002"]
    assert run.outputs["packet-file"] == ""
    assert not (hostile.workspace / "packet.md").exists()


def test_a_lock_file_linked_out_is_not_read(hostile: Hostile, outside) -> None:
    target, canary = outside
    target.write_text(json.dumps({"name": canary, "settings": [{"name": canary, "sensitive": True}]}))
    hostile.ready_project()
    lock = hostile.workspace / "plugins" / "extractors" / "tap-github--meltanolabs.lock"
    lock.unlink()
    lock.symlink_to(target)
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    [finding] = run.findings("P108")
    assert "symbolic link that leads out of the project" in finding["message"]
    never_shown(run, canary)


READY_ONBOARDING = (Path(__file__).resolve().parents[2] / "examples" / "ready" / "onboarding.yml").read_text()


def _listing(roots: list[str]) -> str:
    """The ready example's onboarding file, listing a project at each of `roots`."""
    onboarding = (READY_ONBOARDING.split("projects:\n", 1)[0] + "projects:\n"
                  + "".join(f"  - name: p{i}\n    git: {{provider: github, url: https://github.com/abc/"
                            f"data-platform, branch: main}}\n    root: {root}\n    environment: sandbox\n"
                            f"    schedules: [daily-github]\n" for i, root in enumerate(roots))
                  + "users:" + READY_ONBOARDING.split("users:", 1)[1])
    return onboarding


def test_a_listed_root_linked_out_of_the_workspace_is_not_read(hostile: Hostile, outside) -> None:
    # `project-dir: auto` reads the roots the onboarding file lists: one of them is a link outside.
    target, canary = outside
    (target.parent / "meltano.yml").write_text(target.read_text())
    hostile.ready_project("data")
    (hostile.workspace / "data" / "onboarding.yml").unlink()
    link(hostile, "escape", target.parent)
    hostile.write("onboarding.yml", _listing(["data", "escape"]))
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    codes = [(f["code"], f["file"], f["line"]) for f in run.report["findings"]]
    assert codes == [("O043", "onboarding.yml", 15)]
    assert [p["root"] for p in run.report["projects"]] == ["data"]
    never_shown(run, canary)


@pytest.mark.parametrize("root", ["../../..", "/etc", "data/../../outside"])
def test_listed_roots_that_climb_out_are_not_read(hostile: Hostile, root: str) -> None:
    hostile.ready_project("data")
    (hostile.workspace / "data" / "onboarding.yml").unlink()
    hostile.write("onboarding.yml", _listing(["data", root]))
    run = hostile.action(report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    assert [f["code"] for f in run.report["findings"]] == ["O043"]
    assert [p["root"] for p in run.report["projects"]] == ["data"]
