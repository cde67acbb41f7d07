import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from advisor.accounts.management.commands.seed_demo import CONSULTANT, DEMO_PASSWORD
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_consultant_lands_on_a_dashboard_with_scores_trends_and_a_heat_map(
    page, catalog, active_model, screenshot
):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo_portfolio", stdout=io.StringIO())
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, CONSULTANT, DEMO_PASSWORD)

    assert page.get_by_role("heading", name="Meridian Advisory").is_visible()
    clients = page.get_by_role("region", name="Clients")
    table = clients.get_by_role("table")
    assert table.get_by_role("row").count() == 1 + 7  # the header, six scored clients, one invited
    northwind = table.get_by_role("row").filter(has_text="Northwind Bank")
    assert northwind.get_by_role("img").count() == 1  # its sparkline
    assert northwind.get_by_text("Scored").is_visible()
    assert table.get_by_role("row").filter(has_text="Fourth Coffee").get_by_text("Invited").is_visible()
    heat_map = page.get_by_role("region", name="Portfolio heat map")
    assert heat_map.get_by_role("row").count() == 1 + 6
    screenshot(page, "dashboard")

    page.get_by_label("Search").fill("north")
    expect(page.locator("#client-table tbody tr")).to_have_count(1)  # htmx swapped the table in
    assert table.get_by_role("row").filter(has_text="Northwind Bank").is_visible()
    assert "q=north" in page.url
    page.get_by_role("link", name="Lock-in index").click()
    page.wait_for_load_state()
    assert "sort=index" in page.url
    assert page.console_errors == []  # no CSP violation among them
