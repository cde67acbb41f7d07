"""The scoring engine: plain Python (numpy, scikit-learn, skops, jsonschema), no Django.

The catalog comes in as data (`catalog_from_document`), profiles as JSON-like dicts
(`parse_profile`); models go out and come back as bytes (`dump_model` / `load_model`).
docs/methodology.md explains the model; assumptions.py holds every constant it rests on.
"""

from advisor.domain.profile import (
    Contract,
    OrganizationFacts,
    Practices,
    ProductivitySuite,
    Profile,
    ProfileError,
    Workload,
    parse_profile,
    profile_schema,
    profile_to_dict,
)
from advisor.domain.scoring.calibration import Outcome, check_outcome, ecosystems_in_use
from advisor.domain.scoring.card import model_card, model_card_markdown
from advisor.domain.scoring.catalog import Catalog, CatalogError, catalog_from_document
from advisor.domain.scoring.golden import GoldenResult, run_golden_cases
from advisor.domain.scoring.model import Model, ModelError, UntrustedModelError, dump_model, load_model
from advisor.domain.scoring.scores import ModelMismatchError, score_profile, score_profiles
from advisor.domain.scoring.training import Gate, Metrics, TrainingParams, TrainingResult, train

__all__ = [
    "Catalog",
    "CatalogError",
    "Contract",
    "Gate",
    "GoldenResult",
    "Metrics",
    "Model",
    "ModelError",
    "ModelMismatchError",
    "OrganizationFacts",
    "Outcome",
    "Practices",
    "ProductivitySuite",
    "Profile",
    "ProfileError",
    "TrainingParams",
    "TrainingResult",
    "UntrustedModelError",
    "Workload",
    "catalog_from_document",
    "check_outcome",
    "dump_model",
    "ecosystems_in_use",
    "load_model",
    "model_card",
    "model_card_markdown",
    "parse_profile",
    "profile_schema",
    "profile_to_dict",
    "run_golden_cases",
    "score_profile",
    "score_profiles",
    "train",
]
