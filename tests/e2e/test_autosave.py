"""Autosave in the browser: a lost connection and a colleague's edit lose nothing."""

import pytest

from advisor.questionnaire import services
from advisor.questionnaire.models import Answer
from tests.e2e.conftest import sign_in
from tests.e2e.test_questionnaire import wait_all_saved
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assessment(personas, catalog):
    return services.assessment_create(organization=personas.own_org, user=personas.cto)


def section(assessment) -> str:
    return f"/assessments/{assessment.pk}/sections/organization/"


def test_an_answer_typed_offline_is_saved_when_the_connection_is_back(page, personas, assessment, screenshot):
    sign_in(page, personas.cto.username, PASSWORD)
    page.goto(section(assessment))
    page.context.set_offline(True)
    page.get_by_label("Employees").fill("640")
    unsaved = page.locator("#state-q-organization-employees .unsaved")
    unsaved.wait_for()
    assert "will be saved when the connection is back" in unsaved.inner_text()
    screenshot(page, "offline")
    assert not Answer.objects.filter(assessment=assessment, key="organization.employees").exists()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("#state-q-organization-employees .saved").wait_for()
    assert Answer.objects.get(assessment=assessment, key="organization.employees").value == 640


def test_two_colleagues_editing_the_same_answer_see_the_conflict(
    browser, live_server, personas, assessment, screenshot
):
    pages = []
    for user in (personas.cto, personas.colleague):
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        sign_in(page, user.username, PASSWORD)
        page.goto(section(assessment))
        pages.append(page)
    theo, mia = pages

    mia.get_by_label("Employees").fill("300")
    wait_all_saved(mia)
    theo.get_by_label("Employees").fill("450")  # Theo's page still holds the old revision
    conflict = theo.locator("#state-q-organization-employees .conflict")
    conflict.wait_for()
    assert "changed this answer to “300”" in conflict.inner_text()
    assert theo.get_by_label("Employees").input_value() == "450"  # nothing typed is lost
    assert Answer.objects.get(assessment=assessment, key="organization.employees").value == 300
    screenshot(theo, "conflict")

    theo.get_by_role("button", name="Keep my answer").click()
    theo.locator("#state-q-organization-employees .saved").wait_for()
    answer = Answer.objects.get(assessment=assessment, key="organization.employees")
    assert (answer.value, answer.updated_by) == (450, personas.cto)
    for page in pages:
        page.context.close()
