"""Every endpoint, every role: one row per route and method under /api/v1/.

Roles: the client organization's owner (an admin), a colleague (a plain member), the
consultant of its firm (a firm admin), a consultant of another firm, the admin of another
organization, an invitee (a browser session holding the assessment's invitation links) and
anonymous. Assessment rows use the draft or the submitted assessment of the world fixture.

A route added to advisor/api/urls.py without its rows here fails
`test_every_route_and_method_has_a_row`.

Reports follow the web app (advisor/reports/views.py): those who manage the organization (its
admins, its firm's consultants) request one; everyone who sees the results (not an invitee)
reads and downloads them; a firm's members request and read the firm's batches.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver

from tests.api.conftest import ROLES, World, problem

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Row:
    statuses: tuple[int, ...]  # in ROLES order
    path: Callable[[World], str]
    body: Callable[[World], object] | None = None
    headers: Callable[[World], dict] | None = None


def _etag(world: World) -> dict:
    from advisor.api.preconditions import assessment_etag

    return {"HTTP_IF_MATCH": assessment_etag(world.draft)}


#                         owner colleague consultant other_firm other_org invitee anonymous
EVERYONE = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (200, 200, 200, 200, 200, 401, 401)
REACHES = (200, 200, 200, 404, 404, 200, 401)  # who reaches the client's assessments
TENANTS = (200, 200, 200, 404, 404, 401, 401)  # who sees the client organization
SEES_RESULTS = (200, 200, 200, 404, 404, 403, 401)  # scores and reports: never an invitee
FIRM = (404, 404, 200, 404, 404, 401, 401)  # the firm's own: its batches

TABLE: dict[tuple[str, str], Row] = {
    ("GET", "organizations/"): Row(SIGNED_IN, lambda w: "/api/v1/organizations/"),
    ("POST", "organizations/"): Row(
        # Only a firm's admin adds clients to it; to anyone else the firm is not theirs (no leak).
        (400, 400, 201, 400, 400, 401, 401),
        lambda w: "/api/v1/organizations/",
        body=lambda w: {"name": "Initech", "firm": w.personas.firm_a.slug},
    ),
    ("GET", "organizations/<slug:slug>/"): Row(
        TENANTS, lambda w: f"/api/v1/organizations/{w.organization.slug}/"
    ),
    ("POST", "organizations/<slug:slug>/assessments/"): Row(
        (201, 201, 201, 404, 404, 401, 401),
        lambda w: f"/api/v1/organizations/{w.organization.slug}/assessments/",
        body=lambda w: w.profile,
    ),
    ("GET", "assessments/"): Row(SIGNED_IN, lambda w: "/api/v1/assessments/"),
    ("GET", "assessments/<int:pk>/"): Row(REACHES, lambda w: f"/api/v1/assessments/{w.draft.pk}/"),
    ("PATCH", "assessments/<int:pk>/"): Row(
        REACHES,
        lambda w: f"/api/v1/assessments/{w.draft.pk}/",
        body=lambda w: {"title": "Q3 final"},
        headers=_etag,
    ),
    ("GET", "assessments/<int:pk>/profile/"): Row(
        REACHES, lambda w: f"/api/v1/assessments/{w.draft.pk}/profile/"
    ),
    ("POST", "assessments/<int:pk>/submit/"): Row(
        REACHES, lambda w: f"/api/v1/assessments/{w.draft.pk}/submit/"
    ),
    ("GET", "assessments/<int:pk>/score/"): Row(
        # An invitee fills in, but never sees results.
        SEES_RESULTS,
        lambda w: f"/api/v1/assessments/{w.submitted.pk}/score/",
    ),
    ("GET", "assessments/<int:pk>/outcomes/"): Row(
        # Outcomes are for those who manage: the organization's admins and its firm's consultants.
        (200, 403, 200, 404, 404, 403, 401),
        lambda w: f"/api/v1/assessments/{w.submitted.pk}/outcomes/",
    ),
    ("POST", "assessments/<int:pk>/outcomes/"): Row(
        (201, 403, 201, 404, 404, 403, 401),
        lambda w: f"/api/v1/assessments/{w.submitted.pk}/outcomes/",
        body=lambda w: {
            "ecosystem": "openai-microsoft",
            "effort_person_months": 9,
            "cost_usd": 120000,
            "high_cost": False,
        },
    ),
    ("GET", "assessments/<int:pk>/reports/"): Row(
        SEES_RESULTS, lambda w: f"/api/v1/assessments/{w.submitted.pk}/reports/"
    ),
    ("POST", "assessments/<int:pk>/reports/"): Row(
        # As the results page's "Generate report": the organization's admins and its firm's consultants.
        (202, 403, 202, 404, 404, 403, 401),
        lambda w: f"/api/v1/assessments/{w.submitted.pk}/reports/",
    ),
    ("GET", "assessments/<int:pk>/reports/<int:report_id>/"): Row(
        SEES_RESULTS, lambda w: f"/api/v1/assessments/{w.submitted.pk}/reports/{w.report.pk}/"
    ),
    ("GET", "assessments/<int:pk>/reports/<int:report_id>/pdf/"): Row(
        SEES_RESULTS, lambda w: f"/api/v1/assessments/{w.submitted.pk}/reports/{w.report.pk}/pdf/"
    ),
    ("POST", "report-batches/"): Row(
        # Only the firm's members batch its clients; to anyone else the firm is not theirs (no leak).
        (400, 400, 202, 400, 400, 401, 401),
        lambda w: "/api/v1/report-batches/",
        body=lambda w: {"firm": w.personas.firm_a.slug, "assessments": [w.submitted.pk]},
    ),
    ("GET", "report-batches/<int:pk>/"): Row(FIRM, lambda w: f"/api/v1/report-batches/{w.batch.pk}/"),
    ("GET", "report-batches/<int:pk>/archive/"): Row(
        FIRM, lambda w: f"/api/v1/report-batches/{w.batch.pk}/archive/"
    ),
    ("GET", "catalog/versions/"): Row(SIGNED_IN, lambda w: "/api/v1/catalog/versions/"),
    ("GET", "catalog/versions/<int:number>/"): Row(SIGNED_IN, lambda w: "/api/v1/catalog/versions/1/"),
    ("GET", "schema/"): Row(EVERYONE, lambda w: "/api/v1/schema/"),
    ("GET", "docs/"): Row(EVERYONE, lambda w: "/api/v1/docs/"),
    ("GET", "profile.schema.json"): Row(EVERYONE, lambda w: "/api/v1/profile.schema.json"),
    ("GET", "profile-1.schema.json"): Row(EVERYONE, lambda w: "/api/v1/profile-1.schema.json"),
}


def _api_routes() -> set[tuple[str, str]]:
    """(method, route) of every view under /api/v1/, from the URL configuration itself."""
    api = next(
        p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "api/v1/"
    )
    routes = set()
    for pattern in api.url_patterns:
        view_class = pattern.callback.cls
        for method in view_class.http_method_names:
            if method not in ("options", "head", "trace") and hasattr(view_class, method):
                routes.add((method.upper(), str(pattern.pattern)))
    return routes


def test_every_route_and_method_has_a_row():
    assert _api_routes() == set(TABLE), (
        "add a row to TABLE for each new route and method (and remove stale ones)"
    )


def test_every_row_names_a_status_for_every_role():
    for key, row in TABLE.items():
        assert len(row.statuses) == len(ROLES), key


@pytest.fixture
def world_with_profile(world, bank_profile):
    world.profile = bank_profile
    return world


@pytest.mark.parametrize("endpoint", list(TABLE), ids=lambda key: f"{key[0]} {key[1]}")
def test_each_role_gets_what_the_table_says(world_with_profile, endpoint):
    world = world_with_profile
    row = TABLE[endpoint]
    got = {}
    for role in ROLES:
        # Each role starts from the same world: what one role's request wrote is rolled back.
        with transaction.atomic():
            got[role] = _request(world, endpoint, row, role)
            transaction.set_rollback(True)

    assert got == dict(zip(ROLES, row.statuses, strict=True))


def _request(world: World, endpoint, row: Row, role: str) -> int:
    client = world.client(role)
    kwargs = dict(row.headers(world)) if row.headers else {}
    if row.body is not None:
        kwargs.update(data=json.dumps(row.body(world)), content_type="application/json")
    response = getattr(client, endpoint[0].lower())(row.path(world), **kwargs)
    if response.status_code >= 400:
        problem(response)
    return response.status_code
