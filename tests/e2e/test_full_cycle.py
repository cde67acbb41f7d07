"""Issue 12's whole cycle in two browsers: a consultant adds a client and invites its CTO; the CTO
submits; the consultant sees it on the dashboard, accepts three recommendations into a plan,
re-assesses from a copy with changed answers, and the comparison names what changed and why."""

import re

import pytest
from django.core import mail

from advisor.questionnaire.models import Assessment
from advisor.scoring.models import PlanItem
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CONFIRM = re.compile("^Confirm and (continue|review)")
SECTIONS = 5


def confirm_sections_and_submit(page, pk: int, on_section=None) -> None:
    """Walk every section from the first, confirming each (after `on_section(number)` changes
    answers), then submit from the review page."""
    page.goto(f"/assessments/{pk}/")
    for number in range(1, SECTIONS + 1):
        if on_section:
            on_section(number)
        page.get_by_role("button", name=CONFIRM).click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Submit the assessment").click()
    page.wait_for_load_state()


def wait_all_saved(page) -> None:
    page.wait_for_timeout(900)
    page.wait_for_function("document.querySelectorAll('.htmx-request, .save-state .saving').length === 0")


def test_the_consultant_cycle_from_invitation_to_comparison(
    page, browser, live_server, personas, catalog, active_model, screenshot
):
    consultant = page
    sign_in(consultant, personas.consultant_a.username, PASSWORD)
    firm = personas.firm_a

    # The consultant adds a client and starts its assessment from a template.
    consultant.goto(f"/firms/{firm.slug}/")
    consultant.get_by_label("Add a client organization").fill("Tailspin Toys")
    consultant.get_by_role("button", name="Add client").click()
    consultant.wait_for_load_state()
    consultant.goto("/orgs/tailspin-toys/")
    consultant.get_by_label("A template profile:").check()
    consultant.get_by_label("Template profile", exact=True).select_option("regulated-bank")
    consultant.get_by_role("button", name="Start").click()
    consultant.wait_for_load_state()
    first = Assessment.objects.get(organization__slug="tailspin-toys")

    # … and invites its CTO, who fills it in in a browser of their own.
    consultant.goto(f"/assessments/{first.pk}/review/")
    consultant.get_by_label("Email").fill("cto@tailspin.example")
    consultant.get_by_role("button", name="Send invitation").click()
    consultant.wait_for_load_state()
    sent = consultant.get_by_text("Invitation sent to cto@tailspin.example").inner_text()
    link = re.search(r"Link: (\S+)", sent).group(1)

    cto_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    cto_context.set_default_timeout(10_000)
    cto = cto_context.new_page()
    cto.goto(link)
    assert cto.get_by_text("You were invited by").is_visible()
    confirm_sections_and_submit(cto, first.pk)
    assert cto.locator(".alert-success").get_by_text("Submitted.").is_visible()
    cto_context.close()
    first.refresh_from_db()
    assert first.is_submitted
    assert first.score is not None
    assert any(personas.consultant_a.email in message.to for message in mail.outbox[1:])  # told by email

    # The consultant sees the submission on the dashboard.
    consultant.goto(f"/firms/{firm.slug}/")
    submissions = consultant.locator("section.submissions")
    assert "Tailspin Toys" in submissions.inner_text()
    row = consultant.locator("#client-table tbody tr", has_text="Tailspin Toys")
    assert row.get_by_text("Scored").is_visible()
    screenshot(consultant, "dashboard")

    # Three recommendations into the plan; the first one is done before the re-assessment.
    consultant.goto(f"/assessments/{first.pk}/results/")
    accepted = []
    for owner in ("Ana", "Ben", "Chloe"):
        form = consultant.locator("table.plan-available tbody tr").first
        accepted.append(form.get_by_role("rowheader").inner_text())
        form.get_by_label("Owner").fill(owner)
        form.get_by_role("button", name="Accept into plan").click()
        consultant.wait_for_load_state()
    plan = consultant.locator("section#plan")
    assert [plan.locator("table.plan-items tbody th").nth(n).inner_text() for n in range(3)] == accepted
    assert accepted[0] == "Document an exit plan"
    done = PlanItem.objects.get(plan__assessment=first, action="exit_plan_documented")
    plan.get_by_label("Status").first.select_option("done")
    plan.locator("table.plan-items").get_by_role("button", name="Save", exact=True).first.click()
    consultant.wait_for_load_state()
    done.refresh_from_db()
    assert done.status == "done"

    # Re-assessment from a copy of the last one: the exit plan is now documented, a gateway added.
    consultant.goto("/orgs/tailspin-toys/")
    assert consultant.get_by_role("radio", name=re.compile("A copy of")).is_checked()
    consultant.get_by_role("button", name="Start").click()
    consultant.wait_for_load_state()
    second = Assessment.objects.filter(organization__slug="tailspin-toys").exclude(pk=first.pk).get()

    def change_practices(number: int) -> None:
        if number != 4:
            return
        for question in (
            "Is there a documented exit plan",
            "Do your applications call models through an LLM gateway",
        ):
            consultant.get_by_role("group", name=question).get_by_label("Yes").check()
        wait_all_saved(consultant)

    confirm_sections_and_submit(consultant, second.pk, on_section=change_practices)
    second.refresh_from_db()
    assert second.is_submitted

    # The plan of the first assessment shows the change realised by the second.
    consultant.goto(f"/assessments/{first.pk}/results/")
    plan = consultant.locator("section#plan")
    assert plan.get_by_role("heading", name=re.compile("^Realised at the re-assessment")).is_visible()
    plan.scroll_into_view_if_needed()
    screenshot(consultant, "plan")

    # The comparison names the answers that changed and the drivers that moved.
    consultant.goto("/clients/tailspin-toys/")
    consultant.get_by_label("From").select_option(str(first.pk))
    consultant.get_by_label("to", exact=True).select_option(str(second.pk))
    consultant.get_by_role("button", name="Compare").click()
    consultant.get_by_role("heading", name=f"What changed since “{first.title}”").wait_for()
    changes = [" ".join(text.split()) for text in consultant.locator("ul.changes li").all_inner_texts()]
    assert any("LLM gateway or abstraction layer? No → Yes" in change for change in changes), changes
    assert any("documented exit plan for your main AI vendor? No → Yes" in change for change in changes), (
        changes
    )
    assert consultant.locator("table.drivers-moved tbody tr").count() > 0
    screenshot(consultant, "comparison")
    assert consultant.console_errors == []
