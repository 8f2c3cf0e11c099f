"""The generated validators (onboard_action/schema/generated) say "valid" exactly when jsonschema does.

A check trusts their "valid" without asking jsonschema, so a lenient
generated validator would hide findings. These tests compare both verdicts
on every YAML file the tests hold and on many more drawn by hypothesis.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from onboard_action.load.yamlfile import parse
from onboard_action.schema import generated as schema_code
from onboard_action.schema.explain import load_schema, problems
from onboard_action.schema.generated._errors import JsonSchemaValueException
from tests.schema_strategies import project_file, scalar, value

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = tuple(schema_code.MODULES)
# Keywords the bundled schemas may use: each means the same in draft-07, which
# fastjsonschema reads, as in draft 2020-12, which the schemas are written in.
# (`$ref` beside other validation keywords does not: draft-07 ignores them.)
SAME_IN_BOTH_DRAFTS = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "default", "examples",
    "type", "enum", "const", "properties", "additionalProperties", "required", "items",
    "minItems", "minLength", "maxLength", "pattern", "minimum", "allOf", "anyOf", "oneOf",
    "not", "if", "then", "else",
}
ANNOTATIONS = {"title", "description", "default", "examples"}


def generated_valid(name: str, instance: Any) -> bool:
    """The generated verdict, where any exception but "invalid" fails the test (is_valid hides them)."""
    module = importlib.import_module(f"onboard_action.schema.generated.{schema_code.MODULES[name]}")
    try:
        module.validate(instance)
    except JsonSchemaValueException:
        return False
    return True


def jsonschema_valid(name: str, instance: Any) -> bool:
    return Draft202012Validator(load_schema(name)).is_valid(instance)


def keywords(node: Any, found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((key, node))
            children = child.values() if key in ("properties", "$defs") else [child]
            for each in children:
                keywords(each, found)
    elif isinstance(node, list):
        for each in node:
            keywords(each, found)
    return found


def test_the_generated_code_is_what_the_schemas_give_today() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "generate_schema_code.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", SCHEMAS)
def test_schemas_use_only_keywords_that_draft_07_reads_the_same(name: str) -> None:
    used = keywords(load_schema(name), [])
    assert {key for key, _ in used if not key.startswith("x-")} <= SAME_IN_BOTH_DRAFTS
    ref_siblings = {key for key, node in used if "$ref" in node and key != "$ref"}
    assert ref_siblings <= ANNOTATIONS | {k for k in ref_siblings if k.startswith("x-")}


def test_the_generated_code_imports_neither_jsonschema_nor_fastjsonschema() -> None:
    code = ("import sys; from onboard_action.schema import generated as schema_code;"
            "assert schema_code.is_valid('meltano.schema.json', {'version': 1});"
            "print(sorted(m for m in sys.modules if 'jsonschema' in m))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_valid_project_file_is_valid_and_an_invalid_one_is_not() -> None:
    assert schema_code.is_valid("meltano.schema.json", {"version": 1, "plugins": {"extractors": [
        {"name": "tap-github", "variant": "meltanolabs"}]}})
    assert not schema_code.is_valid("meltano.schema.json", {"version": True})  # not the number 1
    assert not schema_code.is_valid("meltano.schema.json", {"plugins": {"extractors": [{}]}})
    assert not schema_code.is_valid("no-such.schema.json", {})


def test_an_invalid_file_still_gets_jsonschemas_located_errors() -> None:
    found = list(problems({"version": 1, "plugins": {"extractors": [{"name": "tap-a", "pip": "x"}]}},
                          "meltano.schema.json"))
    assert [(p.path, p.message) for p in found] == [
        (("plugins", "extractors", 0, "pip"), "unknown key `pip` in `plugins.extractors['tap-a']`")]


def yaml_documents() -> list[tuple[str, Any]]:
    """Every YAML file in the tests and examples that loads, with its path."""
    found = []
    for folder in ("tests/cases", "tests/hostile", "tests/golden", "examples"):
        for path in sorted((REPO / folder).rglob("*.y*ml")):
            if not path.is_file() or path.stat().st_size > 200_000:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            data = parse(text).data
            if data is not None:
                found.append((path.relative_to(REPO).as_posix(), data))
    return found


DOCUMENTS = yaml_documents()


def test_there_are_many_documents_to_compare() -> None:
    assert len(DOCUMENTS) > 300


@pytest.mark.parametrize("name", SCHEMAS)
def test_both_validators_agree_on_every_yaml_file_of_the_tests(name: str) -> None:
    instances = [(path, data) for path, data in DOCUMENTS]
    if name == "schedule.schema.json":  # schedules are validated entry by entry
        instances = [(path, entry) for path, data in DOCUMENTS if isinstance(data, dict)
                     and isinstance(data.get("schedules"), list) for entry in data["schedules"]]
    disagree = [path for path, data in instances
                if generated_valid(name, data) != jsonschema_valid(name, data)]
    assert disagree == []
    assert any(generated_valid(name, data) for _, data in instances)  # both kinds compared
    assert not all(generated_valid(name, data) for _, data in instances)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=project_file)
def test_both_validators_agree_on_drawn_project_files(instance: dict) -> None:
    name = "meltano.schema.json"
    assert generated_valid(name, instance) == jsonschema_valid(name, instance)


def _example(path: str) -> Any:
    return parse((REPO / path).read_text(encoding="utf-8")).data


def mutated(example: Any) -> st.SearchStrategy:
    """The example with a few values replaced, keys removed or unknown keys added."""
    def paths(node: Any, at: tuple = ()) -> list[tuple]:
        found = [at]
        children = (node.items() if isinstance(node, dict)
                    else enumerate(node) if isinstance(node, list) else ())
        for key, child in children:
            found.extend(paths(child, (*at, key)))
        return found

    every = paths(example)[1:]
    change = st.tuples(st.sampled_from(every), st.sampled_from(["replace", "remove", "add"]),
                       st.one_of(value, scalar, st.sampled_from(["owner", "github", "@daily", "a b"])))

    def apply(changes: list) -> Any:
        copy = json.loads(json.dumps(example))
        for path, how, new in changes:
            parent = copy
            try:
                for key in path[:-1]:
                    parent = parent[key]
                if how == "replace":
                    parent[path[-1]] = new
                elif how == "remove":
                    del parent[path[-1]]
                elif isinstance(parent[path[-1]], dict):
                    parent[path[-1]]["unknown"] = new
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed or replaced this path
        return copy

    return st.lists(change, min_size=1, max_size=3).map(apply)


ONBOARDING = _example("examples/ready/onboarding.yml")
SCHEDULE = {"name": "daily", "interval": "@daily", "job": "load", "env": {"A": "1"}}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=mutated(ONBOARDING))
def test_both_validators_agree_on_changed_onboarding_files(instance: Any) -> None:
    name = "onboarding.schema.json"
    assert generated_valid(name, instance) == jsonschema_valid(name, instance)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=mutated(SCHEDULE))
def test_both_validators_agree_on_changed_schedules(instance: Any) -> None:
    name = "schedule.schema.json"
    assert generated_valid(name, instance) == jsonschema_valid(name, instance)
