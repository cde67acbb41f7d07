import io

import pytest
import yaml
from django.core.management import CommandError, call_command

from advisor.catalog import services
from advisor.catalog.models import CatalogVersion, Ecosystem, FoundationModel, MoatRating, RiskRating
from advisor.domain.catalog_format import canonical_document, load_catalog_dir
from tests.paths import CATALOG_DIR

pytestmark = pytest.mark.django_db


def _import(path) -> str:
    out = io.StringIO()
    call_command("import_catalog", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _import_errors(path) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_catalog", str(path), stdout=io.StringIO(), stderr=err)
    return str(failure.value), err.getvalue()


def _database_state() -> tuple:
    return tuple(
        (model.__name__, model.objects.count())
        for model in (CatalogVersion, *services.RECORD_MODELS.values())
    ) + tuple(CatalogVersion.objects.values_list("pk", "number", "content_hash"))


def _edit(folder, file_name, change):
    path = folder / file_name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_import_publishes_the_seed_tables_with_their_exact_figures():
    assert "Published catalog v1" in _import(CATALOG_DIR)
    version = CatalogVersion.objects.active()
    assert version.number == 1
    assert list(version.ecosystems.values_list("slug", flat=True)) == [
        "openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere",
    ]  # fmt: skip
    gpt = FoundationModel.objects.get(version=version, slug="gpt-4o")
    assert (gpt.mmlu, gpt.first_token_latency_ms, gpt.cost_per_1m_output_usd) == (88.7, 320, 15.0)
    llama = FoundationModel.objects.get(version=version, slug="llama-3-1-405b")
    assert (llama.mmlu, llama.first_token_latency_ms, llama.cost_per_1m_output_usd) == (87.3, 600, 0.8)
    assert llama.price_served_by == "Groq"
    assert MoatRating.objects.filter(version=version).count() == 7 * 8
    assert RiskRating.objects.filter(version=version).count() == 7 * 5


def test_importing_the_same_content_again_publishes_nothing():
    _import(CATALOG_DIR)
    assert "unchanged: v1 is active" in _import(CATALOG_DIR)
    assert CatalogVersion.objects.count() == 1


def test_a_changed_figure_publishes_a_new_version_and_keeps_the_old_one(catalog_copy):
    _import(CATALOG_DIR)
    _edit(catalog_copy, "models.yaml", lambda d: d["models"][0].update(mmlu=89.0))
    assert "Published catalog v2" in _import(catalog_copy)
    v1, v2 = CatalogVersion.objects.get(number=1), CatalogVersion.objects.get(number=2)
    assert CatalogVersion.objects.active() == v2
    assert FoundationModel.objects.get(version=v1, slug="gpt-4o").mmlu == 88.7
    assert FoundationModel.objects.get(version=v2, slug="gpt-4o").mmlu == 89.0
    assert v1.content_hash != v2.content_hash


def test_export_writes_the_fixture_files_back_byte_for_byte(tmp_path):
    _import(CATALOG_DIR)
    call_command("export_catalog", str(tmp_path / "out"), stdout=io.StringIO())
    for path in CATALOG_DIR.rglob("*"):
        if path.is_file():
            exported = tmp_path / "out" / path.relative_to(CATALOG_DIR)
            assert exported.read_bytes() == path.read_bytes(), path.name


def test_import_of_an_export_is_identical(tmp_path):
    _import(CATALOG_DIR)
    call_command("export_catalog", str(tmp_path / "out"), stdout=io.StringIO())
    assert "unchanged" in _import(tmp_path / "out")
    document = services.catalog_version_document(CatalogVersion.objects.active())
    assert document == canonical_document(load_catalog_dir(CATALOG_DIR))


def test_export_of_an_older_version(tmp_path, catalog_copy):
    _import(CATALOG_DIR)
    _edit(catalog_copy, "models.yaml", lambda d: d["models"][0].update(mmlu=89.0))
    _import(catalog_copy)
    call_command("export_catalog", str(tmp_path / "v1"), "--catalog-version", "1", stdout=io.StringIO())
    assert (tmp_path / "v1" / "models.yaml").read_bytes() == (CATALOG_DIR / "models.yaml").read_bytes()


@pytest.mark.parametrize(
    ("file_name", "change", "expected"),
    [
        ("moats.yaml", lambda d: d["moats"][3].update(strength=7), "moats.yaml: moats[3].strength: 7 is off the scale 0–5"),
        ("models.yaml", lambda d: d["models"][0].update(ecosystem="acme"), "models.yaml: models[0].ecosystem: unknown ecosystem 'acme'"),
        ("models.yaml", lambda d: d["models"][0].update(mmlu=120), "models.yaml: models[0].mmlu: 120 is out of range"),
        ("moats.yaml", lambda d: d["moats"][0].pop("source"), "moats.yaml: moats[0]: missing source (give source or sources)"),
        ("moats.yaml", lambda d: d["moats"][0].update(channel="telepathy"), "moats.yaml: moats[0].channel: unknown channel 'telepathy'"),
        ("ecosystems.yaml", lambda d: d["ecosystems"][1].update(slug="openai-microsoft"), "ecosystems.yaml: ecosystems[1].slug: duplicate slug 'openai-microsoft'"),
    ],
)  # fmt: skip
def test_a_bad_record_is_named_by_file_and_path_and_nothing_changes(
    catalog_copy, file_name, change, expected
):
    _import(CATALOG_DIR)
    before = _database_state()
    _edit(catalog_copy, file_name, change)
    summary, errors = _import_errors(catalog_copy)
    assert expected in errors
    assert "nothing was imported" in summary
    assert _database_state() == before


def test_every_error_is_reported_at_once(catalog_copy):
    def break_two(d):
        d["moats"][0]["strength"] = 9
        d["moats"][1]["strength"] = -1

    _edit(catalog_copy, "moats.yaml", break_two)
    _summary, errors = _import_errors(catalog_copy)
    assert "moats[0].strength" in errors
    assert "moats[1].strength" in errors
    assert not CatalogVersion.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(catalog_copy, monkeypatch):
    _import(CATALOG_DIR)
    before = _database_state()
    _edit(catalog_copy, "models.yaml", lambda d: d["models"][0].update(mmlu=89.0))
    original = RiskRating.objects.bulk_create

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RiskRating.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        services.catalog_import(path=catalog_copy)
    monkeypatch.setattr(RiskRating.objects, "bulk_create", original)
    assert _database_state() == before


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not a folder"):
        call_command("import_catalog", str(tmp_path / "nope"), stdout=io.StringIO())


def test_ecosystems_keep_the_seed_table_fields():
    _import(CATALOG_DIR)
    openai = Ecosystem.objects.get(version__number=1, slug="openai-microsoft")
    assert openai.hardware == "Azure + custom (rumored)"
    assert openai.key_risk == "Antitrust scrutiny, talent retention"
    assert {t["tier"] for t in openai.infrastructure_tiers} == {2, 3}
