"""HTML to PDF/A-3 with WeasyPrint, fetching nothing but the app's report assets and a logo.

Every URL the document may use lives under REPORT_ORIGIN, a name that cannot resolve (.invalid,
RFC 6761); the fetcher answers those from disk or from storage and refuses everything else,
before any network or file access. One font configuration, one parsed stylesheet and one image
cache serve every render of a worker process: loading the fonts is the slowest part of a first
render and needs doing once.
"""

import gc
import json
import mimetypes
import re
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

import pydyf
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from advisor.domain.profile import upgrade_profile_document

REPORT_ORIGIN = "https://report.invalid/"
STATIC_URL = REPORT_ORIGIN + "static/"
LOGO_URL = REPORT_ORIGIN + "logo/"
# Only these static files may be fetched: the report's stylesheet, fonts and images.
STATIC_ALLOWED = re.compile(r"^reports/[a-z0-9_-]+(/[A-Za-z0-9_-]+)*\.(css|otf|png|svg)$")
PDF_VARIANT = "pdf/a-3u"
ATTACHMENT_NAME = "profile.json"
HEX_ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")
# URLFetcher builds an SSL context with the system's CA store (about 20 ms) when given none, and
# WeasyPrint makes one per fetcher; ReportFetcher never opens a connection, so an empty one will do.
_UNUSED_SSL_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class FetchRefused(ValueError):
    pass


class RenderError(Exception):
    """The document could not be made; the message says why, for a person."""


class ReportFetcher(URLFetcher):
    """Deny by default: the report's static files and this report's logo, nothing else."""

    def __init__(self, *, logo_name: str = ""):
        # fail_on_errors: a refused or failed fetch stops the render instead of leaving a hole.
        super().__init__(
            allowed_protocols=("https",),
            allow_redirects=False,
            fail_on_errors=True,
            timeout=1,
            ssl_context=_UNUSED_SSL_CONTEXT,
        )
        self.logo_name = logo_name
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.netloc == "report.invalid" and not parts.query:
            path = unquote(parts.path)
            if path.startswith("/static/"):
                return self._static(url, path.removeprefix("/static/"))
            if self.logo_name and path == f"/logo/{self.logo_name}":
                return self._logo(url)
        self.refused.append(url[:300])
        raise FetchRefused(f"The report may not fetch {url[:120]!r}.")

    def _static(self, url: str, name: str) -> URLFetcherResponse:
        if not STATIC_ALLOWED.match(name) or ".." in name:
            self.refused.append(url[:300])
            raise FetchRefused(f"Not a report asset: {name[:120]!r}.")
        path = finders.find(name)
        if not path:
            raise FetchRefused(f"Report asset missing: {name}.")
        self.served.append(url)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})

    def _logo(self, url: str) -> URLFetcherResponse:
        try:
            with default_storage.open(self.logo_name, "rb") as file:
                data = file.read()
        except OSError as error:
            raise FetchRefused(f"The firm's logo is missing from storage ({error}).") from None
        self.served.append(url)
        return URLFetcherResponse(url, data, {"Content-Type": "image/png"})


# ---------------------------------------------------------------------------------------------
# State shared by the renders of one process


class _Shared:
    lock = threading.Lock()
    font_config: FontConfiguration | None = None
    stylesheet: CSS | None = None
    image_cache: dict = {}


def _shared_styles() -> tuple[FontConfiguration, CSS]:
    with _Shared.lock:
        if _Shared.font_config is None or _Shared.stylesheet is None:
            font_config = FontConfiguration()
            stylesheet = CSS(
                url=STATIC_URL + "reports/report.css", font_config=font_config, url_fetcher=ReportFetcher()
            )
            _Shared.font_config, _Shared.stylesheet = font_config, stylesheet
        return _Shared.font_config, _Shared.stylesheet


def reset_shared_state() -> None:
    """Forget the fonts, stylesheet and images (tests that change the stylesheet)."""
    with _Shared.lock:
        _Shared.font_config = _Shared.stylesheet = None
        _Shared.image_cache = {}


