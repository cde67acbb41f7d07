"""Source quotes: every record quotes a sentence that must really occur in its seed document."""

from pathlib import Path
from typing import Any

from advisor.domain.catalog_format.fields import Context, Field, Problems, check_mapping, list_of, text
from advisor.domain.catalog_format.files import SOURCES_FOLDER

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


def normalize_for_quote(text: str) -> str:
    """Text as quotes are compared: typographic quotes and dashes made plain, whitespace collapsed."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


class SourceLibrary:
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
        if normalize_for_quote(quote) not in self._normalized_text(document, path):
            return (".quote", f"quote not found in {document}")
        return None

    def _normalized_text(self, document: str, path: Path) -> str:
        if document not in self._texts:
            raw = path.read_text(encoding="utf-8", errors="replace")
            self._texts[document] = normalize_for_quote(raw)
        return self._texts[document]


def _names_a_source_file(document: str) -> bool:
    return document.endswith(".txt") and "/" not in document and "\\" not in document


_SOURCE_FIELDS = (Field("document", text), Field("quote", text))


def _source(value: Any, context: Context) -> Problems:
    problems = check_mapping(value, _SOURCE_FIELDS, context)
    if problems:
        return problems
    problem = context.sources.problem_with(value["document"], value["quote"])
    return [problem] if problem else []


SOURCE_FIELD = Field("source", _source, optional=True, item_fields=_SOURCE_FIELDS)
SOURCES_FIELD = Field(
    "sources", list_of(_source, allow_empty=False), optional=True, item_fields=_SOURCE_FIELDS
)
