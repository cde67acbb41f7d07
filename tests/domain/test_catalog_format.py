"""The catalog document: the shipped fixtures, the round trip, validation messages and the hash.

Plain functions on files: no database, no Django.
"""

import copy
import random
import shutil
from pathlib import Path

import pytest
import yaml

from advisor.domain.catalog_format import (
    FILES,
    CatalogProblem,
    canonical_document,
    content_hash,
    dump_catalog_dir,
    load_and_validate,
    load_catalog_dir,
    normalize_for_quote,
    validate_document,
)
from advisor.domain.vocabulary import CHANNELS, ECOSYSTEMS, SCENARIOS
from tests.paths import CATALOG_DIR

SEED_000 = "000_a892ad63938504c8.txt"
SEED_004 = "004_19313ac4ea4e640c.txt"

CLOSED_CAMPS = ("openai-microsoft", "google", "anthropic-amazon")
OPEN_CAMPS = ("meta", "mistral")


@pytest.fixture(scope="module")
def shipped() -> dict:
    return load_catalog_dir(CATALOG_DIR)


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    return folder


def read_part(folder: Path, key: str):
    return yaml.safe_load((folder / FILES[key]).read_text(encoding="utf-8"))[key]


def write_part(folder: Path, key: str, value) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump({key: value}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    (folder / FILES[key]).write_text(text, encoding="utf-8")


def messages_after(folder: Path, key: str, change) -> list[str]:
    """Validation messages once `change` has edited the part `key` of the catalog copy."""
    part = read_part(folder, key)
    change(part)
    write_part(folder, key, part)
    _, errors = load_and_validate(folder)
    return [str(error) for error in errors]


def by_slug(records: list[dict]) -> dict[str, dict]:
    return {record["slug"]: record for record in records}


def moat(document: dict, ecosystem: str, channel: str) -> int:
    [record] = [r for r in document["moats"] if r["ecosystem"] == ecosystem and r["channel"] == channel]
    return record["strength"]


def risk(document: dict, ecosystem: str, scenario: str) -> dict:
    [record] = [r for r in document["risks"] if r["ecosystem"] == ecosystem and r["scenario"] == scenario]
    return record


# --- The shipped fixtures ------------------------------------------------------------------------


def test_the_shipped_fixtures_validate_with_zero_errors():
    _, errors = load_and_validate(CATALOG_DIR)

    assert [str(error) for error in errors] == []


def test_the_seven_ecosystems_are_there_in_profile_format_order(shipped):
    assert [record["slug"] for record in shipped["ecosystems"]] == list(ECOSYSTEMS)


def test_the_ecosystem_table_fields_are_the_seed_table_verbatim(shipped):
    ecosystems = by_slug(shipped["ecosystems"])

    assert ecosystems["google"]["hardware"] == "TPU v5p"
    assert ecosystems["anthropic-amazon"]["key_risk"] == "Dependence on Amazon for compute"
    assert ecosystems["openai-microsoft"]["primary_moat"] == "User lock-in (ChatGPT, Copilot)"
    assert ecosystems["mistral"]["model_strategy"] == "Open-source (Mixtral)"
    for silent in ("xai", "cohere"):
        table_fields = ("hardware", "model_strategy", "primary_moat", "key_risk", "open_weights")
        assert [ecosystems[silent][field] for field in table_fields] == [None] * 5


def test_the_infrastructure_tiers_follow_seed_004_and_mark_inferences(shipped):
    tiers = {
        tier["company"]: (tier["tier"], tier["basis"])
        for ecosystem in shipped["ecosystems"]
        for tier in ecosystem["infrastructure_tiers"]
    }

    assert tiers == {
        "Meta": (1, "stated"),
        "Google": (1, "stated"),
        "xAI": (1, "stated"),
        "Microsoft": (2, "stated"),
        "Amazon": (2, "stated"),
        "OpenAI": (3, "stated"),
        "Anthropic": (3, "stated"),
        "Mistral AI": (3, "inferred"),
        "Cohere": (3, "inferred"),
    }


def test_the_benchmark_figures_are_the_seeds(shipped):
    models = by_slug(shipped["models"])
    figures = {
        slug: (
            models[slug]["ecosystem"],
            models[slug]["parameters"],
            models[slug]["mmlu"],
            models[slug]["first_token_latency_ms"],
            models[slug]["cost_per_1m_output_usd"],
            models[slug]["price_served_by"],
        )
        for slug in ("gpt-4o", "claude-3-5-sonnet", "gemini-1-5-pro", "llama-3-1-405b")
    }

    assert figures == {
        "gpt-4o": ("openai-microsoft", "~200B (MoE)", 88.7, 320, 15.00, "OpenAI"),
        "claude-3-5-sonnet": ("anthropic-amazon", "~150B (est.)", 88.3, 240, 3.00, "Anthropic"),
        "gemini-1-5-pro": ("google", "~200B (MoE)", 86.4, 220, 2.50, "Google"),
        "llama-3-1-405b": ("meta", "405B (dense)", 87.3, 600, 0.80, "Groq"),
    }
    assert models["llama-3-1-405b"]["open_weights"] is True
    assert models["llama-3-1-405b"]["architecture"] == "dense"


def test_mixtral_carries_only_what_the_seeds_give(shipped):
    mixtral = by_slug(shipped["models"])["mixtral-8x22b"]

    assert (mixtral["ecosystem"], mixtral["architecture"], mixtral["open_weights"]) == (
        "mistral",
        "moe",
        True,
    )
    assert [mixtral[field] for field in ("mmlu", "first_token_latency_ms", "cost_per_1m_output_usd")] == [
        None
    ] * 3


def test_the_channels_are_the_eight_of_the_format(shipped):
    assert [record["slug"] for record in shipped["channels"]] == list(CHANNELS)


def test_every_ecosystem_is_rated_on_every_channel_and_scenario(shipped):
    moat_pairs = {(r["ecosystem"], r["channel"]) for r in shipped["moats"]}
    risk_pairs = {(r["ecosystem"], r["scenario"]) for r in shipped["risks"]}

    assert moat_pairs == {(e, c) for e in ECOSYSTEMS for c in CHANNELS}
    assert risk_pairs == {(e, s) for e in ECOSYSTEMS for s in SCENARIOS}
    assert len(shipped["moats"]) == 56
    assert len(shipped["risks"]) == 35


def test_the_moat_ratings_follow_the_seeds(shipped):
    assert moat(shipped, "google", "custom_silicon") == 5
    assert moat(shipped, "anthropic-amazon", "custom_silicon") >= 4
    assert moat(shipped, "mistral", "custom_silicon") <= 1
    assert moat(shipped, "openai-microsoft", "agent_runtime") == 5
    assert moat(shipped, "openai-microsoft", "suite_integration") == 5
    assert moat(shipped, "google", "suite_integration") >= 4
    assert moat(shipped, "google", "data_gravity") >= 4
    assert moat(shipped, "openai-microsoft", "data_gravity") >= 4
    assert moat(shipped, "meta", "licence") > 0
    assert moat(shipped, "meta", "model_api") <= 1
    assert moat(shipped, "mistral", "model_api") <= 1
    assert moat(shipped, "mistral", "licence") <= 1


def test_closed_camps_have_clearly_more_moat_than_open_ones(shipped):
    totals = {slug: 0 for slug in ECOSYSTEMS}
    for record in shipped["moats"]:
        totals[record["ecosystem"]] += record["strength"]

    assert min(totals[slug] for slug in CLOSED_CAMPS) >= 2 * max(totals[slug] for slug in OPEN_CAMPS)


def test_the_risk_ratings_follow_the_seeds(shipped):
    assert risk(shipped, "anthropic-amazon", "compute_dependency")["likelihood"] >= 4
    assert risk(shipped, "mistral", "vendor_acquisition")["likelihood"] >= 4
    assert risk(shipped, "cohere", "model_deprecation")["likelihood"] >= 4
    assert risk(shipped, "cohere", "vendor_acquisition")["likelihood"] >= 4
    assert risk(shipped, "openai-microsoft", "regulatory_mandate")["likelihood"] >= 4
    assert risk(shipped, "google", "regulatory_mandate")["likelihood"] >= 4
    assert risk(shipped, "google", "compute_dependency")["likelihood"] == 1


def test_silent_cells_say_so(shipped):
    xai_moats = [r for r in shipped["moats"] if r["ecosystem"] == "xai"]

    assert sum(r["strength"] for r in xai_moats) <= 2
    assert all("seeds" in r["justification"] for r in xai_moats)


def test_the_five_predictions_are_verbatim_from_seed_000(shipped):
    seed = normalize_for_quote((CATALOG_DIR / "sources" / SEED_000).read_text(encoding="utf-8"))
    predictions = shipped["predictions"]

    assert len(predictions) == 5
    assert all(normalize_for_quote(p["text"]) in seed for p in predictions)
    assert predictions[0]["horizon"] == "2027"
    assert by_slug(predictions)["independents-consolidate"]["ecosystems"] == ["google", "mistral", "cohere"]


def test_the_market_figures_are_the_seeds(shipped):
    market = by_slug(shipped["market"])
    spending = {
        record["label"]: (record["value_2024_busd"], record["value_2027_busd"], record["cagr_pct"])
        for record in shipped["market"]
        if record["kind"] == "spending"
    }
    single = {slug: (record["value"], record["unit"]) for slug, record in market.items() if "value" in record}

    assert spending == {
        "Training Hardware (GPUs/TPUs)": (45, 60, 10),
        "Inference Hardware": (15, 45, 44),
        "AI Platform Services (API)": (12, 18, 15),
        "AI Application Software": (8, 35, 63),
    }
    assert single == {
        "price-compression-drop": (60, "percent"),
        "price-compression-from": (30, "usd_per_1m_tokens"),
        "price-compression-to": (12, "usd_per_1m_tokens"),
        "price-compression-period": (18, "months"),
        "retention-copilot-cross-product": (90, "percent"),
        "retention-copilot-single-product": (60, "percent"),
        "funding-building-on-major-ecosystems": (70, "percent"),
        "funding-independent-model-developers": (15, "percent"),
    }


def test_the_sources_folder_holds_the_two_seeds():
    assert sorted(path.name for path in (CATALOG_DIR / "sources").iterdir()) == [SEED_000, SEED_004]


# --- Canonical form and round trip ----------------------------------------------------------------


def test_dumping_the_shipped_fixtures_reproduces_them_byte_for_byte(shipped, tmp_path):
    dump_catalog_dir(shipped, tmp_path, sources_dir=CATALOG_DIR / "sources")

    for file_name in [*FILES.values(), f"sources/{SEED_000}", f"sources/{SEED_004}"]:
        assert (tmp_path / file_name).read_bytes() == (CATALOG_DIR / file_name).read_bytes(), file_name


def test_dump_then_load_gives_the_canonical_document(shipped, tmp_path):
    shuffled = copy.deepcopy(dict(shipped))
    random.Random(7).shuffle(shuffled["moats"])
    random.Random(8).shuffle(shuffled["risks"])
    shuffled["models"][0] = dict(reversed(list(shuffled["models"][0].items())))
    shuffled["models"][0]["cost_per_1m_output_usd"] = 15

    dump_catalog_dir(shuffled, tmp_path)

    assert load_catalog_dir(tmp_path) == canonical_document(shuffled)
    assert canonical_document(shuffled) == canonical_document(shipped)


def test_canonical_form_orders_moats_by_ecosystem_then_channel(shipped):
    reversed_moats = {**shipped, "moats": list(reversed(shipped["moats"]))}

    pairs = [(r["ecosystem"], r["channel"]) for r in canonical_document(reversed_moats)["moats"]]

    assert pairs == [(e, c) for e in ECOSYSTEMS for c in CHANNELS]


def test_canonical_document_does_not_change_its_argument(shipped):
    before = copy.deepcopy(dict(shipped))
    reordered = {**before, "risks": list(reversed(before["risks"]))}

    canonical_document(reordered)

    assert reordered["risks"] == list(reversed(before["risks"]))


def test_the_hash_changes_when_a_figure_changes(shipped):
    changed = copy.deepcopy(dict(shipped))
    changed["models"][0]["mmlu"] = 88.8

    assert content_hash(changed) != content_hash(shipped)


def test_the_hash_ignores_key_order_record_order_and_number_spelling(shipped):
    reordered = copy.deepcopy(dict(shipped))
    reordered = dict(reversed(list(reordered.items())))
    reordered["moats"] = [dict(reversed(list(r.items()))) for r in reversed(reordered["moats"])]
    random.Random(3).shuffle(reordered["risks"])
    reordered["models"][0]["cost_per_1m_output_usd"] = 15

    assert content_hash(reordered) == content_hash(shipped)
    assert len(content_hash(shipped)) == 64


# --- Validation messages, one per kind of error -----------------------------------------------------


def test_an_error_reads_file_path_and_message():
    error = CatalogProblem("moats.yaml", "moats[12].strength", "7 is off the scale 0–5")

    assert str(error) == "moats.yaml: moats[12].strength: 7 is off the scale 0–5"
    assert str(CatalogProblem("risks.yaml", "", "file is missing")) == "risks.yaml: file is missing"


def test_it_reports_an_unknown_ecosystem_slug(catalog_copy):
    def change(moats):
        moats[0]["ecosystem"] = "openai"

    assert messages_after(catalog_copy, "moats", change) == [
        "moats.yaml: moats[0].ecosystem: unknown ecosystem 'openai'",
        "moats.yaml: moats: missing a record for (openai-microsoft, custom_silicon)",
    ]


def test_it_reports_a_duplicate_slug(catalog_copy):
    def change(models):
        models[1]["slug"] = "gpt-4o"

    assert messages_after(catalog_copy, "models", change) == [
        "models.yaml: models[1].slug: duplicate slug 'gpt-4o', first at models[0]"
    ]


def test_it_reports_a_duplicate_moat_pair(catalog_copy):
    def change(moats):
        moats.append(dict(moats[8]))

    assert messages_after(catalog_copy, "moats", change) == [
        "moats.yaml: moats[56]: duplicate pair (google, custom_silicon), first at moats[8]"
    ]


def test_it_reports_a_duplicate_risk_pair(catalog_copy):
    def change(risks):
        risks.append(dict(risks[0]))

    assert messages_after(catalog_copy, "risks", change) == [
        "risks.yaml: risks[35]: duplicate pair (openai-microsoft, price_shock), first at risks[0]"
    ]


def test_it_reports_a_rating_off_its_scale(catalog_copy):
    def change(moats):
        moats[12]["strength"] = 7

    assert messages_after(catalog_copy, "moats", change) == [
        "moats.yaml: moats[12].strength: 7 is off the scale 0–5"
    ]


def test_it_reports_a_likelihood_and_an_impact_off_their_scale(catalog_copy):
    def change(risks):
        risks[2]["likelihood"] = 0
        risks[2]["impact"] = 2.5

    assert messages_after(catalog_copy, "risks", change) == [
        "risks.yaml: risks[2].likelihood: 0 is off the scale 1–5",
        "risks.yaml: risks[2].impact: expected an integer on the scale 1–5, got 2.5",
    ]


def test_it_reports_numbers_out_of_range(catalog_copy):
    def change(models):
        models[0]["mmlu"] = 188.7
        models[1]["first_token_latency_ms"] = -5
        models[2]["cost_per_1m_output_usd"] = -2.5

    assert messages_after(catalog_copy, "models", change) == [
        "models.yaml: models[0].mmlu: 188.7 is out of range 0–100",
        "models.yaml: models[1].first_token_latency_ms: -5 is out of range 0–600000",
        "models.yaml: models[2].cost_per_1m_output_usd: -2.5 is out of range 0–10000",
    ]


def test_it_reports_figures_beyond_their_realistic_bounds(catalog_copy):
    def change_models(models):
        models[0]["parameters_billions"] = 1e308
        models[1]["first_token_latency_ms"] = 10**9
        models[2]["cost_per_1m_output_usd"] = 1e308

    def change_market(market):
        market[0]["value_2024_busd"] = 1e308
        market[0]["cagr_pct"] = 5000.0
        market[5]["value"] = 1e308

    assert messages_after(catalog_copy, "models", change_models) == [
        "models.yaml: models[0].parameters_billions: 1e+308 is out of range 0–100000",
        "models.yaml: models[1].first_token_latency_ms: 1000000000 is out of range 0–600000",
        "models.yaml: models[2].cost_per_1m_output_usd: 1e+308 is out of range 0–10000",
    ]
    assert [m for m in messages_after(catalog_copy, "market", change_market) if m.startswith("market")] == [
        "market.yaml: market[0].value_2024_busd: 1e+308 is out of range 0–100000",
        "market.yaml: market[0].cagr_pct: 5000.0 is out of range -100–1000",
        "market.yaml: market[5].value: 1e+308 is out of range 0–1000000",
    ]


def test_it_reports_a_tier_out_of_range(catalog_copy):
    def change(ecosystems):
        ecosystems[0]["infrastructure_tiers"][0]["tier"] = 5

    assert messages_after(catalog_copy, "ecosystems", change) == [
        "ecosystems.yaml: ecosystems[0].infrastructure_tiers[0].tier: 5 is out of range 1–4"
    ]


def test_it_reports_a_missing_source(catalog_copy):
    def change(risks):
        del risks[3]["source"]

    assert messages_after(catalog_copy, "risks", change) == [
        "risks.yaml: risks[3]: missing source (give source or sources)"
    ]


def test_it_reports_a_missing_quote(catalog_copy):
    def change(channels):
        del channels[0]["source"]["quote"]

    assert messages_after(catalog_copy, "channels", change) == [
        "channels.yaml: channels[0].source.quote: missing required field"
    ]


def test_it_reports_a_quote_not_in_its_document(catalog_copy):
    def change(models):
        models[0]["source"]["quote"] = "| GPT-4o | ~200B (MoE) | 89.7 | 320 | $15.00 |"

    assert messages_after(catalog_copy, "models", change) == [
        "models.yaml: models[0].source.quote: quote not found in 000_a892ad63938504c8.txt"
    ]


def test_quotes_match_across_typographic_quotes_dashes_and_whitespace(catalog_copy):
    def change(ecosystems):
        # The seed writes "Musk’s" with a curly apostrophe and "approach—models" with an em dash.
        ecosystems[5]["sources"][0]["quote"] = (
            "xAI: Building  owned infrastructure\nwith Musk's capital backing"
        )
        ecosystems[4]["sources"][1]["quote"] = "a “Swiss Army knife” approach–models that run on any cloud"

    messages = messages_after(catalog_copy, "ecosystems", change)

    assert messages == [
        "ecosystems.yaml: ecosystems[4].sources[1].quote: quote not found in 000_a892ad63938504c8.txt"
    ]


def test_it_reports_a_source_file_that_is_not_in_sources(catalog_copy):
    def change(moats):
        moats[0]["source"]["document"] = "000_typo.txt"

    assert messages_after(catalog_copy, "moats", change) == [
        "moats.yaml: moats[0].source.document: '000_typo.txt' is not a file in sources/"
    ]


def test_an_outside_document_needs_only_a_document_and_a_quote(catalog_copy):
    def change(market):
        market[0]["source"] = {"document": "https://example.org/report", "quote": "Anything at all"}
        market[1]["source"] = {"document": "Some report", "quote": ""}

    assert messages_after(catalog_copy, "market", change) == [
        "market.yaml: market[1].source.quote: must not be empty"
    ]


def test_it_reports_a_moat_for_an_unknown_channel(catalog_copy):
    def change(moats):
        moats[0]["channel"] = "silicon"

    assert messages_after(catalog_copy, "moats", change) == [
        "moats.yaml: moats[0].channel: unknown channel 'silicon'",
        "moats.yaml: moats: missing a record for (openai-microsoft, custom_silicon)",
    ]


def test_it_reports_an_incomplete_matrix(catalog_copy):
    def change(risks):
        risks[:] = [record for record in risks if record["ecosystem"] != "xai"]

    assert messages_after(catalog_copy, "risks", change) == [
        f"risks.yaml: risks: missing a record for (xai, {scenario})" for scenario in SCENARIOS
    ]


def test_a_new_ecosystem_must_be_rated_everywhere(catalog_copy):
    def change(ecosystems):
        ecosystems.append({**ecosystems[-1], "slug": "newcomer", "name": "Newcomer"})

    messages = messages_after(catalog_copy, "ecosystems", change)

    assert "moats.yaml: moats: missing a record for (newcomer, pricing)" in messages
    assert "risks.yaml: risks: missing a record for (newcomer, price_shock)" in messages
    assert len(messages) == len(CHANNELS) + len(SCENARIOS)


def test_it_reports_a_missing_profile_format_ecosystem(catalog_copy):
    def change(ecosystems):
        ecosystems.pop()

    messages = messages_after(catalog_copy, "ecosystems", change)

    assert messages[0] == "ecosystems.yaml: ecosystems: missing ecosystem 'cohere'"
    assert "moats.yaml: moats[48].ecosystem: unknown ecosystem 'cohere'" in messages


def test_it_reports_a_missing_channel(catalog_copy):
    def change(channels):
        channels.pop()

    assert messages_after(catalog_copy, "channels", change) == [
        "channels.yaml: channels: missing channel 'pricing'"
    ]


def test_it_reports_an_unknown_key(catalog_copy):
    def change(models):
        models[0]["mmlu_score"] = 88.7

    assert messages_after(catalog_copy, "models", change) == [
        "models.yaml: models[0]: unknown key 'mmlu_score'"
    ]


def test_it_reports_missing_fields_wrong_types_and_nulls(catalog_copy):
    def change(models):
        del models[0]["name"]
        models[1]["open_weights"] = "no"
        models[2]["architecture"] = None
        models[3]["architecture"] = "sparse"

    assert messages_after(catalog_copy, "models", change) == [
        "models.yaml: models[0].name: missing required field",
        "models.yaml: models[1].open_weights: expected true or false, got 'no'",
        "models.yaml: models[2].architecture: must not be null",
        "models.yaml: models[3].architecture: 'sparse' is not one of moe, dense, unknown",
    ]


def test_it_reports_market_figures_that_do_not_fit_the_kind(catalog_copy):
    def change(market):
        del market[0]["cagr_pct"]
        market[4]["value_2024_busd"] = 1
        market[8]["value"] = 190

    assert messages_after(catalog_copy, "market", change) == [
        "market.yaml: market[0].cagr_pct: missing required field for kind 'spending'",
        "market.yaml: market[4].value_2024_busd: not a figure of kind 'price_compression'",
        "market.yaml: market[8].value: 190 is out of range 0–100 for unit percent",
    ]


def test_it_reports_a_scale_that_is_not_the_formats(catalog_copy):
    def change(catalog):
        del catalog["scales"]["moat_strength"][5]

    assert messages_after(catalog_copy, "catalog", change) == [
        "catalog.yaml: catalog.scales.moat_strength: must label exactly the points 0, 1, 2, 3, 4, 5"
    ]


def test_it_reports_a_yaml_syntax_error(catalog_copy):
    (catalog_copy / "moats.yaml").write_text("moats:\n- ecosystem: google\n  channel: [custom_silicon\n")

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == [
        "moats.yaml: invalid YAML at line 4, column 1: expected ',' or ']', but got '<stream end>'"
    ]


def test_it_reports_a_key_given_twice_in_one_record(catalog_copy):
    (catalog_copy / "moats.yaml").write_text("moats:\n- ecosystem: google\n  ecosystem: meta\n")

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == [
        "moats.yaml: invalid YAML at line 3, column 3: found duplicate key 'ecosystem'"
    ]


def test_it_reports_a_missing_file(catalog_copy):
    (catalog_copy / "risks.yaml").unlink()

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == ["risks.yaml: file is missing"]


def test_it_reports_a_file_without_its_top_level_key(catalog_copy):
    (catalog_copy / "market.yaml").write_text("markets: []\n")

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == [
        "market.yaml: expected a mapping with the top-level key 'market'"
    ]


def test_it_reports_a_missing_sources_folder(catalog_copy):
    shutil.rmtree(catalog_copy / "sources")

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == ["sources/: folder is missing"]


def test_a_broken_ecosystems_file_does_not_cascade_into_unknown_references(catalog_copy):
    (catalog_copy / "ecosystems.yaml").write_text("ecosystems: [\n")

    _, errors = load_and_validate(catalog_copy)

    assert len(errors) == 1
    assert str(errors[0]).startswith("ecosystems.yaml: invalid YAML at line 2")


def test_it_reports_every_error_at_once(catalog_copy):
    moats = read_part(catalog_copy, "moats")
    moats[12]["strength"] = 7
    write_part(catalog_copy, "moats", moats)
    models = read_part(catalog_copy, "models")
    models[0]["mmlu_score"] = 1
    models[1]["source"]["quote"] = "not in the seed"
    write_part(catalog_copy, "models", models)
    (catalog_copy / "predictions.yaml").unlink()

    _, errors = load_and_validate(catalog_copy)

    assert [str(error) for error in errors] == [
        "models.yaml: models[0]: unknown key 'mmlu_score'",
        "models.yaml: models[1].source.quote: quote not found in 000_a892ad63938504c8.txt",
        "moats.yaml: moats[12].strength: 7 is off the scale 0–5",
        "predictions.yaml: file is missing",
    ]


def test_without_a_sources_folder_quotes_are_not_looked_up(shipped):
    changed = copy.deepcopy(dict(shipped))
    changed["models"][0]["source"]["quote"] = "not in the seed"

    assert validate_document(changed) == []
    assert [str(e) for e in validate_document(changed, sources_dir=CATALOG_DIR / "sources")] == [
        "models.yaml: models[0].source.quote: quote not found in 000_a892ad63938504c8.txt"
    ]


def test_a_document_missing_a_part_names_its_file(shipped):
    partial = {key: value for key, value in shipped.items() if key != "market"}

    assert [str(e) for e in validate_document(partial)] == ["market.yaml: missing the top-level key 'market'"]
