"""Writes for accounts and tenancy."""

import secrets

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
