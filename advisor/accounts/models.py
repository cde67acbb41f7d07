"""Users, the organizations they assess and the advisory firms that serve them.

Tenancy is decided in one place, `Organization.objects.visible_to(user)`: a member sees
exactly the organizations they belong to, a consultant exactly the client
organizations of their firm. Every view that loads tenant data starts from it.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from advisor.core.models import TimestampedModel


class User(AbstractUser):
    pass


HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits, e.g. #1f4e79.")


class Firm(TimestampedModel):
    """An advisory firm whose consultants manage client organizations; its logo and accent
    colour brand its clients' reports."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    # Always a PNG that services.firm_set_branding re-encoded from the upload.
    logo = models.FileField(upload_to="firm-logos/", blank=True)
    accent_colour = models.CharField(max_length=7, blank=True, validators=[HEX_COLOUR])

    def __str__(self) -> str:
        return self.name


class FirmMembership(TimestampedModel):
    class Role(models.TextChoices):
        CONSULTANT = "consultant", "Consultant"
        ADMIN = "admin", "Firm admin"

    user = models.ForeignKey(User, models.CASCADE, related_name="firm_memberships")
    firm = models.ForeignKey(Firm, models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CONSULTANT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "firm"], name="unique_firm_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.firm} ({self.role})"


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganizationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(memberships__user=user) | Q(firm__memberships__user=user)).distinct()

    def unarchived(self) -> "OrganizationQuerySet":
        return self.filter(archived_at__isnull=True)


class Organization(TimestampedModel):
    """An assessed organization, on its own or as the client of a firm."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    firm = models.ForeignKey(Firm, models.PROTECT, null=True, blank=True, related_name="clients")
    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Archived clients are hidden from lists unless asked for."
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationMembership(TimestampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ADMIN = "admin", "Organization admin"

    user = models.ForeignKey(User, models.CASCADE, related_name="org_memberships")
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_organization_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.role})"


class PendingSignUp(TimestampedModel):
    """A sign-up whose email address is not confirmed yet.

    Its account is inactive (it cannot sign in) and its organization or firm does not
    exist yet: both come to life when the emailed link is followed.
    """

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", "Organization"
        FIRM = "firm", "Advisory firm"

    user = models.OneToOneField(User, models.CASCADE, related_name="pending_sign_up")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.user} – {self.name} ({self.kind}, unconfirmed)"


# How long the link of a membership invitation works.
MEMBERSHIP_INVITATION_VALID_DAYS = 14


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=MEMBERSHIP_INVITATION_VALID_DAYS)


class MembershipInvitation(TimestampedModel):
    """An existing account asked to join a firm or an organization.

    Nothing is attached until the account's owner, signed in, accepts it from the emailed
    link: adding someone's address never hands their account to a tenant, nor a tenant
    to whoever signed up with that address first.
    """

    user = models.ForeignKey(User, models.CASCADE, related_name="membership_invitations")
    firm = models.ForeignKey(Firm, models.CASCADE, null=True, blank=True, related_name="invitations")
    organization = models.ForeignKey(
        Organization, models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(max_length=20)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(firm__isnull=True, organization__isnull=False)
                | Q(firm__isnull=False, organization__isnull=True),
                name="membership_invitation_for_one_tenant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.tenant}"

    @property
    def tenant(self) -> "Firm | Organization":
        return self.firm if self.firm is not None else self.organization  # type: ignore[return-value]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None and self.expires_at > timezone.now()

    def get_role_display(self) -> str:
        roles = FirmMembership.Role if self.firm_id else OrganizationMembership.Role
        return str(dict(roles.choices).get(self.role, self.role))
