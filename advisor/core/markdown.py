"""Just enough Markdown for the methodology page and the report's appendix: paragraphs, bullet
lists, tables, **bold** and `code`. Everything is escaped first, so the text can only ever be text."""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def markdown_html(text: str) -> SafeString:
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines and all(line.startswith("|") for line in lines):
            blocks.append(_table(lines))
        elif lines and lines[0].startswith("- "):
            items: list[str] = []
            current: list[str] = []
            for line in lines:
                if line.startswith("- ") and current:
                    items.append(" ".join(current))
                    current = []
                current.append(line.removeprefix("- ").strip())
            items.append(" ".join(current))
            blocks.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>")
        else:
            blocks.append(f"<p>{_inline(' '.join(line.strip() for line in lines))}</p>")
    return mark_safe("\n".join(blocks))


def _table(lines: list[str]) -> str:
    """A pipe table: the first row is the header; the |---| separator row is skipped."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    body = [row for row in rows[1:] if not all(set(cell) <= set("-: ") for cell in row)]
    head = "".join(f'<th scope="col">{_inline(cell)}</th>' for cell in rows[0])
    cells = "".join("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>" for row in body)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>"
    return f'<div class="table-wrap">{table}</div>'


def _inline(text: str) -> str:
    text = escape(text, quote=False)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _CODE.sub(r"<code>\1</code>", text)


def markdown_sections(text: str) -> dict[str, str]:
    """The `## ` sections of a document by their heading (without its number)."""
    sections: dict[str, str] = {}
    for part in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = part.partition("\n")
        sections[re.sub(r"^\d+\.\s*", "", heading.strip())] = body
    return sections
