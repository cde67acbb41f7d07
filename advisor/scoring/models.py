"""Trained scoring models, the scores of submitted assessments, and real migration outcomes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from advisor.catalog.models import CatalogVersion
from advisor.domain.scoring import assumptions as A
from advisor.questionnaire.models import Assessment


class ScoringModel(models.Model):
    """A trained model: its skops artifact (kept in the database so every worker host has it)
    and its model card. Only a model that passed its quality gates is ever active."""

    version = models.CharField(max_length=80, unique=True)
    catalog_version = models.ForeignKey(CatalogVersion, models.PROTECT, related_name="scoring_models")
    catalog_digest = models.CharField(max_length=64, help_text="Digest of the ratings it was trained on.")
    artifact = models.BinaryField()
    card = models.JSONField()
    passed = models.BooleanField()
    active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version


class Score(models.Model):
    """The scores document (lockin-scores/2, or /1 before v2) of a submitted assessment, with the
    versions used."""

    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="score")
    catalog_version = models.ForeignKey(CatalogVersion, models.PROTECT, related_name="+")
    scoring_model = models.ForeignKey(ScoringModel, models.PROTECT, related_name="scores")
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Score of {self.assessment}"


class ScoringFailure(models.Model):
    """Why scoring a submitted assessment failed the last time it was tried. It is removed when
    the assessment is scored; until then staff see it, with a retry, and the others go on."""

    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="scoring_failure")
    scoring_model = models.ForeignKey(ScoringModel, models.SET_NULL, null=True, blank=True, related_name="+")
    error = models.TextField()
    attempts = models.PositiveIntegerField(default=1)
    failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return f"Scoring of {self.assessment} failed"


class MigrationOutcome(models.Model):
    """A migration that really happened, entered by a consultant or an organization admin. It
    joins the training data of the shared model only once an administrator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPROVED = "approved", "Approved for training"
        REJECTED = "rejected", "Rejected"
        # Training found it far off the engine's estimate (an outlier): it is left out until an
        # administrator looks at it again and approves or rejects it.
        FLAGGED = "flagged", "Flagged as an outlier: review again"

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="outcomes")
    ecosystem = models.SlugField(help_text="The ecosystem the organization migrated away from.")
    effort_person_months = models.FloatField(
        validators=[MinValueValidator(0), MaxValueValidator(A.OUTCOME_MAX_EFFORT_PERSON_MONTHS)]
    )
    cost_usd = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(A.OUTCOME_MAX_COST_USD)])
    high_cost = models.BooleanField(help_text="Was it a high-cost migration?")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.assessment} – left {self.ecosystem}"
