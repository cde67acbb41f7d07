import shutil
from pathlib import Path

import pytest

from tests.paths import CATALOG_DIR


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    """A private copy of the shipped catalog folder to break or change."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    return target