# ---------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    author: str
    subject: str
    created: datetime


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    layout_seconds: float
    write_seconds: float
    fetched: tuple[str, ...]


def render_html(context: dict) -> str:
    return render_to_string("reports/report.html", context)


def render_pdf(
    *, html: str, profile: dict, metadata: PdfMetadata, accent: str, logo_name: str = "", progress=None
) -> RenderedPdf:
    """The PDF/A-3 of `html`, with `profile` attached as profile.json. `progress(stage, percent)`
    is told when layout is done and the file is being written."""
    if not HEX_ACCENT.match(accent):
        raise RenderError(f"The accent colour {accent!r} is not a #rrggbb colour.")
    font_config, stylesheet = _shared_styles()
    fetcher = ReportFetcher(logo_name=logo_name)
    stylesheets = [stylesheet, CSS(string=_accent_css(accent), font_config=font_config, url_fetcher=fetcher)]
    with _collector_paused():
        return _lay_out_and_write(html, profile, metadata, stylesheets, font_config, fetcher, progress)


@contextmanager
def _collector_paused():
    """Keep Python's cyclic garbage collector out of layout and writing, then collect once.

    A render allocates some 130,000 objects, nearly all of them parts of the document that stay
    alive until it is written, and all of them garbage in cycles afterwards. Left on, the
    collector walks them again and again while they grow (about 90 young collections a render)
    and every few renders walks the whole process (Django, WeasyPrint, the fonts: some 230,000
    objects, 0.2 to 0.3 s). Paused, one collection of the young generation frees the document."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect(0)


def _lay_out_and_write(html, profile, metadata, stylesheets, font_config, fetcher, progress) -> RenderedPdf:
    started = time.perf_counter()
    try:
        document = HTML(string=html, base_url=REPORT_ORIGIN, url_fetcher=fetcher).render(
            stylesheets=stylesheets,
            font_config=font_config,
            cache=_Shared.image_cache,
            pdf_tags=True,
            pdf_variant=PDF_VARIANT,
        )
    except FatalURLFetchingError as error:
        # Deny by default, and fail rather than print a report with a hole in it.
        raise RenderError(str(error.__cause__ or error)) from None
    layout_seconds = time.perf_counter() - started
    if progress is not None:
        progress("Writing the PDF", 75)
    document.metadata.title = metadata.title
    document.metadata.authors = [metadata.author]
    document.metadata.description = metadata.subject
    document.metadata.created = metadata.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.modified = document.metadata.created
    attachment = Attachment(
        string=json.dumps(upgrade_profile_document(profile), indent=2, ensure_ascii=False).encode(),
        name=ATTACHMENT_NAME,
        description=(
            "The workload profile (lockin-profile/2) this report was made from; import it to re-score."
        ),
        relationship="Source",
        created=metadata.created,
        modified=metadata.created,
        url_fetcher=fetcher,  # else WeasyPrint makes a default fetcher, and its SSL context
    )
    started = time.perf_counter()
    data = document.write_pdf(
        attachments=[attachment],
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        uncompressed_pdf=False,
        finisher=_one_associated_file_entry,
    )
    write_seconds = time.perf_counter() - started
    if attachment.md5 is None:  # WeasyPrint only logs an attachment it could not read
        raise RenderError("The profile could not be attached to the PDF.")
    return RenderedPdf(
        data=data,
        pages=len(document.pages),
        layout_seconds=layout_seconds,
        write_seconds=write_seconds,
        fetched=tuple(fetcher.served),
    )


def _one_associated_file_entry(document, pdf) -> None:
    """WeasyPrint 70 lists an attachment twice in the catalog's /AF array (once from the names
    tree, once from the file specification); strict PDF/A validators want each file once."""
    entries = pdf.catalog.get("AF")
    if entries:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(entries))


def _accent_css(accent: str) -> str:
    return (
        f"h1, h2, .accent {{ color: {accent}; }} "
        f".cover-band {{ background-color: {accent}; }} "
        f"h2, table.data thead th {{ border-bottom-color: {accent}; }}"
    )
