"""JSON Schema validation whose errors land on the offending key or value, in plain words.

Schemas live in `onboard_action/schemas/` (draft 2020-12). Besides standard
keywords they may carry:

* `x-message`: what to say when this (sub)schema fails, with `{name}` (the
  instance's `name`), `{value}` and `{key}` filled in. For `oneOf`/`anyOf`
  put it on the branch a person most likely meant, or on the `oneOf` itself.
* `x-hint`: how to fix it.

Validators are built once per schema and process, and validate each distinct
kind of list entry once (`schema_memo.py`). An instance is first given to
code generated from the schema (`generated/`): when that finds it valid,
jsonschema is never imported. The bundled schemas are checked against the
metaschema by the tests (tests/test_schema_memo.py), not on every run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from onboard_action.load.yamlfile import YList, YMap, value_at
from onboard_action.schema import generated
from onboard_action.schema.memo import memoizing
from onboard_action.values.suggest import close_match

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@cache
def load_schema(name: str) -> dict:
    # Beside this module in every install (never zipped): importlib.resources would import zipfile.
    text = (SCHEMAS / name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return memoizing(Draft202012Validator, load_schema(name))[0]


class SchemaProblem(Struct, frozen=True):
    path: tuple  # inside the validated instance
    key: bool  # point at the key at `path` rather than its value
    message: str
    hint: str


def problems(instance: Any, schema_name: str, subject: str = "the file") -> Iterator[SchemaProblem]:
    if generated.is_valid(schema_name, instance):
        return  # the usual case, decided without importing jsonschema
    retyped_seen: set[tuple] = set()
    for error in validator(schema_name).iter_errors(instance):
        unknown = _unexpected_keys(error) if error.validator in (
            "additionalProperties", "unevaluatedProperties") else []
        if len(unknown) > 1 and not _custom(error.schema, error.instance, error):
            # One error for several unknown keys: each key gets its own finding.
            path = tuple(error.absolute_path)
            where = _describe_path(path, instance) if path else subject
            yield from (_unknown_key(error, key, where) for key in unknown)
            continue
        problem = describe(error, instance, subject)
        if not problem.key and _written(instance, problem.path) is not None:
            # `role: yes` fails both `type` and `enum`; what YAML made of it is said once.
            if problem.path in retyped_seen:
                continue
            retyped_seen.add(problem.path)
        yield problem


def _unknown_key(error: ValidationError, key: str, where: str) -> SchemaProblem:
    known = tuple(sorted(error.schema.get("properties", {})))
    suggestion = _closest_key(key, known)
    hint = (f"did you mean `{suggestion}`?" if suggestion
            else f"remove it; allowed keys: {', '.join(known)}" if known else "remove it")
    return SchemaProblem((*error.absolute_path, key), True, f"unknown key `{key}` in {where}", hint)


@lru_cache(maxsize=1024)
def _closest_key(key: str, known: tuple[str, ...]) -> str | None:
    # Thousands of entries often share one misspelt key: compare it with the allowed keys once.
    return close_match(key, known)


def describe(error: ValidationError, root: Any, subject: str = "the file") -> SchemaProblem:
    retyped = _retyped_text(error, root, subject)
    if retyped:
        return retyped
    if error.validator in ("oneOf", "anyOf"):
        custom = _custom(error.schema, error.instance, error)
        if custom:
            return custom
        if error.context:
            from jsonschema.exceptions import best_match

            # The branch a person most likely meant: the deepest, most specific error.
            error = best_match(error.context)
    custom = _custom(error.schema, error.instance, error)
    if custom:
        return custom
    path = tuple(error.absolute_path)
    where = _describe_path(path, root) if path else subject
    validator_name = error.validator
    if validator_name == "required":
        missing = _missing_key(error)
        return SchemaProblem(path, bool(path), f"{where} is missing the required key `{missing}`",
                             f"add `{missing}:`")
    if validator_name in ("additionalProperties", "unevaluatedProperties"):
        return _unknown_key(error, (_unexpected_keys(error) or [""])[0], where)
    if validator_name == "type":
        return _type_problem(error, path, where, root)
    if validator_name in ("enum", "const"):
        allowed = error.validator_value if validator_name == "enum" else [error.validator_value]
        written = _written(root, path)
        if written is not None:
            return SchemaProblem(path, False,
                                 f"{where} is written `{written}`, which YAML reads as "
                                 f"{_kind(error.instance)}",
                                 "use one of: " + ", ".join(f"`{a}`" for a in allowed))
        suggestion = close_match(str(error.instance), [str(a) for a in allowed])
        hint = (f"did you mean `{suggestion}`?" if suggestion
                else "use one of: " + ", ".join(f"`{a}`" for a in allowed))
        return SchemaProblem(path, False, f"{where} is {json.dumps(error.instance)}, "
                             f"which is not allowed", hint)
    if validator_name in ("minItems", "minLength", "minProperties"):
        return SchemaProblem(path, False, f"{where} is empty", "add at least one entry")
    if validator_name == "pattern":
        return SchemaProblem(path, False, f"{where} is {json.dumps(error.instance)}, which does "
                             f"not match the expected form", f"use the form {error.validator_value}")
    return SchemaProblem(path, False, f"{where}: {error.message}", "")


def _custom(schema: Any, instance: Any, error: ValidationError) -> SchemaProblem | None:
    if not isinstance(schema, dict) or "x-message" not in schema:
        return None
    fields = {
        "name": instance.get("name", "?") if isinstance(instance, dict) else "?",
        "value": instance if not isinstance(instance, (dict, list)) else "",
        "key": error.absolute_path[-1] if error.absolute_path else "",
    }
    return SchemaProblem(tuple(error.absolute_path), False,
                         schema["x-message"].format(**fields), schema.get("x-hint", "").format(**fields))


def _type_problem(error: ValidationError, path: tuple, where: str, root: Any) -> SchemaProblem:
    expected = error.validator_value
    expected = " or ".join(expected) if isinstance(expected, list) else expected
    article = "an" if str(expected)[:1] in "aeiou" else "a"
    got = _kind(error.instance)
    written = _written(root, path)
    if written is not None:
        shown = f"is written `{written}`" if written else "has nothing after it"
        return SchemaProblem(path, False, f"{where} {shown}, which YAML reads as {got}, not {article} "
                             f"{expected}", _retyped_hint(written, expected, path, article))
    if "string" in str(expected) and isinstance(error.instance, (bool, int, float)):
        shown = json.dumps(error.instance)
        return SchemaProblem(path, False, f"{where} should be a string, not {got}",
                             f'quote it: "{shown}"')
    return SchemaProblem(path, False, f"{where} should be {article} {expected}, not {got}",
                         f"write {article} {expected} here")


def _retyped_hint(written: str, expected: str, path: tuple, article: str) -> str:
    """How to fix text YAML re-typed: quoting helps only where a string is allowed."""
    if "string" in expected:
        return f"quote it: \"{written}\""
    empty = {"object": "{}", "array": "[]"}.get(expected)
    key = path[-1] if path and isinstance(path[-1], str) else None
    if empty and key:
        return f"remove `{key}`, or write `{key}: {empty}` to set nothing"
    return f"write {article} {expected} here"


def _retyped_text(error: ValidationError, root: Any, subject: str) -> SchemaProblem | None:
    """Text that YAML 1.1 turned into something else (`- on`, `0777`) where text is allowed.

    What it became says more than any custom message, e.g. for a list item.
    """
    path = tuple(error.absolute_path)
    written = _written(root, path)
    if written is None:
        return None
    if error.validator == "type":
        types = [error.validator_value]
    elif error.validator in ("anyOf", "oneOf"):
        types = [branch.get("type") for branch in error.validator_value if isinstance(branch, dict)]
    else:
        return None
    if not any(t == "string" or (isinstance(t, list) and "string" in t) for t in types):
        return None
    where = _describe_path(path, root) if path else subject
    return SchemaProblem(path, False, f"{where} is written `{written}`, which YAML reads as "
                         f"{_kind(error.instance)}, not a string", f"quote it: \"{written}\"")


def _written(root: Any, path: tuple) -> str | None:
    """The text as written, when YAML 1.1 read the value at `path` as something else."""
    parent = value_at(root, path[:-1]) if path else None
    return parent.retyped.get(path[-1]) if isinstance(parent, (YMap, YList)) else None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__



def _describe_path(path: tuple, root: Any) -> str:
    """`plugins.extractors[2].config` in words people recognise: names where there are names."""
    if not path:
        return "the file"
    parts: list[str] = []
    node = root
    for part in path:
        node = node[part] if node is not None and _has(node, part) else None
        if isinstance(part, int):
            name = node.get("name") if isinstance(node, dict) else None
            parts.append(f"[{part}]" if not isinstance(name, str) else f"[{name!r}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "`" + "".join(parts) + "`"


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    if isinstance(node, list) and isinstance(part, int):
        return 0 <= part < len(node)
    return False


def _missing_key(error: ValidationError) -> str:
    for key in error.validator_value:
        if isinstance(error.instance, dict) and key not in error.instance:
            return key
    return str(error.validator_value[0])


def _unexpected_keys(error: ValidationError) -> list[str]:
    if not isinstance(error.instance, dict):
        return []
    allowed = set(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    import re

    return [k for k in error.instance
            if k not in allowed and not any(re.search(p, k) for p in patterns)]
