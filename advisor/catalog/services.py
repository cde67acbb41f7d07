"""Writes and conversions for the versioned catalog.

The fixture document (advisor.domain.catalog_format) is the catalog's one exchange form:
imports validate a document before writing it, exports and diffs render one, and the
scoring engine is built from one. Converting between rows and a document happens only
here, driven by each model's DOCUMENT_FIELDS.
"""

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from advisor.catalog.models import (
    CatalogVersion,
    Channel,
    Ecosystem,
    FoundationModel,
    MarketFigure,
    MoatRating,
    Prediction,
    RiskRating,
)
from advisor.catalog.signals import catalog_published
from advisor.domain import catalog_format

SOURCES_DIR = settings.FIXTURES_DIR / "catalog" / catalog_format.SOURCES_FOLDER

# Document key -> model, in the order records must be written (references first).
# (Any: the stubs cannot see `objects` on the abstract CatalogRecord these share.)
RECORD_MODELS: dict[str, Any] = {
    "ecosystems": Ecosystem,
    "channels": Channel,
    "models": FoundationModel,
    "moats": MoatRating,
    "risks": RiskRating,
    "predictions": Prediction,
    "market": MarketFigure,
}
MARKET_FIGURES = catalog_format.SPENDING_FIGURES + catalog_format.SINGLE_FIGURES


class CatalogInvalid(Exception):
    """The catalog failed validation; `errors` lists every problem (file, path, message)."""

    def __init__(self, errors: list):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the catalog")


@dataclass(frozen=True)
class ImportResult:
    version: CatalogVersion
    created: bool


# ---------------------------------------------------------------------------------------------
# Rows <-> document


def catalog_version_document(version: CatalogVersion) -> dict:
    """The version as a canonical fixture document."""
    document = {"catalog": version.metadata, "questionnaire": version.questionnaire}
    for key, model in RECORD_MODELS.items():
        rows = model.objects.filter(version=version).order_by(*model._meta.ordering)
        document[key] = [_record_to_dict(row) for row in _with_references(rows)]
    return catalog_format.canonical_document(document)


def _with_references(rows):
    references = [f.name for f in rows.model._meta.fields if f.name in ("ecosystem", "channel")]
    return rows.select_related(*references) if references else rows


def _record_to_dict(row) -> dict:
    record = {}
    for name in row.DOCUMENT_FIELDS:
        value = getattr(row, name)
        record[name] = value.slug if isinstance(value, Ecosystem | Channel) else value
    if isinstance(row, MarketFigure):
        record.update(row.figures)
    for name in ("source", "sources"):
        if getattr(row, name) is not None:
            record[name] = getattr(row, name)
    return record


def _write_records(version: CatalogVersion, document: dict) -> None:
    ecosystems: dict[str, Ecosystem] = {}
    channels: dict[str, Channel] = {}
    for key, model in RECORD_MODELS.items():
        rows = []
        for position, record in enumerate(document.get(key, [])):
            fields = {name: record.get(name) for name in model.DOCUMENT_FIELDS}
            if "ecosystem" in fields:
                fields["ecosystem"] = ecosystems[fields["ecosystem"]]
            if "channel" in fields:
                fields["channel"] = channels[fields["channel"]]
            if model is MarketFigure:
                fields["figures"] = {name: record[name] for name in MARKET_FIGURES if name in record}
            if any(f.name == "position" for f in model._meta.fields):
                fields["position"] = position
            rows.append(
                model(version=version, source=record.get("source"), sources=record.get("sources"), **fields)
            )
        created = model.objects.bulk_create(rows)
        if model is Ecosystem:
            ecosystems = {row.slug: row for row in created}
        if model is Channel:
            channels = {row.slug: row for row in created}


# ---------------------------------------------------------------------------------------------
# Import, export, drafts, publishing


def catalog_validate(document: dict) -> list:
    return catalog_format.validate_document(document, sources_dir=SOURCES_DIR)


