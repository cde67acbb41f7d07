"""The vendor catalog as a document: load, validate, canonicalize, hash and write `fixtures/catalog/`.

Pure Python (the standard library and PyYAML), no Django: the import and export commands and
the scoring engine build on it. The format is docs/catalog-format.md.

A document is a plain dict with one key per file (`{"catalog": {...}, "ecosystems": [...], ...}`).
"""

import copy
import hashlib
import json
import math
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.questionnaire.definition import canonical_questionnaire, validate_questionnaire

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
SCENARIOS = (
    "price_shock",
    "model_deprecation",
    "vendor_acquisition",
    "compute_dependency",
    "regulatory_mandate",
)
# The ecosystems the profile format names; a catalog may add more, never drop these.
REQUIRED_ECOSYSTEMS = ("openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere")

SCALES = {"moat_strength": (0, 5), "likelihood": (1, 5), "impact": (1, 5)}
TIERS = (1, 4)
ARCHITECTURES = ("moe", "dense", "unknown")
TIER_BASES = ("stated", "inferred")
MARKET_KINDS = ("spending", "price_compression", "retention", "funding")
SPENDING_FIGURES = ("value_2024_busd", "value_2027_busd", "cagr_pct")
SINGLE_FIGURES = ("value", "unit")

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

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class CatalogError:
    """One problem in a catalog folder: the file, the record path inside it, and what is wrong."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.path, self.message) if part)


class CatalogDocument(dict):
    """The dict `load_catalog_dir` returns: a document plus the files it could not read.

    `validate_document` reports `load_errors` with its own findings, so a caller that loads then
    validates sees a missing file or a YAML syntax error as one more validation error.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.load_errors: list[CatalogError] = []


