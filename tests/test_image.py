"""The image's layers (issue 24): bytecode compiled at build time, and git as one binary.

No Docker engine runs here: the Dockerfile is read, and what it relies on is shown for
real on this machine: hash-based pycs are the same bytes whatever the build, and the git
tests pass with nothing of git but its binary (the helpers in /usr/lib/git-core, git's
templates and perl hidden in a mount namespace). benchmarks/bytecode.py and
benchmarks/image_size.py measure the effect (docs/performance.md).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.test_packaging import instructions


def runs() -> list[str]:
    return [args for name, args in instructions() if name == "RUN"]


def bytecode_benchmark():
    spec = importlib.util.spec_from_file_location("bytecode", REPO / "benchmarks" / "bytecode.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- bytecode --------------------------------------------------------------------------------

def test_pip_writes_no_bytecode_and_the_whole_prefix_is_compiled_hash_based_in_the_same_layer() -> None:
    [install] = [r for r in runs() if "pip install" in r]
    assert "--no-compile" in install, "pip's own pycs embed install times: compile them with hashes"
    compile_prefix = (r"python -m compileall .*--invalidation-mode unchecked-hash .*"
                      r"/usr/local/lib/python3\.12$")
    assert re.search(compile_prefix, install), "the stdlib and site-packages, in the layer that installs them"
    [image] = [args for name, args in instructions() if name == "FROM"]
    assert image.startswith("python:3.12."), "the compiled folder is this Python's"


def test_the_package_is_compiled_hash_based_after_it_is_copied() -> None:
    steps = instructions()
    copied = next(i for i, (name, args) in enumerate(steps)
                  if name == "COPY" and args.startswith("onboard_action "))
    compiled = [i for i, (name, args) in enumerate(steps)
                if name == "RUN" and "compileall" in args and "/action/onboard_action" in args]
    assert compiled and compiled[0] > copied
    assert "--invalidation-mode unchecked-hash" in steps[compiled[0]][1]


def test_the_compile_exclusions_are_the_benchmarks() -> None:
    # benchmarks/bytecode.py reproduces the image's bytecode: the same folders left out.
    [install] = [r for r in runs() if "pip install" in r]
    assert f"-x '{bytecode_benchmark().EXCLUDE}'" in install


def test_hash_based_bytecode_is_the_same_bytes_whatever_the_hash_seed_or_the_workers(tmp_path: Path) -> None:
    """What makes the layer reproducible: timestamp pycs would embed each file's mtime."""
    built = []
    for seed, workers in (("1", "0"), ("2", "1")):
        folder = tmp_path / "onboard_action"
        shutil.copytree(REPO / "onboard_action", folder, ignore=shutil.ignore_patterns("__pycache__"))
        for path in folder.rglob("*.py"):  # other times, other mtimes: no effect on hash-based pycs
            os.utime(path, (int(seed) * 1000, int(seed) * 1000))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", workers, "--invalidation-mode",
                        "unchecked-hash", str(folder)], env={**env, "PYTHONHASHSEED": seed}, check=True)
        built.append({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.pyc")})
        shutil.rmtree(folder)
    assert built[0] and built[0] == built[1]
    flags = {int.from_bytes(data[4:8], "little") for data in built[0].values()}
    assert flags == {0b01}, "hash-based (bit 0), not checked against the source (bit 1)"


# --- git ---------------------------------------------------------------------------------------

def test_git_is_the_binary_alone_from_debians_package() -> None:
    [git] = [r for r in runs() if "apt-get" in r]
    assert "apt-get install" not in git, "installing git brings perl, curl and 15 more packages"
    assert "apt-get download git" in git
    assert re.search(r"install -m 0755 \S+/usr/bin/git /usr/local/bin/git", git)
    assert "rm -rf" in git and "/var/lib/apt/lists/*" in git
    assert git.rstrip().endswith("git --version"), "the build fails if a library git needs is missing"


def test_gits_binary_needs_only_libraries_the_base_image_has() -> None:
    """libc, libpcre2-8 and zlib: the slim image holds all three (benchmarks/image_size.py)."""
    git = shutil.which("git")
    if git is None or shutil.which("ldd") is None:
        pytest.skip("no git or ldd here")
    needed = set(re.findall(r"^\s*(\S+) => ", subprocess.run(
        ["ldd", os.path.realpath(git)], capture_output=True, text=True, check=True).stdout, re.MULTILINE))
    assert needed <= {"libpcre2-8.so.0", "libz.so.1", "libc.so.6"}, needed


# Every test that runs the package's git queries against real repositories.
GIT_TESTS = ["tests/test_git_rules.py", "tests/test_init.py", "tests/test_onboarding_action.py",
             *(f"tests/test_golden.py::test_rule_case[{p.parent.parent.name}/{p.parent.name}]"
               for p in sorted((REPO / "tests" / "cases").glob("*/*/git.txt")))]


def can_hide_folders() -> bool:
    if shutil.which("unshare") is None or not Path("/usr/lib/git-core").is_dir():
        return False
    done = subprocess.run(["unshare", "--mount", "--fork", "true"], capture_output=True, timeout=30)
    return done.returncode == 0


@pytest.mark.skipif(not can_hide_folders(), reason="needs unshare and a mount namespace (root), "
                                                   "and Debian's git layout")
def test_the_git_tests_pass_with_nothing_of_git_but_its_binary(tmp_path: Path) -> None:
    """The image's git: the helpers, templates, man pages and perl are gone; only `git` is left.

    The shallow-clone golden cases build their clone through `git-upload-pack`, which the
    runner's actions/checkout does outside the image: the tests get it as a link to the one
    binary, on their PATH only. The package never runs it (it reads, it does not fetch).
    """
    empty = tmp_path / "empty"
    empty.mkdir()
    fixtures = tmp_path / "fixture-bin"
    fixtures.mkdir()
    (fixtures / "git-upload-pack").symlink_to(os.path.realpath(shutil.which("git")))
    hidden = [p for p in ("/usr/lib/git-core", "/usr/share/git-core", "/usr/share/perl", "/usr/share/perl5",
                          "/usr/lib/x86_64-linux-gnu/perl", "/usr/lib/x86_64-linux-gnu/perl5")
              if Path(p).is_dir()]
    mounts = " && ".join(f"mount --bind {empty} {p}" for p in hidden)
    script = (f"{mounts} && mount --bind /dev/null /usr/bin/perl && "
              f"test -z \"$(ls -A /usr/lib/git-core)\" && ! perl -e 1 2>/dev/null && "
              f"exec \"$0\" -m pytest -q -p no:cacheprovider \"$@\"")
    env = {**os.environ, "PATH": f"{os.environ.get('PATH', '')}:{fixtures}"}
    done = subprocess.run(["unshare", "--mount", "--fork", "sh", "-c", script, sys.executable, *GIT_TESTS],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", done.stdout) and " failed" not in done.stdout, done.stdout[-2000:]
