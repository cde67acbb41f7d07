"""The firm dashboard: a row per client with its figures and statuses, sorting, filtering,
search, the CSV export, the heat map, and who may see it."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from advisor.workspace import selectors
from advisor.workspace.presentation import csv_safe
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(personas, scored_assessment):
    """Northwind: two scored assessments (index 62.0 then 48.5, most exposed to Google, with a
    ready report); Contoso: a draft with an open invitation; Tailspin: a draft; Globex (the other
    firm): scored."""
    a1, consultant = personas.client_a1, personas.consultant_a
    scored_assessment(a1, consultant, 62.0, {"openai-microsoft": 70.0, "google": 40.0}, days_ago=91)
    latest = scored_assessment(a1, consultant, 48.5, {"openai-microsoft": 30.0, "google": 55.5})
    Report.objects.create(
        assessment=latest,
        status=Report.Status.READY,
        profile={},
        result=latest.score.result,
        catalog_version=latest.catalog_version,
        model_version="m",
        template_version="t",
    )
    invited = questionnaire.assessment_create(organization=personas.client_a2, user=consultant)
    questionnaire.invitation_create(assessment=invited, email="cfo@contoso.example", user=consultant)
    tailspin = OrganizationFactory(name="Tailspin Toys", slug="tailspin", firm=personas.firm_a)
    questionnaire.assessment_create(organization=tailspin, user=consultant)
    scored_assessment(personas.client_b, personas.consultant_b, 90.0, {"google": 90.0})
    return {"latest": latest, "invited": invited, "tailspin": tailspin}


def rows_by_name(firm) -> dict[str, selectors.ClientRow]:
    return {row.name: row for row in selectors.firm_dashboard_rows(firm)}


def test_each_client_row_holds_its_latest_figures_trend_and_statuses(personas, portfolio):
    rows = rows_by_name(personas.firm_a)
    assert set(rows) == {"Northwind Bank", "Contoso Health", "Tailspin Toys"}  # not Globex
    northwind = rows["Northwind Bank"]
    assert (northwind.index, northwind.band, northwind.trend, northwind.delta) == (
        48.5,
        "moderate",
        [62.0, 48.5],
        -13.5,
    )
    assert (northwind.top_ecosystem, northwind.top_exposure) == ("google", 55.5)
    assert (northwind.status, northwind.report_status, northwind.open_invitations) == ("scored", "ready", 0)
    assert northwind.exposures == {"openai-microsoft": 30.0, "google": 55.5}
    contoso = rows["Contoso Health"]
    assert (contoso.status, contoso.open_invitations, contoso.index, contoso.trend) == (
        "invited",
        1,
        None,
        [],
    )
    assert rows["Tailspin Toys"].status == "draft"
    assert contoso.last_activity >= timezone.now() - timedelta(minutes=1)


def test_a_submitted_assessment_waiting_for_its_score_is_submitted_and_a_revoked_link_is_not_open(
    personas, portfolio
):
    Assessment.objects.filter(pk=portfolio["invited"].pk).update(status=Assessment.Status.SUBMITTED)
    portfolio["invited"].invitations.update(revoked_at=timezone.now())
    contoso = rows_by_name(personas.firm_a)["Contoso Health"]
    assert (contoso.status, contoso.open_invitations) == ("submitted", 0)


def test_the_scores_document_of_the_next_format_reads_the_same(personas, scored_assessment):
    scored_assessment(personas.client_a1, personas.consultant_a, 33.3, {"meta": 44.0}, format_version=2)
    row = rows_by_name(personas.firm_a)["Northwind Bank"]
    assert (row.index, row.band, row.top_ecosystem) == (33.3, "moderate", "meta")


def test_the_dashboard_reads_in_a_few_queries_whatever_the_number_of_clients(
    client, personas, portfolio, scored_assessment, django_assert_max_num_queries
):
    for n in range(12):
        other = OrganizationFactory(name=f"Client {n:02d}", slug=f"client-{n:02d}", firm=personas.firm_a)
        scored_assessment(other, personas.consultant_a, 20.0 + n, {"google": 10.0 + n}, days_ago=90)
        scored_assessment(other, personas.consultant_a, 25.0 + n, {"google": 15.0 + n})
    with django_assert_max_num_queries(6):  # one per concept, not per client
        rows = selectors.firm_dashboard_rows(personas.firm_a)
    assert len(rows) == 15
    client.force_login(personas.consultant_a)
    with django_assert_max_num_queries(16):  # session, user, firm, rows, names, forms, batch panel
        assert client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).status_code == 200


def test_the_page_shows_rows_sparklines_and_heat_map_with_numbers(client, personas, portfolio):
    client.force_login(personas.consultant_a)
    page = client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).content.decode()
    assert "48.5" in page
    assert "▼ -13.5" in page
    assert '<svg class="sparkline"' in page
    assert "lock-in index 62.0 → 48.5" in page
    assert 'style="' not in page.split("<main", 1)[1]  # the CSP allows no inline style
    heat_map = page.split('class="heatmap portfolio-heatmap"', 1)[1].split("</table>", 1)[0]
    assert '<td class="heat heat-3">56</td>' in heat_map  # Google 55.5, printed
    assert "Contoso Health" not in heat_map  # nothing scored, no heat-map row
    assert "Invited" in page
    assert "Globex" not in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Contoso Health", "Northwind Bank", "Tailspin Toys"]),
        ({"sort": "-name"}, ["Tailspin Toys", "Northwind Bank", "Contoso Health"]),
        ({"sort": "index"}, ["Northwind Bank", "Contoso Health", "Tailspin Toys"]),  # unscored last
        ({"sort": "invitations"}, ["Northwind Bank", "Tailspin Toys", "Contoso Health"]),
        ({"status": "invited"}, ["Contoso Health"]),
        ({"band": "moderate"}, ["Northwind Bank"]),
        ({"q": "TAIL"}, ["Tailspin Toys"]),
        ({"q": "google"}, ["Northwind Bank"]),  # the ecosystem it is most exposed to
        ({"status": "bogus", "sort": "nonsense"}, ["Contoso Health", "Northwind Bank", "Tailspin Toys"]),
    ],
)
def test_rows_are_sorted_filtered_and_searched_by_get_parameters(
    client, personas, portfolio, params, expected
):
    client.force_login(personas.consultant_a)
    response = client.get(reverse("workspace:firm", args=[personas.firm_a.slug]), params)
    assert [item["row"].name for item in response.context["rows"]] == expected


def test_the_csv_holds_the_filtered_table(client, personas, portfolio):
    client.force_login(personas.consultant_a)
    response = client.get(reverse("workspace:firm_csv", args=[personas.firm_a.slug]), {"sort": "-index"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="alpha-advisory-clients-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Client", "Latest assessment", "Status", "Lock-in index"]
    northwind = rows[1]
    assert northwind[0] == "Northwind Bank"
    assert northwind[2:9] == ["Scored", "48.5", "moderate", "-13.5", "Google (DeepMind)", "55.5", "ready"]
    assert [row[0] for row in rows[1:]] == ["Northwind Bank", "Contoso Health", "Tailspin Toys"]
    assert rows[2][10] == "1"


def test_the_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(client, personas, portfolio):
    tailspin = portfolio["tailspin"]
    tailspin.name = '=HYPERLINK("http://evil.example","x")'
    tailspin.save()
    tailspin.assessments.update(title="@SUM(A1:A9)")
    client.force_login(personas.consultant_a)
    response = client.get(reverse("workspace:firm_csv", args=[personas.firm_a.slug]), {"status": "draft"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:2] == ['\'=HYPERLINK("http://evil.example","x")', "'@SUM(A1:A9)"]
    for dangerous in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert csv_safe(dangerous) == "'" + dangerous
    assert csv_safe("Northwind") == "Northwind"
    assert csv_safe(-1.5) == -1.5


@pytest.mark.parametrize("name", ["workspace:firm", "workspace:firm_csv", "workspace:firm_panels"])
def test_only_the_firms_consultants_see_its_dashboard_and_csv(client, personas, portfolio, name):
    url = reverse(name, args=[personas.firm_a.slug])
    assert client.get(url).status_code == 302  # anonymous: sign in first
    for outsider in (personas.consultant_b, personas.cto, personas.outsider):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(personas.consultant_a)
    assert client.get(url).status_code == 200


def test_an_invitee_submission_is_pointed_out_on_the_dashboard(client, personas, portfolio):
    invited = portfolio["invited"]
    Assessment.objects.filter(pk=invited.pk).update(status="submitted", submitted_at=timezone.now())
    client.force_login(personas.consultant_a)
    response = client.get(reverse("workspace:firm", args=[personas.firm_a.slug]))
    assert [row.name for row in response.context["recent_submissions"]] == ["Contoso Health"]
    assert "Submitted by your clients' invitees" in response.content.decode()


def test_the_table_and_heat_map_show_fifty_clients_a_page(client, personas, scored_assessment):
    for n in range(52):
        other = OrganizationFactory(name=f"Client {n:02d}", slug=f"client-{n:02d}", firm=personas.firm_a)
        if n >= 50:
            scored_assessment(other, personas.consultant_a, 10.0, {"google": 10.0})
    client.force_login(personas.consultant_a)
    url = reverse("workspace:firm", args=[personas.firm_a.slug])
    first = client.get(url, {"sort": "name"})
    assert len(first.context["rows"]) == 50
    assert "1–50 of 54" in first.content.decode()
    second = client.get(url, {"sort": "name", "page": "2"})
    assert [item["row"].name for item in second.context["rows"]] == [
        "Client 50",
        "Client 51",
        "Contoso Health",
        "Northwind Bank",
    ]
    assert second.content.decode().count('<td class="heat heat-1">10</td>') == 2
    assert len(client.get(url, {"page": "999"}).context["rows"]) == 4  # past the end: the last page
