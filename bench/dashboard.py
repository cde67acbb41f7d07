"""The consultant's firm dashboard: a firm with 200 clients and 800 assessments.

Target (issue 12): the 95th percentile of `GET /firms/<slug>/` under 100 ms
(`dashboard_ms_p95`).

Set-up: a fresh PostgreSQL database `lockin_bench_dashboard` on 127.0.0.1:5432 (dropped at the
end), migrated, the shipped catalog imported, a model trained on 3,000 synthetic profiles (its
size does not change what the dashboard reads) and activated. One firm, 200 clients, 4
assessments each, oldest first a quarter apart: the first three submitted and scored, the latest
scored for half the clients, a draft with an open invitation for a quarter, a plain draft for
the rest; every client's latest scored assessment has a ready report. Profiles are the three
template profiles, each perturbed (spend, practices) with a fixed seed, scored one by one by the
real engine (`profile_score`); the rows are then written in bulk, as a busy firm's history.

Measured: the whole view in this process through Django's test client, signed in as the firm's
consultant, DEBUG off (the template and static manifest as in production): 20 warm-up requests,
then 200 timed ones. The page computes the rows of all 200 clients (sorting, filtering and the
summary need them) and renders the first 50 in the table and heat map. The CSV export (all 200
rows) likewise (`dashboard_csv_ms_p95`). `dashboard_queries` is the number of SQL queries one
page takes.
"""

import copy
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench import POSTGRES, drop_database, manage, recreate_database
from bench.questionnaire import _percentiles

DATABASE = "lockin_bench_dashboard"
CLIENTS = 200
ASSESSMENTS_PER_CLIENT = 4
WARM_UP = 20
REQUESTS = 200
SEED = 12
TEMPLATES = ["regulated-bank", "saas-company", "public-sector-body"]


