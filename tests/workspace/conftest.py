from datetime import timedelta

import pytest
from django.utils import timezone

from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import Score
from tests.scoring.conftest import active_model, small_model  # noqa: F401 - the scoring fixtures


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
