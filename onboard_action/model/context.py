"""Everything a check may read: the project model, the settings, and derived facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onboard_action.findings import Location, relative_path
from onboard_action.load.git import Git
from onboard_action.load.project import Project
from onboard_action.model.onboarding import Onboarding, load_onboarding
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun

DEFAULT_ENVIRONMENT = "sandbox"


@dataclass
class Context:
    project: Project
    settings: Settings
    # The key and .env handled in this run, for the secrets checks (no values in it).
    secrets: SecretsRun | None = None
    # Filled by feature modules that need more than the project (e.g. the
    # onboarding file); keys are documented where they are set.
    extras: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def git(self) -> Git:
        # The action's git never looks above the workspace; the CLI's looks as far as git does.
        return Git(self.project.root, self.settings.workspace if self.settings.confined else None)

    @cached_property
    def onboarding(self) -> Onboarding | None:
        """The onboarding file, or None when it is switched off or absent."""
        return load_onboarding(self.settings.onboarding_path(), self.project.root,
                               self.settings.workspace)

    @property
    def onboarding_environment(self) -> str:
        """The onboarding environment: the input, else the onboarding file's, else sandbox."""
        if self.settings.environment:
            return self.settings.environment
        from_file = self.onboarding.environment if self.onboarding else None
        return from_file or DEFAULT_ENVIRONMENT

    def relative(self, path: Path) -> str:
        """A path as messages show it: relative to the workspace."""
        return relative_path(path, self.settings.workspace)

    def where(self, location: Location) -> str:
        """`path:line:column` of a location, as messages show another place."""
        return f"{self.relative(location.file)}:{location.line}:{location.column}"
