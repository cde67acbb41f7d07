"""Assessments, their answers and the invitations that let a client fill one in.

An answer is stored the moment it is given, valid or not: `raw` keeps exactly what was
typed, `value` the parsed value when it is valid, `error` why it is not. Each answer
carries a revision so two colleagues editing the same question are told about it
instead of silently overwriting each other (optimistic locking per answer).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from advisor.accounts.models import Organization
from advisor.catalog.models import CatalogVersion
from advisor.core.models import TimestampedModel


class Assessment(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted"

    class Origin(models.TextChoices):
        BLANK = "blank", "Blank"
        COPY = "copy", "Copy of an earlier assessment"
        TEMPLATE = "template", "Template profile"
        IMPORT = "import", "Imported profile"

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="assessments")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    catalog_version = models.ForeignKey(
        CatalogVersion,
        models.PROTECT,
        related_name="assessments",
        help_text="The catalog whose questionnaire and choices this assessment uses.",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.BLANK)
    based_on = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    profile = models.JSONField(null=True, blank=True, help_text="The profile, frozen at submission.")
    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Archived assessments are hidden from lists unless asked for."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class RepeatItem(models.Model):
    """One workload or contract of an assessment; its answers are keyed `<kind>.<uid>.<field>`."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="items")
    kind = models.CharField(max_length=30)
    uid = models.CharField(max_length=12)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["kind", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "uid"], name="unique_item_uid")]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="answers")
    key = models.CharField(max_length=200)
    raw = models.JSONField(null=True, blank=True, help_text="Exactly what was typed or ticked.")
    value = models.JSONField(null=True, blank=True, help_text="The parsed value when valid.")
    error = models.CharField(max_length=300, blank=True)
    not_applicable = models.BooleanField(default=False)
    na_reason = models.CharField(max_length=500, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by_invitation = models.ForeignKey(
        "Invitation", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_template = models.BooleanField(
        default=False, help_text="Still the value a template profile set; the review points it out."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="unique_answer_key")]

    def __str__(self) -> str:
        return self.key

    @property
    def author(self) -> str:
        if self.updated_by is not None:
            return self.updated_by.get_full_name() or self.updated_by.username
        if self.updated_by_invitation is not None:
            return self.updated_by_invitation.email
        return "someone"


class SectionConfirmation(models.Model):
    """Someone looked at a section and confirmed its answers, even as "none applies". Submit
    needs one for every section; a later change to an answer of the section removes it."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="confirmations")
    section = models.CharField(max_length=50)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by_invitation = models.ForeignKey(
        "Invitation", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "section"], name="unique_section_confirmation")
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.section} confirmed"

    @property
    def author(self) -> str:
        if self.confirmed_by is not None:
            return self.confirmed_by.get_full_name() or self.confirmed_by.username
        if self.confirmed_by_invitation is not None:
            return self.confirmed_by_invitation.email
        return "someone"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


# How long an invitation link works unless it is revoked first.
INVITATION_VALID_DAYS = 14


def _default_expiry():
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class Invitation(TimestampedModel):
    """A link that lets a client contact fill in one assessment, and nothing else."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField(default=_default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    results_visible = models.BooleanField(
        default=False,
        help_text="The invitee may see the scores, results and reports once the assessment is scored.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.assessment}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
