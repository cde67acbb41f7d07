"""From profiles to channel pressures, for a whole batch at once (the hot path).

Two stages, so that counterfactuals can reuse the first:
1. `extract_workloads`: one row per workload of every profile: its weight, its channel usage
   (before clipping), and which ecosystem each channel's usage lands on.
2. `extract_features`: per (profile, ecosystem, channel): the summed mass S, the saturated
   mass M = 1 − exp(−MASS_RATE × S), the raw pressure x_raw = moat/5 × M, what the practices
   and contract clauses keep of it, the pressure x = x_raw × keep; per (profile, ecosystem):
   footprint and risk pressures.
Shapes: P profiles, E ecosystems, C channels, S scenarios, W workloads in the batch.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.domain.profile import Contract, Profile, Workload
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray
from advisor.domain.scoring.catalog import Catalog

CHANNEL = {channel: index for index, channel in enumerate(A.CHANNELS)}
SILICON = CHANNEL["custom_silicon"]
SUITE = CHANNEL["suite_integration"]
PRICING = CHANNEL["pricing"]
CLASSIFIER_FEATURES = (
    "exposure",
    *(f"risk_{scenario}" for scenario in A.SCENARIOS),
    "regulated",
    "eu_operations",
)


def _usage_table(values: Sequence[str], usage: Mapping[str, Mapping[str, float]]) -> FloatArray:
    table = np.zeros((len(values), len(A.CHANNELS)))
    for row, value in enumerate(values):
        for channel, amount in usage[value].items():
            table[row, CHANNEL[channel]] = amount
    return table


def _keep_table(names: Sequence[str], mitigation: Mapping[str, Mapping[str, float]]) -> FloatArray:
    return 1.0 - _usage_table(names, mitigation)


DEPLOYMENT_USAGE = _usage_table(A.DEPLOYMENTS, A.DEPLOYMENT_USAGE)
DATA_LOCATION_USAGE = _usage_table(A.DATA_LOCATIONS, A.DATA_LOCATION_USAGE)
ACCELERATOR_USAGE = _usage_table(A.ACCELERATORS, A.ACCELERATOR_USAGE)
FEATURE_USAGE = _usage_table(A.FEATURES, A.FEATURE_USAGE)
PRACTICE_KEEP = _keep_table(A.PRACTICES, A.PRACTICE_MITIGATION)
CLAUSE_KEEP = _keep_table(A.CONTRACT_CLAUSES, A.CLAUSE_MITIGATION)

DEPLOYMENT_INDEX = {value: index for index, value in enumerate(A.DEPLOYMENTS)}
DATA_LOCATION_INDEX = {value: index for index, value in enumerate(A.DATA_LOCATIONS)}
ACCELERATOR_INDEX = {value: index for index, value in enumerate(A.ACCELERATORS)}
FEATURE_INDEX = {value: index for index, value in enumerate(A.FEATURES)}
CRITICALITY_WEIGHT = A.CRITICALITY_WEIGHT


@dataclass(frozen=True, eq=False)
class WorkloadRows:
    """One row per workload of the batch, in profile order then workload order."""

    profile: IntArray  # (W,) index of the profile in the batch
    ecosystem: IntArray  # (W,) catalog index of the workload's ecosystem
    silicon_target: IntArray  # (W,) catalog index that its custom-silicon usage lands on
    weight: FloatArray  # (W,) criticality × (base + spend / scale)
    deployment: IntArray  # (W,) index into DEPLOYMENTS
    data_location: IntArray  # (W,) index into DATA_LOCATIONS
    accelerator: IntArray  # (W,) index into ACCELERATORS
    feature_mask: BoolArray  # (W, F) bool
    monthly_spend: FloatArray  # (W,)

    @property
    def raw_usage(self) -> FloatArray:
        return raw_usage(self.deployment, self.data_location, self.accelerator, self.feature_mask)


@dataclass(frozen=True, eq=False)
class Features:
    rows: WorkloadRows
    mass: FloatArray  # (P, E, C) Σ weight × usage, plus suite, code assistant and contracts
    pressure_raw: FloatArray  # (P, E, C) moat/5 × (1 − exp(−MASS_RATE × mass))
    keep: FloatArray  # (P, E, C) share of the pressure the practices and clauses leave
    pressure: FloatArray  # (P, E, C) pressure_raw × keep
    footprint: FloatArray  # (P, E)
    risk: FloatArray  # (P, E, S) likelihood/5 × impact/5 × footprint
    in_use: BoolArray  # (P, E) bool
    regulated: FloatArray  # (P,)
    eu_operations: FloatArray  # (P,)
    monthly_spend: FloatArray  # (P, E) summed monthly_spend_usd per ecosystem


def extract_features(profiles: Sequence[Profile], catalog: Catalog) -> Features:
    rows = extract_workloads(profiles, catalog)
    mass = workload_mass(rows, rows.raw_usage, len(profiles), catalog) + organization_mass(profiles, catalog)
    pressure_raw = pressure_from_mass(mass, catalog)
    keep = practice_keep(profiles)[:, None, :] * clause_keep(profiles, catalog)
    footprint = 1.0 - np.exp(-A.FOOTPRINT_RATE * mass.sum(axis=2))
    severity = (catalog.likelihood / 5.0) * (catalog.impact / 5.0)
    monthly_spend = sum_by_pair(rows.profile, rows.ecosystem, rows.monthly_spend, mass.shape[:2])
    return Features(
        rows=rows,
        mass=mass,
        pressure_raw=pressure_raw,
        keep=keep,
        pressure=pressure_raw * keep,
        footprint=footprint,
        risk=severity[None, :, :] * footprint[:, :, None],
        in_use=mass.sum(axis=2) > 0,
        regulated=np.array([profile.organization.regulated for profile in profiles], dtype=float),
        eu_operations=np.array([profile.organization.eu_operations for profile in profiles], dtype=float),
        monthly_spend=monthly_spend,
    )


def classifier_inputs(
    exposure: FloatArray, features: Features, profile_index: IntArray, ecosystem_index: IntArray
) -> FloatArray:
    """Rows for the classifier for the given (profile, ecosystem) pairs."""
    return stack_classifier_inputs(
        exposure,
        features.risk[profile_index, ecosystem_index, :],
        features.regulated[profile_index],
        features.eu_operations[profile_index],
    )


def stack_classifier_inputs(
    exposure: FloatArray, risk: FloatArray, regulated: FloatArray, eu_operations: FloatArray
) -> FloatArray:
    """CLASSIFIER_FEATURES in order, every column oriented so that more means a costlier exit."""
    return np.column_stack([exposure / 100.0, risk, regulated, eu_operations])


def extract_workloads(profiles: Sequence[Profile], catalog: Catalog) -> WorkloadRows:
    ecosystem_index = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    owner_index = {
        ACCELERATOR_INDEX[accelerator]: ecosystem_index[owner]
        for accelerator, owner in A.ACCELERATOR_OWNER.items()
        if owner in ecosystem_index
    }
    columns: list[list[Any]] = [[] for _ in range(8)]
    (profile_col, ecosystem_col, weight_col, deploy_col, data_col, accel_col, spend_col, features_col) = (
        columns
    )
    for position, profile in enumerate(profiles):
        scale = max(profile.organization.annual_ai_spend_usd / 12.0, A.SPEND_SCALE_FLOOR_USD_PER_MONTH)
        for workload in sorted(profile.workloads, key=_canonical_workload):
            profile_col.append(position)
            ecosystem_col.append(ecosystem_index[workload.ecosystem])
            weight_col.append(
                CRITICALITY_WEIGHT[workload.criticality]
                * (A.WORKLOAD_BASE_WEIGHT + workload.monthly_spend_usd / scale)
            )
            deploy_col.append(DEPLOYMENT_INDEX[workload.deployment])
            data_col.append(DATA_LOCATION_INDEX[workload.data_location])
            accel_col.append(ACCELERATOR_INDEX[workload.accelerator])
            spend_col.append(workload.monthly_spend_usd)
            features_col.append([FEATURE_INDEX[feature] for feature in workload.features])
    feature_mask = np.zeros((len(profile_col), len(A.FEATURES)), dtype=bool)
    for row, indices in enumerate(features_col):
        feature_mask[row, indices] = True
    ecosystem = np.array(ecosystem_col, dtype=np.intp)
    accelerator = np.array(accel_col, dtype=np.intp)
    return WorkloadRows(
        profile=np.array(profile_col, dtype=np.intp),
        ecosystem=ecosystem,
        silicon_target=silicon_target(ecosystem, accelerator, owner_index),
        weight=np.array(weight_col, dtype=float),
        deployment=np.array(deploy_col, dtype=np.intp),
        data_location=np.array(data_col, dtype=np.intp),
        accelerator=accelerator,
        feature_mask=feature_mask,
        monthly_spend=np.array(spend_col, dtype=float),
    )


def _canonical_workload(workload: Workload) -> tuple[Any, ...]:
    """A fixed order for the sums, so that names and list order cannot change a single bit."""
    return (
        workload.ecosystem,
        workload.deployment,
        workload.criticality,
        workload.monthly_spend_usd,
        tuple(sorted(workload.features)),
        workload.data_location,
        workload.accelerator,
    )


def sum_by_pair(
    profile: IntArray, ecosystem: IntArray, values: FloatArray, shape: tuple[int, ...]
) -> FloatArray:
    """(P, E) sums of `values` by (profile, ecosystem) pair."""
    flat = profile * shape[1] + ecosystem
    total = np.bincount(flat, weights=values, minlength=shape[0] * shape[1])
    return total.astype(float).reshape(shape)


def silicon_target(ecosystem: IntArray, accelerator: IntArray, owner_index: dict[int, int]) -> IntArray:
    target = ecosystem.copy()
    for accelerator_index, owner in owner_index.items():
        target[accelerator == accelerator_index] = owner
    return target


def raw_usage(
    deployment: IntArray, data_location: IntArray, accelerator: IntArray, feature_mask: BoolArray
) -> FloatArray:
    """(W, C) usage before clipping: additive, so adding a feature can only add usage."""
    return (
        DEPLOYMENT_USAGE[deployment]
        + DATA_LOCATION_USAGE[data_location]
        + ACCELERATOR_USAGE[accelerator]
        + feature_mask.astype(float) @ FEATURE_USAGE
    )


def workload_mass(rows: WorkloadRows, usage_raw: FloatArray, n_profiles: int, catalog: Catalog) -> FloatArray:
    """(P, E, C) Σ weight × min(usage, 1), each channel landing on its target ecosystem."""
    n_ecosystems, n_channels = len(catalog.ecosystems), len(A.CHANNELS)
    contribution = rows.weight[:, None] * np.minimum(usage_raw, 1.0)
    target = np.repeat(rows.ecosystem[:, None], n_channels, axis=1)
    target[:, SILICON] = rows.silicon_target
    flat = (rows.profile[:, None] * n_ecosystems + target) * n_channels + np.arange(n_channels)
    total = np.bincount(
        flat.ravel(), weights=contribution.ravel(), minlength=n_profiles * n_ecosystems * n_channels
    )
    return total.reshape(n_profiles, n_ecosystems, n_channels)


def organization_mass(profiles: Sequence[Profile], catalog: Catalog) -> FloatArray:
    """(P, E, C) what the suite, the code assistant and the contracts add."""
    mass = np.zeros((len(profiles), len(catalog.ecosystems), len(A.CHANNELS)))
    ecosystem_index: dict[str | None, int] = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    for position, profile in enumerate(profiles):
        suite = profile.productivity_suite
        if suite is not None:
            owner = ecosystem_index.get(A.SUITE_ECOSYSTEM.get(suite.suite))
            if owner is not None:
                seats = A.DEFAULT_SEAT_SHARE if suite.seat_share is None else suite.seat_share
                mass[position, owner, SUITE] += A.SUITE_MASS_AT_FULL_SEATS * seats
            owner = ecosystem_index.get(A.CODE_ASSISTANT_ECOSYSTEM.get(suite.code_assistant))
            if owner is not None:
                mass[position, owner, SUITE] += A.CODE_ASSISTANT_MASS
        annual = max(profile.organization.annual_ai_spend_usd, A.ANNUAL_SPEND_FLOOR_USD)
        for contract in sorted(profile.contracts, key=_canonical_contract):
            share = min(contract.committed_spend_usd / annual, A.CONTRACT_SHARE_CAP)
            remaining = min(contract.months_remaining / A.CONTRACT_HORIZON_MONTHS, 1.0)
            mass[position, ecosystem_index[contract.ecosystem], PRICING] += (
                A.CONTRACT_MASS * share * remaining
            )
    return mass


def _canonical_contract(contract: Contract) -> tuple[str, float, int]:
    return (contract.ecosystem, contract.committed_spend_usd, contract.months_remaining)


def pressure_from_mass(mass: FloatArray, catalog: Catalog, moat: FloatArray | None = None) -> FloatArray:
    moat = catalog.moat if moat is None else moat
    return (moat / 5.0) * (1.0 - np.exp(-A.MASS_RATE * mass))


def practice_keep(profiles: Sequence[Profile]) -> FloatArray:
    """(P, C) product of (1 − mitigation) over the adopted practices."""
    adopted = np.array([[getattr(p.practices, name) for name in A.PRACTICES] for p in profiles], dtype=bool)
    adopted = adopted.reshape(len(profiles), len(A.PRACTICES))
    return np.prod(np.where(adopted[:, :, None], PRACTICE_KEEP[None, :, :], 1.0), axis=1)


def clause_keep(profiles: Sequence[Profile], catalog: Catalog) -> FloatArray:
    """(P, E, C) product of (1 − mitigation) over the clauses some contract with E has."""
    has = contract_clauses(profiles, catalog)
    return np.prod(np.where(has[:, :, :, None], CLAUSE_KEEP[None, None, :, :], 1.0), axis=2)


def contract_clauses(profiles: Sequence[Profile], catalog: Catalog) -> BoolArray:
    """(P, E, K) whether any contract with the ecosystem has clause K."""
    has = np.zeros((len(profiles), len(catalog.ecosystems), len(A.CONTRACT_CLAUSES)), dtype=bool)
    ecosystem_index = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    for position, profile in enumerate(profiles):
        for contract in profile.contracts:
            row = ecosystem_index[contract.ecosystem]
            for k, clause in enumerate(A.CONTRACT_CLAUSES):
                has[position, row, k] |= getattr(contract, clause)
    return has


def has_contract(profiles: Sequence[Profile], catalog: Catalog) -> BoolArray:
    """(P, E) whether the profile has any contract with the ecosystem."""
    ecosystem_index = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    result = np.zeros((len(profiles), len(catalog.ecosystems)), dtype=bool)
    for position, profile in enumerate(profiles):
        for contract in profile.contracts:
            result[position, ecosystem_index[contract.ecosystem]] = True
    return result
