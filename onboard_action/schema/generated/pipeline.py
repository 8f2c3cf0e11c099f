"""Generated from schemas/pipeline.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_https___github_com_meltano_onboard_schemas_pipeline_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            if not isinstance(data__label, (str)):
                raise JsonSchemaValueException
        if "data_components" in data_keys:
            data_keys.remove("data_components")
            data__datacomponents = data["data_components"]
            if not isinstance(data__datacomponents, (list, tuple)):
                raise JsonSchemaValueException
            data__datacomponents_is_list = isinstance(data__datacomponents, (list, tuple))
            if data__datacomponents_is_list:
                data__datacomponents_len = len(data__datacomponents)
                for data__datacomponents_x, data__datacomponents_item in enumerate(data__datacomponents):
                    if not isinstance(data__datacomponents_item, (str)):
                        raise JsonSchemaValueException
        if "actions" in data_keys:
            data_keys.remove("actions")
            data__actions = data["actions"]
            if not isinstance(data__actions, (list, tuple)):
                raise JsonSchemaValueException
            data__actions_is_list = isinstance(data__actions, (list, tuple))
            if data__actions_is_list:
                data__actions_len = len(data__actions)
                for data__actions_x, data__actions_item in enumerate(data__actions):
                    if not isinstance(data__actions_item, (str)):
                        raise JsonSchemaValueException
        if "script" in data_keys:
            data_keys.remove("script")
            data__script = data["script"]
            if not isinstance(data__script, (str)):
                raise JsonSchemaValueException
        if "timeout" in data_keys:
            data_keys.remove("timeout")
            data__timeout = data["timeout"]
            if not isinstance(data__timeout, (int)) and not (isinstance(data__timeout, float) and data__timeout.is_integer()) or isinstance(data__timeout, bool):
                raise JsonSchemaValueException
            if isinstance(data__timeout, (int, float, Decimal)) and not isinstance(data__timeout, bool):
                if data__timeout < 0:
                    raise JsonSchemaValueException
        if "max_retries" in data_keys:
            data_keys.remove("max_retries")
            data__maxretries = data["max_retries"]
            if not isinstance(data__maxretries, (int)) and not (isinstance(data__maxretries, float) and data__maxretries.is_integer()) or isinstance(data__maxretries, bool):
                raise JsonSchemaValueException
            if isinstance(data__maxretries, (int, float, Decimal)) and not isinstance(data__maxretries, bool):
                if data__maxretries < 0:
                    raise JsonSchemaValueException
        if "properties" in data_keys:
            data_keys.remove("properties")
            data__properties = data["properties"]
            if not isinstance(data__properties, (dict)):
                raise JsonSchemaValueException
        if "schedule" in data_keys:
            data_keys.remove("schedule")
            data__schedule = data["schedule"]
            if not isinstance(data__schedule, (str)):
                raise JsonSchemaValueException
        if "triggered_by" in data_keys:
            data_keys.remove("triggered_by")
            data__triggeredby = data["triggered_by"]
            if not isinstance(data__triggeredby, (list, tuple)):
                raise JsonSchemaValueException
            data__triggeredby_is_list = isinstance(data__triggeredby, (list, tuple))
            if data__triggeredby_is_list:
                data__triggeredby_len = len(data__triggeredby)
                for data__triggeredby_x, data__triggeredby_item in enumerate(data__triggeredby):
                    if not isinstance(data__triggeredby_item, (str)):
                        raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

validate = validate_https___github_com_meltano_onboard_schemas_pipeline_schema_json
