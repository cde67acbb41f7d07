"""Golden cases that follow the seeds, on the real catalog."""

import pytest

from advisor.domain.scoring import parse_profile, run_golden_cases, score_profile
from advisor.domain.scoring.golden import (
    GOOGLE_SHOP,
    SAME_USAGE_WORKLOADS,
    SELF_HOSTED_LLAMA,
    same_usage_profile,
)


def test_every_golden_case_passes(catalog, model):
    results = run_golden_cases(catalog, model)

    assert len(results) == 7
    assert all(result.passed for result in results), [r for r in results if not r.passed]


def test_northwind_is_high_or_critical_for_openai_microsoft(catalog, model, northwind_profile):
    top = score_profile(northwind_profile, catalog, model)["ecosystems"][0]

    assert top["ecosystem"] == "openai-microsoft"
    assert top["band"] in ("high", "critical")
    assert top["probability_costly_exit"] > 0.5


@pytest.mark.parametrize("workload", SAME_USAGE_WORKLOADS)
def test_closed_integrated_camps_are_never_below_open_ones_with_the_same_usage(catalog, model, workload):
    exposure = {}
    for slug in ("openai-microsoft", "google", "meta", "mistral"):
        scores = score_profile(
            parse_profile(same_usage_profile(slug, workload), catalog.ecosystems), catalog, model
        )
        exposure[slug] = next(e["exposure"] for e in scores["ecosystems"] if e["ecosystem"] == slug)

    assert min(exposure["openai-microsoft"], exposure["google"]) >= max(exposure["meta"], exposure["mistral"])


def test_a_self_hosted_llama_shop_with_every_practice_is_low(catalog, model):
    scores = score_profile(parse_profile(SELF_HOSTED_LLAMA, catalog.ecosystems), catalog, model)

    assert {entry["band"] for entry in scores["ecosystems"]} == {"low"}
    assert scores["overall"]["band"] == "low"


def test_a_workspace_and_vertex_shop_is_most_exposed_to_google(catalog, model):
    scores = score_profile(parse_profile(GOOGLE_SHOP, catalog.ecosystems), catalog, model)

    assert scores["ecosystems"][0]["ecosystem"] == "google"
    assert "google" in scores["recommendations"][0]["exposure_after"]
