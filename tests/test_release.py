"""The release step that points action.yml at the pushed image (tools/release_action.py), run as the
release workflow runs it, on a copy of the real action.yml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

TOOL = REPO / "tools" / "release_action.py"
DIGEST = "sha256:" + "0123456789abcdef" * 4
IMAGE = "ghcr.io/abc/meltano-onboard"


def release(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    action = tmp_path / "action.yml"
    if not action.exists():
        shutil.copy2(REPO / "action.yml", action)
    done = subprocess.run([sys.executable, str(TOOL), *args, str(action)], capture_output=True, text=True,
                          timeout=60)
    return done, action


def test_the_released_action_pulls_the_image_by_digest_and_nothing_else_changes(tmp_path: Path) -> None:
    done, action = release(tmp_path, "--image", IMAGE, "--digest", DIGEST)
    assert (done.returncode, done.stderr) == (0, "")
    released = yaml.safe_load(action.read_text(encoding="utf-8"))
    original = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert released["runs"] == {"using": "docker", "image": f"docker://{IMAGE}@{DIGEST}"}
    assert {k: v for k, v in released.items() if k != "runs"} == {k: v for k, v in original.items()
                                                                 if k != "runs"}
    before = (REPO / "action.yml").read_text(encoding="utf-8").splitlines()
    after = action.read_text(encoding="utf-8").splitlines()
    assert [pair for pair in zip(before, after, strict=True) if pair[0] != pair[1]] == [
        ("  image: Dockerfile", f"  image: docker://{IMAGE}@{DIGEST}")]
    schema = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-actions", str(action)],
                            capture_output=True, text=True, timeout=120)
    assert schema.returncode == 0, schema.stdout


@pytest.mark.parametrize(("image", "digest"), [
    (IMAGE, "sha256:abc"),
    (IMAGE, DIGEST.upper()),
    (IMAGE + ":1.0.0", DIGEST),
    ("ghcr.io/ABC/meltano-onboard", DIGEST),
    ("ghcr.io/abc/x; rm -rf /", DIGEST),
    (IMAGE, DIGEST + "\n  env: {}"),
])
def test_anything_but_a_lowercase_image_and_a_sha256_digest_is_refused_and_the_file_kept(
        tmp_path: Path, image: str, digest: str) -> None:
    done, action = release(tmp_path, "--image", image, "--digest", digest)
    assert done.returncode == 2 and done.stderr.startswith("release_action: ")
    assert "Traceback" not in done.stderr
    assert action.read_bytes() == (REPO / "action.yml").read_bytes()


def test_an_action_already_released_is_refused(tmp_path: Path) -> None:
    assert release(tmp_path, "--image", IMAGE, "--digest", DIGEST)[0].returncode == 0
    done, _ = release(tmp_path, "--image", IMAGE, "--digest", DIGEST)
    assert done.returncode == 2 and "image: Dockerfile" in done.stderr
