"""Engine fixtures: the real catalog (fixtures/catalog), a small trained model per session.

These tests need no database and no Django: `pytest tests/scoring/engine`.
"""

import copy
from pathlib import Path

import pytest

from advisor.catalog.document import load_catalog_dir
from advisor.scoring.engine import TrainingParams, catalog_from_document, parse_profile, train
from advisor.scoring.engine.golden import NORTHWIND_BANK

CATALOG_DIR = Path(__file__).resolve().parents[3] / "fixtures" / "catalog"
# Small enough to train in about a second, large enough to pass every gate.
SMALL = TrainingParams(n_profiles=2500, seed=0, monotonicity_sample=80)


@pytest.fixture(scope="session")
def catalog_document():
    return load_catalog_dir(CATALOG_DIR)


@pytest.fixture(scope="session")
def catalog(catalog_document):
    return catalog_from_document(catalog_document, "test-1")


@pytest.fixture(scope="session")
def trained(catalog):
    return train(catalog, params=SMALL, code_version="test")


@pytest.fixture(scope="session")
def model(trained):
    return trained.model


@pytest.fixture
def northwind():
    return copy.deepcopy(NORTHWIND_BANK)


@pytest.fixture
def northwind_profile(catalog, northwind):
    return parse_profile(northwind, catalog)
