"""Include patterns: the bounded walk (onboard_action/load/includes.py) yields what Path.glob yields.

Meltano resolves `include_paths` with `Path(root).glob(pattern)`. The walk must
give the same paths on any tree (folders, files, links to folders and files,
a link loop) for any pattern built from the pieces that matter (`**`,
wildcards, plain names, `.` and `..`), with pathlib of the running Python as
the oracle; and it must stay cheap where pathlib is not.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from onboard_action.load import includes

NAMES = ["a", "b", "d1", "d2", ".hidden", "x.yml", "y.meltano.yml"]
PIECES = ["**", "*", "d*", "?", "a", "b", "d1", "*.yml", "*.meltano.yml", "[ab]", ".", "..", ".hidden"]

# (kind, path): a folder, a file, or a link (to a folder or a file of the tree, or to `.`: a loop)
ENTRY = st.tuples(st.sampled_from(["dir", "file", "link-dir", "link-file", "loop"]),
                  st.lists(st.sampled_from(NAMES), min_size=1, max_size=4).map("/".join))


def build(root: Path, entries: list[tuple[str, str]]) -> None:
    for kind, name in entries:
        path = root / name
        if path.is_symlink() or path.exists():
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # a file (or a link) is in the way
            continue
        if kind == "dir":
            path.mkdir()
        elif kind == "file":
            path.write_text("")
        elif kind == "loop":
            path.symlink_to(".")
        else:
            # To something that exists, so no broken link: pathlib versions disagree on those.
            wanted = Path.is_dir if kind == "link-dir" else Path.is_file
            targets = [p for p in sorted(root.rglob("*")) if wanted(p) and not p.is_symlink()]
            if targets:
                path.symlink_to(targets[0])


def stays_inside(entries: list[tuple[str, str]], pieces: list[str]) -> bool:
    """Whether pathlib stays in the tree: `..` only right after a name, and no link to `.` then."""
    if ".." not in pieces:
        return True
    return all(kind != "loop" for kind, _ in entries) and all(
        index > 0 and pieces[index - 1] not in ("**", "..", ".")
        for index, piece in enumerate(pieces) if piece == "..")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=14), st.lists(st.sampled_from(PIECES), min_size=1, max_size=5))
def test_the_walk_yields_what_pathlib_yields(entries, pieces) -> None:
    assume(stays_inside(entries, pieces))  # pathlib would walk the rest of the disk (see below)
    pattern = "/".join(pieces)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, entries)
        try:
            expected = sorted(set(root.glob(pattern)))
        except (ValueError, IndexError):  # Python 3.11 raises IndexError for `.` (3.12: ValueError)
            with pytest.raises(ValueError):
                includes.glob(root, pattern, includes.WalkBudget())
            return
        assert includes.glob(root, pattern, includes.WalkBudget()) == includes.Resolved(expected, [])


@pytest.mark.parametrize(("pattern", "outside"), [("**/a/../../**/*.yml", ".."), ("link/**/*.yml", "link"),
                                                  ("*/*.yml", "link")])
def test_the_walk_never_enters_a_folder_outside_the_project(tmp_path: Path, pattern: str,
                                                            outside: str) -> None:
    root = tmp_path / "project"
    (root / "a").mkdir(parents=True)
    (root / "a" / "in.yml").write_text("")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "out.yml").write_text("")
    (root / "link").symlink_to(tmp_path / "elsewhere")
    resolved = includes.glob(root, pattern, includes.WalkBudget())
    assert all(path.resolve().is_relative_to(root) for path in resolved.matches)
    shown = [path.relative_to(root).as_posix() for path in resolved.outside]
    assert shown in ([outside], [f"a/../{outside}"])


def test_interleaved_double_stars_visit_each_folder_once(tmp_path: Path) -> None:
    chain = tmp_path.joinpath(*["d"] * 60)
    chain.mkdir(parents=True)
    (chain / "x.yml").write_text("")
    budget = includes.WalkBudget()
    found = includes.glob(tmp_path, "./**/d*/**/d*/**/d*/**/d*/**/*.yml", budget)
    assert found == includes.Resolved([chain / "x.yml"], [])
    assert includes.MAX_ENTRIES - budget.left <= 61 * 2, "one listing per folder, not depth^k paths"


def test_the_budget_stops_the_walk(tmp_path: Path) -> None:
    for index in range(30):
        (tmp_path / f"{index}.yml").write_text("")
    budget = includes.WalkBudget(left=80)
    assert len(includes.glob(tmp_path, "*.yml", budget).matches) == 30
    assert len(includes.glob(tmp_path, "**/*.yml", budget).matches) == 30
    with pytest.raises(includes.TooManyEntries):
        includes.glob(tmp_path, "*.yml", budget)
