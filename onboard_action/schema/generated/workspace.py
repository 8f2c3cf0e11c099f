"""Generated from schemas/workspace.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_https___github_com_meltano_onboard_schemas_workspace_schema_json(data, custom_formats={}, name_prefix=None):
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
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
        if "domains" in data_keys:
            data_keys.remove("domains")
            data__domains = data["domains"]
            if not isinstance(data__domains, (list, tuple)):
                raise JsonSchemaValueException
            data__domains_is_list = isinstance(data__domains, (list, tuple))
            if data__domains_is_list:
                data__domains_len = len(data__domains)
                for data__domains_x, data__domains_item in enumerate(data__domains):
                    if not isinstance(data__domains_item, (str)):
                        raise JsonSchemaValueException
        if "default_data_store" in data_keys:
            data_keys.remove("default_data_store")
            data__defaultdatastore = data["default_data_store"]
            if not isinstance(data__defaultdatastore, (str)):
                raise JsonSchemaValueException
        if "state_data_store" in data_keys:
            data_keys.remove("state_data_store")
            data__statedatastore = data["state_data_store"]
            if not isinstance(data__statedatastore, (str)):
                raise JsonSchemaValueException
        if "dataset_paths" in data_keys:
            data_keys.remove("dataset_paths")
            data__datasetpaths = data["dataset_paths"]
            if not isinstance(data__datasetpaths, (list, tuple)):
                raise JsonSchemaValueException
            data__datasetpaths_is_list = isinstance(data__datasetpaths, (list, tuple))
            if data__datasetpaths_is_list:
                data__datasetpaths_len = len(data__datasetpaths)
                for data__datasetpaths_x, data__datasetpaths_item in enumerate(data__datasetpaths):
                    if not isinstance(data__datasetpaths_item, (str)):
                        raise JsonSchemaValueException
        if "channel_paths" in data_keys:
            data_keys.remove("channel_paths")
            data__channelpaths = data["channel_paths"]
            if not isinstance(data__channelpaths, (list, tuple)):
                raise JsonSchemaValueException
            data__channelpaths_is_list = isinstance(data__channelpaths, (list, tuple))
            if data__channelpaths_is_list:
                data__channelpaths_len = len(data__channelpaths)
                for data__channelpaths_x, data__channelpaths_item in enumerate(data__channelpaths):
                    if not isinstance(data__channelpaths_item, (str)):
                        raise JsonSchemaValueException
        if "pipeline_paths" in data_keys:
            data_keys.remove("pipeline_paths")
            data__pipelinepaths = data["pipeline_paths"]
            if not isinstance(data__pipelinepaths, (list, tuple)):
                raise JsonSchemaValueException
            data__pipelinepaths_is_list = isinstance(data__pipelinepaths, (list, tuple))
            if data__pipelinepaths_is_list:
                data__pipelinepaths_len = len(data__pipelinepaths)
                for data__pipelinepaths_x, data__pipelinepaths_item in enumerate(data__pipelinepaths):
                    if not isinstance(data__pipelinepaths_item, (str)):
                        raise JsonSchemaValueException
        if "plugin_paths" in data_keys:
            data_keys.remove("plugin_paths")
            data__pluginpaths = data["plugin_paths"]
            if not isinstance(data__pluginpaths, (list, tuple)):
                raise JsonSchemaValueException
            data__pluginpaths_is_list = isinstance(data__pluginpaths, (list, tuple))
            if data__pluginpaths_is_list:
                data__pluginpaths_len = len(data__pluginpaths)
                for data__pluginpaths_x, data__pluginpaths_item in enumerate(data__pluginpaths):
                    if not isinstance(data__pluginpaths_item, (str)):
                        raise JsonSchemaValueException
        if "data_store_paths" in data_keys:
            data_keys.remove("data_store_paths")
            data__datastorepaths = data["data_store_paths"]
            if not isinstance(data__datastorepaths, (list, tuple)):
                raise JsonSchemaValueException
            data__datastorepaths_is_list = isinstance(data__datastorepaths, (list, tuple))
            if data__datastorepaths_is_list:
                data__datastorepaths_len = len(data__datastorepaths)
                for data__datastorepaths_x, data__datastorepaths_item in enumerate(data__datastorepaths):
                    if not isinstance(data__datastorepaths_item, (str)):
                        raise JsonSchemaValueException
        if "app_properties" in data_keys:
            data_keys.remove("app_properties")
            data__appproperties = data["app_properties"]
            if not isinstance(data__appproperties, (dict)):
                raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

validate = validate_https___github_com_meltano_onboard_schemas_workspace_schema_json