def catalog_import(*, path: Path, user=None) -> ImportResult:
    """Validate the fixture folder at `path`, then publish it as a new version if it changed.

    Raises CatalogInvalid with every problem and writes nothing when the folder is invalid.
    """
    path = Path(path)
    document = catalog_format.load_catalog_dir(path)
    sources = path / catalog_format.SOURCES_FOLDER
    errors = catalog_format.validate_document(
        document, sources_dir=sources if sources.is_dir() else SOURCES_DIR
    )
    if errors:
        raise CatalogInvalid(errors)
    canonical = catalog_format.canonical_document(document)
    digest = catalog_format.content_hash(canonical)
    active = CatalogVersion.objects.active()
    if active is not None and active.content_hash == digest:
        return ImportResult(version=active, created=False)
    with transaction.atomic():
        version = CatalogVersion.objects.create(
            created_by=user,
            metadata=canonical["catalog"],
            questionnaire=canonical["questionnaire"],
            note=f"Imported from {path.name}/",
        )
        _write_records(version, canonical)
        _publish(version, user=user, content_hash=digest)
    return ImportResult(version=version, created=True)


def catalog_export(*, version: CatalogVersion, path: Path) -> None:
    catalog_format.dump_catalog_dir(catalog_version_document(version), path, sources_dir=SOURCES_DIR)


@transaction.atomic
def catalog_draft_create(*, user, based_on: CatalogVersion | None = None) -> CatalogVersion:
    """A new draft holding a copy of `based_on` (default: the active version)."""
    based_on = based_on or CatalogVersion.objects.active()
    document = catalog_version_document(based_on) if based_on else {"catalog": {}, "questionnaire": {}}
    draft = CatalogVersion.objects.create(
        created_by=user,
        based_on=based_on,
        metadata=document["catalog"],
        questionnaire=document["questionnaire"],
    )
    _write_records(draft, document)
    return draft


@transaction.atomic
def catalog_publish(*, draft: CatalogVersion, user) -> CatalogVersion:
    """Validate the draft and publish it, unless it is invalid or changes nothing."""
    draft = CatalogVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.is_published:
        raise CatalogInvalid([f"{draft.label} is already published."])
    document = catalog_version_document(draft)
    errors = catalog_validate(document)
    if errors:
        raise CatalogInvalid(errors)
    digest = catalog_format.content_hash(document)
    active = CatalogVersion.objects.active()
    if active is not None and active.content_hash == digest:
        raise CatalogInvalid(
            [f"Nothing to publish: the draft is identical to the active catalog {active.label}."]
        )
    return _publish(draft, user=user, content_hash=digest)


def _publish(version: CatalogVersion, *, user, content_hash: str) -> CatalogVersion:
    latest = CatalogVersion.objects.aggregate(latest=Max("number"))["latest"] or 0
    version.number = latest + 1
    version.status = CatalogVersion.Status.PUBLISHED
    version.content_hash = content_hash
    version.published_at = timezone.now()
    version.published_by = user
    version.save(publishing=True)
    return version


def catalog_publish_warnings(*, version: CatalogVersion) -> list[str]:
    """What the apps above want the publisher of `version` to know (e.g. scoring: no model fits
    these ratings yet, and what to run)."""
    responses = catalog_published.send(sender=CatalogVersion, version=version)
    return [response for _receiver, response in responses if isinstance(response, str) and response]


def catalog_diff(*, old: CatalogVersion | None, new: CatalogVersion) -> str:
    """A unified diff of the fixture files of two versions ("" when identical)."""
    old_document = catalog_version_document(old) if old else {}
    new_document = catalog_version_document(new)
    lines: list[str] = []
    for key, file_name in catalog_format.FILES.items():
        before = catalog_format.catalog_file_text(key, old_document[key]) if key in old_document else ""
        after = catalog_format.catalog_file_text(key, new_document[key]) if key in new_document else ""
        lines += difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{old.label if old else 'nothing'}/{file_name}",
            tofile=f"{new.label}/{file_name}",
        )
    return "".join(lines)
