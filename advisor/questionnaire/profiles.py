"""Profiles in and out: an uploaded profile (bounded, validated, then a new assessment) and the
template profiles shipped in fixtures/profiles/."""

import copy
import json
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from advisor.accounts.models import Organization
from advisor.catalog.models import CatalogVersion
from advisor.catalog.selectors import profile_rules
from advisor.domain.profile import (
    ProfileError,
    check_profile_size,
    load_profile_json,
    parse_profile,
    profile_to_dict,
)
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.services import assessment_create, distinct_title

TEMPLATES_DIR = settings.FIXTURES_DIR / "profiles"


class ProfileInvalid(Exception):
    """An uploaded profile is not valid; `errors` are (path, message) pairs, each problem once,
    and `omitted` counts the problems beyond those listed."""

    def __init__(self, errors: list[tuple[str, str]], omitted: int = 0):
        self.errors = errors
        self.omitted = omitted
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors[:3]))


def profile_parse_upload(data: bytes, version: CatalogVersion) -> dict:
    """The uploaded profile as a format 2 dict (a format 1 upload is converted), or ProfileInvalid
    naming each offending field once. Its size, nesting and counts are bounded before anything
    validates it (profile_limits)."""
    try:
        profile = parse_profile(load_profile_json(data), profile_rules(version))
    except ProfileError as error:
        raise ProfileInvalid(list(error.errors), error.omitted) from None
    return profile_to_dict(profile)


def profile_check_size(n_bytes: int) -> None:
    """ProfileInvalid when an upload of this size cannot be a profile (before it is read)."""
    try:
        check_profile_size(n_bytes)
    except ProfileError as error:
        raise ProfileInvalid(list(error.errors)) from None


def profile_import(*, organization: Organization, user, data: bytes) -> Assessment:
    """A new assessment from an uploaded profile; nothing is created when it is invalid."""
    version = CatalogVersion.objects.require_active()
    profile = profile_parse_upload(data, version)
    title = f"{profile['organization']['name']} – imported {timezone.localdate():%Y-%m-%d}"
    return assessment_create(
        organization=organization,
        user=user,
        origin=Assessment.Origin.IMPORT,
        profile=profile,
        title=distinct_title(organization, title),
    )


@lru_cache(maxsize=1)
def _template_profiles() -> dict[str, dict]:
    # Shipped with the app, so read once per process rather than on every organization page.
    return {path.stem: json.loads(path.read_text()) for path in sorted(TEMPLATES_DIR.glob("*.json"))}


def profile_templates() -> list[tuple[str, str]]:
    """(file stem, organization name) of the template profiles shipped in fixtures/profiles/."""
    return [(stem, profile["organization"]["name"]) for stem, profile in _template_profiles().items()]


def profile_template(name: str) -> dict:
    if name not in _template_profiles():
        raise FileNotFoundError(name)
    return copy.deepcopy(_template_profiles()[name])
