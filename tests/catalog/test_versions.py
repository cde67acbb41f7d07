"""Published versions never change; drafts are edited, diffed and published."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from advisor.catalog import services
from advisor.catalog.models import CatalogVersion, FoundationModel, ImmutableCatalogError, MoatRating
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="ada@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.user = admin
    return client


def test_a_published_record_refuses_to_change(catalog):
    moat = MoatRating.objects.filter(version=catalog).first()
    moat.strength = 0
    with pytest.raises(ImmutableCatalogError, match="published"):
        moat.save()
    with pytest.raises(ImmutableCatalogError):
        moat.delete()
    moat.refresh_from_db()
    assert moat.strength != 0 or MoatRating.objects.filter(pk=moat.pk, strength=0).exists()


def test_a_published_version_refuses_to_change_or_go(catalog):
    catalog.note = "rewritten history"
    with pytest.raises(ImmutableCatalogError):
        catalog.save()
    with pytest.raises(ImmutableCatalogError):
        catalog.delete()
    assert CatalogVersion.objects.get(pk=catalog.pk).note != "rewritten history"


def test_a_draft_is_a_copy_of_the_active_version(catalog):
    draft = services.catalog_draft_create(user=None)
    assert not draft.is_published
    assert draft.based_on == catalog
    assert services.catalog_version_document(draft) == services.catalog_version_document(catalog)


def test_publishing_an_unchanged_draft_is_refused(catalog):
    draft = services.catalog_draft_create(user=None)
    with pytest.raises(services.CatalogInvalid, match="problem"):
        services.catalog_publish(draft=draft, user=None)
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_an_invalid_draft_is_refused_with_the_reason(catalog):
    draft = services.catalog_draft_create(user=None)
    MoatRating.objects.filter(version=draft).update(strength=9)  # bypasses the form validators
    with pytest.raises(services.CatalogInvalid) as refused:
        services.catalog_publish(draft=draft, user=None)
    assert "off the scale 0–5" in str(refused.value.errors[0])


def test_admin_edits_a_draft_reviews_the_diff_and_publishes(admin_client, catalog):
    admin_client.post(reverse("admin:catalog_version_new_draft"))
    draft = CatalogVersion.objects.get(status=CatalogVersion.Status.DRAFT)
    gpt = FoundationModel.objects.get(version=draft, slug="gpt-4o")
    change_url = reverse("admin:catalog_foundationmodel_change", args=[gpt.pk])
    form = admin_client.get(change_url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name not in ("source", "sources")
    }
    data.update(
        cost_per_1m_output_usd="12.5",
        source_document="000_a892ad63938504c8.txt",
        source_quote="| GPT-4o | ~200B (MoE) | 88.7 | 320 | $15.00 |",
        sources_count="1",
    )
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert FoundationModel.objects.get(pk=gpt.pk).cost_per_1m_output_usd == 12.5

    review = admin_client.get(reverse("admin:catalog_version_review", args=[draft.pk])).content.decode()
    assert "-  cost_per_1m_output_usd: 15.0" in review
    assert "+  cost_per_1m_output_usd: 12.5" in review
    assert "ada@example.com" in review  # who changed what

    admin_client.post(reverse("admin:catalog_version_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.number == 2
    assert draft.published_by == admin_client.user
    assert CatalogVersion.objects.active() == draft
    assert FoundationModel.objects.get(version=catalog, slug="gpt-4o").cost_per_1m_output_usd == 15.0
    assert LogEntry.objects.filter(object_repr="GPT-4o").exists()


def test_admin_shows_published_records_read_only(admin_client, catalog):
    gpt = FoundationModel.objects.get(version=catalog, slug="gpt-4o")
    url = reverse("admin:catalog_foundationmodel_change", args=[gpt.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    admin_client.post(url, {"name": "Renamed"})
    assert FoundationModel.objects.get(pk=gpt.pk).name == "GPT-4o"
