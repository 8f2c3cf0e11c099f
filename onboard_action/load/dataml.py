"""Today's Meltano Cloud's own files beside meltano.yml: workspace.yml, pipelines and data stores.

`workspace.yml` (WorkspaceML) may name the folders of the others in
`pipeline_paths` and `data_store_paths`; without them they are `pipelines/`
and `datastores/`. Each pipeline and each data store is one YAML file of
that folder, named for it (`pipelines/daily.yml` is the pipeline `daily`,
`datastores/Google BigQuery.yml` the data store `Google BigQuery`). See
../shared/domain/meltano-cloud-2026.md.

Read as meltano.yml is (positions kept, problems recorded, never raised), and
only when the check is for that platform: `present` alone (two look-ups) is
what the other targets ask.
"""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field

from onboard_action.load.loader import NodeBudget, read_yaml_file
from onboard_action.load.project import LoadProblem, SourceFile
from onboard_action.load.yamlfile import YList, YMap

WORKSPACE_FILE = "workspace.yml"
DEFAULT_FOLDERS = {"pipeline_paths": "pipelines", "data_store_paths": "datastores"}
SUFFIXES = (".yml", ".yaml")
# More pipeline or data store files than this in one folder are not read: a workspace has dozens.
MAX_FILES = 2000


class Folder(Struct):
    """A folder the workspace names (or the default one), and whether it is there."""

    key: str  # the workspace.yml key that names it, e.g. "pipeline_paths"
    written: str  # as written (or the default's name)
    path: Path
    index: int | None  # its position in the key's list; None for a default folder
    exists: bool = False
    outside: bool = False  # it leaves the project folder (`..`, an absolute path, a link out)


class DataML(Struct):
    root: Path
    workspace: SourceFile | None = None
    pipelines: list[SourceFile] = field(default_factory=list)
    datastores: list[SourceFile] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    @property
    def files(self) -> list[SourceFile]:
        head = [self.workspace] if self.workspace is not None else []
        return head + self.pipelines + self.datastores

    @property
    def workspace_data(self) -> YMap | None:
        data = self.workspace.data if self.workspace is not None else None
        return data if isinstance(data, YMap) else None


def name_of(source: SourceFile) -> str:
    """A pipeline's or data store's name: its file's name without `.yml`."""
    return source.path.stem


def present(*folders: Path) -> Path | None:
    """The first workspace.yml or pipelines/*.yml in `folders`: a sign of today's platform."""
    for folder in folders:
        if (folder / WORKSPACE_FILE).is_file():
            return folder / WORKSPACE_FILE
        pipelines = folder / DEFAULT_FOLDERS["pipeline_paths"]
        if pipelines.is_dir():
            found = sorted(p for p in pipelines.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if found:
                return found[0]
    return None


def load_dataml(root: Path, workspace: Path | None = None) -> DataML:
    """workspace.yml, and the pipeline and data store files of the folders it names (or the defaults)."""
    root = root.resolve()
    within = (root, *([workspace.resolve()] if workspace else []))
    found = DataML(root)
    budget = NodeBudget()
    path = root / WORKSPACE_FILE
    if path.is_file() or path.is_symlink():
        found.workspace = read_yaml_file(path, found.problems, within=within, budget=budget)
    data = found.workspace_data
    for key, default in DEFAULT_FOLDERS.items():
        written = data.get(key) if data is not None else None
        entries = ([(i, text) for i, text in enumerate(written) if isinstance(text, str) and text]
                   if isinstance(written, YList) else [(None, default)])
        for index, text in entries:
            folder = _folder(root, key, text, index)
            found.folders.append(folder)
            if not folder.exists or folder.outside:
                continue
            files = sorted(p for p in folder.path.iterdir() if p.suffix in SUFFIXES)[:MAX_FILES]
            target = found.pipelines if key == "pipeline_paths" else found.datastores
            target.extend(read_yaml_file(p, found.problems, within=within, budget=budget)
                          for p in files if p.is_file())
    return found


def _folder(root: Path, key: str, text: str, index: int | None) -> Folder:
    path = root / text
    normal = os.path.normpath(text)
    outside = os.path.isabs(normal) or normal == ".." or normal.startswith(".." + os.sep)
    try:
        outside = outside or not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        outside = True
    return Folder(key, text, path, index, exists=not outside and path.is_dir(), outside=outside)
