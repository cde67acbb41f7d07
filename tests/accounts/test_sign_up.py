import pytest
from django.urls import reverse

from advisor.accounts.models import Firm, FirmMembership, Organization, OrganizationMembership, User

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "organization",
    "name": "Tailspin Toys",
    "first_name": "Tess",
    "last_name": "Tailspin",
    "email": "Tess@Tailspin.example",
    "password": "a-long-unusual-passphrase",
}


def test_sign_up_creates_an_organization_with_its_first_admin(client):
    response = client.post(reverse("accounts:sign_up"), FORM)
    organization = Organization.objects.get(name="Tailspin Toys")
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    membership = OrganizationMembership.objects.get(organization=organization)
    assert membership.user.username == "tess@tailspin.example"
    assert membership.role == OrganizationMembership.Role.ADMIN
    assert client.get(reverse("accounts:home")).url == reverse(
        "questionnaire:organization", args=[organization.slug]
    )


def test_sign_up_as_a_firm_creates_the_firm_with_its_admin(client):
    client.post(reverse("accounts:sign_up"), {**FORM, "kind": "firm", "name": "Lakeside Advisory"})
    firm = Firm.objects.get(name="Lakeside Advisory")
    assert FirmMembership.objects.get(firm=firm).role == FirmMembership.Role.ADMIN
    assert not Organization.objects.exists()


def test_sign_up_with_a_taken_email_names_the_field_and_creates_nothing(client):
    User.objects.create_user(username="tess@tailspin.example", password="x")
    response = client.post(reverse("accounts:sign_up"), FORM)
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["email"])
    assert not Organization.objects.exists()


def test_sign_up_rejects_a_weak_password_next_to_the_field(client):
    response = client.post(reverse("accounts:sign_up"), {**FORM, "password": "123"})
    assert "password" in response.context["form"].errors
    assert not User.objects.exists()
    assert b"Tailspin Toys" in response.content  # what was typed is kept
