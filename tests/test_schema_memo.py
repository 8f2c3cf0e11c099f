"""Validating each kind of list entry once gives exactly the errors jsonschema gives entry by entry."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from onboard_action.schema import load_schema
from onboard_action.schema_memo import Shapes, memoizing

SCHEMAS = ("meltano.schema.json", "onboarding.schema.json", "schedule.schema.json")


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


# Entries drawn from the keys and values the meltano.yml schema cares about, with
# many alike, so that the memo is used and every kind of mistake turns up.
_text = st.sampled_from(["", "tap-x", "a:b", "password", "string", "uv", "virtualenv", "x" * 3])
_scalar = st.one_of(_text, st.integers(-2, 2), st.booleans(), st.none(), st.just(1.0))
_value = st.recursive(_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["name", "args", "kind", "x"]), inner, max_size=3)),
    max_leaves=6)
_setting = st.fixed_dictionaries({"name": _text}, optional={"kind": _text, "sensitive": _scalar})
_plugin = st.fixed_dictionaries({}, optional={"name": _text, "settings": st.lists(_setting, max_size=4)}) | \
    st.dictionaries(
        st.sampled_from(["name", "variant", "pip_url", "namespace", "config", "settings",
                         "commands", "capabilities", "mappings", "hidden", "unknown"]),
        st.one_of(_value, st.lists(_setting, max_size=3)), max_size=5)
_job = st.fixed_dictionaries({"name": _text}, optional={"tasks": _value})
_environment = st.fixed_dictionaries({"name": _text}, optional={
    "config": st.fixed_dictionaries({"plugins": st.fixed_dictionaries(
        {"extractors": st.lists(_plugin, max_size=3)})}), "env": _value})
_file = st.fixed_dictionaries({}, optional={
    "plugins": st.dictionaries(st.sampled_from(["extractors", "loaders", "mappers", "taps"]),
                               st.lists(_plugin, max_size=6), max_size=2),
    "jobs": st.lists(_job, max_size=5),
    "environments": st.lists(_environment, max_size=3),
    "include_paths": st.lists(_text, max_size=3),
    "version": _scalar,
})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(_file, min_size=1, max_size=3))
def test_the_memo_reports_exactly_what_plain_jsonschema_reports(files: list[dict]) -> None:
    # One memo across several files, as in a run: what one file taught must hold in the next.
    validator, _ = memoizing(Draft202012Validator, load_schema("meltano.schema.json"))
    plain = Draft202012Validator(load_schema("meltano.schema.json"))
    for instance in files:
        assert errors(validator, instance) == errors(plain, instance)
