"""The domain is the ground floor: importing it loads no Django and no app package."""

import json
import subprocess
import sys

from tests.paths import REPO

APPS = ("core", "accounts", "catalog", "questionnaire", "scoring", "reports", "api")

SCRIPT = """
import json, sys
import advisor.domain.scoring
import advisor.domain.catalog_format, advisor.domain.questionnaire, advisor.domain.profile
import advisor.domain.scoring.calibration, advisor.domain.scoring.card, advisor.domain.scoring.training
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_domain_loads_no_django_and_no_app():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO, check=True
    )
    loaded = json.loads(result.stdout)

    assert "advisor.domain.scoring.scores" in loaded  # the import really ran
    assert [name for name in loaded if name == "django" or name.startswith("django.")] == []
    assert [name for name in loaded if name.split(".")[:2] in [["advisor", app] for app in APPS]] == []
