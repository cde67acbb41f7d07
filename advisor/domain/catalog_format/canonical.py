"""The canonical form of a catalog document, and its content hash (the catalog's identity)."""

import copy
import hashlib
import json
from typing import Any

from advisor.domain.catalog_format.fields import Field, is_integer
from advisor.domain.catalog_format.files import FILES
from advisor.domain.catalog_format.records import CATALOG_FIELDS, PAIRED, RECORD_FIELDS, SCALE_NAMES
from advisor.domain.questionnaire import canonical_questionnaire
from advisor.domain.vocabulary import CHANNELS


def canonical_document(document: dict[str, Any]) -> dict[str, Any]:
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


def _slug_order(records: Any) -> tuple[Any, ...]:
    if not isinstance(records, list):
        return ()
    return tuple(record.get("slug") for record in records if isinstance(record, dict))


def _canonical_part(
    key: str, value: Any, ecosystem_order: tuple[Any, ...], channel_order: tuple[Any, ...]
) -> Any:
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


def _position(value: Any, order: tuple[Any, ...]) -> tuple[int, str]:
    if value in order:
        return (order.index(value), "")
    return (len(order), str(value))


def _matrix_position(
    record: Any, second: str, ecosystem_order: tuple[Any, ...], second_order: tuple[Any, ...]
) -> tuple[int, tuple[int, str], tuple[int, str]]:
    if not isinstance(record, dict):
        return (1, (0, ""), (0, ""))
    return (
        0,
        _position(record.get("ecosystem"), ecosystem_order),
        _position(record.get(second), second_order),
    )


def _canonical_mapping(value: Any, fields: tuple[Field, ...]) -> Any:
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


def _canonical_value(value: Any, field: Field) -> Any:
    if field.decimal and is_integer(value):
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
    ordered = {name: scales[name] for name in SCALE_NAMES if name in scales}
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


def _point_order(point: Any) -> tuple[int, Any, str]:
    return (0, point, "") if is_integer(point) else (1, 0, str(point))


def content_hash(document: dict[str, Any]) -> str:
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
