import copy

import pytest

from advisor.catalog import services as catalog_services
from advisor.catalog.models import MoatRating
from advisor.domain import scoring as engine
from advisor.scoring.models import ScoringModel
from advisor.scoring.services import engine_catalog
from tests.domain.builders import SMALL
from tests.reports.conftest import scored_assessment
from tests.scoring.conftest import active_model, small_model  # noqa: F401 - shared fixtures


def requarter(assessment, days: int) -> None:
    """Move a submission `days` earlier, as a quarterly re-assessment would be."""
    from datetime import timedelta

    from advisor.questionnaire.models import Assessment

    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=assessment.submitted_at - timedelta(days=days)
    )
    assessment.refresh_from_db()


def reassessed_profile(profile: dict) -> dict:
    """The bank a quarter later: a gateway in place, its support assistant moved to Anthropic."""
    later = copy.deepcopy(profile)
    later["practices"]["llm_gateway"] = True
    later["workloads"][0]["ecosystem"] = "anthropic-amazon"
    later["workloads"][0]["model"] = "claude-3-5-sonnet"
    if "platform" in later["workloads"][0]:  # profile format 2 also says whose cloud it runs on
        later["workloads"][0]["platform"] = "aws"
    return later


@pytest.fixture
def two_quarters(catalog, personas, bank_profile, active_model):  # noqa: F811
    """Two scored assessments of firm A's client Northwind Bank, a quarter apart."""
    organization, user = personas.client_a1, personas.consultant_a
    first = scored_assessment(organization, user, bank_profile)
    requarter(first, 91)
    second = scored_assessment(organization, user, reassessed_profile(bank_profile))
    return first, second


def publish_and_retrain(user=None):
    """A catalog v2 with one moat rating changed, published, and a small model trained on it."""
    draft = catalog_services.catalog_draft_create(user=user)
    moat = MoatRating.objects.filter(version=draft, ecosystem__slug="openai-microsoft").first()
    MoatRating.objects.filter(pk=moat.pk).update(strength=(moat.strength + 2) % 6)
    version = catalog_services.catalog_publish(draft=draft, user=user)
    catalog = engine_catalog(version)
    result = engine.train(catalog, params=SMALL, code_version="test-retrain")
    card = engine.model_card(result)
    ScoringModel.objects.create(
        version=card["model_version"],
        catalog_version=version,
        catalog_digest=catalog.digest,
        artifact=engine.dump_model(result.model),
        card=card,
        passed=True,
        active=True,
    )
    return version
