import pytest

from advisor.domain import scoring as engine
from advisor.questionnaire import services as questionnaire
from advisor.scoring.models import ScoringModel
from advisor.scoring.services import engine_catalog
from tests.conftest import confirm_every_section


@pytest.fixture(scope="session")
def small_model(small_training) -> tuple[bytes, dict]:
    """(artifact, card) of the session's small model."""
    return engine.dump_model(small_training.model), engine.model_card(small_training)


@pytest.fixture
def active_model(catalog, small_model) -> ScoringModel:
    artifact, card = small_model
    return ScoringModel.objects.create(
        version=card["model_version"],
        catalog_version=catalog,
        catalog_digest=engine_catalog(catalog).digest,
        artifact=artifact,
        card=card,
        passed=True,
        active=True,
    )


@pytest.fixture
def submitted(catalog, personas, bank_profile):
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment, personas.cto)
    return questionnaire.assessment_submit(assessment=assessment, user=personas.cto)
