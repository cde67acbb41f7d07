"""PDF reports: render time, pages and memory, request-to-download through Redis and a worker,
a batch of 20, and headless Chromium printing the same HTML for comparison.

Targets (PRODUCT.md): render under 1.5 s median, peak memory under 350 MB, request to
downloadable under 3 s median, 20 reports in under 30 s on the default workers.

Set-up: a fresh PostgreSQL database `lockin_bench_reports` (dropped at the end), migrated, the
shipped catalog imported, a model trained on 3,000 synthetic profiles (enough to pass its gates;
its size does not change the report), a firm with 20 clients, each with the three-workload
template profile `regulated-bank` submitted and scored. Redis: REDIS_URL, else db 0 on
127.0.0.1, on a queue of its own. Workers: the Procfile's reports worker (prefork, concurrency 2,
prefetch 1), started here.

- report_render_s_p50: `report_pdf` in this process (the path the task takes), after one warm-up
  render that loads the fonts, 15 renders; report_pages is the page count.
  report_render_cpu_s_p50 is the CPU time of the same renders: on a machine shared with other
  work it moves much less than the wall-clock figure, so compare branches with it.
- report_peak_rss_mb: the peak resident memory of a fresh process that sets up Django and renders
  the report 5 times: what a worker child holds.
- report_e2e_s_p50: 10 times, `report_request` (as the view) then polling the record until it is
  ready; the workers are warm.
- report_batch_20_s: `batch_request` of the 20 clients until the ZIP is stored.
- chromium_print_s_p50: the same HTML and stylesheet, printed to PDF by Debian's chromium
  (Playwright, headless), 15 times after a warm-up; report_vs_chromium_ratio = WeasyPrint / Chromium.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench import POSTGRES, drop_database, manage, recreate_database

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE = "lockin_bench_reports"
CLIENTS = 20
RENDERS = 15
E2E_RUNS = 10

PEAK_RSS_SCRIPT = """
import resource, django
django.setup()
from advisor.reports.services import profile_report_pdf
from advisor.questionnaire.profiles import profile_template
profile = profile_template("regulated-bank")
for _ in range(5):
    profile_report_pdf(profile=profile)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run() -> dict[str, float]:
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    recreate_database(DATABASE)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="lockin-bench-reports-") as var_dir:
        env = {
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
            "VAR_DIR": var_dir,
            "MEDIA_ROOT": str(Path(var_dir) / "media"),
            "REPORTS_QUEUE": queue,
            "DJANGO_SETTINGS_MODULE": "advisor.settings",
        }
        os.environ.update(env)
        try:
            manage("migrate", "--noinput")
            manage("import_catalog", "fixtures/catalog")
            manage("train_model", "--profiles", "3000")
            import django

            django.setup()
            firm = _seed()
            figures = _render_in_process()
            figures["report_peak_rss_mb"] = _peak_rss_mb()
            with _workers(queue, Path(var_dir)):
                figures.update(_end_to_end(firm))
            figures.update(_chromium(figures["report_render_s_p50"]))
        finally:
            drop_database(DATABASE)
    return figures


def _seed():
    from advisor.accounts.models import User
    from advisor.accounts.services import firm_create, organization_create
    from advisor.questionnaire.profiles import profile_template
    from advisor.questionnaire.services import (
        assessment_create,
        assessment_submit,
        questionnaire_for,
        section_confirm,
    )

    consultant = User.objects.create(username="bench@example.com", email="bench@example.com")
    firm = firm_create(name="Bench Advisory", admin=consultant)
    profile = profile_template("regulated-bank")
    for n in range(CLIENTS):
        organization = organization_create(name=f"Bench Client {n:02d}", firm=firm)
        assessment = assessment_create(
            organization=organization, user=consultant, origin="template", profile=profile
        )
        for section in questionnaire_for(assessment.catalog_version).sections:
            section_confirm(assessment=assessment, section=section.slug, user=consultant)
        assessment_submit(assessment=assessment, user=consultant)
    return firm


def _report_input():
    from advisor.questionnaire.models import Assessment
    from advisor.reports.models import Report
    from advisor.reports.services import report_input

    assessment = Assessment.objects.select_related("organization__firm", "score__scoring_model").first()
    score = assessment.score
    report = Report(
        assessment=assessment,
        profile=assessment.profile,
        result=score.result,
        catalog_version=score.catalog_version,
        model_version=score.scoring_model.version,
    )
    from django.utils import timezone

    report.created_at = timezone.now()
    return report_input(report)


