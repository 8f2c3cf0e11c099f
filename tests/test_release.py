"""The release (docs/release.md): tools/pin_image.py, and the workflow that runs it.

Pushing to a registry and tagging through the API cannot run here: the workflow is linted
(tests/test_lint.py) and its shape checked below, and the one step that edits a file, the
pin, runs for real as bash runs it on the runner.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from tests.test_lint import workflow

PIN = REPO / "tools" / "pin_image.py"
ACTION = REPO / "action.yml"
IMAGE = "ghcr.io/owner/meltano-onboard"
DIGEST = "sha256:" + "0123456789abcdef" * 4
BIN = Path(sys.executable).parent
BASH = ("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c")  # as the runner starts run: steps


def pin_module():
    spec = importlib.util.spec_from_file_location("pin_image", PIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pin_image = pin_module()


def pin_cli(action: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PIN), "--action", str(action), *args],
                          capture_output=True, text=True, timeout=60)


# --- the rewrite -------------------------------------------------------------------------------

def test_the_pin_changes_the_image_line_and_nothing_else(tmp_path: Path) -> None:
    original = ACTION.read_text(encoding="utf-8")
    target = tmp_path / "action.yml"
    target.write_text(original, encoding="utf-8")
    done = pin_cli(target, "--image", IMAGE, "--digest", DIGEST)
    assert done.returncode == 0, done.stderr
    pinned = target.read_text(encoding="utf-8")
    before, after = original.splitlines(), pinned.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  image: Dockerfile", f"  image: docker://{IMAGE}@{DIGEST}")]
    assert pinned.endswith("\n") == original.endswith("\n")
    data, pinned_data = yaml.safe_load(original), yaml.safe_load(pinned)
    assert pinned_data["runs"] == {"using": "docker", "image": f"docker://{IMAGE}@{DIGEST}"}
    pinned_data["runs"]["image"] = "Dockerfile"
    assert pinned_data == data


def test_the_pinned_action_yml_passes_githubs_schema(tmp_path: Path) -> None:
    target = tmp_path / "action.yml"
    target.write_text(pin_image.pin(ACTION.read_text(encoding="utf-8"), IMAGE, DIGEST), encoding="utf-8")
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions",
                           str(target)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pin_keeps_crlf_comments_and_quotes() -> None:
    text = ("name: x\r\nruns:\r\n  # built in every job until a release pins it\r\n  using: 'docker'\r\n"
            "  image: \"Dockerfile\"   # for forks\r\nbranding:\r\n  icon: check\r\n")
    pinned = pin_image.pin(text, IMAGE, DIGEST)
    assert pinned == text.replace('"Dockerfile"', f"docker://{IMAGE}@{DIGEST}")


@pytest.mark.parametrize("digest", [
    "sha256:" + "0123456789ABCDEF" * 4,  # upper case
    "sha256:" + "0" * 63, "sha256:" + "0" * 65, "sha512:" + "0" * 128, "0" * 64,
    " sha256:" + "0" * 64, "sha256:" + "0" * 64 + "\n", "sha256:" + "g" * 64, "",
])
def test_digests_that_are_not_sha256_and_64_hex_digits_are_refused(digest: str) -> None:
    with pytest.raises(pin_image.Refused, match="digest"):
        pin_image.pin(ACTION.read_text(encoding="utf-8"), IMAGE, digest)


@pytest.mark.parametrize("image", [
    "ghcr.io/Owner/meltano-onboard",  # registries take lower case only
    "ghcr.io/owner/meltano-onboard:1.0.0", f"ghcr.io/owner/meltano-onboard@{DIGEST}",
    "docker://ghcr.io/owner/meltano-onboard", "owner/meltano-onboard", "meltano-onboard",
    "ghcr.io", "ghcr.io/", "ghcr.io/owner//meltano-onboard", "ghcr.io/owner/-x", "ghcr.io/owner/x y",
    "ghcr.io/owner/x\n  using: node20", "",
])
def test_images_that_are_not_a_plain_registry_name_are_refused(image: str) -> None:
    with pytest.raises(pin_image.Refused, match="image"):
        pin_image.pin(ACTION.read_text(encoding="utf-8"), image, DIGEST)


def test_registry_hosts_with_a_port_and_nested_names_are_accepted() -> None:
    for image in ("registry.example.com:5000/team/tools/meltano-onboard", "ghcr.io/my-org/meltano_onboard"):
        assert pin_image.reference(image, DIGEST) == f"docker://{image}@{DIGEST}"


@pytest.mark.parametrize(("runs", "why"), [
    ("", "runs:"),
    ("runs: {using: docker, image: Dockerfile}\n", "runs:"),
    ("runs:\n  using: docker\n  image: Dockerfile\nruns:\n  using: docker\n  image: Dockerfile\n", "runs:"),
    ("runs:\n  using: composite\n  image: Dockerfile\n", "using"),
    ("runs:\n  image: Dockerfile\n", "using"),
    ("runs:\n  using: docker\n", "image"),
    ("runs:\n  using: docker\n  image: Dockerfile\n  image: Dockerfile\n", "image"),
    ("runs:\n  using: docker\n  image: build/Dockerfile\n", "Dockerfile"),
    (f"runs:\n  using: docker\n  image: docker://{IMAGE}@{DIGEST}\n", "Dockerfile"),
    ("runs:\n  using: docker\n  image: Dockerfile\n  args:\n    - check\n", "flat"),
])
def test_an_action_yml_whose_runs_is_not_the_plain_docker_block_is_refused(runs: str, why: str) -> None:
    text = f"name: x\ndescription: y\n{runs}branding:\n  icon: check\n"
    with pytest.raises(pin_image.Refused, match=why):
        pin_image.pin(text, IMAGE, DIGEST)


def test_a_refusal_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "action.yml"
    target.write_bytes(ACTION.read_bytes())
    done = pin_cli(target, "--image", "ghcr.io/Owner/x", "--digest", DIGEST)
    assert done.returncode == 2 and "nothing changed" in done.stderr
    assert target.read_bytes() == ACTION.read_bytes()
    pin_cli(target, "--image", IMAGE, "--digest", DIGEST)
    again = pin_cli(target, "--image", IMAGE, "--digest", DIGEST)  # a pinned file is not pinned twice
    assert again.returncode == 2 and "nothing else" in again.stderr


def test_main_runs_the_dockerfile() -> None:
    # The released action.yml pins the image; the main branch's builds it (development, forks, ./).
    assert yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"] == {"using": "docker",
                                                                          "image": "Dockerfile"}


# --- the workflow ------------------------------------------------------------------------------

RELEASE = REPO / ".github" / "workflows" / "release.yml"


def job() -> dict:
    [only] = workflow(RELEASE)["jobs"].values()
    return only


def step(step_id: str) -> dict:
    return next(s for s in job()["steps"] if s.get("id") == step_id)


def test_a_release_is_started_by_hand_from_main_with_its_version() -> None:
    on = workflow(RELEASE)["on"]
    assert list(on) == ["workflow_dispatch"]
    assert on["workflow_dispatch"]["inputs"]["version"]["required"] is True
    assert job()["if"] == "github.ref == 'refs/heads/main'"
    assert job()["permissions"] == {"contents": "write", "packages": "write"}
    assert workflow(RELEASE)["concurrency"]["cancel-in-progress"] is False


def test_the_workflow_builds_pushes_pins_by_the_pushed_digest_and_tags() -> None:
    uses = [s.get("uses", "").split("@")[0] for s in job()["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "docker/login-action", "docker/metadata-action",
                    "docker/build-push-action"]
    login = next(s for s in job()["steps"] if s.get("uses", "").startswith("docker/login-action@"))
    assert login["with"]["registry"] == "ghcr.io"
    build = step("build")
    assert build["with"]["push"] is True and build["with"]["context"] == "."
    assert "cache-from" not in build["with"], "a release is built without a cache (cache poisoning)"
    assert step("meta")["with"]["images"] == "${{ steps.version.outputs.image }}"
    pin = step("pin")
    assert pin["env"] == {"DIGEST": "${{ steps.build.outputs.digest }}"}
    assert "tools/pin_image.py" in pin["run"]
    names = [s.get("id") or s.get("name") or s.get("uses") for s in job()["steps"]]
    tag = next(i for i, s in enumerate(job()["steps"]) if "gh release create" in s.get("run", ""))
    assert names.index("build") < names.index("pin") < tag


def test_the_version_step_refuses_a_version_that_is_not_the_packages(tmp_path: Path) -> None:
    script = step("version")["run"]
    (tmp_path / "onboard_action").mkdir()
    (tmp_path / "onboard_action" / "__init__.py").write_text('__version__ = "1.2.0"\n', encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # the API: no such tag yet
    (bin_dir / "gh").chmod(0o755)
    output = tmp_path / "output"
    for version, ok in (("1.2.0", True), ("1.2.1", False), ("1.2", False), ("1.2.0; id", False)):
        output.write_text("", encoding="utf-8")
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "VERSION": version, "GITHUB_OUTPUT": str(output),
               "GITHUB_REPOSITORY": "Owner/Meltano-Onboard"}
        done = subprocess.run([*BASH, script], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=60)
        assert (done.returncode == 0) is ok, (version, done.stdout, done.stderr)
    assert output.read_text(encoding="utf-8") == ""
    output.write_text("", encoding="utf-8")
    subprocess.run([*BASH, script], cwd=tmp_path, check=True, timeout=60, env={
        "PATH": f"{bin_dir}:/usr/bin:/bin", "VERSION": "1.2.0", "GITHUB_OUTPUT": str(output),
        "GITHUB_REPOSITORY": "Owner/Meltano-Onboard"})
    assert output.read_text(encoding="utf-8").splitlines() == [
        "version=1.2.0", "tag=v1.2.0", "image=ghcr.io/owner/meltano-onboard"]


def test_the_pin_step_runs_as_the_runner_runs_it(tmp_path: Path) -> None:
    """bash, the repository's files, GITHUB_REPOSITORY as GitHub spells it (upper case allowed)."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "pin_image.py").write_bytes(PIN.read_bytes())
    (tmp_path / "action.yml").write_bytes(ACTION.read_bytes())
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "DIGEST": DIGEST,
           "GITHUB_REPOSITORY": "Owner/Meltano-Onboard"}
    script = step("pin")["run"].replace("python3 ", f"{sys.executable} ", 1)
    done = subprocess.run([*BASH, script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    runs = yaml.safe_load((tmp_path / "action.yml").read_text(encoding="utf-8"))["runs"]
    assert runs["image"] == f"docker://ghcr.io/owner/meltano-onboard@{DIGEST}"


def test_the_release_commit_is_checked_to_change_action_yml_only() -> None:
    script = next(s["run"] for s in job()["steps"] if "gh release create" in s.get("run", ""))
    assert re.search(r'git diff-tree --name-only -r "\$parent" "\$tree"\)" = "action.yml"', script)
    assert '"$api_tree" != "$tree"' in script and "--verify-tag" in script


def test_docs_release_describes_the_procedure() -> None:
    text = (REPO / "docs" / "release.md").read_text(encoding="utf-8")
    for needed in ("workflow_dispatch", "tools/pin_image.py", "@sha256:", "__version__", "Dockerfile"):
        assert needed in text, needed
