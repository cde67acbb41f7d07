"""Writing a catalog document back as a folder of YAML files, in canonical form."""

import shutil
from pathlib import Path
from typing import Any, cast

import yaml

from advisor.domain.catalog_format.canonical import canonical_document
from advisor.domain.catalog_format.files import FILE_TITLES, FILES, SOURCES_FOLDER

CANONICAL_FORM_BY = "python -m advisor.domain.catalog_format --write"


class _FlowList(list[Any]):
    """A list written on one line: `[OpenAI, Microsoft]`."""


class _FlowMap(dict[Any, Any]):
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
    return resolves_to_text and cast(bool, dumper.analyze_scalar(value).allow_block_plain)


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
    header = f"# {FILE_TITLES[key]}\n# Format: docs/catalog-format.md. Canonical form: {CANONICAL_FORM_BY}.\n"
    if isinstance(part, list) and part:
        records = [_yaml([_for_yaml(record)]) for record in part]
        return header + f"{key}:\n\n" + "\n".join(records)
    return header + _yaml({key: _for_yaml(part)})


def dump_catalog_dir(
    document: dict[str, Any], path: str | Path, sources_dir: str | Path | None = None
) -> None:
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
