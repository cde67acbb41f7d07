"""The API's browser pages: the account page's tokens, and the docs (Swagger UI) under the app's CSP."""

import pytest

from advisor.api.models import ApiToken
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_user_creates_copies_and_revokes_a_token_on_the_account_page(page, personas, screenshot):
    sign_in(page, personas.cto.username, PASSWORD)
    page.get_by_role("link", name="Account").click()
    assert page.get_by_role("heading", name="Your account").is_visible()
    assert page.get_by_text("You have no API tokens yet.").is_visible()

    page.get_by_label("Name").fill("Nightly import")
    page.get_by_label("Expires").select_option(label="in 30 days")
    page.get_by_role("button", name="Create token").click()

    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("lia_")
    assert page.get_by_text("it is shown only this once").is_visible()
    row = page.get_by_role("row", name="Nightly import")
    assert row.get_by_text(secret[:10] + "…").is_visible()
    screenshot(page, "token-created")

    page.goto("/account/")
    assert page.locator("#new-token").count() == 0
    assert secret not in page.content()
    page.get_by_role("button", name="Revoke token Nightly import").click()
    assert page.get_by_text("Token “Nightly import” revoked").is_visible()
    assert page.get_by_role("row", name="Nightly import").get_by_text("revoked").is_visible()
    assert ApiToken.objects.get().revoked_at is not None
    screenshot(page, "token-revoked")
    assert page.console_errors == []


def test_the_api_docs_render_from_the_apps_own_files_under_its_csp(page, personas, live_server, screenshot):
    sign_in(page, personas.consultant_a.username, PASSWORD)
    outside = []
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))

    page.goto("/api/v1/docs/")
    page.get_by_role("heading", name="Lock-in Advisor API").wait_for()
    page.get_by_text("/api/v1/assessments/{id}/score/").first.wait_for()

    assert page.get_by_role("button", name="Authorize").is_visible()
    screenshot(page, "api-docs")
    # Try one operation with the session, as a consultant would.
    page.locator("#operations-organizations-organizations_list").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table tbody .response-col_status").first.wait_for()
    assert (
        page.locator(".live-responses-table tbody .response-col_status").first.inner_text().strip() == "200"
    )
    assert "Northwind Bank" in page.locator(".live-responses-table").inner_text()
    screenshot(page, "api-docs-try-it-out")
    assert outside == []
    assert page.console_errors == []
