"""Small builders for the domain tests: valid profile documents, and the small training size."""

from advisor.domain.scoring import TrainingParams

# Small enough to train in about a second, large enough to pass every gate.
SMALL = TrainingParams(n_profiles=2500, seed=0, monotonicity_sample=80)


def workload(ecosystem="openai-microsoft", **fields):
    """A valid workload dict; keyword arguments replace its fields."""
    return {
        "name": "Workload",
        "ecosystem": ecosystem,
        "model": "any",
        "deployment": "vendor_api",
        "criticality": "medium",
        "monthly_spend_usd": 10000,
        "features": [],
        "data_location": "own_cloud",
        "accelerator": "none",
        **fields,
    }


def profile_document(*workloads, **sections):
    """A valid profile dict with the given workloads (one default workload when none)."""
    return {
        "format": "lockin-profile/1",
        "organization": {
            "name": "Example Co",
            "industry": "software",
            "employees": 500,
            "regulated": False,
            "eu_operations": False,
            "annual_ai_spend_usd": 600000,
        },
        "workloads": list(workloads) or [workload()],
        **sections,
    }
