"""docs/api_example.py, run as a user would run it, against the live server."""

import subprocess
import sys

import pytest
from django.conf import settings

from advisor.questionnaire.models import Assessment
from tests.paths import PROFILES_DIR

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = settings.BASE_DIR / "docs" / "api_example.py"


def _run(live_server, token: str, organization: str, profile) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(EXAMPLE),
            "--url",
            live_server.url,
            "--token",
            token,
            "--organization",
            organization,
            "--profile",
            str(profile),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_example_creates_submits_and_prints_the_scores(world, live_server):
    result = _run(
        live_server, world.tokens["consultant"], world.organization.slug, PROFILES_DIR / "regulated-bank.json"
    )

    assert result.returncode == 0, result.stderr
    created = Assessment.objects.filter(origin="import").get()
    assert created.is_submitted
    assert f"Created assessment {created.pk}" in result.stdout
    assert f"Lock-in index: {created.score.result['overall']['lock_in_index']}" in result.stdout
    assert "waits for the reports app" in result.stdout


def test_the_example_prints_the_fields_a_bad_profile_gets_wrong(world, live_server, tmp_path, bank_profile):
    import json

    bank_profile["workloads"][1]["criticality"] = "whenever"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bank_profile))

    result = _run(live_server, world.tokens["owner"], world.organization.slug, bad)

    assert result.returncode == 1
    assert "workloads[1].criticality" in result.stderr
    assert not Assessment.objects.filter(origin="import").exists()
