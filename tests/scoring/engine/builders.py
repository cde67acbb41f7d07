"""Small builders of valid profile documents for the engine tests."""


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
