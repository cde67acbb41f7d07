"""Domain fixtures: the shipped catalog as the engine sees it, and the session's small model.

These tests need no database: `pytest tests/domain`.
"""

import copy

import pytest

from advisor.domain.scoring import parse_profile
from advisor.domain.scoring.golden import NORTHWIND_BANK


@pytest.fixture(scope="session")
def catalog(engine_catalog):
    return engine_catalog


@pytest.fixture(scope="session")
def trained(small_training):
    return small_training


@pytest.fixture(scope="session")
def model(trained):
    return trained.model


@pytest.fixture
def northwind():
    return copy.deepcopy(NORTHWIND_BANK)


@pytest.fixture
def northwind_profile(catalog, northwind):
    return parse_profile(northwind, catalog.ecosystems)
