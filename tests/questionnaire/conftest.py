import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from advisor.questionnaire import services

PROFILES = Path(__file__).resolve().parents[2] / "fixtures" / "profiles"


@pytest.fixture
def catalog(db):
    call_command("import_catalog", "fixtures/catalog", stdout=io.StringIO())


@pytest.fixture
def bank_profile() -> dict:
    return json.loads((PROFILES / "regulated-bank.json").read_text())


@pytest.fixture
def assessment(catalog, personas):
    return services.assessment_create(organization=personas.own_org, user=personas.cto)


@pytest.fixture
def complete_assessment(catalog, personas, bank_profile):
    return services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
