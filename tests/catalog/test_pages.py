import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_catalog_pages_need_sign_in(client, catalog):
    assert client.get(reverse("catalog:models")).status_code == 302


def test_the_benchmark_table_shows_the_seed_figures_exactly(client, personas, catalog):
    client.force_login(personas.cto)
    page = client.get(reverse("catalog:models")).content.decode()
    for figure in (
        "GPT-4o",
        "88.7",
        "320 ms",
        "$15.00",
        "Llama 3.1 405B",
        "87.3",
        "600 ms",
        "$0.80",
        "(via Groq)",
        "Claude 3.5 Sonnet",
        "88.3",
        "240 ms",
        "$3.00",
        "Gemini 1.5 Pro",
        "86.4",
        "220 ms",
        "$2.50",
    ):
        assert figure in page, figure
    assert "catalog <strong>v1</strong>" in page


def test_the_ecosystem_comparison_shows_the_strategy_table(client, personas, catalog):
    client.force_login(personas.consultant_a)
    page = client.get(reverse("catalog:ecosystems")).content.decode()
    for text in (
        "TPU v5p",
        "Closed, integrated",
        "Trainium2",
        "Open-source (Llama)",
        "NVIDIA (any cloud)",
        "Dependence on Amazon for compute",
        "Tier 1 (Google)",
    ):
        assert text in page, text


def test_the_channel_matrix_is_a_heat_map_of_every_rating(client, personas, catalog):
    client.force_login(personas.cto)
    response = client.get(reverse("catalog:channels"))
    rows = response.context["moat_rows"]
    assert len(rows) == 7
    assert all(len(row["cells"]) == 8 for row in rows)
    google = next(row for row in rows if row["ecosystem"].slug == "google")
    silicon = next(cell for cell in google["cells"] if cell.channel.slug == "custom_silicon")
    assert silicon.strength == 5
    assert f'class="heat heat-{silicon.strength}"' in response.content.decode()


def test_an_unknown_version_number_falls_back_to_the_active_one(client, personas, catalog):
    client.force_login(personas.cto)
    assert client.get(reverse("catalog:models") + "?version=99").status_code == 404
    assert client.get(reverse("catalog:models") + "?version=1").status_code == 200
