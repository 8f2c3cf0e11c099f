"""The action as GitHub sees it: action.yml, its README tables, the Dockerfile and the pinned image.

No Docker engine runs here, so the image is checked by its linters and by
reading the Dockerfile; entrypoint.py itself is run in tests/test_action.py.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from tests.helpers import REPO

BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is missing: install the test extras (pip install -e '.[test]')"
    return str(path)


# --- README tables == action.yml ---------------------------------------------------------

def readme_table(heading: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the first table under `## heading`, cells unescaped."""
    section = README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines, f"no table under ## {heading}"

    def cells(line: str) -> list[str]:
        return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
    assert set(lines[1].replace("|", "").strip()) <= set("-: "), "second line is the separator"
    return cells(lines[0]), [cells(line) for line in lines[2:]]


def unquote(cell: str) -> str:
    """`value` -> value; an empty cell is an empty default."""
    match = re.fullmatch(r"`([^`]*)`", cell)
    return match[1] if match else cell


def text(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def test_readme_inputs_table_is_action_yml_inputs() -> None:
    header, rows = readme_table("Inputs")
    assert header == ["Input", "Default", "Description"]
    in_readme = {unquote(name): (unquote(default), description) for name, default, description in rows}
    in_action = {name: (text(spec.get("default", "")), text(spec.get("description")))
                 for name, spec in ACTION["inputs"].items()}
    assert list(in_readme) == list(in_action), "same inputs, in the same order"
    for name, (default, description) in in_action.items():
        assert in_readme[name] == (default, description), f"input {name} differs"


def test_readme_outputs_table_is_action_yml_outputs() -> None:
    header, rows = readme_table("Outputs")
    assert header == ["Output", "Description"]
    in_readme = {unquote(name): description for name, description in rows}
    in_action = {name: text(spec.get("description")) for name, spec in ACTION["outputs"].items()}
    assert in_readme == in_action
    assert list(in_readme) == list(in_action), "same order"


def test_the_issue_inputs_and_outputs_are_declared() -> None:
    inputs = ACTION["inputs"]
    assert {"project-dir", "onboarding-file", "environment", "fail-on", "ignore",
            "report-file", "sarif-file"} <= set(inputs)
    assert inputs["project-dir"]["default"] == "auto"  # every listed project, else "."
    assert inputs["onboarding-file"]["default"] == "onboarding.yml"
    # Empty, so that the configuration file's `fail-on` applies; without one it is `error`.
    assert inputs["fail-on"]["default"] == ""
    assert "else `error`" in inputs["fail-on"]["description"]
    assert {"ready", "error-count", "warning-count", "notice-count",
            "report-file", "sarif-file"} <= set(ACTION["outputs"])
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", name) for name in [*inputs, *ACTION["outputs"]])


def test_action_yml_runs_the_dockerfile_and_has_branding() -> None:
    assert ACTION["runs"] == {"using": "docker", "image": "Dockerfile"}
    assert ACTION["branding"]["icon"] and ACTION["branding"]["color"]


def test_action_yml_passes_the_github_actions_schema() -> None:
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions",
                           "action.yml"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# --- Dockerfile ---------------------------------------------------------------------------

def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for line in (REPO / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") and not current:
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.strip():
            logical.append(current.strip())
        current = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in logical]


def test_hadolint_is_clean() -> None:
    done = subprocess.run([tool("hadolint"), "Dockerfile"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_no_user_and_no_workdir() -> None:
    # Container actions run as root in the mounted workspace, which is the working directory.
    names = [name for name, _ in instructions()]
    assert "USER" not in names
    assert "WORKDIR" not in names


def test_base_image_is_pinned() -> None:
    images = {args.split()[0] for name, args in instructions() if name == "FROM"}
    # One base for every stage: the git binary copied out of the builder links against its libraries.
    [image] = images
    assert "@sha256:" in image or re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*", image), (
        f"{image}: pin an exact version or a digest")


def test_the_image_keeps_only_git_s_binary_and_installs_no_package() -> None:
    # Debian's git brings perl and 95 MiB (benchmarks/image_size.py); the check needs only the binary
    # (tests/test_lone_git.py), so the final stage copies that from the builder stage and runs no apt.
    steps = instructions()
    final = steps[max(i for i, (name, _) in enumerate(steps) if name == "FROM"):]
    copied = sorted(args for name, args in final if name == "COPY" and args.startswith("--from="))
    assert copied == ["--from=git /usr/bin/git /usr/bin/git",
                      "--from=git /usr/share/doc/git/copyright /usr/share/doc/git/copyright"]
    assert not any("apt-get" in args for name, args in final if name == "RUN")
    assert ("RUN", "git --version") in final, "the build fails if the copied binary lacks a library"


def test_entrypoint_is_exec_form_with_absolute_paths() -> None:
    [entrypoint] = [args for name, args in instructions() if name == "ENTRYPOINT"]
    command = json.loads(entrypoint)  # exec form is a JSON array
    assert isinstance(command, list)
    assert all(part.startswith("/") for part in command[:2])
    assert command[-1].endswith("/entrypoint.py")
    copies = [shlex.split(args) for name, args in instructions() if name == "COPY"]
    assert ["entrypoint.py", command[-1]] in copies, "the entry point is copied where ENTRYPOINT runs it"
    package = str(Path(command[-1]).parent / "onboard_action")
    assert ["onboard_action", package] in copies, "the package sits beside entrypoint.py"


def test_python_is_unbuffered() -> None:
    env = " ".join(args for name, args in instructions() if name == "ENV")
    assert re.search(r"(^|\s)PYTHONUNBUFFERED=1(\s|$)", env)


def test_the_image_installs_the_pinned_requirements() -> None:
    steps = instructions()
    copied = [shlex.split(args) for name, args in steps if name == "COPY"]
    [target] = [c[-1] for c in copied if c[0] == "requirements.txt"]
    runs = [args for name, args in steps if name == "RUN"]
    assert any(re.search(rf"pip install .*(-r|--requirement)[ =]{re.escape(target)}\b", r) for r in runs)


def requirements() -> dict[str, Requirement]:
    pinned = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            pinned[requirement.name.lower().replace("_", "-")] = requirement
    return pinned


def test_every_requirement_is_pinned_exactly() -> None:
    loose = [str(r) for r in requirements().values()
             if len(r.specifier) != 1 or next(iter(r.specifier)).operator != "=="]
    assert not loose, f"pin with ==: {loose}"


def test_the_pins_satisfy_the_package_dependencies() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = requirements()
    for dependency in map(Requirement, project["dependencies"]):
        name = dependency.name.lower().replace("_", "-")
        assert name in pinned, f"{dependency.name} is not pinned in requirements.txt"
        version = Version(next(iter(pinned[name].specifier)).version)
        assert dependency.specifier.contains(version), f"{name}=={version} does not satisfy {dependency}"
