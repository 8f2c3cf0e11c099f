"""What an onboarding run uses: the onboarding environment, and the plugins its schedules run.

Meltano Cloud onboards a project by running its schedules in one environment.
A value written for another environment (`cicd`), or in the config of a
plugin that no schedule runs (a utility run by hand), never reaches such a
run, so the variables it references are not what onboarding needs. What
Meltano does for every plugin, scheduled or not, still counts: `meltano
install` installs them all, so `pip_url` (and `python`) references are used.

A plugin is used when a schedule that runs in the onboarding environment runs
it: a block of its job's tasks names it (or a mapping of it), a legacy
schedule names it as extractor or loader, or its `transform: run|only` runs
the transformers; and so are the plugins it inherits from. When no schedule
runs anything, nothing tells which plugins onboarding uses, and all of them
count.

`context.extras["onboarding_scope"]` holds the scope of the current run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onboard_action.load.project import SourceFile
from onboard_action.load.yamlfile import value_at
from onboard_action.model import variables
from onboard_action.model.index import index_of
from onboard_action.model.schedules import schedule_set

if TYPE_CHECKING:
    from onboard_action.model.context import Context

EXTRAS_KEY = "onboarding_scope"
# Keys of a plugin entry Meltano reads for every plugin, to install it.
INSTALL_KEYS = frozenset({"pip_url", "python"})


@dataclass(frozen=True)
class Scope:
    environment: str
    # (type, name) of the plugins the schedules run; None when nothing is scheduled: all count.
    plugins: frozenset[tuple[str, str]] | None

    def uses(self, source: SourceFile, path: tuple) -> bool:
        """Whether the value at `path` in `source` reaches an onboarding run (or its install)."""
        data = source.data
        head = path[0] if path else None
        if head == "environments" and len(path) > 1:
            environment = value_at(data, path[:2])
            if not isinstance(environment, dict) or environment.get("name") != self.environment:
                return False
            if path[2:4] == ("config", "plugins") and len(path) > 5:
                return self._plugin_uses(path[4], value_at(data, path[:6]), path[6:])
            return True
        if head == "plugins" and len(path) > 2:
            return self._plugin_uses(path[1], value_at(data, path[:3]), path[3:])
        return True  # project settings and the top-level `env:` reach every run

    def _plugin_uses(self, plugin_type: Any, entry: Any, rest: tuple) -> bool:
        if self.plugins is None or (rest and rest[0] in INSTALL_KEYS):
            return True
        name = entry.get("name") if isinstance(entry, dict) else None
        return (plugin_type, name) in self.plugins


def scope_of(context: Context) -> Scope:
    cached = context.extras.get(EXTRAS_KEY)
    if cached is None:
        cached = context.extras[EXTRAS_KEY] = _scope(context)
    return cached


def _scope(context: Context) -> Scope:
    environment = context.onboarding_environment
    index = index_of(context)
    names: set[str] = set()
    transform = False
    for schedule in schedule_set(context).schedules:
        if not schedule.runs_in(environment):
            continue
        job = index.jobs.get(schedule.text("job") or "")
        if job is not None:
            names.update(_blocks(job.get("tasks")))
        elif schedule.legacy:
            names.update(filter(None, (schedule.text("extractor"), schedule.text("loader"))))
            transform = transform or schedule.text("transform") in ("run", "only")
    plugins = []
    for name in names:
        plugins += index.by_name.get(name, [])
        plugins += [mapping.mapper for mapping in index.mappings.get(name, [])]
    if transform:
        plugins += index.by_type.get("transformers", {}).values()
    if not plugins:
        return Scope(environment, None)
    used = {(ancestor.type, ancestor.name) for plugin in plugins for ancestor in index.ancestry(plugin)}
    return Scope(environment, frozenset(used))


def _blocks(tasks: Any) -> set[str]:
    """The plugin and mapping names a job's tasks name (`dbt:run` names `dbt`)."""
    texts = []
    for task in tasks if isinstance(tasks, list) else ():
        texts += [task] if isinstance(task, str) else [t for t in task if isinstance(t, str)] \
            if isinstance(task, list) else []
    return {block.split(":", 1)[0] for text in texts for block in text.split(" ") if block}


def needed_for_onboarding(context: Context, found: list[variables.Reference]) -> set[str]:
    """Referenced names that an onboarding run reads and that neither Meltano nor its `env:` blocks set."""
    scope = scope_of(context)
    provided = {name for source, path, block in variables.env_blocks(context.project)
                if scope.uses(source, path) for name in block}
    return {r.name for r in found if not variables.is_injected(r.name) and r.name not in provided
            and scope.uses(r.source, r.path)}
