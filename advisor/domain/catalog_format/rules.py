"""Validation of a whole catalog document: each record's fields, then the rules across records."""

from pathlib import Path
from typing import Any

from advisor.domain.catalog_format.fields import Context, Problems, check_mapping, describe, is_number
from advisor.domain.catalog_format.files import FILES, SOURCES_FOLDER, CatalogProblem
from advisor.domain.catalog_format.loading import load_catalog_dir
from advisor.domain.catalog_format.records import (
    CATALOG_FIELDS,
    MARKET_KINDS,
    PAIRED,
    RECORD_FIELDS,
    SINGLE_FIGURES,
    SLUGGED,
    SPENDING_FIGURES,
)
from advisor.domain.catalog_format.sources import SourceLibrary
from advisor.domain.questionnaire import validate_questionnaire
from advisor.domain.vocabulary import CHANNELS, ECOSYSTEMS


def validate_document(
    document: dict[str, Any], sources_dir: str | Path | None = None
) -> list[CatalogProblem]:
    """Every problem of a catalog document, in file order; an empty list when it is valid.

    Quotes whose `document` names a file of `sources_dir` must appear in it; without
    `sources_dir`, a source only needs a non-empty document and quote.
    """
    errors = list(getattr(document, "load_errors", ()))
    if not isinstance(document, dict):
        return [
            *errors,
            CatalogProblem("", "", f"expected a catalog document (a mapping), got {describe(document)}"),
        ]
    files_reported = {error.file for error in errors}
    sources, source_errors = source_library(sources_dir)
    context = Context(ecosystems=_ecosystem_slugs(document), sources=sources)
    errors += source_errors
    for key, file in FILES.items():
        if key in document:
            errors += _check_part(key, document[key], context)
        elif file not in files_reported:
            errors.append(CatalogProblem(file, "", f"missing the top-level key '{key}'"))
    errors += [CatalogProblem("", str(key), "unknown top-level key") for key in document if key not in FILES]
    return sorted(errors, key=_file_order)


def _file_order(error: CatalogProblem) -> int:
    file_names = list(FILES.values())
    return file_names.index(error.file) if error.file in file_names else len(file_names)


def source_library(sources_dir: str | Path | None) -> tuple[SourceLibrary, list[CatalogProblem]]:
    if sources_dir is None:
        return SourceLibrary(None), []
    folder = Path(sources_dir)
    if not folder.is_dir():
        return SourceLibrary(None), [CatalogProblem(f"{SOURCES_FOLDER}/", "", "folder is missing")]
    return SourceLibrary(folder), []


def _ecosystem_slugs(document: dict[str, Any]) -> tuple[str, ...] | None:
    records = document.get("ecosystems")
    if not isinstance(records, list):
        return None
    return tuple(record["slug"] for record in records if isinstance(record, dict) and "slug" in record)


def _check_part(key: str, value: Any, context: Context) -> list[CatalogProblem]:
    file = FILES[key]
    if key == "questionnaire":
        return [
            CatalogProblem(file, f"questionnaire{sub}", message)
            for sub, message in validate_questionnaire(value, context.ecosystems)
        ]
    if key == "catalog":
        return [
            CatalogProblem(file, f"catalog{sub}", message)
            for sub, message in check_mapping(value, CATALOG_FIELDS, context)
        ]
    if not isinstance(value, list):
        return [CatalogProblem(file, key, f"expected a list of records, got {describe(value)}")]
    errors = []
    for index, record in enumerate(value):
        problems = check_mapping(record, RECORD_FIELDS[key], context)
        if isinstance(record, dict):
            problems += _record_problems(key, record)
        errors += [CatalogProblem(file, f"{key}[{index}]{sub}", message) for sub, message in problems]
    if key in SLUGGED:
        errors += _duplicate_slug_errors(key, value)
    if key in PAIRED:
        errors += _pair_errors(key, value, context)
    errors += _required_slug_errors(key, value)
    return errors


