"""The attack of issue 9: sign up first with the address a consultant is about to add."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from advisor.accounts.models import Organization, OrganizationMembership
from advisor.questionnaire import services as questionnaire

pytestmark = pytest.mark.django_db

ADDRESS = "newcto@client.example"
ATTACKER_PASSWORD = "attacker-knows-this-one"


def link_path(message, prefix: str) -> str:
    return re.search(rf"https?://[^/\s]+({prefix}\S+/)", message.body).group(1)


def test_signing_up_first_with_a_clients_address_gets_nothing_of_the_client(client, personas, catalog):
    client_org = personas.client_a1
    assessment = questionnaire.assessment_create(organization=client_org, user=personas.consultant_a)
    private_urls = [
        reverse("questionnaire:organization", args=[client_org.slug]),
        reverse("questionnaire:assessment_review", args=[assessment.pk]),
        reverse("scoring:results", args=[assessment.pk]),
        reverse("questionnaire:assessment_export", args=[assessment.pk]),
    ]

    # 1. The attacker signs up with the client's address (the inbox is not theirs).
    client.post(
        reverse("accounts:sign_up"),
        {
            "kind": "organization",
            "name": "Attacker Org",
            "first_name": "Mal",
            "last_name": "Lory",
            "email": ADDRESS,
            "password": ATTACKER_PASSWORD,
        },
    )
    attacker_confirmation = link_path(mail.outbox[0], "/signup/confirm/")

    # 2. The consultant adds that address as the client's admin.
    consultant = client.__class__()
    consultant.force_login(personas.consultant_a)
    consultant.post(
        reverse("questionnaire:organization_add_member", args=[client_org.slug]),
        {"email": ADDRESS, "role": "admin"},
    )

    # 3. The attacker cannot sign in, and the confirmation link no longer works.
    attacker = client.__class__()
    signed_in = attacker.post(reverse("login"), {"username": ADDRESS, "password": ATTACKER_PASSWORD})
    assert signed_in.status_code == 200  # the form again, with its error
    assert attacker.post(attacker_confirmation).status_code == 404
    for url in private_urls:
        response = attacker.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))
    assert not Organization.objects.filter(name="Attacker Org").exists()

    # 4. The owner of the inbox chooses a password from the welcome email and gets the client.
    welcome = mail.outbox[-1]
    assert welcome.to == [ADDRESS]
    owner = client.__class__()
    form_url = owner.get(link_path(welcome, "/accounts/reset/")).url
    owner.post(
        form_url, {"new_password1": "the-real-cto-passphrase", "new_password2": "the-real-cto-passphrase"}
    )
    assert (
        owner.post(reverse("login"), {"username": ADDRESS, "password": "the-real-cto-passphrase"}).status_code
        == 302
    )
    assert owner.get(private_urls[0]).status_code == 200
    membership = OrganizationMembership.objects.get(user__username=ADDRESS)
    assert (membership.organization, membership.role) == (client_org, OrganizationMembership.Role.ADMIN)
    # … and the attacker's password still signs in to nothing.
    assert (
        attacker.post(reverse("login"), {"username": ADDRESS, "password": ATTACKER_PASSWORD}).status_code
        == 200
    )
