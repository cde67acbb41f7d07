"""Writes for accounts and tenancy."""

import io
import re
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from advisor.accounts import emails
from advisor.accounts.models import (
    Firm,
    FirmMembership,
    MembershipInvitation,
    Organization,
    OrganizationMembership,
    PendingSignUp,
    User,
)
from advisor.core.text import unique_slug

HEX_COLOUR_RE = re.compile(r"^#[0-9a-f]{6}$")


class InvitationClosed(Exception):
    """The membership invitation was already answered or has expired."""


@dataclass(frozen=True)
class MemberAdded:
    """What adding an address did: a new account that is a member now, or an invitation."""

    user: User
    tenant: Firm | Organization
    invitation: MembershipInvitation | None = None
    already_member: bool = False

    @property
    def invited(self) -> bool:
        return self.invitation is not None

    @property
    def summary(self) -> str:
        """What the person who added the address is told."""
        if self.already_member:
            return f"{self.user.email} is already a member of {self.tenant.name}."
        if self.invited:
            return (
                f"{self.user.email} already has an account: we emailed them an invitation to join "
                f"{self.tenant.name}. They appear here once they accept."
            )
        return (
            f"{self.user.email} can now work on {self.tenant.name}; they got an email to choose a password."
        )


@transaction.atomic
def organization_create(*, name: str, firm: Firm | None = None) -> Organization:
    return Organization.objects.create(name=name, slug=unique_slug(Organization, name), firm=firm)


@transaction.atomic
def organization_rename(*, organization: Organization, name: str) -> Organization:
    """A new display name; the slug, and so every link to the organization, stays."""
    organization.name = name.strip()[:200]
    organization.save(update_fields=["name", "updated_at"])
    return organization


def organization_archive(*, organization: Organization, archived: bool) -> Organization:
    """Hide the organization from lists (archived) or bring it back; nothing is deleted."""
    organization.archived_at = timezone.now() if archived else None
    organization.save(update_fields=["archived_at", "updated_at"])
    return organization


def firm_create(*, name: str, admin: User) -> Firm:
    firm = Firm.objects.create(name=name, slug=unique_slug(Firm, name))
    FirmMembership.objects.create(user=admin, firm=firm, role=FirmMembership.Role.ADMIN)
    return firm


def _normalized(email: str) -> str:
    return email.strip().lower()


def _new_account(*, email: str, first_name: str, last_name: str) -> User | None:
    """A fresh account for an address nobody holds, or None when someone does.

    An account whose sign-up was never confirmed holds nothing: it is taken back here (its
    sign-up cancelled, its password replaced), so whoever signed up first with somebody
    else's address never receives what is meant for that address.
    """
    user = User.objects.select_for_update().filter(username=email).first()
    if user is not None and not PendingSignUp.objects.filter(user=user).exists():
        return None
    if user is None:
        user = User(username=email, email=email)
    else:
        PendingSignUp.objects.filter(user=user).delete()
    user.first_name, user.last_name, user.is_active = first_name, last_name, True
    # A random password makes the account usable by the standard reset flow, which
    # sends the "choose your password" link; nobody ever knows this one.
    user.set_password(secrets.token_urlsafe(32))
    user.save()
    return user


def _add(
    *,
    tenant: Firm | Organization,
    email: str,
    role: str,
    first_name: str,
    last_name: str,
    invited_by: User | None,
    request,
) -> MemberAdded:
    email = _normalized(email)
    user = _new_account(email=email, first_name=first_name, last_name=last_name)
    if user is not None:
        _attach(user=user, tenant=tenant, role=role)
        emails.send_welcome(user=user, tenant=tenant, request=request)
        return MemberAdded(user=user, tenant=tenant)
    user = User.objects.get(username=email)
    if tenant.memberships.filter(user=user).exists():
        return MemberAdded(user=user, tenant=tenant, already_member=True)
    invitation = _open_invitation(user=user, tenant=tenant) or MembershipInvitation.objects.create(
        user=user,
        firm=tenant if isinstance(tenant, Firm) else None,
        organization=tenant if isinstance(tenant, Organization) else None,
        role=role,
        invited_by=invited_by,
    )
    emails.send_membership_invitation(invitation=invitation, request=request)
    return MemberAdded(user=user, tenant=tenant, invitation=invitation)


def _open_invitation(*, user: User, tenant: Firm | Organization) -> MembershipInvitation | None:
    """An invitation of this account to this tenant not answered yet: sent again, not doubled."""
    return next(
        (invitation for invitation in tenant.invitations.filter(user=user) if invitation.is_open), None
    )


def _attach(*, user: User, tenant: Firm | Organization, role: str) -> None:
    if isinstance(tenant, Firm):
        FirmMembership.objects.get_or_create(user=user, firm=tenant, defaults={"role": role})
    else:
        OrganizationMembership.objects.get_or_create(user=user, organization=tenant, defaults={"role": role})


@transaction.atomic
def firm_add_consultant(
    *, firm: Firm, email: str, first_name: str = "", last_name: str = "", invited_by=None, request=None
) -> MemberAdded:
    """A new address becomes a consultant at once; an existing account gets an invitation."""
    return _add(
        tenant=firm,
        email=email,
        role=FirmMembership.Role.CONSULTANT,
        first_name=first_name,
        last_name=last_name,
        invited_by=invited_by,
        request=request,
    )


