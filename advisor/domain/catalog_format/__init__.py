"""The vendor catalog as a document: load, validate, canonicalize, hash and write `fixtures/catalog/`.

Pure Python (the standard library and PyYAML): the import and export commands and the scoring
engine build on it. The format is docs/catalog-format.md. A document is a plain dict with one
key per file (`{"catalog": {...}, "ecosystems": [...], ...}`).

One module per job: `loading` (YAML in), `fields` (the schema language), `sources` (quotes),
`records` (the record schemas), `rules` (validation across records), `canonical` (canonical
form and hash), `writing` (YAML out).
"""

from advisor.domain.catalog_format.canonical import canonical_document, content_hash
from advisor.domain.catalog_format.files import FILES, SOURCES_FOLDER, CatalogDocument, CatalogProblem
from advisor.domain.catalog_format.loading import load_catalog_dir
from advisor.domain.catalog_format.records import MARKET_KINDS, SINGLE_FIGURES, SPENDING_FIGURES
from advisor.domain.catalog_format.rules import load_and_validate, validate_document
from advisor.domain.catalog_format.sources import normalize_for_quote
from advisor.domain.catalog_format.writing import catalog_file_text, dump_catalog_dir

__all__ = [
    "FILES",
    "MARKET_KINDS",
    "SINGLE_FIGURES",
    "SOURCES_FOLDER",
    "SPENDING_FIGURES",
    "CatalogDocument",
    "CatalogProblem",
    "canonical_document",
    "catalog_file_text",
    "content_hash",
    "dump_catalog_dir",
    "load_and_validate",
    "load_catalog_dir",
    "normalize_for_quote",
    "validate_document",
]
