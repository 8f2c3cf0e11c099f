"""The oracle's machinery: the pinned Meltano, the corpus, and both verdicts on each variant.

`tests/test_oracle.py` reads as the specification; this module does the work behind it:

- `meltano_python()`: the python of a virtualenv holding the pinned `meltano` (and the exact
  dependencies it was proven with, `tests/oracle/meltano-<pin>.constraints.txt`), kept between runs
  outside the repository in `$XDG_CACHE_HOME/meltano-onboard/oracle/meltano-<pin>/` (default
  `~/.cache`). It is built in a folder of its own name and then published by atomically replacing
  the `venv` symbolic link, so an interrupted install never leaves a half virtualenv in use.
- `variants()`: the corpus, one folder per variant under `tests/oracle/`.
- `meltano_verdicts()`: Meltano's commands on a copy of each variant (`tests/oracle_driver.py`
  runs them), with results cached under the same folder, keyed on the pin, the driver, the
  onboarding environment and the variant's files.
- `check_verdict()`: our check, through its command line only, on another copy of the variant.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import tomllib
import yaml

REPO = Path(__file__).resolve().parent.parent
ORACLE = REPO / "tests" / "oracle"
DRIVER = REPO / "tests" / "oracle_driver.py"
MELTANO_PIN = "4.4.1"
CONSTRAINTS = ORACLE / f"meltano-{MELTANO_PIN}.constraints.txt"
EXPECTATIONS = ORACLE / "stricter.toml"
NOW = "2026-12-01T00:00:00Z"
DEFAULT_ENVIRONMENT = "sandbox"
# Files of a variant's folder that are about the variant, not part of the project.
NOT_PROJECT = {"why", "meltano.out"}
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: connections are refused at once
WORKERS = int(os.environ.get("MELTANO_ONBOARD_ORACLE_WORKERS", "2"))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "meltano-onboard" / "oracle" / f"meltano-{MELTANO_PIN}"


# The pinned Meltano ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(folder: Path):
    """One builder at a time (pytest-xdist workers, two checkouts on one machine)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def meltano_python() -> Path:
    """The python of the cached virtualenv with the pinned Meltano; built on first use (~40 s)."""
    root = cache_dir()
    current = root / "venv"
    if _usable(current):
        return current / "bin" / "python"
    with _locked(root):
        if not _usable(current):
            _build(root, current)
    return current / "bin" / "python"


def _stamp() -> str:
    return f"meltano=={MELTANO_PIN}\n" + CONSTRAINTS.read_text()


def _usable(venv: Path) -> bool:
    try:
        return (venv / "oracle-stamp").read_text() == _stamp() and (venv / "bin" / "python").exists()
    except OSError:
        return False


def _build(root: Path, current: Path) -> None:
    for leftover in root.glob("venv-*"):  # interrupted builds, and venvs no longer pointed at
        if not (current.is_symlink() and current.resolve() == leftover.resolve()):
            shutil.rmtree(leftover, ignore_errors=True)
    target = Path(tempfile.mkdtemp(prefix="venv-", dir=root))
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    python = target / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"meltano=={MELTANO_PIN}", "-c", str(CONSTRAINTS)],
        capture_output=True, text=True, check=False)
    if install.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise RuntimeError(f"installing meltano=={MELTANO_PIN} failed:\n{install.stdout}{install.stderr}")
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m, meltano.cli; print(m.version('meltano'))"],
        capture_output=True, text=True, check=True).stdout.strip()
    if version != MELTANO_PIN:
        raise RuntimeError(f"the oracle venv holds meltano {version}, not {MELTANO_PIN}")
    (target / "oracle-stamp").write_text(_stamp())
    link = root / f".venv-link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(target.name)
    os.replace(link, current)  # atomic: `venv` names the old build or the new, never a half one


