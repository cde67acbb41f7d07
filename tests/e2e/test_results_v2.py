"""The results page of a v2 score in a real browser: the headline figures with their ranges and
explanations, and an explanation's link that lands on its methodology section."""

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.test_every_page import scored  # noqa: F401 - the scored assessment fixture
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_results_page_explains_each_headline_figure_and_links_to_the_method(
    page,
    personas,
    scored,  # noqa: F811 - the fixture imported above
    screenshot,
):
    sign_in(page, personas.cto.username, PASSWORD)
    page.goto(f"/assessments/{scored.pk}/results/")

    section = page.locator("section", has=page.get_by_role("heading", name="OpenAI / Microsoft", exact=True))
    assert section.get_by_text("Cost of getting out").is_visible()
    assert section.get_by_text("Chance of a costly exit").is_visible()
    assert section.locator(".range").first.inner_text().startswith("range ")
    assert section.get_by_role(
        "rowheader", name="Re-integration of code, SDKs and infrastructure"
    ).is_visible()
    screenshot(page, "results")

    section.get_by_role("link", name="How it is computed").first.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    assert page.url.split("#")[0].endswith("/methodology/")
    assert page.locator(f"h2#{anchor}").is_visible()
    screenshot(page, "methodology")
    assert page.console_errors == []
