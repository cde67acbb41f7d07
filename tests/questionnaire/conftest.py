import pytest

from advisor.questionnaire import services


@pytest.fixture
def assessment(catalog, personas):
    return services.assessment_create(organization=personas.own_org, user=personas.cto)
