"""The world every API test shares: one client organization of firm A with its owner (an
organization admin) and a colleague, a draft and a submitted (scored) assessment with a ready
report and a batch of the firm, and a client per role: owner, colleague, consultant of the firm,
other firm, other organization, invitee (a browser session holding invitation links) and
anonymous.

No test here hands a render to a broker (`enqueued` records what would have been enqueued);
tests/api/test_example_client.py runs a real worker."""

import json
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from advisor.accounts.models import OrganizationMembership
from advisor.api import services as api_services
from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.decorators import SESSION_INVITATIONS
from advisor.reports import services as reports
from advisor.reports import tasks as report_tasks
from advisor.reports.models import Report
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
    report: object  # of the submitted assessment, ready
    batch: object  # of firm A, with a ready report of the submitted assessment, and its ZIP
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


@pytest.fixture(autouse=True)
def enqueued(monkeypatch) -> dict:
    """What the reports app enqueued, by task, instead of sending it to a broker."""
    sent: dict = {"render": [], "archive": []}
    monkeypatch.setattr(report_tasks, "enqueue_render", sent["render"].append)
    monkeypatch.setattr(report_tasks, "enqueue_archive", sent["archive"].append)
    return sent


def make_ready(report: Report) -> Report:
    """Mark a requested report ready, with a file that stands in for the PDF (a real render takes
    a second or two; the tests that need the real document render it)."""
    report.file.save(f"stand-in-{report.pk}.pdf", ContentFile(b"%PDF-1.7\n% a stand-in\n"), save=False)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.READY, progress=100, stage="Ready", pages=1, file=report.file.name
    )
    report.refresh_from_db()
    return report


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
    report = make_ready(reports.report_request(assessment=submitted, user=personas.consultant_a))
    batch = reports.batch_request(firm=personas.firm_a, user=personas.consultant_a, assessments=[submitted])
    make_ready(batch.reports.get())
    batch = reports.batch_archive(batch_id=batch.pk)
    world = World(personas, organization, users, draft, submitted, invitations, report, batch)
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
