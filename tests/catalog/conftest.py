import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "catalog"


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    """A private copy of the shipped catalog folder to break or change."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def published_catalog(db):
    from advisor.catalog.models import CatalogVersion

    call_command("import_catalog", str(FIXTURES), stdout=io.StringIO())
    return CatalogVersion.objects.active()
