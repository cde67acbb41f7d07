"""Who reaches an assessment, and with which rights: one selector answers for every view."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from advisor.accounts.models import OrganizationMembership
from advisor.questionnaire import services
from advisor.questionnaire.selectors import assessment_access
from tests.conftest import confirm_every_section
from tests.factories import OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

# persona -> (reaches the client's assessment, can manage it, sees results)
RIGHTS = {
    "consultant_a": (True, True, True),  # a consultant of the client's firm
    "consultant_b": (False, None, None),  # a consultant of another firm
    "client_admin": (True, True, True),  # the client organization's admin
    "client_member": (True, False, True),  # a plain member of it
    "cto": (False, None, None),  # the admin of another organization
    "outsider": (False, None, None),
    "anonymous": (False, None, None),
}


@pytest.fixture
def client_assessment(catalog, personas):
    return services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)


def _user(personas, name):
    if name == "anonymous":
        return AnonymousUser()
    if name in ("client_admin", "client_member"):
        role = (
            OrganizationMembership.Role.ADMIN
            if name == "client_admin"
            else OrganizationMembership.Role.MEMBER
        )
        return OrganizationMembershipFactory(organization=personas.client_a1, role=role).user
    return getattr(personas, name)


@pytest.mark.parametrize("persona", RIGHTS)
def test_each_persona_reaches_the_assessment_with_its_rights(personas, client_assessment, persona):
    reaches, manages, sees_results = RIGHTS[persona]

    access = assessment_access(user=_user(personas, persona), assessment_id=client_assessment.pk)

    assert (access is not None) == reaches
    if reaches:
        assert (access.can_manage, access.can_see_results, access.is_invitee) == (
            manages,
            sees_results,
            False,
        )
        assert access.can_edit


def test_an_invitee_edits_the_draft_and_sees_no_results(personas, client_assessment):
    invitation = services.invitation_create(
        assessment=client_assessment, email="cfo@client.example", user=personas.consultant_a
    )

    access = assessment_access(
        user=AnonymousUser(), assessment_id=client_assessment.pk, invitation_ids=[invitation.pk]
    )

    assert access.is_invitee
    assert access.can_edit
    assert not access.can_see_results
    assert not access.can_manage
    assert access.user is None
    assert access.invitation == invitation


def test_an_invitation_opens_only_its_own_assessment(personas, client_assessment):
    other = services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)
    invitation = services.invitation_create(
        assessment=client_assessment, email="cfo@client.example", user=personas.consultant_a
    )

    assert (
        assessment_access(user=AnonymousUser(), assessment_id=other.pk, invitation_ids=[invitation.pk])
        is None
    )


@pytest.mark.parametrize("end", ["revoked", "expired"])
def test_a_revoked_or_expired_invitation_reaches_nothing(personas, client_assessment, end):
    invitation = services.invitation_create(
        assessment=client_assessment, email="cfo@client.example", user=personas.consultant_a
    )
    if end == "revoked":
        services.invitation_revoke(invitation=invitation)
    else:
        invitation.expires_at = timezone.now() - timedelta(seconds=1)
        invitation.save()

    access = assessment_access(
        user=AnonymousUser(), assessment_id=client_assessment.pk, invitation_ids=[invitation.pk]
    )

    assert access is None


def test_nobody_edits_a_submitted_assessment(personas, catalog, bank_profile):
    assessment = services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment)
    services.assessment_submit(assessment=assessment, user=personas.cto)

    access = assessment_access(user=personas.cto, assessment_id=assessment.pk)

    assert not access.can_edit
    assert access.can_see_results
