"""The results page's what-if: one htmx request that re-scores the profile with the changes.

Target (issue 12): the 95th percentile of a what-if request under 50 ms (`whatif_ms_p95`).

Set-up: a fresh PostgreSQL database `lockin_bench_whatif` (dropped at the end), migrated, the
shipped catalog imported, a model trained on 3,000 synthetic profiles (enough to pass its
gates; its size does not change the scoring time), and a CTO's organization with the
three-workload template profile `regulated-bank` submitted and scored.

Measure: Django's test client in this process, signed in as the CTO, sends the what-if form as
htmx does (`HX-Request`), cycling through five what-ifs of growing size (one practice; two
practices; a practice and an ended contract; a moved workload; all of them together). Each must
answer 200 with the re-scored table. 20 warm-up requests, then 300 measured: wall-clock time of
`client.post`, which covers the middleware, the session and tenancy queries, parsing the stored
profile, scoring and rendering the fragment (no network: that is the same for every page).
"""

import os
import statistics
import sys
import tempfile
import time

from bench import POSTGRES, drop_database, manage, recreate_database

DATABASE = "lockin_bench_whatif"
WARM_UP = 20
REQUESTS = 300
WHATIFS = [
    {"practice": ["llm_gateway"]},
    {"practice": ["llm_gateway", "exit_plan_documented"]},
    {"practice": ["prompt_portability"], "end_contract": ["openai-microsoft"]},
    {"move_workload": "0", "move_to": "mistral"},
    {
        "practice": ["llm_gateway", "exit_plan_documented", "prompt_portability"],
        "end_contract": ["openai-microsoft"],
        "move_workload": "1",
        "move_to": "google",
    },
]


def run() -> dict[str, float]:
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    recreate_database(DATABASE)
    with tempfile.TemporaryDirectory(prefix="lockin-bench-whatif-") as var_dir:
        os.environ.update(
            {
                "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
                "VAR_DIR": var_dir,
                "DJANGO_SETTINGS_MODULE": "advisor.settings",
            }
        )
        try:
            manage("migrate", "--noinput")
            manage("import_catalog", "fixtures/catalog")
            manage("train_model", "--profiles", "3000")
            import django

            django.setup()
            return _measure(*_seed())
        finally:
            drop_database(DATABASE)


def _seed():
    from advisor.accounts.models import OrganizationMembership, User
    from advisor.accounts.services import organization_create
    from advisor.questionnaire.profiles import profile_template
    from advisor.questionnaire.services import (
        assessment_create,
        assessment_submit,
        questionnaire_for,
        section_confirm,
    )

    cto = User.objects.create(username="cto@bench.example", email="cto@bench.example")
    organization = organization_create(name="Bench Bank")
    OrganizationMembership.objects.create(
        organization=organization, user=cto, role=OrganizationMembership.Role.ADMIN
    )
    assessment = assessment_create(
        organization=organization, user=cto, origin="template", profile=profile_template("regulated-bank")
    )
    for section in questionnaire_for(assessment.catalog_version).sections:
        section_confirm(assessment=assessment, section=section.slug, user=cto)
    assessment_submit(assessment=assessment, user=cto)
    return cto, assessment


def _measure(cto, assessment) -> dict[str, float]:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(cto)
    url = reverse("workspace:whatif", args=[assessment.pk])
    timings = []
    for n in range(WARM_UP + REQUESTS):
        started = time.perf_counter()
        response = client.post(url, WHATIFS[n % len(WHATIFS)], headers={"HX-Request": "true"})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or b"exposure-change" not in response.content:
            raise RuntimeError(f"what-if answered {response.status_code}: {response.content[:300]!r}")
        if n >= WARM_UP:
            timings.append(elapsed)
    cuts = statistics.quantiles(timings, n=100)
    return {"whatif_ms_p50": round(statistics.median(timings), 2), "whatif_ms_p95": round(cuts[94], 2)}
