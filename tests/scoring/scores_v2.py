"""A lockin-scores/2 document built by hand from a format 1 one, field for field as the shared
contract of scoring v2 states it, so the page and the report can be tested before (and
independently of) the engine that computes the real figures."""

import copy

from advisor.domain.vocabulary import PRACTICES

EXIT_COST_PARTS = (
    ("re_integration", "Re-integrating applications", 0.30),
    ("re_evaluation", "Re-evaluating another model on your tasks", 0.15),
    ("re_embedding_and_data_migration", "Re-embedding and moving data", 0.20),
    ("retraining_fine_tunes", "Retraining fine-tunes", 0.10),
    ("contract_run_off", "Paying off the contract", 0.10),
    ("parallel_running", "Running both during the switch", 0.10),
    ("regulated_revalidation", "Re-validating regulated processes", 0.05),
)
THIN_EVIDENCE = ("xai", "cohere")
PERSON_MONTH_USD = 15_000


def scores_v2(v1: dict) -> dict:
    document = copy.deepcopy(v1)
    document["format"] = "lockin-scores/2"
    document["ecosystems"] = [_ecosystem(entry) for entry in document["ecosystems"]]
    document["probability_event"] = (
        "Leaving this ecosystem within 12 months would take more than 24 person-months, "
        "or cost more than a year of its spend."
    )
    document["probability_basis"] = "prior-implied"
    document["practices_not_credited"] = [
        {"practice": "multi_vendor_in_production", "reason": "Every workload runs on one ecosystem."}
    ]
    document["recommendations"] = _recommendations(v1)
    return document


def _ecosystem(entry: dict) -> dict:
    in_use = entry["spend_share"] > 0 or entry["exposure"] > 0
    exposure = entry["exposure"]
    probability = entry.pop("probability_high_cost_migration")
    slug = entry["ecosystem"]
    thin = slug in THIN_EVIDENCE
    return {
        **entry,
        "exposure_range": [round(max(exposure - 6.2, 0), 1), round(min(exposure + 8.4, 100), 1)]
        if in_use
        else [0.0, 0.0],
        "evidence": "insufficient" if thin else "sufficient",
        "evidence_note": (
            "15 of its 16 moat ratings rest on the sources saying nothing about it."
            if thin
            else "Most of its ratings quote a source."
        ),
        "exit_cost": _exit_cost(exposure) if in_use else None,
        "probability_costly_exit": probability,
    }


def _exit_cost(exposure: float) -> dict:
    mid = round(exposure * 0.6, 1)
    parts = [
        {
            "part": slug,
            "label": label,
            "person_months": round(mid * share, 1),
            "usd": round(mid * share * PERSON_MONTH_USD),
        }
        for slug, label, share in EXIT_COST_PARTS
    ]
    return {
        "person_months": [round(mid * 0.6, 1), mid, round(mid * 1.7, 1)],
        "usd": [
            round(mid * 0.6 * PERSON_MONTH_USD),
            round(mid * PERSON_MONTH_USD),
            round(mid * 1.7 * PERSON_MONTH_USD),
        ],
        "parts": parts,
    }


def _recommendations(v1: dict) -> list[dict]:
    """One entry per action: an organization-wide practice once, its exposure after on each
    ecosystem it lowers, ranked by the total exposure removed."""
    grouped: dict[tuple[str, str | None], dict] = {}
    for r in v1["recommendations"]:
        wide = r["action"] in PRACTICES
        key = (r["action"], None if wide else r["ecosystem"])
        entry = grouped.setdefault(
            key,
            {
                "action": r["action"],
                "scope": "organization" if wide else "ecosystem",
                "ecosystem": None if wide else r["ecosystem"],
                "exposure_removed": 0.0,
                "effort_person_months": 3.0 if wide else 6.0,
                "removed_per_person_month": 0.0,
                "exposure_after": {},
            },
        )
        entry["exposure_removed"] = round(entry["exposure_removed"] - r["delta"], 1)
        entry["exposure_after"][r["ecosystem"]] = r["exposure_after"]
    for entry in grouped.values():
        entry["removed_per_person_month"] = round(
            entry["exposure_removed"] / entry["effort_person_months"], 2
        )
    return sorted(grouped.values(), key=lambda entry: -entry["exposure_removed"])
