"""Generated from schemas/onboarding-cloud.schema.json by tools/generate_schema_code.py: do not edit."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from onboard_action.schema.generated._errors import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$': re.compile('^[A-Za-z0-9]+(-[A-Za-z0-9]+)*\\Z'),
    '^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$': re.compile('^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+\\Z'),
    '\\S': re.compile('\\S')
}

NoneType = type(None)

def validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set([]) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "$schema" in data_keys:
            data_keys.remove("$schema")
            data__schema = data["$schema"]
            if not isinstance(data__schema, (str)):
                raise JsonSchemaValueException
        if "company" in data_keys:
            data_keys.remove("company")
            data__company = data["company"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__company, custom_formats, None)
        if "contact" in data_keys:
            data_keys.remove("contact")
            data__contact = data["contact"]
            if not isinstance(data__contact, (dict)):
                raise JsonSchemaValueException
            data__contact_is_dict = isinstance(data__contact, dict)
            if data__contact_is_dict:
                data__contact__missing_keys = set(['name', 'email']) - data__contact.keys()
                if data__contact__missing_keys:
                    raise JsonSchemaValueException
                data__contact_keys = set(data__contact.keys())
                if "name" in data__contact_keys:
                    data__contact_keys.remove("name")
                    data__contact__name = data__contact["name"]
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__contact__name, custom_formats, None)
                if "email" in data__contact_keys:
                    data__contact_keys.remove("email")
                    data__contact__email = data__contact["email"]
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_email(data__contact__email, custom_formats, None)
                if data__contact_keys:
                    raise JsonSchemaValueException
        if "org_id" in data_keys:
            data_keys.remove("org_id")
            data__orgid = data["org_id"]
            if not isinstance(data__orgid, (str)):
                raise JsonSchemaValueException
        if "projects" in data_keys:
            data_keys.remove("projects")
            data__projects = data["projects"]
            if not isinstance(data__projects, (list, tuple)):
                raise JsonSchemaValueException
            data__projects_is_list = isinstance(data__projects, (list, tuple))
            if data__projects_is_list:
                data__projects_len = len(data__projects)
                if data__projects_len < 1:
                    raise JsonSchemaValueException
                for data__projects_x, data__projects_item in enumerate(data__projects):
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_project(data__projects_item, custom_formats, None)
        if "users" in data_keys:
            data_keys.remove("users")
            data__users = data["users"]
            if not isinstance(data__users, (list, tuple)):
                raise JsonSchemaValueException
            data__users_is_list = isinstance(data__users, (list, tuple))
            if data__users_is_list:
                data__users_len = len(data__users)
                if data__users_len < 1:
                    raise JsonSchemaValueException
                for data__users_x, data__users_item in enumerate(data__users):
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_user(data__users_item, custom_formats, None)
        if "workspace" in data_keys:
            data_keys.remove("workspace")
            data__workspace = data["workspace"]
            if not isinstance(data__workspace, (dict)):
                raise JsonSchemaValueException
            data__workspace_is_dict = isinstance(data__workspace, dict)
            if data__workspace_is_dict:
                data__workspace_keys = set(data__workspace.keys())
                if "name" in data__workspace_keys:
                    data__workspace_keys.remove("name")
                    data__workspace__name = data__workspace["name"]
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__workspace__name, custom_formats, None)
                if "domains" in data__workspace_keys:
                    data__workspace_keys.remove("domains")
                    data__workspace__domains = data__workspace["domains"]
                    if not isinstance(data__workspace__domains, (list, tuple)):
                        raise JsonSchemaValueException
                    data__workspace__domains_is_list = isinstance(data__workspace__domains, (list, tuple))
                    if data__workspace__domains_is_list:
                        data__workspace__domains_len = len(data__workspace__domains)
                        for data__workspace__domains_x, data__workspace__domains_item in enumerate(data__workspace__domains):
                            if not isinstance(data__workspace__domains_item, (str)):
                                raise JsonSchemaValueException
                if data__workspace_keys:
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_user(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['email', 'role']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__name, custom_formats, None)
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_email(data__email, custom_formats, None)
        if "github" in data_keys:
            data_keys.remove("github")
            data__github = data["github"]
            if not isinstance(data__github, (str)):
                raise JsonSchemaValueException
            if isinstance(data__github, str):
                data__github_len = len(data__github)
                if data__github_len > 39:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$'].search(data__github):
                    raise JsonSchemaValueException
        if "role" in data_keys:
            data_keys.remove("role")
            data__role = data["role"]
            if not isinstance(data__role, (str)):
                raise JsonSchemaValueException
            if not (isinstance(data__role, str) and data__role == 'Owner' or isinstance(data__role, str) and data__role == 'Administrator' or isinstance(data__role, str) and data__role == 'Member'):
                raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_project(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['git']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__name, custom_formats, None)
        if "git" in data_keys:
            data_keys.remove("git")
            data__git = data["git"]
            if not isinstance(data__git, (dict)):
                raise JsonSchemaValueException
            data__git_is_dict = isinstance(data__git, dict)
            if data__git_is_dict:
                data__git__missing_keys = set(['provider', 'url', 'branch']) - data__git.keys()
                if data__git__missing_keys:
                    raise JsonSchemaValueException
                data__git_keys = set(data__git.keys())
                if "provider" in data__git_keys:
                    data__git_keys.remove("provider")
                    data__git__provider = data__git["provider"]
                    if not isinstance(data__git__provider, (str)):
                        raise JsonSchemaValueException
                    if not (isinstance(data__git__provider, str) and data__git__provider == 'github' or isinstance(data__git__provider, str) and data__git__provider == 'gitlab' or isinstance(data__git__provider, str) and data__git__provider == 'bitbucket' or isinstance(data__git__provider, str) and data__git__provider == 'azure-devops' or isinstance(data__git__provider, str) and data__git__provider == 'other'):
                        raise JsonSchemaValueException
                if "url" in data__git_keys:
                    data__git_keys.remove("url")
                    data__git__url = data__git["url"]
                    if not isinstance(data__git__url, (str)):
                        raise JsonSchemaValueException
                if "branch" in data__git_keys:
                    data__git_keys.remove("branch")
                    data__git__branch = data__git["branch"]
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__git__branch, custom_formats, None)
                if data__git_keys:
                    raise JsonSchemaValueException
        if "root" in data_keys:
            data_keys.remove("root")
            data__root = data["root"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__root, custom_formats, None)
        if "environment" in data_keys:
            data_keys.remove("environment")
            data__environment = data["environment"]
            validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__environment, custom_formats, None)
        if "schedules" in data_keys:
            data_keys.remove("schedules")
            data__schedules = data["schedules"]
            if not isinstance(data__schedules, (list, tuple)):
                raise JsonSchemaValueException
            data__schedules_is_list = isinstance(data__schedules, (list, tuple))
            if data__schedules_is_list:
                data__schedules_len = len(data__schedules)
                for data__schedules_x, data__schedules_item in enumerate(data__schedules):
                    validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data__schedules_item, custom_formats, None)
        if data_keys:
            raise JsonSchemaValueException
    return data

def validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_email(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$'].search(data):
            raise JsonSchemaValueException
    return data

def validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException
    if isinstance(data, str):
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException
    return data

validate = validate_https___raw_githubusercontent_com_owner_meltano_onboard_main_onboard_action_schemas_onboarding_cloud_schema_json
