"""Invitations seen from the consultant's side: told when an invitee submits, the link stays
listed and revocable, and the consultant decides whether the invitee sees the results."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client
from django.urls import reverse

from advisor.questionnaire import services
from advisor.questionnaire.models import Invitation
from advisor.questionnaire.selectors import assessment_access
from tests.conftest import confirm_every_section
from tests.factories import OrganizationMembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the email is sent once the submit commits


@pytest.fixture
def invited(catalog, active_model, personas, bank_profile):
    """A complete draft of Northwind Bank (the consultant's client) with an invitation."""
    assessment = services.assessment_create(
        organization=personas.client_a1, user=personas.consultant_a, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment, personas.consultant_a)
    invitation = services.invitation_create(
        assessment=assessment, email="cfo@northwind.example", user=personas.consultant_a
    )
    return invitation


def invitee_client(invitation: Invitation) -> Client:
    browser = Client()
    browser.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    return browser


def test_the_consultant_is_emailed_when_the_invitee_submits(invited, personas):
    browser = invitee_client(invited)
    response = browser.post(reverse("questionnaire:assessment_submit", args=[invited.assessment_id]))
    assert response.url == reverse("questionnaire:assessment_review", args=[invited.assessment_id])
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [personas.consultant_a.email]
    assert email.subject == f"Northwind Bank submitted “{invited.assessment.title}”"
    assert "cfo@northwind.example" in email.body
    assert reverse("scoring:results", args=[invited.assessment_id]) in email.body
    assert reverse("workspace:firm", args=[personas.firm_a.slug]) in email.body


def test_nobody_is_emailed_when_a_signed_in_user_submits(invited, personas):
    client = Client()
    client.force_login(personas.consultant_a)
    client.post(reverse("questionnaire:assessment_submit", args=[invited.assessment_id]))
    invited.assessment.refresh_from_db()
    assert invited.assessment.is_submitted
    assert mail.outbox == []


def test_the_invitation_stays_listed_and_revocable_after_submit(invited, personas):
    services.assessment_submit(assessment=invited.assessment)
    client = Client()
    client.force_login(personas.consultant_a)
    review = client.get(reverse("questionnaire:assessment_review", args=[invited.assessment_id]))
    page = review.content.decode()
    assert "cfo@northwind.example" in page
    revoke = reverse("questionnaire:invitation_revoke", args=[invited.assessment_id, invited.pk])
    assert revoke in page
    client.post(revoke)
    invited.refresh_from_db()
    assert invited.revoked_at is not None


def can_see_results(assessment_id: int, user=None, invitation: Invitation | None = None) -> bool | None:
    """The shared selector's answer; None when the person cannot reach the assessment at all."""
    access = assessment_access(
        user=user or AnonymousUser(),
        assessment_id=assessment_id,
        invitation_ids=[invitation.pk] if invitation else [],
    )
    return None if access is None else access.can_see_results


def test_who_sees_the_results_by_role_and_the_invitations_flag(invited, personas):
    services.assessment_submit(assessment=invited.assessment)
    pk = invited.assessment_id
    assert can_see_results(pk, personas.consultant_a) is True  # the firm's consultant
    assert can_see_results(pk, personas.consultant_b) is None  # another firm's: cannot reach it
    assert can_see_results(pk, personas.cto) is None  # another organization's admin
    assert can_see_results(pk, personas.outsider) is None
    assert can_see_results(pk) is None  # anonymous, no invitation
    assert can_see_results(pk, invitation=invited) is False  # the invitee, by default as before
    services.invitation_show_results(invitation=invited, visible=True)
    invited.refresh_from_db()
    assert can_see_results(pk, invitation=invited) is True
    services.invitation_revoke(invitation=invited)  # revoked: the flag no longer opens anything
    assert can_see_results(pk, invitation=invited) is None


def test_org_members_and_admins_see_their_own_results_whatever_the_flag(catalog, active_model, personas):
    own = services.assessment_create(organization=personas.own_org, user=personas.cto)
    services.invitation_create(assessment=own, email="x@fabrikam.example", user=personas.cto)
    assert can_see_results(own.pk, personas.cto) is True  # organization admin
    assert can_see_results(own.pk, personas.colleague) is True  # organization member
    client_member = OrganizationMembershipFactory(organization=personas.client_a1).user
    assert can_see_results(own.pk, client_member) is None  # a member of another organization
    assert can_see_results(own.pk, personas.consultant_a) is None  # Fabrikam has no firm


def test_the_invitee_sees_results_pages_only_when_allowed(invited, personas):
    browser = invitee_client(invited)
    browser.post(reverse("questionnaire:assessment_submit", args=[invited.assessment_id]))
    results = reverse("scoring:results", args=[invited.assessment_id])
    review = reverse("questionnaire:assessment_review", args=[invited.assessment_id])
    assert browser.get(results).url == review
    assert browser.get(reverse("reports:panel", args=[invited.assessment_id])).status_code == 404

    consultant = Client()
    consultant.force_login(personas.consultant_a)
    toggle = reverse("questionnaire:invitation_results", args=[invited.assessment_id, invited.pk])
    assert "Show the results" in consultant.get(review).content.decode()
    consultant.post(toggle, {"visible": "yes"})
    assert browser.get(results).status_code == 200
    assert browser.get(reverse("reports:panel", args=[invited.assessment_id])).status_code == 200
    assert "See the results" in browser.get(review).content.decode()
    consultant.post(toggle, {"visible": "no"})
    assert browser.get(results).url == review


def test_only_a_manager_changes_the_flag_and_it_must_be_yes_or_no(invited, personas):
    toggle = reverse("questionnaire:invitation_results", args=[invited.assessment_id, invited.pk])
    browser = invitee_client(invited)
    assert browser.post(toggle, {"visible": "yes"}).status_code == 404  # the invitee itself
    other = Client()
    other.force_login(personas.consultant_b)
    assert other.post(toggle, {"visible": "yes"}).status_code == 404
    consultant = Client()
    consultant.force_login(personas.consultant_a)
    response = consultant.post(toggle, {"visible": "maybe"}, follow=True)
    assert "visible must be yes or no" in response.content.decode()
    invited.refresh_from_db()
    assert invited.results_visible is False


def test_the_flag_can_be_set_when_inviting(catalog, personas):
    assessment = services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)
    consultant = Client()
    consultant.force_login(personas.consultant_a)
    consultant.post(
        reverse("questionnaire:invitation_create", args=[assessment.pk]),
        {"email": "cto@northwind.example", "results_visible": "on"},
    )
    assert Invitation.objects.get().results_visible is True
