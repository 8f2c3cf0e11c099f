"""The benchmark keeps working: a smoke run on the small size (figures are printed, never asserted)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, base_env, run_cli

BENCH = REPO / "benchmarks" / "bench.py"


def test_the_benchmark_runs_on_the_small_size_and_prints_its_table() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--sizes", "small", "--runs", "1"],
                          cwd=REPO, env=base_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.split()[:1] == ["size"])
    assert header.split() == ["size", "floor", "s", "check", "s", "ratio", "floor", "MiB",
                              "check", "MiB", "ratio"]
    row = next(line.split() for line in lines if line.split()[:1] == ["small"])
    assert len(row) == 7 and all(float(cell) > 0 for cell in row[1:])
    assert "targets:" in lines
    assert any(line.strip().startswith("small: check - floor =") for line in lines)


def test_instructions_are_counted_where_valgrind_is_and_said_missing_elsewhere() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--sizes", "small", "--runs", "1", "--instructions"],
                          cwd=REPO, env=base_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    if shutil.which("valgrind") is None:
        assert "valgrind not found: instructions are not counted" in done.stdout
        return
    [line] = [line for line in done.stdout.splitlines() if line.startswith("instructions at small:")]
    floor, check, ratio = re.fullmatch(
        r"instructions at small: floor ([\d,]+) M, check ([\d,]+) M, ratio ([\d.]+) \(.*\)", line).groups()
    # The check reads what the floor reads and more: it can only cost more instructions.
    assert int(check.replace(",", "")) > int(floor.replace(",", "")) > 0 and float(ratio) > 1


def test_the_generated_project_is_ready_so_the_benchmark_measures_a_passing_check(
        tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root = tmp_path / "project"
    files = bench.generate(root, 8)
    assert {f.suffix for f in files} == {".yml", ".lock"}
    done = run_cli("check", ".", "--format", "json", cwd=root, env=base_env())
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["findings"] == [], done.stdout
    schedules = report["facts"]["schedules"]["schedules"]
    assert len(schedules) == 8 and all(s["valid"] and s["next_runs"] for s in schedules)
    assert {s["interval"] for s in schedules} >= {"@daily", "@hourly", "0 6 * * *"}


def test_the_ignore_benchmark_runs_on_the_small_size_and_prints_its_figures() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "ignored.py"), "--size", "small",
                           "--rounds", "1", "--top", "2"],
                          cwd=REPO, env=base_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].strip().startswith("nothing ignored: ")
    assert len([line for line in lines if " ignored (" in line and "the check's own work" in line]) == 2


def test_the_image_layout_benchmark_applies_the_dockerfiles_compile_step_and_prints_its_ratio() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "image_layout.py"), "--sizes", "small",
                           "--runs", "1"], cwd=REPO, env=base_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "the Dockerfile has no compileall line" not in done.stdout
    row = next(line.split() for line in done.stdout.splitlines() if line.split()[:1] == ["small"])
    assert len(row) == 6 and all(float(cell) > 0 for cell in row[1:])
    assert any("image layout / bytecode-compiled at small:" in line for line in done.stdout.splitlines())


def test_the_hostile_benchmark_runs_and_prints_every_case() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "hostile.py"), "--scale", "0.01",
                           "--pathlib-groups", "1"], cwd=REPO, env=base_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    rows = [line for line in lines if line.startswith(("include walk, ", "1,000 ", "20 "))]
    assert len(rows) == 5, done.stdout
    assert all(float(cell) > 0 for row in rows for cell in row.split()[-6:-1]), rows
    assert any(line.startswith("include walk vs pathlib's Path.glob") for line in lines)


def test_the_image_size_estimate_prints_both_git_layers_and_the_totals() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "image_size.py")], cwd=REPO,
                          env=base_env(), capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert any(line.startswith("git layer after (COPY --from the builder stage): ") for line in lines)
    assert any(line.startswith("layers above the base, installed: before ") for line in lines)
    needs = [line for line in lines if line.strip().startswith("git needs ")]
    if shutil.which("apt-cache") and shutil.which("dpkg"):
        # The Dockerfile copies the binary alone: each library it links must come with the base.
        assert needs and all(", in the base" in line for line in needs), "\n".join(needs)
