import re

import pytest
from django.core import mail
from django.urls import reverse

from advisor.accounts.models import Firm, FirmMembership, Organization, OrganizationMembership, User
from tests.accounts.helpers import without_csrf_token
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "organization",
    "name": "Tailspin Toys",
    "first_name": "Tess",
    "last_name": "Tailspin",
    "email": "Tess@Tailspin.example",
    "password": "a-long-unusual-passphrase",
}


def confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/signup/confirm/\S+/)", message.body).group(1)


def sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_up_creates_nothing_usable_until_the_emailed_link_is_followed(client):
    response = client.post(reverse("accounts:sign_up"), FORM)
    assert response.status_code == 302
    assert response.url == reverse("accounts:sign_up_sent")
    user = User.objects.get(username="tess@tailspin.example")
    assert not user.is_active
    assert not Organization.objects.exists()
    # The password chosen at sign-up does not sign in yet, and the message says why.
    refused = sign_in(client, "tess@tailspin.example", FORM["password"])
    assert refused.status_code == 200
    assert "follow the link in the email" in refused.content.decode()
    assert [message.to for message in mail.outbox] == [["tess@tailspin.example"]]

    path = confirmation_path(mail.outbox[0])
    # Opening the link (a mail client's preview) only shows the button.
    assert "Tailspin Toys" in client.get(path).content.decode()
    assert not User.objects.get(pk=user.pk).is_active

    confirmed = client.post(path)
    organization = Organization.objects.get(name="Tailspin Toys")
    assert confirmed.url == reverse("questionnaire:organization", args=[organization.slug])
    membership = OrganizationMembership.objects.get(organization=organization)
    assert membership.user == user
    assert membership.role == OrganizationMembership.Role.ADMIN
    assert client.get(reverse("accounts:home")).url == confirmed.url  # signed in
    # The link works once.
    assert client.post(path).status_code == 404
    assert Organization.objects.count() == 1


def test_a_confirmed_firm_sign_up_creates_the_firm_with_its_admin(client):
    client.post(reverse("accounts:sign_up"), {**FORM, "kind": "firm", "name": "Lakeside Advisory"})
    assert not Firm.objects.exists()
    client.post(confirmation_path(mail.outbox[0]))
    firm = Firm.objects.get(name="Lakeside Advisory")
    assert FirmMembership.objects.get(firm=firm).role == FirmMembership.Role.ADMIN
    assert not Organization.objects.exists()
    client.post(reverse("logout"))
    assert sign_in(client, "tess@tailspin.example", FORM["password"]).status_code == 302


def test_a_forged_or_foreign_confirmation_link_does_nothing(client):
    client.post(reverse("accounts:sign_up"), FORM)
    path = confirmation_path(mail.outbox[0])
    assert client.post(path[:-3] + "xx/").status_code == 404
    assert client.post(reverse("accounts:sign_up_confirm", args=["zzzz", "abc-def"])).status_code == 404
    assert not Organization.objects.exists()


def test_sign_up_with_a_taken_address_looks_the_same_and_tells_the_owner(client):
    owner = UserFactory(username="tess@tailspin.example")
    new = client.post(reverse("accounts:sign_up"), {**FORM, "email": "nobody@tailspin.example"}, follow=True)
    taken = client.post(reverse("accounts:sign_up"), FORM, follow=True)

    assert new.redirect_chain == [(reverse("accounts:sign_up_sent"), 302)]
    assert taken.redirect_chain == new.redirect_chain
    assert taken.status_code == new.status_code == 200
    assert without_csrf_token(taken.content) == without_csrf_token(new.content)
    # One email to the address either way; the owner's says someone tried and nothing changed.
    assert [message.to for message in mail.outbox] == [["nobody@tailspin.example"], ["tess@tailspin.example"]]
    assert "already has an account" in mail.outbox[1].body
    assert "/accounts/password_reset/" in mail.outbox[1].body
    assert Organization.objects.count() == 0
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert owner.is_active


def test_signing_up_again_before_confirming_replaces_the_first_sign_up(client):
    client.post(reverse("accounts:sign_up"), FORM)
    client.post(
        reverse("accounts:sign_up"), {**FORM, "name": "Tailspin Games", "password": "another-long-phrase"}
    )
    first, second = (confirmation_path(message) for message in mail.outbox)
    assert client.post(first).status_code == 404
    client.post(second)
    assert list(Organization.objects.values_list("name", flat=True)) == ["Tailspin Games"]
    client.post(reverse("logout"))
    assert sign_in(client, "tess@tailspin.example", "another-long-phrase").status_code == 302


def test_sign_up_rejects_a_weak_password_next_to_the_field(client):
    response = client.post(reverse("accounts:sign_up"), {**FORM, "password": "123"})
    assert "password" in response.context["form"].errors
    assert not User.objects.exists()
    assert b"Tailspin Toys" in response.content  # what was typed is kept
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name", ["Tailspin\r\nBcc: victim@example.com", "Tail\nspin", "Tail\tspin", "Tail\x00spin"]
)
def test_sign_up_refuses_control_characters_in_the_name(client, name):
    response = client.post(reverse("accounts:sign_up"), {**FORM, "name": name})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors
    assert not User.objects.exists()
    assert mail.outbox == []
