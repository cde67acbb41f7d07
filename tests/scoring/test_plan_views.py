"""The plan and the what-if on the results page: who may see and change them, and the what-if
endpoint's answers (re-scored exposures, or a 400 that names the field)."""

import pytest
from django.urls import reverse

from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.decorators import SESSION_INVITATIONS
from advisor.scoring import plans
from advisor.scoring.models import PlanItem, PlanMilestone, PlanScenario, Score
from tests.conftest import confirm_every_section

pytestmark = pytest.mark.django_db


def scored_assessment(organization, user, profile, invite=""):
    assessment = questionnaire.assessment_create(
        organization=organization, user=user, origin="template", profile=profile
    )
    invitation = (
        questionnaire.invitation_create(assessment=assessment, email=invite, user=user) if invite else None
    )
    confirm_every_section(assessment, user)
    return questionnaire.assessment_submit(assessment=assessment, user=user), invitation


@pytest.fixture
def own(active_model, personas, own_bank_profile):
    """The CTO's organization's scored assessment, with an invitation its CTO sent before submitting."""
    return scored_assessment(personas.own_org, personas.cto, own_bank_profile, invite="ivy@fabrikam.example")


@pytest.fixture
def assessment(own):
    return own[0]


def first_recommendation(assessment):
    entry = assessment.score.result["recommendations"][0]
    return {"action": entry["action"], "ecosystem": entry["ecosystem"] or ""}


def urls(assessment, item=None, milestone=None):
    pk = assessment.pk
    return {
        "accept": reverse("workspace:plan_item_accept", args=[pk]),
        "update": reverse("workspace:plan_item_update", args=[pk, item.pk if item else 0]),
        "remove": reverse("workspace:plan_item_remove", args=[pk, item.pk if item else 0]),
        "milestone": reverse("workspace:milestone_create", args=[pk]),
        "scenario": reverse("workspace:scenario_save", args=[pk]),
        "whatif": reverse("workspace:whatif", args=[pk]),
    }


def edits(assessment, item):
    u = urls(assessment, item)
    return [
        (u["accept"], first_recommendation(assessment)),
        (u["update"], {f"item-{item.pk}-owner": "X", f"item-{item.pk}-status": "done"}),
        (u["remove"], {}),
        (u["milestone"], {"name": "Q1"}),
        (u["scenario"], {"name": "S", "practice": "llm_gateway"}),
    ]


def test_the_results_page_shows_the_plan_and_what_if_to_the_cto(client, personas, assessment):
    client.force_login(personas.cto)
    page = client.get(reverse("scoring:results", args=[assessment.pk])).content.decode()
    assert 'id="plan"' in page
    assert "Accept into plan" in page
    assert 'id="whatif"' in page
    assert 'hx-post="' + urls(assessment)["whatif"] in page


