"""The names the catalog, the profile, the questionnaire, the engine and the apps all share.

Owned here, written once: the catalog format checks fixtures against them, the Django models take
their choices from them, and the engine orders its columns by them.
"""

# The ecosystems the profile format names; a catalog may add more, never drop these.
ECOSYSTEMS = ("openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere")

# Lock-in channels, in the order of the engine's columns.
CHANNELS = (
    "custom_silicon",
    "model_api",
    "agent_runtime",
    "suite_integration",
    "data_gravity",
    "cloud_platform",
    "licence",
    "pricing",
)

# Exit scenarios: slug -> the name pages and reports show, in the engine's column order.
SCENARIO_NAMES = {
    "price_shock": "Price shock",
    "model_deprecation": "Model deprecation",
    "vendor_acquisition": "Vendor acquisition",
    "compute_dependency": "Compute-dependency failure",
    "regulatory_mandate": "Regulatory interoperability mandate",
}
SCENARIOS = tuple(SCENARIO_NAMES)

# ---------------------------------------------------------------------------------------------
# The profile's answers (lockin-profile/1, docs/profile-format.md).

INDUSTRIES = (
    "financial_services",
    "healthcare",
    "retail",
    "software",
    "public_sector",
    "manufacturing",
    "telecom",
    "energy",
    "other",
)
DEPLOYMENTS = ("vendor_api", "cloud_marketplace", "self_hosted")
CRITICALITIES = ("low", "medium", "high", "mission_critical")
FEATURES = (
    "fine_tuning",
    "assistants_or_agents_api",
    "vendor_vector_store",
    "code_interpreter",
    "function_calling",
    "batch_api",
    "realtime_voice",
    "vendor_embeddings",
    "vendor_eval_tools",
    "vendor_guardrails",
)
DATA_LOCATIONS = ("vendor_cloud", "own_cloud", "on_premises")
ACCELERATORS = ("none", "nvidia", "tpu", "trainium", "other")
SUITES = ("microsoft_365_copilot", "google_workspace_gemini", "other", "none")
CODE_ASSISTANTS = ("github_copilot", "gemini_code_assist", "amazon_q", "other", "none")
PRACTICES = (
    "llm_gateway",
    "eval_harness",
    "prompt_portability",
    "open_weights_fallback",
    "multi_vendor_in_production",
    "exit_plan_documented",
    "data_export_tested",
)
CONTRACT_CLAUSES = ("data_export_clause", "termination_assistance")
