"""Issue 9, item 18: what a newcomer noticed on the sign-in page and in the emails."""

import email
import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def raw(message) -> bytes:
    return message.message().as_bytes()


def test_the_browser_title_separates_the_page_from_the_site(client):
    page = client.get(reverse("login")).content.decode()
    assert "<title>Sign in · Lock-in Advisor</title>" in page


def test_the_sign_in_form_asks_for_the_email(client):
    page = client.get(reverse("login")).content.decode()
    assert re.search(r"<label for=\"id_username\">Email:?</label>", page)
    assert "Username" not in page
    assert 'type="email"' in page


def test_the_welcome_email_is_plain_8bit_so_its_link_survives_copying(client, personas):
    client.force_login(personas.consultant_a)
    client.post(
        reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug]),
        {"email": "a.rather.long.address.for.a.long.link@alpha-advisory.example"},
    )
    data = raw(mail.outbox[0])
    parsed = email.message_from_bytes(data)
    assert parsed["Content-Transfer-Encoding"] == "8bit"
    assert parsed.get_content_charset() == "utf-8"
    assert b"=\n" not in data  # no soft line breaks
    assert b"=\r\n" not in data
    assert b"=3D" not in data  # no encoded "="
    link = re.search(rb"http://testserver/accounts/reset/\S+/", data)
    assert link is not None
    assert client.get(link.group().decode().removeprefix("http://testserver")).status_code == 302


def test_the_reset_email_is_signed_by_the_app_not_the_host(client, personas):
    client.post(reverse("password_reset"), {"email": personas.cto.email})
    message = mail.outbox[0]
    assert "testserver team" not in message.body
    assert "— Lock-in Advisor" in message.body
    assert message.subject == "Reset your Lock-in Advisor password"
    assert email.message_from_bytes(raw(message))["Content-Transfer-Encoding"] == "8bit"
    assert re.search(r"http://testserver/accounts/reset/\S+/", message.body)
