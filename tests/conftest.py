import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO


@pytest.fixture
def example(tmp_path: Path):
    """A copy of a bundled example in a temporary workspace: tests may write into it."""
    def copy(name: str) -> Path:
        target = tmp_path / "workspace"
        shutil.copytree(REPO / "examples" / name, target)
        return target
    return copy
