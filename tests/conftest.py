"""Shared fixtures: the personas every tenancy test needs, and service requirements.

Personas: firm A with an admin consultant and two client organizations; firm B with a
consultant and one client; a CTO who is the admin of a stand-alone organization; a
colleague in that organization; and an outsider with no memberships.
"""

import io
import json
import os
from dataclasses import dataclass

import pytest

from advisor.accounts.models import FirmMembership, OrganizationMembership
from advisor.domain.catalog_format import load_catalog_dir
from advisor.domain.scoring import catalog_from_document, train
from tests.domain.builders import SMALL
from tests.factories import (
    FirmFactory,
    FirmMembershipFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)
from tests.paths import CATALOG_DIR, PROFILES_DIR

IN_CI = os.environ.get("CI") == "true"


def require_service(available: bool, what: str) -> None:
    """Under CI=true a missing service fails the test; elsewhere it skips with the reason."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true and is not available")
    pytest.skip(f"{what} is not available here (CI runs this test)")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests serve static files from the app folders; no collectstatic manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings, request):
    # Rate-limit counts and the health check's ping live in the cache: each test gets an
    # empty one of its own (the app's own cache is the database or Redis, shared by workers).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{request.node.nodeid}",
        }
    }


def subprocess_env() -> dict:
    """Environment for a child process (manage.py, a worker) that uses this test's database."""
    from django.db import connection

    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    return {**os.environ, "DATABASE_URL": url}


@pytest.fixture(autouse=True)
def _fresh_version_caches():
    # Published versions never change in production, so their engine catalog and
    # questionnaire are cached by primary key; tests reuse keys after each rollback.
    from advisor.catalog.selectors import _published_profile_rules
    from advisor.questionnaire.services import _questionnaire_for
    from advisor.scoring.services import _engine_catalog, _engine_model

    for cache in (_questionnaire_for, _engine_catalog, _engine_model, _published_profile_rules):
        cache.cache_clear()


@pytest.fixture(scope="session")
def catalog_document() -> dict:
    """The shipped catalog folder, loaded as a document (no database)."""
    return load_catalog_dir(CATALOG_DIR)


@pytest.fixture(scope="session")
def engine_catalog(catalog_document):
    """The shipped catalog as the scoring engine sees it (version label "v1")."""
    return catalog_from_document(catalog_document, "v1")


@pytest.fixture(scope="session")
def small_training(engine_catalog):
    """The one small model of the test session: every test that needs a model shares it."""
    return train(engine_catalog, params=SMALL, code_version="test")


@pytest.fixture
def catalog(db):
    """The shipped catalog (and questionnaire), imported and published as version 1."""
    from django.core.management import call_command

    from advisor.catalog.models import CatalogVersion

    call_command("import_catalog", str(CATALOG_DIR), stdout=io.StringIO())
    return CatalogVersion.objects.active()


@pytest.fixture
def bank_profile() -> dict:
    """The regulated-bank template profile: complete and valid, with three workloads."""
    return json.loads((PROFILES_DIR / "regulated-bank.json").read_text())


@pytest.fixture
def own_bank_profile(bank_profile, personas) -> dict:
    """The regulated-bank template as an assessment of the CTO's organization holds it: a template
    describes a typical organization, and the name is always the organization's own."""
    return {**bank_profile, "organization": {**bank_profile["organization"], "name": personas.own_org.name}}


def confirm_every_section(assessment, user=None) -> None:
    """What a person does by confirming each section in turn before submitting."""
    from advisor.questionnaire import services

    services.sections_confirm_all(assessment=assessment, user=user)


def section_form_data(assessment, section: str) -> dict:
    """What the browser posts for a section's form without JavaScript: every answer as shown,
    with its revision."""
    from advisor.questionnaire import services

    state = services.assessment_state(assessment)
    data = {}
    for key, answer in state.answers.items():
        if state.questionnaire.section_for(key) == section:
            data[key] = answer.raw if answer.raw is not None else ""
            data[f"rev:{key}"] = str(answer.revision)
            if answer.not_applicable:
                data[f"na:{key}"] = "on"
    return data


@pytest.fixture
def complete_assessment(catalog, personas, bank_profile):
    """A draft of the CTO's organization ready to submit: every answer in (the regulated-bank
    template, under the organization's own name) and every section confirmed."""
    from advisor.questionnaire import services

    assessment = services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment, personas.cto)
    return assessment


@dataclass
class Personas:
    firm_a: object
    firm_b: object
    consultant_a: object
    consultant_b: object
    client_a1: object
    client_a2: object
    client_b: object
    cto: object
    colleague: object
    own_org: object
    outsider: object


@pytest.fixture
def personas(db) -> Personas:
    firm_a = FirmFactory(name="Alpha Advisory", slug="alpha-advisory")
    firm_b = FirmFactory(name="Beta Partners", slug="beta-partners")
    consultant_a = FirmMembershipFactory(
        firm=firm_a, user__username="cora@alpha.example", role=FirmMembership.Role.ADMIN
    ).user
    consultant_b = FirmMembershipFactory(firm=firm_b, user__username="bo@beta.example").user
    client_a1 = OrganizationFactory(name="Northwind Bank", slug="northwind-bank", firm=firm_a)
    client_a2 = OrganizationFactory(name="Contoso Health", slug="contoso-health", firm=firm_a)
    client_b = OrganizationFactory(name="Globex", slug="globex", firm=firm_b)
    own_org = OrganizationFactory(name="Fabrikam Retail", slug="fabrikam")
    cto = OrganizationMembershipFactory(
        organization=own_org,
        user__username="theo@fabrikam.example",
        role=OrganizationMembership.Role.ADMIN,
    ).user
    colleague = OrganizationMembershipFactory(
        organization=own_org, user__username="mia@fabrikam.example"
    ).user
    outsider = UserFactory(username="olga@elsewhere.example")
    return Personas(
        firm_a=firm_a,
        firm_b=firm_b,
        consultant_a=consultant_a,
        consultant_b=consultant_b,
        client_a1=client_a1,
        client_a2=client_a2,
        client_b=client_b,
        cto=cto,
        colleague=colleague,
        own_org=own_org,
        outsider=outsider,
    )
