"""Rules about environments: at least one, well named, the default and the onboarding one defined.

Meltano Cloud runs every job in a Meltano environment, and onboarding needs
the one named in the onboarding packet (recommended: `sandbox`) to exist, so
that Meltano Cloud can test every job without touching production data.
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import GUIDE, TODAY, Finding, Location, Severity
from onboard_action.load.project import PLUGIN_TYPES
from onboard_action.load.yamlfile import value_at
from onboard_action.model.context import DEFAULT_ENVIRONMENT, Context
from onboard_action.rules import Rule, Worded, check, plugins, rule
from onboard_action.values.suggest import close_match

ENVIRONMENT_ENTRY_INVALID = rule(
    "P301", "environment-entry-invalid", Severity.ERROR,
    "environment entry is malformed",
    """
    An environment is a mapping with a `name` and optionally `config`, `env`,
    `annotations` and `state_id_suffix`. Without a name, or with values of the
    wrong kind, Meltano fails when it activates the environment. Write the
    entry in that form.
    """,
    bad="environments:\n  - sandbox\n",
    good="environments:\n  - name: sandbox\n",
)
NO_ENVIRONMENTS = rule(
    "P302", "no-environments", Severity.ERROR,
    "project defines no environment",
    """
    Meltano Cloud runs every job in a Meltano environment and tests the project
    in the one named for onboarding. A project without `environments:` cannot
    be deployed. Add at least the onboarding environment (recommended:
    `sandbox`).
    """,
    bad="version: 1\nplugins: {}\n",
    good="version: 1\nenvironments:\n  - name: sandbox\n  - name: prod\n",
    targets=GUIDE,
)
ENVIRONMENT_NAME_COLON = rule(
    "P303", "environment-name-colon", Severity.ERROR,
    "environment name contains `:`",
    """
    Meltano builds state IDs as `<environment>:<extractor>-to-<loader>` and
    refuses environment names that contain `:`. Rename the environment (and
    every place that names it).
    """,
    bad="environments:\n  - name: prod:eu\n",
    good="environments:\n  - name: prod-eu\n",
)
DEFAULT_ENVIRONMENT_UNKNOWN = rule(
    "P304", "default-environment-unknown", Severity.ERROR,
    "`default_environment` names no environment",
    """
    `default_environment` must name one of the project's environments. Meltano
    only notices at `meltano run`, when it fails to activate it. Fix the name,
    or add the environment.
    """,
    bad="default_environment: dev\nenvironments:\n  - name: development\n",
    good="default_environment: development\nenvironments:\n  - name: development\n",
)
ONBOARDING_ENVIRONMENT_MISSING = rule(
    "P305", "onboarding-environment-missing", Severity.ERROR,
    "the onboarding environment is not defined",
    """
    Meltano Cloud tests a project during onboarding in the environment named in
    the onboarding packet: the `environment` input (`--environment`), else the
    project's entry of the onboarding file. A named environment that
    `environments:` does not define is an error (on the onboarding file's
    `environment:` line when that file names it): fix the name, or add the
    environment. When nobody names one, onboarding falls back to `sandbox`,
    which the guide recommends (a dedicated environment, so that these test
    runs cannot touch production data); a project without it gets a warning
    that lists its environments and says how to name one of them.
    """,
    bad="environments:\n  - name: dev\n  - name: prod\n",
    good="environments:\n  - name: dev\n  - name: sandbox\n  - name: prod\n",
    targets=GUIDE,
)
ACTIVE_ENVIRONMENT_MISSING = rule(
    "C030", "active-environment-missing", Severity.ERROR,
    "the workspace's active environment is not defined",
    """
    Today's Meltano Cloud runs a workspace's pipelines in its active
    environment, which "must already exist in your meltano.yml under
    environments". New workspaces start with `dev` (and get `staging` and
    `prod`); the check takes `dev` unless the `environment` input
    (`--environment`) names the workspace's. Add the environment under
    `environments:`, or name the one the workspace uses.
    """,
    bad="environments:\n  - name: sandbox\n  - name: prod\n",
    good="environments:\n  - name: dev\n  - name: prod\n",
    targets=TODAY,
)

# --- schema errors: which of the rules above reports them -------------------

# An environment's `config: plugins:` entries are reported with the plugin rules' words.
SCHEMA_RULES = (ENVIRONMENT_ENTRY_INVALID, ENVIRONMENT_NAME_COLON, *plugins.SCHEMA_RULES)


def schema_rule(path: tuple, data) -> Rule | Worded:
    """The rule for a schema error at `path`, which starts with "environments"."""
    name = value_at(data, path) if len(path) == 3 and path[2] == "name" else None
    if isinstance(name, str) and ":" in name:
        return ENVIRONMENT_NAME_COLON
    # environments[i].config.plugins.<type>[j]...: the plugin rules' words apply.
    if len(path) >= 5 and path[2:4] == ("config", "plugins"):
        if len(path) == 5 and path[4] not in PLUGIN_TYPES:
            return Worded(plugins.UNKNOWN_PLUGIN_TYPE, hint=plugins.type_hint(path[4]))
        if len(path) >= 6:
            return plugins.entry_rule(path[6:], value_at(data, path[:6]), "environment_plugin")
    return ENVIRONMENT_ENTRY_INVALID



# --- checks ------------------------------------------------------------------

@check(NO_ENVIRONMENTS, ONBOARDING_ENVIRONMENT_MISSING)
def environments_defined(context: Context) -> Iterator[Finding]:
    project = context.project
    if not project.loaded:
        return
    index = context.index
    wanted = context.onboarding_environment
    if not project.items("environments"):
        yield NO_ENVIRONMENTS.finding(
            _environments_location(context),
            "the project defines no environment; Meltano Cloud runs every job in one",
            f"add `environments:` with at least `- name: {wanted}`")
        return
    if wanted in index.environments:
        return
    names = list(index.environments)
    named_by = context.onboarding_environment_named_by
    if named_by is None:
        yield _default_missing(context, names)
        return
    close = close_match(wanted, names)
    defined = ", ".join(names)
    if named_by == "onboarding-file":
        entry = context.onboarding.project
        yield ONBOARDING_ENVIRONMENT_MISSING.finding(
            entry.location("environment"),
            f"the onboarding file names environment '{wanted}', in which Meltano Cloud tests the "
            f"project during onboarding, but meltano.yml does not define it (it defines: {defined})",
            f"did you mean `{close}`?" if close else
            f"write one of the project's environments here, or add `- name: {wanted}` under "
            "`environments:` in meltano.yml",
            related=[_environments_location(context)])
        return
    yield ONBOARDING_ENVIRONMENT_MISSING.finding(
        _environments_location(context),
        f"environment '{wanted}' (named by {context.settings.names.phrase('environment')}), in "
        "which Meltano Cloud tests the project during onboarding, is not defined (the project "
        f"defines: {defined})",
        f"did you mean `{close}`?" if close else
        f"add `- name: {wanted}` under `environments:`, or name one of the project's environments")


def _default_missing(context: Context, names: list[str]) -> Finding:
    """Nobody named the onboarding environment and the project has no `sandbox`: a warning."""
    if not names:  # entries without a name are P301's; none of them can be named here
        return ONBOARDING_ENVIRONMENT_MISSING.finding(
            _environments_location(context),
            f"no onboarding environment is named, and the project has no `{DEFAULT_ENVIRONMENT}`, the "
            "environment Meltano Cloud onboards with by default (its environments have no names)",
            f"add `- name: {DEFAULT_ENVIRONMENT}` under `environments:`, the dedicated environment "
            "the onboarding guide recommends").with_severity(Severity.WARNING)
    default, _ = context.project.setting("default_environment")
    first = default if default in names else names[0]
    listed = ", ".join(f"`{n}`" + (" (the `default_environment`)" if n == default else "")
                       for n in names)
    onboarding = context.onboarding
    if onboarding is not None and onboarding.project is not None:
        where = f"`environment: {first}` in this project's entry of {context.relative(onboarding.path)}"
    else:
        where = (f"`environment: {first}` in the project's entry of the onboarding file "
                 "(`meltano-onboard init` writes one)")
    option = context.settings.names.given("environment", first)
    finding = ONBOARDING_ENVIRONMENT_MISSING.finding(
        _environments_location(context),
        f"no onboarding environment is named, and the project has no `{DEFAULT_ENVIRONMENT}`, the "
        f"environment Meltano Cloud onboards with by default; it defines: {listed}",
        f"name the one to onboard with: {where}, or {option}; or add "
        f"`- name: {DEFAULT_ENVIRONMENT}` under `environments:`, the dedicated environment the "
        "onboarding guide recommends")
    return finding.with_severity(Severity.WARNING)


def _environments_location(context: Context) -> Location:
    for source in context.project.usable_files:
        if "environments" in source.data:
            return source.location(("environments",), key=True)
    return context.project.meltano_file.location()


@check(DEFAULT_ENVIRONMENT_UNKNOWN)
def default_environment(context: Context) -> Iterator[Finding]:
    value, origin = context.project.setting("default_environment")
    if origin is None or not isinstance(value, str) or not value:
        return  # absent, or the schema reports its type
    index = context.index
    if value in index.environments:
        return
    close = close_match(value, sorted(index.environments))
    yield DEFAULT_ENVIRONMENT_UNKNOWN.finding(
        origin.location(("default_environment",)),
        f"`default_environment` is '{value}', which is not one of the project's environments",
        f"did you mean `{close}`?" if close else f"add `- name: {value}` under `environments:`, "
                                                     "or name an existing environment")


@check(ACTIVE_ENVIRONMENT_MISSING)
def active_environment(context: Context) -> Iterator[Finding]:
    """Today's Meltano Cloud: the active environment (the input, else `dev`) is one of meltano.yml's."""
    if not context.project.loaded:
        return
    wanted = context.onboarding_environment
    names = list(context.index.environments)
    if wanted in names:
        return
    close = close_match(wanted, names)
    defined = f"it defines: {', '.join(names)}" if names else "it defines no environment"
    yield ACTIVE_ENVIRONMENT_MISSING.finding(
        _environments_location(context),
        f"the workspace's active environment '{wanted}' is not defined in meltano.yml ({defined})",
        f"add `- name: {wanted}` under `environments:`"
        + (f", or, if the workspace's active environment is `{close or names[0]}`, run with "
           f"{context.settings.names.given('environment', close or names[0])}" if names else ""))
