"""Changes applied to a profile, then the whole profile scored again: the improvement plan's
projection and the results page's what-if.

Every change is a new Profile (dataclasses.replace); nothing is summed. Several changes are
applied together and scored once, so where two act on the same channel (a gateway and an exit
plan both keep part of the model-API pressure) the combined gain is what the engine says of
both, not the sum of each one's gain. The mitigation actions are the engine's own (ACTIONS in
counterfactuals.py), done here to the profile's answers; two answer changes the engine does
not recommend complete them: move a workload to another ecosystem, end a contract.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from advisor.domain.profile import Contract, Profile, Workload
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.counterfactuals import ACTIONS, CLAUSE_ACTIONS
from advisor.domain.scoring.model import Model
from advisor.domain.scoring.scores import score_profile

ANSWER_CHANGES = ("move_workload", "end_contract")
CHANGES = (*ACTIONS, *ANSWER_CHANGES)
VECTOR_FEATURES = ("vendor_vector_store", "vendor_embeddings")
AGENT_FEATURES = ("assistants_or_agents_api", "code_interpreter")


class ChangeError(ValueError):
    """A change that cannot be applied; `field` names what is wrong (`changes[1].ecosystem`)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Change:
    """One change: an engine action (for one ecosystem, or None: every ecosystem it applies to),
    or an answer change (`move_workload` of workload number `workload` to ecosystem `to`;
    `end_contract` with `ecosystem`)."""

    action: str
    ecosystem: str | None = None
    workload: int | None = None
    to: str | None = None


def check_changes(changes: Sequence[Change], profile: Profile, ecosystems: Sequence[str]) -> None:
    """ChangeError for the first change that names an unknown action, ecosystem or workload."""
    for index, change in enumerate(changes):
        where = f"changes[{index}]"
        if change.action not in CHANGES:
            raise ChangeError(f"{where}.action", f"unknown change {change.action!r}")
        if change.ecosystem is not None and change.ecosystem not in ecosystems:
            raise ChangeError(f"{where}.ecosystem", f"unknown ecosystem {change.ecosystem!r}")
        if change.action == "end_contract" and change.ecosystem is None:
            raise ChangeError(f"{where}.ecosystem", "say which ecosystem's contract ends")
        if change.action == "move_workload":
            if change.workload is None or not 0 <= change.workload < len(profile.workloads):
                raise ChangeError(f"{where}.workload", f"no workload number {change.workload!r}")
            if change.to not in ecosystems:
                raise ChangeError(f"{where}.to", f"unknown ecosystem {change.to!r}")


def apply_changes(profile: Profile, changes: Iterable[Change]) -> Profile:
    """The profile with every change made, in order (unchecked: see check_changes)."""
    for change in changes:
        profile = _apply(profile, change)
    return profile


def rescore(profile: Profile, changes: Sequence[Change], catalog: Catalog, model: Model) -> dict[str, Any]:
    """The scores document of the profile once all the changes are made together."""
    check_changes(changes, profile, catalog.ecosystems)
    return score_profile(apply_changes(profile, changes), catalog, model)


def exposure_change(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Two scores documents side by side: the index and each ecosystem in use before, after and
    the difference (negative: lower exposure), in the order of `before`."""
    after_by_slug = {entry["ecosystem"]: entry for entry in after["ecosystems"]}
    rows = []
    for entry in before["ecosystems"]:
        later = after_by_slug.get(entry["ecosystem"], {"exposure": 0.0, "band": "low"})
        if not entry["exit_cost"] and not entry["exposure"] and not later["exposure"]:
            continue  # not in use before, and nothing moved there
        rows.append(
            {
                "ecosystem": entry["ecosystem"],
                "before": entry["exposure"],
                "after": later["exposure"],
                "delta": round(later["exposure"] - entry["exposure"], 1),
                "band_after": later["band"],
            }
        )
    index_before, index_after = before["overall"]["lock_in_index"], after["overall"]["lock_in_index"]
    return {
        "index_before": index_before,
        "index_after": index_after,
        "index_delta": round(index_after - index_before, 1),
        "band_after": after["overall"]["band"],
        "ecosystems": rows,
    }


def _apply(profile: Profile, change: Change) -> Profile:
    action, ecosystem = change.action, change.ecosystem
    if action in A.PRACTICES:
        return replace(profile, practices=replace(profile.practices, **{action: True}))
    if action in CLAUSE_ACTIONS.values():
        contracts = tuple(
            _with_clause(c, action) if _concerns(c.ecosystem, ecosystem) else c for c in profile.contracts
        )
        return replace(profile, contracts=contracts)
    if action == "end_contract":
        return replace(profile, contracts=tuple(c for c in profile.contracts if c.ecosystem != ecosystem))
    if action == "move_workload":
        moving = change.workload or 0
        moved = tuple(
            _moved(w, change.to or "") if i == moving else w for i, w in enumerate(profile.workloads)
        )
        return replace(profile, workloads=moved)
    workloads = tuple(_workload_action(w, action, ecosystem) for w in profile.workloads)
    return replace(profile, workloads=workloads)


def _with_clause(contract: Contract, action: str) -> Contract:
    if action == CLAUSE_ACTIONS["data_export_clause"]:
        return replace(contract, data_export_clause=True)
    return replace(contract, termination_assistance=True)


def _concerns(own: str, ecosystem: str | None) -> bool:
    return ecosystem is None or own == ecosystem


def _workload_action(workload: Workload, action: str, ecosystem: str | None) -> Workload:
    """A workload after one of the engine's WORKLOAD_ACTIONS, as counterfactuals.py does it to the
    workload rows (the silicon move concerns the chip owner's ecosystem, not the model's)."""
    if action == "move_off_custom_silicon":
        owner = A.ACCELERATOR_OWNER.get(workload.accelerator)
        if owner is not None and _concerns(owner, ecosystem):
            return replace(workload, accelerator="nvidia")
        return workload
    if not _concerns(workload.ecosystem, ecosystem):
        return workload
    if action == "move_data_to_own_cloud" and workload.data_location == "vendor_cloud":
        return replace(workload, data_location="own_cloud")
    if action == "portable_vector_store":
        return replace(workload, features=tuple(f for f in workload.features if f not in VECTOR_FEATURES))
    if action == "portable_agent_framework":
        return replace(workload, features=tuple(f for f in workload.features if f not in AGENT_FEATURES))
    return workload


def _moved(workload: Workload, ecosystem: str) -> Workload:
    """The workload on another vendor's own API: its model is not known yet, and the data and the
    features it uses go with it."""
    if workload.ecosystem == ecosystem:
        return workload
    return replace(workload, ecosystem=ecosystem, model="", deployment="vendor_api", platform="vendor_direct")


def contract_ecosystems(profile: Profile) -> tuple[str, ...]:
    return tuple(dict.fromkeys(contract.ecosystem for contract in profile.contracts))
