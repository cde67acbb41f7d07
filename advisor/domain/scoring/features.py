"""From profiles to channel pressures, for a whole batch at once (the hot path).

Two stages, so that counterfactuals can reuse the first:
1. `extract_workloads`: one row per workload of every profile: its weights, its channel usage
   (before clipping), and which ecosystem each channel's usage lands on.
2. `extract_features`: per (profile, ecosystem, channel): the summed mass S, the saturated
   mass M = 1 − exp(−MASS_RATE × S), the raw pressure x_raw = M × (α + (1 − α) × moat/5) (a
   vendor-neutral floor plus the vendor's moat), what the credited practices and contract
   clauses keep of it, the pressure x = x_raw × keep; per (profile, ecosystem): footprint and
   monthly spend (workloads and suite seats).
Shapes: P profiles, E ecosystems, C channels, S scenarios, W workloads in the batch.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from advisor.domain.profile import Contract, Profile, Workload
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray
from advisor.domain.scoring.catalog import Catalog

CHANNEL = {channel: index for index, channel in enumerate(A.ENGINE_CHANNELS)}
SILICON = CHANNEL["custom_silicon"]
CLOUD = CHANNEL["cloud_platform"]
DATA = CHANNEL["data_gravity"]
CONTRACT = CHANNEL["contract"]
NEUTRAL_FLOOR: FloatArray = np.array([A.VENDOR_NEUTRAL_FLOOR[channel] for channel in A.ENGINE_CHANNELS])
PRACTICE_INDEX = {name: index for index, name in enumerate(A.PRACTICES)}


def _usage_table(values: Sequence[str], usage: Mapping[str, Mapping[str, float]]) -> FloatArray:
    table = np.zeros((len(values), len(A.ENGINE_CHANNELS)))
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
    cloud_target: IntArray  # (W,) catalog index of its platform's owner; E (no ecosystem) if none
    base_weight: FloatArray  # (W,) criticality × WORKLOAD_BASE_WEIGHT
    spend_weight: FloatArray  # (W,) criticality × SPEND_WEIGHT × spend share
    criticality: IntArray  # (W,) index into CRITICALITIES
    deployment: IntArray  # (W,) index into DEPLOYMENTS
    data_location: IntArray  # (W,) index into DATA_LOCATIONS
    accelerator: IntArray  # (W,) index into ACCELERATORS
    feature_mask: BoolArray  # (W, F) bool
    monthly_spend: FloatArray  # (W,)
    data_volume_gb: FloatArray  # (W,) NaN when not stated

    @property
    def raw_usage(self) -> FloatArray:
        return raw_usage(
            self.deployment, self.data_location, self.accelerator, self.feature_mask, self.data_volume_gb
        )


@dataclass(frozen=True, eq=False)
class Features:
    rows: WorkloadRows
    mass: FloatArray  # (P, E, C) max base × usage + Σ spend weight × usage, plus the organization's
    pressure_raw: FloatArray  # (P, E, C) (1 − exp(−MASS_RATE × mass)) × (α + (1 − α) moat/5)
    keep: FloatArray  # (P, E, C) share of the pressure the credited practices and clauses leave
    credited: BoolArray  # (P, K) practices adopted and plausible for the profile
    plausible: BoolArray  # (P, K) practices that could hold for the profile
    pressure: FloatArray  # (P, E, C) pressure_raw × keep
    footprint: FloatArray  # (P, E)
    in_use: BoolArray  # (P, E) bool
    regulated: FloatArray  # (P,)
    eu_operations: FloatArray  # (P,)
    monthly_spend: FloatArray  # (P, E) summed monthly_spend_usd per ecosystem, plus suite seats
    spend_base: FloatArray  # (P,) annual: max(declared, workloads + seats, floor)


def extract_features(profiles: Sequence[Profile], catalog: Catalog) -> Features:
    spend_base = np.array([annual_spend_base(profile) for profile in profiles], dtype=float)
    rows = extract_workloads(profiles, catalog, spend_base)
    mass = workload_mass(rows, rows.raw_usage, len(profiles), catalog) + organization_mass(
        profiles, catalog, spend_base
    )
    pressure_raw = pressure_from_mass(mass, catalog)
    plausible = plausible_practices(profiles, catalog)
    credited = adopted_practices(profiles) & plausible
    keep = practice_keep(credited)[:, None, :] * clause_keep(profiles, catalog)
    footprint = 1.0 - np.exp(-A.FOOTPRINT_RATE * mass.sum(axis=2))
    monthly_spend = sum_by_pair(rows.profile, rows.ecosystem, rows.monthly_spend, mass.shape[:2])
    monthly_spend += seat_spend(profiles, catalog)
    return Features(
        rows=rows,
        mass=mass,
        pressure_raw=pressure_raw,
        keep=keep,
        credited=credited,
        plausible=plausible,
        pressure=pressure_raw * keep,
        footprint=footprint,
        in_use=mass.sum(axis=2) > 0,
        regulated=np.array([profile.organization.regulated for profile in profiles], dtype=float),
        eu_operations=np.array([profile.organization.eu_operations for profile in profiles], dtype=float),
        monthly_spend=monthly_spend,
        spend_base=spend_base,
    )


# --- spend -------------------------------------------------------------------------------------


def suite_seats(profile: Profile) -> tuple[float, float]:
    """(suite seats, code-assistant seats): stated, or derived from the seat share (default
    DEFAULT_SEAT_SHARE) and the employees; 0 where no suite or code assistant is named."""
    suite = profile.productivity_suite
    if suite is None:
        return 0.0, 0.0
    employees = float(profile.organization.employees)
    seats = 0.0
    if suite.suite in A.DEFAULT_SEAT_PRICE_USD_MONTH:
        share = A.DEFAULT_SEAT_SHARE if suite.seat_share is None else suite.seat_share
        seats = float(suite.seats) if suite.seats is not None else share * employees
    developers = 0.0
    if suite.code_assistant not in (None, "none"):
        developers = A.CODE_ASSISTANT_SEAT_SHARE * employees
    return seats, developers


def seat_monthly_spend(profile: Profile) -> tuple[float, float]:
    """(suite, code assistant) monthly spend on seats: stated price or the list price."""
    suite = profile.productivity_suite
    if suite is None:
        return 0.0, 0.0
    seats, developers = suite_seats(profile)
    price = suite.seat_price_usd_month
    if price is None:
        price = A.DEFAULT_SEAT_PRICE_USD_MONTH.get(suite.suite or "", 0.0)
    return seats * price, developers * A.CODE_ASSISTANT_SEAT_PRICE_USD_MONTH


def annual_spend_base(profile: Profile) -> float:
    """max(declared annual AI spend, workloads' annual spend + seats, floor): the workloads'
    spend shares are measured against it, so they never add up to more than 1."""
    workloads = 12.0 * sum(workload.monthly_spend_usd for workload in profile.workloads)
    seats = 12.0 * sum(seat_monthly_spend(profile))
    return max(profile.organization.annual_ai_spend_usd, workloads + seats, A.ANNUAL_SPEND_FLOOR_USD)


def seat_spend(profiles: Sequence[Profile], catalog: Catalog) -> FloatArray:
    """(P, E) monthly seat spend on the suite's and the code assistant's ecosystems."""
    result = np.zeros((len(profiles), len(catalog.ecosystems)))
    index: dict[str | None, int] = {slug: i for i, slug in enumerate(catalog.ecosystems)}
    for position, profile in enumerate(profiles):
        suite = profile.productivity_suite
        if suite is None:
            continue
        suite_spend, assistant_spend = seat_monthly_spend(profile)
        owner = index.get(A.SUITE_ECOSYSTEM.get(suite.suite))
        if owner is not None:
            result[position, owner] += suite_spend
        owner = index.get(A.CODE_ASSISTANT_ECOSYSTEM.get(suite.code_assistant))
        if owner is not None:
            result[position, owner] += assistant_spend
    return result


# --- practices ---------------------------------------------------------------------------------


def implausible_practices(profile: Profile, catalog: Catalog) -> dict[str, str]:
    """The practices that cannot hold for this profile, adopted or not, with the reason: they are
    neither credited (a practice the profile contradicts would lower exposure for nothing) nor
    recommended as they stand."""
    ecosystems = {workload.ecosystem for workload in profile.workloads}
    open_weights = {
        slug for slug, is_open in zip(catalog.ecosystems, catalog.open_weights, strict=True) if is_open
    }
    problems = {}
    if len(ecosystems) < 2:
        problems["multi_vendor_in_production"] = (
            "every workload of the profile runs on one ecosystem, so no second vendor runs in production"
        )
    if not ecosystems & open_weights:
        problems["open_weights_fallback"] = (
            "no workload of the profile runs an open-weights model, so nothing shows a fallback is ready"
        )
    return problems


def practice_problems(profile: Profile, catalog: Catalog) -> dict[str, str]:
    """The adopted practices that are not credited, with the reason."""
    adopted = profile.practices.adopted()
    return {
        name: reason for name, reason in implausible_practices(profile, catalog).items() if name in adopted
    }


def plausible_practices(profiles: Sequence[Profile], catalog: Catalog) -> BoolArray:
    """(P, K) the practices that could hold for each profile."""
    plausible = np.ones((len(profiles), len(A.PRACTICES)), dtype=bool)
    for position, profile in enumerate(profiles):
        for name in implausible_practices(profile, catalog):
            plausible[position, PRACTICE_INDEX[name]] = False
    return plausible


def adopted_practices(profiles: Sequence[Profile]) -> BoolArray:
    adopted = np.array([[getattr(p.practices, name) for name in A.PRACTICES] for p in profiles], dtype=bool)
    return adopted.reshape(len(profiles), len(A.PRACTICES))


# --- workloads ---------------------------------------------------------------------------------


def extract_workloads(profiles: Sequence[Profile], catalog: Catalog, spend_base: FloatArray) -> WorkloadRows:
    ecosystem_index = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    owner_index = {
        ACCELERATOR_INDEX[accelerator]: ecosystem_index[owner]
        for accelerator, owner in A.ACCELERATOR_OWNER.items()
        if owner in ecosystem_index
    }
    nobody = len(catalog.ecosystems)
    columns: list[list[Any]] = [[] for _ in range(12)]
    (
        profile_col,
        ecosystem_col,
        base_col,
        deploy_col,
        data_col,
        accel_col,
        spend_col,
        features_col,
        cloud_col,
        criticality_col,
        volume_col,
        share_col,
    ) = columns
    for position, profile in enumerate(profiles):
        monthly_base = spend_base[position] / 12.0
        for workload in sorted(profile.workloads, key=_canonical_workload):
            profile_col.append(position)
            ecosystem_col.append(ecosystem_index[workload.ecosystem])
            criticality = CRITICALITY_WEIGHT[workload.criticality]
            base_col.append(criticality * A.WORKLOAD_BASE_WEIGHT)
            spend_col.append(workload.monthly_spend_usd)
            share_col.append(criticality * A.SPEND_WEIGHT * workload.monthly_spend_usd / monthly_base)
            deploy_col.append(DEPLOYMENT_INDEX[workload.deployment])
            data_col.append(DATA_LOCATION_INDEX[workload.data_location])
            accel_col.append(ACCELERATOR_INDEX[workload.accelerator])
            features_col.append([FEATURE_INDEX[feature] for feature in workload.features])
            owner = workload.platform_owner
            cloud_col.append(nobody if owner is None else ecosystem_index.get(owner, nobody))
            criticality_col.append(A.CRITICALITIES.index(workload.criticality))
            volume_col.append(np.nan if workload.data_volume_gb is None else workload.data_volume_gb)
    feature_mask = np.zeros((len(profile_col), len(A.FEATURES)), dtype=bool)
    for row, indices in enumerate(features_col):
        feature_mask[row, indices] = True
    ecosystem = np.array(ecosystem_col, dtype=np.intp)
    accelerator = np.array(accel_col, dtype=np.intp)
    return WorkloadRows(
        profile=np.array(profile_col, dtype=np.intp),
        ecosystem=ecosystem,
        silicon_target=silicon_target(ecosystem, accelerator, owner_index),
        cloud_target=np.array(cloud_col, dtype=np.intp),
        base_weight=np.array(base_col, dtype=float),
        spend_weight=np.array(share_col, dtype=float),
        criticality=np.array(criticality_col, dtype=np.intp),
        deployment=np.array(deploy_col, dtype=np.intp),
        data_location=np.array(data_col, dtype=np.intp),
        accelerator=accelerator,
        feature_mask=feature_mask,
        monthly_spend=np.array(spend_col, dtype=float),
        data_volume_gb=np.array(volume_col, dtype=float),
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
        workload.hosting_platform,
        -1.0 if workload.data_volume_gb is None else workload.data_volume_gb,
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
    deployment: IntArray,
    data_location: IntArray,
    accelerator: IntArray,
    feature_mask: BoolArray,
    data_volume_gb: FloatArray,
) -> FloatArray:
    """(W, C) usage before clipping: additive, so adding a feature can only add usage."""
    usage = (
        DEPLOYMENT_USAGE[deployment]
        + DATA_LOCATION_USAGE[data_location]
        + ACCELERATOR_USAGE[accelerator]
        + feature_mask.astype(float) @ FEATURE_USAGE
    )
    decades = np.log10(np.maximum(np.nan_to_num(data_volume_gb, nan=1.0), 1.0))
    usage[:, DATA] += np.minimum(A.DATA_VOLUME_USAGE_PER_DECADE * decades, A.DATA_VOLUME_USAGE_CAP)
    return usage


def workload_mass(rows: WorkloadRows, usage_raw: FloatArray, n_profiles: int, catalog: Catalog) -> FloatArray:
    """(P, E, C) max over the workloads of base × min(usage, 1), plus Σ spend weight × min(usage,
    1), each channel landing on its target ecosystem: the chips' owner for custom silicon, the
    platform's owner for the cloud (nobody's for another cloud or the organization's own
    machines), the model's ecosystem otherwise.

    The base is a maximum, not a sum, and spend enters as shares of a fixed base: splitting a
    workload into parts with the same answers changes neither, so no total depends on how the
    estate is described, and fifty zero-spend pilots weigh what one does."""
    n_ecosystems, n_channels = len(catalog.ecosystems), len(A.ENGINE_CHANNELS)
    slots = n_ecosystems + 1  # the last slot is nobody's and is dropped
    usage = np.minimum(usage_raw, 1.0)
    target = np.repeat(rows.ecosystem[:, None], n_channels, axis=1)
    target[:, SILICON] = rows.silicon_target
    target[:, CLOUD] = rows.cloud_target
    flat = ((rows.profile[:, None] * slots + target) * n_channels + np.arange(n_channels)).ravel()
    size = n_profiles * slots * n_channels
    total = np.bincount(flat, weights=(rows.spend_weight[:, None] * usage).ravel(), minlength=size)
    base = np.zeros(size)
    np.maximum.at(base, flat, (rows.base_weight[:, None] * usage).ravel())
    return (total + base).reshape(n_profiles, slots, n_channels)[:, :n_ecosystems, :]


def organization_mass(profiles: Sequence[Profile], catalog: Catalog, spend_base: FloatArray) -> FloatArray:
    """(P, E, C) what the suite, the code assistant and the contracts add."""
    mass = np.zeros((len(profiles), len(catalog.ecosystems), len(A.ENGINE_CHANNELS)))
    ecosystem_index: dict[str | None, int] = {slug: index for index, slug in enumerate(catalog.ecosystems)}
    for position, profile in enumerate(profiles):
        suite = profile.productivity_suite
        if suite is not None:
            owner = ecosystem_index.get(A.SUITE_ECOSYSTEM.get(suite.suite))
            if owner is not None:
                seats = A.DEFAULT_SEAT_SHARE if suite.seat_share is None else suite.seat_share
                if suite.seats is not None and profile.organization.employees > 0:
                    seats = min(suite.seats / profile.organization.employees, 1.0)
                for channel, amount in A.SUITE_MASS_AT_FULL_SEATS.items():
                    mass[position, owner, CHANNEL[channel]] += amount * seats
            owner = ecosystem_index.get(A.CODE_ASSISTANT_ECOSYSTEM.get(suite.code_assistant))
            if owner is not None:
                for channel, amount in A.CODE_ASSISTANT_MASS.items():
                    mass[position, owner, CHANNEL[channel]] += amount
        for contract in sorted(profile.contracts, key=_canonical_contract):
            if contract.months_remaining > 0:
                mass[position, ecosystem_index[contract.ecosystem], CONTRACT] += (
                    A.CONTRACT_MASS * contract.committed_spend_usd / spend_base[position]
                )
    return mass


def _canonical_contract(contract: Contract) -> tuple[str, float, int]:
    return (contract.ecosystem, contract.committed_spend_usd, contract.months_remaining)


@lru_cache(maxsize=16)
def engine_moat(catalog: Catalog) -> FloatArray:
    """(E, C) the catalog's moat ratings in the engine's channels (contract has none: 0)."""
    moat = np.concatenate([catalog.moat, np.zeros((len(catalog.ecosystems), 1))], axis=1)
    moat.setflags(write=False)
    return moat


def moat_factor(moat: FloatArray) -> FloatArray:
    """α + (1 − α) × moat / 5 per channel: the vendor-neutral floor plus the vendor's moat."""
    return NEUTRAL_FLOOR + (1.0 - NEUTRAL_FLOOR) * moat / 5.0


def pressure_from_mass(mass: FloatArray, catalog: Catalog, moat: FloatArray | None = None) -> FloatArray:
    moat = engine_moat(catalog) if moat is None else moat
    return moat_factor(moat) * (1.0 - np.exp(-A.MASS_RATE * mass))


def practice_keep(credited: BoolArray) -> FloatArray:
    """(P, C) product of (1 − mitigation) over the credited practices."""
    return np.prod(np.where(credited[:, :, None], PRACTICE_KEEP[None, :, :], 1.0), axis=1)


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
