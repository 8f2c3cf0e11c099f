"""One way to show a path relative to another: `findings.relative_path`, for messages, reports and facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from onboard_action.findings import relative_path

WORKSPACE = Path("/ws")


@pytest.mark.parametrize(("path", "shown"), [
    ("/ws/meltano.yml", "meltano.yml"),
    ("/ws/extract/taps.meltano.yml", "extract/taps.meltano.yml"),
    ("/ws", "."),
    # Not below the workspace as written, but once `..` is taken out.
    ("/tmp/../ws/load/targets.meltano.yml", "load/targets.meltano.yml"),
    # A name that starts with two dots is inside, not a way up.
    ("/tmp/../ws/..hidden.yml", "..hidden.yml"),
])
def test_a_path_inside_is_shown_relative_with_forward_slashes(path: str, shown: str) -> None:
    for outside in ("absolute", "name", "climb"):
        assert relative_path(Path(path), WORKSPACE, outside=outside) == shown


def test_a_path_outside_is_shown_as_the_caller_asks() -> None:
    path = Path("/elsewhere/shared/jobs.meltano.yml")
    assert relative_path(path, WORKSPACE) == "/elsewhere/shared/jobs.meltano.yml"
    assert relative_path(path, WORKSPACE, outside="name") == "jobs.meltano.yml"
    assert relative_path(path, WORKSPACE, outside="climb") == "../elsewhere/shared/jobs.meltano.yml"
    assert relative_path(Path("/"), WORKSPACE, outside="climb") == ".."
