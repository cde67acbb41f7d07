"""The client page (assessments over time, trends) and the comparison of two assessments."""
# ruff: noqa: F811 - the fixtures imported from client_fixtures are parameters of the tests

import html
import re

import pytest
from django.urls import reverse

from advisor.domain.comparison import scores_diff
from advisor.scoring import services as scoring
from advisor.scoring.labels import PRACTICES_FACTOR
from advisor.scoring.models import Score
from tests.reports.conftest import scored_assessment
from tests.workspace.client_fixtures import (  # noqa: F401 - fixtures
    active_model,
    publish_and_retrain,
    requarter,
    small_model,
    two_quarters,
)

pytestmark = pytest.mark.django_db


def _compare(client, organization, a, b, **extra):
    params = {"a": a.pk, "b": b.pk, **extra}
    return client.get(reverse("workspace:compare", args=[organization.slug]), params)


def _text(response) -> str:
    """The page's words, tags removed and spaces collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_client_page_charts_each_ecosystem_over_the_scored_assessments(client, personas, two_quarters):
    first, second = two_quarters
    client.force_login(personas.consultant_a)

    response = client.get(reverse("workspace:client", args=[personas.client_a1.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Lock-in index over 2 assessments, 0 to 100" in page
    for entry in second.score.result["ecosystems"]:
        if entry["exposure"] > 0:
            assert f'id="trend-{entry["ecosystem"]}-title"' in page
    assert page.count("<polyline") >= 2  # a line through both quarters
    assert first.title in page
    assert second.title in page
    assert "new method" not in page  # both scored with the same catalog and model


def test_the_organization_page_links_to_the_client_page(client, personas, two_quarters):
    client.force_login(personas.consultant_a)

    response = client.get(reverse("questionnaire:organization", args=[personas.client_a1.slug]))

    assert reverse("workspace:client", args=[personas.client_a1.slug]) in response.content.decode()


@pytest.mark.parametrize("who", ["consultant_b", "outsider", "cto"])
def test_another_tenant_gets_404_for_the_client_and_its_comparison(client, personas, two_quarters, who):
    first, second = two_quarters
    client.force_login(getattr(personas, who))

    assert client.get(reverse("workspace:client", args=[personas.client_a1.slug])).status_code == 404
    assert _compare(client, personas.client_a1, first, second).status_code == 404


def test_the_comparison_names_the_answers_that_changed_and_the_drivers_that_moved(
    client, personas, two_quarters
):
    first, second = two_quarters
    client.force_login(personas.consultant_a)

    response = _compare(client, personas.client_a1, second, first)  # either order: oldest first

    assert response.status_code == 200
    text = _text(response)
    assert f"What changed since “{first.title}”" in text
    assert "Do your applications call models through an LLM gateway or abstraction layer? No → Yes" in text
    assert "Ecosystem (Customer support assistant) OpenAI / Microsoft → Anthropic / Amazon" in text
    assert "Model (Customer support assistant) gpt-4o → claude-3-5-sonnet" in text
    diff = scores_diff(first.score.result, second.score.result)
    names = dict(first.catalog_version.channels.values_list("slug", "name"))
    names[PRACTICES_FACTOR[0]] = PRACTICES_FACTOR[1]
    moved = [driver for move in diff.ecosystems for driver in move.drivers]
    assert moved, "the re-assessment moves some driver"
    for driver in moved:
        label = names.get(driver.factor, driver.factor)
        sign = "+" if driver.delta > 0 else ""
        assert f"{label} {driver.old:.1f} {driver.new:.1f} {sign}{driver.delta:.1f}" in text
    assert "The method changed" not in text


def test_comparing_an_assessment_with_itself_or_a_draft_is_refused(client, personas, two_quarters):
    first, _ = two_quarters
    client.force_login(personas.consultant_a)

    response = _compare(client, personas.client_a1, first, first)

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:client", args=[personas.client_a1.slug])


def test_a_new_catalog_and_model_are_flagged_and_the_older_profile_rescored_side_by_side(
    client, personas, bank_profile, two_quarters
):
    first, _ = two_quarters
    publish_and_retrain()
    third = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    requarter(third, -1)
    client.force_login(personas.consultant_a)

    flagged = _text(_compare(client, personas.client_a1, first, third))

    assert "The method changed between these two assessments" in flagged
    assert "Catalog: v1 → v2" in flagged
    assert (
        f"Scoring model: {first.score.result['model_version']} → {third.score.result['model_version']}"
        in flagged
    )
    assert "Re-score the older profile with today's method" in flagged
    assert "Side by side" not in flagged
    assert "No answer changed: this move comes from the change of method alone." in flagged

    stored_before = Score.objects.get(assessment=first).result
    side_by_side = _text(_compare(client, personas.client_a1, first, third, rescore="1"))

    today = scoring.profile_score(first.profile)
    assert "Side by side, with today's method" in side_by_side
    assert f"as scored then {first.title} today's method" in side_by_side
    as_then = first.score.result["overall"]
    now = today["overall"]
    newer = third.score.result["overall"]
    like_for_like = round(newer["lock_in_index"] - now["lock_in_index"], 1)
    assert (
        f"Lock-in index {as_then['lock_in_index']:.1f} {as_then['band']} {now['lock_in_index']:.1f} {now['band']} "
        f"{newer['lock_in_index']:.1f} {newer['band']} {'+' if like_for_like > 0 else ''}{like_for_like:.1f}"
    ) in side_by_side
    assert Score.objects.get(assessment=first).result == stored_before  # nothing stored


def test_the_trend_marks_where_the_method_changed(client, personas, bank_profile, two_quarters):
    publish_and_retrain()
    scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    client.force_login(personas.consultant_a)

    page = client.get(reverse("workspace:client", args=[personas.client_a1.slug])).content.decode()

    assert "new method" in page
    assert "Lock-in index over 3 assessments" in page


def test_without_a_model_for_today_s_catalog_the_rescore_says_so(
    client, personas, bank_profile, two_quarters
):
    from advisor.scoring.models import ScoringModel

    first, _ = two_quarters
    publish_and_retrain()
    third = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    ScoringModel.objects.update(active=False)
    client.force_login(personas.consultant_a)

    text = _text(_compare(client, personas.client_a1, first, third, rescore="1"))

    assert "The method changed between these two assessments" in text
    assert "No scoring model is active for today's catalog yet." in text
    assert "Side by side" not in text


def test_each_scored_assessment_links_to_its_comparison_with_the_previous_one(client, personas, two_quarters):
    first, second = two_quarters
    client.force_login(personas.consultant_a)

    page = client.get(reverse("workspace:client", args=[personas.client_a1.slug])).content.decode()

    compare = reverse("workspace:compare", args=[personas.client_a1.slug])
    assert page.count("Compare with previous") == 1
    assert f"{compare}?a={first.pk}&amp;b={second.pk}" in page
