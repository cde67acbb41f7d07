"""Issue 9, item 20: the catalog admin's diff, filters and source fields."""

import pytest
from django.urls import reverse

from advisor.catalog import services
from advisor.catalog.models import Channel, FoundationModel, MoatRating, Prediction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="ada@example.com", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def draft(catalog):
    return services.catalog_draft_create(user=None)


def change_page(admin_client, record) -> str:
    url = reverse(f"admin:catalog_{record._meta.model_name}_change", args=[record.pk])
    return admin_client.get(url).content.decode()


def test_the_draft_diff_colours_added_and_removed_lines_and_wraps(admin_client, draft):
    FoundationModel.objects.filter(version=draft, slug="gpt-4o").update(cost_per_1m_output_usd=12.5)
    page = admin_client.get(reverse("admin:catalog_version_review", args=[draft.pk])).content.decode()
    assert '<span class="diff-removed">-  cost_per_1m_output_usd: 15.0</span>' in page
    assert '<span class="diff-added">+  cost_per_1m_output_usd: 12.5</span>' in page
    assert '<span class="diff-hunk">@@' in page
    assert "css/admin.css" in page
    css = b"".join(admin_client.get("/static/css/admin.css").streaming_content).decode()
    assert "white-space: pre-wrap" in css
    assert ".diff-added" in css


def test_the_two_slug_filters_have_distinct_titles(admin_client, catalog):
    page = admin_client.get(reverse("admin:catalog_moatrating_changelist")).content.decode()
    assert "By slug" not in page
    assert "By channel" in page
    assert "By ecosystem" in page
    risks = admin_client.get(reverse("admin:catalog_riskrating_changelist")).content.decode()
    assert "By ecosystem" in risks


def test_a_single_source_is_edited_as_document_and_quote_and_its_empty_list_shows_no_null(
    admin_client, draft
):
    channel = Channel.objects.filter(version=draft, source__isnull=False, sources__isnull=True).first()
    page = change_page(admin_client, channel)
    assert 'name="source_document"' in page
    assert f'value="{channel.source["document"]}"' in page
    assert 'name="source_quote"' in page
    assert ">null<" not in page
    assert "&quot;document&quot;" not in page  # no raw JSON anywhere
    assert 'name="sources_1_document"' in page  # an empty pair to add one, empty


def test_a_list_of_sources_is_edited_pair_by_pair(admin_client, draft):
    record = next(
        r for r in [*Prediction.objects.filter(version=draft), *draft.ecosystems.all()] if r.sources
    )
    page = change_page(admin_client, record)
    for number, source in enumerate(record.sources, 1):
        assert f'name="sources_{number}_document"' in page
        assert f'value="{source["document"]}"' in page
    assert f'name="sources_{len(record.sources) + 1}_quote"' in page
    assert ">null<" not in page


def post_channel(admin_client, channel, **changes):
    url = reverse("admin:catalog_channel_change", args=[channel.pk])
    data = {
        "version": channel.version_id,
        "slug": channel.slug,
        "position": channel.position,
        "name": channel.name,
        "description": channel.description,
        "source_document": channel.source["document"],
        "source_quote": channel.source["quote"],
        "sources_count": "1",
        "sources_1_document": "",
        "sources_1_quote": "",
        **changes,
    }
    return admin_client.post(url, data)


def test_editing_the_quote_stores_a_source_mapping(admin_client, draft):
    channel = Channel.objects.filter(version=draft, source__isnull=False).first()
    response = post_channel(admin_client, channel, source_quote="  A new quote.  ")
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.source == {"document": channel.source["document"], "quote": "A new quote."}
    assert channel.sources is None


def test_a_source_needs_both_its_document_and_its_quote(admin_client, draft):
    channel = Channel.objects.filter(version=draft, source__isnull=False).first()
    response = post_channel(admin_client, channel, source_quote="")
    assert response.status_code == 200
    assert "Source: give both the document and the quote" in response.content.decode()
    channel.refresh_from_db()
    assert channel.source["quote"]  # nothing saved


def test_one_source_and_a_list_at_once_are_refused(admin_client, draft):
    channel = Channel.objects.filter(version=draft, source__isnull=False).first()
    response = post_channel(
        admin_client, channel, sources_1_document="Some report", sources_1_quote="A passage."
    )
    assert response.status_code == 200
    assert "either one source or a list of sources, not both" in response.content.decode()


def test_a_moat_rating_change_page_shows_readable_sources(admin_client, draft):
    moat = MoatRating.objects.filter(version=draft).first()
    page = change_page(admin_client, moat)
    assert ">null<" not in page
    assert 'name="source_document"' in page
