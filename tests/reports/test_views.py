"""The report panel, downloads and batches: the results page's access rules, and no PDF in a request."""

import pytest
from django.urls import reverse

from advisor.reports import services, tasks
from advisor.reports.models import Report, ReportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks, "enqueue_render", lambda report_id: None)
    monkeypatch.setattr(tasks, "enqueue_archive", lambda batch_id: None)


def test_a_consultant_generates_a_report_from_the_results_page_without_rendering_it_there(
    client, personas, scored
):
    client.force_login(personas.consultant_a)
    page = client.get(reverse("scoring:results", args=[scored.pk])).content.decode()
    assert "Generate report" in page
    response = client.post(reverse("reports:create", args=[scored.pk]), headers={"HX-Request": "true"})
    report = Report.objects.get()
    assert (report.status, report.file.name, report.requested_by) == ("queued", "", personas.consultant_a)
    panel = response.content.decode()
    assert 'hx-trigger="every 1s"' in panel  # polls until the report is finished
    assert "Waiting for a worker" in panel


def test_the_panel_shows_a_ready_report_with_its_download_and_stops_polling(client, personas, scored):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    services.report_render(report_id=report.pk)
    client.force_login(personas.consultant_a)
    panel = client.get(reverse("reports:panel", args=[scored.pk])).content.decode()
    assert "Download PDF" in panel
    assert "every 1s" not in panel
    response = client.get(reverse("reports:download", args=[scored.pk, report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="northwind-bank-lock-in-report-{report.created_at:%Y-%m-%d}-{report.pk}.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_failed_report_shows_its_reason_and_a_retry(client, personas, scored):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    services.report_fail(report_id=report.pk, reason="The render took longer than its limit.")
    client.force_login(personas.consultant_a)
    panel = client.get(reverse("reports:panel", args=[scored.pk])).content.decode()
    assert "The render took longer than its limit." in panel
    assert reverse("reports:retry", args=[scored.pk, report.pk]) in panel
    client.post(reverse("reports:retry", args=[scored.pk, report.pk]))
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED


def test_only_managers_generate_and_only_those_who_see_results_download(
    client, personas, catalog, bank_profile, active_model
):
    from tests.reports.conftest import scored_assessment

    own = scored_assessment(personas.own_org, personas.cto, bank_profile)
    report = services.report_request(assessment=own, user=personas.cto)
    services.report_render(report_id=report.pk)
    download = reverse("reports:download", args=[own.pk, report.pk])

    client.force_login(personas.colleague)  # a plain member: sees results, does not manage
    assert client.post(reverse("reports:create", args=[own.pk])).status_code == 404
    assert "Generate report" not in client.get(reverse("scoring:results", args=[own.pk])).content.decode()
    assert client.get(download).status_code == 200
    for stranger in (personas.consultant_a, personas.consultant_b, personas.outsider):
        client.force_login(stranger)
        assert client.get(download).status_code == 404
        assert client.post(reverse("reports:create", args=[own.pk])).status_code == 404
    assert Report.objects.count() == 1


def test_a_report_of_another_assessment_cannot_be_reached_through_this_one(
    client, personas, scored, catalog, bank_profile
):
    from tests.reports.conftest import scored_assessment

    theirs = scored_assessment(personas.own_org, personas.cto, bank_profile)
    report = services.report_request(assessment=theirs, user=personas.cto)
    client.force_login(personas.consultant_a)
    assert client.get(reverse("reports:download", args=[scored.pk, report.pk])).status_code == 404


def test_a_consultant_batches_clients_from_the_firm_page(
    client, personas, catalog, bank_profile, active_model
):
    from tests.reports.conftest import scored_assessment

    first = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    second = scored_assessment(personas.client_a2, personas.consultant_a, bank_profile)
    client.force_login(personas.consultant_a)
    page = client.get(reverse("workspace:firm", args=[personas.firm_a.slug])).content.decode()
    panels = reverse("workspace:firm_panels", args=[personas.firm_a.slug])
    assert f'hx-get="{panels}"' in page  # loaded after the dashboard's table
    assert (
        "Reports for several clients" in client.get(panels, headers={"HX-Request": "true"}).content.decode()
    )
    assert "Reports for several clients" in client.get(panels).content.decode()  # without JavaScript
    response = client.post(
        reverse("reports:batch_create", args=[personas.firm_a.slug]), {"assessment": [first.pk, second.pk]}
    )
    batch = ReportBatch.objects.get()
    assert response.url == reverse("reports:batch", args=[personas.firm_a.slug, batch.pk])
    assert batch.reports.count() == 2
    progress = client.get(response.url).content.decode()
    assert "0 of 2 reports finished" in progress

    client.force_login(personas.consultant_b)
    assert client.get(response.url).status_code == 404
