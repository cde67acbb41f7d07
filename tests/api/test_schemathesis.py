"""A bounded schemathesis pass against the served schema: no 500, and every response (status
code, content type, headers, body) is what the schema says.

Each operation gets a fixed number of generated requests (deterministic: Hypothesis is
derandomized), positive and negative, first with generated path parameters (mostly unknown
ids: problem responses), then with the ids of real objects of the world fixture (so success
responses are checked too). Bounded by the example count, not by a clock.
"""

import pytest
import schemathesis
import yaml
from django.conf import settings as django_settings
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _documented_operations() -> set[str]:
    paths = yaml.safe_load((django_settings.BASE_DIR / "docs" / "openapi.yaml").read_text())["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item}


def _real_path_parameters(world, path: str) -> dict:
    if "{slug}" in path:
        return {"slug": world.organization.slug}
    if "{number}" in path:
        return {"number": 1}
    if path.startswith("/api/v1/report-batches/{id}/"):
        return {"id": world.batch.pk}
    if "{report_id}" in path:
        return {"id": world.submitted.pk, "report_id": world.report.pk}
    if "{id}" in path:
        scored = path.endswith(("/score/", "/outcomes/", "/reports/"))
        return {"id": (world.submitted if scored else world.draft).pk}
    return {}


def _run(operation, strategy, base_url: str, headers: dict) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    check()


def test_the_api_answers_as_its_schema_says(world, live_server, settings):
    settings.API_THROTTLE_RATE = settings.API_ANON_THROTTLE_RATE = "100000/min"
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    headers = {"Authorization": f"Bearer {world.tokens['consultant']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {o.label for o in operations} == _documented_operations()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, operation.as_strategy(generation_mode=mode), live_server.url, headers)
            real = _real_path_parameters(world, operation.path)
            if real:
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=real)
                _run(operation, strategy, live_server.url, headers)
