"""The what-if and the improvement plan in a real browser: toggling a practice re-scores the
exposures live (htmx), and a recommendation accepted into the plan is projected."""

import pytest

from advisor.scoring.models import PlanItem, Score
from tests.e2e.conftest import sign_in
from tests.e2e.test_every_page import scored  # noqa: F401 - the scored assessment fixture
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_practice_toggled_in_the_what_if_and_a_recommendation_accepted_into_the_plan(
    page,
    personas,
    scored,  # noqa: F811 - the fixture imported above
    screenshot,
):
    result_before = Score.objects.get(assessment=scored).result
    sign_in(page, personas.cto.username, PASSWORD)
    page.goto(f"/assessments/{scored.pk}/results/")

    whatif = page.locator("section#whatif")
    whatif.get_by_label("Route model calls through an LLM gateway").check()
    change = whatif.locator("#whatif-result .change-summary")
    change.wait_for()
    assert "Lock-in index 56.0" in change.inner_text()
    index_after = float(change.locator(".projected").inner_text())
    assert index_after < 56.0
    whatif.get_by_label("Document an exit plan").check()
    page.wait_for_function(
        "(before) => { const el = document.querySelector('#whatif-result .projected');"
        " return el && parseFloat(el.textContent) < before; }",
        arg=index_after,
    )
    assert "2 changes" in whatif.locator("#whatif-result").inner_text()
    whatif.scroll_into_view_if_needed()
    screenshot(page, "whatif")

    plan = page.locator("section#plan")
    row = plan.locator("table.plan-available tr", has_text="Document an exit plan")
    row.get_by_label("Owner").fill("Priya Natarajan")
    row.get_by_label("Due date").fill("2027-03-31")
    row.get_by_role("button", name="Accept into plan").click()
    page.wait_for_load_state()

    plan = page.locator("section#plan")
    assert (
        plan.locator("table.plan-items").get_by_role("rowheader", name="Document an exit plan").is_visible()
    )
    assert plan.get_by_role("heading", name="If every accepted action is done").is_visible()
    assert "Document an exit plan" not in plan.locator("table.plan-available").inner_text()
    item = PlanItem.objects.get(plan__assessment=scored)
    assert (item.owner, str(item.due_date), item.status) == ("Priya Natarajan", "2027-03-31", "open")
    plan.scroll_into_view_if_needed()
    screenshot(page, "plan")
    assert Score.objects.get(assessment=scored).result == result_before
    assert page.console_errors == []
