"""Words for the codes in a scores document that the catalog does not name, for pages and reports."""

ACTIONS = {
    "llm_gateway": "Route model calls through an LLM gateway",
    "eval_harness": "Build an evaluation harness on your own tasks",
    "prompt_portability": "Keep prompts portable across model families",
    "open_weights_fallback": "Keep an open-weights fallback ready",
    "multi_vendor_in_production": "Run a second vendor in production",
    "exit_plan_documented": "Document an exit plan",
    "data_export_tested": "Test exporting your data",
    "negotiate_data_export_clause": "Negotiate a data-export clause",
    "negotiate_termination_assistance": "Negotiate termination assistance",
    "move_data_to_own_cloud": "Move workload data into your own cloud",
    "portable_vector_store": "Replace the vendor's vector store and embeddings with portable ones",
    "portable_agent_framework": "Rebuild agents on a portable agent framework",
    "move_off_custom_silicon": "Move workloads off custom silicon (TPU, Trainium)",
}

# Channel and scenario names come from the catalog; these drivers are not catalog channels.
PRACTICES_FACTOR = ("portability_practices", "Your portability practices and contract clauses")
CONTRACT_FACTOR = ("contract", "Committed spend still owed")

BAND_COLOURS = {"low": "#2e7d32", "moderate": "#c7a200", "high": "#e07a10", "critical": "#b42318"}
