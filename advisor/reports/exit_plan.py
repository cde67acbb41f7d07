"""A draft exit plan per ecosystem in use, pre-filled from the answers and the scores.

Its headings follow what DORA Art. 28(8) and Art. 10 of Delegated Regulation (EU) 2024/1773
ask of an exit plan for ICT services supporting critical or important functions: triggers
(persistent interruption, failed delivery, unexpected termination), alternatives, transition
steps on a schedule compatible with the contract, data retrieval, cost, resources and time, and
success criteria with monitoring indicators. Everything the scores cannot know is left for the
client to complete, and says so.
"""

import math

TO_COMPLETE = "To complete"
# When no contract says how long is left, the schedule is shown over a year, as a starting point.
DEFAULT_HORIZON_MONTHS = 12
# Shorter than this, an exit within the contract is a stressed exit: no time for a parallel run.
STRESSED_BELOW_MONTHS = 4
# Transition phases and their share of the time left (they round to whole months).
PHASES = (
    ("Prepare", 0.25, "Name the owner, freeze new vendor-specific features, export and verify the data."),
    ("Build and run in parallel", 0.45, "Stand up the alternative, replay the evaluation set, run both."),
    ("Cut over", 0.2, "Move traffic workload by workload, most critical last, with a way back."),
    ("Decommission and verify", 0.1, "Confirm deletion at the provider, close accounts, record lessons."),
)
DATA_FORMATS = {
    "vendor_cloud": "Export from the provider's cloud: documents and conversation logs as JSONL, embeddings "
    "and vector-store contents as Parquet, fine-tuning sets and (where licensed) fine-tuned weights.",
    "own_cloud": "Already in your own cloud account: keep prompts, evaluation sets and fine-tuning data "
    "there in open formats (JSONL, Parquet).",
    "on_premises": "Held on premises: no retrieval from the provider is needed for the data itself.",
}


def exit_plans(
    *,
    results,
    profile: dict,
    risks: dict[str, list[dict]],
    alternatives: dict[str, list[dict]],
    criticality_labels: dict[str, str],
):
    """One draft plan per ecosystem in use (`results` is the presentation's ResultsView)."""
    practices = profile.get("practices") or {}
    contracts = profile.get("contracts") or []
    return [
        _plan(
            entry,
            practices,
            [c for c in contracts if c["ecosystem"] == entry["ecosystem"]],
            risks,
            alternatives,
            criticality_labels,
        )
        for entry in results.in_use
    ]


def _plan(
    entry: dict,
    practices: dict,
    contracts: list[dict],
    risks: dict,
    alternatives: dict,
    labels: dict[str, str],
) -> dict:
    workloads = entry["workloads"]
    horizon, schedule_note = _horizon(contracts)
    top_risk = _top_risk(risks.get(entry["ecosystem"], []))
    annual_spend = 12 * sum(w["monthly_spend_usd"] for w in workloads)
    costliest = max(entry["scenarios"], key=lambda s: s["cost_if_it_happens_usd"], default=None)
    return {
        "ecosystem": entry["ecosystem"],
        "name": entry["name"],
        "exposure": entry["exposure"],
        "band": entry["band"],
        "exit_cost": entry["exit_cost"],  # None for a format 1 score
        "triggers": _triggers(entry, top_risk),
        "alternatives": [
            {
                "workload": w["name"],
                "criticality": labels.get(w["criticality"], w["criticality"]),
                "options": alternatives.get(w["ecosystem"], []),
            }
            for w in workloads
        ],
        "horizon_months": horizon,
        "stressed": horizon < STRESSED_BELOW_MONTHS,
        "schedule_note": schedule_note,
        "phases": _phases(horizon),
        "data": [
            {
                "workload": w["name"],
                "location": w["data_location"],
                "format": DATA_FORMATS.get(w["data_location"], TO_COMPLETE),
            }
            for w in workloads
        ],
        "export_tested": bool(practices.get("data_export_tested")),
        "export_clause": any(c["data_export_clause"] for c in contracts) if contracts else None,
        "termination_assistance": any(c["termination_assistance"] for c in contracts) if contracts else None,
        "annual_spend_usd": annual_spend,
        "committed_spend_usd": sum(c["committed_spend_usd"] for c in contracts),
        "costliest_scenario": costliest,
        "success_criteria": _success_criteria(practices),
        "indicators": _indicators(entry),
    }


