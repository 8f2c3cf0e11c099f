"""Include patterns resolve exactly as `Path(root).glob(pattern)` does, in one bounded walk.

pathlib is the oracle (Meltano resolves `include_paths` with it): generated
trees of folders, files, dotfiles, links to folders and dangling links, and
patterns built from the segments that matter (`**`, wildcards, literals,
`..`, `.`), must give the same sorted set of paths. The walk is also timed
against the case that made pathlib take 35 s, and capped.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from onboard_action.load import include_glob

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 13), reason="Python 3.13 changed Path.glob")

NAMES = st.sampled_from(["a", "b", "d1", "d2", ".hidden", "x.yml", "y.meltano.yml", "Z.yml"])
KINDS = st.sampled_from(["file", "dir", "link", "dangling"])
ENTRY = st.tuples(st.lists(NAMES, min_size=1, max_size=4), KINDS)
SEGMENT = st.sampled_from(["**", "*", "*.yml", "d*", "a", "b", "d1", "..", ".", "?", "[ab]", "x.yml",
                           ".*", "*.meltano.yml", "Z.yml"])


def build(root: Path, entries: list[tuple[list[str], str]]) -> None:
    for parts, kind in entries:
        path = root.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.touch()
            elif kind == "dir":
                path.mkdir(exist_ok=True)
            elif kind == "link":
                # A link to a folder of the tree, never to an ancestor (pathlib loops there too).
                target = root / "d2"
                target.mkdir(exist_ok=True)
                if not path.is_relative_to(target):
                    path.symlink_to(target, target_is_directory=True)
            else:
                path.symlink_to(root / "nowhere")
        except (FileExistsError, NotADirectoryError):
            pass  # an earlier entry took the name


PATTERN = st.lists(SEGMENT, min_size=1, max_size=5).filter(lambda s: s.count("..") < 2)


@hypothesis_settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=12), PATTERN)
def test_the_walk_finds_what_pathlib_finds(tmp_path_factory, entries, segments) -> None:
    # One `..` at most, from a folder of its own: pathlib would walk whatever lies above.
    root = tmp_path_factory.mktemp("tree") / "above" / "project"
    root.mkdir(parents=True)
    build(root, entries)
    pattern = "/".join(segments)
    try:
        expected = sorted(set(root.glob(pattern)))
    except (ValueError, IndexError):  # Python 3.11 and 3.12 raise IndexError for `.`
        with pytest.raises(include_glob.BadPattern):
            include_glob.glob(root, pattern, include_glob.WalkBudget())
        return
    assert include_glob.glob(root, pattern, include_glob.WalkBudget()) == expected


@pytest.mark.parametrize("pattern", ["./extract/*.meltano.yml", "extract/**/*.yml", "**", "./**/",
                                     "a//b", "extract/../extract/*.yml", "**/**/*.yml"])
def test_patterns_meltano_projects_write(tmp_path: Path, pattern: str) -> None:
    for name in ("extract/taps.meltano.yml", "extract/deep/more.yml", "load/x.yml", "a/b"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    expected = sorted(set(tmp_path.glob(pattern)))
    assert include_glob.glob(tmp_path, pattern, include_glob.WalkBudget()) == expected


def chain(root: Path, depth: int) -> Path:
    deepest = root.joinpath(*["d"] * depth)
    deepest.mkdir(parents=True)
    (deepest / "x.yml").touch()
    return deepest / "x.yml"


def test_interleaved_double_stars_over_a_deep_chain_cost_one_walk(tmp_path: Path) -> None:
    target = chain(tmp_path, 60)
    started = time.perf_counter()
    found = include_glob.glob(tmp_path, "./**/d*/**/d*/**/d*/**/d*/**/*.yml", include_glob.WalkBudget())
    assert found == [Path(os.path.join(tmp_path, *["d"] * 60, "x.yml"))] and found[0] == target
    assert time.perf_counter() - started < 2  # pathlib: 35 s for three groups, on Python 3.12


def test_a_walk_past_the_cap_stops(tmp_path: Path) -> None:
    chain(tmp_path, 60)
    budget = include_glob.WalkBudget()
    with pytest.raises(include_glob.TooLong) as raised:
        # `..` makes paths that no walk can merge: "d/d/.." is not "d".
        include_glob.glob(tmp_path, "**/../**/../**/../*.yml", budget)
    assert raised.value.visited > include_glob.MAX_ENTRIES
    with pytest.raises(include_glob.TooLong):  # the budget is the project's: later patterns stop too
        include_glob.glob(tmp_path, "d/*.yml", budget)
