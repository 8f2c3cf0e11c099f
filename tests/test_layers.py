"""The package's folders are the pipeline's stages, and imports only point down them.

The stages and their order are the import-linter contract in pyproject.toml
(`[tool.importlinter]`). Function-level and TYPE_CHECKING imports count: grimp
reads every import statement in a module. Adding a stage means adding it there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from tests.helpers import REPO

PACKAGE = REPO / "onboard_action"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """import-linter with the project's contract, on the package found in `package_parent`."""
    return subprocess.run([str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=package_parent, env={"PYTHONPATH": str(package_parent), "PATH": ""},
                          capture_output=True, text=True, timeout=120)


def test_the_layers_contract_is_kept() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_breaks_on_an_import_back_up(tmp_path: Path) -> None:
    # The loader reaching up to the engine, hidden in a function as the old back edges were.
    shutil.copytree(PACKAGE, tmp_path / "onboard_action", ignore=shutil.ignore_patterns("__pycache__"))
    loader = tmp_path / "onboard_action" / "load" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8")
                      + "\n\ndef _back_edge():\n    from onboard_action import engine  # noqa\n",
                      encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "onboard_action.load.loader -> onboard_action.engine" in result.stdout


def test_no_import_cycle_between_modules() -> None:
    graph = grimp.build_graph("onboard_action")
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    cycles = [sorted(group) for group in strongly_connected(edges) if len(group) > 1]
    assert cycles == []


def test_a_circle_is_found() -> None:
    groups = strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["d"]]


def test_the_top_level_holds_few_modules() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    # The stages are folders; the top level keeps the run's ends (engine, outputs) and what every
    # stage shares (findings, report, settings, errors, fileio, runner, records).
    assert len(modules) <= 9, modules


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
