"""An invited client contact sees exactly one assessment, until the link expires or is revoked."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisor.questionnaire import services
from advisor.questionnaire.models import Answer, Invitation
from tests.conftest import confirm_every_section
from tests.factories import OrganizationMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_assessment(catalog, personas):
    return services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)


def invite(client, personas, assessment) -> Invitation:
    client.force_login(personas.consultant_a)
    client.post(
        reverse("questionnaire:invitation_create", args=[assessment.pk]), {"email": "cfo@northwind.example"}
    )
    client.logout()
    return Invitation.objects.get()


def test_a_consultant_invites_a_client_contact_by_email(client, personas, client_assessment):
    invitation = invite(client, personas, client_assessment)
    assert mail.outbox[0].to == ["cfo@northwind.example"]
    assert reverse("questionnaire:invitation_open", args=[invitation.token]) in mail.outbox[0].body


def test_the_invitee_fills_in_that_assessment_and_nothing_else(client, personas, client_assessment):
    other = services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)
    invitation = invite(client, personas, client_assessment)
    response = client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    assert response.url == reverse("questionnaire:assessment", args=[client_assessment.pk])
    assert (
        client.get(
            reverse("questionnaire:assessment_section", args=[client_assessment.pk, "organization"])
        ).status_code
        == 200
    )
    client.post(
        reverse("questionnaire:answer_save", args=[client_assessment.pk]),
        {"key": "organization.employees", "organization.employees": "900"},
        headers={"HX-Request": "true"},
    )
    answer = Answer.objects.get(assessment=client_assessment, key="organization.employees")
    assert (answer.value, answer.updated_by, answer.updated_by_invitation) == (900, None, invitation)
    # Not the other assessment of the same client, not the client's page, not the firm.
    assert (
        client.get(reverse("questionnaire:assessment_section", args=[other.pk, "organization"])).status_code
        == 302
    )
    assert (
        client.get(reverse("questionnaire:organization", args=[personas.client_a1.slug])).status_code == 302
    )
    assert client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).status_code == 302


def test_a_revoked_link_stops_working_at_once(client, personas, client_assessment):
    invitation = invite(client, personas, client_assessment)
    client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    services.invitation_revoke(invitation=invitation)
    assert (
        client.get(
            reverse("questionnaire:assessment_section", args=[client_assessment.pk, "organization"])
        ).status_code
        == 302
    )
    assert client.get(reverse("questionnaire:invitation_open", args=[invitation.token])).status_code == 404


def test_an_expired_link_does_not_open(client, personas, client_assessment):
    invitation = invite(client, personas, client_assessment)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    assert response.status_code == 404
    assert b"does not work" in response.content


def test_an_invitee_cannot_invite_or_revoke(client, personas, client_assessment):
    invitation = invite(client, personas, client_assessment)
    client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    assert (
        client.post(
            reverse("questionnaire:invitation_create", args=[client_assessment.pk]), {"email": "x@y.z"}
        ).status_code
        == 404
    )
    url = reverse("questionnaire:invitation_revoke", args=[client_assessment.pk, invitation.pk])
    assert client.post(url).status_code == 404
    assert Invitation.objects.get().revoked_at is None


def test_only_managers_of_the_organization_can_invite(client, personas, catalog):
    assessment = services.assessment_create(organization=personas.own_org, user=personas.cto)
    client.force_login(personas.colleague)
    assert (
        client.post(
            reverse("questionnaire:invitation_create", args=[assessment.pk]), {"email": "x@y.z"}
        ).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_after_submit_managers_still_see_and_revoke_invitations_and_the_link_stops_opening_the_answers(
    client, personas, catalog, bank_profile
):
    assessment = services.assessment_create(
        organization=personas.client_a1, user=personas.consultant_a, origin="template", profile=bank_profile
    )
    invitation = invite(client, personas, assessment)
    client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    confirm_every_section(assessment)
    services.assessment_submit(assessment=assessment, user=personas.consultant_a)
    review = reverse("questionnaire:assessment_review", args=[assessment.pk])
    export = reverse("questionnaire:assessment_export", args=[assessment.pk])
    assert client.get(review).status_code == 200  # the invitee sees the frozen answers
    assert client.get(export).status_code == 200

    manager = Client()
    manager.force_login(personas.consultant_a)
    page = manager.get(review).content.decode()
    assert "cfo@northwind.example" in page
    assert "Revoke" in page
    assert "Send invitation" not in page  # no new invitations on a submitted assessment
    member = Client()
    member.force_login(OrganizationMembershipFactory(organization=personas.client_a1).user)
    assert "Revoke" not in member.get(review).content.decode()

    manager.post(reverse("questionnaire:invitation_revoke", args=[assessment.pk, invitation.pk]))

    assert Invitation.objects.get().revoked_at is not None
    assert client.get(review).status_code == 302
    assert client.get(export).status_code == 302
