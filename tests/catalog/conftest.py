import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "catalog"


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    """A private copy of the shipped catalog folder to break or change."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURES, target)
    return target
