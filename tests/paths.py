"""Where the shipped fixtures live: written once for every test."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
CATALOG_DIR = FIXTURES / "catalog"
PROFILES_DIR = FIXTURES / "profiles"
