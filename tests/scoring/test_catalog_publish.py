"""Publishing a catalog whose ratings no active model fits tells the administrator at once."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from advisor.catalog import services as catalog_services
from advisor.catalog.models import CatalogVersion, FoundationModel, MoatRating
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="ada@example.com", is_staff=True, is_superuser=True))
    return client


def publish_draft(admin_client, change) -> str:
    draft = catalog_services.catalog_draft_create(user=None)
    change(draft)
    response = admin_client.post(reverse("admin:catalog_version_publish", args=[draft.pk]), follow=True)
    assert CatalogVersion.objects.active() == draft
    return response.content.decode()


def test_new_ratings_without_a_model_are_flagged_with_what_to_run(admin_client, active_model):
    def change_a_rating(draft):
        moat = MoatRating.objects.filter(version=draft).first()
        MoatRating.objects.filter(pk=moat.pk).update(strength=(moat.strength + 1) % 6)

    page = publish_draft(admin_client, change_a_rating)

    assert "No active scoring model fits the ratings of catalog v2" in page
    assert "python manage.py train_model" in page


def test_a_change_that_keeps_the_ratings_keeps_the_model_and_says_nothing(admin_client, active_model):
    def change_a_price(draft):
        FoundationModel.objects.filter(version=draft, slug="gpt-4o").update(cost_per_1m_output_usd=12.5)

    page = publish_draft(admin_client, change_a_price)

    assert "No active scoring model fits" not in page


def test_import_catalog_says_so_too(catalog, catalog_copy_with_new_rating):
    out, err = io.StringIO(), io.StringIO()

    call_command("import_catalog", str(catalog_copy_with_new_rating), stdout=out, stderr=err)

    assert "No active scoring model fits the ratings of catalog v2" in err.getvalue()


@pytest.fixture
def catalog_copy_with_new_rating(tmp_path):
    import shutil

    from tests.paths import CATALOG_DIR

    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    moats = target / "moats.yaml"
    moats.write_text(moats.read_text().replace("strength: 5", "strength: 4", 1))
    return target
