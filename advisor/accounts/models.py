"""Users, the organizations they assess and the advisory firms that serve them.

Tenancy is decided in one place, `Organization.objects.visible_to(user)`: a member sees
exactly the organizations they belong to, a consultant exactly the client
organizations of their firm. Every view that loads tenant data starts from it.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

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


class Organization(TimestampedModel):
    """An assessed organization, on its own or as the client of a firm."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    firm = models.ForeignKey(Firm, models.PROTECT, null=True, blank=True, related_name="clients")

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
