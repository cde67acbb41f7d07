"""Reports: one record per request, with its file, its status and the versions it used.

A report is a snapshot. The profile and the scores document are copied onto the record when it
is requested, and the catalog version it names is immutable, so rendering it again (a retry, a
redelivered task) gives the same document, and a later catalog or model never alters it.
"""

from django.conf import settings
from django.db import models

from advisor.accounts.models import Firm
from advisor.catalog.models import CatalogVersion
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import Score


class ReportBatch(models.Model):
    """Reports of several client assessments requested at once; ready as one ZIP."""

    firm = models.ForeignKey(Firm, models.CASCADE, related_name="report_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    archive = models.FileField(upload_to="reports/batches/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Batch {self.pk} of {self.firm}"


class Report(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="reports")
    score = models.ForeignKey(Score, models.SET_NULL, null=True, blank=True, related_name="reports")
    batch = models.ForeignKey(ReportBatch, models.CASCADE, null=True, blank=True, related_name="reports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    stage = models.CharField(max_length=100, blank=True, help_text="What the worker is doing now.")
    file = models.FileField(upload_to="reports/", blank=True)
    # The snapshot it renders, and the versions that made it.
    profile = models.JSONField()
    result = models.JSONField(help_text="The scores document (lockin-scores/1) at request time.")
    plan = models.JSONField(
        null=True, blank=True, help_text="The improvement plan at request time (scoring.plans), if any."
    )
    catalog_version = models.ForeignKey(CatalogVersion, models.PROTECT, related_name="+")
    model_version = models.CharField(max_length=80)
    template_version = models.CharField(max_length=20)
    error = models.TextField(blank=True, help_text="Why it failed, for a person to read.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Renders started.")
    pages = models.PositiveIntegerField(null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"Report {self.pk} of {self.assessment}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
