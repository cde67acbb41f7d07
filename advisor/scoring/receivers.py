"""What scoring does when the questionnaire publishes an event (connected in ScoringConfig.ready)."""

import logging

from django.dispatch import receiver

from advisor.catalog.signals import catalog_published
from advisor.questionnaire.signals import assessment_submitted
from advisor.scoring import services

logger = logging.getLogger(__name__)


@receiver(assessment_submitted, dispatch_uid="scoring.score_submitted_assessment")
def score_submitted_assessment(sender, assessment, **kwargs) -> None:
    """Scoring takes milliseconds, so a submitted assessment is scored at once and its results page
    is ready. Without an active model it waits; train_model scores it later. A failure is
    recorded on the assessment and the submission stands (it runs in the submit's transaction)."""
    try:
        services.assessment_score_or_record(assessment)
    except services.NoActiveModel as pending:
        logger.info("Assessment %s waits for a model: %s", assessment.pk, pending)


@receiver(catalog_published, dispatch_uid="scoring.warn_when_no_model_fits")
def warn_when_no_model_fits(sender, version, **kwargs) -> str | None:
    """The publisher learns at once when the new ratings leave the catalog without a model."""
    if services.has_active_model(version):
        return None
    return (
        f"No active scoring model fits the ratings of catalog {version.label}: assessments "
        "submitted on it wait for their scores. Run `python manage.py train_model` to train and "
        "activate one; the waiting assessments are then scored."
    )