@transaction.atomic
def organization_add_member(
    *,
    organization: Organization,
    email: str,
    role: str = OrganizationMembership.Role.MEMBER,
    first_name: str = "",
    last_name: str = "",
    invited_by=None,
    request=None,
) -> MemberAdded:
    """A new address becomes a member at once; an existing account gets an invitation."""
    return _add(
        tenant=organization,
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        invited_by=invited_by,
        request=request,
    )


@transaction.atomic
def membership_invitation_accept(*, invitation: MembershipInvitation) -> Firm | Organization:
    invitation = MembershipInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationClosed
    _attach(user=invitation.user, tenant=invitation.tenant, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return invitation.tenant


@transaction.atomic
def membership_invitation_decline(*, invitation: MembershipInvitation) -> None:
    invitation = MembershipInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationClosed
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at", "updated_at"])


@transaction.atomic
def account_sign_up(
    *, email: str, password: str, first_name: str, last_name: str, kind: str, name: str, request=None
) -> None:
    """Start a sign-up: one email to the address, whether or not it already has an account.

    A new address gets an inactive account and the link that confirms it; the organization
    or firm is created only then. An address with an unconfirmed sign-up gets it replaced.
    An address with an account gets a note that someone tried, and nothing changes: the
    response and the email count are the same in all three cases.
    """
    email = _normalized(email)
    user = User.objects.select_for_update().filter(username=email).first()
    pending = PendingSignUp.objects.filter(user=user).first() if user else None
    if user is not None and pending is None:
        make_password(password)  # the same work as a sign-up, so the time taken tells nothing
        emails.send_sign_up_attempt(user=user, request=request)
        return
    if user is None:
        user = User(username=email, email=email, is_active=False)
    user.first_name, user.last_name = first_name, last_name
    user.set_password(password)
    user.save()
    pending, _ = PendingSignUp.objects.update_or_create(user=user, defaults={"kind": kind, "name": name})
    emails.send_sign_up_confirmation(user=user, pending=pending, request=request)


@transaction.atomic
def account_confirm(*, user: User) -> Firm | Organization:
    """Follow a sign-up's confirmation: the account becomes active, its tenant is created."""
    pending = PendingSignUp.objects.select_for_update().get(user=user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    pending.delete()
    if pending.kind == PendingSignUp.Kind.FIRM:
        return firm_create(name=pending.name, admin=user)
    organization = organization_create(name=pending.name)
    OrganizationMembership.objects.create(
        user=user, organization=organization, role=OrganizationMembership.Role.ADMIN
    )
    return organization


# ---------------------------------------------------------------------------------------------
# Firm branding: the logo and accent colour its clients' reports carry

LOGO_MAX_BYTES = 2 * 1024 * 1024
# Checked before decoding: a small file can declare a huge canvas (a decompression bomb).
LOGO_MAX_PIXELS = 4000 * 4000
# What the report shows at most, in pixels; larger logos are scaled down when re-encoded.
LOGO_BOX = (1200, 600)
LOGO_FORMATS = ("PNG", "JPEG")


class BrandingInvalid(ValueError):
    """A logo or colour that is refused; `field` names the form field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def logo_reencode(data: bytes) -> bytes:
    """The upload decoded and written again as a plain PNG, or BrandingInvalid saying why not.

    Re-encoding keeps only pixels: no metadata, no second image hidden after the first, no
    format tricks reach the reports."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise BrandingInvalid("logo", f"The logo is larger than {LOGO_MAX_BYTES // (1024 * 1024)} MB.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in LOGO_FORMATS:
                raise BrandingInvalid("logo", "The logo must be a PNG or JPEG image.")
            width, height = image.size
            if width * height > LOGO_MAX_PIXELS:
                raise BrandingInvalid(
                    "logo", f"The logo is {width} × {height} pixels; at most 16 megapixels are accepted."
                )
            image.load()
            pixels = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    except BrandingInvalid:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise BrandingInvalid("logo", "The logo is not a readable PNG or JPEG image.") from None
    pixels.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=True)
    return out.getvalue()


@transaction.atomic
def firm_set_branding(
    *, firm: Firm, logo: bytes | None = None, accent_colour: str | None = None, remove_logo: bool = False
) -> Firm:
    """Store a re-encoded logo and/or an accent colour; nothing changes when either is invalid."""
    png = logo_reencode(logo) if logo is not None else None
    if accent_colour is not None:
        accent_colour = accent_colour.strip().lower()
        if accent_colour and not HEX_COLOUR_RE.match(accent_colour):
            raise BrandingInvalid("accent_colour", "Enter a colour as # and six hex digits, e.g. #1f4e79.")
        firm.accent_colour = accent_colour
    old_logo = firm.logo.name if firm.logo else ""
    if png is not None:
        firm.logo.save(f"{firm.slug}-{secrets.token_hex(4)}.png", ContentFile(png), save=False)
    elif remove_logo:
        firm.logo = ""
    firm.save()
    if old_logo and old_logo != firm.logo.name:
        transaction.on_commit(lambda: firm.logo.storage.delete(old_logo))
    return firm