def _horizon(contracts: list[dict]) -> tuple[int, str]:
    if not contracts:
        return DEFAULT_HORIZON_MONTHS, (
            "No committed-spend contract is recorded for this ecosystem: align the schedule with the notice "
            f"period of the service terms. It is shown over {DEFAULT_HORIZON_MONTHS} months "
            f"as a starting point."
        )
    months = min(c["months_remaining"] for c in contracts)
    if months < STRESSED_BELOW_MONTHS:
        return max(months, 1), (
            f"The contract ends in {months} month{'s' if months != 1 else ''}: an exit "
            f"inside it is a stressed "
            "exit, with no time for a parallel run. Negotiate an extension or a transition period first."
        )
    return months, (
        f"The schedule fits inside the {months} months left on the contract, so the exit "
        f"completes before the "
        "commitment ends and no second term is needed."
    )


def _phases(horizon: int) -> list[dict]:
    phases, start = [], 1
    for position, (name, share, what) in enumerate(PHASES):
        last = position == len(PHASES) - 1
        end = horizon if last else min(horizon, max(start, start + math.ceil(horizon * share) - 1))
        phases.append({"name": name, "what": what, "start": min(start, horizon), "end": end})
        start = end + 1
    return phases


def _top_risk(ratings: list[dict]) -> dict | None:
    return max(ratings, key=lambda r: (r["likelihood"] * r["impact"], r["likelihood"]), default=None)


def _triggers(entry: dict, top_risk: dict | None) -> list[dict]:
    critical = [w["name"] for w in entry["workloads"] if w["criticality"] in ("high", "mission_critical")]
    affected = ", ".join(critical) if critical else "the workloads on this ecosystem"
    triggers = [
        {
            "name": "Persistent or unforeseen service interruption",
            "text": f"An outage or degradation of {entry['name']} services beyond the impact tolerance of "
            f"{affected}.",
        },
        {
            "name": "Inappropriate or failed delivery",
            "text": "Quality on your own evaluation set falls below the agreed level, or "
            "the provider breaches "
            "the contract, the law or your data-security requirements.",
        },
        {
            "name": "Unexpected termination",
            "text": "The provider ends the contract or the service, or retires a model with no successor you "
            "have validated.",
        },
    ]
    if top_risk is not None:
        triggers.append(
            {
                "name": f"Top catalog risk: {top_risk['label']}",
                "text": f"Likelihood {top_risk['likelihood']}/5, impact {top_risk['impact']}/5. "
                f"{top_risk['justification']}",
                "quote": top_risk.get("quote", ""),
            }
        )
    return triggers


def _success_criteria(practices: dict) -> list[str]:
    criteria = [
        "Every workload on the alternative meets its quality bar on your evaluation set"
        + ("" if practices.get("eval_harness") else " (you have no evaluation harness yet: build one first)")
        + ".",
        "No incident above your impact tolerance during the cut-over; the way back was tested.",
        "All data retrieved and verified (record counts and checksums) before deletion is confirmed.",
        "Cost of the alternative within the budget approved for the exit.",
    ]
    return criteria


def _indicators(entry: dict) -> list[dict]:
    return [
        {"name": "Exposure score (re-assess quarterly)", "now": f"{entry['exposure']:.1f} ({entry['band']})"},
        {"name": "Share of workload spend", "now": f"{entry['spend_share'] * 100:.0f}%"},
        {
            "name": "Probability of a costly exit"
            if entry["exit_cost"]
            else "Probability of a high-cost migration",
            "now": f"{entry['probability'] * 100:.0f}%",
        },
        {"name": "Provider incidents and notice of changes to models or terms", "now": TO_COMPLETE},
    ]
