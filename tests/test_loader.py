"""Loading meltano.yml and its includes the way Meltano does (onboard_action/load/loader.py).

Real folders in a temporary directory, real symbolic links; the load
problems asserted here are what the F0xx rules turn into findings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from onboard_action.load import loader
from onboard_action.load.loader import load_project
from onboard_action.load.project import Project

HEADER = "version: 1\ndefault_environment: dev\n"


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def with_includes(root: Path, *patterns: str, files: dict[str, str] | None = None) -> Project:
    listing = "".join(f"  - {p!r}\n" for p in patterns)
    make(root, {"meltano.yml": HEADER + "include_paths:\n" + listing, **(files or {})})
    return load_project(root)


def included(project: Project) -> list[str]:
    return [f.path.relative_to(project.root).as_posix() for f in project.included]


def problems(project: Project) -> list[tuple[str, int | None]]:
    """(kind, line in meltano.yml or None) for each load problem."""
    return [(p.kind, p.location.line if p.location.file.name == "meltano.yml" else None)
            for p in project.load_problems]


PLUGIN = "plugins:\n  extractors:\n    - name: {}\n"


# --- include resolution ------------------------------------------------------------------

def test_files_are_merged_in_pattern_order_each_pattern_sorted(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "./load/*.meltano.yml", "./extract/*.meltano.yml", files={
        "extract/b.meltano.yml": PLUGIN.format("b"), "extract/a.meltano.yml": PLUGIN.format("a"),
        "load/z.meltano.yml": PLUGIN.format("z"), "load/y.meltano.yml": PLUGIN.format("y"),
    })
    assert included(project) == ["load/y.meltano.yml", "load/z.meltano.yml",
                                 "extract/a.meltano.yml", "extract/b.meltano.yml"]
    assert project.load_problems == []
    assert project.files[0].path.name == "meltano.yml"


def test_overlapping_patterns_load_each_file_once_where_first_matched(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "extract/b.meltano.yml", "./extract/*.meltano.yml",
                            "extract/../extract/a.meltano.yml", "**/*.meltano.yml", files={
                                "extract/a.meltano.yml": PLUGIN.format("a"),
                                "extract/b.meltano.yml": PLUGIN.format("b")})
    assert included(project) == ["extract/b.meltano.yml", "extract/a.meltano.yml"]
    # Every pattern still knows what it matched, so none is reported as matching nothing.
    assert all(include.matches for include in project.includes)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("*.yml", []), ("./meltano.yml", []), ("meltano.yml", []), ("extract/../meltano.yml", []),
    ("**/*.yml", ["extract/a.yml"]),
])
def test_meltano_yml_is_never_included(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    project = with_includes(tmp_path, pattern, files={"extract/a.yml": PLUGIN.format("a")})
    assert included(project) == expected
    assert project.load_problems == []


def test_included_values_keep_their_own_file_and_position(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "extract/*.yml", files={
        "extract/taps.yml": "# taps\n" + PLUGIN.format("tap-github")})
    [source] = project.included
    location = source.location(("plugins", "extractors", 0, "name"))
    assert (location.file, location.line, location.column) == (source.path, 4, 13)
    assert [(kind, item.name) for kind, item in project.plugins()] == [("extractors", "tap-github")]


def test_a_pattern_that_matches_nothing_is_kept_without_matches(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "./transfrom/*.yml", "./missing.yml")
    assert [(i.pattern, i.matches, i.refused) for i in project.includes] == [
        ("./transfrom/*.yml", [], False), ("./missing.yml", [], False)]
    assert project.load_problems == []  # the rules decide: F008 for a glob, F005 for a file


def test_non_string_and_blank_patterns_are_left_to_the_schema(tmp_path: Path) -> None:
    make(tmp_path, {"meltano.yml": HEADER + "include_paths:\n  - 3\n  - ''\n  - ~\n  - [a]\n"})
    project = load_project(tmp_path)
    assert project.includes == [] and project.load_problems == []
    make(tmp_path, {"meltano.yml": HEADER + "include_paths: extract/*.yml\n"})
    assert load_project(tmp_path).includes == []


# --- refused includes ------------------------------------------------------------------------

def test_a_pattern_leaving_the_project_through_dotdot_is_refused_unread(tmp_path: Path) -> None:
    make(tmp_path, {"shared/common.meltano.yml": PLUGIN.format("x")})
    project = with_includes(tmp_path / "project", "../shared/*.meltano.yml", "extract/../../shared/*.yml")
    assert problems(project) == [("include-outside-root", 4), ("include-outside-root", 5)]
    assert all(include.refused for include in project.includes)
    assert project.included == []


def test_an_absolute_pattern_is_refused(tmp_path: Path) -> None:
    make(tmp_path, {"elsewhere/x.yml": PLUGIN.format("x")})
    project = with_includes(tmp_path / "project", str(tmp_path / "elsewhere" / "x.yml"))
    assert problems(project) == [("include-absolute", 4)]
    assert project.includes[0].refused and project.included == []


def test_a_symlink_to_a_file_outside_the_project_is_refused_unread(tmp_path: Path) -> None:
    secret = make(tmp_path, {"outside/secret.yml": PLUGIN.format("leak")}) / "outside" / "secret.yml"
    root = tmp_path / "project"
    (root / "extract").mkdir(parents=True)
    (root / "extract" / "link.yml").symlink_to(secret)
    project = with_includes(root, "extract/*.yml", files={"extract/ok.yml": PLUGIN.format("ok")})
    assert problems(project) == [("include-outside-root", 4)]
    assert project.load_problems[0].detail["path"] == root / "extract" / "link.yml"
    assert included(project) == ["extract/ok.yml"]
    assert all(secret != f.path.resolve() for f in project.files)


def test_a_symlinked_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    make(tmp_path, {"outside/a.yml": PLUGIN.format("a")})
    root = tmp_path / "project"
    root.mkdir()
    (root / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    project = with_includes(root, "linked/*.yml")
    assert problems(project) == [("include-outside-root", 4)]
    assert project.included == []


def test_a_symlink_inside_the_project_is_followed(tmp_path: Path) -> None:
    root = make(tmp_path, {"shared/a.yml": PLUGIN.format("a")})
    (root / "extract").mkdir()
    (root / "extract" / "a.yml").symlink_to(root / "shared" / "a.yml")
    project = with_includes(root, "extract/*.yml")
    assert included(project) == ["extract/a.yml"]
    assert project.load_problems == []


def test_dotdot_through_a_link_that_leaves_is_not_taken_for_meltano_yml(tmp_path: Path) -> None:
    # `link/../meltano.yml` names the file beside the link's target, not the project's.
    make(tmp_path, {"outside/meltano.yml": PLUGIN.format("leak"), "outside/deep/.keep": ""})
    root = tmp_path / "project"
    root.mkdir()
    (root / "link").symlink_to(tmp_path / "outside" / "deep", target_is_directory=True)
    project = with_includes(root, "link/../meltano.yml")
    assert problems(project) == [("include-outside-root", 4)]
    assert project.included == []


def test_a_folder_is_a_problem_and_its_siblings_still_load(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "./extract/nested", "./extract/*", files={
        "extract/nested/x.yml": PLUGIN.format("x"), "extract/a.yml": PLUGIN.format("a")})
    assert problems(project) == [("include-directory", 4)]
    assert project.load_problems[0].detail["path"] == tmp_path / "extract" / "nested"
    assert included(project) == ["extract/a.yml"]


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="Python 3.13 reads `**foo` as `*foo`")
def test_an_invalid_glob_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "extract/**foo/*.yml")
    assert problems(project) == [("include-bad-pattern", 4)]
    assert project.includes[0].refused
    assert "'**' can only be an entire path component" in project.load_problems[0].detail["reason"]


# --- each file's own problems -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("", "empty"),
    ("\n  \n", "empty"),
    ("# just a comment\n", "empty"),
    ("- name: tap-github\n", "not-a-mapping"),
    ("just text\n", "not-a-mapping"),
    ("plugins: [\n", "yaml-syntax"),
])
def test_meltano_yml_that_cannot_be_used(tmp_path: Path, text: str, kind: str) -> None:
    make(tmp_path, {"meltano.yml": text})
    project = load_project(tmp_path)
    assert [p.kind for p in project.load_problems] == [kind]
    assert not project.loaded


def test_a_syntax_error_is_located_in_its_file(tmp_path: Path) -> None:
    project = with_includes(tmp_path, "extract/*.yml", files={"extract/bad.yml": "a: 1\n  b: 2\n"})
    [problem] = project.load_problems
    assert problem.kind == "yaml-syntax"
    assert problem.location.file == tmp_path / "extract" / "bad.yml"
    assert (problem.location.line, problem.location.column) == (2, 4)


def test_missing_meltano_yml_says_where_it_looked(tmp_path: Path) -> None:
    project = load_project(tmp_path)
    [problem] = project.load_problems
    assert problem.kind == "missing"
    assert problem.location.file == tmp_path.resolve() / "meltano.yml"
    assert problem.detail["root"] == tmp_path.resolve()
    (tmp_path / "meltano.yml").mkdir()
    assert [p.kind for p in load_project(tmp_path).load_problems] == ["not-a-file"]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_bytes(b"version: 1\nname: caf\xe9\n")
    [problem] = load_project(tmp_path).load_problems
    assert (problem.kind, problem.location.line, problem.detail["offset"]) == ("not-utf8", 2, 20)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 64)
    make(tmp_path, {"meltano.yml": HEADER + "# " + "x" * 100 + "\n"})
    [problem] = load_project(tmp_path).load_problems
    assert problem.kind == "too-large" and problem.detail["size"] > 64


def test_a_project_folder_given_through_a_symlink_is_resolved(tmp_path: Path) -> None:
    real = make(tmp_path / "real", {"meltano.yml": HEADER})
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    project = load_project(tmp_path / "alias")
    assert project.root == real.resolve() and project.loaded
