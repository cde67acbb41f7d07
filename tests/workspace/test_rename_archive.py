"""Renaming and archiving clients and assessments: who may, and what the lists show after."""

import pytest
from django.urls import reverse

from advisor.accounts.models import FirmMembership, Organization
from advisor.questionnaire import services
from advisor.questionnaire.models import Assessment
from tests.factories import FirmMembershipFactory

pytestmark = pytest.mark.django_db

# Who asks, about which organization, and what they get: 302 done, 403 seen but not managed,
# 404 not even seen (another firm, another organization), login for the anonymous.
CASES = [
    ("consultant_a", "client_a1", 302),  # firm admin
    ("plain_consultant_a", "client_a1", 302),  # a consultant of the firm
    ("cto", "own_org", 302),  # organization admin
    ("colleague", "own_org", 403),  # organization member
    ("consultant_b", "client_a1", 404),  # another firm
    ("consultant_a", "own_org", 404),  # a stand-alone organization
    ("outsider", "client_a1", 404),
    ("cto", "client_a1", 404),
]


@pytest.fixture
def people(personas):
    personas.plain_consultant_a = FirmMembershipFactory(
        firm=personas.firm_a, user__username="pat@alpha.example", role=FirmMembership.Role.CONSULTANT
    ).user
    return personas


@pytest.fixture
def drafts(catalog, people):
    return {
        slug: services.assessment_create(organization=getattr(people, slug), user=None)
        for slug in ("client_a1", "own_org")
    }


@pytest.mark.parametrize(("who", "where", "expected"), CASES)
def test_rename_and_archive_a_client(client, people, catalog, who, where, expected):
    organization = getattr(people, where)
    client.force_login(getattr(people, who))

    renamed = client.post(reverse("workspace:client_rename", args=[organization.slug]), {"name": "New name"})
    archived = client.post(reverse("workspace:client_archive", args=[organization.slug]), {"archived": "on"})

    organization.refresh_from_db()
    assert renamed.status_code == expected
    assert archived.status_code == expected
    assert (organization.name == "New name") is (expected == 302)
    assert (organization.archived_at is not None) is (expected == 302)


@pytest.mark.parametrize(("who", "where", "expected"), CASES)
def test_rename_and_archive_an_assessment(client, people, drafts, who, where, expected):
    assessment = drafts[where]
    client.force_login(getattr(people, who))

    renamed = client.post(reverse("workspace:assessment_rename", args=[assessment.pk]), {"name": "Baseline"})
    archived = client.post(reverse("workspace:assessment_archive", args=[assessment.pk]), {"archived": "on"})

    assessment.refresh_from_db()
    assert renamed.status_code == expected
    assert archived.status_code == expected
    assert (assessment.title == "Baseline") is (expected == 302)
    assert (assessment.archived_at is not None) is (expected == 302)


def test_the_anonymous_are_sent_to_sign_in_and_nothing_changes(client, people, drafts):
    assessment = drafts["client_a1"]

    response = client.post(reverse("workspace:assessment_rename", args=[assessment.pk]), {"name": "X"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assessment.refresh_from_db()
    assert assessment.title != "X"


def test_renaming_needs_a_get_free_post_and_a_csrf_token(people, drafts):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.consultant_a)
    url = reverse("workspace:assessment_rename", args=[drafts["client_a1"].pk])

    assert strict.get(url).status_code == 405
    assert strict.post(url, {"name": "Baseline"}).status_code == 403


def test_an_empty_name_is_refused_naming_the_field(client, people, drafts):
    assessment = drafts["client_a1"]
    client.force_login(people.consultant_a)

    response = client.post(
        reverse("workspace:assessment_rename", args=[assessment.pk]), {"name": "  "}, follow=True
    )

    assert "Not renamed. name: Enter a name." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.title.startswith("Northwind Bank – Q")


def test_a_submitted_assessment_can_be_renamed_and_archived(client, people, complete_assessment):
    submitted = services.assessment_submit(assessment=complete_assessment, user=people.cto)
    client.force_login(people.cto)

    client.post(reverse("workspace:assessment_rename", args=[submitted.pk]), {"name": "Baseline, Q3"})

    submitted.refresh_from_db()
    assert submitted.title == "Baseline, Q3"
    assert submitted.is_submitted


def test_archived_assessments_are_hidden_until_asked_for_and_can_be_restored(client, people, drafts):
    assessment = drafts["client_a1"]
    other = services.assessment_create(organization=people.client_a1, user=None)
    client.force_login(people.consultant_a)
    page_url = reverse("workspace:client", args=[people.client_a1.slug])

    client.post(reverse("workspace:assessment_archive", args=[assessment.pk]), {"archived": "on"})
    hidden = client.get(page_url).content.decode()
    shown = client.get(page_url, {"archived": "1"}).content.decode()
    client.post(reverse("workspace:assessment_archive", args=[assessment.pk]), {})
    restored = client.get(page_url).content.decode()

    assert other.title in hidden
    assert f">{assessment.title}</a>" not in hidden
    assert "Show archived (1)" in hidden
    assert f">{assessment.title}</a>" in shown
    assert f">{assessment.title}</a>" in restored
    assert Assessment.objects.get(pk=assessment.pk).archived_at is None


def test_archived_clients_leave_the_unarchived_list(people, catalog):
    from advisor.accounts import services as accounts_services

    accounts_services.organization_archive(organization=people.client_a2, archived=True)

    visible = Organization.objects.visible_to(people.consultant_a)
    assert set(visible.unarchived()) == {people.client_a1}
    assert set(visible) == {people.client_a1, people.client_a2}  # still reachable by its page


def test_the_organization_page_leaves_archived_assessments_out_and_says_where_they_are(
    client, people, drafts
):
    assessment = drafts["own_org"]
    services.assessment_archive(assessment=assessment, archived=True)
    client.force_login(people.cto)

    page = client.get(reverse("questionnaire:organization", args=[people.own_org.slug])).content.decode()

    assert f">{assessment.title}</a>" not in page
    assert "1 archived assessment not listed" in page
    assert reverse("workspace:client", args=[people.own_org.slug]) + "?archived=1" in page
