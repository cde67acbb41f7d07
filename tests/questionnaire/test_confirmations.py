"""Every section is looked at before submit: each is confirmed (even as "none"), a later change
to its answers asks for it again, and answers left as a template set them are pointed out."""

import pytest
from django.urls import reverse

from advisor.questionnaire import services
from advisor.questionnaire.models import SectionConfirmation
from tests.conftest import section_form_data

pytestmark = pytest.mark.django_db

SECTIONS = ["organization", "workloads", "suite", "practices", "contracts"]


@pytest.fixture
def from_template(catalog, personas, bank_profile):
    """Every answer in, from the regulated-bank template, and no section confirmed yet."""
    return services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )


def confirm(client, assessment, section: str):
    """Post the section's form as the browser does (every answer as shown) with its Confirm button."""
    data = {**section_form_data(assessment, section), "next": ""}
    url = reverse("questionnaire:assessment_section", args=[assessment.pk, section])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def unconfirmed(assessment) -> list[str]:
    return [section.slug for section in services.assessment_unconfirmed(assessment)]


def test_submit_refuses_until_every_section_is_confirmed_even_with_every_answer_in(from_template):
    with pytest.raises(services.NotReady) as not_ready:
        services.assessment_submit(assessment=from_template)

    assert [p.section for p in not_ready.value.problems] == SECTIONS
    assert all("Not confirmed yet" in p.message for p in not_ready.value.problems)
    from_template.refresh_from_db()
    assert not from_template.is_submitted


def test_the_review_lists_the_sections_not_confirmed_and_keeps_submit_disabled(
    client, personas, from_template
):
    client.force_login(personas.cto)
    confirm(client, from_template, "organization")

    page = client.get(reverse("questionnaire:assessment_review", args=[from_template.pk])).content.decode()

    assert "Every answer is in" not in page
    for slug in SECTIONS[1:]:
        assert f'href="{reverse("questionnaire:assessment_section", args=[from_template.pk, slug])}"' in page
    assert page.count("Not confirmed yet") == 4
    assert "disabled" in page


def test_confirming_each_section_in_the_browser_lets_the_assessment_be_submitted(
    client, personas, from_template
):
    client.force_login(personas.cto)
    for section in SECTIONS:
        confirm(client, from_template, section)

    client.post(reverse("questionnaire:assessment_submit", args=[from_template.pk]))

    from_template.refresh_from_db()
    assert from_template.is_submitted


def test_a_confirmation_records_who_and_when_and_an_invitee_can_confirm(personas, from_template):
    invitation = services.invitation_create(
        assessment=from_template, email="cfo@fabrikam.example", user=personas.cto
    )

    services.section_confirm(assessment=from_template, section="suite", invitation=invitation)
    services.section_confirm(assessment=from_template, section="practices", user=personas.colleague)

    by_section = {c.section: c for c in SectionConfirmation.objects.filter(assessment=from_template)}
    assert by_section["suite"].confirmed_by_invitation == invitation
    assert by_section["practices"].confirmed_by == personas.colleague
    assert by_section["practices"].confirmed_at is not None


def test_a_change_to_an_answer_afterwards_asks_for_that_section_again(personas, from_template):
    for section in SECTIONS:
        services.section_confirm(assessment=from_template, section=section, user=personas.cto)
    employees = services.assessment_state(from_template).answers["organization.employees"]

    services.answer_save(
        assessment=from_template, key="organization.employees", raw="13000", base_revision=employees.revision
    )
    services.item_add(assessment=from_template, kind="contracts")

    assert unconfirmed(from_template) == ["organization", "contracts"]


def test_saving_an_unchanged_answer_keeps_the_confirmation(personas, from_template):
    services.section_confirm(assessment=from_template, section="organization", user=personas.cto)
    employees = services.assessment_state(from_template).answers["organization.employees"]

    services.answer_save(
        assessment=from_template,
        key="organization.employees",
        raw=employees.raw,
        base_revision=employees.revision,
    )

    assert "organization" not in unconfirmed(from_template)


def test_an_assessment_from_a_template_keeps_the_organizations_own_name(personas, from_template):
    profile = services.assessment_profile(from_template)

    assert profile["organization"]["name"] == personas.own_org.name == "Fabrikam Retail"
    assert "Fabrikam Retail" in from_template.title


def test_the_review_lists_the_answers_left_as_the_template_set_them(client, personas, from_template):
    industry = services.assessment_state(from_template).answers["organization.industry"]
    services.answer_save(
        assessment=from_template, key="organization.industry", raw="retail", base_revision=industry.revision
    )
    client.force_login(personas.cto)

    page = client.get(reverse("questionnaire:assessment_review", args=[from_template.pk])).content.decode()

    warning = page.split('id="template-heading"', 1)[1].split("</section>", 1)[0]
    assert "still exactly as the template set them" in warning
    assert "Employees" in warning
    assert "Industry" not in warning  # changed since
    assert "Organization name" not in warning  # the organization's own, not the template's
    assert "Workload 1" in warning
