import pytest

from advisor.catalog.document import load_catalog_dir
from advisor.questionnaire import services as questionnaire
from advisor.scoring import engine
from advisor.scoring.models import ScoringModel
from advisor.scoring.services import engine_catalog
from tests.scoring.engine.conftest import CATALOG_DIR, SMALL


@pytest.fixture(scope="session")
def small_model() -> tuple[bytes, dict]:
    """(artifact, card) of a small model trained once per session on the fixture catalog."""
    catalog = engine.catalog_from_document(load_catalog_dir(CATALOG_DIR), "v1")
    result = engine.train(catalog, params=SMALL, code_version="test")
    return engine.dump_model(result.model), engine.model_card(result)


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
    return questionnaire.assessment_submit(assessment=assessment, user=personas.cto)
