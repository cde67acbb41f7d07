from functools import lru_cache

from django.http import Http404

from advisor.catalog.models import CatalogVersion, RiskRating
from advisor.domain.profile import ProfileRules, profile_rules_from_catalog


def catalog_version_for_display(number: str | None) -> CatalogVersion:
    """The published version `number`, or the active one; 404 when there is none."""
    published = CatalogVersion.objects.published()
    version = published.filter(number=number).first() if number and number.isdigit() else published.active()
    if version is None:
        raise Http404("No catalog has been published yet.")
    return version


def moat_matrix(version: CatalogVersion) -> tuple[list, list[dict]]:
    """(channels, rows): one row per ecosystem with its moat rating per channel, in order."""
    channels = list(version.channels.all())
    ecosystems = list(version.ecosystems.all())
    ratings = {(m.ecosystem_id, m.channel_id): m for m in version.moatratings.all()}
    rows = [
        {
            "ecosystem": e,
            "cells": [ratings.get((e.pk, c.pk)) for c in channels],
            "total": sum(r.strength for r in ratings.values() if r.ecosystem_id == e.pk),
        }
        for e in ecosystems
    ]
    return channels, rows


def risk_matrix(version: CatalogVersion) -> tuple[list, list[dict]]:
    scenarios = list(RiskRating.Scenario)
    ecosystems = list(version.ecosystems.all())
    ratings = {(r.ecosystem_id, r.scenario): r for r in version.riskratings.all()}
    rows = [{"ecosystem": e, "cells": [ratings.get((e.pk, s.value)) for s in scenarios]} for e in ecosystems]
    return scenarios, rows


def profile_rules(version: CatalogVersion) -> ProfileRules:
    """The catalog facts a profile is checked against: ecosystems, and whose weights are closed."""
    if not version.is_published:
        _published_profile_rules.cache_clear()  # drafts change; never serve stale facts
    return _published_profile_rules(version.pk)


@lru_cache(maxsize=16)
def _published_profile_rules(version_pk: int) -> ProfileRules:
    # Published catalog versions never change, so their facts are read once per process.
    version = CatalogVersion.objects.get(pk=version_pk)
    models = version.foundationmodels.values("slug", "ecosystem__slug", "open_weights")
    return profile_rules_from_catalog(
        version.ecosystems.values("slug", "open_weights"),
        [{**model, "ecosystem": model["ecosystem__slug"]} for model in models],
    )
