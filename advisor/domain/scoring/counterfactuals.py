"""Mitigation actions, each applied to the profiles and re-scored (exposure only).

Practices and contract clauses only change what the mitigations keep, so they reuse the
batch's masses; workload actions change the workloads' usage, so the masses of the ecosystem
they act on are recomputed from the workload rows. Nothing here is a fixed table of gains.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.features import (
    ACCELERATOR_INDEX,
    CLAUSE_KEEP,
    DATA_LOCATION_INDEX,
    FEATURE_INDEX,
    PRACTICE_KEEP,
    Features,
    WorkloadRows,
    adopted_practices,
    contract_clauses,
    has_contract,
    pressure_from_mass,
    sum_by_pair,
    workload_mass,
)
from advisor.domain.scoring.model import Model, exposure_from_raw, raw_exposure

CLAUSE_ACTIONS = {
    "data_export_clause": "negotiate_data_export_clause",
    "termination_assistance": "negotiate_termination_assistance",
}
WORKLOAD_ACTIONS = (
    "move_data_to_own_cloud",
    "portable_vector_store",
    "portable_agent_framework",
    "move_off_custom_silicon",
)
# The order ties are broken in: practices first, then contracts, then workload changes.
ACTIONS = (*A.PRACTICES, *CLAUSE_ACTIONS.values(), *WORKLOAD_ACTIONS)

VECTOR_FEATURES = [FEATURE_INDEX["vendor_vector_store"], FEATURE_INDEX["vendor_embeddings"]]
AGENT_FEATURES = [FEATURE_INDEX["assistants_or_agents_api"], FEATURE_INDEX["code_interpreter"]]
CUSTOM_SILICON = [ACCELERATOR_INDEX[accelerator] for accelerator in A.ACCELERATOR_OWNER]  # TPU, Trainium


@dataclass(frozen=True, eq=False)
class Counterfactuals:
    """Every action, applied to every (profile, ecosystem) of a batch at once."""

    actions: tuple[str, ...]  # ACTIONS
    applicable: BoolArray  # (A, P, E) bool: the action changes something for that ecosystem
    exposure_after: FloatArray  # (A, P, E)
    changed_workloads: FloatArray  # (workload actions, P, E) workloads each one changes


@dataclass(frozen=True, eq=False)
class RowChange:
    """What a workload action does to the batch's workload rows."""

    changed: BoolArray  # (W,) bool
    after: WorkloadRows
    group: IntArray  # (W,) the ecosystem each row's change is credited to


def counterfactuals(
    profiles: Sequence[Profile], catalog: Catalog, model: Model, features: Features
) -> Counterfactuals:
    changes = [_apply_to_rows(action, features.rows) for action in WORKLOAD_ACTIONS]
    applicable = np.concatenate(
        [
            _practice_applicable(profiles, features),
            _clause_applicable(profiles, catalog, features),
            *[_workload_applicable(change, features) for change in changes],
        ]
    )
    keep = np.concatenate([PRACTICE_KEEP, CLAUSE_KEEP])  # (practices + clauses, C)
    kept = _exposure(features.pressure[None] * keep[:, None, None, :], model)
    moved = _exposure(_workload_pressures(changes, catalog, features), model)
    shape = features.in_use.shape
    changed = np.stack(
        [
            sum_by_pair(features.rows.profile, change.group, change.changed.astype(float), shape)
            for change in changes
        ]
    )
    return Counterfactuals(ACTIONS, applicable, np.concatenate([kept, moved]), changed)


def _exposure(pressure: FloatArray, model: Model) -> FloatArray:
    return exposure_from_raw(raw_exposure(pressure, model))


def _practice_applicable(profiles: Sequence[Profile], features: Features) -> BoolArray:
    """(practices, P, E): practices not yet adopted that could hold for the profile, for every
    ecosystem in use. An adopted practice that is not credited is reported, not recommended."""
    adopted = adopted_practices(profiles)
    candidate = (~adopted & features.plausible).T  # (practices, P)
    return features.in_use[None] & candidate[:, :, None]


def _clause_applicable(profiles: Sequence[Profile], catalog: Catalog, features: Features) -> BoolArray:
    """(clauses, P, E): ecosystems with a contract, none of which has the clause yet."""
    has = contract_clauses(profiles, catalog)
    contracted = has_contract(profiles, catalog)
    return (features.in_use & contracted)[None] & ~np.moveaxis(has, 2, 0)


def _workload_applicable(change: RowChange, features: Features) -> BoolArray:
    rows = features.rows
    applicable = np.zeros(features.in_use.shape, dtype=bool)
    applicable[rows.profile[change.changed], change.group[change.changed]] = True
    return (applicable & features.in_use)[None]


def _workload_pressures(changes: list[RowChange], catalog: Catalog, features: Features) -> FloatArray:
    """(workload actions, P, E, C): the pressures once each action is applied to the workloads
    (the masses recomputed from the changed rows; each ecosystem reads its own)."""
    rows = features.rows
    n_profiles = features.mass.shape[0]
    before = workload_mass(rows, rows.raw_usage, n_profiles, catalog)
    after = np.stack(
        [workload_mass(change.after, change.after.raw_usage, n_profiles, catalog) for change in changes]
    )
    return pressure_from_mass(features.mass[None] + after - before[None], catalog) * features.keep[None]


def _apply_to_rows(action: str, rows: WorkloadRows) -> RowChange:
    """Which rows the action changes, the rows after it, and which ecosystem each row's change
    is credited to (its own, or for silicon the chip owner's)."""
    group = rows.ecosystem
    data_location, accelerator = rows.data_location, rows.accelerator
    feature_mask = rows.feature_mask
    silicon_target = rows.silicon_target
    if action == "move_data_to_own_cloud":
        changed = data_location == DATA_LOCATION_INDEX["vendor_cloud"]
        data_location = np.where(changed, DATA_LOCATION_INDEX["own_cloud"], data_location)
    elif action == "portable_vector_store":
        changed = feature_mask[:, VECTOR_FEATURES].any(axis=1)
        feature_mask = feature_mask.copy()
        feature_mask[:, VECTOR_FEATURES] = False
    elif action == "portable_agent_framework":
        changed = feature_mask[:, AGENT_FEATURES].any(axis=1)
        feature_mask = feature_mask.copy()
        feature_mask[:, AGENT_FEATURES] = False
    elif action == "move_off_custom_silicon":
        changed = (accelerator == CUSTOM_SILICON[0]) | (accelerator == CUSTOM_SILICON[1])
        accelerator = np.where(changed, ACCELERATOR_INDEX["nvidia"], accelerator)
        silicon_target = rows.ecosystem
        group = rows.silicon_target
    else:
        raise ValueError(f"unknown workload action {action!r}")
    after = replace(
        rows,
        silicon_target=silicon_target,
        data_location=data_location,
        accelerator=accelerator,
        feature_mask=feature_mask,
    )
    return RowChange(changed=changed, after=after, group=group)
