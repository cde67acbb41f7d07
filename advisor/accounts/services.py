"""Writes for accounts and tenancy."""

import io
import re
import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from advisor.accounts import emails
from advisor.accounts.models import (
    Firm,
    FirmMembership,
    Organization,
    OrganizationMembership,
    User,
)
from advisor.core.text import unique_slug

HEX_COLOUR_RE = re.compile(r"^#[0-9a-f]{6}$")


@transaction.atomic
def organization_create(*, name: str, firm: Firm | None = None) -> Organization:
    return Organization.objects.create(name=name, slug=unique_slug(Organization, name), firm=firm)


@transaction.atomic
def firm_create(*, name: str, admin: User) -> Firm:
    firm = Firm.objects.create(name=name, slug=unique_slug(Firm, name))
    FirmMembership.objects.create(user=admin, firm=firm, role=FirmMembership.Role.ADMIN)
    return firm


def user_get_or_invite(*, email: str, first_name: str = "", last_name: str = "", request=None) -> User:
    """The user with this email, or a new one who gets an email to choose a password."""
    email = email.strip().lower()
    user = User.objects.filter(username=email).first()
    if user is not None:
        return user
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    # A random password makes the account usable by the standard reset flow, which
    # sends the "choose your password" link; nobody ever knows this one.
    user.set_password(secrets.token_urlsafe(32))
    user.save()
    emails.send_welcome(user=user, request=request)
    return user


@transaction.atomic
def firm_add_consultant(
    *, firm: Firm, email: str, first_name: str = "", last_name: str = "", request=None
) -> FirmMembership:
    user = user_get_or_invite(email=email, first_name=first_name, last_name=last_name, request=request)
    membership, _ = FirmMembership.objects.get_or_create(
        user=user, firm=firm, defaults={"role": FirmMembership.Role.CONSULTANT}
    )
    return membership


@transaction.atomic
def organization_add_member(
    *,
    organization: Organization,
    email: str,
    role: str = OrganizationMembership.Role.MEMBER,
    first_name: str = "",
    last_name: str = "",
    request=None,
) -> OrganizationMembership:
    user = user_get_or_invite(email=email, first_name=first_name, last_name=last_name, request=request)
    membership, _ = OrganizationMembership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    return membership


@transaction.atomic
def account_sign_up(
    *, email: str, password: str, first_name: str, last_name: str, kind: str, name: str
) -> tuple[User, Organization | Firm]:
    """A new user with a new organization (as its admin) or a new firm (as its admin)."""
    user = User.objects.create_user(
        username=email.strip().lower(),
        email=email.strip().lower(),
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    if kind == "firm":
        return user, firm_create(name=name, admin=user)
    organization = organization_create(name=name)
    OrganizationMembership.objects.create(
        user=user, organization=organization, role=OrganizationMembership.Role.ADMIN
    )
    return user, organization


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
