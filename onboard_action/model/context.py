"""Everything a check may read: the project model, the settings, and derived facts.

A run checks one or several projects against one onboarding file. What they
share (the settings, the onboarding file read once, the list of projects) is
the `OrgContext`, which the organization's checks read; each project's checks
read a `Context`, which points at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onboard_action.findings import Location, relative_path
from onboard_action.load.git import Git
from onboard_action.load.project import Project, SourceFile
from onboard_action.model.onboarding import Onboarding, load_onboarding
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun

DEFAULT_ENVIRONMENT = "sandbox"


class _Paths:
    settings: Settings

    def relative(self, path: Path) -> str:
        """A path as messages show it: relative to the workspace."""
        return relative_path(path, self.settings.workspace)

    def where(self, location: Location) -> str:
        """`path:line:column` of a location, as messages show another place."""
        return f"{self.relative(location.file)}:{location.line}:{location.column}"


@dataclass
class OrgContext(_Paths):
    """What every project of one run shares, and what the organization's checks read."""

    settings: Settings
    projects: list[Project] = field(default_factory=list)  # the projects checked, in order
    secrets: SecretsRun | None = None
    # Listed roots that were not loaded: they lie outside the workspace (rules/onboarding_projects.py).
    refused_roots: dict[Path, str] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def onboarding(self) -> Onboarding | None:
        """The onboarding file, read once; None when it is switched off or absent."""
        return load_onboarding(self.settings.onboarding_path(), self.settings.project_dir.resolve(),
                               self.settings.workspace)

    @property
    def org(self) -> OrgContext:
        """Itself: code that serves both kinds of context reaches the run's shared parts as `.org`."""
        return self

    def project_at(self, root: Path) -> Project | None:
        return next((project for project in self.projects if project.root == root), None)

    def yaml_sources(self) -> list[SourceFile]:
        """The YAML files the organization's checks read: the onboarding file."""
        return [self.onboarding.source] if self.onboarding is not None else []


@dataclass
class Context(_Paths):
    project: Project
    settings: Settings
    # The key and .env handled in this run, for the secrets checks (no values in it).
    secrets: SecretsRun | None = None
    # Filled by feature modules that need more than the project (e.g. the
    # onboarding file); keys are documented where they are set.
    extras: dict[str, Any] = field(default_factory=dict)
    # The run this project is checked in; by default a run of this project alone.
    org: OrgContext | None = None

    def __post_init__(self) -> None:
        if self.org is None:
            self.org = OrgContext(self.settings, [self.project], self.secrets)

    @cached_property
    def git(self) -> Git:
        return Git(self.project.root)

    @cached_property
    def onboarding(self) -> Onboarding | None:
        """The onboarding file as this project sees it (`project` is its entry), or None."""
        whole = self.org.onboarding
        return whole.for_root(self.project.root) if whole is not None else None

    @property
    def onboarding_environment(self) -> str:
        """The onboarding environment: the input, else the onboarding file's, else sandbox."""
        if self.settings.environment:
            return self.settings.environment
        from_file = self.onboarding.environment if self.onboarding else None
        return from_file or DEFAULT_ENVIRONMENT

    def yaml_sources(self) -> list[SourceFile]:
        """The YAML files this project's checks read: its own, and the onboarding file."""
        return self.project.files + self.org.yaml_sources()
