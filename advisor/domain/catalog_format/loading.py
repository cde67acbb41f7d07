"""Reading a catalog folder's YAML files into one document, never raising for a bad folder."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from advisor.domain.catalog_format.files import FILES, CatalogDocument, CatalogProblem


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (PyYAML keeps the last one)."""


if TYPE_CHECKING:  # the C loader is typed as its own class; both have the constructor API used here
    _FastSafeLoader = yaml.SafeLoader
else:
    _FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastUniqueKeyLoader(_FastSafeLoader):
    """The same on libyaml when PyYAML has it: several times faster on the catalog files."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
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


def load_catalog_dir(path: str | Path) -> dict[str, Any]:
    """Read the YAML files of a catalog folder into one document.

    Never raises for a bad folder: a missing file, a YAML syntax error or a file without its
    top-level key leaves that key out of the document and is recorded in `load_errors`
    (see `CatalogDocument`), which `validate_document` reports.
    """
    folder = Path(path)
    document = CatalogDocument()
    if not folder.is_dir():
        document.load_errors.append(CatalogProblem("", str(folder), "no such catalog folder"))
        return document
    for key, file_name in FILES.items():
        part, errors = _read_part(folder / file_name, key)
        document.load_errors.extend(errors)
        if part is not _ABSENT:
            document[key] = part
    return document


_ABSENT = object()


def _read_part(path: Path, key: str) -> tuple[Any, list[CatalogProblem]]:
    file = path.name
    if not path.is_file():
        return _ABSENT, [CatalogProblem(file, "", "file is missing")]
    try:
        data = _parse_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return _ABSENT, [CatalogProblem(file, "", "is not UTF-8 text")]
    except yaml.MarkedYAMLError as exc:
        return _ABSENT, [CatalogProblem(file, "", _describe_yaml_error(exc))]
    except yaml.YAMLError as exc:
        return _ABSENT, [CatalogProblem(file, "", f"invalid YAML: {exc}")]
    if not isinstance(data, dict) or key not in data:
        return _ABSENT, [CatalogProblem(file, "", f"expected a mapping with the top-level key '{key}'")]
    extra_keys = [
        CatalogProblem(file, "", f"unknown top-level key '{other}'") for other in data if other != key
    ]
    return data[key], extra_keys


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"invalid YAML{where}: {exc.problem or exc.context}"
