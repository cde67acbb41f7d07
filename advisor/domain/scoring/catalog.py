"""The catalog as the engine sees it: slugs in order and read-only rating matrices.

Built from the catalog document (docs/catalog-format.md), whichever way it was loaded (fixture
folder or database). Channels and scenarios are put in the engine's own order, so that a model
trained on one catalog version lines up column by column with the features of another.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray
from advisor.domain.scoring.model import MODEL_FORMAT
from advisor.domain.vocabulary import CHANNELS, SCENARIOS


class CatalogError(ValueError):
    pass


@dataclass(frozen=True, eq=False)
class Catalog:
    version: str
    ecosystems: tuple[str, ...]
    ecosystem_names: tuple[str, ...]
    channels: tuple[str, ...]
    scenarios: tuple[str, ...]
    moat: FloatArray  # (ecosystems, channels), strength 0–5
    likelihood: FloatArray  # (ecosystems, scenarios), 1–5
    impact: FloatArray  # (ecosystems, scenarios), 1–5
    open_weights: BoolArray  # (ecosystems,), bool
    model_ecosystem: Mapping[str, str]
    digest: str  # of the ratings above, so a model can tell it was trained on these numbers
    # (ecosystems,) share of the ecosystem's moat and risk ratings that rest on the seeds' silence
    # (derived from the records' text: the catalog has no field for it); not part of the digest.
    silent_share: FloatArray | None = None

    def index_of(self, ecosystem: str) -> int:
        return self.ecosystems.index(ecosystem)


def catalog_from_document(document: Mapping[str, Any], version: str) -> Catalog:
    ecosystems = [record["slug"] for record in document["ecosystems"]]
    _require_unique(ecosystems, "ecosystems")
    _require_same_set([record["slug"] for record in document["channels"]], CHANNELS, "channels")
    moat = _rating_matrix(document["moats"], ecosystems, "channel", CHANNELS, ("strength",))[0]
    likelihood, impact = _rating_matrix(
        document["risks"], ecosystems, "scenario", SCENARIOS, ("likelihood", "impact")
    )
    open_weights = np.array([bool(record.get("open_weights")) for record in document["ecosystems"]])
    model_ecosystem = {record["slug"]: record["ecosystem"] for record in document.get("models", [])}
    arrays = (moat, likelihood, impact, open_weights)
    for array in arrays:
        array.setflags(write=False)
    return Catalog(
        version=version,
        ecosystems=tuple(ecosystems),
        ecosystem_names=tuple(record.get("name", record["slug"]) for record in document["ecosystems"]),
        channels=CHANNELS,
        scenarios=SCENARIOS,
        moat=moat,
        likelihood=likelihood,
        impact=impact,
        open_weights=open_weights,
        model_ecosystem=MappingProxyType(model_ecosystem),
        digest=_digest(ecosystems, arrays),
        silent_share=silent_share(document, ecosystems),
    )


def silent_share(document: Mapping[str, Any], ecosystems: list[str]) -> FloatArray:
    """Per ecosystem, the share of its moat and risk ratings resting on the seeds' silence: the
    justification says the seeds are silent (or give or name nothing), or the quote is the same
    sentence as SILENT_QUOTE_REPEATS or more of the ecosystem's ratings (the nearest sentence,
    quoted for want of evidence on that channel)."""
    records = [*document.get("moats", []), *document.get("risks", [])]
    quotes = Counter((r["ecosystem"], (r.get("source") or {}).get("quote")) for r in records)
    silent: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for record in records:
        slug = record["ecosystem"]
        quote = (record.get("source") or {}).get("quote")
        text = str(record.get("justification", "")).lower()
        total[slug] += 1
        if (
            not quote
            or quotes[(slug, quote)] >= A.SILENT_QUOTE_REPEATS
            or any(w in text for w in A.SILENCE_WORDS)
        ):
            silent[slug] += 1
    share = np.array([silent[slug] / total[slug] if total[slug] else 1.0 for slug in ecosystems])
    share.setflags(write=False)
    return share


def _rating_matrix(
    records: list[dict[str, Any]],
    ecosystems: list[str],
    column_key: str,
    columns: tuple[str, ...],
    value_keys: tuple[str, ...],
) -> list[FloatArray]:
    matrices = [np.full((len(ecosystems), len(columns)), np.nan) for _ in value_keys]
    for record in records:
        if record["ecosystem"] not in ecosystems or record[column_key] not in columns:
            raise CatalogError(f"unknown {column_key} rating: {record['ecosystem']} × {record[column_key]}")
        row = ecosystems.index(record["ecosystem"])
        column = columns.index(record[column_key])
        for matrix, key in zip(matrices, value_keys, strict=True):
            matrix[row, column] = float(record[key])
    for matrix, key in zip(matrices, value_keys, strict=True):
        if np.isnan(matrix).any():
            rows, cols = np.nonzero(np.isnan(matrix))
            raise CatalogError(f"missing {key} for {ecosystems[rows[0]]} × {columns[cols[0]]}")
    return matrices


def _require_unique(slugs: list[str], what: str) -> None:
    if len(set(slugs)) != len(slugs):
        raise CatalogError(f"duplicate {what} in the catalog document")


def _require_same_set(slugs: list[str], expected: tuple[str, ...], what: str) -> None:
    if set(slugs) != set(expected):
        raise CatalogError(f"the catalog's {what} {sorted(slugs)} are not the engine's {list(expected)}")


def _digest(ecosystems: list[str], arrays: tuple[FloatArray | BoolArray, ...]) -> str:
    """What a model must have been trained on to serve this catalog: its ratings, and the
    model format, so that a model an earlier engine trained is retrained, never loaded."""
    content = {
        "model": MODEL_FORMAT,
        "ecosystems": ecosystems,
        "arrays": [array.tolist() for array in arrays],
    }
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]
