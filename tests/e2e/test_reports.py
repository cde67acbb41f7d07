"""In the browser, with a real worker: a consultant generates a report, watches its progress and
downloads it; a batch of three clients gives one ZIP of three PDFs."""

import io
import uuid
import zipfile

import pytest

from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD
from tests.integration.workers import report_worker_env, running_worker
from tests.reports.conftest import scored_assessment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_worker(settings, tmp_path):
    queue = f"e2e-{uuid.uuid4().hex[:10]}"
    settings.REPORTS_QUEUE = queue
    with running_worker(report_worker_env(queue), queue, tmp_path / "worker.log", pool="prefork"):
        yield queue


def test_a_consultant_generates_a_report_sees_its_progress_and_downloads_it(
    page, personas, scored, report_worker, screenshot, tmp_path
):
    sign_in(page, personas.consultant_a.username, PASSWORD)
    page.goto(f"/assessments/{scored.pk}/results/")
    page.get_by_role("button", name="Generate report").click()
    stage = page.locator("#reports-panel .report-stage")
    stage.wait_for()
    assert "%" in stage.inner_text()  # percent and stage, updated without a reload
    screenshot(page, "progress")
    download_link = page.get_by_role("link", name="Download PDF")
    download_link.wait_for(timeout=90_000)
    screenshot(page, "ready")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("northwind-bank-lock-in-report-")
    path = tmp_path / "report.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert page.console_errors == []


def test_a_batch_of_three_clients_gives_a_zip_of_three_pdfs(
    page,
    personas,
    catalog,
    bank_profile,
    active_model,
    report_worker,
    screenshot,
    tmp_path,
):
    from tests.factories import OrganizationFactory

    third = OrganizationFactory(name="Tailspin Toys", slug="tailspin", firm=personas.firm_a)
    for organization in (personas.client_a1, personas.client_a2, third):
        scored_assessment(organization, personas.consultant_a, bank_profile)
    sign_in(page, personas.consultant_a.username, PASSWORD)
    page.goto(f"/firms/{personas.firm_a.slug}/")
    page.get_by_role("group", name="Scored client assessments").wait_for()  # loaded after the table
    boxes = page.get_by_role("group", name="Scored client assessments").get_by_role("checkbox")
    assert boxes.count() == 3
    for index in range(3):
        boxes.nth(index).check()
    screenshot(page, "select")
    page.get_by_role("button", name="Generate reports").click()
    page.locator("#batch-progress").wait_for()
    assert "of 3 reports finished" in page.locator(".batch-stage").inner_text()
    link = page.get_by_role("link", name="Download ZIP")
    link.wait_for(timeout=120_000)
    screenshot(page, "ready")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "reports.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        names = archive.namelist()
        assert len(names) == 3
        assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    assert {name.split("-lock-in-")[0] for name in names} == {
        "northwind-bank",
        "contoso-health",
        "tailspin-toys",
    }
