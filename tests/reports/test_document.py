"""What goes into the PDF: hostile text stays text, only the profile is attached and it
re-imports to the same scores, metadata, branding, and the deny-by-default fetcher."""

import gc
import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader
from weasyprint.formatting_structure.boxes import Box

from advisor.accounts.services import firm_set_branding
from advisor.questionnaire import profiles
from advisor.questionnaire import services as questionnaire
from advisor.reports import services
from advisor.reports.models import Report
from advisor.reports.rendering import FetchRefused, PdfMetadata, RenderError, ReportFetcher, render_pdf
from advisor.scoring.services import assessment_score
from tests.conftest import confirm_every_section
from tests.reports.conftest import pdf_text, scored_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def trap():
    """An HTTP server on loopback that records every request it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { background: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def hostile(url: str) -> str:
    return (
        f'<img src="{url}/img"><link rel=attachment href=file:///etc/passwd>'
        f'<link rel="stylesheet" href="{url}/css"><style>@import url({url}/import);</style>'
        f'<b style="background:url({url}/bg)">x</b></td></table><script>alert(1)</script>'
    )


def render(assessment, user) -> Report:
    report = services.report_request(assessment=assessment, user=user)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    return report


def test_hostile_text_everywhere_fetches_nothing_attaches_only_the_profile_and_still_renders(
    catalog, personas, bank_profile, active_model, trap
):
    url, hits = trap
    evil = hostile(url)
    personas.firm_a.name = f"Firm {evil}"[:200]
    personas.firm_a.save()
    personas.client_a1.name = f"Client {evil}"[:200]
    personas.client_a1.save()
    profile = json.loads(json.dumps(bank_profile))
    profile["organization"]["name"] = f"Org {evil}"[:200]
    for number, workload in enumerate(profile["workloads"]):
        workload["name"] = f"W{number} {evil}"[:200]
        workload["model"] = f"M{number} {evil}"[:200]
    assessment = scored_assessment(
        personas.client_a1, personas.consultant_a, profile, title=f"T {evil}"[:200]
    )

    report = render(assessment, personas.consultant_a)

    assert report.status == Report.Status.READY, report.error
    assert hits == []
    data = report.file.read()
    reader = PdfReader(io.BytesIO(data))
    assert list(reader.attachments) == ["profile.json"]
    assert json.loads(reader.attachments["profile.json"][0]) == assessment.profile
    text = re.sub(r"\s+", " ", pdf_text(data))
    assert "<link rel=attachment href=file:///etc/passwd>" in text  # shown as text, never obeyed
    assert "root:x:0:0" not in text
    assert reader.metadata.author.startswith("Firm <img src=")


def test_the_attached_profile_imports_as_an_assessment_with_identical_scores(scored, personas, active_model):
    report = render(scored, personas.consultant_a)
    attached = PdfReader(io.BytesIO(report.file.read())).attachments["profile.json"][0]

    copy = profiles.profile_import(organization=personas.client_a2, user=personas.consultant_a, data=attached)
    confirm_every_section(copy, personas.consultant_a)
    copy = questionnaire.assessment_submit(assessment=copy, user=personas.consultant_a)

    assert assessment_score(copy).result == scored.score.result


def test_the_attachment_is_json_data_the_report_was_made_from_and_the_pdf_is_pdfa3(scored, personas):
    report = render(scored, personas.consultant_a)
    data = report.file.read()
    reader = PdfReader(io.BytesIO(data))
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    filespec = names[1].get_object()
    assert filespec["/F"] == "profile.json"
    assert filespec["/AFRelationship"] == "/Source"
    assert list(reader.trailer["/Root"]["/AF"]) == [names[1]]  # the profile, listed once
    assert filespec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged for accessibility
    meta = reader.metadata
    assert meta.title == "Northwind Bank: AI vendor lock-in and migration-risk report"
    assert meta.author == "Alpha Advisory"
    assert "mitigation roadmap" in meta.subject
    assert meta.creation_date is not None


def _png(size=(300, 120), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def test_a_firms_clients_reports_carry_its_logo_and_colour_and_others_the_apps_look(
    catalog, personas, bank_profile, active_model
):
    firm_set_branding(firm=personas.firm_a, logo=_png(), accent_colour="#7a1f5c")
    branded = render(
        scored_assessment(personas.client_a1, personas.consultant_a, bank_profile), personas.consultant_a
    )
    plain = render(scored_assessment(personas.own_org, personas.cto, bank_profile), personas.cto)

    branded_pdf, plain_pdf = (PdfReader(io.BytesIO(r.file.read())) for r in (branded, plain))
    assert len(branded_pdf.pages[0].images) == 1
    assert len(plain_pdf.pages[0].images) == 0
    assert plain_pdf.metadata.author == "Lock-in Advisor"
    branded_page = branded_pdf.pages[0].get_contents().get_data()
    assert b"0.478431 0.121569 0.360784" in branded_page  # #7a1f5c, the cover's band


def test_a_missing_logo_fails_the_render_with_a_reason(catalog, personas, bank_profile, active_model):
    firm_set_branding(firm=personas.firm_a, logo=_png())
    personas.firm_a.logo.storage.delete(personas.firm_a.logo.name)
    report = render(
        scored_assessment(personas.client_a1, personas.consultant_a, bank_profile), personas.consultant_a
    )
    assert report.status == Report.Status.FAILED
    assert "could not be rendered" in report.error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "https://example.com/static/reports/report.css",
        "https://report.invalid/static/css/app.css",
        "https://report.invalid/static/reports/../../manage.py",
        "https://report.invalid/logo/other-firm.png",
        "https://report.invalid/static/reports/report.css?x=1",
    ],
)
def test_the_fetcher_refuses_everything_but_report_assets_and_the_named_logo(url):
    with pytest.raises(FetchRefused):
        ReportFetcher(logo_name="firm-logos/mine.png").fetch(url)


def test_the_fetcher_serves_the_report_stylesheet_and_the_firms_logo(settings, personas, db):
    stored = personas.firm_a.logo.storage.save("firm-logos/mine.png", ContentFile(_png()))
    fetcher = ReportFetcher(logo_name=stored)
    assert b"@font-face" in fetcher.fetch("https://report.invalid/static/reports/report.css").read()
    assert fetcher.fetch(f"https://report.invalid/logo/{stored}").read().startswith(b"\x89PNG")


@pytest.mark.parametrize("collector_enabled", [True, False])
def test_a_render_frees_its_document_and_leaves_the_garbage_collector_as_it_was(collector_enabled):
    """The collector is paused while a document is laid out and written (see rendering.py)."""
    metadata = PdfMetadata(title="T", author="A", subject="S", created=timezone.now())
    was_enabled = gc.isenabled()
    gc.enable() if collector_enabled else gc.disable()
    try:
        html = '<html lang="en"><h1>Report</h1><table><tr><td>One cell</td></tr></table></html>'
        rendered = render_pdf(html=html, profile={}, metadata=metadata, accent="#112233")
        assert rendered.pages == 1
        assert gc.isenabled() is collector_enabled
        # type(), not isinstance(): a lazy object elsewhere in the process would evaluate itself.
        assert not [item for item in gc.get_objects() if issubclass(type(item), Box)]  # boxes are in cycles
        hostile = '<html lang="en"><img src="https://example.com/x.png"></html>'
        with pytest.raises(RenderError):
            render_pdf(html=hostile, profile={}, metadata=metadata, accent="#112233")
        assert gc.isenabled() is collector_enabled
    finally:
        gc.enable() if was_enabled else gc.disable()
