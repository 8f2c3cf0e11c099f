"""Generated from schemas/schedule.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


NoneType = type(None)

def validate_https___github_com_meltano_onboard_schemas_schedule_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    try:
        if not isinstance(data, (dict)):
            raise JsonSchemaValueException
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['name']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['interval']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException
        data_any_of_count1 = 0
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['job']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['extractor']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            raise JsonSchemaValueException
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['job', 'extractor']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException
        try:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['extractor']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
            else:
                raise JsonSchemaValueException
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['job']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            try:
                data_any_of_count2 = 0
                if not data_any_of_count2:
                    try:
                        data_is_dict = isinstance(data, dict)
                        if data_is_dict:
                            data__missing_keys = set(['loader']) - data.keys()
                            if data__missing_keys:
                                raise JsonSchemaValueException
                        data_any_of_count2 += 1
                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                if not data_any_of_count2:
                    try:
                        data_is_dict = isinstance(data, dict)
                        if data_is_dict:
                            data__missing_keys = set(['transform']) - data.keys()
                            if data__missing_keys:
                                raise JsonSchemaValueException
                        data_any_of_count2 += 1
                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                if not data_any_of_count2:
                    raise JsonSchemaValueException
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
            else:
                raise JsonSchemaValueException
        try:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['job']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
            else:
                raise JsonSchemaValueException
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['extractor']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['loader']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException
        try:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['job']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
            else:
                raise JsonSchemaValueException
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['extractor']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['transform']) - data.keys()
                if data__missing_keys:
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
        if "interval" in data_keys:
            data_keys.remove("interval")
            data__interval = data["interval"]
            if not isinstance(data__interval, (str)):
                raise JsonSchemaValueException
        if "job" in data_keys:
            data_keys.remove("job")
            data__job = data["job"]
            if not isinstance(data__job, (str)):
                raise JsonSchemaValueException
            if isinstance(data__job, str):
                data__job_len = len(data__job)
                if data__job_len < 1:
                    raise JsonSchemaValueException
        if "extractor" in data_keys:
            data_keys.remove("extractor")
            data__extractor = data["extractor"]
            if not isinstance(data__extractor, (str)):
                raise JsonSchemaValueException
            if isinstance(data__extractor, str):
                data__extractor_len = len(data__extractor)
                if data__extractor_len < 1:
                    raise JsonSchemaValueException
        if "loader" in data_keys:
            data_keys.remove("loader")
            data__loader = data["loader"]
            if not isinstance(data__loader, (str)):
                raise JsonSchemaValueException
            if isinstance(data__loader, str):
                data__loader_len = len(data__loader)
                if data__loader_len < 1:
                    raise JsonSchemaValueException
        if "transform" in data_keys:
            data_keys.remove("transform")
            data__transform = data["transform"]
            if not (isinstance(data__transform, str) and data__transform == 'run' or isinstance(data__transform, str) and data__transform == 'skip' or isinstance(data__transform, str) and data__transform == 'only'):
                raise JsonSchemaValueException
        if "start_date" in data_keys:
            data_keys.remove("start_date")
            data__startdate = data["start_date"]
            if not isinstance(data__startdate, (str)):
                raise JsonSchemaValueException
        if "env" in data_keys:
            data_keys.remove("env")
            data__env = data["env"]
            if not isinstance(data__env, (dict)):
                raise JsonSchemaValueException
            data__env_is_dict = isinstance(data__env, dict)
            if data__env_is_dict:
                data__env_keys = set(data__env.keys())
                for data__env_key in data__env_keys:
                    if data__env_key not in []:
                        data__env_value = data__env.get(data__env_key)
                        if not isinstance(data__env_value, (str)):
                            raise JsonSchemaValueException
        if "annotations" in data_keys:
            data_keys.remove("annotations")
            data__annotations = data["annotations"]
            if not isinstance(data__annotations, (dict)):
                raise JsonSchemaValueException
            data__annotations_is_dict = isinstance(data__annotations, dict)
            if data__annotations_is_dict:
                data__annotations_keys = set(data__annotations.keys())
                if "meltano.cloud" in data__annotations_keys:
                    data__annotations_keys.remove("meltano.cloud")
                    data__annotations__meltanocloud = data__annotations["meltano.cloud"]
                    if not isinstance(data__annotations__meltanocloud, (dict)):
                        raise JsonSchemaValueException
                    data__annotations__meltanocloud_is_dict = isinstance(data__annotations__meltanocloud, dict)
                    if data__annotations__meltanocloud_is_dict:
                        data__annotations__meltanocloud_keys = set(data__annotations__meltanocloud.keys())
                        if "environments" in data__annotations__meltanocloud_keys:
                            data__annotations__meltanocloud_keys.remove("environments")
                            data__annotations__meltanocloud__environments = data__annotations__meltanocloud["environments"]
                            if not isinstance(data__annotations__meltanocloud__environments, (list, tuple)):
                                raise JsonSchemaValueException
                            data__annotations__meltanocloud__environments_is_list = isinstance(data__annotations__meltanocloud__environments, (list, tuple))
                            if data__annotations__meltanocloud__environments_is_list:
                                data__annotations__meltanocloud__environments_len = len(data__annotations__meltanocloud__environments)
                                if data__annotations__meltanocloud__environments_len < 1:
                                    raise JsonSchemaValueException
                                for data__annotations__meltanocloud__environments_x, data__annotations__meltanocloud__environments_item in enumerate(data__annotations__meltanocloud__environments):
                                    if not isinstance(data__annotations__meltanocloud__environments_item, (str)):
                                        raise JsonSchemaValueException
                                    if isinstance(data__annotations__meltanocloud__environments_item, str):
                                        data__annotations__meltanocloud__environments_item_len = len(data__annotations__meltanocloud__environments_item)
                                        if data__annotations__meltanocloud__environments_item_len < 1:
                                            raise JsonSchemaValueException
                        for data__annotations__meltanocloud_key in data__annotations__meltanocloud_keys:
                            if data__annotations__meltanocloud_key not in ['environments']:
                                data__annotations__meltanocloud_value = data__annotations__meltanocloud.get(data__annotations__meltanocloud_key)
                                raise JsonSchemaValueException
        for data_key in data_keys:
            if data_key not in ['name', 'interval', 'job', 'extractor', 'loader', 'transform', 'start_date', 'env', 'annotations']:
                data_value = data.get(data_key)
                raise JsonSchemaValueException
    return data

validate = validate_https___github_com_meltano_onboard_schemas_schedule_schema_json
