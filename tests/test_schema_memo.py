"""Validating each kind of list entry once gives exactly the errors jsonschema gives entry by entry."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from onboard_action.schema.explain import load_schema
from onboard_action.schema.memo import Shapes, memoizing
from tests.schema_strategies import project_file

SCHEMAS = ("meltano.schema.json", "onboarding.schema.json", "schedule.schema.json", "workspace.schema.json",
           "pipeline.schema.json", "datastore.schema.json", "onboarding-cloud.schema.json")


def errors(validator, instance) -> list[tuple]:
    return [(tuple(e.absolute_path), e.validator, e.message, len(e.context or ()))
            for e in validator.iter_errors(instance)]


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_bundled_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    # Checked here rather than on every run: the schemas ship with the package.
    Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_bundled_schema_gets_a_memo(name: str) -> None:
    assert Shapes.of(load_schema(name)) is not None


def test_a_thousand_plugins_of_one_shape_are_validated_once() -> None:
    validator, shapes = memoizing(Draft202012Validator, load_schema("meltano.schema.json"))
    plugins = [{"name": f"tap-{i}", "variant": "meltanolabs", "pip_url": f"tap-{i}==1.{i}",
                "config": {"start_date": "2024-01-01"}} for i in range(1000)]
    assert errors(validator, {"plugins": {"extractors": plugins}}) == []
    assert len(shapes.valid) == 1


def test_an_invalid_entry_among_valid_ones_of_the_same_kind_is_still_reported() -> None:
    validator, _ = memoizing(Draft202012Validator, load_schema("meltano.schema.json"))
    plain = Draft202012Validator(load_schema("meltano.schema.json"))
    plugins = [{"name": f"tap-{i}", "variant": "v"} for i in range(5)]
    plugins[3] = {"name": "tap-3", "variant": ""}  # same keys and types, but empty
    plugins[4]["settings"] = [{"name": "a", "kind": "password"},
                              {"name": "b", "kind": "passwort"}]  # not one of the kinds
    environments = [{"name": "dev"}, {"name": "a:b"}, {"name": "prod"}]  # `:` fails a pattern
    instance = {"plugins": {"loaders": plugins}, "environments": environments,
                "venv": {"backend": "uv"}}
    found = errors(validator, instance)
    assert [path for path, *_ in found] == [("plugins", "loaders", 3, "variant"),
                                            ("plugins", "loaders", 4, "settings", 1, "kind"),
                                            ("environments", 1, "name")]
    assert found == errors(plain, instance)


@pytest.mark.parametrize("schema", [
    {"type": "array", "uniqueItems": True},
    {"$ref": "https://example.com/other.json"},
    {"$dynamicRef": "#node"},
    {"enum": [{"a": 1}]},
    {"properties": {"x": {"$id": "https://example.com/x", "type": "string"}}},
    {"someNewKeyword": 1},
])
def test_a_schema_with_a_keyword_a_shape_cannot_stand_for_gets_no_memo(schema: dict) -> None:
    assert Shapes.of(schema) is None
    validator, shapes = memoizing(Draft202012Validator, schema)
    assert shapes is None and type(validator) is Draft202012Validator


def test_values_the_schema_tells_apart_have_different_shapes() -> None:
    shapes = Shapes.of(load_schema("meltano.schema.json"))
    assert shapes.shape("tap-a") == shapes.shape("tap-b")  # names: the schema cannot tell
    assert shapes.shape("") != shapes.shape("x")  # minLength 1
    assert shapes.shape("a:b") != shapes.shape("ab")  # the environment name pattern
    assert shapes.shape("password") != shapes.shape("passwort")  # a setting `kind`
    assert len({repr(shapes.shape(v)) for v in (1, 1.0, True, None, "1", [1], {"1": 1})}) == 7
    assert shapes.shape({"a": 1, "b": 2}) != shapes.shape({"b": 2, "a": 1})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(project_file, min_size=1, max_size=3))
def test_the_memo_reports_exactly_what_plain_jsonschema_reports(files: list[dict]) -> None:
    # One memo across several files, as in a run: what one file taught must hold in the next.
    validator, _ = memoizing(Draft202012Validator, load_schema("meltano.schema.json"))
    plain = Draft202012Validator(load_schema("meltano.schema.json"))
    for instance in files:
        assert errors(validator, instance) == errors(plain, instance)
