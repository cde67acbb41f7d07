"""Issue 9, item 18, in a real browser: no CSP error on any kind of page, and no page wider
than a 390 px phone."""

import pytest

from advisor.catalog import services as catalog_services
from advisor.domain import scoring as engine
from advisor.questionnaire import services as questionnaire
from advisor.scoring.models import ScoringModel
from advisor.scoring.services import engine_catalog
from tests.conftest import confirm_every_section
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def scored(personas, catalog, small_training, bank_profile):
    """A submitted assessment of the CTO's organization, scored by the session's small model."""
    ScoringModel.objects.create(
        version="e2e",
        catalog_version=catalog,
        catalog_digest=engine_catalog(catalog).digest,
        artifact=engine.dump_model(small_training.model),
        card=engine.model_card(small_training),
        passed=True,
        active=True,
    )
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment, personas.cto)
    return questionnaire.assessment_submit(assessment=assessment, user=personas.cto)


@pytest.fixture
def csp_issues(page):
    """CSP violations as Chromium's DevTools report them, logged to the console or not."""
    issues = []
    session = page.context.new_cdp_session(page)
    session.on(
        "Audits.issueAdded",
        lambda event: (
            event["issue"]["code"] == "ContentSecurityPolicyIssue" and issues.append(event["issue"])
        ),
    )
    session.send("Audits.enable")
    return issues


def pages_of_the_cto(personas, assessment) -> list[str]:
    draft = questionnaire.assessment_create(organization=personas.own_org, user=personas.cto)
    return [
        "/",
        f"/orgs/{personas.own_org.slug}/",
        f"/assessments/{draft.pk}/sections/organization/",
        f"/assessments/{draft.pk}/sections/workloads/",
        f"/assessments/{draft.pk}/review/",
        f"/assessments/{assessment.pk}/review/",
        f"/assessments/{assessment.pk}/results/",
        "/catalog/",
        "/catalog/models/",
        "/catalog/channels/",
        "/methodology/",
    ]


def test_no_page_logs_a_content_security_policy_error(page, personas, scored, csp_issues, screenshot):
    visited = []
    for url in ("/accounts/login/", "/signup/", "/accounts/password_reset/"):
        page.goto(url)
        visited.append(url)
    sign_in(page, personas.cto.username, PASSWORD)
    for url in pages_of_the_cto(personas, scored):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        visited.append(url)
    # An autosave round trip: htmx swaps in the save state.
    page.goto(pages_of_the_cto(personas, scored)[2])
    page.get_by_label("Organization name").fill("Fabrikam Retail Group")
    page.locator(".save-state .saved").first.wait_for()

    admin = UserFactory(username="ada@example.com", is_staff=True, is_superuser=True)
    draft = catalog_services.catalog_draft_create(user=admin)
    page.context.clear_cookies()
    sign_in(page, admin.username, PASSWORD)
    ecosystem = draft.ecosystems.first()
    for url in (
        "/admin/",
        f"/admin/catalog/ecosystem/{ecosystem.pk}/change/",
        f"/admin/catalog/catalogversion/{draft.pk}/review/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        visited.append(url)
    screenshot(page, "admin-review")
    assert len(visited) == 17
    assert csp_issues == []
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []
    assert page.console_errors == []


def test_on_a_390_px_phone_no_page_is_wider_than_the_screen(page, personas, scored, screenshot):
    page.set_viewport_size(PHONE)
    sign_in(page, personas.cto.username, PASSWORD)
    widths = {}
    for url in pages_of_the_cto(personas, scored):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        widths[url] = page.evaluate("document.documentElement.scrollWidth")
        if url.endswith(("/results/", "/channels/", "/catalog/")):
            screenshot(page, url.strip("/").replace("/", "-"))
    assert {url: width for url, width in widths.items() if width > PHONE["width"]} == {}