# ---------------------------------------------------------------------------------------------
# Loading


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (PyYAML keeps the last one)."""


class _FastUniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml when PyYAML has it: several times faster on the catalog files."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    mapping: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            already_seen = key in mapping
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            ) from None
        if already_seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)
_FastUniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FastUniqueKeyLoader)
    except yaml.YAMLError:
        # Parse again in pure Python: its error messages are the same with or without libyaml.
        return yaml.load(text, Loader=_UniqueKeyLoader)


def load_catalog_dir(path: str | Path) -> dict:
    """Read the YAML files of a catalog folder into one document.

    Never raises for a bad folder: a missing file, a YAML syntax error or a file without its
    top-level key leaves that key out of the document and is recorded in `load_errors`
    (see `CatalogDocument`), which `validate_document` reports.
    """
    folder = Path(path)
    document = CatalogDocument()
    if not folder.is_dir():
        document.load_errors.append(CatalogError("", str(folder), "no such catalog folder"))
        return document
    for key, file_name in FILES.items():
        part, errors = _read_part(folder / file_name, key)
        document.load_errors.extend(errors)
        if part is not _ABSENT:
            document[key] = part
    return document


_ABSENT = object()


def _read_part(path: Path, key: str) -> tuple[Any, list[CatalogError]]:
    file = path.name
    if not path.is_file():
        return _ABSENT, [CatalogError(file, "", "file is missing")]
    try:
        data = _parse_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return _ABSENT, [CatalogError(file, "", "is not UTF-8 text")]
    except yaml.MarkedYAMLError as exc:
        return _ABSENT, [CatalogError(file, "", _describe_yaml_error(exc))]
    except yaml.YAMLError as exc:
        return _ABSENT, [CatalogError(file, "", f"invalid YAML: {exc}")]
    if not isinstance(data, dict) or key not in data:
        return _ABSENT, [CatalogError(file, "", f"expected a mapping with the top-level key '{key}'")]
    extra_keys = [
        CatalogError(file, "", f"unknown top-level key '{other}'") for other in data if other != key
    ]
    return data[key], extra_keys


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"invalid YAML{where}: {exc.problem or exc.context}"


# ---------------------------------------------------------------------------------------------
# Field checks. A check returns problems as (sub-path, message) pairs; the sub-path is appended
# to the path of the value checked ("" for the value itself, ".quote", "[2].tier").

Problems = list[tuple[str, str]]


@dataclass(frozen=True)
class _Context:
    # Slugs of ecosystems.yaml, or None when that file is unusable: references then go unchecked
    # rather than each being reported as unknown.
    ecosystems: tuple[str, ...] | None
    sources: "_SourceLibrary"


@dataclass(frozen=True)
class _Field:
    name: str
    check: Callable[[Any, _Context], Problems]
    nullable: bool = False
    optional: bool = False
    decimal: bool = False  # the canonical form stores it as a float (15 and 15.0 are one figure)
    item_fields: tuple["_Field", ...] = ()  # for a mapping, or a list of mappings: their fields


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _is_integer(value: Any) -> bool:
    return type(value) is int


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _text(value: Any, context: _Context) -> Problems:
    if not isinstance(value, str):
        return [("", f"expected text, got {_describe(value)}")]
    if not value.strip():
        return [("", "must not be empty")]
    return []


def _slug(value: Any, context: _Context) -> Problems:
    if not isinstance(value, str) or not _SLUG.match(value):
        return [("", f"{_describe(value)} is not a slug (lowercase letters and digits joined by - or _)")]
    return []


def _boolean(value: Any, context: _Context) -> Problems:
    if not isinstance(value, bool):
        return [("", f"expected true or false, got {_describe(value)}")]
    return []


def _on_scale(low: int, high: int) -> Callable[[Any, _Context], Problems]:
    def check(value: Any, context: _Context) -> Problems:
        if not _is_integer(value):
            return [("", f"expected an integer on the scale {low}–{high}, got {_describe(value)}")]
        if not low <= value <= high:
            return [("", f"{value} is off the scale {low}–{high}")]
        return []

    return check


def _number(
    low: float, high: float | None = None, integer: bool = False
) -> Callable[[Any, _Context], Problems]:
    bounds = f"{low}–{high}" if high is not None else f"≥ {low}"

    def check(value: Any, context: _Context) -> Problems:
        if integer and not _is_integer(value):
            return [("", f"expected an integer, got {_describe(value)}")]
        if not _is_number(value):
            return [("", f"expected a number, got {_describe(value)}")]
        if value < low or (high is not None and value > high):
            return [("", f"{value} is out of range {bounds}")]
        return []

    return check


def _one_of(*options: str) -> Callable[[Any, _Context], Problems]:
    def check(value: Any, context: _Context) -> Problems:
        if value not in options:
            return [("", f"{_describe(value)} is not one of {', '.join(options)}")]
        return []

    return check


def _known(kind: str, options: tuple[str, ...]) -> Callable[[Any, _Context], Problems]:
    def check(value: Any, context: _Context) -> Problems:
        if value not in options:
            return [("", f"unknown {kind} {_describe(value)}")]
        return []

    return check


def _ecosystem_reference(value: Any, context: _Context) -> Problems:
    if context.ecosystems is None:
        return _text(value, context)
    if value not in context.ecosystems:
        return [("", f"unknown ecosystem {_describe(value)}")]
    return []


def _list_of(
    item_check: Callable[[Any, _Context], Problems], allow_empty: bool = True, unique: bool = False
) -> Callable[[Any, _Context], Problems]:
    def check(value: Any, context: _Context) -> Problems:
        if not isinstance(value, list):
            return [("", f"expected a list, got {_describe(value)}")]
        if not value and not allow_empty:
            return [("", "must not be empty")]
        problems = []
        for index, item in enumerate(value):
            problems += [(f"[{index}]{sub}", message) for sub, message in item_check(item, context)]
            if unique and isinstance(item, str) and item in value[:index]:
                problems.append((f"[{index}]", f"{_describe(item)} is listed twice"))
        return problems

    return check


def _mapping_of(fields: tuple[_Field, ...]) -> Callable[[Any, _Context], Problems]:
    def check(value: Any, context: _Context) -> Problems:
        return _check_mapping(value, fields, context)

    return check


def _check_mapping(value: Any, fields: tuple[_Field, ...], context: _Context) -> Problems:
    if not isinstance(value, dict):
        return [("", f"expected a mapping, got {_describe(value)}")]
    names = {field.name for field in fields}
    problems = [("", f"unknown key {_describe(key)}") for key in value if key not in names]
    for field in fields:
        if field.name not in value:
            if not field.optional:
                problems.append((f".{field.name}", "missing required field"))
            continue
        field_value = value[field.name]
        if field_value is None:
            if not field.nullable:
                problems.append((f".{field.name}", "must not be null"))
            continue
        problems += [(f".{field.name}{sub}", message) for sub, message in field.check(field_value, context)]
    return problems


# ---------------------------------------------------------------------------------------------
# Sources


def normalize_for_quote(text: str) -> str:
    """Text as quotes are compared: typographic quotes and dashes made plain, whitespace collapsed."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