def _render_in_process() -> dict[str, float]:
    from advisor.reports.services import report_pdf

    data = _report_input()
    rendered = report_pdf(data)  # warm-up: fonts and stylesheet, once per process
    times, cpu_times, layout, write = [], [], [], []
    for _ in range(RENDERS):
        started, cpu_started = time.perf_counter(), time.process_time()
        rendered = report_pdf(data)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        layout.append(rendered.layout_seconds)
        write.append(rendered.write_seconds)
    print(
        f"  render: layout {statistics.median(layout):.3f} s, "
        f"writing {statistics.median(write):.3f} s (medians)",
        file=sys.stderr,
    )
    return {
        "report_render_s_p50": round(statistics.median(times), 3),
        "report_render_s_max": round(max(times), 3),
        "report_render_cpu_s_p50": round(statistics.median(cpu_times), 3),
        "report_pages": rendered.pages,
    }


def _peak_rss_mb() -> float:
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_SCRIPT], cwd=BASE_DIR, check=True, capture_output=True, text=True
    )
    return round(int(result.stdout.strip().splitlines()[-1]) / 1024, 1)


class _workers:
    """The Procfile's reports worker, on the bench's queue."""

    def __init__(self, queue: str, var_dir: Path):
        self.queue, self.log = queue, var_dir / "worker.log"

    def __enter__(self):
        command = [
            sys.executable, "-m", "celery", "-A", "advisor", "worker", "--loglevel", "WARNING",
            "--concurrency", "2", "--queues", self.queue, "--prefetch-multiplier", "1",
            "--hostname", f"{self.queue}@%h", "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        time.sleep(3)  # let both children start before the clock runs
        return self

    def __exit__(self, *exc):
        import signal

        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def _wait(check, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for the workers")
        time.sleep(0.02)


def _end_to_end(firm) -> dict[str, float]:
    from django.db import transaction

    from advisor.questionnaire.models import Assessment
    from advisor.reports.models import Report, ReportBatch
    from advisor.reports.services import batch_request, report_request

    assessments = list(Assessment.objects.filter(organization__firm=firm).select_related("organization"))
    user = firm.memberships.first().user

    def ready(report_id: int) -> bool:
        status = Report.objects.filter(pk=report_id).values_list("status", flat=True).first()
        if status == Report.Status.FAILED:
            raise RuntimeError(Report.objects.get(pk=report_id).error)
        return status == Report.Status.READY

    times = []
    for run in range(E2E_RUNS + 2):
        started = time.perf_counter()
        with transaction.atomic():
            report = report_request(assessment=assessments[run % len(assessments)], user=user)
        _wait(lambda report_id=report.pk: ready(report_id))
        if run >= 2:  # the first two warm both worker children (fonts)
            times.append(time.perf_counter() - started)

    started = time.perf_counter()
    with transaction.atomic():
        batch = batch_request(firm=firm, user=user, assessments=assessments)
    _wait(lambda: bool(ReportBatch.objects.filter(pk=batch.pk).exclude(archive="").exists()))
    batch_s = time.perf_counter() - started
    return {
        "report_e2e_s_p50": round(statistics.median(times), 3),
        "report_e2e_s_max": round(max(times), 3),
        "report_batch_20_s": round(batch_s, 3),
    }


def _chromium(render_p50: float) -> dict[str, float]:
    from django.contrib.staticfiles import finders
    from playwright.sync_api import sync_playwright

    from advisor.reports.document import report_context
    from advisor.reports.rendering import STATIC_URL, render_html

    with tempfile.TemporaryDirectory(prefix="lockin-bench-chromium-") as folder:
        root = Path(folder)
        static = root / "static" / "reports"
        shutil.copytree(Path(finders.find("reports/report.css")).parent, static)
        html = render_html(report_context(_report_input()))
        html = html.replace("<head>", '<head><link rel="stylesheet" href="static/reports/report.css">', 1)
        html = html.replace(STATIC_URL, "static/")
        page_file = root / "report.html"
        page_file.write_text(html)
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            for run in range(RENDERS + 1):
                started = time.perf_counter()
                page.goto(page_file.as_uri())
                page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
                if run:
                    times.append(time.perf_counter() - started)
            browser.close()
    chromium_p50 = statistics.median(times)
    return {
        "chromium_print_s_p50": round(chromium_p50, 3),
        "report_vs_chromium_ratio": round(render_p50 / chromium_p50, 2),
    }
