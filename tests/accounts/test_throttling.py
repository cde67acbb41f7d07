"""Issue 9, item 6: repeated sign-ins lock an address out; email-sending requests are rate-limited."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse

from advisor.accounts.limits import PEOPLE_ADDED_PER_USER, RESETS_PER_ADDRESS, SIGN_UPS_PER_ADDRESS
from tests.accounts.helpers import without_csrf_token
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts for this email address"


def sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def is_signed_in(client, personas) -> bool:
    return client.get(reverse("questionnaire:organization", args=[personas.own_org.slug])).status_code == 200


def test_repeated_wrong_passwords_lock_the_account_until_the_cool_off_ends(client, personas):
    """The bounded abuse test: N wrong passwords, then the right one is refused during the lockout."""
    address = personas.cto.username
    limit = settings.AXES_FAILURE_LIMIT
    responses = [sign_in(client, address, f"wrong-{n}") for n in range(limit)]
    assert [r.status_code for r in responses[:-1]] == [200] * (limit - 1)  # the form, with its error
    assert responses[-1].status_code == 429
    assert LOCKED in responses[-1].content.decode()
    assert "paused for 15 minutes after the last attempt" in responses[-1].content.decode()

    right = sign_in(client, address.upper(), PASSWORD)  # however the address is typed
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert not is_signed_in(client, personas)
    # Another account is not affected.
    assert sign_in(client.__class__(), personas.colleague.username, PASSWORD).status_code == 302

    # Once the cool-off has passed since the last attempt, the right password works again.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    assert sign_in(client, address, PASSWORD).status_code == 302
    assert is_signed_in(client, personas)


def test_an_unknown_address_is_locked_out_the_same_way(client, personas):
    """The lockout page says nothing about whether the address has an account."""
    known = [sign_in(client, personas.cto.username, "wrong") for _ in range(settings.AXES_FAILURE_LIMIT)][-1]
    unknown = [
        sign_in(client, "nobody@nowhere.example", "wrong") for _ in range(settings.AXES_FAILURE_LIMIT)
    ][-1]
    assert known.status_code == unknown.status_code == 429
    assert without_csrf_token(known.content) == without_csrf_token(unknown.content)


def test_a_success_before_the_limit_starts_the_count_again(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, personas.cto.username, "wrong")
    assert sign_in(client, personas.cto.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, personas.cto.username, "wrong").status_code == 200
    assert sign_in(client, personas.cto.username, PASSWORD).status_code == 302


def test_twenty_reset_requests_send_only_a_few_emails(client, personas):
    responses = [client.post(reverse("password_reset"), {"email": personas.cto.email}) for _ in range(20)]
    assert len(mail.outbox) == RESETS_PER_ADDRESS.count == 3
    assert [r.status_code for r in responses] == [302] * 3 + [429] * 17
    assert "Too many requests" in responses[-1].content.decode()
    assert responses[-1]["Retry-After"] == str(RESETS_PER_ADDRESS.window_s)
    # The limit is per address: another address (asked from another network, since these 20
    # also used up the per-network count) still gets its email.
    client.post(reverse("password_reset"), {"email": personas.colleague.email}, REMOTE_ADDR="192.0.2.7")
    assert len(mail.outbox) == 4


def test_reset_requests_for_unknown_addresses_count_the_same(client, personas):
    codes = [
        client.post(reverse("password_reset"), {"email": "nobody@nowhere.example"}).status_code
        for _ in range(5)
    ]
    assert codes == [302] * 3 + [429] * 2
    assert mail.outbox == []


def test_sign_ups_with_one_address_are_rate_limited(client):
    form = {
        "kind": "organization",
        "name": "Tailspin Toys",
        "first_name": "Tess",
        "last_name": "Tailspin",
        "email": "tess@tailspin.example",
        "password": "a-long-unusual-passphrase",
    }
    codes = [client.post(reverse("accounts:sign_up"), form).status_code for _ in range(6)]
    assert codes == [302] * SIGN_UPS_PER_ADDRESS.count + [429] * 3
    assert len(mail.outbox) == SIGN_UPS_PER_ADDRESS.count


def test_adding_people_is_rate_limited_per_user(client, personas):
    client.force_login(personas.cto)
    url = reverse("questionnaire:organization_add_member", args=[personas.own_org.slug])
    codes = [
        client.post(url, {"email": f"p{n}@fabrikam.example", "role": "member"}).status_code
        for n in range(PEOPLE_ADDED_PER_USER.count + 2)
    ]
    assert codes == [302] * PEOPLE_ADDED_PER_USER.count + [429, 429]
    assert len(mail.outbox) == PEOPLE_ADDED_PER_USER.count
    # The count is the user's: another manager still can.
    client.force_login(personas.consultant_a)
    firm_url = reverse("accounts:firm_add_consultant", args=[personas.firm_a.slug])
    assert client.post(firm_url, {"email": "new@alpha.example"}).status_code == 302


def test_assessment_invitations_share_the_limit(client, personas, catalog):
    from advisor.questionnaire import services as questionnaire

    assessment = questionnaire.assessment_create(organization=personas.own_org, user=personas.cto)
    client.force_login(personas.cto)
    url = reverse("questionnaire:invitation_create", args=[assessment.pk])
    codes = [
        client.post(url, {"email": f"p{n}@client.example"}).status_code
        for n in range(PEOPLE_ADDED_PER_USER.count + 1)
    ]
    assert codes[-1] == 429
    assert codes.count(429) == 1
    assert assessment.invitations.count() == PEOPLE_ADDED_PER_USER.count
