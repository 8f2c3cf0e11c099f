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

The rules build the scope once per run (rules/jobs.onboarding_scope), from the
same `scheduled_plugins` that the plugin-settings rules (P703, P706) judge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from onboard_action.load.project import SourceFile
from onboard_action.load.yamlfile import value_at
from onboard_action.model import variables

if TYPE_CHECKING:
    from onboard_action.model.context import Context

# Keys of a plugin entry Meltano reads for every plugin, to install it.
INSTALL_KEYS = frozenset({"pip_url", "python"})


class Scope(Struct, frozen=True):
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


def needed_for_onboarding(context: Context, found: list[variables.Reference], scope: Scope) -> set[str]:
    """Referenced names that an onboarding run reads and that neither Meltano nor its `env:` blocks set."""
    provided = {name for source, path, block in variables.env_blocks(context.project)
                if scope.uses(source, path) for name in block}
    return {r.name for r in found if not variables.is_injected(r.name) and r.name not in provided
            and scope.uses(r.source, r.path)}


def first_needed(context: Context, found: list[variables.Reference],
                 scope: Scope) -> dict[str, variables.Reference]:
    """Each name an onboarding run needs (sorted), with the first of its references such a run reads."""
    needed = needed_for_onboarding(context, found, scope)
    first: dict[str, variables.Reference] = {}
    for reference in found:
        if reference.name in needed and reference.name not in first and scope.uses(reference.source,
                                                                                  reference.path):
            first[reference.name] = reference
    return dict(sorted(first.items()))
