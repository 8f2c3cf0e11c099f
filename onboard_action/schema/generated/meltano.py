"""Generated from schemas/meltano.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^:]*$': re.compile('^[^:]*\\Z')
}

NoneType = type(None)

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not (isinstance(data__version, (int, float)) and not isinstance(data__version, bool) and data__version == 1):
                raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if "default_environment" in data_keys:
            data_keys.remove("default_environment")
            data__defaultenvironment = data["default_environment"]
            if not isinstance(data__defaultenvironment, (str)):
                raise JsonSchemaValueException
            if isinstance(data__defaultenvironment, str):
                data__defaultenvironment_len = len(data__defaultenvironment)
                if data__defaultenvironment_len < 1:
                    raise JsonSchemaValueException
        if "send_anonymous_usage_stats" in data_keys:
            data_keys.remove("send_anonymous_usage_stats")
            data__sendanonymoususagestats = data["send_anonymous_usage_stats"]
            if not isinstance(data__sendanonymoususagestats, (bool)):
                raise JsonSchemaValueException
        if "project_id" in data_keys:
            data_keys.remove("project_id")
            data__projectid = data["project_id"]
            if not isinstance(data__projectid, (str)):
                raise JsonSchemaValueException
        if "requires_meltano" in data_keys:
            data_keys.remove("requires_meltano")
            data__requiresmeltano = data["requires_meltano"]
            if not isinstance(data__requiresmeltano, (str)):
                raise JsonSchemaValueException
        if "database_uri" in data_keys:
            data_keys.remove("database_uri")
            data__databaseuri = data["database_uri"]
            if not isinstance(data__databaseuri, (str)):
                raise JsonSchemaValueException
        if "database_max_retries" in data_keys:
            data_keys.remove("database_max_retries")
            data__databasemaxretries = data["database_max_retries"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_count(data__databasemaxretries, custom_formats, None)
        if "database_retry_timeout" in data_keys:
            data_keys.remove("database_retry_timeout")
            data__databaseretrytimeout = data["database_retry_timeout"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_count(data__databaseretrytimeout, custom_formats, None)
        if "python" in data_keys:
            data_keys.remove("python")
            data__python = data["python"]
            if not isinstance(data__python, (str)):
                raise JsonSchemaValueException
        if "project_readonly" in data_keys:
            data_keys.remove("project_readonly")
            data__projectreadonly = data["project_readonly"]
            if not isinstance(data__projectreadonly, (bool)):
                raise JsonSchemaValueException
        if "auto_install" in data_keys:
            data_keys.remove("auto_install")
            data__autoinstall = data["auto_install"]
            if not isinstance(data__autoinstall, (bool)):
                raise JsonSchemaValueException
        if "experimental" in data_keys:
            data_keys.remove("experimental")
            data__experimental = data["experimental"]
            if not isinstance(data__experimental, (bool)):
                raise JsonSchemaValueException
        if "hub_url" in data_keys:
            data_keys.remove("hub_url")
            data__huburl = data["hub_url"]
            if not isinstance(data__huburl, (str)):
                raise JsonSchemaValueException
        if "hub_url_auth" in data_keys:
            data_keys.remove("hub_url_auth")
            data__huburlauth = data["hub_url_auth"]
            if not isinstance(data__huburlauth, (str, bool, NoneType)):
                raise JsonSchemaValueException
        if "hub_api_root" in data_keys:
            data_keys.remove("hub_api_root")
            data__hubapiroot = data["hub_api_root"]
            if not isinstance(data__hubapiroot, (str, NoneType)):
                raise JsonSchemaValueException
        if "state_backend" in data_keys:
            data_keys.remove("state_backend")
            data__statebackend = data["state_backend"]
            if not isinstance(data__statebackend, (dict)):
                raise JsonSchemaValueException
            data__statebackend_is_dict = isinstance(data__statebackend, dict)
            if data__statebackend_is_dict:
                data__statebackend_keys = set(data__statebackend.keys())
                if "uri" in data__statebackend_keys:
                    data__statebackend_keys.remove("uri")
                    data__statebackend__uri = data__statebackend["uri"]
                    if not isinstance(data__statebackend__uri, (str)):
                        raise JsonSchemaValueException
                if "lock_timeout_seconds" in data__statebackend_keys:
                    data__statebackend_keys.remove("lock_timeout_seconds")
                    data__statebackend__locktimeoutseconds = data__statebackend["lock_timeout_seconds"]
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_count(data__statebackend__locktimeoutseconds, custom_formats, None)
                if "lock_retry_seconds" in data__statebackend_keys:
                    data__statebackend_keys.remove("lock_retry_seconds")
                    data__statebackend__lockretryseconds = data__statebackend["lock_retry_seconds"]
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_count(data__statebackend__lockretryseconds, custom_formats, None)
                if "azure" in data__statebackend_keys:
                    data__statebackend_keys.remove("azure")
                    data__statebackend__azure = data__statebackend["azure"]
                    if not isinstance(data__statebackend__azure, (dict)):
                        raise JsonSchemaValueException
                if "gcs" in data__statebackend_keys:
                    data__statebackend_keys.remove("gcs")
                    data__statebackend__gcs = data__statebackend["gcs"]
                    if not isinstance(data__statebackend__gcs, (dict)):
                        raise JsonSchemaValueException
                if "s3" in data__statebackend_keys:
                    data__statebackend_keys.remove("s3")
                    data__statebackend__s3 = data__statebackend["s3"]
                    if not isinstance(data__statebackend__s3, (dict)):
                        raise JsonSchemaValueException
        if "venv" in data_keys:
            data_keys.remove("venv")
            data__venv = data["venv"]
            if not isinstance(data__venv, (dict)):
                raise JsonSchemaValueException
            data__venv_is_dict = isinstance(data__venv, dict)
            if data__venv_is_dict:
                data__venv_keys = set(data__venv.keys())
                if "backend" in data__venv_keys:
                    data__venv_keys.remove("backend")
                    data__venv__backend = data__venv["backend"]
                    if not (isinstance(data__venv__backend, str) and data__venv__backend == 'virtualenv' or isinstance(data__venv__backend, str) and data__venv__backend == 'uv'):
                        raise JsonSchemaValueException
        if "cli" in data_keys:
            data_keys.remove("cli")
            data__cli = data["cli"]
            if not isinstance(data__cli, (dict)):
                raise JsonSchemaValueException
        if "elt" in data_keys:
            data_keys.remove("elt")
            data__elt = data["elt"]
            if not isinstance(data__elt, (dict)):
                raise JsonSchemaValueException
        if "ff" in data_keys:
            data_keys.remove("ff")
            data__ff = data["ff"]
            if not isinstance(data__ff, (dict)):
                raise JsonSchemaValueException
        if "snowplow" in data_keys:
            data_keys.remove("snowplow")
            data__snowplow = data["snowplow"]
            if not isinstance(data__snowplow, (dict)):
                raise JsonSchemaValueException
        if "include_paths" in data_keys:
            data_keys.remove("include_paths")
            data__includepaths = data["include_paths"]
            if not isinstance(data__includepaths, (list, tuple)):
                raise JsonSchemaValueException
            data__includepaths_is_list = isinstance(data__includepaths, (list, tuple))
            if data__includepaths_is_list:
                data__includepaths_len = len(data__includepaths)
                for data__includepaths_x, data__includepaths_item in enumerate(data__includepaths):
                    if not isinstance(data__includepaths_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__includepaths_item, str):
                        data__includepaths_item_len = len(data__includepaths_item)
                        if data__includepaths_item_len < 1:
                            raise JsonSchemaValueException
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_env(data__env, custom_formats, None)
        if "plugins" in data_keys:
            data_keys.remove("plugins")
            data__plugins = data["plugins"]
            if not isinstance(data__plugins, (dict)):
                raise JsonSchemaValueException
            data__plugins_is_dict = isinstance(data__plugins, dict)
            if data__plugins_is_dict:
                data__plugins_keys = set(data__plugins.keys())
                if "extractors" in data__plugins_keys:
                    data__plugins_keys.remove("extractors")
                    data__plugins__extractors = data__plugins["extractors"]
                    if not isinstance(data__plugins__extractors, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__extractors_is_list = isinstance(data__plugins__extractors, (list, tuple))
                    if data__plugins__extractors_is_list:
                        data__plugins__extractors_len = len(data__plugins__extractors)
                        for data__plugins__extractors_x, data__plugins__extractors_item in enumerate(data__plugins__extractors):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__extractors_item, custom_formats, None)
                if "loaders" in data__plugins_keys:
                    data__plugins_keys.remove("loaders")
                    data__plugins__loaders = data__plugins["loaders"]
                    if not isinstance(data__plugins__loaders, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__loaders_is_list = isinstance(data__plugins__loaders, (list, tuple))
                    if data__plugins__loaders_is_list:
                        data__plugins__loaders_len = len(data__plugins__loaders)
                        for data__plugins__loaders_x, data__plugins__loaders_item in enumerate(data__plugins__loaders):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__loaders_item, custom_formats, None)
                if "mappers" in data__plugins_keys:
                    data__plugins_keys.remove("mappers")
                    data__plugins__mappers = data__plugins["mappers"]
                    if not isinstance(data__plugins__mappers, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__mappers_is_list = isinstance(data__plugins__mappers, (list, tuple))
                    if data__plugins__mappers_is_list:
                        data__plugins__mappers_len = len(data__plugins__mappers)
                        for data__plugins__mappers_x, data__plugins__mappers_item in enumerate(data__plugins__mappers):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__mappers_item, custom_formats, None)
                if "orchestrators" in data__plugins_keys:
                    data__plugins_keys.remove("orchestrators")
                    data__plugins__orchestrators = data__plugins["orchestrators"]
                    if not isinstance(data__plugins__orchestrators, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__orchestrators_is_list = isinstance(data__plugins__orchestrators, (list, tuple))
                    if data__plugins__orchestrators_is_list:
                        data__plugins__orchestrators_len = len(data__plugins__orchestrators)
                        for data__plugins__orchestrators_x, data__plugins__orchestrators_item in enumerate(data__plugins__orchestrators):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__orchestrators_item, custom_formats, None)
                if "transformers" in data__plugins_keys:
                    data__plugins_keys.remove("transformers")
                    data__plugins__transformers = data__plugins["transformers"]
                    if not isinstance(data__plugins__transformers, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__transformers_is_list = isinstance(data__plugins__transformers, (list, tuple))
                    if data__plugins__transformers_is_list:
                        data__plugins__transformers_len = len(data__plugins__transformers)
                        for data__plugins__transformers_x, data__plugins__transformers_item in enumerate(data__plugins__transformers):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__transformers_item, custom_formats, None)
                if "files" in data__plugins_keys:
                    data__plugins_keys.remove("files")
                    data__plugins__files = data__plugins["files"]
                    if not isinstance(data__plugins__files, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__files_is_list = isinstance(data__plugins__files, (list, tuple))
                    if data__plugins__files_is_list:
                        data__plugins__files_len = len(data__plugins__files)
                        for data__plugins__files_x, data__plugins__files_item in enumerate(data__plugins__files):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__files_item, custom_formats, None)
                if "utilities" in data__plugins_keys:
                    data__plugins_keys.remove("utilities")
                    data__plugins__utilities = data__plugins["utilities"]
                    if not isinstance(data__plugins__utilities, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__utilities_is_list = isinstance(data__plugins__utilities, (list, tuple))
                    if data__plugins__utilities_is_list:
                        data__plugins__utilities_len = len(data__plugins__utilities)
                        for data__plugins__utilities_x, data__plugins__utilities_item in enumerate(data__plugins__utilities):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__utilities_item, custom_formats, None)
                if "transforms" in data__plugins_keys:
                    data__plugins_keys.remove("transforms")
                    data__plugins__transforms = data__plugins["transforms"]
                    if not isinstance(data__plugins__transforms, (list, tuple)):
                        raise JsonSchemaValueException
                    data__plugins__transforms_is_list = isinstance(data__plugins__transforms, (list, tuple))
                    if data__plugins__transforms_is_list:
                        data__plugins__transforms_len = len(data__plugins__transforms)
                        for data__plugins__transforms_x, data__plugins__transforms_item in enumerate(data__plugins__transforms):
                            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data__plugins__transforms_item, custom_formats, None)
                if data__plugins_keys:
                    raise JsonSchemaValueException
        if "jobs" in data_keys:
            data_keys.remove("jobs")
            data__jobs = data["jobs"]
            if not isinstance(data__jobs, (list, tuple)):
                raise JsonSchemaValueException
            data__jobs_is_list = isinstance(data__jobs, (list, tuple))
            if data__jobs_is_list:
                data__jobs_len = len(data__jobs)
                for data__jobs_x, data__jobs_item in enumerate(data__jobs):
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_job(data__jobs_item, custom_formats, None)
        if "environments" in data_keys:
            data_keys.remove("environments")
            data__environments = data["environments"]
            if not isinstance(data__environments, (list, tuple)):
                raise JsonSchemaValueException
            data__environments_is_list = isinstance(data__environments, (list, tuple))
            if data__environments_is_list:
                data__environments_len = len(data__environments)
                for data__environments_x, data__environments_item in enumerate(data__environments):
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment(data__environments_item, custom_formats, None)
        if "schedules" in data_keys:
            data_keys.remove("schedules")
            data__schedules = data["schedules"]
            if not isinstance(data__schedules, (list, tuple)):
                raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[^:]*$'].search(data__name):
                    raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_env(data__env, custom_formats, None)
        if "state_id_suffix" in data_keys:
            data_keys.remove("state_id_suffix")
            data__stateidsuffix = data["state_id_suffix"]
            if not isinstance(data__stateidsuffix, (str)):
                raise JsonSchemaValueException
        if "config" in data_keys:
            data_keys.remove("config")
            data__config = data["config"]
            if not isinstance(data__config, (dict)):
                raise JsonSchemaValueException
            data__config_is_dict = isinstance(data__config, dict)
            if data__config_is_dict:
                data__config_keys = set(data__config.keys())
                if "plugins" in data__config_keys:
                    data__config_keys.remove("plugins")
                    data__config__plugins = data__config["plugins"]
                    if not isinstance(data__config__plugins, (dict)):
                        raise JsonSchemaValueException
                    data__config__plugins_is_dict = isinstance(data__config__plugins, dict)
                    if data__config__plugins_is_dict:
                        data__config__plugins_keys = set(data__config__plugins.keys())
                        if "extractors" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("extractors")
                            data__config__plugins__extractors = data__config__plugins["extractors"]
                            if not isinstance(data__config__plugins__extractors, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__extractors_is_list = isinstance(data__config__plugins__extractors, (list, tuple))
                            if data__config__plugins__extractors_is_list:
                                data__config__plugins__extractors_len = len(data__config__plugins__extractors)
                                for data__config__plugins__extractors_x, data__config__plugins__extractors_item in enumerate(data__config__plugins__extractors):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__extractors_item, custom_formats, None)
                        if "loaders" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("loaders")
                            data__config__plugins__loaders = data__config__plugins["loaders"]
                            if not isinstance(data__config__plugins__loaders, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__loaders_is_list = isinstance(data__config__plugins__loaders, (list, tuple))
                            if data__config__plugins__loaders_is_list:
                                data__config__plugins__loaders_len = len(data__config__plugins__loaders)
                                for data__config__plugins__loaders_x, data__config__plugins__loaders_item in enumerate(data__config__plugins__loaders):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__loaders_item, custom_formats, None)
                        if "mappers" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("mappers")
                            data__config__plugins__mappers = data__config__plugins["mappers"]
                            if not isinstance(data__config__plugins__mappers, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__mappers_is_list = isinstance(data__config__plugins__mappers, (list, tuple))
                            if data__config__plugins__mappers_is_list:
                                data__config__plugins__mappers_len = len(data__config__plugins__mappers)
                                for data__config__plugins__mappers_x, data__config__plugins__mappers_item in enumerate(data__config__plugins__mappers):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__mappers_item, custom_formats, None)
                        if "orchestrators" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("orchestrators")
                            data__config__plugins__orchestrators = data__config__plugins["orchestrators"]
                            if not isinstance(data__config__plugins__orchestrators, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__orchestrators_is_list = isinstance(data__config__plugins__orchestrators, (list, tuple))
                            if data__config__plugins__orchestrators_is_list:
                                data__config__plugins__orchestrators_len = len(data__config__plugins__orchestrators)
                                for data__config__plugins__orchestrators_x, data__config__plugins__orchestrators_item in enumerate(data__config__plugins__orchestrators):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__orchestrators_item, custom_formats, None)
                        if "transformers" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("transformers")
                            data__config__plugins__transformers = data__config__plugins["transformers"]
                            if not isinstance(data__config__plugins__transformers, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__transformers_is_list = isinstance(data__config__plugins__transformers, (list, tuple))
                            if data__config__plugins__transformers_is_list:
                                data__config__plugins__transformers_len = len(data__config__plugins__transformers)
                                for data__config__plugins__transformers_x, data__config__plugins__transformers_item in enumerate(data__config__plugins__transformers):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__transformers_item, custom_formats, None)
                        if "files" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("files")
                            data__config__plugins__files = data__config__plugins["files"]
                            if not isinstance(data__config__plugins__files, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__files_is_list = isinstance(data__config__plugins__files, (list, tuple))
                            if data__config__plugins__files_is_list:
                                data__config__plugins__files_len = len(data__config__plugins__files)
                                for data__config__plugins__files_x, data__config__plugins__files_item in enumerate(data__config__plugins__files):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__files_item, custom_formats, None)
                        if "utilities" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("utilities")
                            data__config__plugins__utilities = data__config__plugins["utilities"]
                            if not isinstance(data__config__plugins__utilities, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__utilities_is_list = isinstance(data__config__plugins__utilities, (list, tuple))
                            if data__config__plugins__utilities_is_list:
                                data__config__plugins__utilities_len = len(data__config__plugins__utilities)
                                for data__config__plugins__utilities_x, data__config__plugins__utilities_item in enumerate(data__config__plugins__utilities):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__utilities_item, custom_formats, None)
                        if "transforms" in data__config__plugins_keys:
                            data__config__plugins_keys.remove("transforms")
                            data__config__plugins__transforms = data__config__plugins["transforms"]
                            if not isinstance(data__config__plugins__transforms, (list, tuple)):
                                raise JsonSchemaValueException
                            data__config__plugins__transforms_is_list = isinstance(data__config__plugins__transforms, (list, tuple))
                            if data__config__plugins__transforms_is_list:
                                data__config__plugins__transforms_len = len(data__config__plugins__transforms)
                                for data__config__plugins__transforms_x, data__config__plugins__transforms_item in enumerate(data__config__plugins__transforms):
                                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data__config__plugins__transforms_item, custom_formats, None)
                        if data__config__plugins_keys:
                            raise JsonSchemaValueException
                if data__config_keys:
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_environment_plugin(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if "config" in data_keys:
            data_keys.remove("config")
            data__config = data["config"]
            if not isinstance(data__config, (dict)):
                raise JsonSchemaValueException
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_env(data__env, custom_formats, None)
        if "select" in data_keys:
            data_keys.remove("select")
            data__select = data["select"]
            if not isinstance(data__select, (list, tuple)):
                raise JsonSchemaValueException
            data__select_is_list = isinstance(data__select, (list, tuple))
            if data__select_is_list:
                data__select_len = len(data__select)
                for data__select_x, data__select_item in enumerate(data__select):
                    if not isinstance(data__select_item, (str)):
                        raise JsonSchemaValueException
        if "select_filter" in data_keys:
            data_keys.remove("select_filter")
            data__selectfilter = data["select_filter"]
            if not isinstance(data__selectfilter, (list, tuple)):
                raise JsonSchemaValueException
            data__selectfilter_is_list = isinstance(data__selectfilter, (list, tuple))
            if data__selectfilter_is_list:
                data__selectfilter_len = len(data__selectfilter)
                for data__selectfilter_x, data__selectfilter_item in enumerate(data__selectfilter):
                    if not isinstance(data__selectfilter_item, (str)):
                        raise JsonSchemaValueException
        if "metadata" in data_keys:
            data_keys.remove("metadata")
            data__metadata = data["metadata"]
            if not isinstance(data__metadata, (dict)):
                raise JsonSchemaValueException
        if "schema" in data_keys:
            data_keys.remove("schema")
            data__schema = data["schema"]
            if not isinstance(data__schema, (dict)):
                raise JsonSchemaValueException
        if "catalog" in data_keys:
            data_keys.remove("catalog")
            data__catalog = data["catalog"]
            if not isinstance(data__catalog, (str)):
                raise JsonSchemaValueException
        if "state" in data_keys:
            data_keys.remove("state")
            data__state = data["state"]
            if not isinstance(data__state, (str)):
                raise JsonSchemaValueException
        if "load_schema" in data_keys:
            data_keys.remove("load_schema")
            data__loadschema = data["load_schema"]
            if not isinstance(data__loadschema, (str)):
                raise JsonSchemaValueException
        if "use_cached_catalog" in data_keys:
            data_keys.remove("use_cached_catalog")
            data__usecachedcatalog = data["use_cached_catalog"]
            if not isinstance(data__usecachedcatalog, (bool)):
                raise JsonSchemaValueException
        if "vars" in data_keys:
            data_keys.remove("vars")
            data__vars = data["vars"]
            if not isinstance(data__vars, (dict)):
                raise JsonSchemaValueException
        if "mappings" in data_keys:
            data_keys.remove("mappings")
            data__mappings = data["mappings"]
            if not isinstance(data__mappings, (list, tuple)):
                raise JsonSchemaValueException
            data__mappings_is_list = isinstance(data__mappings, (list, tuple))
            if data__mappings_is_list:
                data__mappings_len = len(data__mappings)
                for data__mappings_x, data__mappings_item in enumerate(data__mappings):
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_mapping(data__mappings_item, custom_formats, None)
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_mapping(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
        if "config" in data_keys:
            data_keys.remove("config")
            data__config = data["config"]
            if not isinstance(data__config, (dict)):
                raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_job(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name', 'tasks']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if "tasks" in data_keys:
            data_keys.remove("tasks")
            data__tasks = data["tasks"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_tasks(data__tasks, custom_formats, None)
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_tasks(data, custom_formats={}, name_prefix=None):
    try:
        if not isinstance(data, (str)):
            raise JsonSchemaValueException
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        raise JsonSchemaValueException
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        raise JsonSchemaValueException
    try:
        if not isinstance(data, (NoneType)):
            raise JsonSchemaValueException
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        raise JsonSchemaValueException
    try:
        try:
            if not isinstance(data, (str, dict, NoneType)):
                raise JsonSchemaValueException
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        if not isinstance(data, (list, tuple)):
            raise JsonSchemaValueException
        data_is_list = isinstance(data, (list, tuple))
        if data_is_list:
            data_len = len(data)
            for data_x, data_item in enumerate(data):
                data_item_any_of_count1 = 0
                if not data_item_any_of_count1:
                    try:
                        if not isinstance(data_item, (str)):
                            raise JsonSchemaValueException
                        data_item_any_of_count1 += 1
                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                if not data_item_any_of_count1:
                    try:
                        if not isinstance(data_item, (list, tuple)):
                            raise JsonSchemaValueException
                        data_item_is_list = isinstance(data_item, (list, tuple))
                        if data_item_is_list:
                            data_item_len = len(data_item)
                            for data_item_x, data_item_item in enumerate(data_item):
                                if not isinstance(data_item_item, (str)):
                                    raise JsonSchemaValueException
                        data_item_any_of_count1 += 1
                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                if not data_item_any_of_count1:
                    raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_plugin(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
        if "inherit_from" in data_keys:
            data_keys.remove("inherit_from")
            data__inheritfrom = data["inherit_from"]
            if not isinstance(data__inheritfrom, (str)):
                raise JsonSchemaValueException
            if isinstance(data__inheritfrom, str):
                data__inheritfrom_len = len(data__inheritfrom)
                if data__inheritfrom_len < 1:
                    raise JsonSchemaValueException
        if "namespace" in data_keys:
            data_keys.remove("namespace")
            data__namespace = data["namespace"]
            if not isinstance(data__namespace, (str)):
                raise JsonSchemaValueException
            if isinstance(data__namespace, str):
                data__namespace_len = len(data__namespace)
                if data__namespace_len < 1:
                    raise JsonSchemaValueException
        if "variant" in data_keys:
            data_keys.remove("variant")
            data__variant = data["variant"]
            if not isinstance(data__variant, (str)):
                raise JsonSchemaValueException
            if isinstance(data__variant, str):
                data__variant_len = len(data__variant)
                if data__variant_len < 1:
                    raise JsonSchemaValueException
        if "pip_url" in data_keys:
            data_keys.remove("pip_url")
            data__pipurl = data["pip_url"]
            if not isinstance(data__pipurl, (str)):
                raise JsonSchemaValueException
            if isinstance(data__pipurl, str):
                data__pipurl_len = len(data__pipurl)
                if data__pipurl_len < 1:
                    raise JsonSchemaValueException
        if "executable" in data_keys:
            data_keys.remove("executable")
            data__executable = data["executable"]
            if not isinstance(data__executable, (str)):
                raise JsonSchemaValueException
            if isinstance(data__executable, str):
                data__executable_len = len(data__executable)
                if data__executable_len < 1:
                    raise JsonSchemaValueException
        if "python" in data_keys:
            data_keys.remove("python")
            data__python = data["python"]
            if not isinstance(data__python, (str)):
                raise JsonSchemaValueException
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            if not isinstance(data__label, (str)):
                raise JsonSchemaValueException
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException
        if "logo_url" in data_keys:
            data_keys.remove("logo_url")
            data__logourl = data["logo_url"]
            if not isinstance(data__logourl, (str)):
                raise JsonSchemaValueException
        if "docs" in data_keys:
            data_keys.remove("docs")
            data__docs = data["docs"]
            if not isinstance(data__docs, (str)):
                raise JsonSchemaValueException
        if "repo" in data_keys:
            data_keys.remove("repo")
            data__repo = data["repo"]
            if not isinstance(data__repo, (str)):
                raise JsonSchemaValueException
        if "ext_repo" in data_keys:
            data_keys.remove("ext_repo")
            data__extrepo = data["ext_repo"]
            if not isinstance(data__extrepo, (str)):
                raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data__annotations, custom_formats, None)
        if "capabilities" in data_keys:
            data_keys.remove("capabilities")
            data__capabilities = data["capabilities"]
            if not isinstance(data__capabilities, (list, tuple)):
                raise JsonSchemaValueException
            data__capabilities_is_list = isinstance(data__capabilities, (list, tuple))
            if data__capabilities_is_list:
                data__capabilities_len = len(data__capabilities)
                for data__capabilities_x, data__capabilities_item in enumerate(data__capabilities):
                    if not isinstance(data__capabilities_item, (str)):
                        raise JsonSchemaValueException
        if "config" in data_keys:
            data_keys.remove("config")
            data__config = data["config"]
            if not isinstance(data__config, (dict)):
                raise JsonSchemaValueException
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_env(data__env, custom_formats, None)
        if "settings" in data_keys:
            data_keys.remove("settings")
            data__settings = data["settings"]
            if not isinstance(data__settings, (list, tuple)):
                raise JsonSchemaValueException
            data__settings_is_list = isinstance(data__settings, (list, tuple))
            if data__settings_is_list:
                data__settings_len = len(data__settings)
                for data__settings_x, data__settings_item in enumerate(data__settings):
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_setting(data__settings_item, custom_formats, None)
        if "settings_group_validation" in data_keys:
            data_keys.remove("settings_group_validation")
            data__settingsgroupvalidation = data["settings_group_validation"]
            if not isinstance(data__settingsgroupvalidation, (list, tuple)):
                raise JsonSchemaValueException
            data__settingsgroupvalidation_is_list = isinstance(data__settingsgroupvalidation, (list, tuple))
            if data__settingsgroupvalidation_is_list:
                data__settingsgroupvalidation_len = len(data__settingsgroupvalidation)
                for data__settingsgroupvalidation_x, data__settingsgroupvalidation_item in enumerate(data__settingsgroupvalidation):
                    if not isinstance(data__settingsgroupvalidation_item, (list, tuple)):
                        raise JsonSchemaValueException
                    data__settingsgroupvalidation_item_is_list = isinstance(data__settingsgroupvalidation_item, (list, tuple))
                    if data__settingsgroupvalidation_item_is_list:
                        data__settingsgroupvalidation_item_len = len(data__settingsgroupvalidation_item)
                        for data__settingsgroupvalidation_item_x, data__settingsgroupvalidation_item_item in enumerate(data__settingsgroupvalidation_item):
                            if not isinstance(data__settingsgroupvalidation_item_item, (str)):
                                raise JsonSchemaValueException
        if "commands" in data_keys:
            data_keys.remove("commands")
            data__commands = data["commands"]
            if not isinstance(data__commands, (dict)):
                raise JsonSchemaValueException
            data__commands_is_dict = isinstance(data__commands, dict)
            if data__commands_is_dict:
                data__commands_keys = set(data__commands.keys())
                for data__commands_key in data__commands_keys:
                    if data__commands_key not in []:
                        data__commands_value = data__commands.get(data__commands_key)
                        validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_command(data__commands_value, custom_formats, None)
        if "requires" in data_keys:
            data_keys.remove("requires")
            data__requires = data["requires"]
            if not isinstance(data__requires, (dict)):
                raise JsonSchemaValueException
        if "hidden" in data_keys:
            data_keys.remove("hidden")
            data__hidden = data["hidden"]
            if not isinstance(data__hidden, (bool)):
                raise JsonSchemaValueException
        if "select" in data_keys:
            data_keys.remove("select")
            data__select = data["select"]
            if not isinstance(data__select, (list, tuple)):
                raise JsonSchemaValueException
            data__select_is_list = isinstance(data__select, (list, tuple))
            if data__select_is_list:
                data__select_len = len(data__select)
                for data__select_x, data__select_item in enumerate(data__select):
                    if not isinstance(data__select_item, (str)):
                        raise JsonSchemaValueException
        if "select_filter" in data_keys:
            data_keys.remove("select_filter")
            data__selectfilter = data["select_filter"]
            if not isinstance(data__selectfilter, (list, tuple)):
                raise JsonSchemaValueException
            data__selectfilter_is_list = isinstance(data__selectfilter, (list, tuple))
            if data__selectfilter_is_list:
                data__selectfilter_len = len(data__selectfilter)
                for data__selectfilter_x, data__selectfilter_item in enumerate(data__selectfilter):
                    if not isinstance(data__selectfilter_item, (str)):
                        raise JsonSchemaValueException
        if "metadata" in data_keys:
            data_keys.remove("metadata")
            data__metadata = data["metadata"]
            if not isinstance(data__metadata, (dict)):
                raise JsonSchemaValueException
        if "schema" in data_keys:
            data_keys.remove("schema")
            data__schema = data["schema"]
            if not isinstance(data__schema, (dict)):
                raise JsonSchemaValueException
        if "catalog" in data_keys:
            data_keys.remove("catalog")
            data__catalog = data["catalog"]
            if not isinstance(data__catalog, (str)):
                raise JsonSchemaValueException
        if "state" in data_keys:
            data_keys.remove("state")
            data__state = data["state"]
            if not isinstance(data__state, (str)):
                raise JsonSchemaValueException
        if "load_schema" in data_keys:
            data_keys.remove("load_schema")
            data__loadschema = data["load_schema"]
            if not isinstance(data__loadschema, (str)):
                raise JsonSchemaValueException
        if "use_cached_catalog" in data_keys:
            data_keys.remove("use_cached_catalog")
            data__usecachedcatalog = data["use_cached_catalog"]
            if not isinstance(data__usecachedcatalog, (bool)):
                raise JsonSchemaValueException
        if "dialect" in data_keys:
            data_keys.remove("dialect")
            data__dialect = data["dialect"]
            if not isinstance(data__dialect, (str)):
                raise JsonSchemaValueException
        if "target_schema" in data_keys:
            data_keys.remove("target_schema")
            data__targetschema = data["target_schema"]
            if not isinstance(data__targetschema, (str)):
                raise JsonSchemaValueException
        if "vars" in data_keys:
            data_keys.remove("vars")
            data__vars = data["vars"]
            if not isinstance(data__vars, (dict)):
                raise JsonSchemaValueException
        if "package_name" in data_keys:
            data_keys.remove("package_name")
            data__packagename = data["package_name"]
            if not isinstance(data__packagename, (str)):
                raise JsonSchemaValueException
        if "update" in data_keys:
            data_keys.remove("update")
            data__update = data["update"]
            if not isinstance(data__update, (dict)):
                raise JsonSchemaValueException
        if "mappings" in data_keys:
            data_keys.remove("mappings")
            data__mappings = data["mappings"]
            if not isinstance(data__mappings, (list, tuple)):
                raise JsonSchemaValueException
            data__mappings_is_list = isinstance(data__mappings, (list, tuple))
            if data__mappings_is_list:
                data__mappings_len = len(data__mappings)
                for data__mappings_x, data__mappings_item in enumerate(data__mappings):
                    validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_mapping(data__mappings_item, custom_formats, None)
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_command(data, custom_formats={}, name_prefix=None):
    data_one_of_count2 = 0
    if data_one_of_count2 < 2:
        try:
            if not isinstance(data, (str)):
                raise JsonSchemaValueException
            data_one_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count2 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data_keys = set(data.keys())
                if "args" in data_keys:
                    data_keys.remove("args")
                    data__args = data["args"]
                    if not isinstance(data__args, (str)):
                        raise JsonSchemaValueException
                if "description" in data_keys:
                    data_keys.remove("description")
                    data__description = data["description"]
                    if not isinstance(data__description, (str)):
                        raise JsonSchemaValueException
                if "executable" in data_keys:
                    data_keys.remove("executable")
                    data__executable = data["executable"]
                    if not isinstance(data__executable, (str)):
                        raise JsonSchemaValueException
                if "container_spec" in data_keys:
                    data_keys.remove("container_spec")
                    data__containerspec = data["container_spec"]
                    if not isinstance(data__containerspec, (dict)):
                        raise JsonSchemaValueException
            data_one_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count2 != 1:
        raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_setting(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
        if "aliases" in data_keys:
            data_keys.remove("aliases")
            data__aliases = data["aliases"]
            if not isinstance(data__aliases, (list, tuple)):
                raise JsonSchemaValueException
            data__aliases_is_list = isinstance(data__aliases, (list, tuple))
            if data__aliases_is_list:
                data__aliases_len = len(data__aliases)
                for data__aliases_x, data__aliases_item in enumerate(data__aliases):
                    if not isinstance(data__aliases_item, (str)):
                        raise JsonSchemaValueException
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'string' or isinstance(data__kind, str) and data__kind == 'integer' or isinstance(data__kind, str) and data__kind == 'decimal' or isinstance(data__kind, str) and data__kind == 'boolean' or isinstance(data__kind, str) and data__kind == 'date_iso8601' or isinstance(data__kind, str) and data__kind == 'email' or isinstance(data__kind, str) and data__kind == 'password' or isinstance(data__kind, str) and data__kind == 'oauth' or isinstance(data__kind, str) and data__kind == 'options' or isinstance(data__kind, str) and data__kind == 'file' or isinstance(data__kind, str) and data__kind == 'array' or isinstance(data__kind, str) and data__kind == 'object' or isinstance(data__kind, str) and data__kind == 'hidden'):
                raise JsonSchemaValueException
        if "sensitive" in data_keys:
            data_keys.remove("sensitive")
            data__sensitive = data["sensitive"]
            if not isinstance(data__sensitive, (bool)):
                raise JsonSchemaValueException
        if "hidden" in data_keys:
            data_keys.remove("hidden")
            data__hidden = data["hidden"]
            if not isinstance(data__hidden, (bool)):
                raise JsonSchemaValueException
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            if not isinstance(data__env, (str)):
                raise JsonSchemaValueException
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            if not isinstance(data__label, (str)):
                raise JsonSchemaValueException
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException
        if "options" in data_keys:
            data_keys.remove("options")
            data__options = data["options"]
            if not isinstance(data__options, (list, tuple)):
                raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_env(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not isinstance(data_value, (str)):
                    raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_count(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException
    return data

def validate_https___github_com_meltano_onboard_schemas_meltano_schema_json___defs_annotations(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key in data_keys:
            if data_key not in []:
                data_value = data.get(data_key)
                if not isinstance(data_value, (dict)):
                    raise JsonSchemaValueException
    return data

validate = validate_https___github_com_meltano_onboard_schemas_meltano_schema_json
