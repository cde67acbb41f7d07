"""docs/methodology.md as the app shows it: its `## ` sections, each with an anchor, so that a
figure on the results page can link to the section that explains it."""

from functools import lru_cache

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.text import slugify

from advisor.core.markdown import markdown_html, markdown_sections

METHODOLOGY_FILE = "docs/methodology.md"


@lru_cache(maxsize=1)
def methodology_sections() -> tuple[dict, ...]:
    """({title, anchor, html}, ...) in the document's order."""
    text = (settings.BASE_DIR / METHODOLOGY_FILE).read_text(encoding="utf-8")
    return tuple(
        {"title": title, "anchor": slugify(title), "html": SafeString(markdown_html(body))}
        for title, body in markdown_sections(text).items()
    )


def methodology_anchor(*keywords: str) -> str:
    """The anchor of the first section whose title names one of the keywords, tried in order;
    "" (the top of the page) when none does."""
    for keyword in keywords:
        for section in methodology_sections():
            if keyword.lower() in section["title"].lower():
                return section["anchor"]
    return ""
