import pytest
from django.urls import reverse

from advisor.accounts.models import Organization

pytestmark = pytest.mark.django_db


def test_a_consultant_sees_exactly_the_clients_of_their_firm(personas):
    visible = set(Organization.objects.visible_to(personas.consultant_a))
    assert visible == {personas.client_a1, personas.client_a2}


def test_a_member_sees_exactly_their_organization(personas):
    assert list(Organization.objects.visible_to(personas.colleague)) == [personas.own_org]


def test_an_outsider_and_an_anonymous_user_see_nothing(personas, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.visible_to(personas.outsider).exists()
    assert not Organization.objects.visible_to(AnonymousUser()).exists()


def test_a_consultant_opens_their_firms_client(client, personas):
    client.force_login(personas.consultant_a)
    response = client.get(reverse("questionnaire:organization", args=[personas.client_a1.slug]))
    assert response.status_code == 200
    assert b"Northwind Bank" in response.content


def test_a_consultant_of_firm_a_cannot_open_an_organization_of_firm_b(client, personas):
    client.force_login(personas.consultant_a)
    response = client.get(reverse("questionnaire:organization", args=[personas.client_b.slug]))
    assert response.status_code == 404


def test_a_member_cannot_open_another_organization(client, personas):
    client.force_login(personas.cto)
    for other in (personas.client_a1, personas.client_b):
        assert client.get(reverse("questionnaire:organization", args=[other.slug])).status_code == 404


def test_an_unknown_and_a_forbidden_organization_look_the_same(client, personas):
    client.force_login(personas.cto)
    forbidden = client.get(reverse("questionnaire:organization", args=[personas.client_b.slug]))
    unknown = client.get(reverse("questionnaire:organization", args=["no-such-org"]))
    assert forbidden.status_code == unknown.status_code == 404


def test_a_consultant_cannot_open_another_firm(client, personas):
    client.force_login(personas.consultant_a)
    assert client.get(reverse("workspace:firm", args=[personas.firm_b.slug])).status_code == 404
    assert client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).status_code == 200


def test_a_consultant_cannot_add_members_to_another_firms_client(client, personas):
    client.force_login(personas.consultant_a)
    url = reverse("questionnaire:organization_add_member", args=[personas.client_b.slug])
    response = client.post(url, {"email": "spy@alpha.example", "role": "admin"})
    assert response.status_code == 404
    assert not personas.client_b.memberships.filter(user__username="spy@alpha.example").exists()


def test_pages_need_a_signed_in_user(client, personas):
    response = client.get(reverse("questionnaire:organization", args=[personas.own_org.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_navigation_lists_only_what_the_user_may_see(client, personas):
    client.force_login(personas.consultant_a)
    page = client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).content.decode()
    assert "Northwind Bank" in page
    assert "Contoso Health" in page
    assert "Globex" not in page
    assert "Fabrikam" not in page
