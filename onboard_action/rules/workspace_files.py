"""Rules about today's Meltano Cloud's workspace.yml and data stores (`target: cloud`).

The platform called Meltano Cloud since 2026 reads `workspace.yml`,
`pipelines/*.yml` and `datastores/*.yml` beside meltano.yml (see
../shared/domain/meltano-cloud-2026.md). Their shape is in
`schemas/workspace.schema.json` and `schemas/datastore.schema.json`; what no
schema says (folders that exist, data stores that are defined, domains, lock
files) is checked here. Pipelines have their own module, `pipelines.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onboard_action.findings import GUIDE, TODAY, Finding, Location, Severity
from onboard_action.load.dataml import name_of, present
from onboard_action.load.lockfiles import lock_name
from onboard_action.load.project import PLUGIN_TYPES, SourceFile
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.model.index import SINGULAR
from onboard_action.rules import check, rule, validate
from onboard_action.rules.files import MELTANO_YML_EMPTY, NOT_A_MAPPING, load_problem_finding
from onboard_action.rules.onboarding import usable
from onboard_action.values.suggest import close_match

WORKSPACE_SCHEMA = "workspace.schema.json"
DATASTORE_SCHEMA = "datastore.schema.json"
VERSIONS = {"workspace": "workspaces/v0.2", "pipeline": "pipelines/v0.1", "datastore": "datastores/v0.1"}
KINDS = {"workspace": "workspace.yml", "pipeline": "a pipeline file", "datastore": "a data store file"}
BUILT_IN_STORE = "Warehouse"
# A domain as an email address's part after `@`: labels of letters, digits and inner dashes.
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
DATA_PLUGIN = re.compile(r"(?P<type>[a-z]+)/(?P<name>[^/\s]+?)--(?P<variant>[^/\s-][^/\s]*)")

DATAML_FILE_UNREADABLE = rule(
    "C001", "dataml-file-unreadable", Severity.ERROR,
    "workspace, pipeline or data store file cannot be read",
    """
    Meltano Cloud reads `workspace.yml`, each file of `pipelines/` and each
    file of `datastores/` when it deploys the workspace. A file that is empty,
    not YAML, not a mapping of keys or not UTF-8 text stops the deployment.
    Fix the file at the line named, or remove it.
    """,
    bad="# meltano.yml\nversion: 1\n# pipelines/daily.yml\nversion: pipelines/v0.1\nactions: [tap-github\n",
    good="# meltano.yml\nversion: 1\n# pipelines/daily.yml\nversion: pipelines/v0.1\nscript: echo hello\n",
    targets=TODAY,
)
WORKSPACE_KEY_INVALID = rule(
    "C002", "workspace-key-invalid", Severity.ERROR,
    "workspace.yml key unknown or of the wrong type",
    """
    workspace.yml (WorkspaceML `workspaces/v0.2`) takes `version`, `name`,
    `domains`, `default_data_store`, `state_data_store`, the folders
    `dataset_paths`, `channel_paths`, `pipeline_paths`, `plugin_paths` and
    `data_store_paths` (lists of paths), and `app_properties` (a mapping). An
    unknown key is a typo the platform ignores; a value of the wrong type
    stops the deployment. Fix the key or the value's form.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\npipeline_path: [pipelines]\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\npipeline_paths: [pipelines]\n"
         "# pipelines/daily.yml\nversion: pipelines/v0.1\nscript: echo hello\n",
    targets=TODAY,
)
DATAML_VERSION = rule(
    "C003", "dataml-version-unknown", Severity.ERROR,
    "workspace, pipeline or data store file has an unknown `version`",
    """
    Each of the platform's files says which format it is written in:
    `workspaces/v0.2` in workspace.yml, `pipelines/v0.1` in a pipeline,
    `datastores/v0.1` in a data store. Another value is a file of another
    format or a typo, which the platform does not read as meant. Write the
    version of the file's kind.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspace/v0.2\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\n",
    targets=TODAY,
)
WORKSPACE_FOLDER_MISSING = rule(
    "C004", "workspace-folder-missing", Severity.ERROR,
    "a folder workspace.yml names does not exist",
    """
    `dataset_paths`, `channel_paths`, `pipeline_paths`, `plugin_paths` and
    `data_store_paths` name folders relative to the project folder (the
    folder of meltano.yml and workspace.yml). A folder that does not exist,
    or lies outside the project, holds nothing for the platform: pipelines or
    data stores meant to be there are silently missing. Fix the path, or
    create the folder and commit what belongs in it.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\npipeline_paths: [pipeline]\n"
        "# pipelines/daily.yml\nversion: pipelines/v0.1\nscript: echo hello\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\npipeline_paths: [pipelines]\n"
         "# pipelines/daily.yml\nversion: pipelines/v0.1\nscript: echo hello\n",
    targets=TODAY,
)
DATA_STORE_UNKNOWN = rule(
    "C005", "data-store-unknown", Severity.ERROR,
    "`default_data_store` or `state_data_store` names no data store",
    """
    `default_data_store` (where pipelines load by default) and
    `state_data_store` (where their state is kept) must name a data store:
    the built-in `Warehouse`, or one defined by a file of `datastores/`
    (`datastores/Google BigQuery.yml` is `Google BigQuery`). Any other name
    leaves the workspace without one. Fix the name, or add the data store's
    file.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\n"
        "default_data_store: warehouse\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\n"
         "default_data_store: Warehouse\n",
    targets=TODAY,
)
DOMAIN_DUPLICATE = rule(
    "C006", "domain-duplicate", Severity.WARNING,
    "an email domain of the workspace is listed twice",
    """
    `domains` (in workspace.yml, or under `workspace:` in the onboarding
    file) lists the email domains whose people may join the workspace.
    A domain listed twice changes nothing but hides what the list holds
    (public workspaces list one domain hundreds of times, the sign of a
    generator gone wrong). Remove the repeats.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\n"
        "domains: [example.com, example.com]\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\ndomains: [example.com]\n",
    targets=TODAY,
)
DOMAIN_MALFORMED = rule(
    "C007", "domain-malformed", Severity.ERROR,
    "a domain of the workspace is not an email domain",
    """
    Each entry of `domains` is the part of an email address after `@`, in
    lower case: `example.co.uk`, not `@example.co.uk`, `https://example.com`
    or `Example.com`. Anything else matches no address, so nobody of that
    domain can join. Write the bare domain.
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\ndomains: ['@example.com']\n",
    good="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\ndomains: [example.com]\n",
    targets=TODAY,
)
DATASTORE_KEY_INVALID = rule(
    "C020", "datastore-key-invalid", Severity.ERROR,
    "data store file key missing, unknown or of the wrong type",
    """
    A data store file (DatastoreML `datastores/v0.1`) holds `version`,
    `data_plugin` (required: the plugin that reaches the store) and
    `properties` (the plugin's settings, a mapping). An unknown key is
    ignored; a missing `data_plugin` or a value of the wrong type stops the
    deployment. Fix the key or the value's form.
    """,
    bad="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
        "plugin: loaders/target-postgres--meltanolabs\n",
    good="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
         "data_plugin: loaders/target-postgres--meltanolabs\n"
         "# plugins/loaders/target-postgres--meltanolabs.lock\n{}\n",
    targets=TODAY,
)
DATASTORE_PLUGIN_INVALID = rule(
    "C021", "datastore-plugin-invalid", Severity.ERROR,
    "data store `data_plugin` is not `<type>/<name>--<variant>`",
    """
    `data_plugin` names the plugin fully: its type (plural, as under
    `plugins:`), its name and its variant, as `loaders/target-postgres--meltanolabs`.
    A bare name, a singular type or a missing variant names no plugin the
    platform can install. Write the full name.
    """,
    bad="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
        "data_plugin: target-postgres\n",
    good="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
         "data_plugin: loaders/target-postgres--meltanolabs\n"
         "# plugins/loaders/target-postgres--meltanolabs.lock\n{}\n",
    targets=TODAY,
)
DATASTORE_LOCK_MISSING = rule(
    "C022", "datastore-lock-missing", Severity.ERROR,
    "data store's plugin has no committed lock file",
    """
    The platform installs a data store's `data_plugin` from its lock file, as
    Meltano 3+ installs every Hub plugin: `plugins/<type>/<name>--<variant>.lock`
    (or the same under a folder of `plugin_paths`). Without it the data store
    cannot be reached. Add the plugin to meltano.yml and run
    `meltano lock --update --all`, then commit the lock file.
    """,
    bad="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
        "data_plugin: loaders/target-postgres--meltanolabs\n",
    good="# meltano.yml\nversion: 1\n# datastores/Postgres.yml\nversion: datastores/v0.1\n"
         "data_plugin: loaders/target-postgres--meltanolabs\n"
         "# plugins/loaders/target-postgres--meltanolabs.lock\n{}\n",
    targets=TODAY,
)
TARGET_CLOUD_SUGGESTED = rule(
    "C050", "target-cloud-suggested", Severity.NOTICE,
    "the repository holds today's Meltano Cloud files: check with `target: cloud`",
    """
    `workspace.yml` and `pipelines/*.yml` belong to the platform called
    Meltano Cloud since 2026, not to the Meltano Cloud of the onboarding
    guide (shut down in 2024), which the check follows by default. Its advice
    (sandbox environment, secrets.yml, the onboarding packet) does not apply
    to such a workspace, and its pipelines, data stores and workspace.yml go
    unchecked. Check for today's platform: `target: cloud` (the `target`
    input, `--target cloud`, or `target = "cloud"` in the configuration file).
    """,
    bad="# meltano.yml\nversion: 1\n# workspace.yml\nversion: workspaces/v0.2\n",
    good="# meltano.yml\nversion: 1\n",
    targets=GUIDE,
)


@check(TARGET_CLOUD_SUGGESTED)
def suggest_target_cloud(context: Context) -> Iterator[Finding]:
    """One notice, on the first such file, for a repository shaped like a workspace of today's platform."""
    folders = [context.project.root, context.settings.workspace]
    found = present(*dict.fromkeys(f.resolve() for f in folders))
    if found is None:
        return
    yield TARGET_CLOUD_SUGGESTED.finding(
        Location(found), f"{context.relative(found)} is a file of today's Meltano Cloud, not of the "
        "onboarding guide's Meltano Cloud that this check follows by default",
        f"check the workspace for today's platform with {context.settings.names.given('target', 'cloud')}, "
        "or `target = \"cloud\"` in the configuration file")


@check(DATAML_FILE_UNREADABLE)
def dataml_load_problems(context: Context) -> Iterator[Finding]:
    for problem in context.dataml.problems:
        finding = load_problem_finding(problem, context)
        if finding is None:
            continue
        hint = ("write the file's keys, starting with `version:`, or remove the file"
                if finding.code in (MELTANO_YML_EMPTY.code, NOT_A_MAPPING.code) else finding.hint)
        message = ("this file is empty" if finding.code == MELTANO_YML_EMPTY.code else finding.message)
        yield DATAML_FILE_UNREADABLE.finding(finding.location, message, hint)


@check(WORKSPACE_KEY_INVALID, DATASTORE_KEY_INVALID, DATAML_VERSION)
def dataml_shapes(context: Context) -> Iterator[Finding]:
    dataml = context.dataml
    if dataml.workspace_data is not None:
        yield from validate(dataml.workspace_data, WORKSPACE_SCHEMA, dataml.workspace, (),
                            lambda path: WORKSPACE_KEY_INVALID, "workspace.yml")
        yield from version_problem(dataml.workspace, "workspace")
    for source in dataml.datastores:
        if isinstance(source.data, YMap):
            yield from validate(source.data, DATASTORE_SCHEMA, source, (),
                                lambda path: DATASTORE_KEY_INVALID, f"data store '{name_of(source)}'")
            yield from version_problem(source, "datastore")


def version_problem(source: SourceFile, kind: str) -> Iterator[Finding]:
    """C003 for a `version` that is text but not the kind's (the schema reports other types)."""
    version = source.data.get("version")
    wanted = VERSIONS[kind]
    if isinstance(version, str) and version != wanted:
        yield DATAML_VERSION.finding(
            source.location(("version",)),
            f"`version: {version}` is not the version of {KINDS[kind]}, `{wanted}`",
            f"write `version: {wanted}`")


@check(WORKSPACE_FOLDER_MISSING)
def workspace_folders(context: Context) -> Iterator[Finding]:
    dataml = context.dataml
    data = dataml.workspace_data
    if data is None:
        return
    root = dataml.root
    for key, entries in data.items():
        if not (isinstance(key, str) and key.endswith("_paths") and isinstance(entries, YList)):
            continue
        for i, text in enumerate(entries):
            if not isinstance(text, str) or not text:
                continue
            folder = next((f for f in dataml.folders if f.key == key and f.index == i), None)
            outside = folder.outside if folder is not None else _outside(root, text)
            if outside:
                yield WORKSPACE_FOLDER_MISSING.finding(
                    dataml.workspace.location((key, i)),
                    f"`{key}` names {text!r}, which lies outside the project folder",
                    "move the folder into the project folder (beside workspace.yml) and name it by a "
                    "relative path")
            elif not (root / text).is_dir():
                near = _near_folder(root, text)
                what = "is a file, not a folder" if (root / text).exists() else "does not exist"
                yield WORKSPACE_FOLDER_MISSING.finding(
                    dataml.workspace.location((key, i)),
                    f"`{key}` names the folder {text!r}, which {what} in the project folder",
                    f"did you mean `{near}`?" if near else
                    f"create {text}/ and commit what belongs in it, or remove the entry")


def _near_folder(root, text: str) -> str | None:
    """A folder beside the one named whose name is close to it (`pipeline` for `pipelines`)."""
    wanted = root / text
    parent = wanted.parent
    if not parent.is_dir():
        return None
    close = close_match(wanted.name, sorted(p.name for p in parent.iterdir() if p.is_dir()))
    return (parent / close).relative_to(root).as_posix() if close else None


def _outside(root, text: str) -> bool:
    try:
        return not (root / text).resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return True


def data_store_names(context: Context) -> dict[str, SourceFile | None]:
    """The workspace's data stores by name: the built-in `Warehouse` and each file of its folders."""
    names: dict[str, SourceFile | None] = {BUILT_IN_STORE: None}
    for source in context.dataml.datastores:
        names.setdefault(name_of(source), source)
    return names


@check(DATA_STORE_UNKNOWN)
def workspace_data_stores(context: Context) -> Iterator[Finding]:
    data = context.dataml.workspace_data
    if data is None:
        return
    known = data_store_names(context)
    for key in ("default_data_store", "state_data_store"):
        name = data.get(key)
        if not isinstance(name, str) or name in known:
            continue
        close = close_match(name, sorted(known))
        yield DATA_STORE_UNKNOWN.finding(
            context.dataml.workspace.location((key,)),
            f"`{key}` is {name!r}, which is neither the built-in `{BUILT_IN_STORE}` nor a file of the "
            "data store folders",
            f"did you mean `{close}`?" if close else
            f"add `datastores/{name}.yml` with `data_plugin:`, or write `{key}: {BUILT_IN_STORE}`")


@check(DOMAIN_DUPLICATE, DOMAIN_MALFORMED)
def workspace_domains(context: Context) -> Iterator[Finding]:
    """`domains` of workspace.yml, and of the onboarding file's `workspace:` when it gives them."""
    data = context.dataml.workspace_data
    if data is not None and isinstance(data.get("domains"), YList):
        yield from _domains(context.dataml.workspace, ("domains",), data["domains"])
    onboarding = usable(context)
    given = onboarding.data.get("workspace") if onboarding is not None else None
    if isinstance(given, YMap) and isinstance(given.get("domains"), YList):
        yield from _domains(onboarding.source, ("workspace", "domains"), given["domains"])


def _domains(source: SourceFile, path: tuple, domains: YList) -> Iterator[Finding]:
    first: dict[str, int] = {}
    repeats: dict[str, list[int]] = {}
    for i, domain in enumerate(domains):
        if not isinstance(domain, str):
            continue  # the schema reports it
        if not DOMAIN.fullmatch(domain):
            yield DOMAIN_MALFORMED.finding(
                source.location((*path, i)), f"domain {domain!r} is not an email domain",
                f"write the part after `@` of an address, in lower case, e.g. `{_bare(domain)}`"
                if _bare(domain) != domain and DOMAIN.fullmatch(_bare(domain)) else
                "write the part after `@` of an address, such as `example.co.uk`")
        if domain in first:
            repeats.setdefault(domain, []).append(i)
        else:
            first[domain] = i
    for domain, places in repeats.items():
        yield DOMAIN_DUPLICATE.finding(
            source.location((*path, places[0])),
            f"domain {domain!r} is listed {len(places) + 1} times in `domains`",
            f"remove the repeats of `{domain}`, keeping one entry",
            related=[source.location((*path, first[domain]))])


def _bare(domain: str) -> str:
    """`@Example.com` or `https://example.com/` as the domain it means."""
    text = domain.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).split("/", 1)[0]
    return text.rsplit("@", 1)[-1]


