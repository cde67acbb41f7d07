"""Each new assessment of an organization gets a title none of its others has."""

import json

import pytest
from django.utils import timezone

from advisor.questionnaire import profiles, services
from advisor.questionnaire.models import Assessment

pytestmark = pytest.mark.django_db


def test_four_assessments_in_a_quarter_get_four_titles(catalog, personas, bank_profile):
    organization = personas.own_org
    first = services.assessment_create(organization=organization, user=personas.cto)
    copy = services.assessment_create(
        organization=organization, user=personas.cto, origin="copy", based_on=first
    )
    template = services.assessment_create(
        organization=organization, user=personas.cto, origin="template", profile=bank_profile
    )
    blank = services.assessment_create(organization=organization, user=personas.cto)

    today = timezone.localdate()
    base = f"Fabrikam Retail – Q{(today.month - 1) // 3 + 1} {today.year}"
    assert [a.title for a in (first, copy, template, blank)] == [
        base,
        f"{base} (2)",
        f"{base} (3)",
        f"{base} (4)",
    ]


def test_titles_are_distinct_per_organization_only(catalog, personas):
    mine = services.assessment_create(organization=personas.own_org, user=personas.cto)
    theirs = services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)
    again = services.assessment_create(organization=personas.client_a1, user=personas.consultant_a)

    assert not mine.title.endswith(")")
    assert not theirs.title.endswith(")")
    assert again.title == f"{theirs.title} (2)"


def test_two_imports_on_one_day_get_distinct_titles(catalog, personas, own_bank_profile):
    data = json.dumps(own_bank_profile).encode()

    first = profiles.profile_import(organization=personas.own_org, user=personas.cto, data=data)
    second = profiles.profile_import(organization=personas.own_org, user=personas.cto, data=data)

    assert first.title == f"Fabrikam Retail – imported {timezone.localdate():%Y-%m-%d}"
    assert second.title == f"{first.title} (2)"


def test_a_title_given_on_purpose_is_kept(catalog, personas):
    first = services.assessment_create(organization=personas.own_org, user=personas.cto, title="Baseline")
    second = services.assessment_create(organization=personas.own_org, user=personas.cto, title="Baseline")

    assert (first.title, second.title) == ("Baseline", "Baseline")


def test_the_migration_numbers_titles_that_repeat(catalog, personas):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("advisor.questionnaire.migrations.0004_archive_and_titles")
    made = [
        services.assessment_create(organization=personas.own_org, user=None, title="Q4") for _ in range(3)
    ]
    elsewhere = services.assessment_create(organization=personas.client_a1, user=None, title="Q4")

    migration.number_repeated_titles(apps, None)

    assert [Assessment.objects.get(pk=a.pk).title for a in made] == ["Q4", "Q4 (2)", "Q4 (3)"]
    assert Assessment.objects.get(pk=elsewhere.pk).title == "Q4"
