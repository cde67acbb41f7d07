"""Reads that decide what a user may see. Views call these, never raw querysets."""

from django.shortcuts import get_object_or_404

from advisor.accounts.models import (
    Firm,
    FirmMembership,
    MembershipInvitation,
    Organization,
    OrganizationMembership,
)


def organization_get_visible(*, user, slug: str) -> Organization:
    """The organization if the user may see it, else 404 (never 403: no leak of existence)."""
    return get_object_or_404(Organization.objects.visible_to(user), slug=slug)


def organization_can_manage(*, user, organization: Organization) -> bool:
    """Organization admins and the consultants of its firm manage members and imports."""
    if OrganizationMembership.objects.filter(
        user=user, organization=organization, role=OrganizationMembership.Role.ADMIN
    ).exists():
        return True
    return (
        organization.firm_id is not None
        and FirmMembership.objects.filter(user=user, firm_id=organization.firm_id).exists()
    )


def firm_get_for_member(*, user, slug: str) -> Firm:
    return get_object_or_404(Firm.objects.filter(memberships__user=user), slug=slug)


def firm_is_admin(*, user, firm: Firm) -> bool:
    return firm.memberships.filter(user=user, role=FirmMembership.Role.ADMIN).exists()


def firms_of(user) -> list[Firm]:
    if not user.is_authenticated:
        return []
    return list(Firm.objects.filter(memberships__user=user).order_by("name"))


def organization_open_invitations(*, organization: Organization) -> list[MembershipInvitation]:
    """Accounts asked to join that have not answered yet (the organization's managers see them)."""
    invitations = organization.invitations.select_related("user")
    return [invitation for invitation in invitations if invitation.is_open]


def firm_open_invitations(*, firm: Firm) -> list[MembershipInvitation]:
    """Consultants asked to join the firm who have not answered yet (its admins see them)."""
    return [invitation for invitation in firm.invitations.select_related("user") if invitation.is_open]
