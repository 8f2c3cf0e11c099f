"""The rules that ask git, on real repositories made in temporary folders.

Golden cases with `git.txt` cover the plain cases (P504, P505); these tests
cover what a golden case cannot hold: files git ignores, projects in a
subfolder of the repository, and no repository at all.
"""

from __future__ import annotations

from pathlib import Path

from onboard_action import engine
from onboard_action.load.git import Git
from onboard_action.settings import Settings
from tests.gitcase import git, make_repository
from tests.helpers import REPO

READY = REPO / "examples" / "ready"


def findings(workspace: Path, project: Path | None = None) -> list[tuple[str, str, str]]:
    """(code, file relative to the workspace, message) of every finding of the P5xx and P107 rules."""
    report = engine.run(Settings(project_dir=(project or workspace).resolve(),
                                 workspace=workspace.resolve(), onboarding_file=None))
    return [(f.code, report.relative(f.location.file), f.message) for f in report.findings
            if f.code in ("P107", "P504", "P505")]


def ready_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meltano.yml").write_text((READY / "meltano.yml").read_text())
    for lock in READY.glob("plugins/*/*.lock"):
        target = folder / lock.relative_to(READY)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lock.read_text())
    return folder


def test_is_ignored_asks_git_about_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text(".env\n.meltano/\n")
    make_repository(tmp_path)
    repo = Git(tmp_path)
    assert repo.is_ignored(tmp_path / ".env") is True
    assert repo.is_ignored(tmp_path / ".meltano", directory=True) is True
    # Without `directory=True` git cannot know a missing `.meltano` is a folder.
    assert repo.is_ignored(tmp_path / ".meltano") is False
    assert repo.is_ignored(tmp_path / "meltano.yml") is False
    outside = tmp_path.parent / "elsewhere.txt"
    assert repo.is_ignored(outside) is None


def test_without_a_repository_the_git_rules_say_nothing(tmp_path: Path) -> None:
    project = ready_project(tmp_path / "project")
    (project / ".env").write_text("POSTGRES_PASSWORD=x\n")
    assert Git(project).is_ignored(project / ".env") is None
    assert findings(project) == []


def test_a_lock_file_that_gitignore_keeps_out_is_missing_for_meltano_cloud(tmp_path: Path) -> None:
    project = ready_project(tmp_path)
    (project / ".gitignore").write_text(".env\n.meltano/\n*.lock\n")
    make_repository(project)  # `git add -A` leaves the ignored lock files out
    assert [(code, message.split(" of ")[0]) for code, _, message in findings(project)] == [
        ("P107", "the lock file plugins/extractors/tap-github--meltanolabs.lock"),
        ("P107", "the lock file plugins/loaders/target-postgres--meltanolabs.lock"),
    ]
    # Committed anyway (`git add -f`): every checkout has it, whatever .gitignore says.
    git("add", "-f", "plugins", cwd=project)
    git("commit", "-q", "-m", "lock files", cwd=project)
    assert findings(project) == []


def test_a_project_in_a_subfolder_is_covered_by_the_repositorys_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text(".env\n.meltano/\n")
    project = ready_project(tmp_path / "data")
    (project / ".env").write_text("POSTGRES_PASSWORD=x\n")
    make_repository(tmp_path)
    assert findings(tmp_path, project) == []


def test_a_tracked_env_in_a_subfolder_project_is_reported_where_it_is(tmp_path: Path) -> None:
    project = ready_project(tmp_path / "data")
    (project / ".env").write_text("POSTGRES_PASSWORD=x\n")
    (tmp_path / ".env.example").write_text("POSTGRES_PASSWORD=\n")
    make_repository(tmp_path)
    found = findings(tmp_path, project)
    assert [(code, file) for code, file, _ in found] == [("P504", "data/.env"), ("P505", "data/meltano.yml")]
    assert "does not cover `.env` and `.meltano/`" in found[1][2]
