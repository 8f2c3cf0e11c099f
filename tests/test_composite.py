"""Composite mode (composite/action.yml): same interface as action.yml, run the way the runner runs it.

The runner's part is small and done here for real: evaluate each step's
`env:` expressions, write the `run:` script to a file and start it with
`bash --noprofile --norc -eo pipefail`, give it its own GITHUB_OUTPUT file,
and map the action's outputs from the step outputs. actions/setup-python is
stood in for by the interpreter running the tests, and actions/cache by a miss
(its hit restores the folder that the tool cache keeps here between runs, the
warm path tested below). The setup steps run for real (composite/venv.py: a
virtualenv, and pip from the package index, as on a runner); the package is
not built or installed: the entry point imports it from the action's folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement

from tests import rsa_keys
from tests.helpers import REPO, base_env, parse_commands, parse_output_file

COMPOSITE = yaml.safe_load((REPO / "composite" / "action.yml").read_text(encoding="utf-8"))
CONTAINER = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
RESYNC = ("composite/action.yml must declare the same inputs and outputs as action.yml: copy each input "
          "there, pass it to the check step as `INPUT_<NAME>: ${{ inputs.<name> }}` in `env:`, and map "
          "each output as `value: ${{ steps.check.outputs.<name> }}`")
# What the action's repository holds that the setup steps and the entry point need: no
# pyproject.toml, nothing is built.
ACTION_FILES = ("requirements-check.txt", "requirements-encrypt.txt", "entrypoint.py", "onboard_action",
                "composite")
ENCRYPTION_INPUTS = ("public-key", "public-key-file", "dotenv", "secrets")


def steps() -> list[dict]:
    return COMPOSITE["runs"]["steps"]


def check_step() -> dict:
    [step] = [s for s in steps() if "entrypoint.py" in s.get("run", "")]
    return step


def setup_steps() -> list[dict]:
    """The run steps before the check, in order: what the runner does before the entry point."""
    return [s for s in steps() if "run" in s and s is not check_step()]


# --- the interface -------------------------------------------------------------

def test_inputs_match_action_yml() -> None:
    problems = []
    container, composite = CONTAINER["inputs"], COMPOSITE["inputs"]
    problems += [f"input {n} is missing" for n in container if n not in composite]
    problems += [f"input {n} is not in action.yml" for n in composite if n not in container]
    for name in set(container) & set(composite):
        for key in ("description", "required", "default", "deprecationMessage"):
            ours, theirs = composite[name].get(key), container[name].get(key)
            if str(ours).strip() != str(theirs).strip():
                problems.append(f"input {name}: {key} is {ours!r}, action.yml says {theirs!r}")
    assert not problems, RESYNC + ":\n" + "\n".join(problems)


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


def test_every_input_reaches_the_entry_point_through_env() -> None:
    env = check_step()["env"]
    passed = {k: v for k, v in env.items() if k.startswith("INPUT_")}
    expected = {f"INPUT_{name.upper()}": f"${{{{ inputs.{name} }}}}" for name in COMPOSITE["inputs"]}
    assert passed == expected


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

    def __init__(self, action_dir: Path, workspace: Path, temp: Path, inputs: dict[str, str],
                 tool_cache: Path | None = None) -> None:
        self.action_dir, self.workspace, self.temp = action_dir, workspace, temp
        self.tool_cache = tool_cache or temp / "tool_cache"
        values = {name: spec.get("default", "") for name, spec in COMPOSITE["inputs"].items()}
        values.update(inputs)
        self.context = {f"inputs.{name}": str(value) for name, value in values.items()}
        self.context["github.action_path"] = str(action_dir / "composite")
        self.summary = temp / "step_summary"
        self.summary.touch()
        self.stdout = ""

    def evaluate(self, text: str) -> str:
        def value(name: str) -> str:
            assert name in self.context, f"expression not available: {name}"
            return self.context[name]

        def one(match: re.Match) -> str:
            expression = match.group(1)
            if "||" not in expression and "!=" not in expression:
                return value(expression)
            # The one operator form the action uses: `a != '' || b != ''`, a boolean as text.
            terms = [re.fullmatch(r"([\w.-]+) != ''", term.strip()) for term in expression.split("||")]
            assert all(terms), f"expression form not handled here: {expression}"
            return "true" if any(value(term.group(1)) != "" for term in terms) else "false"
        return EXPRESSION.sub(one, text)

    def run_step(self, step: dict) -> int:
        output = self.temp / f"output_{step['id']}"
        output.touch()
        script = self.temp / f"{step['id']}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = base_env(
            GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(self.workspace), GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(self.summary), RUNNER_TEMP=str(self.temp),
            RUNNER_TOOL_CACHE=str(self.tool_cache), RUNNER_OS="Linux", RUNNER_ARCH="X64",
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


def action_files(root: Path) -> Path:
    """The action's files as the runner downloads them (a checkout of its repository)."""
    root.mkdir(parents=True)
    for name in ACTION_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, root / name)
    return root


