"""render_report from a profile file, firm branding uploads, and the Celery settings of reports."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from advisor.accounts.services import LOGO_MAX_BYTES, BrandingInvalid, firm_set_branding
from advisor.celery import app as celery_app
from advisor.reports import tasks
from tests.paths import PROFILES_DIR

pytestmark = pytest.mark.django_db


def test_render_report_writes_the_pdf_of_a_profile_file_branded_by_a_firm(active_model, personas, tmp_path):
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command(
        "render_report",
        str(PROFILES_DIR / "saas-company.json"),
        str(out),
        "--firm",
        "Alpha Advisory",
        stdout=stdout,
    )
    assert out.read_bytes().startswith(b"%PDF-")
    assert "pages" in stdout.getvalue()


def test_render_report_names_the_bad_field_on_one_line_and_exits_1(active_model, tmp_path, capsys):
    profile = json.loads((PROFILES_DIR / "regulated-bank.json").read_text())
    profile["workloads"][1]["deployment"] = "on_prem"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(profile))
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("render_report", str(bad), str(tmp_path / "out.pdf"), stderr=stderr)
    assert exit_info.value.code == 1
    assert stderr.getvalue().strip() == (
        "workloads[1].deployment: 'on_prem' is not one of: vendor_api, cloud_marketplace, self_hosted"
    )
    assert not (tmp_path / "out.pdf").exists()


def _image(fmt: str, size=(400, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(out, format=fmt)
    return out.getvalue()


def test_a_logo_is_reencoded_as_a_png_without_its_metadata(personas):
    jpeg = io.BytesIO()
    Image.new("RGB", (2400, 600), (10, 80, 160)).save(jpeg, format="JPEG", comment=b"secret")
    firm_set_branding(firm=personas.firm_a, logo=jpeg.getvalue(), accent_colour="#7A1F5C")
    personas.firm_a.refresh_from_db()
    stored = Image.open(personas.firm_a.logo.open("rb"))
    assert stored.format == "PNG"
    assert stored.size == (1200, 300)  # scaled into the report's box
    assert "comment" not in stored.info
    assert personas.firm_a.accent_colour == "#7a1f5c"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_image("GIF"), "must be a PNG or JPEG"),
        (b"not an image", "not a readable PNG or JPEG"),
        (b"\x89PNG" + b"0" * LOGO_MAX_BYTES, "larger than 2 MB"),
        (_image("PNG", size=(5000, 4000)), "at most 16 megapixels"),
    ],
)
def test_a_bad_logo_is_refused_and_nothing_changes(personas, data, message):
    firm_set_branding(firm=personas.firm_a, accent_colour="#123456")
    with pytest.raises(BrandingInvalid, match=message):
        firm_set_branding(firm=personas.firm_a, logo=data, accent_colour="#654321")
    personas.firm_a.refresh_from_db()
    assert (personas.firm_a.logo.name, personas.firm_a.accent_colour) == ("", "#123456")


def test_the_branding_form_names_the_bad_field_and_only_firm_admins_may_use_it(client, personas):
    url = reverse("accounts:firm_branding", args=[personas.firm_a.slug])
    client.force_login(personas.consultant_a)
    page = client.post(url, {"accent_colour": "#12345z"}, follow=True).content.decode()
    assert "Accent colour: Enter a colour as # and six hex digits" in page
    page = client.post(url, {"accent_colour": "red;}body{"}, follow=True).content.decode()
    assert "Accent colour: Ensure this value has at most 7 characters" in page
    member = personas.firm_a.memberships.create(user=personas.outsider)
    client.force_login(member.user)
    client.post(url, {"accent_colour": "#000000"})
    personas.firm_a.refresh_from_db()
    assert personas.firm_a.accent_colour == ""


def test_report_tasks_are_late_acked_time_limited_and_on_their_own_queue(settings):
    task = tasks.render_report
    assert (task.acks_late, task.reject_on_worker_lost) == (True, True)
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.max_retries == settings.REPORT_MAX_RETRIES
    conf = celery_app.conf
    assert conf.task_routes["advisor.reports.tasks.*"] == {"queue": "reports"}
    assert conf.worker_prefetch_multiplier == 1
    assert conf.worker_max_memory_per_child > 0
    assert conf.beat_schedule["sweep-stuck-reports"]["task"] == "advisor.reports.tasks.sweep_reports"
    assert settings.REPORT_STUCK_AFTER > settings.REPORT_TIME_LIMIT
