"""Adding an existing account to a firm or an organization asks its owner first."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from advisor.accounts.models import FirmMembership, MembershipInvitation, OrganizationMembership

pytestmark = pytest.mark.django_db


def join_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/join/\S+/)", message.body).group(1)


def add_member(client, organization, email: str, role: str = "admin"):
    return client.post(
        reverse("questionnaire:organization_add_member", args=[organization.slug]),
        {"email": email, "role": role},
        follow=True,
    )


def test_adding_an_existing_account_attaches_nothing_until_its_owner_accepts(client, personas):
    client.force_login(personas.cto)
    response = add_member(client, personas.own_org, personas.outsider.email)
    assert "invitation" in response.content.decode()
    assert not personas.own_org.memberships.filter(user=personas.outsider).exists()
    assert "olga@elsewhere.example" in response.content.decode()  # listed as invited
    assert [message.to for message in mail.outbox] == [[personas.outsider.email]]
    path = join_path(mail.outbox[0])

    client.force_login(personas.outsider)
    assert "Join Fabrikam Retail?" in client.get(path).content.decode()
    assert not personas.own_org.memberships.filter(user=personas.outsider).exists()
    accepted = client.post(path, {"answer": "accept"})
    assert accepted.url == reverse("questionnaire:organization", args=[personas.own_org.slug])
    membership = OrganizationMembership.objects.get(organization=personas.own_org, user=personas.outsider)
    assert membership.role == OrganizationMembership.Role.ADMIN
    assert client.post(path, {"answer": "accept"}).status_code == 410


def test_a_declined_invitation_attaches_nothing(client, personas):
    client.force_login(personas.cto)
    add_member(client, personas.own_org, personas.outsider.email)
    path = join_path(mail.outbox[0])
    client.force_login(personas.outsider)
    client.post(path, {"answer": "decline"})
    assert not personas.own_org.memberships.filter(user=personas.outsider).exists()
    assert client.post(path, {"answer": "accept"}).status_code == 410
    assert not personas.own_org.memberships.filter(user=personas.outsider).exists()


def test_only_the_invited_account_can_answer(client, personas):
    client.force_login(personas.cto)
    add_member(client, personas.own_org, personas.outsider.email)
    path = join_path(mail.outbox[0])
    client.logout()
    assert client.get(path).url.startswith(reverse("login"))
    client.force_login(personas.consultant_b)
    assert client.get(path).status_code == 404
    assert client.post(path, {"answer": "accept"}).status_code == 404
    assert not personas.own_org.memberships.filter(user=personas.consultant_b).exists()


def test_an_expired_invitation_cannot_be_accepted(client, personas):
    client.force_login(personas.cto)
    add_member(client, personas.own_org, personas.outsider.email)
    MembershipInvitation.objects.update(expires_at="2000-01-01T00:00:00Z")
    client.force_login(personas.outsider)
    assert client.post(join_path(mail.outbox[0]), {"answer": "accept"}).status_code == 410
    assert not personas.own_org.memberships.filter(user=personas.outsider).exists()


def test_adding_an_existing_consultant_to_a_firm_is_an_invitation_too(client, personas):
    client.force_login(personas.consultant_a)
    client.post(
        reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug]),
        {"email": personas.outsider.email},
    )
    assert not FirmMembership.objects.filter(user=personas.outsider).exists()
    client.force_login(personas.outsider)
    client.post(join_path(mail.outbox[0]), {"answer": "accept"})
    membership = FirmMembership.objects.get(user=personas.outsider)
    assert (membership.firm, membership.role) == (personas.firm_a, FirmMembership.Role.CONSULTANT)


def test_adding_the_same_account_twice_sends_the_same_invitation(client, personas):
    client.force_login(personas.cto)
    add_member(client, personas.own_org, personas.outsider.email)
    add_member(client, personas.own_org, personas.outsider.email)
    assert MembershipInvitation.objects.count() == 1
    assert join_path(mail.outbox[0]) == join_path(mail.outbox[1])


def test_staff_see_invitations_and_unconfirmed_sign_ups_in_the_admin(client, personas):
    from tests.factories import UserFactory

    client.force_login(personas.cto)
    add_member(client, personas.own_org, personas.outsider.email)
    client.force_login(UserFactory(username="ada@example.com", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:accounts_membershipinvitation_changelist")).content.decode()
    assert "olga@elsewhere.example" in page
    assert client.get(reverse("admin:accounts_pendingsignup_changelist")).status_code == 200