def run() -> dict[str, float]:
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    recreate_database(DATABASE)
    try:
        with tempfile.TemporaryDirectory(prefix="lockin-bench-dashboard-") as var_dir:
            os.environ.update(
                {
                    "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
                    "VAR_DIR": var_dir,
                    "STATIC_ROOT": str(Path(var_dir) / "static"),
                    "DEBUG": "false",
                    "ALLOWED_HOSTS": "testserver",
                    "LOG_LEVEL": "WARNING",
                    "DJANGO_SETTINGS_MODULE": "advisor.settings",
                }
            )
            manage("migrate", "--noinput")
            manage("collectstatic", "--noinput")
            manage("import_catalog", "fixtures/catalog")
            manage("train_model", "--profiles", "3000")
            import django

            django.setup()
            started = time.perf_counter()
            firm, consultant = _seed()
            print(f"  seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            return _measure(firm, consultant)
    finally:
        drop_database(DATABASE)


def _perturbed(profile: dict, rng: random.Random) -> dict:
    varied = copy.deepcopy(profile)
    for workload in varied["workloads"]:
        workload["monthly_spend_usd"] = round(workload["monthly_spend_usd"] * rng.uniform(0.3, 3.0))
    for practice in varied["practices"]:
        varied["practices"][practice] = rng.random() < 0.5
    return varied


def _seed():
    from django.utils import timezone

    from advisor.accounts.models import User
    from advisor.accounts.services import firm_create, organization_create
    from advisor.catalog.models import CatalogVersion
    from advisor.questionnaire.models import Assessment, Invitation
    from advisor.questionnaire.profiles import profile_template
    from advisor.reports.models import Report
    from advisor.scoring.models import Score, ScoringModel, score_summary
    from advisor.scoring.services import profile_score

    rng = random.Random(SEED)
    version = CatalogVersion.objects.require_active()
    model = ScoringModel.objects.get(active=True)
    consultant = User.objects.create(username="bench@example.com", email="bench@example.com")
    firm = firm_create(name="Bench Advisory", admin=consultant)
    templates = [profile_template(name) for name in TEMPLATES]
    now = timezone.now()
    plan = []  # (assessment, profile or None when a draft, invited)
    for n in range(CLIENTS):
        client = organization_create(name=f"Bench Client {n:03d}", firm=firm)
        base = templates[n % len(templates)]
        latest_kind = "scored" if n % 2 == 0 else ("invited" if n % 4 == 1 else "draft")
        for a in range(ASSESSMENTS_PER_CLIENT):
            when = now - timedelta(days=91 * (ASSESSMENTS_PER_CLIENT - 1 - a))
            kind = latest_kind if a == ASSESSMENTS_PER_CLIENT - 1 else "scored"
            scored = kind == "scored"
            assessment = Assessment(
                organization=client,
                title=f"Bench Client {n:03d} – sitting {a + 1}",
                catalog_version=version,
                status=Assessment.Status.SUBMITTED if scored else Assessment.Status.DRAFT,
                created_by=consultant,
                submitted_by=consultant if scored else None,
                submitted_at=when if scored else None,
            )
            plan.append((assessment, _perturbed(base, rng) if scored else None, kind == "invited", when))
    Assessment.objects.bulk_create([assessment for assessment, *_ in plan])
    for assessment, _profile, _invited, when in plan:  # auto_now fields: date them afterwards
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when, updated_at=when)
    scores, invitations, reports = [], [], []
    latest_scored = {}
    for assessment, profile, invited, _when in plan:
        if profile is not None:
            assessment.profile = profile
            result = profile_score(profile, version)
            scores.append(
                Score(
                    assessment=assessment,
                    catalog_version=version,
                    scoring_model=model,
                    result=result,
                    summary=score_summary(result),  # bulk_create skips Score.save()
                )
            )
            latest_scored[assessment.organization_id] = (assessment, profile, result)
        if invited:
            invitations.append(
                Invitation(assessment=assessment, email="cio@client.example", created_by=consultant)
            )
    Assessment.objects.bulk_update([a for a, p, *_ in plan if p is not None], ["profile"], batch_size=200)
    Score.objects.bulk_create(scores, batch_size=200)
    Invitation.objects.bulk_create(invitations)
    for assessment, profile, result in latest_scored.values():
        reports.append(
            Report(
                assessment=assessment,
                status=Report.Status.READY,
                profile=profile,
                result=result,
                catalog_version=version,
                model_version=model.version,
                template_version="bench",
            )
        )
    Report.objects.bulk_create(reports, batch_size=100)
    return firm, consultant


def _measure(firm, consultant) -> dict[str, float]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from advisor.workspace.views import ROWS_PER_PAGE

    browser = Client()
    browser.force_login(consultant)
    page = browser.get(reverse("workspace:firm", args=[firm.slug])).content.decode()
    if page.count('<svg class="sparkline"') != ROWS_PER_PAGE or f"of {CLIENTS}" not in page:
        raise RuntimeError(f"the dashboard does not show its first {ROWS_PER_PAGE} of {CLIENTS} clients")
    figures: dict[str, float] = {}
    for name, prefix in (("workspace:firm", "dashboard_ms"), ("workspace:firm_csv", "dashboard_csv_ms")):
        url = reverse(name, args=[firm.slug])
        samples = []
        for step in range(WARM_UP + REQUESTS):
            started = time.perf_counter()
            response = browser.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"GET {url}: HTTP {response.status_code}")
            if step >= WARM_UP:
                samples.append(elapsed)
        figures.update(_percentiles(prefix, samples))
    with CaptureQueriesContext(connection) as queries:
        browser.get(reverse("workspace:firm", args=[firm.slug]))
    figures["dashboard_queries"] = len(queries)
    figures["dashboard_clients"] = CLIENTS
    figures["dashboard_assessments"] = CLIENTS * ASSESSMENTS_PER_CLIENT
    print(f"  mean {statistics.mean(samples):.1f} ms for the CSV", file=sys.stderr)
    return figures
