"""Files the container writes belong to the workspace's owner, so the steps after it can read them.

A container action runs as root; upload-artifact or a script in the next
step runs as the runner's user. These tests run the entry point as root (as
the container does) in a workspace owned by another uid, as a checkout by the
runner is, and read back who owns each file and folder the run wrote.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests import rsa_keys
from tests.helpers import action_inputs, run_action, run_cli

RUNNER_UID, RUNNER_GID = 1234, 2345

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="only root can give files to another user; the container runs as root")


def hand_over(workspace: Path, uid: int = RUNNER_UID, gid: int = RUNNER_GID) -> Path:
    """The workspace as the runner's checkout leaves it: every file and folder the runner user's."""
    for folder, dirs, files in os.walk(workspace):
        for name in (*dirs, *files):
            os.chown(Path(folder) / name, uid, gid, follow_symlinks=False)
    os.chown(workspace, uid, gid)
    return workspace


def owner(path: Path) -> tuple[int, int]:
    info = path.lstat()
    return info.st_uid, info.st_gid


def encrypting(**given: str) -> dict[str, str]:
    dotenv = "POSTGRES_HOST=db\nPOSTGRES_USER=app\nPOSTGRES_PASSWORD=canary-81c2\n"
    return action_inputs(public_key=rsa_keys.public_pem(2048).decode(), dotenv=dotenv, **given)


def test_every_file_and_new_folder_goes_to_the_workspaces_owner(example, tmp_path: Path) -> None:
    workspace = hand_over(example("ready"))
    run = run_action(workspace, encrypting(report_file="out/reports/onboarding.json",
                                           sarif_file="out/check.sarif", packet_file="packet.md"), tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    written = [workspace / "secrets.yml", workspace / "out" / "reports" / "onboarding.json",
               workspace / "out" / "check.sarif", workspace / "packet.md"]
    created = [workspace / "out", workspace / "out" / "reports"]
    assert {path.name: owner(path) for path in written + created} == {
        path.name: (RUNNER_UID, RUNNER_GID) for path in written + created}
    assert stat.S_IMODE((workspace / "secrets.yml").stat().st_mode) == 0o600  # still the owner's only
    assert stat.S_IMODE((workspace / "out" / "check.sarif").stat().st_mode) == 0o644
    assert not [p for p in workspace.rglob("*") if owner(p) != (RUNNER_UID, RUNNER_GID)]


def test_a_folder_that_was_there_keeps_its_owner(example, tmp_path: Path) -> None:
    workspace = hand_over(example("ready"))
    (workspace / "shared").mkdir()
    os.chown(workspace / "shared", 0, 0)  # made by an earlier root step: not ours to give away
    run = run_action(workspace, encrypting(secrets_output="shared/secrets.yml",
                                           report_file="shared/report.json"), tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert owner(workspace / "shared") == (0, 0)
    assert owner(workspace / "shared" / "secrets.yml") == (RUNNER_UID, RUNNER_GID)
    assert owner(workspace / "shared" / "report.json") == (RUNNER_UID, RUNNER_GID)


def test_a_replaced_file_goes_to_the_workspaces_owner_too(example, tmp_path: Path) -> None:
    workspace = hand_over(example("ready"))
    (workspace / "report.json").write_text("{}\n")
    os.chown(workspace / "report.json", 0, 0)  # left by an earlier run as root
    run = run_action(workspace, action_inputs(report_file="report.json"), tmp_path)
    assert run.returncode == 0, run.stdout
    assert owner(workspace / "report.json") == (RUNNER_UID, RUNNER_GID)
    assert (workspace / "report.json").read_text() != "{}\n"


def test_a_workspace_of_roots_own_changes_nothing(example, tmp_path: Path) -> None:
    workspace = hand_over(example("ready"), 0, 0)  # a container job: every step is root
    run = run_action(workspace, encrypting(report_file="out/report.json"), tmp_path)
    assert run.returncode == 0, run.stdout
    assert owner(workspace / "out" / "report.json") == owner(workspace / "secrets.yml") == (0, 0)


def test_a_link_beside_the_outputs_is_never_handed_over(example, tmp_path: Path) -> None:
    # A repository's link to a root-owned file outside: writing next to it must not touch its target.
    workspace = hand_over(example("ready"))
    target = tmp_path / "outside.txt"
    target.write_text("root's\n")
    os.chown(target, 0, 0)
    (workspace / "out").mkdir()
    (workspace / "out" / "report.json").symlink_to(target)
    os.chown(workspace / "out", RUNNER_UID, RUNNER_GID)
    run = run_action(workspace, action_inputs(report_file="out/report.json"), tmp_path)
    assert run.returncode == 2  # refused, as every output through a link is
    assert owner(target) == (0, 0) and target.read_text() == "root's\n"


def test_the_cli_leaves_ownership_alone(tmp_path: Path, example) -> None:
    workspace = hand_over(example("ready"))
    done = run_cli("check", ".", "--report-file", "out/report.json", cwd=workspace)
    assert done.returncode == 0, done.stderr
    assert owner(workspace / "out" / "report.json") == (0, 0)  # whoever runs it owns what it writes
