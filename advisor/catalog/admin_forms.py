"""Admin form of a catalog record: its source(s) as document and quote fields, not raw JSON.

A record has either one `source` ({document, quote}) or a list of `sources`
(docs/catalog-format.md); the other is null, which shows as empty fields, never as `null`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

EMPTY_PAIR = ["", ""]


class SourceWidget(forms.MultiWidget):
    """A document name over the quote taken from it."""

    def __init__(self, attrs=None):
        widgets = {
            "document": forms.TextInput(
                attrs={
                    "class": "vTextField source-document",
                    "aria-label": "Document",
                    "placeholder": "Document: a file of sources/ (000_….txt), or a title or URL",
                }
            ),
            "quote": forms.Textarea(
                attrs={
                    "class": "vLargeTextField source-quote",
                    "rows": 3,
                    "aria-label": "Quote",
                    "placeholder": "Quote: the passage, word for word",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value) -> list[str]:
        if isinstance(value, dict):
            return [str(value.get("document") or ""), str(value.get("quote") or "")]
        return list(EMPTY_PAIR)


def _pair(document: str, quote: str, where: str) -> dict | None:
    document, quote = document.strip(), quote.strip()
    if not document and not quote:
        return None
    if not document or not quote:
        raise ValidationError(f"{where}: give both the document and the quote, or neither.")
    return {"document": document, "quote": quote}


class SourceField(forms.MultiValueField):
    widget = SourceWidget

    def __init__(self, **kwargs):
        fields = (forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list) -> dict | None:
        document, quote = (list(data_list) + EMPTY_PAIR)[:2]
        return _pair(document or "", quote or "", "Source")


class SourcesWidget(forms.Widget):
    """One document-and-quote pair per source, plus an empty pair to add one."""

    MAX_PAIRS = 30

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.pair = SourceWidget()

    def render(self, name, value, attrs=None, renderer=None):
        rows = [*_rows(value), list(EMPTY_PAIR)]
        pairs = format_html_join(
            "",
            '<div class="source-pair"><span class="source-number">{}.</span>{}</div>',
            (
                (number, self.pair.render(f"{name}_{number}", row, {"id": f"id_{name}_{number}"}, renderer))
                for number, row in enumerate(rows, 1)
            ),
        )
        count = format_html('<input type="hidden" name="{}_count" value="{}">', name, len(rows))
        return format_html('<div class="source-pairs">{}{}</div>', count, pairs)

    def value_from_datadict(self, data, files, name) -> list[list[str]]:
        try:
            count = min(int(data.get(f"{name}_count", 0)), self.MAX_PAIRS)
        except ValueError:
            count = 0
        return [
            self.pair.value_from_datadict(data, files, f"{name}_{number}") for number in range(1, count + 1)
        ]

    def value_omitted_from_data(self, data, files, name) -> bool:
        return f"{name}_count" not in data


def _rows(value) -> list[list[str]]:
    """Pairs from the stored list of {document, quote}, or from a posted form."""
    if not isinstance(value, list | tuple):
        return []
    return [SourceWidget().decompress(item) if isinstance(item, dict) else list(item) for item in value]


class SourcesField(forms.Field):
    widget = SourcesWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> list[dict] | None:
        sources = []
        for number, (document, quote) in enumerate(_rows(value), 1):
            pair = _pair(document or "", quote or "", f"Source {number}")
            if pair is not None:
                sources.append(pair)
        return sources or None

    def has_changed(self, initial, data) -> bool:
        try:
            return (initial or None) != self.to_python(data)
        except ValidationError:
            return True


class CatalogRecordForm(forms.ModelForm):
    source = SourceField(label="Source", help_text="The document and the passage this record rests on.")
    sources = SourcesField(
        label="Sources",
        help_text="For records that rest on several passages; empty a pair to remove it.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("sources"):
            raise ValidationError("Give either one source or a list of sources, not both.")
        return cleaned