def set_up(root: Path, temp: Path, tool_cache: Path, inputs: dict[str, str] | None = None) -> CompositeRun:
    """Run the setup steps as the runner does, with the tests' interpreter as setup-python's."""
    temp.mkdir(parents=True, exist_ok=True)
    run = CompositeRun(root, root, temp, inputs or {}, tool_cache)
    setup_python = next(s for s in steps() if s.get("uses", "").startswith("actions/setup-python@"))
    run.context[f"steps.{setup_python['id']}.outputs.python-path"] = sys.executable
    for step in setup_steps():
        assert run.run_step(step) == 0, f"the {step['id']} step failed"
    return run


def install_step() -> dict:
    [step] = [s for s in setup_steps() if "VENV_DIR" in s.get("env", {})]
    return step


def venv_of(run: CompositeRun) -> Path:
    return Path(run.context[f"steps.{install_step()['id']}.outputs.python"])


def site_packages(python: Path) -> set[str]:
    probe = ("import importlib.metadata as m, json; "
             "print(json.dumps([d.metadata['Name'] for d in m.distributions()]))")
    done = subprocess.run([str(python), "-I", "-c", probe], capture_output=True, text=True, check=True)
    return {normal(name) for name in json.loads(done.stdout)}


def normal(name: str) -> str:
    return name.lower().replace("_", "-")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The action's files as the runner downloads them, and the setup steps run once on them (cold)."""
    root = action_files(tmp_path_factory.mktemp("actions") / "meltano-onboard")
    temp = tmp_path_factory.mktemp("runner_temp")
    run = set_up(root, temp, temp / "tool_cache")
    assert run.context[f"steps.{install_step()['id']}.outputs.state"] == "cold"
    python = venv_of(run)
    assert python.is_file() and python.is_relative_to(temp / "tool_cache")
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


# --- the setup: cold, warm, and what it installs ------------------------------------------------

def test_the_check_runs_on_the_pinned_requirements_alone(installed) -> None:
    """The virtualenv holds requirements-check.txt and nothing else: no cryptography, no package."""
    _, step_outputs = installed
    python = Path(step_outputs[f"steps.{install_step()['id']}.outputs.python"])
    assert site_packages(python) == {normal(Requirement(r).name) for r in pins("requirements-check.txt")}


def fixture_tool_cache(installed) -> tuple[Path, Path]:
    """The action folder and the tool cache the module's (cold) setup used."""
    root, step_outputs = installed
    python = Path(step_outputs[f"steps.{install_step()['id']}.outputs.python"])
    return root, python.parents[3]  # <tool cache>/meltano-onboard/<key>/bin/python


def test_a_second_setup_with_the_same_tool_cache_is_warm(installed, tmp_path: Path) -> None:
    """The path of a self-hosted runner's next job, and of an actions/cache hit: no pip at all."""
    root, tool_cache = fixture_tool_cache(installed)
    _, step_outputs = installed
    marker = next(tool_cache.glob("meltano-onboard/*/meltano-onboard-venv.json"))
    made = marker.read_text(encoding="utf-8")
    start = time.perf_counter()
    warm = set_up(root, tmp_path / "temp", tool_cache)
    elapsed = time.perf_counter() - start
    assert warm.context["steps.venv.outputs.ready"] == "true"
    assert warm.context[f"steps.{install_step()['id']}.outputs.state"] == "warm"
    assert str(venv_of(warm)) == step_outputs[f"steps.{install_step()['id']}.outputs.python"]
    assert marker.read_text(encoding="utf-8") == made
    assert elapsed < 30, "printed by benchmarks/composite_setup.py, not timed here: only a guard"


def test_a_half_made_virtualenv_is_made_again(installed, tmp_path: Path) -> None:
    root, tool_cache = fixture_tool_cache(installed)
    [marker] = tool_cache.glob("meltano-onboard/*/meltano-onboard-venv.json")
    marker.unlink()  # a job cancelled before the marker was written
    again = set_up(root, tmp_path / "temp", tool_cache)
    assert again.context["steps.venv.outputs.ready"] == "false"
    assert again.context[f"steps.{install_step()['id']}.outputs.state"] == "cold"
    assert marker.is_file()  # made again, at the same place: the module's other tests still use it