def _record_problems(key: str, record: dict[str, Any]) -> Problems:
    problems = _source_given_problems(record)
    if key == "ecosystems":
        problems += _tier_company_problems(record)
    if key == "market":
        problems += _market_figure_problems(record)
    return problems


def _source_given_problems(record: dict[str, Any]) -> Problems:
    if "source" not in record and "sources" not in record:
        return [("", "missing source (give source or sources)")]
    if "source" in record and "sources" in record:
        return [("", "give source or sources, not both")]
    return []


def _tier_company_problems(record: dict[str, Any]) -> Problems:
    companies, tiers = record.get("companies"), record.get("infrastructure_tiers")
    if not isinstance(companies, list) or not isinstance(tiers, list):
        return []
    problems = []
    seen = []
    for index, tier in enumerate(tiers):
        company = tier.get("company") if isinstance(tier, dict) else None
        if not isinstance(company, str):
            continue
        if company not in companies:
            problems.append(
                (f".infrastructure_tiers[{index}].company", f"'{company}' is not one of the companies")
            )
        if company in seen:
            problems.append((f".infrastructure_tiers[{index}].company", f"'{company}' has a tier already"))
        seen.append(company)
    return problems


def _market_figure_problems(record: dict[str, Any]) -> Problems:
    kind = record.get("kind")
    if kind not in MARKET_KINDS:
        return []
    wanted, unwanted = (
        (SPENDING_FIGURES, SINGLE_FIGURES) if kind == "spending" else (SINGLE_FIGURES, SPENDING_FIGURES)
    )
    problems = [
        (f".{name}", f"missing required field for kind '{kind}'") for name in wanted if name not in record
    ]
    problems += [(f".{name}", f"not a figure of kind '{kind}'") for name in unwanted if name in record]
    value = record.get("value")
    if record.get("unit") == "percent" and is_number(value) and value > 100:
        problems.append((".value", f"{value} is out of range 0–100 for unit percent"))
    return problems


def _duplicate_slug_errors(key: str, records: list[Any]) -> list[CatalogProblem]:
    first_index: dict[str, int] = {}
    errors = []
    for index, record in enumerate(records):
        slug = record.get("slug") if isinstance(record, dict) else None
        if not isinstance(slug, str):
            continue
        if slug in first_index:
            message = f"duplicate slug '{slug}', first at {key}[{first_index[slug]}]"
            errors.append(CatalogProblem(FILES[key], f"{key}[{index}].slug", message))
        else:
            first_index[slug] = index
    return errors


def _pair_errors(key: str, records: list[Any], context: Context) -> list[CatalogProblem]:
    second, seconds = PAIRED[key]
    first_index: dict[tuple[Any, Any], int] = {}
    errors = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        pair = (record.get("ecosystem"), record.get(second))
        if not all(isinstance(part, str) for part in pair):
            continue
        if pair in first_index:
            message = f"duplicate pair ({pair[0]}, {pair[1]}), first at {key}[{first_index[pair]}]"
            errors.append(CatalogProblem(FILES[key], f"{key}[{index}]", message))
        else:
            first_index[pair] = index
    for ecosystem in context.ecosystems or ():
        for other in seconds:
            if (ecosystem, other) not in first_index:
                errors.append(CatalogProblem(FILES[key], key, f"missing a record for ({ecosystem}, {other})"))
    return errors


def _required_slug_errors(key: str, records: list[Any]) -> list[CatalogProblem]:
    required = {"ecosystems": ECOSYSTEMS, "channels": CHANNELS}.get(key, ())
    present = [record.get("slug") for record in records if isinstance(record, dict)]
    singular = key.removesuffix("s")
    return [
        CatalogProblem(FILES[key], key, f"missing {singular} '{slug}'")
        for slug in required
        if slug not in present
    ]


def load_and_validate(path: str | Path) -> tuple[dict[str, Any], list[CatalogProblem]]:
    """Load a catalog folder and validate it against its own `sources/` folder."""
    folder = Path(path)
    document = load_catalog_dir(folder)
    return document, validate_document(document, sources_dir=folder / SOURCES_FOLDER)
