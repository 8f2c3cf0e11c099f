"""The action's inputs: one table (onboard_action/action/inputs.py) and everything that must agree with it.

action.yml, composite/action.yml (its inputs and the check step's `env:`) and
the README's Inputs table are held to the table; a difference fails with the
lines to paste. Reading is held to the runner's protocol: each `INPUT_*` read
once, trimmed as @actions/core trims (except a .env), the default when the
runner passes nothing, secrets masked before anything else is printed.
"""

from __future__ import annotations

import copy
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml

from onboard_action.action import inputs as action_inputs
from onboard_action.action.inputs import DOTENV, INPUTS, JSON_OBJECT, SETTING, Input, Kind, read
from onboard_action.action.main import main
from onboard_action.errors import UsageError
from tests.helpers import FIXED_NOW, REPO, parse_commands
from tests.helpers import action_inputs as runner_inputs
from tests.rsa_keys import private_pem, public_pem

PUBLIC_PEM = public_pem(2048).decode()

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
COMPOSITE = yaml.safe_load((REPO / "composite" / "action.yml").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")


# --- the interface files against the table -------------------------------------

def declared(table: tuple[Input, ...]) -> dict[str, dict[str, str]]:
    """What action.yml must say of each input: the table's rows, then each deprecated alias."""
    specs = {spec.name: {"description": spec.description, "required": "False", "default": spec.default}
             for spec in table}
    specs.update({spec.alias: {"description": spec.deprecation, "required": "False", "default": "",
                               "deprecationMessage": spec.deprecation} for spec in table if spec.alias})
    return specs


def yaml_lines(name: str, spec: dict[str, str]) -> str:
    body = "".join(f"    {key}: {json.dumps(value) if key != 'required' else 'false'}\n"
                   for key, value in spec.items())
    return f"  {name}:\n{body}"


def readme_row(name: str, spec: dict[str, str]) -> str:
    default = f"`{spec['default']}` | " if spec["default"] else "| "
    return f"| `{name}` | {default}{spec['description']} |"


def readme_rows(readme: str) -> list[str]:
    section = readme.split("\n## Inputs\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


def interface_problems(table: tuple[Input, ...], action: dict, composite: dict, readme: str) -> list[str]:
    expected = declared(table)
    problems = []
    for label, document in (("action.yml", action), ("composite/action.yml", composite)):
        given = document.get("inputs") or {}
        if list(given) != list(expected):
            problems.append(f"{label}: inputs are {list(given)}; the table has {list(expected)}")
        for name, spec in expected.items():
            theirs = {key: str(value) for key, value in (given.get(name) or {}).items()}
            if theirs != spec:
                problems.append(f"{label}: input {name} should read\n{yaml_lines(name, spec)}")
    step = next(s for s in composite["runs"]["steps"] if "entrypoint.py" in s.get("run", ""))
    passed = {key: value for key, value in step.get("env", {}).items() if key.startswith("INPUT_")}
    wanted = {f"INPUT_{name.upper()}": f"${{{{ inputs.{name} }}}}" for name in expected}
    for key in wanted.keys() - passed.keys():
        problems.append(f"composite/action.yml: the check step's env lacks `{key}: {wanted[key]}`")
    problems += [f"composite/action.yml: the check step passes {key}: {passed[key]}, which is not "
                 f"`{wanted.get(key, 'an input of the table')}`"
                 for key in passed if passed[key] != wanted.get(key)]
    rows = readme_rows(readme)
    expected_rows = [readme_row(name, spec) for name, spec in expected.items()]
    if rows != expected_rows:
        problems += [f"README.md Inputs: add or fix the row\n{row}"
                     for row in expected_rows if row not in rows]
        problems += [f"README.md Inputs: remove the row\n{row}" for row in rows if row not in expected_rows]
        if set(rows) == set(expected_rows):
            problems.append("README.md Inputs: put the rows in the table's order")
    return problems


def test_action_yml_composite_and_readme_say_what_the_table_says() -> None:
    problems = interface_problems(INPUTS, ACTION, COMPOSITE, README)
    assert not problems, ("onboard_action/action/inputs.py is the list of inputs; make the files match "
                          "it:\n" + "\n".join(problems))


@pytest.mark.parametrize(("change", "problem"), [
    (lambda a, c, r: a["inputs"].pop("fail-on"), "action.yml: inputs are"),
    (lambda a, c, r: a["inputs"]["ignore"].update(description="Codes."), "action.yml: input ignore should"),
    (lambda a, c, r: c["inputs"]["fail-on"].update(default="warning"), "composite/action.yml: input fail-on"),
    (lambda a, c, r: next(s for s in c["runs"]["steps"] if "env" in s and "INPUT_DOTENV" in s["env"])
     ["env"].pop("INPUT_DOTENV"), "env lacks `INPUT_DOTENV: ${{ inputs.dotenv }}`"),
    (lambda a, c, r: next(s for s in c["runs"]["steps"] if "env" in s and "INPUT_DOTENV" in s["env"])
     ["env"].update({"INPUT_DOTENV": "${{ inputs.secrets }}"}), "passes INPUT_DOTENV"),
])
def test_a_file_that_drifts_from_the_table_is_named(change, problem: str) -> None:
    action, composite = copy.deepcopy(ACTION), copy.deepcopy(COMPOSITE)
    change(action, composite, README)
    assert any(problem in p for p in interface_problems(INPUTS, action, composite, README))


def test_a_readme_row_that_drifts_is_named_with_the_row_to_write() -> None:
    readme = README.replace("| `ignore` | | Comma-separated rule codes to skip. |\n", "")
    assert interface_problems(INPUTS, ACTION, COMPOSITE, readme) == [
        "README.md Inputs: add or fix the row\n| `ignore` | | Comma-separated rule codes to skip. |"]


def test_a_new_row_demands_its_yml_and_readme_lines() -> None:
    # What the next engineer sees after adding a row: the exact lines to paste, in three files.
    table = (*INPUTS, Input("rehearse-twice", "Also rehearse the onboarding twice.", "false", SETTING))
    problems = interface_problems(table, ACTION, COMPOSITE, README)
    assert ("action.yml: input rehearse-twice should read\n  rehearse-twice:\n    description: \"Also "
            "rehearse the onboarding twice.\"\n    required: false\n    default: \"false\"\n") in problems
    assert ("composite/action.yml: the check step's env lacks "
            "`INPUT_REHEARSE-TWICE: ${{ inputs.rehearse-twice }}`") in problems
    assert ("README.md Inputs: add or fix the row\n| `rehearse-twice` | `false` | Also rehearse the "
            "onboarding twice. |") in problems


def test_a_deprecated_alias_is_declared_with_its_message() -> None:
    table = (Input("project-dir", "Folder.", ".", SETTING, alias="path"),)
    assert declared(table)["path"] == {
        "description": "`path` was renamed `project-dir`; use `project-dir`.", "required": "False",
        "default": "", "deprecationMessage": "`path` was renamed `project-dir`; use `project-dir`."}


# --- reading ------------------------------------------------------------------------

def test_inputs_are_trimmed_a_dotenv_is_not_and_absent_ones_take_the_default() -> None:
    inputs = read({"INPUT_FAIL-ON": "  warning \n", "INPUT_DOTENV": "\nA=1\n  "})
    assert inputs.text("fail-on") == "warning"
    assert inputs.text("dotenv") == "\nA=1\n  "  # line 2 stays line 2 in messages
    assert inputs.text("onboarding-file") == "onboarding.yml"  # absent: the table's default
    assert inputs.settings_values()["project-dir"] == "auto"  # the onboarding file's projects, else .
    assert read({"INPUT_DOTENV": " \n\t"}).text("dotenv") == ""  # blanks only: not given


def test_an_input_given_empty_stays_empty() -> None:
    # The runner passes action.yml's default for an unset input: "" was written on purpose.
    assert read({"INPUT_ONBOARDING-FILE": ""}).text("onboarding-file") == ""


def test_the_runner_spelling_wins_over_the_shell_one() -> None:
    inputs = read({"INPUT_PROJECT-DIR": "runner", "INPUT_PROJECT_DIR": "shell", "INPUT_FAIL_ON": "never"})
    assert (inputs.text("project-dir"), inputs.text("fail-on")) == ("runner", "never")


def test_kinds_parse_their_values() -> None:
    inputs = read({"INPUT_SECRETS-INCLUDE": "TAP_*,\n TARGET_* ,,", "INPUT_SECRETS": '{"A": "1"}'})
    assert inputs.value("secrets-include") == ("TAP_*", "TARGET_*")
    assert inputs.value("secrets") == {"A": "1"}
    assert inputs.value("dotenv") is None


def test_a_problem_is_a_usage_error_naming_the_input_never_its_value() -> None:
    inputs = read({"INPUT_SECRETS": '["canary-3f9a"]'})
    with pytest.raises(UsageError) as raised:
        inputs.value("secrets")
    assert str(raised.value).startswith("the `secrets` input is not a JSON object (it holds a JSON list")
    assert "canary-3f9a" not in str(raised.value)


def test_a_deprecated_alias_is_read_when_the_new_name_is_left_at_its_default() -> None:
    table = (Input("project-dir", "Folder.", ".", SETTING, alias="path"),)
    used = read({"INPUT_PROJECT-DIR": ".", "INPUT_PATH": " data "}, table)
    assert (used.text("project-dir"), used.aliases_used) == ("data", table)
    both = read({"INPUT_PROJECT-DIR": "new", "INPUT_PATH": "old"}, table)
    assert (both.text("project-dir"), both.aliases_used) == ("new", ())
    unset = read({"INPUT_PROJECT-DIR": ".", "INPUT_PATH": ""}, table)
    assert (unset.text("project-dir"), unset.aliases_used) == (".", ())


class Exploding(Kind):
    def parse(self, text: str):
        raise ValueError("a parser's own bug")


def test_an_input_whose_parser_fails_is_masked_line_by_line_and_refused() -> None:
    table = (Input("token", "A token.", "", Exploding(), secret=True),)
    inputs = read({"INPUT_TOKEN": "line-one-canary\n  line-two-canary  \n"}, table)
    assert inputs.masks == ("line-one-canary", "line-two-canary")
    with pytest.raises(UsageError, match="the `token` input could not be read; check its format"):
        inputs.value("token")


def test_masks_cover_every_secret_value_and_nothing_public() -> None:
    dotenv = 'A=plain-canary\nB="two\nlines-canary"\n'
    secrets = json.dumps({"X": "json-canary", "N": {"deep": ["list-canary", 7]}, "T": True})
    inputs = read({"INPUT_DOTENV": dotenv, "INPUT_SECRETS": secrets, "INPUT_PUBLIC-KEY": PUBLIC_PEM,
                   "INPUT_PROJECT-DIR": "not-secret"})
    for text in ("plain-canary", "two\nlines-canary", "two", "lines-canary", "json-canary", "list-canary",
                 "7"):
        assert text in inputs.masks
    assert "not-secret" not in inputs.masks
    assert set(inputs.masks).isdisjoint(PUBLIC_PEM.splitlines())  # a public key is public
    assert "canary" not in repr(inputs)


def test_an_unparsable_secrets_input_is_masked_line_by_line() -> None:
    inputs = read({"INPUT_SECRETS": '{"A": "first-canary",\n  "B": second-canary}'})
    assert inputs.masks == ('{"A": "first-canary",', '"B": second-canary}')


def test_a_private_key_given_as_the_public_key_is_masked() -> None:
    pem = private_pem(2048).decode()
    body = [line for line in pem.splitlines() if not line.startswith("-----")]
    assert read({"INPUT_PUBLIC-KEY": pem}).masks == tuple(body)


def test_only_check_options_go_to_the_settings() -> None:
    names = set(read({}).settings_values())
    assert names == {spec.name for spec in INPUTS if spec.kind is SETTING}
    assert {"dotenv", "secrets", "public-key"}.isdisjoint(names)
    assert {spec.name for spec in INPUTS if spec.secret} == {"dotenv", "secrets", "public-key"}
    assert {spec.name for spec in INPUTS if spec.kind in (DOTENV, JSON_OBJECT)} == {"dotenv", "secrets"}


def test_the_actions_messages_name_its_inputs() -> None:
    names = action_inputs.option_names()
    assert (names.label("fail-on"), names.phrase("environment")) == ("fail-on", "the `environment` input")


# --- the entry point reads each input once and masks first -----------------------------

class CountingEnviron(dict):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reads: dict[str, int] = {}

    def __getitem__(self, key: str) -> str:
        self.reads[key] = self.reads.get(key, 0) + 1
        return super().__getitem__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default  # noqa: SIM401 (dict.get would not count)


def test_the_entry_point_reads_each_input_once_and_masks_before_all_else(example, tmp_path: Path,
                                                                        monkeypatch) -> None:
    workspace = example("ready")
    environ = CountingEnviron({f"INPUT_{k.upper()}": v for k, v in runner_inputs(
        dotenv="TAP_GITHUB_AUTH_TOKEN=canary-7d1e\n", public_key=PUBLIC_PEM).items()})
    environ.update(GITHUB_WORKSPACE=str(workspace), MELTANO_ONBOARD_NOW=FIXED_NOW)
    monkeypatch.chdir(workspace)
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(environ)
    assert status == 0, out.getvalue()
    input_reads = {key: n for key, n in environ.reads.items() if key.startswith("INPUT_")}
    assert set(input_reads) == {f"INPUT_{spec.name.upper()}" for spec in INPUTS}
    assert set(input_reads.values()) == {1}
    commands = parse_commands(out.getvalue())
    masks = [c.message for c in commands if c.name == "add-mask"]
    assert "canary-7d1e" in masks and len(masks) == len(set(masks))
    first_other = next(i for i, c in enumerate(commands) if c.name != "add-mask")
    assert all(c.name != "add-mask" for c in commands[first_other:])


def test_a_deprecated_alias_in_the_table_is_read_and_warned_about(example, monkeypatch) -> None:
    # No input has a former name today; this is the path the first one will take, from its row alone.
    table = tuple(Input(s.name, s.description, s.default, s.kind, s.secret, alias="path")
                  if s.name == "project-dir" else s for s in INPUTS)
    monkeypatch.setattr(action_inputs, "INPUTS", table)
    workspace = example("ready")
    (workspace / "data").mkdir()
    for name in ("meltano.yml", "plugins"):
        (workspace / name).rename(workspace / "data" / name)
    environ = {f"INPUT_{k.upper()}": v for k, v in runner_inputs(onboarding_file="").items()}
    environ.update(INPUT_PATH="data", GITHUB_WORKSPACE=str(workspace), MELTANO_ONBOARD_NOW=FIXED_NOW)
    monkeypatch.chdir(workspace)
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(environ)
    warnings = [c for c in parse_commands(out.getvalue()) if c.name == "warning"]
    assert [(c.properties["title"], c.message) for c in warnings[:1]] == [
        ("meltano-onboard: `path` is deprecated", "`path` was renamed `project-dir`; use `project-dir`.")]
    # Ready only if the check ran in data/: the workspace root holds no meltano.yml any more (F001).
    assert status == 0 and "onboarding: ready (0 errors" in out.getvalue()
