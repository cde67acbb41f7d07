"""The world every API test shares: one client organization of firm A with its owner (an
organization admin) and a colleague, a draft and a submitted (scored) assessment, and a client
per role: owner, colleague, consultant of the firm, other firm, other organization, invitee
(a browser session holding invitation links) and anonymous."""

import json
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from advisor.accounts.models import OrganizationMembership
from advisor.api import services as api_services
from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.decorators import SESSION_INVITATIONS
from advisor.scoring import services as scoring
from tests.factories import OrganizationMembershipFactory
from tests.scoring.conftest import active_model, small_model  # noqa: F401 - fixtures

ROLES = ("owner", "colleague", "consultant", "other_firm", "other_org", "invitee", "anonymous")


@dataclass
class World:
    personas: object
    organization: object  # the client organization the assessments belong to
    users: dict  # role -> user (not for invitee and anonymous)
    draft: object  # complete, not submitted
    submitted: object  # submitted and scored, one outcome recorded
    invitations: list
    tokens: dict = field(default_factory=dict)  # role -> secret

    def client(self, role: str, **kwargs) -> APIClient:
        client = APIClient(**kwargs)
        if role in self.tokens:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.tokens[role]}")
        elif role == "invitee":
            session = client.session
            session[SESSION_INVITATIONS] = [invitation.pk for invitation in self.invitations]
            session.save()
        return client


@pytest.fixture
def world(personas, catalog, active_model, bank_profile) -> World:  # noqa: F811 - fixture
    organization = personas.client_a1
    owner = OrganizationMembershipFactory(
        organization=organization,
        user__username="owen@northwind.example",
        role=OrganizationMembership.Role.ADMIN,
    ).user
    colleague = OrganizationMembershipFactory(
        organization=organization, user__username="cleo@northwind.example"
    ).user
    users = {
        "owner": owner,
        "colleague": colleague,
        "consultant": personas.consultant_a,
        "other_firm": personas.consultant_b,
        "other_org": personas.cto,
    }
    draft = questionnaire.assessment_create(
        organization=organization, user=owner, origin="template", profile=bank_profile, title="Q3 draft"
    )
    submitted = questionnaire.assessment_create(
        organization=organization, user=owner, origin="template", profile=bank_profile, title="Q2 submitted"
    )
    invitations = [
        questionnaire.invitation_create(assessment=assessment, email="cfo@northwind.example", user=owner)
        for assessment in (draft, submitted)
    ]
    questionnaire.sections_confirm_all(assessment=submitted, user=owner)
    submitted = questionnaire.assessment_submit(assessment=submitted, user=owner)
    scoring.outcome_record(
        assessment=submitted,
        user=personas.consultant_a,
        ecosystem="openai-microsoft",
        effort_person_months=14,
        cost_usd=350_000,
        high_cost=True,
    )
    world = World(personas, organization, users, draft, submitted, invitations)
    for role, user in users.items():
        world.tokens[role] = api_services.token_create(user=user, name=f"{role} script")[1]
    return world


def problem(response) -> dict:
    """The problem document of an error response (and check it is one)."""
    assert response["Content-Type"] == "application/problem+json", response.content
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == response.status_code
    return body
