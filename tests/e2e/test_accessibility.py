"""The questionnaire works from the keyboard alone and tells assistive technology what it needs."""

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.test_questionnaire import wait_all_saved
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UNLABELLED = """
() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
  .filter((control) => !control.closest('[hidden]'))
  .filter((control) => !(control.labels && control.labels.length) && !control.getAttribute('aria-label'))
  .map((control) => control.name || control.id)
"""


def test_every_control_of_every_section_has_a_label(page, personas, catalog):
    sign_in(page, personas.cto.username, PASSWORD)
    page.get_by_role("button", name="Start").click()
    first_section = page.url
    page.goto(first_section.replace("/organization/", "/workloads/"))
    page.get_by_role("button", name="Add a workload").click()
    page.get_by_label("Self-hosted").check()  # shows the conditional accelerator question
    for section in ("organization", "workloads", "suite", "practices", "contracts"):
        page.goto(first_section.replace("/organization/", f"/{section}/"))
        assert page.evaluate(UNLABELLED) == [], section
        assert page.locator("main .save-state[role=status]").count() >= 1


def test_the_organization_section_can_be_filled_with_the_keyboard_alone(page, personas, catalog, screenshot):
    sign_in(page, personas.cto.username, PASSWORD)
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Organization name").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q-organization-industry-input"
    page.keyboard.press("ArrowDown")  # the first industry
    page.keyboard.press("Tab")
    page.keyboard.type("12x")
    page.keyboard.press("Tab")
    # The error is announced: it appears in the field's live region and marks the input invalid.
    state = page.locator("#state-q-organization-employees")
    assert state.get_attribute("role") == "status"
    state.locator(".field-error").wait_for()
    assert page.get_by_label("Employees").get_attribute("aria-invalid") == "true"
    page.keyboard.press("Space")  # "Yes" of the next question, reached by Tab
    assert page.get_by_role("group", name="Are you subject to ICT").get_by_label("Yes").is_checked()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    wait_all_saved(page)
    assert page.get_by_label("Employees").get_attribute("aria-invalid") is None
    screenshot(page, "keyboard")
    page.reload()
    assert page.get_by_label("Industry").input_value() == "financial_services"
    assert page.get_by_label("Employees").input_value() == "12"
