"""Generated from schemas/datastore.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_https___github_com_meltano_onboard_schemas_datastore_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['data_plugin']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException
        if "data_plugin" in data_keys:
            data_keys.remove("data_plugin")
            data__dataplugin = data["data_plugin"]
            if not isinstance(data__dataplugin, (str)):
                raise JsonSchemaValueException
        if "properties" in data_keys:
            data_keys.remove("properties")
            data__properties = data["properties"]
            if not isinstance(data__properties, (dict)):
                raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

validate = validate_https___github_com_meltano_onboard_schemas_datastore_schema_json
