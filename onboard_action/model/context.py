"""Everything a check may read: the project model, the settings, and what they mean, each worked out once.

The model's parts are cached properties, made on first use: a check that
needs no index (the onboarding file's) never pays for one, and every check
and fact that does shares the same.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from onboard_action.findings import CLOUD, SELF_HOSTED, Location, relative_path
from onboard_action.load.dataml import DataML, load_dataml
from onboard_action.load.git import Git, boundary_of
from onboard_action.load.project import Project
from onboard_action.model import variables
from onboard_action.model.ignores import Directive, parse_files
from onboard_action.model.index import ProjectIndex
from onboard_action.model.onboarding import Onboarding, load_onboarding
from onboard_action.model.schedules import ScheduleSet, schedule_set
from onboard_action.model.sensitive import SensitiveSettings
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun

DEFAULT_ENVIRONMENT = "sandbox"
ACTIVE_ENVIRONMENT = "dev"  # a new workspace's active environment on today's Meltano Cloud


# one per run, and the key of what rules keep for that run (rules.per_run)
class Context(Struct, eq=False, dict=True, weakref=True):
    project: Project
    settings: Settings
    # The key and .env handled in this run, for the secrets checks (no values in it).
    secrets: SecretsRun | None = None

    @cached_property
    def git(self) -> Git:
        settings = self.settings
        return Git(self.project.root, boundary_of(self.project.root, settings.workspace,
                                                  confined=settings.confined))

    @cached_property
    def onboarding(self) -> Onboarding | None:
        """The onboarding file, or None when it is switched off or absent, or the target has none."""
        if self.settings.target == SELF_HOSTED:
            return None
        return load_onboarding(self.settings.onboarding_path(), self.project.root,
                               self.settings.workspace)

    @cached_property
    def dataml(self) -> DataML:
        """workspace.yml, pipelines and data stores (today's Meltano Cloud): read only under that target."""
        if self.settings.target != CLOUD:
            return DataML(self.project.root)
        return load_dataml(self.project.root, self.settings.workspace)

    @cached_property
    def index(self) -> ProjectIndex:
        """Plugins, mappings, jobs and environments by name."""
        return ProjectIndex(self.project)

    @cached_property
    def schedules(self) -> ScheduleSet:
        """The schedules, and what they and the onboarding file name."""
        return schedule_set(self.index, self.onboarding)

    @cached_property
    def variables(self) -> variables.Scan:
        """The variable references Meltano expands, and the text that looks like one but is not."""
        return variables.scan(self.project)

    @cached_property
    def sensitive(self) -> SensitiveSettings:
        """The settings their definitions mark sensitive, by plugin and by environment variable."""
        return SensitiveSettings.of_index(self.index)

    @cached_property
    def directives(self) -> dict[Path, list[Directive]]:
        """The `# meltano-onboard:` comments of every YAML file the check loaded, by file."""
        onboarding = [self.onboarding.source] if self.onboarding is not None else []
        return parse_files([*self.project.files, *onboarding, *self.dataml.files])

    @property
    def onboarding_environment(self) -> str:
        """The environment runs use: the input, else the onboarding file's, else the target's default.

        The guide's Meltano Cloud onboards with `sandbox`; today's starts a workspace's active
        environment at `dev`; a self-hosted Meltano runs in the project's `default_environment`.
        """
        if self.settings.environment:
            return self.settings.environment
        if self.settings.target == SELF_HOSTED:
            default, _ = self.project.setting("default_environment")
            return default if isinstance(default, str) and default else DEFAULT_ENVIRONMENT
        from_file = self.onboarding.environment if self.onboarding else None
        return from_file or (ACTIVE_ENVIRONMENT if self.settings.target == CLOUD else DEFAULT_ENVIRONMENT)

    @property
    def onboarding_environment_named_by(self) -> str | None:
        """Who named the onboarding environment: "input", "onboarding-file", or None (the default)."""
        if self.settings.environment:
            return "input"
        if self.onboarding is not None and self.onboarding.environment:
            return "onboarding-file"
        return None

    def relative(self, path: Path) -> str:
        """A path as messages show it: relative to the workspace."""
        return relative_path(path, self.settings.workspace)

    def where(self, location: Location) -> str:
        """`path:line:column` of a location, as messages show another place."""
        return f"{self.relative(location.file)}:{location.line}:{location.column}"