class _SourceLibrary:
    """The documents of a sources folder, read once each, to find quotes in."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._texts: dict[str, str] = {}

    def problem_with(self, document: str, quote: str) -> tuple[str, str] | None:
        if self.folder is None or not _names_a_source_file(document):
            return None  # an outside document (a title or URL): only its presence is checked
        path = self.folder / document
        if not path.is_file():
            return (".document", f"'{document}' is not a file in {SOURCES_FOLDER}/")
        if normalize_for_quote(quote) not in self._text(document):
            return (".quote", f"quote not found in {document}")
        return None

    def _text(self, document: str) -> str:
        if document not in self._texts:
            raw = (self.folder / document).read_text(encoding="utf-8", errors="replace")
            self._texts[document] = normalize_for_quote(raw)
        return self._texts[document]


def _names_a_source_file(document: str) -> bool:
    return document.endswith(".txt") and "/" not in document and "\\" not in document


_SOURCE_FIELDS = (_Field("document", _text), _Field("quote", _text))


def _source(value: Any, context: _Context) -> Problems:
    problems = _check_mapping(value, _SOURCE_FIELDS, context)
    if problems:
        return problems
    problem = context.sources.problem_with(value["document"], value["quote"])
    return [problem] if problem else []


_SOURCE_FIELD = _Field("source", _source, optional=True, item_fields=_SOURCE_FIELDS)
_SOURCES_FIELD = _Field(
    "sources", _list_of(_source, allow_empty=False), optional=True, item_fields=_SOURCE_FIELDS
)


# ---------------------------------------------------------------------------------------------
# Record fields, in canonical key order


_TIER_FIELDS = (
    _Field("company", _text),
    _Field("tier", _number(*TIERS, integer=True)),
    _Field("basis", _one_of(*TIER_BASES)),
)
_SCALE_NAMES = tuple(SCALES)

CATALOG_FIELDS = (
    _Field("title", _text),
    _Field("description", _text),
    _Field("scales", lambda value, context: _check_scales(value)),
)
RECORD_FIELDS: dict[str, tuple[_Field, ...]] = {
    "ecosystems": (
        _Field("slug", _slug),
        _Field("name", _text),
        _Field("companies", _list_of(_text, allow_empty=False, unique=True)),
        _Field("hardware", _text, nullable=True),
        _Field("model_strategy", _text, nullable=True),
        _Field("open_weights", _boolean, nullable=True),
        _Field("primary_moat", _text, nullable=True),
        _Field("key_risk", _text, nullable=True),
        _Field(
            "infrastructure_tiers",
            _list_of(_mapping_of(_TIER_FIELDS), allow_empty=False),
            item_fields=_TIER_FIELDS,
        ),
        _Field("summary", _text),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "models": (
        _Field("slug", _slug),
        _Field("name", _text),
        _Field("ecosystem", _ecosystem_reference),
        _Field("parameters", _text, nullable=True),
        _Field("parameters_billions", _number(0), nullable=True, decimal=True),
        _Field("architecture", _one_of(*ARCHITECTURES)),
        _Field("open_weights", _boolean),
        _Field("mmlu", _number(0, 100), nullable=True, decimal=True),
        _Field("first_token_latency_ms", _number(0, integer=True), nullable=True),
        _Field("cost_per_1m_output_usd", _number(0), nullable=True, decimal=True),
        _Field("price_served_by", _text, nullable=True),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "channels": (
        _Field("slug", _known("channel", CHANNELS)),
        _Field("name", _text),
        _Field("description", _text),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "moats": (
        _Field("ecosystem", _ecosystem_reference),
        _Field("channel", _known("channel", CHANNELS)),
        _Field("strength", _on_scale(*SCALES["moat_strength"])),
        _Field("justification", _text),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "risks": (
        _Field("ecosystem", _ecosystem_reference),
        _Field("scenario", _known("scenario", SCENARIOS)),
        _Field("likelihood", _on_scale(*SCALES["likelihood"])),
        _Field("impact", _on_scale(*SCALES["impact"])),
        _Field("justification", _text),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "predictions": (
        _Field("slug", _slug),
        _Field("text", _text),
        _Field("horizon", _text, nullable=True),
        _Field("ecosystems", _list_of(_ecosystem_reference, unique=True)),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
    "market": (
        _Field("slug", _slug),
        _Field("kind", _one_of(*MARKET_KINDS)),
        _Field("label", _text),
        _Field("value_2024_busd", _number(0), optional=True, decimal=True),
        _Field("value_2027_busd", _number(0), optional=True, decimal=True),
        _Field("cagr_pct", _number(-100), optional=True, decimal=True),
        _Field("value", _number(0), optional=True, decimal=True),
        _Field("unit", _text, optional=True),
        _SOURCE_FIELD,
        _SOURCES_FIELD,
    ),
}
# The record field naming each record, for duplicate checks.
SLUGGED = ("ecosystems", "models", "channels", "predictions", "market")
PAIRED = {"moats": ("channel", CHANNELS), "risks": ("scenario", SCENARIOS)}


def _check_scales(value: Any) -> Problems:
    if not isinstance(value, dict):
        return [("", f"expected a mapping, got {_describe(value)}")]
    problems = [("", f"unknown scale {_describe(name)}") for name in value if name not in SCALES]
    for name, (low, high) in SCALES.items():
        if name not in value:
            problems.append((f".{name}", "missing required field"))
            continue
        problems += [
            (f".{name}{sub}", message) for sub, message in _check_scale_labels(value[name], low, high)
        ]
    return problems


def _check_scale_labels(labels: Any, low: int, high: int) -> Problems:
    points = list(range(low, high + 1))
    if not isinstance(labels, dict) or set(labels) != set(points) or not all(map(_is_integer, labels)):
        return [("", f"must label exactly the points {', '.join(map(str, points))}")]
    problems: Problems = []
    for point in points:
        if not isinstance(labels[point], str) or not labels[point].strip():
            problems.append((f".{point}", "expected a non-empty label"))
    return problems


# ---------------------------------------------------------------------------------------------
# Validation


def validate_document(document: dict, sources_dir: str | Path | None = None) -> list[CatalogError]:
    """Every problem of a catalog document, in file order; an empty list when it is valid.

    Quotes whose `document` names a file of `sources_dir` must appear in it; without
    `sources_dir`, a source only needs a non-empty document and quote.
    """
    errors = list(getattr(document, "load_errors", ()))
    if not isinstance(document, dict):
        return [
            *errors,
            CatalogError("", "", f"expected a catalog document (a mapping), got {_describe(document)}"),
        ]
    files_reported = {error.file for error in errors}
    sources, source_errors = _source_library(sources_dir)
    context = _Context(ecosystems=_ecosystem_slugs(document), sources=sources)
    errors += source_errors
    for key, file in FILES.items():
        if key in document:
            errors += _check_part(key, document[key], context)
        elif file not in files_reported:
            errors.append(CatalogError(file, "", f"missing the top-level key '{key}'"))
    errors += [CatalogError("", str(key), "unknown top-level key") for key in document if key not in FILES]
    return sorted(errors, key=_file_order)


def _file_order(error: CatalogError) -> int:
    file_names = list(FILES.values())
    return file_names.index(error.file) if error.file in file_names else len(file_names)


def _source_library(sources_dir: str | Path | None) -> tuple[_SourceLibrary, list[CatalogError]]:
    if sources_dir is None:
        return _SourceLibrary(None), []
    folder = Path(sources_dir)
    if not folder.is_dir():
        return _SourceLibrary(None), [CatalogError(f"{SOURCES_FOLDER}/", "", "folder is missing")]
    return _SourceLibrary(folder), []


def _ecosystem_slugs(document: dict) -> tuple[str, ...] | None:
    records = document.get("ecosystems")
    if not isinstance(records, list):
        return None
    return tuple(record["slug"] for record in records if isinstance(record, dict) and "slug" in record)


def _check_part(key: str, value: Any, context: _Context) -> list[CatalogError]:
    file = FILES[key]
    if key == "questionnaire":
        return [
            CatalogError(file, f"questionnaire{sub}", message)
            for sub, message in validate_questionnaire(value, context.ecosystems)
        ]
    if key == "catalog":
        return [
            CatalogError(file, f"catalog{sub}", message)
            for sub, message in _check_mapping(value, CATALOG_FIELDS, context)
        ]
    if not isinstance(value, list):
        return [CatalogError(file, key, f"expected a list of records, got {_describe(value)}")]
    errors = []
    for index, record in enumerate(value):
        problems = _check_mapping(record, RECORD_FIELDS[key], context)
        if isinstance(record, dict):
            problems += _record_problems(key, record)
        errors += [CatalogError(file, f"{key}[{index}]{sub}", message) for sub, message in problems]
    if key in SLUGGED:
        errors += _duplicate_slug_errors(key, value)
    if key in PAIRED:
        errors += _pair_errors(key, value, context)
    errors += _required_slug_errors(key, value)
    return errors


def _record_problems(key: str, record: dict) -> Problems:
    problems = _source_given_problems(record)
    if key == "ecosystems":
        problems += _tier_company_problems(record)
    if key == "market":
        problems += _market_figure_problems(record)
    return problems


def _source_given_problems(record: dict) -> Problems:
    if "source" not in record and "sources" not in record:
        return [("", "missing source (give source or sources)")]
    if "source" in record and "sources" in record:
        return [("", "give source or sources, not both")]
    return []


def _tier_company_problems(record: dict) -> Problems:
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


def _market_figure_problems(record: dict) -> Problems:
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
    if record.get("unit") == "percent" and _is_number(value) and value > 100:
        problems.append((".value", f"{value} is out of range 0–100 for unit percent"))
    return problems


def _duplicate_slug_errors(key: str, records: list) -> list[CatalogError]:
    first_index: dict[str, int] = {}
    errors = []
    for index, record in enumerate(records):
        slug = record.get("slug") if isinstance(record, dict) else None
        if not isinstance(slug, str):
            continue
        if slug in first_index:
            message = f"duplicate slug '{slug}', first at {key}[{first_index[slug]}]"
            errors.append(CatalogError(FILES[key], f"{key}[{index}].slug", message))
        else:
            first_index[slug] = index
    return errors


def _pair_errors(key: str, records: list, context: _Context) -> list[CatalogError]:
    second, seconds = PAIRED[key]
    first_index: dict[tuple, int] = {}
    errors = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        pair = (record.get("ecosystem"), record.get(second))
        if not all(isinstance(part, str) for part in pair):
            continue
        if pair in first_index:
            message = f"duplicate pair ({pair[0]}, {pair[1]}), first at {key}[{first_index[pair]}]"
            errors.append(CatalogError(FILES[key], f"{key}[{index}]", message))
        else:
            first_index[pair] = index
    for ecosystem in context.ecosystems or ():
        for other in seconds:
            if (ecosystem, other) not in first_index:
                errors.append(CatalogError(FILES[key], key, f"missing a record for ({ecosystem}, {other})"))
    return errors


def _required_slug_errors(key: str, records: list) -> list[CatalogError]:
    required = {"ecosystems": REQUIRED_ECOSYSTEMS, "channels": CHANNELS}.get(key, ())
    present = [record.get("slug") for record in records if isinstance(record, dict)]
    singular = key.removesuffix("s")
    return [
        CatalogError(FILES[key], key, f"missing {singular} '{slug}'")
        for slug in required
        if slug not in present
    ]


def load_and_validate(path: str | Path) -> tuple[dict, list[CatalogError]]:
    """Load a catalog folder and validate it against its own `sources/` folder."""
    folder = Path(path)
    document = load_catalog_dir(folder)
    return document, validate_document(document, sources_dir=folder / SOURCES_FOLDER)


# ---------------------------------------------------------------------------------------------
# Canonical form and hash


def canonical_document(document: dict) -> dict:
    """The document in canonical form: keys in format order, moats and risks in matrix order.

    Ecosystems, models, channels, predictions and market keep their file order (the display
    order); moats and risks sort by ecosystem order, then channel order or scenario order;
    decimal figures become floats. Works on invalid documents too (unknown keys go last).
    """
    plain = _plain(document)
    ecosystem_order = _slug_order(plain.get("ecosystems"))
    channel_order = _slug_order(plain.get("channels")) or CHANNELS
    canonical = {}
    for key in FILES:
        if key in plain:
            canonical[key] = _canonical_part(key, plain[key], ecosystem_order, channel_order)
    for key in sorted((key for key in plain if key not in FILES), key=str):
        canonical[key] = plain[key]
    return canonical


def _plain(value: Any) -> Any:
    """A deep copy made of plain dicts and lists (tuples become lists)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return copy.deepcopy(value)


