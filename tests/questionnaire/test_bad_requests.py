"""Malformed or hostile requests get a clear 400 or a message, never a 500, and change nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from advisor.questionnaire import services
from advisor.questionnaire.models import Answer, Assessment, Invitation

pytestmark = pytest.mark.django_db


def autosave(client, assessment, data: dict, **headers):
    return client.post(reverse("questionnaire:answer_save", args=[assessment.pk]), data, headers=headers)


@pytest.mark.parametrize("revision", ["²", "1" * 5000, "-1", "1.5"])
def test_a_revision_that_is_not_a_plain_number_is_a_400_naming_the_field(
    client, personas, assessment, revision
):
    client.force_login(personas.cto)
    data = {
        "key": "organization.employees",
        "organization.employees": "12",
        "rev:organization.employees": revision,
    }

    htmx = autosave(client, assessment, data, HX_Request="true")
    form = client.post(
        reverse("questionnaire:assessment_section", args=[assessment.pk, "organization"]), data
    )

    for response in (htmx, form):
        assert response.status_code == 400
        assert "organization.employees" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment, key="organization.employees").exists()


@pytest.mark.parametrize("based_on", ["abc", "", "99999999999999999999999"])
def test_copying_an_assessment_that_is_not_named_by_a_number_is_explained(
    client, personas, assessment, based_on
):
    client.force_login(personas.cto)
    url = reverse("questionnaire:assessment_new", args=[personas.own_org.slug])

    response = client.post(url, {"origin": "copy", "based_on": based_on}, follow=True)

    assert response.status_code == 200
    assert "Choose an earlier assessment" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_inviting_on_a_submitted_assessment_is_explained_and_creates_nothing(
    client, personas, complete_assessment
):
    services.assessment_submit(assessment=complete_assessment, user=personas.cto)
    client.force_login(personas.cto)

    response = client.post(
        reverse("questionnaire:invitation_create", args=[complete_assessment.pk]),
        {"email": "cfo@fabrikam.example"},
        follow=True,
    )

    assert response.status_code == 200
    assert "was submitted" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email",
    [
        "cfo@fabrikam.example\r\nBcc: everyone@elsewhere.example",
        "cfo@fabrikam.example\nSubject: hi",
        "a@fabrikam.example, b@elsewhere.example, c@elsewhere.example",
        "a@fabrikam.example;b@elsewhere.example",
        "not an address",
    ],
)
def test_an_invitation_goes_to_exactly_one_valid_address_or_nowhere(client, personas, assessment, email):
    client.force_login(personas.cto)

    response = client.post(
        reverse("questionnaire:invitation_create", args=[assessment.pk]), {"email": email}, follow=True
    )

    assert response.status_code == 200
    assert "Enter one valid email address" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_that_cannot_be_sent_leaves_no_usable_link(client, personas, assessment, monkeypatch):
    def refuse(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("advisor.questionnaire.emails.send_invitation", refuse)
    client.force_login(personas.cto)

    response = client.post(
        reverse("questionnaire:invitation_create", args=[assessment.pk]),
        {"email": "cfo@fabrikam.example"},
        follow=True,
    )

    assert "could not be sent" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("https://evil.example/phish", "/assessments/{pk}/"),
        ("//evil.example/phish", "/assessments/{pk}/"),
        ("http://testserver/assessments/{pk}/sections/workloads/", "/assessments/{pk}/sections/workloads/"),
    ],
)
def test_the_autosave_without_javascript_goes_back_only_to_a_page_of_this_site(
    client, personas, assessment, referer, expected
):
    client.force_login(personas.cto)
    data = {"key": "organization.employees", "organization.employees": "12"}

    response = autosave(client, assessment, data, Referer=referer.format(pk=assessment.pk))

    assert response.status_code == 302
    assert response.url.removeprefix("http://testserver") == expected.format(pk=assessment.pk)
