"""Twenty workloads on one page: each folds into a summary row, and opens for editing."""

import pytest

from advisor.questionnaire import services
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Four expanded workloads made a 6,800 px page (twenty: about 34,000). Folded, a row is one line.
FOLDED_ROW_MAX_PX = 80
PAGE_MAX_PX = 4_000  # twenty rows, one of them open


@pytest.fixture
def twenty_workloads(personas, catalog, bank_profile):
    workloads = []
    for number in range(20):
        workload = dict(bank_profile["workloads"][number % 3])
        workload["name"] = f"{workload['name']} {number + 1}"
        workloads.append(workload)
    bank_profile["workloads"] = workloads
    assessment = services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="import", profile=bank_profile
    )
    uid = services.assessment_state(assessment).items["workloads"][6]
    services.answer_save(
        assessment=assessment, key=f"workloads.{uid}.monthly_spend_usd", raw="5.000,50", base_revision=1
    )
    return assessment


def test_twenty_workloads_fold_into_rows_and_the_one_with_a_problem_is_open(
    page, personas, twenty_workloads, screenshot
):
    sign_in(page, personas.cto.username, PASSWORD)
    page.goto(f"/assessments/{twenty_workloads.pk}/sections/workloads/")

    items = page.locator("details.item")
    assert items.count() == 20
    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot(page, "folded")
    assert height < PAGE_MAX_PX, height
    closed_heights = [items.nth(i).bounding_box()["height"] for i in range(20) if i != 6]
    assert max(closed_heights) < FOLDED_ROW_MAX_PX, closed_heights
    open_items = page.locator("details.item[open]")
    assert open_items.count() == 1
    assert "Workload 7" in open_items.locator("summary").inner_text()
    assert "Did you mean 5000.50?" in open_items.inner_text()
    first = items.nth(0)
    assert not first.get_by_label("Workload name").is_visible()
    assert "Customer support assistant 1" in first.locator("summary").inner_text()
    assert "OpenAI / Microsoft" in first.locator("summary").inner_text()

    first.locator("summary").click()

    assert first.get_by_label("Workload name").is_visible()
    assert first.get_by_label("Workload name").input_value() == "Customer support assistant 1"
    screenshot(page, "one-opened")
    assert page.console_errors == []