def _slug_order(records: Any) -> tuple:
    if not isinstance(records, list):
        return ()
    return tuple(record.get("slug") for record in records if isinstance(record, dict))


def _canonical_part(key: str, value: Any, ecosystem_order: tuple, channel_order: tuple) -> Any:
    if key == "questionnaire":
        return canonical_questionnaire(value)
    if key == "catalog":
        return _canonical_catalog(value)
    if not isinstance(value, list):
        return value
    records = [_canonical_mapping(record, RECORD_FIELDS[key]) for record in value]
    if key == "predictions":
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("ecosystems"), list):
                record["ecosystems"].sort(key=lambda slug: _position(slug, ecosystem_order))
    if key in PAIRED:
        second, scenario_order = PAIRED[key]
        second_order = channel_order if key == "moats" else scenario_order
        records.sort(key=lambda record: _matrix_position(record, second, ecosystem_order, second_order))
    return records


def _position(value: Any, order: tuple) -> tuple:
    if value in order:
        return (order.index(value), "")
    return (len(order), str(value))


def _matrix_position(record: Any, second: str, ecosystem_order: tuple, second_order: tuple) -> tuple:
    if not isinstance(record, dict):
        return (1, (0, ""), (0, ""))
    return (
        0,
        _position(record.get("ecosystem"), ecosystem_order),
        _position(record.get(second), second_order),
    )


