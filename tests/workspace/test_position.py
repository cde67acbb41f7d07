"""Portfolio position: percentiles among the firm's clients, per ecosystem, and nothing else."""

import pytest
from django.urls import reverse

from advisor.workspace.selectors import PORTFOLIO_MIN_CLIENTS, percentile_rank, portfolio_position
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_percentile_rank_counts_those_below_and_half_the_ties():
    assert percentile_rank(10.0, [10.0]) == 50
    assert percentile_rank(30.0, [10.0, 20.0, 30.0, 40.0]) == 62  # (2 + 0.5) / 4
    assert percentile_rank(40.0, [10.0, 20.0, 30.0, 40.0]) == 88
    assert percentile_rank(0.0, [0.0, 0.0, 0.0, 50.0]) == 38  # (0 + 1.5) / 4
    assert percentile_rank(50.0, [0.0, 0.0, 0.0, 50.0]) == 88


@pytest.fixture
def five_clients(personas, scored_assessment):
    """Google exposure 10, 20, 30, 40, 50 by client; Northwind's earlier assessment was 95."""
    clients = [personas.client_a1, personas.client_a2] + [
        OrganizationFactory(name=f"Client {n}", slug=f"client-{n}", firm=personas.firm_a) for n in range(3)
    ]
    scored_assessment(personas.client_a1, personas.consultant_a, 90.0, {"google": 95.0}, days_ago=90)
    for n, client in enumerate(clients):
        google = 10.0 * (n + 1)
        scored_assessment(client, personas.consultant_a, google, {"google": google, "meta": 5.0})
    scored_assessment(personas.client_b, personas.consultant_b, 1.0, {"google": 1.0})  # another firm
    return clients


def test_the_position_uses_each_clients_latest_assessment_within_the_firm(personas, five_clients):
    position = portfolio_position(personas.client_a2)  # google 20: one client below
    assert position.clients == 5
    by_slug = {p.ecosystem: p for p in position.positions}
    assert (by_slug["google"].exposure, by_slug["google"].percentile) == (20.0, 30)  # (1 + 0.5) / 5
    assert by_slug["meta"].percentile == 50  # everyone ties
    assert portfolio_position(personas.client_a1).positions[0].percentile == 10  # 10, not its old 95
    assert by_slug["google"].name == "Google (DeepMind)"


def test_a_client_without_a_firm_or_a_score_has_no_position(personas, five_clients):
    assert not portfolio_position(personas.own_org).shown
    unscored = OrganizationFactory(name="New", slug="new", firm=personas.firm_a)
    assert portfolio_position(unscored).positions == []


def test_the_client_sees_percentiles_on_its_page_but_no_other_client(client, personas, five_clients):
    member = personas.colleague
    member.org_memberships.update(organization=personas.client_a2)
    client.force_login(member)
    page = client.get(reverse("questionnaire:organization", args=[personas.client_a2.slug])).content.decode()
    assert "Portfolio position" in page
    assert "among the 5 scored clients" in page
    for other in ("Northwind Bank", "Client 0", "Client 1", "Client 2", "Globex"):
        assert other not in page


def test_no_position_is_shown_with_too_few_clients(client, personas, scored_assessment):
    for client_org in (personas.client_a1, personas.client_a2):
        scored_assessment(client_org, personas.consultant_a, 10.0, {"google": 10.0})
    assert PORTFOLIO_MIN_CLIENTS > 2
    assert portfolio_position(personas.client_a1).clients == 2
    client.force_login(personas.consultant_a)
    page = client.get(reverse("questionnaire:organization", args=[personas.client_a1.slug])).content.decode()
    assert "Portfolio position" not in page
