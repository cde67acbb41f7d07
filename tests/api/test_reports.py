"""Reports through the API: requested (queued after commit, never rendered in the request),
followed (status, progress, stage), downloaded as the web app downloads them; batches of a
firm's clients. Who may do what is the permission table's (test_permissions.py)."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from advisor.reports import services
from advisor.reports.models import Report, ReportBatch
from tests.api.conftest import make_ready, problem
from tests.reports.conftest import pdf_text, scored_assessment

pytestmark = pytest.mark.django_db


def _reports_url(assessment) -> str:
    return f"/api/v1/assessments/{assessment.pk}/reports/"


def test_a_report_is_queued_and_enqueued_after_commit_never_rendered_in_the_request(
    world, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = world.client("consultant").post(_reports_url(world.submitted))

    assert response.status_code == 202
    body = response.json()
    report = Report.objects.get(pk=body["id"])
    assert (report.status, report.file.name, report.requested_by) == (
        "queued",
        "",
        world.users["consultant"],
    )
    assert (body["status"], body["progress"], body["stage"], body["download_url"]) == (
        "queued",
        0,
        "Waiting for a worker",
        None,
    )
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"/api/v1/assessments/{world.submitted.pk}/reports/{report.pk}/")
    assert len(callbacks) == 1
    assert enqueued["render"] == [report.pk]


def test_a_retried_request_with_the_same_key_gets_the_same_report(world):
    client = world.client("owner")
    before = Report.objects.count()

    first = client.post(_reports_url(world.submitted), HTTP_IDEMPOTENCY_KEY="report-1")
    again = client.post(_reports_url(world.submitted), HTTP_IDEMPOTENCY_KEY="report-1")

    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Report.objects.count() == before + 1


def test_a_draft_has_nothing_to_report_and_says_so(world, enqueued):
    response = world.client("consultant").post(_reports_url(world.draft))

    assert response.status_code == 409
    body = problem(response)
    assert body["type"] == "urn:lockin-advisor:problem:not-scored"
    assert "draft: submit it first" in body["detail"]
    assert not Report.objects.filter(assessment=world.draft).exists()
    assert enqueued["render"] == []


def test_the_status_follows_the_worker_and_the_download_is_the_web_apps_pdf(world, enqueued):
    client = world.client("colleague")  # sees results without managing: reads and downloads
    report = services.report_request(assessment=world.submitted, user=world.users["owner"])
    url = f"{_reports_url(world.submitted)}{report.pk}/"
    pdf_url = f"{url}pdf/"

    services.report_claim(report.pk)
    Report.objects.filter(pk=report.pk).update(stage="Laying out the pages", progress=30)
    rendering = client.get(url).json()
    not_ready = client.get(pdf_url)

    assert (rendering["status"], rendering["progress"], rendering["stage"]) == (
        "rendering",
        30,
        "Laying out the pages",
    )
    assert rendering["download_url"] is None
    assert not_ready.status_code == 409
    assert problem(not_ready)["type"] == "urn:lockin-advisor:problem:report-not-ready"
    assert not_ready["Retry-After"] == "2"

    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    services.report_render(report_id=report.pk)  # what the worker does
    ready = client.get(url).json()
    download = client.get(ready["download_url"], HTTP_ACCEPT="application/pdf")
    web = world.client("colleague")
    web.force_login(world.users["colleague"])
    web_download = web.get(reverse("reports:download", args=[world.submitted.pk, report.pk]))

    assert (ready["status"], ready["progress"], ready["stage"]) == ("ready", 100, "Ready")
    assert ready["download_url"] == f"http://testserver{pdf_url}"
    assert ready["pages"] > 1
    assert (ready["catalog_version"], ready["requested_by"]) == (1, world.users["owner"].email)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == web_download["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.pdf"', download["Content-Disposition"])
    data = b"".join(download.streaming_content)
    assert data == b"".join(web_download.streaming_content)
    assert world.organization.name in pdf_text(data)


def test_a_failed_report_says_why_and_has_no_download(world):
    report = services.report_request(assessment=world.submitted, user=world.users["owner"])
    services.report_fail(report_id=report.pk, reason="The render took longer than its limit.")
    client = world.client("owner")

    status = client.get(f"{_reports_url(world.submitted)}{report.pk}/").json()
    download = client.get(f"{_reports_url(world.submitted)}{report.pk}/pdf/")

    assert (status["status"], status["error"], status["download_url"]) == (
        "failed",
        "The render took longer than its limit.",
        None,
    )
    assert download.status_code == 409
    body = problem(download)
    assert body["type"] == "urn:lockin-advisor:problem:report-failed"
    assert "took longer than its limit" in body["detail"]


def test_a_report_of_another_assessment_cannot_be_reached_through_this_one(world, personas, bank_profile):
    theirs = scored_assessment(personas.own_org, personas.cto, bank_profile)
    report = make_ready(services.report_request(assessment=theirs, user=personas.cto))
    client = world.client("consultant")

    for suffix in ("", "pdf/"):
        response = client.get(f"{_reports_url(world.submitted)}{report.pk}/{suffix}")
        assert response.status_code == 404
        problem(response)


def test_the_reports_of_an_assessment_are_listed_newest_first_and_filtered_by_status(world):
    queued = services.report_request(assessment=world.submitted, user=world.users["owner"])
    client = world.client("owner")

    listed = client.get(_reports_url(world.submitted)).json()
    ready = client.get(_reports_url(world.submitted), {"status": "ready"}).json()

    assert listed["results"][0]["id"] == queued.pk
    assert {r["id"] for r in listed["results"]} == set(
        Report.objects.filter(assessment=world.submitted).values_list("pk", flat=True)
    )
    assert {r["status"] for r in ready["results"]} == {"ready"}
    assert world.report.pk in {r["id"] for r in ready["results"]}


# ---------------------------------------------------------------------------------------------
# Batches


def test_a_consultant_batches_clients_and_follows_the_batch_to_its_zip(
    world, personas, bank_profile, enqueued, django_capture_on_commit_callbacks
):
    other_client = scored_assessment(personas.client_a2, personas.consultant_a, bank_profile)
    client = world.client("consultant")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/report-batches/",
            {"firm": personas.firm_a.slug, "assessments": [world.submitted.pk, other_client.pk]},
            format="json",
        )

    assert response.status_code == 202
    body = response.json()
    batch = ReportBatch.objects.get(pk=body["id"])
    assert response["Location"] == body["url"]
    assert (body["status"], body["progress"], body["stage"], body["archive_url"]) == (
        "rendering",
        0,
        "0 of 2 reports finished",
        None,
    )
    assert sorted(r["assessment"] for r in body["reports"]) == sorted([world.submitted.pk, other_client.pk])
    assert sorted(enqueued["render"]) == sorted(batch.reports.values_list("pk", flat=True))
    assert client.get(f"{body['url']}archive/").status_code == 409

    first, second = batch.reports.order_by("pk")
    make_ready(first)
    services.report_fail(report_id=second.pk, reason="The worker stopped.")
    halfway = client.get(body["url"]).json()
    services.batch_archive(batch_id=batch.pk)  # what the worker does once every report finished
    done = client.get(body["url"]).json()
    archive = client.get(done["archive_url"], HTTP_ACCEPT="application/zip")

    assert (halfway["status"], halfway["progress"], halfway["stage"]) == ("rendering", 100, "Writing the ZIP")
    assert (done["status"], done["progress"], done["stage"]) == ("ready", 100, "Ready")
    assert (done["reports_finished"], done["reports_failed"]) == (2, 1)
    assert "Contoso Health: The worker stopped." in done["error"]
    assert archive.status_code == 200
    assert archive["Content-Disposition"] == f'attachment; filename="{services.batch_filename(batch)}"'
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert names == [services.report_filename(first)]


def test_a_batch_names_each_assessment_it_cannot_include(world, personas, bank_profile):
    theirs = scored_assessment(personas.client_b, personas.consultant_b, bank_profile)
    before = Report.objects.count()

    response = world.client("consultant").post(
        "/api/v1/report-batches/",
        {"firm": personas.firm_a.slug, "assessments": [world.submitted.pk, theirs.pk, world.draft.pk]},
        format="json",
    )

    assert response.status_code == 400
    errors = problem(response)["errors"]
    assert [e["field"] for e in errors] == ["assessments[1]", "assessments[2]"]
    assert "not a submitted, scored assessment of a client of Alpha Advisory" in errors[0]["detail"]
    assert Report.objects.count() == before


def test_a_batch_for_a_firm_that_is_not_yours_names_the_firm(world, personas):
    response = world.client("other_firm").post(
        "/api/v1/report-batches/",
        {"firm": personas.firm_a.slug, "assessments": [world.submitted.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in problem(response)["errors"]] == ["firm"]


def test_an_empty_batch_is_refused_naming_the_field(world, personas):
    response = world.client("consultant").post(
        "/api/v1/report-batches/", {"firm": personas.firm_a.slug, "assessments": []}, format="json"
    )

    assert response.status_code == 400
    assert [e["field"] for e in problem(response)["errors"]] == ["assessments"]
