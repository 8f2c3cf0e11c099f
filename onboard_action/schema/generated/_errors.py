"""The exceptions the generated validators raise, so that they need no fastjsonschema at run time."""


class JsonSchemaValueException(ValueError):
    """The instance is not valid; jsonschema says why."""


# fastjsonschema raises this when it collects errors instead of stopping at the first; ours stop.
JsonSchemaValuesException = JsonSchemaValueException
