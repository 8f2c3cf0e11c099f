"""Composite mode (composite/action.yml): same interface as action.yml, run the way the runner runs it.

The runner's part is small and done here for real: evaluate each step's
`env:` expressions, write the `run:` script to a file and start it with
`bash --noprofile --norc -eo pipefail`, give it its own GITHUB_OUTPUT file,
and map the action's outputs from the step outputs. Only actions/setup-python
is stood in for, by the interpreter running the tests. The install step runs
for real (a virtualenv, and pip from the package index, as on a runner).
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

from tests.helpers import REPO, base_env, parse_commands, parse_output_file

COMPOSITE = yaml.safe_load((REPO / "composite" / "action.yml").read_text(encoding="utf-8"))
CONTAINER = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# Its inputs, and the check step's `env:` for them, are held to the table of inputs by tests/test_inputs.py.
RESYNC = ("composite/action.yml must declare the same outputs as action.yml: map each output as "
          "`value: ${{ steps.check.outputs.<name> }}`")
# What the action's repository holds that the install step and the entry point need.
ACTION_FILES = ("pyproject.toml", "README.md", "requirements.txt", "entrypoint.py", "onboard_action",
                "composite")


def steps() -> list[dict]:
    return COMPOSITE["runs"]["steps"]


def check_step() -> dict:
    [step] = [s for s in steps() if "entrypoint.py" in s.get("run", "")]
    return step


# --- the interface -------------------------------------------------------------

def test_outputs_match_action_yml_and_map_the_check_step() -> None:
    problems = []
    container, composite = CONTAINER["outputs"], COMPOSITE["outputs"]
    problems += [f"output {n} is missing" for n in container if n not in composite]
    problems += [f"output {n} is not in action.yml" for n in composite if n not in container]
    step_id = check_step()["id"]
    for name, spec in composite.items():
        if spec.get("value") != f"${{{{ steps.{step_id}.outputs.{name} }}}}":
            problems.append(f"output {name}: value should be ${{{{ steps.{step_id}.outputs.{name} }}}}")
        if name in container and spec.get("description") != container[name].get("description"):
            problems.append(f"output {name}: description differs from action.yml")
    assert not problems, RESYNC + ":\n" + "\n".join(problems)


def test_no_expression_inside_run() -> None:
    # Expressions in a script are substituted as text before the shell parses it: an injection.
    offending = [s.get("id", s.get("name")) for s in steps() if "${{" in s.get("run", "")]
    assert not offending, f"steps with ${{{{ }}}} inside run: {offending}"


def test_uses_are_pinned_by_commit_sha() -> None:
    for step in steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_run_steps_say_their_shell() -> None:
    # Composite run steps have no default shell; bash exists on Linux, macOS and Windows runners.
    assert all(s.get("shell") == "bash" for s in steps() if "run" in s)


# --- the runner's part, for real -------------------------------------------------

class CompositeRun:
    """Runs composite/action.yml's run steps in order, as the runner does."""

    def __init__(self, action_dir: Path, workspace: Path, temp: Path, inputs: dict[str, str]) -> None:
        self.action_dir, self.workspace, self.temp = action_dir, workspace, temp
        values = {name: spec.get("default", "") for name, spec in COMPOSITE["inputs"].items()}
        values.update(inputs)
        self.context = {f"inputs.{name}": str(value) for name, value in values.items()}
        self.context["github.action_path"] = str(action_dir / "composite")
        self.summary = temp / "step_summary"
        self.summary.touch()
        self.stdout = ""

    def evaluate(self, text: str) -> str:
        def one(match: re.Match) -> str:
            expression = match.group(1)
            if "||" in expression:  # `inputs.a != '' || inputs.b != ''`, as the install step asks
                terms = [re.fullmatch(r"([\w.-]+) != ''", term.strip()) for term in expression.split("||")]
                assert all(terms), f"expression not supported: {expression}"
                return str(any(self.context[term.group(1)] != "" for term in terms)).lower()
            assert expression in self.context, f"expression not available: {expression}"
            return self.context[expression]
        return EXPRESSION.sub(one, text)

    def run_step(self, step: dict) -> int:
        output = self.temp / f"output_{step['id']}"
        output.touch()
        script = self.temp / f"{step['id']}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = base_env(
            GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(self.workspace), GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(self.summary), RUNNER_TEMP=str(self.temp),
            GITHUB_REPOSITORY="abc/data-platform", GITHUB_SERVER_URL="https://github.com")
        env.pop("PYTHONPATH")  # the step uses what it installed, nothing from the test run
        env.update({name: self.evaluate(value) for name, value in step.get("env", {}).items()})
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=self.workspace, env=env, capture_output=True, text=True, timeout=600)
        self.stdout += done.stdout
        assert "Traceback" not in done.stderr, done.stderr
        for name, value in parse_output_file(output.read_text(encoding="utf-8")).items():
            self.context[f"steps.{step['id']}.outputs.{name}"] = value
        return done.returncode

    def outputs(self) -> dict[str, str]:
        return {name: self.evaluate(spec["value"]) for name, spec in COMPOSITE["outputs"].items()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The action's files as the runner downloads them, and the install step run once on them."""
    root = tmp_path_factory.mktemp("actions") / "meltano-onboard"
    root.mkdir()
    for name in ACTION_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, root / name)
    temp = tmp_path_factory.mktemp("runner_temp")
    run = CompositeRun(root, root, temp, {})
    setup_python = next(s for s in steps() if s.get("uses", "").startswith("actions/setup-python@"))
    # Stands in for actions/setup-python: a Python of a supported version.
    run.context[f"steps.{setup_python['id']}.outputs.python-path"] = sys.executable
    install = next(s for s in steps() if "run" in s and s is not check_step())
    assert run.run_step(install) == 0, "the install step failed"
    python = run.context[f"steps.{install['id']}.outputs.python"]
    assert Path(python).is_file() and Path(python).is_relative_to(temp)
    return root, {k: v for k, v in run.context.items() if k.startswith("steps.")}


