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
    # The headline figures of `result`, kept apart so that lists of many scores (the firm
    # dashboard, the portfolio position) read a few hundred bytes per score, not the document.
    summary = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Score of {self.assessment}"

    def save(self, *args, **kwargs):
        self.summary = score_summary(self.result)
        if kwargs.get("update_fields") is not None and "result" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "summary"}
        super().save(*args, **kwargs)


def score_summary(result: dict) -> dict:
    """The index, its band and each ecosystem's exposure and band: what every format keeps."""
    return {
        "lock_in_index": result["overall"]["lock_in_index"],
        "band": result["overall"]["band"],
        "ecosystems": [
            {"ecosystem": e["ecosystem"], "exposure": e["exposure"], "band": e["band"]}
            for e in result["ecosystems"]
        ],
    }


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


# ---------------------------------------------------------------------------------------------
# The improvement plan. It lives here, beside the scores it re-scores, so that reports (which
# stand below the workspace) can put it in the roadmap; the workspace only has its pages.


class ImprovementPlan(models.Model):
    """The actions an organization accepts from the recommendations of one scored assessment
    (its baseline), projected by scoring the baseline profile again with all of them applied."""

    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="plan")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Improvement plan of {self.assessment}"


class PlanItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(ImprovementPlan, models.CASCADE, related_name="items")
    action = models.CharField(max_length=60, help_text="An engine action (counterfactuals.ACTIONS).")
    ecosystem = models.SlugField(blank=True, help_text="Empty: every ecosystem it applies to.")
    owner = models.CharField(max_length=200, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "action", "ecosystem"], name="plan_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.ecosystem or 'organization'})"


class PlanScenario(models.Model):
    """A what-if kept in the plan: its changes and what they projected when it was saved."""

    plan = models.ForeignKey(ImprovementPlan, models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=120)
    changes = models.JSONField(help_text="The what-if's changes, as whatif.Change fields.")
    projection = models.JSONField(help_text="whatif.exposure_change of the baseline and the what-if.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class PlanMilestone(models.Model):
    """A named snapshot of the results and the plan at one moment; it never changes."""

    plan = models.ForeignKey(ImprovementPlan, models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=120)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A milestone is a snapshot: it is never changed once saved.")
        super().save(*args, **kwargs)