@check(DATASTORE_PLUGIN_INVALID, DATASTORE_LOCK_MISSING)
def data_store_plugins(context: Context) -> Iterator[Finding]:
    dataml = context.dataml
    data = dataml.workspace_data
    written = data.get("plugin_paths") if data is not None else None
    plugin_folders = ([t for t in written if isinstance(t, str) and t] if isinstance(written, YList)
                      else []) or ["plugins"]
    for source in dataml.datastores:
        if not isinstance(source.data, YMap):
            continue
        text = source.data.get("data_plugin")
        if not isinstance(text, str):
            continue  # missing or of the wrong type: the schema reports it
        where = source.location(("data_plugin",))
        match = DATA_PLUGIN.fullmatch(text)
        if match is None or match["type"] not in PLUGIN_TYPES:
            yield DATASTORE_PLUGIN_INVALID.finding(
                where, f"data store '{name_of(source)}' names its plugin {text!r}, not as "
                       "`<type>/<name>--<variant>`", _plugin_hint(text, context))
            continue
        lock = f"{match['type']}/{lock_name(match['name'], match['variant'])}"
        if not any((dataml.root / folder / lock).is_file() for folder in plugin_folders):
            yield DATASTORE_LOCK_MISSING.finding(
                where, f"data store '{name_of(source)}' uses {text}, whose lock file "
                       f"{plugin_folders[0]}/{lock} is not in the project",
                f"add {SINGULAR.get(match['type'], match['type'])} `{match['name']}` with "
                f"`variant: {match['variant']}` to meltano.yml, run `meltano lock --update --all` "
                "and commit the lock file")


def _plugin_hint(text: str, context: Context) -> str:
    """The full name of the project plugin `text` seems to mean, when one is found."""
    name = text.rsplit("/", 1)[-1].split("--", 1)[0]
    for plugin in context.index.by_name.get(name, []):
        if plugin.variant:
            return f"write `data_plugin: {plugin.type}/{plugin.name}--{plugin.variant}`"
    return "write the type, name and variant, e.g. `data_plugin: loaders/target-postgres--meltanolabs`"
