"""Is an instance valid against a bundled schema? Asked before jsonschema, which explains failures.

The modules beside this one are generated from `onboard_action/schemas/` by
`tools/generate_schema_code.py` (fastjsonschema, at development time) and
import nothing. A valid project, the usual case on a pull request, is then
checked without importing jsonschema, which costs about as much as reading a
500-plugin project. Only "valid" is trusted: any other answer, or any
surprise, sends the instance to jsonschema, whose errors are the findings.
tests/test_schema_code.py keeps the code in step with the schemas and checks
that both validators agree on every project in the tests.
"""

from __future__ import annotations

import importlib
from typing import Any

MODULES = {
    "meltano.schema.json": "meltano",
    "onboarding.schema.json": "onboarding",
    "schedule.schema.json": "schedule",
    "workspace.schema.json": "workspace",
    "onboarding-cloud.schema.json": "onboarding_cloud",
    "pipeline.schema.json": "pipeline",
    "datastore.schema.json": "datastore",
}


def is_valid(schema_name: str, instance: Any) -> bool:
    """True only when `instance` is certainly valid against the bundled schema `schema_name`."""
    module = MODULES.get(schema_name)
    if module is None:
        return False
    validate = importlib.import_module(f"{__name__}.{module}").validate
    try:
        validate(instance)
    except Exception:
        # Invalid, or a value the generated code did not expect: either way jsonschema decides.
        return False
    return True
