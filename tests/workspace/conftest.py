import copy
from datetime import timedelta

import pytest
from django.utils import timezone

from advisor.catalog import services as catalog_services
from advisor.catalog.models import MoatRating
from advisor.domain import scoring as engine
from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import Score, ScoringModel
from advisor.scoring.services import engine_catalog
from tests.domain.builders import SMALL
from tests.reports.conftest import scored_assessment as scored_bank_assessment
from tests.scoring.conftest import active_model, small_model  # noqa: F401 - shared fixtures


def scores_document(index: float, exposures: dict[str, float], format_version: int = 1) -> dict:
    """A scores document with only the fields the workspace reads (both format versions keep them)."""

    def band(value: float) -> str:
        return "low" if value < 25 else "moderate" if value < 50 else "high" if value < 75 else "critical"

    return {
        "format": f"lockin-scores/{format_version}",
        "overall": {"lock_in_index": index, "band": band(index)},
        "ecosystems": [
            {"ecosystem": slug, "exposure": value, "band": band(value), "drivers": []}
            for slug, value in sorted(exposures.items(), key=lambda item: -item[1])
        ],
    }


@pytest.fixture
def scored_assessment(catalog, active_model):  # noqa: F811 - the fixture imported above
    """scored_assessment(org, user, index, exposures, days_ago=0): a submitted assessment with a
    score whose headline figures are the given ones."""

    def make(organization, user, index, exposures, days_ago=0, format_version=1) -> Assessment:
        when = timezone.now() - timedelta(days=days_ago)
        assessment = questionnaire.assessment_create(organization=organization, user=user)
        Assessment.objects.filter(pk=assessment.pk).update(
            status=Assessment.Status.SUBMITTED, submitted_at=when, created_at=when, updated_at=when
        )
        Score.objects.create(
            assessment=assessment,
            catalog_version=catalog,
            scoring_model=active_model,
            result=scores_document(index, exposures, format_version),
        )
        assessment.refresh_from_db()
        return assessment

    return make


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
    return later


@pytest.fixture
def two_quarters(catalog, personas, bank_profile, active_model):  # noqa: F811
    """Two scored assessments of firm A's client Northwind Bank, a quarter apart."""
    organization, user = personas.client_a1, personas.consultant_a
    first = scored_bank_assessment(organization, user, bank_profile)
    requarter(first, 91)
    second = scored_bank_assessment(organization, user, reassessed_profile(bank_profile))
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
