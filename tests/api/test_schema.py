"""The OpenAPI schema: committed, valid, generated without warnings, and it refers to the profile
schema instead of restating it; the docs page runs under the app's strict CSP."""

import json
import subprocess
import sys

import pytest
import yaml
from django.conf import settings

from advisor.domain.profile import FORMAT_1, profile_schema

COMMITTED = settings.BASE_DIR / "docs" / "openapi.yaml"


def test_the_committed_schema_is_the_generated_one_and_generating_it_warns_of_nothing(tmp_path):
    generated = tmp_path / "openapi.yaml"

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(generated),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    assert "Error" not in result.stderr, result.stderr
    assert generated.read_text() == COMMITTED.read_text(), (
        "The API changed: run `make openapi` and commit docs/openapi.yaml (an API change is deliberate)."
    )


def test_the_profile_in_the_schema_is_profile_schema_json_itself():
    component = yaml.safe_load(COMMITTED.read_text())["components"]["schemas"]["Profile"]
    source = profile_schema()

    assert {k: v for k, v in component.items() if k != "description"} == {
        k: v for k, v in source.items() if k not in ("$schema", "$id")
    }


def test_the_former_format_in_the_schema_is_profile_1_schema_json_itself():
    component = yaml.safe_load(COMMITTED.read_text())["components"]["schemas"]["ProfileFormat1"]
    source = profile_schema(FORMAT_1)

    assert {k: v for k, v in component.items() if k != "description"} == {
        k: v for k, v in source.items() if k not in ("$schema", "$id")
    }


def test_creating_an_assessment_takes_a_profile_of_either_format():
    schema = yaml.safe_load(COMMITTED.read_text())
    operation = schema["paths"]["/api/v1/organizations/{slug}/assessments/"]["post"]

    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProfileUpload"
    }
    assert schema["components"]["schemas"]["ProfileUpload"]["oneOf"] == [
        {"$ref": "#/components/schemas/Profile"},
        {"$ref": "#/components/schemas/ProfileFormat1"},
    ]


@pytest.mark.django_db
def test_the_profile_schema_is_served_as_the_schema_names_it(client):
    response = client.get("/api/v1/profile.schema.json")

    assert response.status_code == 200
    assert json.loads(response.content) == profile_schema()


@pytest.mark.django_db
def test_the_former_profile_schema_is_served_too(client):
    response = client.get("/api/v1/profile-1.schema.json")

    assert response.status_code == 200
    assert json.loads(response.content)["$id"] == "lockin-profile/1"


@pytest.mark.django_db
def test_the_schema_is_served(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert yaml.safe_load(response.content)["openapi"] == "3.1.0"


@pytest.mark.django_db
def test_the_docs_page_uses_only_the_apps_own_files_and_no_inline_script_or_style(client):
    response = client.get("/api/v1/docs/")
    page = response.content.decode()

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<style" not in page
    assert " style=" not in page
    scripts = page.split("<script")[1:]
    assert scripts
    assert all("src=" in tag.split(">")[0] for tag in scripts)
    assert "https://" not in page
    assert "http://" not in page
    for url in [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/api/v1/docs/?script=",
    ]:
        assert url in page
        assert client.get(url).status_code == 200
