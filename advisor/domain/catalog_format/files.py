"""The files of a catalog folder, and the problem type every check reports."""

from dataclasses import dataclass
from typing import Any

# The files of a catalog folder, in canonical order: top-level key -> file name.
FILES = {
    "catalog": "catalog.yaml",
    "ecosystems": "ecosystems.yaml",
    "models": "models.yaml",
    "channels": "channels.yaml",
    "moats": "moats.yaml",
    "risks": "risks.yaml",
    "predictions": "predictions.yaml",
    "market": "market.yaml",
    "questionnaire": "questionnaire.yaml",
}
SOURCES_FOLDER = "sources"

FILE_TITLES = {
    "catalog": "Vendor catalog: title, description and the rating scales.",
    "ecosystems": "AI ecosystems (camps), with the seed table's fields and infrastructure tiers.",
    "models": "Foundation models with the seeds' benchmark figures.",
    "channels": "Lock-in channels: what makes leaving an ecosystem costly.",
    "moats": "Moat strength of every ecosystem on every channel (scale in catalog.yaml).",
    "risks": "Likelihood and impact of every exit scenario for every ecosystem (scales in catalog.yaml).",
    "predictions": "Dated predictions from the sources.",
    "market": "Market figures: infrastructure spending, price compression, retention, funding.",
    "questionnaire": "The assessment questionnaire: sections and questions as data.",
}


@dataclass(frozen=True)
class CatalogProblem:
    """One problem in a catalog folder: the file, the record path inside it, and what is wrong."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.path, self.message) if part)


class CatalogDocument(dict[str, Any]):
    """The dict `load_catalog_dir` returns: a document plus the files it could not read.

    `validate_document` reports `load_errors` with its own findings, so a caller that loads then
    validates sees a missing file or a YAML syntax error as one more validation error.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.load_errors: list[CatalogProblem] = []
