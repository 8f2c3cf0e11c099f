#!/usr/bin/env python3
"""Write onboard_action/schema/generated/: plain-Python validators of the bundled schemas.

    python tools/generate_schema_code.py          # rewrite the generated modules
    python tools/generate_schema_code.py --check  # exit 1 when they are stale

jsonschema explains every failure, but importing it costs about as much as
reading a 500-plugin project; fastjsonschema turns a schema into Python code
that only answers "valid or not" and imports nothing. The check asks that
code first and imports jsonschema only when the answer is "not valid" (see
onboard_action/schema/generated/__init__.py). fastjsonschema is needed here, at
development time, not in the image; tests/test_schema_code.py runs `--check`
and compares both validators' verdicts.

fastjsonschema reads draft-07; the schemas are draft 2020-12 but use only
keywords that mean the same in both (the test keeps it so). Two edits make
the code standalone and fast, each asserted to have applied:

* its exception comes from schema/generated/_errors.py, not from fastjsonschema;
* a failure raises the bare exception, without the message, value and
  subschema fastjsonschema builds for it, and a `$ref`'d subschema is called
  without the message prefix it formats from `locals()` for every list entry:
  its messages are never shown (jsonschema writes them), and without them the
  code is a tenth of the size (`detailed_exceptions=False` would do it, but
  fails on `const` in fastjsonschema 2.22).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import fastjsonschema

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "onboard_action" / "schemas"
OUT = REPO / "onboard_action" / "schema" / "generated"
# schema file -> generated module
MODULES = {
    "meltano.schema.json": "meltano.py",
    "onboarding.schema.json": "onboarding.py",
    "schedule.schema.json": "schedule.py",
    "workspace.schema.json": "workspace.py",
    "onboarding-cloud.schema.json": "onboarding_cloud.py",
    "pipeline.schema.json": "pipeline.py",
    "datastore.schema.json": "datastore.py",
}
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
EXCEPTIONS = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
OWN_EXCEPTIONS = ("from onboard_action.schema.generated._errors import "
                  "JsonSchemaValueException, JsonSchemaValuesException\n")
REF_NAME = re.compile(
    r'custom_formats, \(name_prefix or "data"\) \+ "[^"\n]*"(?:\.format\(\*\*locals\(\)\))?\)')
RAISE = re.compile(r"^( *)raise JsonSchemaValueException\(.*\)$", re.MULTILINE)


def generate(schema_file: str) -> str:
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    schema["$schema"] = DRAFT_07
    code = fastjsonschema.compile_to_code(schema, use_default=False, use_formats=False)
    code = _replace_once(code, EXCEPTIONS, OWN_EXCEPTIONS)
    code, raises = RAISE.subn(r"\1raise JsonSchemaValueException", code)
    if not raises or "definition=" in code:
        raise SystemExit(f"{schema_file}: raise statements not as expected; has fastjsonschema changed?")
    code, refs = REF_NAME.subn("custom_formats, None)", code)
    if "$ref" in json.dumps(schema) and not refs:
        raise SystemExit(f"{schema_file}: no `$ref` call found to edit; has fastjsonschema changed?")
    entry = re.search(r"^def (validate_\w+)\(", code, re.MULTILINE)
    if entry is None:
        raise SystemExit(f"{schema_file}: no validate function in the generated code")
    header = (f'"""Generated from schemas/{schema_file} by tools/generate_schema_code.py: '
              "do not edit."
              '"""\n# ruff: noqa\n')
    return f"{header}{code}\n\nvalidate = {entry.group(1)}\n"


def _replace_once(code: str, old: str, new: str) -> str:
    if code.count(old) != 1:
        raise SystemExit(f"expected {old.strip()!r} once in fastjsonschema's output; has it changed?")
    return code.replace(old, new)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a module is stale")
    args = parser.parse_args()
    stale = []
    for schema_file, module in MODULES.items():
        code, path = generate(schema_file), OUT / module
        if path.exists() and path.read_text(encoding="utf-8") == code:
            continue
        stale.append(path.relative_to(REPO).as_posix())
        if not args.check:
            path.write_text(code, encoding="utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run python tools/generate_schema_code.py", file=sys.stderr)
        return 1
    print("\n".join(f"wrote {p}" for p in stale) if stale else "up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