def test_the_cto_and_the_firm_consultant_change_the_plan(client, personas, active_model, bank_profile):
    client_assessment, _ = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    client.force_login(personas.consultant_a)
    response = client.post(
        urls(client_assessment)["accept"], {**first_recommendation(client_assessment), "owner": "Cora"}
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(plan__assessment=client_assessment)
    assert item.owner == "Cora"
    response = client.post(
        urls(client_assessment, item)["update"],
        {
            f"item-{item.pk}-owner": "Dan",
            f"item-{item.pk}-due_date": "2027-01-15",
            f"item-{item.pk}-status": "in_progress",
        },
    )
    item.refresh_from_db()
    assert (item.owner, str(item.due_date), item.status) == ("Dan", "2027-01-15", "in_progress")
    assert client.post(urls(client_assessment)["milestone"], {"name": "Kick-off"}).status_code == 302
    assert (
        PlanMilestone.objects.get(plan__assessment=client_assessment).snapshot["items"][0]["owner"] == "Dan"
    )
    assert client.post(urls(client_assessment, item)["remove"]).status_code == 302
    assert not PlanItem.objects.filter(pk=item.pk).exists()


def test_a_read_only_member_sees_the_plan_and_can_try_what_ifs_but_not_edit(client, personas, assessment):
    item = plans.plan_item_accept(assessment=assessment, **first_recommendation(assessment), owner="Theo")
    client.force_login(personas.colleague)
    page = client.get(reverse("scoring:results", args=[assessment.pk])).content.decode()
    assert "Theo" in page
    assert "Accept into plan" not in page
    assert "Save milestone" not in page
    for url, data in edits(assessment, item):
        assert client.post(url, data).status_code == 403, url
    assert client.post(urls(assessment)["whatif"], {"practice": "llm_gateway"}).status_code == 200
    item.refresh_from_db()
    assert item.owner == "Theo"
    assert not PlanMilestone.objects.exists()
    assert not PlanScenario.objects.exists()


@pytest.mark.parametrize("who", ["consultant_b", "outsider", "consultant_a"])
def test_other_tenants_get_404_on_every_plan_url(client, personas, assessment, who):
    item = plans.plan_item_accept(assessment=assessment, **first_recommendation(assessment))
    milestone = plans.milestone_create(assessment=assessment, name="Q1", user=personas.cto)
    client.force_login(getattr(personas, who))
    for url, data in [*edits(assessment, item), (urls(assessment)["whatif"], {"practice": "llm_gateway"})]:
        assert client.post(url, data).status_code == 404, url
    assert (
        client.get(reverse("workspace:milestone_detail", args=[assessment.pk, milestone.pk])).status_code
        == 404
    )
    assert PlanItem.objects.get(pk=item.pk).status == "open"


def test_an_item_of_another_assessment_is_not_found(client, personas, assessment, active_model, bank_profile):
    other, _ = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    foreign = plans.plan_item_accept(assessment=other, **first_recommendation(other))
    client.force_login(personas.cto)
    response = client.post(urls(assessment, foreign)["update"], {f"item-{foreign.pk}-status": "done"})
    assert response.status_code == 404


def test_an_invitee_gets_no_plan(client, own):
    assessment, invitation = own
    session = client.session
    session[SESSION_INVITATIONS] = [invitation.pk]
    session.save()
    assert client.post(urls(assessment)["whatif"], {"practice": "llm_gateway"}).status_code == 404
    assert client.post(urls(assessment)["accept"], first_recommendation(assessment)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, assessment):
    response = client.post(urls(assessment)["whatif"], {"practice": "llm_gateway"})
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_a_milestone_page_shows_its_snapshot(client, personas, assessment):
    plans.plan_item_accept(assessment=assessment, **first_recommendation(assessment), owner="Theo")
    milestone = plans.milestone_create(assessment=assessment, name="Board review", user=personas.cto)
    client.force_login(personas.colleague)
    page = client.get(
        reverse("workspace:milestone_detail", args=[assessment.pk, milestone.pk])
    ).content.decode()
    assert "Board review" in page
    assert "Theo" in page


def test_the_what_if_rescores_together_and_stores_nothing(client, personas, assessment):
    before = Score.objects.get(assessment=assessment).result
    client.force_login(personas.cto)
    data = {"practice": ["llm_gateway", "prompt_portability"], "end_contract": "openai-microsoft"}
    response = client.post(urls(assessment)["whatif"], data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    from advisor.domain.scoring.whatif import Change

    expected = plans.whatif(
        assessment,
        [Change("llm_gateway"), Change("prompt_portability"), Change("end_contract", "openai-microsoft")],
    )
    assert f"{expected['index_after']:.1f}" in fragment
    assert "3 changes" in fragment
    assert Score.objects.get(assessment=assessment).result == before
    assert not PlanScenario.objects.exists()


def test_moving_a_workload_in_the_what_if(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(urls(assessment)["whatif"], {"move_workload": "0", "move_to": "mistral"})
    assert response.status_code == 200
    assert "Mistral" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"practice": "buy_a_yacht"}, "practice", "buy_a_yacht is not one of the available choices"),
        ({"move_workload": "0"}, "move_to", "Say which ecosystem the workload moves to"),
        (
            {"move_workload": "42", "move_to": "google"},
            "move_workload",
            "42 is not one of the available choices",
        ),
        ({"end_contract": "google"}, "end_contract", "google is not one of the available choices"),
    ],
)
def test_a_bad_what_if_answers_400_naming_the_field(client, personas, assessment, data, field, message):
    client.force_login(personas.cto)
    response = client.post(urls(assessment)["whatif"], data, headers={"HX-Request": "true"})
    assert response.status_code == 400
    text = response.content.decode()
    assert f"<strong>{field}</strong>" in text
    assert message in text


def test_a_bad_accept_names_the_field(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(
        urls(assessment)["accept"], {"action": "move_off_custom_silicon", "ecosystem": "xai"}
    )
    assert response.status_code == 400
    assert "<strong>action</strong>" in response.content.decode()
    response = client.post(
        urls(assessment)["accept"], {**first_recommendation(assessment), "due_date": "tomorrow"}
    )
    assert response.status_code == 400
    assert "<strong>due_date</strong>" in response.content.decode()
    assert not PlanItem.objects.exists()


def test_a_scenario_is_saved_into_the_plan(client, personas, assessment):
    client.force_login(personas.cto)
    response = client.post(urls(assessment)["scenario"], {"name": "Gateway first", "practice": "llm_gateway"})
    assert response.status_code == 302
    scenario = PlanScenario.objects.get(plan__assessment=assessment)
    assert scenario.changes == [{"action": "llm_gateway", "ecosystem": None, "workload": None, "to": None}]
    page = client.get(reverse("scoring:results", args=[assessment.pk])).content.decode()
    assert "Gateway first" in page
    assert client.post(urls(assessment)["scenario"], {"name": "Nothing"}).status_code == 400


def test_a_reassessment_links_to_the_earlier_plan_it_realises(client, personas, assessment, own_bank_profile):
    plans.plan_item_accept(assessment=assessment, **first_recommendation(assessment))
    later, _ = scored_assessment(personas.own_org, personas.cto, own_bank_profile)
    client.force_login(personas.cto)
    page = client.get(reverse("scoring:results", args=[later.pk])).content.decode()
    assert f'href="{reverse("scoring:results", args=[assessment.pk])}#plan"' in page
    assert "shows what this assessment realised" in page
    earlier_page = client.get(reverse("scoring:results", args=[assessment.pk])).content.decode()
    assert "shows what this assessment realised" not in earlier_page
    assert "Realised at the re-assessment" in earlier_page
