"""The organization's onboarding file, and the entry in it for the project being checked.

The file holds what Step 1 of Meltano Cloud's onboarding guide asks for:
company, primary contact, org ID, projects (git provider, URL, branch, the
onboarding environment, the schedules to run) and users. Its JSON schema is
`schemas/onboarding.schema.json` (`SCHEMA_FILE`); editors find it through a
first line `# yaml-language-server: $schema=...`.

`projects[].root` is the folder of meltano.yml relative to the folder that
holds the onboarding file (keep the onboarding file at the repository root,
as the docs say); it defaults to ".". The entry whose root is the checked
project is `Onboarding.project`: the checks that compare the file with the
project (environment, schedules, repository URL and branch) use that entry.
"""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field

from onboard_action.findings import Location, relative_path
from onboard_action.load.loader import read_yaml_file
from onboard_action.load.project import Item, LoadProblem, SourceFile
from onboard_action.load.yamlfile import YMap

SCHEMA_FILE = "onboarding.schema.json"
CLOUD_SCHEMA_FILE = "onboarding-cloud.schema.json"  # the same file as `target: cloud` reads it


class Onboarding(Struct):
    source: SourceFile
    projects: list[Item]
    # The projects[] entry whose root is the checked project, when there is one.
    project: Item | None
    problems: list[LoadProblem] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def base(self) -> Path:
        """The folder `projects[].root` is relative to."""
        return self.source.path.parent.resolve()

    @property
    def data(self) -> YMap | None:
        return self.source.data if isinstance(self.source.data, YMap) else None

    @property
    def environment(self) -> str | None:
        value = self.project.get("environment") if self.project else None
        return value if isinstance(value, str) and value else None

    def listed_schedules(self) -> list[tuple[str, Location]]:
        """The schedule names this project's entry lists, each with where it is written."""
        names = self.project.get("schedules") if self.project else None
        if not isinstance(names, list):
            return []
        return [(name, self.project.location("schedules", i))
                for i, name in enumerate(names) if isinstance(name, str)]

    def entry(self, key: str) -> Item | None:
        """A top-level value (`contact`, say) as an Item, to read it with its positions."""
        data = self.data
        return Item(self.source, (key,), data[key]) if data is not None and key in data else None

    @property
    def users(self) -> list[Item]:
        users = self.data.get("users") if self.data is not None else None
        if not isinstance(users, list):
            return []
        return [Item(self.source, ("users", i), user) for i, user in enumerate(users)]

    def root_of(self, entry: Item) -> Path:
        return project_root_of(entry, self.base)

    def relative(self, folder: Path) -> str:
        """`folder` as a `root` value: relative to the base, with forward slashes."""
        return relative_path(folder, self.base, outside="climb")


def project_root_of(entry: Item, base: Path) -> Path:
    root = entry.get("root", ".")
    return Path(os.path.normpath(base / (root if isinstance(root, str) and root else ".")))


def load_onboarding(path: Path | None, project_root: Path,
                    workspace: Path | None = None) -> Onboarding | None:
    """Load the onboarding file at `path`; None when there is none to load.

    A symbolic link out of the workspace (and the project) is refused unread.
    """
    if path is None or not path.is_file():
        return None
    problems: list[LoadProblem] = []
    source = read_yaml_file(path, problems, within=(project_root, *([workspace] if workspace else [])))
    projects: list[Item] = []
    if isinstance(source.data, YMap) and isinstance(source.data.get("projects"), list):
        projects = [Item(source, ("projects", i), entry)
                    for i, entry in enumerate(source.data["projects"])]
    base = path.parent.resolve()
    matching = [p for p in projects if project_root_of(p, base) == project_root]
    return Onboarding(source, projects, matching[0] if matching else None, problems)
