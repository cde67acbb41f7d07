"""In the browser: a consultant follows a client over time, compares two assessments, and is told
when a catalog publish and a retrain changed the method between them."""

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import UNLABELLED
from tests.factories import PASSWORD
from tests.reports.conftest import scored_assessment
from tests.workspace.client_fixtures import publish_and_retrain, requarter, two_quarters  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_consultant_compares_two_quarters_of_a_client(page, personas, two_quarters, screenshot):  # noqa: F811
    first, second = two_quarters
    sign_in(page, personas.consultant_a.username, PASSWORD)
    page.goto(f"/orgs/{personas.client_a1.slug}/")
    page.get_by_role("link", name="History and comparison").click()

    page.get_by_role("heading", name="Exposure over time").wait_for()
    assert page.get_by_role("img", name="Lock-in index over 2 assessments, 0 to 100").is_visible()
    assert page.evaluate(UNLABELLED) == []
    screenshot(page, "client")
    page.get_by_label("From").select_option(str(first.pk))
    page.get_by_label("to", exact=True).select_option(str(second.pk))
    page.get_by_role("button", name="Compare").click()

    page.get_by_role("heading", name=f"What changed since “{first.title}”").wait_for()
    changes = [" ".join(text.split()) for text in page.locator("ul.changes li").all_inner_texts()]
    assert any(
        "Do your applications call models through an LLM gateway or abstraction layer? No → Yes" in c
        for c in changes
    )
    assert any(
        "Ecosystem (Customer support assistant) OpenAI / Microsoft → Anthropic / Amazon" in c for c in changes
    )
    drivers = page.locator("table.drivers-moved tbody tr")
    assert drivers.count() > 0
    assert page.get_by_role("alert").filter(has_text="The method changed").count() == 0
    assert page.evaluate(UNLABELLED) == []
    screenshot(page, "comparison")
    assert page.console_errors == []  # nothing the strict CSP blocked

    page.set_viewport_size({"width": 390, "height": 844})
    assert _page_width(page) <= 390
    page.goto(f"/clients/{personas.client_a1.slug}/")
    assert _page_width(page) <= 390


def test_the_method_change_is_flagged_after_a_catalog_publish_and_a_retrain(
    page,
    personas,
    bank_profile,
    two_quarters,  # noqa: F811
    screenshot,
):
    first, _ = two_quarters
    publish_and_retrain()
    third = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    requarter(third, -1)
    sign_in(page, personas.consultant_a.username, PASSWORD)

    page.goto(f"/clients/{personas.client_a1.slug}/")
    assert page.get_by_role("img", name="Lock-in index over 3 assessments, 0 to 100").is_visible()
    assert "new method" in page.locator(".trend-grid").first.inner_html()
    page.get_by_label("From").select_option(str(first.pk))
    page.get_by_label("to", exact=True).select_option(str(third.pk))
    page.get_by_role("button", name="Compare").click()

    flag = page.get_by_role("alert").filter(has_text="The method changed between these two assessments")
    flag.wait_for()
    assert "Catalog: v1 → v2" in flag.inner_text()
    screenshot(page, "flag")
    flag.get_by_role("link", name="Re-score the older profile with today's method").click()

    table = page.locator("table.side-by-side")
    table.wait_for()
    header = table.locator("thead").inner_text()
    assert "as scored then" in header
    assert "today's method" in header
    assert table.locator("tbody tr").first.locator("th").inner_text() == "Lock-in index"
    screenshot(page, "side-by-side")
    assert page.console_errors == []