def run_composite(installed, workspace: Path, tmp_path: Path, inputs: dict[str, str]):
    root, step_outputs = installed
    temp = tmp_path / "runner_temp"
    temp.mkdir()
    run = CompositeRun(root, workspace, temp, inputs)
    run.context.update(step_outputs)
    status = run.run_step(check_step())
    return status, run.outputs(), run


def test_composite_reports_the_ready_example_ready(installed, example, tmp_path: Path) -> None:
    workspace = example("ready")
    status, outputs, run = run_composite(installed, workspace, tmp_path, {"sarif-file": "out/check.sarif"})
    assert status == 0, run.stdout
    assert outputs["ready"] == "true"
    assert (outputs["error-count"], outputs["sarif-file"]) == ("0", "out/check.sarif")
    assert (workspace / "out" / "check.sarif").is_file()
    assert "Ready" in run.summary.read_text(encoding="utf-8")


def test_composite_fails_the_step_on_a_broken_example(installed, example, tmp_path: Path) -> None:
    workspace = example("broken-includes")
    status, outputs, run = run_composite(installed, workspace, tmp_path, {})
    assert status == 1
    assert outputs["ready"] == "false"
    assert int(outputs["error-count"]) > 0
    assert any(c.name == "error" and c.properties.get("file") == "meltano.yml"
               for c in parse_commands(run.stdout))


def test_composite_passes_hyphenated_inputs(installed, example, tmp_path: Path) -> None:
    workspace = example("broken-includes")
    status, outputs, _ = run_composite(installed, workspace, tmp_path,
                                       {"fail-on": "never", "report-file": "onboarding.json"})
    assert status == 0
    assert (outputs["ready"], outputs["report-file"]) == ("false", "onboarding.json")
    assert (workspace / "onboarding.json").is_file()


def test_composite_entry_point_is_the_containers(installed) -> None:
    root, _ = installed
    assert (root / "entrypoint.py").read_bytes() == (REPO / "entrypoint.py").read_bytes()
    assert CONTAINER["runs"]["using"] == "docker" and COMPOSITE["runs"]["using"] == "composite"
    assert os.path.normpath(root / "composite" / "..") == str(root)


def test_the_install_step_builds_no_package_and_skips_cryptography_without_an_encryption_input(
        installed) -> None:
    _, step_outputs = installed
    python = Path(next(v for k, v in step_outputs.items() if k.endswith(".outputs.python")))
    venv = python.parent.parent
    assert (venv / ".installed").is_file()
    listed = subprocess.run([str(python), "-I", "-c", "import importlib.metadata as m; "
                             "print(sorted(d.metadata['Name'].lower() for d in m.distributions()))"],
                            capture_output=True, text=True, check=True).stdout
    assert "'pyyaml'" in listed and "'croniter'" in listed
    assert "cryptography" not in listed and "meltano-onboard" not in listed


def test_a_second_install_with_the_same_requirements_reuses_the_virtualenv(installed, tmp_path) -> None:
    root, step_outputs = installed
    python = next(v for k, v in step_outputs.items() if k.endswith(".outputs.python"))
    marker = Path(python).parent.parent / ".installed"
    before = marker.stat().st_mtime_ns
    run = CompositeRun(root, root, Path(python).parent.parent.parent.parent, {})
    run.context[f"steps.{steps()[0]['id']}.outputs.python-path"] = sys.executable
    install = next(s for s in steps() if "run" in s and s is not check_step())
    assert run.run_step(install) == 0
    assert run.context[f"steps.{install['id']}.outputs.python"] == python
    assert marker.stat().st_mtime_ns == before