def _canonical_mapping(value: Any, fields: tuple[_Field, ...]) -> Any:
    if not isinstance(value, dict):
        return value
    canonical = {}
    for field in fields:
        if field.name in value:
            canonical[field.name] = _canonical_value(value[field.name], field)
    for key in value:
        if key not in canonical:
            canonical[key] = value[key]
    return canonical


def _canonical_value(value: Any, field: _Field) -> Any:
    if field.decimal and _is_integer(value):
        return float(value)
    if field.item_fields and isinstance(value, list):
        return [_canonical_mapping(item, field.item_fields) for item in value]
    if field.item_fields:
        return _canonical_mapping(value, field.item_fields)
    return value


def _canonical_catalog(value: Any) -> Any:
    catalog = _canonical_mapping(value, CATALOG_FIELDS)
    if not isinstance(catalog, dict) or not isinstance(catalog.get("scales"), dict):
        return catalog
    scales = catalog["scales"]
    ordered = {name: scales[name] for name in _SCALE_NAMES if name in scales}
    ordered |= {name: scales[name] for name in scales if name not in ordered}
    for name, labels in ordered.items():
        if isinstance(labels, dict):
            labels = {_scale_point(point): label for point, label in labels.items()}
            ordered[name] = {point: labels[point] for point in sorted(labels, key=_point_order)}
    catalog["scales"] = ordered
    return catalog


