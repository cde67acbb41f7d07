"""What leaving each ecosystem would cost: person-months and dollars, part by part.

A stated formula over the workloads (every constant in assumptions.py, with its reason):
re-integration, re-evaluation, re-embedding and data migration, retraining fine-tunes, contract
run-off, parallel running and the re-validation of regulated processes. Person-months become
dollars at LOADED_COST_USD_PER_PERSON_MONTH; some parts are dollars only (egress, training
compute, committed spend, the months both systems run).

Only re-integration depends on the catalog (the vendor's model_api and agent_runtime moats make
it harder), so the rating Monte Carlo only needs that part per ecosystem again.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import FloatArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.features import (
    CHANNEL,
    DATA_LOCATION_INDEX,
    FEATURE_INDEX,
    PRACTICE_INDEX,
    Features,
    contract_clauses,
    engine_moat,
    seat_monthly_spend,
    suite_seats,
    sum_by_pair,
)

PARTS = {
    "re_integration": "Re-integration of code, SDKs and infrastructure",
    "re_evaluation": "Re-evaluation of the replacement models",
    "re_embedding_and_data_migration": "Re-embedding and data migration",
    "retraining_fine_tunes": "Retraining fine-tuned models",
    "contract_run_off": "Committed spend still owed",
    "parallel_running": "Running both systems in parallel",
    "regulated_revalidation": "Re-validating regulated processes",
}
PART_INDEX = {part: index for index, part in enumerate(PARTS)}
REINTEGRATION = PART_INDEX["re_integration"]
MOAT_CHANNELS = [CHANNEL["model_api"], CHANNEL["agent_runtime"]]

_by_criticality = {
    name: np.array([table[level] for level in A.CRITICALITIES])
    for name, table in (
        ("reevaluation", A.REEVALUATION_PM),
        ("parallel_months", A.PARALLEL_RUN_MONTHS),
        ("parallel_pm", A.PARALLEL_RUN_PM),
        ("regulated", A.REGULATED_REVALIDATION_PM),
    )
}
DEPLOYMENT_PM = np.array([A.REINTEGRATION_PM_BY_DEPLOYMENT[value] for value in A.DEPLOYMENTS])
FEATURE_PM = np.array([A.REINTEGRATION_PM_BY_FEATURE[feature] for feature in A.FEATURES])
VECTOR = [FEATURE_INDEX["vendor_vector_store"], FEATURE_INDEX["vendor_embeddings"]]
FINE_TUNING = FEATURE_INDEX["fine_tuning"]
CLAUSE_INDEX = {clause: index for index, clause in enumerate(A.CONTRACT_CLAUSES)}


@dataclass(frozen=True, eq=False)
class ExitCost:
    """Per (profile, ecosystem): the parts at the catalog's ratings, and what the Monte Carlo
    needs to redo re-integration for other ratings."""

    pm: FloatArray  # (P, E, parts) person-months
    usd: FloatArray  # (P, E, parts) dollars, the person-months included
    workload_reintegration_pm: FloatArray  # (P, E) before the moat factor and the exit plan
    exit_plan: FloatArray  # (P,) the exit plan's factor on every person-month

    @property
    def total_pm(self) -> FloatArray:
        return self.pm.sum(axis=2)

    @property
    def total_usd(self) -> FloatArray:
        return self.usd.sum(axis=2)


def reintegration_factor(moat: FloatArray) -> FloatArray:
    """(…, E) α + (1 − α) × mean(model_api, agent_runtime moat) / 5, from moats (…, E, C)."""
    floor = A.REINTEGRATION_NEUTRAL_FLOOR
    return floor + (1.0 - floor) * moat[..., MOAT_CHANNELS].mean(axis=-1) / 5.0


def exit_costs(profiles: Sequence[Profile], catalog: Catalog, features: Features) -> ExitCost:
    rows = features.rows
    shape = features.in_use.shape
    n_parts = len(PARTS)
    pm = np.zeros((*shape, n_parts))
    usd = np.zeros((*shape, n_parts))
    credited = features.credited[rows.profile]
    clauses = contract_clauses(profiles, catalog)[rows.profile, rows.ecosystem]  # (W, K)

    def add(
        part: str, target: np.ndarray, person_months: np.ndarray, dollars: np.ndarray | None = None
    ) -> None:
        pm[:, :, PART_INDEX[part]] += sum_by_pair(rows.profile, target, person_months, shape)
        if dollars is not None:
            usd[:, :, PART_INDEX[part]] += sum_by_pair(rows.profile, target, dollars, shape)

    features_used = rows.feature_mask.astype(float)
    workload_reintegration = DEPLOYMENT_PM[rows.deployment] + features_used @ FEATURE_PM
    reintegration_base = sum_by_pair(rows.profile, rows.ecosystem, workload_reintegration, shape)
    foreign_chip = (rows.silicon_target != rows.ecosystem).astype(float)
    add("re_integration", rows.silicon_target, A.CHIP_PORT_PM * foreign_chip)
    nobody = len(catalog.ecosystems)
    foreign_cloud = (rows.cloud_target != rows.ecosystem) & (rows.cloud_target != nobody)
    cloud_target = np.where(foreign_cloud, rows.cloud_target, rows.ecosystem)
    add("re_integration", cloud_target, A.PLATFORM_MOVE_PM * foreign_cloud.astype(float))

    harness = np.where(credited[:, PRACTICE_INDEX["eval_harness"]], A.EVAL_HARNESS_REEVALUATION_FACTOR, 1.0)
    add("re_evaluation", rows.ecosystem, _by_criticality["reevaluation"][rows.criticality] * harness)

    vector = rows.feature_mask[:, VECTOR].any(axis=1)
    vendor_data = rows.data_location == DATA_LOCATION_INDEX["vendor_cloud"]
    moved = vector | vendor_data
    volume = np.where(np.isnan(rows.data_volume_gb), A.DEFAULT_DATA_VOLUME_GB, rows.data_volume_gb)
    decades = np.log10(np.maximum(volume, 1.0))
    data_factor = np.where(
        credited[:, PRACTICE_INDEX["data_export_tested"]], A.DATA_EXPORT_TESTED_FACTOR, 1.0
    )
    data_factor = data_factor * np.where(
        clauses[:, CLAUSE_INDEX["data_export_clause"]], A.DATA_EXPORT_CLAUSE_FACTOR, 1.0
    )
    data_pm = (
        A.REEMBEDDING_PM * vector
        + A.DATA_EXPORT_PM * vendor_data
        + A.DATA_VOLUME_PM_PER_DECADE * decades * moved
    )
    add(
        "re_embedding_and_data_migration",
        rows.ecosystem,
        data_pm * data_factor,
        A.DATA_MIGRATION_USD_PER_GB * volume * moved,
    )

    tuned = rows.feature_mask[:, FINE_TUNING]
    open_weights = catalog.open_weights[rows.ecosystem]
    retrain_pm = np.where(open_weights, A.RETRAIN_FINE_TUNE_PM["open"], A.RETRAIN_FINE_TUNE_PM["closed"])
    add("retraining_fine_tunes", rows.ecosystem, retrain_pm * tuned, A.RETRAIN_FINE_TUNE_USD * tuned)

    assistance = np.where(
        clauses[:, CLAUSE_INDEX["termination_assistance"]], A.TERMINATION_ASSISTANCE_FACTOR, 1.0
    )
    parallel_months = _by_criticality["parallel_months"][rows.criticality] * assistance
    add(
        "parallel_running",
        rows.ecosystem,
        _by_criticality["parallel_pm"][rows.criticality] * assistance,
        parallel_months * rows.monthly_spend,
    )
    regulated = features.regulated[rows.profile]
    add("regulated_revalidation", rows.ecosystem, _by_criticality["regulated"][rows.criticality] * regulated)

    _add_organization_parts(profiles, catalog, pm, usd)
    exit_plan = np.where(
        features.credited[:, PRACTICE_INDEX["exit_plan_documented"]], A.EXIT_PLAN_FACTOR, 1.0
    )
    factor = reintegration_factor(engine_moat(catalog))
    pm[:, :, REINTEGRATION] += reintegration_base * factor[None, :]
    pm *= exit_plan[:, None, None]
    pm *= features.in_use[:, :, None]
    usd += pm * A.LOADED_COST_USD_PER_PERSON_MONTH
    return ExitCost(pm=pm, usd=usd, workload_reintegration_pm=reintegration_base, exit_plan=exit_plan)


def _add_organization_parts(
    profiles: Sequence[Profile], catalog: Catalog, pm: FloatArray, usd: FloatArray
) -> None:
    """The suite and the code assistant (re-integration, parallel licences) and the contracts
    (committed spend still owed), on their ecosystems."""
    index: dict[str | None, int] = {slug: i for i, slug in enumerate(catalog.ecosystems)}
    for position, profile in enumerate(profiles):
        suite = profile.productivity_suite
        if suite is not None:
            seats, _ = suite_seats(profile)
            suite_spend, assistant_spend = seat_monthly_spend(profile)
            owner = index.get(A.SUITE_ECOSYSTEM.get(suite.suite))
            if owner is not None:
                pm[position, owner, REINTEGRATION] += (
                    A.SUITE_FIXED_PM + A.SUITE_PM_PER_THOUSAND_SEATS * seats / 1000
                )
                usd[position, owner, PART_INDEX["parallel_running"]] += A.SUITE_PARALLEL_MONTHS * suite_spend
            owner = index.get(A.CODE_ASSISTANT_ECOSYSTEM.get(suite.code_assistant))
            if owner is not None:
                pm[position, owner, REINTEGRATION] += A.CODE_ASSISTANT_PM
                usd[position, owner, PART_INDEX["parallel_running"]] += (
                    A.SUITE_PARALLEL_MONTHS * assistant_spend
                )
        for contract in profile.contracts:
            if contract.months_remaining > 0:
                usd[position, index[contract.ecosystem], PART_INDEX["contract_run_off"]] += (
                    contract.committed_spend_usd
                )


def costly_exit_ratio(exit_pm: FloatArray, exit_usd: FloatArray, annual_spend: FloatArray) -> FloatArray:
    """max(dollars / max(a year of the ecosystem's spend, COSTLY_EXIT_MIN_USD),
    person-months / COSTLY_EXIT_PERSON_MONTHS): above 1, the estimate is over the threshold."""
    usd_threshold = np.maximum(annual_spend, A.COSTLY_EXIT_MIN_USD)
    return np.maximum(exit_usd / usd_threshold, exit_pm / A.COSTLY_EXIT_PERSON_MONTHS)


def log_ratio(ratio: FloatArray) -> FloatArray:
    """ln of the ratio, floored so that an ecosystem with no exit cost gets a finite input."""
    return np.log(np.maximum(ratio, 1e-6))