def meltano_env(home: Path) -> dict[str, str]:
    """Meltano's environment: offline from the Hub, no telemetry, a home of its own."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MELTANO_", "GITHUB_", "INPUT_", "RUNNER_", "TAP_", "TARGET_"))
           and k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    for sub in ("cache", "config", "data", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update({
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "MELTANO_HUB_URL": UNREACHABLE,
        "MELTANO_HUB_API_ROOT": f"{UNREACHABLE}/meltano/api/v1",
        "MELTANO_SEND_ANONYMOUS_USAGE_STATS": "false",
        "MELTANO_DISABLE_TRACKING": "true",
        "MELTANO_SNOWPLOW_COLLECTOR_ENDPOINTS": "[]",
        "MELTANO_CLI_DISABLE_VERSION_CHECK": "true",
        "MELTANO_AUTO_INSTALL": "false",
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


# The corpus -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    name: str
    folder: Path

    @property
    def why(self) -> str:
        return " ".join((self.folder / "why").read_text().split())

    @property
    def project(self) -> str:
        """The project root inside the folder: `project/` when the variant needs files outside it."""
        return "project" if (self.folder / "project").is_dir() else "."

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*")
                      if p.is_file() and p.relative_to(self.folder).as_posix() not in NOT_PROJECT)

    def copy_to(self, target: Path) -> Path:
        """Copy the project's files to TARGET; return the project root there."""
        for path in self.files():
            destination = target / path.relative_to(self.folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
        for path in self.folder.rglob("*"):  # empty folders too: a pattern may match one
            if path.is_dir():
                (target / path.relative_to(self.folder)).mkdir(parents=True, exist_ok=True)
        return target / self.project

    @property
    def environment(self) -> str:
        """The onboarding environment: the onboarding file's `environment`, else `sandbox`."""
        try:
            data = yaml.safe_load((self.folder / self.project / "onboarding.yml").read_text())
            for project in data["projects"]:
                if isinstance(project.get("environment"), str):
                    return project["environment"]
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError):
            pass
        return DEFAULT_ENVIRONMENT

    def digest(self) -> str:
        """What Meltano's answer depends on: the pin, the driver, the environment and the files."""
        digest = hashlib.sha256()
        for part in (MELTANO_PIN, _stamp(), DRIVER.read_text(), self.environment, self.project):
            digest.update(part.encode() + b"\0")
        for path in self.files():
            digest.update(path.relative_to(self.folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()


def variants() -> list[Variant]:
    return [Variant(p.name, p) for p in sorted(ORACLE.iterdir()) if p.is_dir() and (p / "why").is_file()]


# Meltano's verdict ------------------------------------------------------------------------------


@dataclass
class MeltanoVerdict:
    commands: list[dict]
    cached: bool = False

    @property
    def fails(self) -> bool:
        return any(c["exit"] != 0 for c in self.commands)

    @property
    def failures(self) -> list[dict]:
        return [c for c in self.commands if c["exit"] != 0]

    @property
    def message(self) -> str:
        """The first failing command and the first error line Meltano wrote for it."""
        for c in self.failures:
            return f"`{' '.join(c['argv'])}` exit {c['exit']}: {c['message']}"
        return ""

    def record(self) -> str:
        """The `meltano.out` text: each command, its exit code and its message."""
        lines = [f"# Meltano {MELTANO_PIN} on this variant (generated by tests/test_oracle.py)"]
        for c in self.commands:
            env = f"MELTANO_ENVIRONMENT={c['environment']} " if c["environment"] else ""
            lines.append(f"$ {env}{' '.join(c['argv'])}")
            lines.append(f"  exit {c['exit']}" + (f": {c['message']}" if c["exit"] else ""))
        return "\n".join(lines) + "\n"


@dataclass
class OracleRun:
    verdicts: dict[str, MeltanoVerdict]
    seconds: float
    ran: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def meltano_verdicts(corpus: list[Variant], scratch: Path) -> OracleRun:
    """Meltano's commands on every variant: from the cache, else run (2 at a time) and cached."""
    started = time.monotonic()
    results = cache_dir() / "results"
    results.mkdir(parents=True, exist_ok=True)
    verdicts: dict[str, MeltanoVerdict] = {}
    todo: list[tuple[Variant, Path]] = []
    for variant in corpus:
        cached = results / f"{variant.digest()}.json"
        try:
            verdicts[variant.name] = MeltanoVerdict(json.loads(cached.read_text()), cached=True)
        except (OSError, ValueError):
            todo.append((variant, cached))
    if todo:
        python = meltano_python()
        request = {"workers": WORKERS, "projects": []}
        for variant, _ in todo:
            root = variant.copy_to(scratch / "meltano" / variant.name)
            request["projects"].append({
                "id": variant.name, "dir": str(root), "environment": variant.environment,
                "result": str(scratch / "results" / f"{variant.name}.json")})
        (scratch / "results").mkdir(parents=True, exist_ok=True)
        (scratch / "request.json").write_text(json.dumps(request, indent=1))
        driver = subprocess.run(
            [str(python), str(DRIVER), str(scratch / "request.json")], cwd=scratch,
            env=meltano_env(scratch / "home"), capture_output=True, text=True,
            timeout=40 * 60, check=False)
        if driver.returncode != 0:
            raise RuntimeError(f"the oracle driver failed:\n{driver.stdout}{driver.stderr}")
        for variant, cached in todo:
            root = scratch / "meltano" / variant.name / variant.project
            commands = json.loads((scratch / "results" / f"{variant.name}.json").read_text())
            for c in commands:  # the copy's place is not part of the answer
                for key in ("message", "stdout", "stderr"):
                    c[key] = c[key].replace(str(root), "<project>").replace(str(scratch), "<scratch>")
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(commands, indent=1))
            os.replace(partial, cached)
            verdicts[variant.name] = MeltanoVerdict(commands)
    return OracleRun(verdicts, time.monotonic() - started, ran=len(todo))


# Our verdict ------------------------------------------------------------------------------------


@dataclass
class CheckVerdict:
    exit: int
    report: dict
    stderr: str

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.report.get("findings", []) if f["severity"] == "error"]

    @property
    def fails(self) -> bool:
        return bool(self.errors)

    @property
    def error_codes(self) -> list[str]:
        return sorted({f["code"] for f in self.errors})

    def describe(self) -> str:
        return "; ".join(f"{f['code']} {f['file']}:{f['line']}: {f['message']}" for f in self.errors)