def _scale_point(point: Any) -> Any:
    """Scale points are integers; JSON storage (the database) turns them into strings."""
    return int(point) if isinstance(point, str) and point.isdigit() else point


def _point_order(point: Any) -> tuple:
    return (0, point, "") if _is_integer(point) else (1, 0, str(point))


def content_hash(document: dict) -> str:
    """SHA-256 (hex) of the canonical document as JSON with sorted keys: the catalog's identity."""
    canonical = _string_keys(canonical_document(document))
    payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _string_keys(value: Any) -> Any:
    # JSON keys are strings anyway; converting first keeps sort_keys from comparing int with str.
    if isinstance(value, dict):
        return {str(key): _string_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_string_keys(item) for item in value]
    return value


# ---------------------------------------------------------------------------------------------
# Writing


class _FlowList(list):
    """A list written on one line: `[OpenAI, Microsoft]`."""


class _FlowMap(dict):
    """A mapping written on one line: `{company: Microsoft, tier: 2, basis: stated}`."""


class _CatalogDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # repeated values are written out, never as &anchors

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # nested block lists are indented under their key


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if "\n" in value:
        style = "|"
    elif "'" in value and not _can_be_plain(dumper, value):
        style = '"'  # "Google's strategy: …" reads better than 'Google''s strategy: …'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _can_be_plain(dumper: yaml.SafeDumper, value: str) -> bool:
    resolves_to_text = dumper.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    return resolves_to_text and dumper.analyze_scalar(value).allow_block_plain


