import pytest
from django.core import mail
from django.urls import reverse

from advisor.accounts.models import FirmMembership, Organization, OrganizationMembership
from tests.factories import FirmMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_firm_admin_adds_a_consultant_who_gets_a_password_link(client, personas):
    client.force_login(personas.consultant_a)
    client.post(
        reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug]),
        {"email": "New.Person@Alpha.example", "first_name": "New"},
    )
    membership = FirmMembership.objects.get(user__username="new.person@alpha.example")
    assert membership.firm == personas.firm_a
    assert membership.role == FirmMembership.Role.CONSULTANT
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_a_consultant_who_is_not_firm_admin_cannot_add_consultants(client, personas):
    plain = FirmMembershipFactory(firm=personas.firm_a, user__username="plain@alpha.example").user
    client.force_login(plain)
    client.post(
        reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug]), {"email": "x@alpha.example"}
    )
    assert not FirmMembership.objects.filter(user__username="x@alpha.example").exists()


@pytest.mark.parametrize("name", ["Woodgrove\r\nBank", "Woodgrove\u2028Bank", "Wood\x1bgrove"])
def test_a_client_name_with_control_characters_is_refused_with_a_clear_message(client, personas, name):
    client.force_login(personas.consultant_a)
    response = client.post(
        reverse("accounts:firm_add_client", args=[personas.firm_a.slug]), {"name": name}, follow=True
    )
    page = response.content.decode()
    assert "Client organization name: Use one line of ordinary text: line breaks" in page
    assert not Organization.objects.filter(name__startswith="Wood").exists()


def test_a_consultant_adds_a_client_organization_to_their_firm(client, personas):
    client.force_login(personas.consultant_a)
    response = client.post(
        reverse("accounts:firm_add_client", args=[personas.firm_a.slug]), {"name": "Woodgrove"}
    )
    organization = Organization.objects.get(name="Woodgrove")
    assert organization.firm == personas.firm_a
    assert response.url == reverse("questionnaire:organization", args=[organization.slug])
    # … and the other firm's consultant cannot see it.
    client.force_login(personas.consultant_b)
    assert client.get(response.url).status_code == 404


def test_an_organization_admin_adds_a_colleague_with_a_new_address(client, personas):
    client.force_login(personas.cto)
    client.post(
        reverse("questionnaire:organization_add_member", args=[personas.own_org.slug]),
        {"email": "sam@fabrikam.example", "role": "member"},
    )
    assert OrganizationMembership.objects.filter(
        organization=personas.own_org, user__username="sam@fabrikam.example"
    ).exists()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_a_firm_admin_cannot_add_a_consultant_with_a_control_character_in_the_name(client, personas):
    client.force_login(personas.consultant_a)
    response = client.post(
        reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug]),
        {"email": "new@alpha.example", "first_name": "New\r\nBcc: x@example.com"},
        follow=True,
    )
    assert "First name: Use one line of ordinary text" in response.content.decode()
    assert not FirmMembership.objects.filter(user__username="new@alpha.example").exists()
    assert mail.outbox == []


def test_a_plain_member_cannot_add_colleagues(client, personas):
    client.force_login(personas.colleague)
    client.post(
        reverse("questionnaire:organization_add_member", args=[personas.own_org.slug]),
        {"email": "sam@fabrikam.example", "role": "admin"},
    )
    assert not OrganizationMembership.objects.filter(user__username="sam@fabrikam.example").exists()


def test_password_reset_sends_a_link_by_email(client, personas):
    client.post(reverse("password_reset"), {"email": personas.cto.email})
    assert len(mail.outbox) == 1
    assert personas.cto.email in mail.outbox[0].to


def test_sign_in_and_sign_out(client, personas):
    from tests.factories import PASSWORD

    response = client.post(reverse("login"), {"username": personas.cto.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("questionnaire:organization", args=[personas.own_org.slug])).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("questionnaire:organization", args=[personas.own_org.slug])).status_code == 302