def check_verdict(variant: Variant, scratch: Path) -> CheckVerdict:
    """`meltano-onboard check --format json` on a fresh copy of the variant (never Meltano's)."""
    workspace = scratch / "check" / variant.name
    root = variant.copy_to(workspace / variant.name)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_", "MELTANO_"))}
    env["PYTHONPATH"] = str(REPO)
    run = subprocess.run(
        [sys.executable, "-m", "onboard_action", "check", str(root.relative_to(workspace)),
         "--format", "json", "--now", NOW],
        cwd=workspace, env=env, capture_output=True, text=True, timeout=120, check=False)
    if run.returncode not in (0, 1):
        raise AssertionError(f"meltano-onboard check exited {run.returncode} on {variant.name}:\n"
                             f"{run.stdout}{run.stderr}")
    return CheckVerdict(run.returncode, json.loads(run.stdout), run.stderr)


def check_verdicts(corpus: list[Variant], scratch: Path) -> dict[str, CheckVerdict]:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return dict(zip([v.name for v in corpus],
                        pool.map(lambda v: check_verdict(v, scratch), corpus), strict=True))


# What we expect where the two disagree ------------------------------------------------------------


def expectations() -> dict[str, dict[str, dict]]:
    """`stricter.toml`: `[stricter.<variant>]` (deliberate) and `[known_bugs.<variant>]` (open bugs)."""
    data = tomllib.loads(EXPECTATIONS.read_text())
    return {"stricter": data.get("stricter", {}), "known_bugs": data.get("known_bugs", {})}