_CatalogDumper.add_representer(
    _FlowList,
    lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True),
)
_CatalogDumper.add_representer(
    _FlowMap, lambda dumper, value: dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)
)
_CatalogDumper.add_representer(str, _represent_text)


def _for_yaml(value: Any, key: Any = None) -> Any:
    """Mark what is written in flow style: lists of plain values, and infrastructure tiers."""
    if isinstance(value, dict):
        return {item_key: _for_yaml(item, item_key) for item_key, item in value.items()}
    if isinstance(value, list):
        if key == "infrastructure_tiers":
            return [_FlowMap(item) if isinstance(item, dict) else _for_yaml(item) for item in value]
        if all(not isinstance(item, dict | list) for item in value):
            return _FlowList(value)
        return [_for_yaml(item) for item in value]
    return value


def _yaml(value: Any) -> str:
    return yaml.dump(
        value,
        Dumper=_CatalogDumper,
        default_flow_style=False,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
    )


def catalog_file_text(key: str, part: Any) -> str:
    """The text of one catalog file in canonical form, for an already canonical part."""
    header = (
        f"# {FILE_TITLES[key]}\n# Format: docs/catalog-format.md. Canonical form: advisor.catalog.document.\n"
    )
    if isinstance(part, list) and part:
        records = [_yaml([_for_yaml(record)]) for record in part]
        return header + f"{key}:\n\n" + "\n".join(records)
    return header + _yaml({key: _for_yaml(part)})


def dump_catalog_dir(document: dict, path: str | Path, sources_dir: str | Path | None = None) -> None:
    """Write the document's YAML files in canonical form into `path`, and copy `sources_dir` into
    `path/sources/` when given. Keys the format does not know are not written."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    canonical = canonical_document(document)
    for key, file_name in FILES.items():
        if key in canonical:
            (folder / file_name).write_text(
                catalog_file_text(key, canonical[key]), encoding="utf-8", newline="\n"
            )
    if sources_dir is not None:
        _copy_sources(Path(sources_dir), folder / SOURCES_FOLDER)


def _copy_sources(source_folder: Path, target_folder: Path) -> None:
    target_folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(source_folder.iterdir()):
        target = target_folder / source.name
        if not source.is_file() or (target.exists() and target.samefile(source)):
            continue
        shutil.copyfile(source, target)


# ---------------------------------------------------------------------------------------------
# Command line: `python -m advisor.catalog.document [--write] fixtures/catalog`


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Validate a catalog folder; --write rewrites it in canonical form."
    )
    parser.add_argument("path")
    parser.add_argument(
        "--write", action="store_true", help="rewrite the YAML files in canonical form when valid"
    )
    arguments = parser.parse_args(argv)
    document, errors = load_and_validate(arguments.path)
    for error in errors:
        print(error)
    if errors:
        return 1
    if arguments.write:
        dump_catalog_dir(document, arguments.path)
    print(f"{arguments.path}: valid, content hash {content_hash(document)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