def venv_module():
    spec = importlib.util.spec_from_file_location("venv_setup", REPO / "composite" / "venv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_key_changes_with_each_requirements_file_and_the_encryption(tmp_path: Path) -> None:
    venv = venv_module()
    root = action_files(tmp_path / "meltano-onboard")
    keys = {venv.key(root, False), venv.key(root, True)}
    assert len(keys) == 2
    encrypt = root / "requirements-encrypt.txt"
    encrypt.write_text(encrypt.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert venv.key(root, False) in keys and venv.key(root, True) not in keys  # check-only is unchanged
    check = root / "requirements-check.txt"
    check.write_text(check.read_text(encoding="utf-8").replace("attrs==", "attrs==0"), encoding="utf-8")
    assert venv.key(root, False) not in keys
    key = venv.key(root, False)
    assert re.fullmatch(r"meltano-onboard-venv-[\w-]+-py3\.\d+\.\d+-check-[0-9a-f]{24}", key)
    assert venv.home({"RUNNER_TOOL_CACHE": "/opt/tools"}) == Path("/opt/tools/meltano-onboard")


def test_an_encryption_input_installs_the_encryption_and_encrypts(example, tmp_path: Path) -> None:
    """With `dotenv` and `public-key`: another key, cryptography and python-dotenv, a secrets file."""
    root = action_files(tmp_path / "actions" / "meltano-onboard")
    workspace = example("ready")
    inputs = {"public-key": rsa_keys.public_pem(2048).decode(),
              "dotenv": "POSTGRES_HOST=db.example\nPOSTGRES_USER=app\nPOSTGRES_PASSWORD=pw\n"}
    run = set_up(root, tmp_path / "temp", tmp_path / "tool_cache", inputs)
    assert "-check-encrypt-" in run.context["steps.venv.outputs.key"]
    expected = {normal(Requirement(r).name)
                for r in pins("requirements-check.txt") + pins("requirements-encrypt.txt")}
    assert site_packages(venv_of(run)) == expected
    check = CompositeRun(root, workspace, tmp_path / "temp", inputs, tmp_path / "tool_cache")
    check.context.update({k: v for k, v in run.context.items() if k.startswith("steps.")})
    assert check.run_step(check_step()) == 0, check.stdout
    outputs = check.outputs()
    assert int(outputs["secrets-count"]) == 3 and (workspace / outputs["secrets-file"]).is_file()


@pytest.mark.parametrize("name", ENCRYPTION_INPUTS)
def test_each_encryption_input_asks_for_the_encryption(name: str, tmp_path: Path) -> None:
    [venv] = [s for s in setup_steps() if s["id"] == "venv"]
    run = CompositeRun(tmp_path, tmp_path, tmp_path, {name: "x"})
    assert run.evaluate(venv["env"]["ENCRYPT"]) == "true"
    assert CompositeRun(tmp_path, tmp_path, tmp_path, {}).evaluate(venv["env"]["ENCRYPT"]) == "false"
    assert install_step()["env"]["ENCRYPT"] == venv["env"]["ENCRYPT"]


def test_the_cache_step_keeps_the_virtualenv_folder_under_its_key() -> None:
    [cache] = [s for s in steps() if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"] == {"path": "${{ steps.venv.outputs.dir }}", "key": "${{ steps.venv.outputs.key }}"}
    assert cache["if"] == "steps.venv.outputs.ready != 'true'"  # a tool cache hit restores nothing
    order = [s.get("id") for s in steps()]
    assert order.index("venv") < order.index(cache["id"]) < order.index(install_step()["id"])


# --- the requirements files ---------------------------------------------------------------------

def pins(name: str) -> list[str]:
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_check_and_encrypt_requirements_split_requirements_txt() -> None:
    check, encrypt, everything = pins("requirements-check.txt"), pins("requirements-encrypt.txt"), \
        pins("requirements.txt")
    assert not set(check) & set(encrypt)
    assert sorted(check + encrypt, key=str.lower) == sorted(everything, key=str.lower), (
        "requirements-check.txt and requirements-encrypt.txt hold requirements.txt's pins, each once: "
        "when requirements.txt changes, move the changed lines into the file they belong to")


def test_each_requirements_file_holds_its_dependencies() -> None:
    """`pip install --no-deps` installs exactly the file: every dependency must be pinned in it."""
    from importlib.metadata import distribution

    marker_env = default_environment()

    def needs(names: set[str]) -> set[str]:
        found = set()
        for name in names:
            for line in distribution(name).requires or []:
                requirement = Requirement(line)
                if requirement.marker is None or requirement.marker.evaluate({**marker_env, "extra": ""}):
                    found.add(normal(requirement.name))
        return found

    def names(file: str) -> set[str]:
        return {normal(Requirement(r).name) for r in pins(file)}

    check, encrypt = names("requirements-check.txt"), names("requirements-encrypt.txt")
    assert needs(check) <= check
    assert needs(encrypt) <= check | encrypt
    assert {"cryptography", "python-dotenv"} <= encrypt
