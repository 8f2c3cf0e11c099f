"""The pieces the project rules stand on: specifiers, positions in values, lock files, the schema."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from onboard_action.load.loader import load_project
from onboard_action.load.lockfiles import LockFiles, read_lock_file
from onboard_action.load.positions import piece_location
from onboard_action.rules.project_schema import invalid_specifiers
from onboard_action.schema import explain
from tests.helpers import REPO, run_cli

# --- requires_meltano: PEP 440 specifiers, read with `packaging` as Meltano reads them ---

@pytest.mark.parametrize(("text", "invalid"), [
    (">=3.0,<4", []), ("~=3.4", []), ("==3.*", []), (">= 3 , < 4", []), ("", []), ("==1!2.0", []),
    ("v3", ["v3"]), (">= 3.0 < 4", [">= 3.0 < 4"]), ("=>3", ["=>3"]), ("~=3", ["~=3"]),
    (">=3.0,latest", ["latest"]), ("*", ["*"]),
])
def test_requires_meltano_parts_that_are_not_specifiers(text: str, invalid: list[str]) -> None:
    assert invalid_specifiers(text) == invalid


# --- pieces of values: a block of a task, a `$VAR` in a string ---

def test_a_piece_of_a_value_is_found_in_plain_quoted_and_block_scalars(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(
        'plain: tap-a  tap-a target\n'
        'quoted: "say \\"hi\\" $A and $A"\n'
        'block: |\n'
        '  first $A\n'
        '  second $A\n', encoding="utf-8")
    source = load_project(tmp_path).meltano_file
    data = source.data

    def at(key: str, start: int, end: int) -> tuple:
        loc = piece_location(source, (key,), data[key], start, end)
        return loc.line, loc.column, loc.end_column

    assert at("plain", 7, 12) == (1, 15, 19)  # the second `tap-a`, after two spaces
    value = data["quoted"]
    second = value.rindex("$A")
    assert at("quoted", second, second + 2) == (2, 28, 29)  # escapes before it, found by its occurrence
    value = data["block"]
    second = value.rindex("$A")
    assert at("block", second, second + 2) == (5, 10, 11)


# --- lock files: any damage is a problem on that file, never an exception ---

def test_bad_lock_files_are_problems_not_exceptions(tmp_path: Path) -> None:
    cases = {
        "truncated.lock": b'{\n  "name": "tap-github",\n',
        "conflict.lock": b'{\n<<<<<<< HEAD\n}\n',
        "list.lock": b'["tap-github"]\n',
        "settings.lock": b'{"settings": {"name": "token"}}\n',
        "latin1.lock": '{"label": "caf\u00e9"}'.encode("latin-1"),
        "deep.lock": b"[" * 100_000 + b"]" * 100_000,
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        lock = read_lock_file(tmp_path / name)
        assert lock.data is None and lock.problem, name
        assert lock.problem_location is not None and lock.problem_location.file == tmp_path / name
    truncated = read_lock_file(tmp_path / "truncated.lock")
    assert (truncated.problem_location.line, truncated.problem_location.column) == (3, 1)


def test_lock_files_are_found_by_type_name_and_variant(tmp_path: Path) -> None:
    folder = tmp_path / "plugins" / "extractors"
    folder.mkdir(parents=True)
    (folder / "tap-github--meltanolabs.lock").write_text(json.dumps(
        {"plugin_type": "extractors", "name": "tap-github", "namespace": "tap_github",
         "settings": [{"name": "auth_token", "kind": "password"}, "junk"],
         "commands": {"sync": "sync"}}))
    locks = LockFiles(tmp_path)
    lock = locks.find("extractors", "tap-github", "meltanolabs")
    assert lock is not None and lock.settings == [{"name": "auth_token", "kind": "password"}]
    assert lock.commands == {"sync": "sync"}
    # No variant: Meltano 4 reads `<name>--default.lock` only, not another variant's lock file.
    assert locks.find("extractors", "tap-github", None) is None
    assert locks.variants("extractors", "tap-github") == ["meltanolabs"]
    assert locks.find("extractors", "tap-github", "singer-io") is None
    assert locks.find("loaders", "tap-github", "meltanolabs") is None  # no such folder


# --- the schema ---

def _templates(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        found.extend(v for k, v in node.items() if k in ("x-message", "x-hint"))
        for value in node.values():
            _templates(value, found)
    elif isinstance(node, list):
        for value in node:
            _templates(value, found)
    return found


def test_the_schema_is_valid_and_its_messages_fill_in() -> None:
    explain.validator("meltano.schema.json")  # raises if the schema is not valid draft 2020-12
    templates = _templates(explain.load_schema("meltano.schema.json"), [])
    assert templates
    for template in templates:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        assert {f.split("!")[0] for f in fields} <= {"name", "value", "key"}, template
        template.format(name="n", value="v", key="k")


def test_editors_can_use_the_schema_on_the_bundled_examples() -> None:
    """Each project file of the examples that must pass is valid against the schema alone."""
    for name in ("ready", "multi-file"):
        project = load_project(REPO / "examples" / name)
        for source in project.files:
            problems = list(explain.problems(source.data, "meltano.schema.json"))
            assert problems == [], (source.path, problems)


def test_secret_values_never_reach_the_output(tmp_path: Path) -> None:
    canary = "Canary7-do-not-print"
    (tmp_path / "plugins" / "loaders").mkdir(parents=True)
    (tmp_path / "plugins" / "loaders" / "target-postgres--meltanolabs.lock").write_text(
        (REPO / "examples/ready/plugins/loaders/target-postgres--meltanolabs.lock").read_text())
    (tmp_path / "meltano.yml").write_text(f"""\
version: 1
environments:
  - name: sandbox
    env:
      TARGET_POSTGRES_PASSWORD: {canary}-env
plugins:
  loaders:
    - name: target-postgres
      variant: meltanolabs
      config:
        password: {canary}-config
        host: ${{HOST:-{canary}-default}}
        user: pa$word{canary}
        key: |
          -----BEGIN RSA PRIVATE KEY-----
          {canary}-key
          -----END RSA PRIVATE KEY-----
""", encoding="utf-8")
    for fmt in ("text", "json", "markdown"):
        done = run_cli("check", str(tmp_path), "--format", fmt, "--onboarding-file=", cwd=tmp_path)
        assert done.returncode == 1
        assert "[P501]" in done.stdout or '"P501"' in done.stdout or "`P501`" in done.stdout
        assert canary not in done.stdout + done.stderr, fmt
