"""What the onboarded schedules need from the .env, before it is encrypted (K036).

Meltano Cloud runs the schedules the onboarding file lists (all schedules
that run in the onboarding environment when it lists none) in the
onboarding environment. A variable reference matters there when it sits in:

* a plugin that one of those schedules' jobs runs (its blocks: plugins,
  mappings' mappers, `plugin:command`), or a plugin it inherits from;
* the onboarding environment (its `env`, its config, its config of those plugins);
* one of those schedules (its `env`);
* the rest of the project (top-level `env`, project settings), which every run reads.

Other environments, and plugins no onboarded job runs, are left out: their
variables are not needed for onboarding. As for K009, a name that Meltano
injects or that an `env:` block sets is provided already.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from onboard_action.findings import Finding, Location, Severity
from onboard_action.model import variables
from onboard_action.model.context import Context
from onboard_action.model.index import Plugin, ProjectIndex, index_of
from onboard_action.model.schedules import Schedule, onboarded
from onboard_action.rules import check, rule
from onboard_action.rules.jobs import tasks_of
from onboard_action.rules.variables import scan_of

MISSING_FROM_DOTENV = rule(
    "K036", "dotenv-missing-variable", Severity.ERROR,
    "the .env lacks a variable the onboarded schedules need",
    """
    On Meltano Cloud the run's environment holds what `secrets.yml` decrypts
    to, plus what the project's `env:` blocks set. A variable that a plugin of
    an onboarded schedule's job, the onboarding environment or the project
    itself references, and that the .env being encrypted does not define,
    expands to an empty string there: a password or a host silently blank on
    the first run (Step 3). Checked by `meltano-onboard encrypt` before it
    writes anything, and by `check --dotenv-path`. Add the variable to the
    .env (or, if it is not secret, set it in an `env:` block).
    """,
    bad="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# .env\nPOSTGRES_USER=app\n",
    good="# meltano.yml\nconfig:\n  password: ${POSTGRES_PASSWORD}\n# .env\nPOSTGRES_USER=app\n"
         "POSTGRES_PASSWORD=s3cr3t\n",
)


@dataclass
class Need:
    """A variable the onboarded schedules need, where it is used, and by what."""

    name: str
    user: str  # "loader 'target-postgres'", "environment 'sandbox'", "schedule 'daily'", "the project"
    locations: list[Location] = field(default_factory=list)


def onboarding_needs(context: Context) -> dict[str, Need]:
    """Each variable the onboarded schedules need and nothing in the project provides, in name order."""
    project = context.project
    if not project.loaded:
        return {}
    environment = context.onboarding_environment
    schedules_run = onboarded(context)
    plugins = _plugins_run_by(schedules_run, index_of(context))
    by_place = {(p.item.file.path, p.item.path): p for p in plugins}
    used_names = {(p.type, p.name) for p in plugins}
    schedules = {(s.item.file.path, s.item.path) for s in schedules_run}
    provided = variables.provided_by_project(project)
    needs: dict[str, Need] = {}
    for reference in scan_of(context).references:
        name = reference.name
        if variables.is_injected(name) or name in provided:
            continue
        source = reference.source
        user = _user(source.data, reference.path, environment, by_place, used_names, schedules, source.path)
        if user is None:
            continue
        need = needs.setdefault(name, Need(name, user))
        need.locations.append(reference.location)
    return dict(sorted(needs.items()))


def _plugins_run_by(schedules: list[Schedule], index: ProjectIndex) -> list[Plugin]:
    """The plugins the schedules' jobs run (or a legacy schedule's extractor and loader), with parents."""
    found: dict[int, Plugin] = {}

    def add(plugin: Plugin | None) -> None:
        if plugin is not None:
            for each in index.ancestry(plugin):
                found.setdefault(id(each.item), each)

    for schedule in schedules:
        job = index.jobs.get(schedule.text("job") or "")
        if job is None:
            for kind, key in (("extractors", "extractor"), ("loaders", "loader")):
                add(index.find(kind, schedule.text(key) or ""))
            continue
        for task in tasks_of(job):
            for block in task.blocks:
                name = block.text.split(":", 1)[0]
                by_name = index.by_name.get(name)
                mappings = index.mappings.get(name)
                add(by_name[0] if by_name else mappings[0].mapper if mappings else None)
    return list(found.values())


def _user(data, path: tuple, environment: str, plugins: dict, used_names: set, schedules: set,
          file) -> str | None:
    """What needs the reference at `path`, or None when no onboarded run reads it."""
    head = path[0]
    if head == "plugins" and len(path) >= 3:
        plugin = plugins.get((file, path[:3]))
        return plugin.described if plugin is not None else None
    if head == "schedules":
        if (file, path[:2]) not in schedules:
            return None
        name = data["schedules"][path[1]].get("name")
        return f"schedule {name!r}"
    if head == "environments" and len(path) >= 2:
        entry = data["environments"][path[1]]
        if not isinstance(entry, dict) or entry.get("name") != environment:
            return None
        if path[2:4] == ("config", "plugins") and len(path) >= 6:
            plugin = data["environments"][path[1]]["config"]["plugins"][path[4]][path[5]]
            name = plugin.get("name") if isinstance(plugin, dict) else None
            if (path[4], name) not in used_names:
                return None
        return f"environment {environment!r}"
    return "the project"


@check
def needed_but_not_in_dotenv(context: Context) -> Iterator[Finding]:
    secrets = context.secrets
    if secrets is None or secrets.dotenv_names is None:
        return
    for need in missing_from(context, secrets.dotenv_names):
        yield MISSING_FROM_DOTENV.finding(
            need.locations[0],
            f"{secrets.dotenv_label} does not define `{need.name}`, which {need.user} needs here "
            f"(an onboarded schedule runs it in {context.onboarding_environment!r}); it would be empty "
            "on Meltano Cloud",
            f"add `{need.name}=...` to {secrets.dotenv_label} and encrypt it, or set it in an `env:` "
            "block if it is not secret",
            related=need.locations[1:])


def missing_from(context: Context, names: frozenset[str]) -> list[Need]:
    """The needs of the onboarded schedules that a .env with these names does not meet."""
    return [need for name, need in onboarding_needs(context).items() if name not in names]
