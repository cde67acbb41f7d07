"""The questionnaire through HTTP: tenancy, the no-JavaScript flow, conflicts, review, submit."""

import pytest
from django.urls import reverse

from advisor.questionnaire import services
from advisor.questionnaire.models import Answer, Assessment
from tests.conftest import section_form_data

pytestmark = pytest.mark.django_db


def section_url(assessment, slug="organization"):
    return reverse("questionnaire:assessment_section", args=[assessment.pk, slug])


def test_members_and_the_firms_consultants_only(client, catalog, personas):
    client_assessment = services.assessment_create(
        organization=personas.client_a1, user=personas.consultant_a
    )
    client.force_login(personas.consultant_b)
    assert client.get(section_url(client_assessment)).status_code == 404
    assert (
        client.get(reverse("questionnaire:assessment_export", args=[client_assessment.pk])).status_code == 404
    )
    response = client.post(
        reverse("questionnaire:answer_save", args=[client_assessment.pk]),
        {"key": "organization.employees", "organization.employees": "1"},
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(assessment=client_assessment, key="organization.employees").exists()
    client.force_login(personas.cto)
    assert client.get(section_url(client_assessment)).status_code == 404
    client.force_login(personas.consultant_a)
    assert client.get(section_url(client_assessment)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in(client, assessment):
    response = client.get(section_url(assessment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_organization_page_lists_only_its_assessments(client, catalog, personas, assessment):
    other = services.assessment_create(organization=personas.client_b, user=personas.consultant_b)
    client.force_login(personas.cto)
    page = client.get(reverse("questionnaire:organization", args=[personas.own_org.slug])).content.decode()
    assert assessment.title in page
    assert other.title not in page


def test_starting_an_assessment_from_a_template(client, catalog, personas, own_bank_profile):
    client.force_login(personas.cto)
    response = client.post(
        reverse("questionnaire:assessment_new", args=[personas.own_org.slug]),
        {"origin": "template", "template": "regulated-bank"},
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("questionnaire:assessment", args=[assessment.pk])
    assert services.assessment_profile(assessment) == own_bank_profile


def test_a_section_form_without_javascript_saves_what_changed(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(section_url(assessment), {
        "organization.name": "Fabrikam Retail", "rev:organization.name": "1",
        "organization.industry": "retail", "organization.employees": "300",
        "organization.regulated": "false", "organization.annual_ai_spend_usd": "lots", "next": "",
    })  # fmt: skip
    assert response.status_code == 302
    assert response.url == section_url(assessment, "workloads")
    state = services.assessment_state(assessment)
    assert state.values["organization.employees"] == 300
    assert state.answers["organization.annual_ai_spend_usd"].raw == "lots"
    page = client.get(section_url(assessment)).content.decode()
    assert 'value="lots"' in page
    assert "“lots” is not a number." in page
    assert 'aria-invalid="true"' in page


def test_a_conflict_shows_both_answers_and_loses_neither(client, personas, assessment):
    services.answer_save(assessment=assessment, key="organization.employees", raw="100", base_revision=None,
                         user=personas.colleague)  # fmt: skip
    client.force_login(personas.cto)
    response = client.post(section_url(assessment), {
        "organization.name": "Fabrikam Retail", "rev:organization.name": "1",
        "organization.employees": "250", "rev:organization.employees": "",
    })  # fmt: skip
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this answer to “100”" in page
    assert 'value="250"' in page  # what I typed is still in the field
    assert Answer.objects.get(assessment=assessment, key="organization.employees").value == 100
    # Saving again from that page (with their revision) keeps mine, deliberately.
    client.post(section_url(assessment), {"organization.employees": "250", "rev:organization.employees": "1"})
    assert Answer.objects.get(assessment=assessment, key="organization.employees").value == 250


def test_the_autosave_endpoint_returns_the_save_state(client, personas, assessment):
    client.force_login(personas.cto)
    url = reverse("questionnaire:answer_save", args=[assessment.pk])
    headers = {"HX-Request": "true"}
    ok = client.post(url, {"key": "organization.employees", "organization.employees": "42"}, headers=headers)
    assert "Saved" in ok.content.decode()
    assert 'id="rev-q-organization-employees" value="1" hx-swap-oob="true"' in ok.content.decode()
    bad = client.post(url, {"key": "organization.employees", "organization.employees": "x",
                            "rev:organization.employees": "1"}, headers=headers)  # fmt: skip
    assert "“x” is not a number." in bad.content.decode()
    stale = client.post(url, {"key": "organization.employees", "organization.employees": "7",
                              "rev:organization.employees": "1"}, headers=headers)  # fmt: skip
    assert "while you were editing" in stale.content.decode()
    assert client.post(url, {"key": "nope"}, headers=headers).status_code == 400


def test_adding_and_removing_a_workload_saves_the_section_first(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(section_url(assessment, "workloads"), {"add_item": "workloads"})
    uid = assessment.items.get().uid
    assert response.url.endswith(f"#item-{uid}")
    client.post(section_url(assessment, "workloads"), {f"workloads.{uid}.name": "Bot", "remove_item": uid})
    assert not assessment.items.exists()
    assert not Answer.objects.filter(key__startswith=f"workloads.{uid}").exists()


def test_the_review_links_every_missing_answer_to_its_question(client, personas, assessment):
    client.force_login(personas.cto)
    page = client.get(reverse("questionnaire:assessment_review", args=[assessment.pk])).content.decode()
    assert f'href="{section_url(assessment)}#q-organization-industry"' in page
    assert "Add at least 1 workload." in page
    assert "disabled" in page


def test_submitting_freezes_and_exports_the_profile(client, personas, complete_assessment, own_bank_profile):
    client.force_login(personas.cto)
    client.post(reverse("questionnaire:assessment_submit", args=[complete_assessment.pk]))
    complete_assessment.refresh_from_db()
    assert complete_assessment.is_submitted
    export = client.get(reverse("questionnaire:assessment_export", args=[complete_assessment.pk]))
    assert export["Content-Disposition"].startswith("attachment;")
    assert export.json() == own_bank_profile
    response = client.post(section_url(complete_assessment), {"organization.employees": "1"})
    assert response.status_code == 302
    assert services.assessment_state(complete_assessment).values["organization.employees"] == 12000


def test_an_incomplete_assessment_is_not_submitted(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(reverse("questionnaire:assessment_submit", args=[assessment.pk]), follow=True)
    assert "Not submitted" in response.content.decode()
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_a_european_number_is_refused_with_the_number_as_read_not_saved(client, personas, assessment):
    client.force_login(personas.cto)
    url = reverse("questionnaire:answer_save", args=[assessment.pk])
    response = client.post(
        url,
        {"key": "organization.annual_ai_spend_usd", "organization.annual_ai_spend_usd": "5.000,50"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Did you mean 5000.50? Type it as 5000.50." in page
    assert "Saved" not in page
    answer = Answer.objects.get(assessment=assessment, key="organization.annual_ai_spend_usd")
    assert (answer.raw, answer.value) == ("5.000,50", None)


def test_a_pasted_megabyte_is_refused_with_a_message_and_the_saved_name_stays(client, personas, assessment):
    client.force_login(personas.cto)
    huge = "Fabrikam " * 260_000  # 2.3 MB, under the request size limit
    autosave = client.post(
        reverse("questionnaire:answer_save", args=[assessment.pk]),
        {"key": "organization.name", "organization.name": huge, "rev:organization.name": "1"},
        headers={"HX-Request": "true"},
    )
    assert "Not saved" in autosave.content.decode()
    assert len(autosave.content) < 5_000
    form = client.post(
        section_url(assessment),
        {"organization.name": huge, "rev:organization.name": "1", "next": ""},
        follow=True,
    )
    page = form.content.decode()
    assert "Organization name: Not saved" in page
    assert huge not in page
    assert Answer.objects.get(assessment=assessment, key="organization.name").raw == "Fabrikam Retail"


def test_each_workload_folds_into_a_summary_row_and_only_the_one_to_work_on_opens(
    client, personas, complete_assessment
):
    uids = services.assessment_state(complete_assessment).items["workloads"]
    services.answer_save(assessment=complete_assessment, key=f"workloads.{uids[1]}.monthly_spend_usd", raw="lots",
                         base_revision=1)  # fmt: skip
    client.force_login(personas.cto)

    page = client.get(section_url(complete_assessment, "workloads")).content.decode()

    first = page.split(f'id="item-{uids[0]}"', 1)[1].split("</summary>", 1)[0]
    assert first.startswith(">")  # closed: no "open" attribute
    assert "Customer support assistant" in first
    assert "OpenAI / Microsoft" in first
    assert "Mission-critical" in first
    assert "42,000 USD per month" in first
    second = page.split(f'id="item-{uids[1]}"', 1)[1].split("</summary>", 1)[0]
    assert second.startswith(" open>")  # it has a problem
    assert "1 to fix" in second


def test_the_workload_just_added_opens(client, personas, complete_assessment):
    client.force_login(personas.cto)

    data = {**section_form_data(complete_assessment, "workloads"), "add_item": "workloads"}

    response = client.post(section_url(complete_assessment, "workloads"), data)

    uid = services.assessment_state(complete_assessment).items["workloads"][-1]
    assert response.url.endswith(f"?open={uid}#item-{uid}")
    page = client.get(response.url.split("#")[0]).content.decode()
    assert f'id="item-{uid}" open>' in page
