"""Golden cases: what the seeds say must come out, checked by the training gates and the tests.

1. With the same usage, an ecosystem the seeds call closed and vertically integrated
   (OpenAI/Microsoft, Google) is never scored below one they call open and portable (Meta's
   Llama, Mistral: "models that run on any cloud").
2. The example of profile-format.md (Northwind Bank) is high or critical for OpenAI/Microsoft,
   and that is its most exposed ecosystem.
3. A self-hosted Llama organization with every portability practice is low everywhere.
4. A Google Workspace shop running Gemini on Vertex with TPUs is most exposed to Google.
5. An ecosystem the profile does not use scores 0 with probability 0.
6. A deeply integrated Mistral estate (mission-critical, fine-tuned agents on the vendor's vector
   store, a large multi-year commitment) is not "low": most of its switching cost is its own.
7. A company with Microsoft 365 Copilot on every seat and GitHub Copilot is not "low" on
   OpenAI/Microsoft (seed 000: "switching costs are enormous").
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.domain.profile import parse_profile
from advisor.domain.scoring.arrays import FloatArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.model import Model
from advisor.domain.scoring.scores import assess

CLOSED_INTEGRATED = ("openai-microsoft", "google")
OPEN_PORTABLE = ("meta", "mistral")

NORTHWIND_BANK = {
    "format": "lockin-profile/1",
    "organization": {
        "name": "Northwind Bank",
        "industry": "financial_services",
        "employees": 12000,
        "regulated": True,
        "eu_operations": True,
        "annual_ai_spend_usd": 2400000,
    },
    "workloads": [
        {
            "name": "Customer support assistant",
            "ecosystem": "openai-microsoft",
            "model": "gpt-4o",
            "deployment": "cloud_marketplace",
            "criticality": "mission_critical",
            "monthly_spend_usd": 42000,
            "features": ["fine_tuning", "assistants_or_agents_api", "vendor_vector_store"],
            "data_location": "vendor_cloud",
            "accelerator": "none",
        }
    ],
    "productivity_suite": {
        "suite": "microsoft_365_copilot",
        "seat_share": 0.8,
        "code_assistant": "github_copilot",
    },
    "practices": {
        "llm_gateway": False,
        "eval_harness": False,
        "prompt_portability": False,
        "open_weights_fallback": False,
        "multi_vendor_in_production": False,
        "exit_plan_documented": False,
        "data_export_tested": False,
    },
    "contracts": [
        {
            "ecosystem": "openai-microsoft",
            "committed_spend_usd": 1500000,
            "months_remaining": 24,
            "data_export_clause": False,
            "termination_assistance": False,
        }
    ],
}

SELF_HOSTED_LLAMA = {
    "format": "lockin-profile/1",
    "organization": {
        "name": "Open Weights Manufacturing",
        "industry": "manufacturing",
        "employees": 3000,
        "regulated": False,
        "eu_operations": True,
        "annual_ai_spend_usd": 600000,
    },
    "workloads": [
        {
            "name": name,
            "ecosystem": "meta",
            "model": "llama-3-1-405b",
            "deployment": "self_hosted",
            "criticality": criticality,
            "monthly_spend_usd": spend,
            "features": features,
            "data_location": location,
            "accelerator": "nvidia",
        }
        for name, criticality, spend, features, location in (
            ("Maintenance copilot", "high", 25000, ["fine_tuning", "function_calling"], "on_premises"),
            ("Document search", "medium", 12000, ["function_calling"], "own_cloud"),
            ("Quality reports", "mission_critical", 8000, [], "on_premises"),
        )
    ],
    "productivity_suite": {"suite": "other", "seat_share": 0.3, "code_assistant": "other"},
    "practices": {
        "llm_gateway": True,
        "eval_harness": True,
        "prompt_portability": True,
        "open_weights_fallback": True,
        "multi_vendor_in_production": True,
        "exit_plan_documented": True,
        "data_export_tested": True,
    },
    "contracts": [],
}

GOOGLE_SHOP = {
    "format": "lockin-profile/1",
    "organization": {
        "name": "Vertex Retail",
        "industry": "retail",
        "employees": 8000,
        "regulated": False,
        "eu_operations": False,
        "annual_ai_spend_usd": 1800000,
    },
    "workloads": [
        {
            "name": "Product search",
            "ecosystem": "google",
            "model": "gemini-1-5-pro",
            "deployment": "cloud_marketplace",
            "criticality": "mission_critical",
            "monthly_spend_usd": 60000,
            "features": ["fine_tuning", "vendor_embeddings", "vendor_vector_store", "function_calling"],
            "data_location": "vendor_cloud",
            "accelerator": "tpu",
        },
        {
            "name": "Demand forecasting assistant",
            "ecosystem": "google",
            "model": "gemini-1-5-pro",
            "deployment": "cloud_marketplace",
            "criticality": "high",
            "monthly_spend_usd": 30000,
            "features": ["assistants_or_agents_api", "batch_api"],
            "data_location": "vendor_cloud",
            "accelerator": "tpu",
        },
        {
            "name": "Marketing copy",
            "ecosystem": "openai-microsoft",
            "model": "gpt-4o",
            "deployment": "vendor_api",
            "criticality": "low",
            "monthly_spend_usd": 5000,
            "features": [],
            "data_location": "own_cloud",
            "accelerator": "none",
        },
    ],
    "productivity_suite": {
        "suite": "google_workspace_gemini",
        "seat_share": 0.9,
        "code_assistant": "gemini_code_assist",
    },
}

DEEP_MISTRAL = {
    "format": "lockin-profile/1",
    "organization": {
        "name": "Deep Mistral Insurance",
        "industry": "financial_services",
        "employees": 20000,
        "regulated": True,
        "eu_operations": True,
        "annual_ai_spend_usd": 100000000,
    },
    "workloads": [
        {
            "name": f"Agent {number}",
            "ecosystem": "mistral",
            "model": "mistral-large",
            "deployment": "vendor_api",
            "criticality": "mission_critical",
            "monthly_spend_usd": 400000,
            "features": [
                "fine_tuning",
                "assistants_or_agents_api",
                "vendor_vector_store",
                "vendor_embeddings",
            ],
            "data_location": "vendor_cloud",
            "accelerator": "none",
        }
        for number in range(1, 21)
    ],
    "contracts": [
        {
            "ecosystem": "mistral",
            "committed_spend_usd": 1000000000,
            "months_remaining": 120,
            "data_export_clause": False,
            "termination_assistance": False,
        }
    ],
}

ALL_COPILOT = {
    "format": "lockin-profile/1",
    "organization": {
        "name": "Copilot Everywhere",
        "industry": "other",
        "employees": 5000,
        "regulated": False,
        "eu_operations": False,
        "annual_ai_spend_usd": 100000,
    },
    "workloads": [
        {
            "name": "Meeting notes",
            "ecosystem": "openai-microsoft",
            "model": "gpt-4o",
            "deployment": "vendor_api",
            "criticality": "low",
            "monthly_spend_usd": 500,
            "features": [],
            "data_location": "own_cloud",
            "accelerator": "none",
        }
    ],
    "productivity_suite": {
        "suite": "microsoft_365_copilot",
        "seat_share": 1.0,
        "code_assistant": "github_copilot",
    },
}

# Usage patterns for case 1, each given to one ecosystem at a time. None is self-hosted: closed
# weights cannot be self-hosted, so "the same usage" would not exist.
SAME_USAGE_WORKLOADS = (
    {"deployment": "vendor_api", "criticality": "high", "monthly_spend_usd": 20000,
     "features": ["function_calling"], "data_location": "own_cloud", "accelerator": "none"},
    {"deployment": "cloud_marketplace", "criticality": "mission_critical", "monthly_spend_usd": 40000,
     "features": ["assistants_or_agents_api", "vendor_vector_store", "vendor_embeddings"],
     "data_location": "vendor_cloud", "accelerator": "none"},
    {"deployment": "cloud_marketplace", "criticality": "medium", "monthly_spend_usd": 10000,
     "features": ["vendor_guardrails", "vendor_eval_tools", "batch_api"],
     "data_location": "vendor_cloud", "accelerator": "none"},
    {"deployment": "vendor_api", "criticality": "high", "monthly_spend_usd": 15000,
     "features": ["fine_tuning", "function_calling", "code_interpreter", "realtime_voice"],
     "data_location": "vendor_cloud", "accelerator": "none"},
    {"deployment": "vendor_api", "criticality": "low", "monthly_spend_usd": 0,
     "features": [], "data_location": "on_premises", "accelerator": "none"},
)  # fmt: skip


@dataclass(frozen=True)
class GoldenResult:
    name: str
    passed: bool
    detail: str


def run_golden_cases(catalog: Catalog, model: Model) -> tuple[GoldenResult, ...]:
    checks: tuple[Callable[[Catalog, Model], GoldenResult], ...] = (
        closed_not_below_open,
        northwind_is_high_for_openai_microsoft,
        self_hosted_llama_with_practices_is_low,
        google_shop_is_most_exposed_to_google,
        unused_ecosystems_score_zero,
        deep_mistral_estate_is_not_low,
        all_copilot_company_is_not_low,
    )
    missing = [slug for slug in (*CLOSED_INTEGRATED, *OPEN_PORTABLE) if slug not in catalog.ecosystems]
    if missing:
        # The catalog format requires these slugs; a catalog without them cannot be checked.
        detail = f"the catalog lacks {', '.join(missing)}"
        return tuple(GoldenResult(check.__name__, False, detail) for check in checks)
    return tuple(check(catalog, model) for check in checks)


def same_usage_profile(
    ecosystem: str, workload: dict[str, Any], with_contract: bool = False
) -> dict[str, Any]:
    document = {
        "format": "lockin-profile/1",
        "organization": {
            "name": "Same usage",
            "industry": "software",
            "employees": 1500,
            "regulated": False,
            "eu_operations": False,
            "annual_ai_spend_usd": 1200000,
        },
        "workloads": [{"name": "Workload", "ecosystem": ecosystem, "model": "any", **workload}],
    }
    if with_contract:
        document["contracts"] = [
            {"ecosystem": ecosystem, "committed_spend_usd": 600000, "months_remaining": 18,
             "data_export_clause": False, "termination_assistance": True}
        ]  # fmt: skip
    return document


def closed_not_below_open(catalog: Catalog, model: Model) -> GoldenResult:
    closed = [slug for slug in CLOSED_INTEGRATED if slug in catalog.ecosystems]
    open_ = [slug for slug in OPEN_PORTABLE if slug in catalog.ecosystems]
    documents, labels = [], []
    for number, workload in enumerate(SAME_USAGE_WORKLOADS):
        for with_contract in (False, True):
            for slug in closed + open_:
                documents.append(same_usage_profile(slug, workload, with_contract))
                labels.append((number, with_contract, slug))
    exposure = _exposures(documents, catalog, model)
    scores = {label: exposure[i, catalog.index_of(label[2])] for i, label in enumerate(labels)}
    failures = [
        f"usage {number}{' with contract' if contract else ''}: {c} {scores[number, contract, c]:.1f} "
        f"< {o} {scores[number, contract, o]:.1f}"
        for (number, contract, c) in scores
        if c in closed
        for o in open_
        if scores[number, contract, c] < scores[number, contract, o]
    ]
    detail = "; ".join(failures) or f"{len(closed)} closed ≥ {len(open_)} open on {len(labels) // 4} usages"
    return GoldenResult("closed_not_below_open", not failures, detail)


def northwind_is_high_for_openai_microsoft(catalog: Catalog, model: Model) -> GoldenResult:
    exposure = _exposures([NORTHWIND_BANK], catalog, model)[0]
    ours = exposure[catalog.index_of("openai-microsoft")]
    passed = ours >= 50.0 and ours >= exposure.max()
    return GoldenResult(
        "northwind_is_high_for_openai_microsoft", bool(passed), f"openai-microsoft {ours:.1f}"
    )


def self_hosted_llama_with_practices_is_low(catalog: Catalog, model: Model) -> GoldenResult:
    exposure = _exposures([SELF_HOSTED_LLAMA], catalog, model)[0]
    top = int(np.argmax(exposure))
    passed = exposure.max() < 25.0
    return GoldenResult(
        "self_hosted_llama_with_practices_is_low",
        bool(passed),
        f"highest {catalog.ecosystems[top]} {exposure[top]:.1f}",
    )


def google_shop_is_most_exposed_to_google(catalog: Catalog, model: Model) -> GoldenResult:
    exposure = _exposures([GOOGLE_SHOP], catalog, model)[0]
    google = exposure[catalog.index_of("google")]
    others = np.delete(exposure, catalog.index_of("google"))
    passed = google > others.max()
    return GoldenResult("google_shop_is_most_exposed_to_google", bool(passed), f"google {google:.1f}")


def unused_ecosystems_score_zero(catalog: Catalog, model: Model) -> GoldenResult:
    profile = parse_profile(NORTHWIND_BANK, catalog.ecosystems)
    scored = assess([profile], catalog, model)
    unused = ~scored.features.in_use[0]
    passed = bool(np.all(scored.exposure[0, unused] == 0) and np.all(scored.probability[0, unused] == 0))
    return GoldenResult("unused_ecosystems_score_zero", passed, f"{int(unused.sum())} unused")


def deep_mistral_estate_is_not_low(catalog: Catalog, model: Model) -> GoldenResult:
    mistral = _exposures([DEEP_MISTRAL], catalog, model)[0, catalog.index_of("mistral")]
    return GoldenResult("deep_mistral_estate_is_not_low", bool(mistral >= 25.0), f"mistral {mistral:.1f}")


def all_copilot_company_is_not_low(catalog: Catalog, model: Model) -> GoldenResult:
    ours = _exposures([ALL_COPILOT], catalog, model)[0, catalog.index_of("openai-microsoft")]
    return GoldenResult("all_copilot_company_is_not_low", bool(ours >= 25.0), f"openai-microsoft {ours:.1f}")


def _exposures(documents: list[dict[str, Any]], catalog: Catalog, model: Model) -> FloatArray:
    profiles = [parse_profile(copy.deepcopy(document), catalog.ecosystems) for document in documents]
    return assess(profiles, catalog, model).exposure
