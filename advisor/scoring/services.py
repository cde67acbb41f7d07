"""The one place where the database meets the scoring engine.

The engine gets the catalog as data and the model as bytes; scores come back as the
lockin-scores/2 document and are stored with the catalog and model versions used.
"""

import logging
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from advisor.catalog.models import CatalogVersion
from advisor.catalog.selectors import profile_rules
from advisor.catalog.services import catalog_version_document
from advisor.domain import scoring as engine
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import MigrationOutcome, Score, ScoringFailure, ScoringModel

logger = logging.getLogger(__name__)


class OutcomeInvalid(Exception):
    """A migration outcome that cannot be recorded; `errors` are (field, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))


class NoActiveModel(Exception):
    """No model that passed its gates was trained on this catalog's ratings: run train_model."""


# ---------------------------------------------------------------------------------------------
# Catalog and model, loaded once per process (published versions and models never change)


@lru_cache(maxsize=16)
def _engine_catalog(version_pk: int) -> engine.Catalog:
    version = CatalogVersion.objects.get(pk=version_pk)
    return engine.catalog_from_document(catalog_version_document(version), version.label)


def engine_catalog(version: CatalogVersion) -> engine.Catalog:
    return _engine_catalog(version.pk)


@lru_cache(maxsize=8)
def _engine_model(version: str) -> engine.Model:
    return engine.load_model(bytes(ScoringModel.objects.get(version=version).artifact))


def engine_model(version: str) -> engine.Model:
    return _engine_model(version)


def active_model_for(catalog: engine.Catalog) -> ScoringModel:
    record = (
        ScoringModel.objects.filter(active=True, catalog_digest=catalog.digest)
        .defer("artifact")
        .order_by("-created_at")
        .first()
    )
    if record is None:
        raise NoActiveModel(
            f"No active scoring model for catalog {catalog.version}: run `python manage.py train_model`."
        )
    return record


def has_active_model(version: CatalogVersion) -> bool:
    """Whether a model that passed its gates is active for this catalog's ratings."""
    try:
        active_model_for(engine_catalog(version))
    except NoActiveModel:
        return False
    return True


def code_version() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except OSError:
        return "unknown"
    return result.stdout.strip() or "unknown"


# ---------------------------------------------------------------------------------------------
# Training


def outcome_for_engine(outcome: MigrationOutcome, catalog: engine.Catalog) -> engine.Outcome:
    """The recorded outcome as the engine learns from it; ValueError (or engine.ProfileError)
    says why it cannot be learned from."""
    candidate = engine.Outcome(
        profile=engine.parse_profile(outcome.assessment.profile, catalog.ecosystems),
        ecosystem=outcome.ecosystem,
        effort_person_months=outcome.effort_person_months,
        cost_usd=outcome.cost_usd,
        high_cost=outcome.high_cost,
        tenant=outcome_tenant(outcome.assessment.organization),
    )
    engine.check_outcome(candidate, catalog)
    return candidate


def outcome_tenant(organization) -> str:
    """Who an outcome counts for in the engine's share cap: the consulting firm of a client,
    or the organization itself when it has no firm."""
    return f"firm:{organization.firm_id}" if organization.firm_id else f"org:{organization.pk}"


def outcome_ecosystems(assessment: Assessment) -> list[tuple[str, str]]:
    """(slug, name) of the ecosystems the assessment's profile uses: the ones an outcome of it
    can be about."""
    catalog = engine_catalog(assessment.catalog_version)
    used = engine.ecosystems_in_use(engine.parse_profile(assessment.profile, catalog.ecosystems), catalog)
    names = dict(assessment.catalog_version.ecosystems.values_list("slug", "name"))
    return [(slug, names.get(slug, slug)) for slug in used]


@transaction.atomic
def outcome_record(
    *,
    assessment: Assessment,
    user,
    ecosystem: str,
    effort_person_months: float,
    cost_usd: float,
    high_cost: bool,
    notes: str = "",
) -> MigrationOutcome:
    """Record a real migration of a submitted assessment, if the engine can learn from it."""
    if not assessment.is_submitted:
        raise OutcomeInvalid([("", "only a submitted assessment's outcomes can be recorded")])
    catalog = engine_catalog(assessment.catalog_version)
    used = dict(outcome_ecosystems(assessment))
    if ecosystem not in used:
        raise OutcomeInvalid(
            [("ecosystem", f"“{ecosystem}” is not an ecosystem this profile uses; one of {', '.join(used)}")]
        )
    outcome = MigrationOutcome(
        assessment=assessment,
        ecosystem=ecosystem,
        effort_person_months=effort_person_months,
        cost_usd=cost_usd,
        high_cost=high_cost,
        notes=notes,
        recorded_by=user,
    )
    try:
        outcome_for_engine(outcome, catalog)
    except (ValueError, engine.ProfileError) as error:
        raise OutcomeInvalid([("", f"this outcome cannot be learned from: {error}")]) from None
    outcome.save()
    return outcome


def outcomes_for_training(catalog: engine.Catalog) -> tuple[list[engine.Outcome], list[str]]:
    """Every approved outcome of a submitted assessment, as engine outcomes, and why any were
    left out (one bad record must not stop training). Pending, rejected and flagged ones never
    enter."""
    outcomes, _, skipped = _approved_outcomes(catalog)
    return outcomes, skipped


def _approved_outcomes(
    catalog: engine.Catalog,
) -> tuple[list[engine.Outcome], list[MigrationOutcome], list[str]]:
    outcomes, records, skipped = [], [], []
    recorded = MigrationOutcome.objects.select_related("assessment__organization").filter(
        assessment__status=Assessment.Status.SUBMITTED, status=MigrationOutcome.Status.APPROVED
    )
    for outcome in recorded.order_by("pk"):
        try:
            outcomes.append(outcome_for_engine(outcome, catalog))
            records.append(outcome)
        except (ValueError, engine.ProfileError) as error:
            skipped.append(f"outcome {outcome.pk} ({outcome}): {error}")
    return outcomes, records, skipped


def outcomes_review(*, outcomes, status: str, user) -> int:
    """Approve or reject recorded outcomes for training, recording who and when."""
    return outcomes.update(status=status, reviewed_by=user, reviewed_at=timezone.now())


def model_train(
    *,
    version: CatalogVersion | None = None,
    n_profiles: int | None = None,
    activate: bool = True,
    progress=None,
) -> tuple[ScoringModel, engine.TrainingResult]:
    """Train on the catalog (default: the active one) and the recorded outcomes; store the
    model with its card, and make it active only if it passed every quality gate."""
    version = version or CatalogVersion.objects.require_active()
    catalog = engine_catalog(version)
    outcomes, records, skipped = _approved_outcomes(catalog)
    for reason in skipped:
        logger.warning("Training without %s", reason)
    result = engine.train(
        catalog,
        outcomes=outcomes,
        n_profiles=n_profiles,
        code_version=code_version(),
        progress=progress,
    )
    card = engine.model_card(result)
    with transaction.atomic():
        record, _ = ScoringModel.objects.update_or_create(
            version=result.model.version,
            defaults={
                "catalog_version": version,
                "catalog_digest": catalog.digest,
                "artifact": engine.dump_model(result.model),
                "card": card,
                "passed": result.passed,
            },
        )
        if activate and result.passed:
            model_activate(record)
        flagged = [records[index].pk for index in result.outliers]
        MigrationOutcome.objects.filter(pk__in=flagged).update(status=MigrationOutcome.Status.FLAGGED)
    for index in result.outliers:
        logger.warning(
            "Outcome %s sent back to review: %s", records[index].pk, result.outcome_influence[index].reason
        )
    return record, result


def model_activate(record: ScoringModel) -> None:
    if not record.passed:
        raise ValueError(f"Model {record.version} failed its quality gates and cannot be activated.")
    with transaction.atomic():
        ScoringModel.objects.filter(catalog_digest=record.catalog_digest, active=True).exclude(
            pk=record.pk
        ).update(active=False)
        ScoringModel.objects.filter(pk=record.pk).update(active=True)
    record.active = True


# ---------------------------------------------------------------------------------------------
# Scoring


def profile_score(profile: object, version: CatalogVersion | None = None) -> dict:
    """The scores document of a profile document; raises engine.ProfileError or NoActiveModel."""
    version = version or CatalogVersion.objects.require_active()
    catalog = engine_catalog(version)
    parsed = engine.parse_profile(profile, profile_rules(version))  # a profile from outside: every rule
    record = active_model_for(catalog)
    return engine.score_profile(parsed, catalog, _engine_model(record.version))


def assessment_score(assessment: Assessment) -> Score:
    """Score a submitted assessment against its catalog version and the active model."""
    catalog = engine_catalog(assessment.catalog_version)
    record = active_model_for(catalog)
    parsed = engine.parse_profile(assessment.profile, catalog.ecosystems)
    result = engine.score_profile(parsed, catalog, _engine_model(record.version))
    score, _ = Score.objects.update_or_create(
        assessment=assessment,
        defaults={"catalog_version": assessment.catalog_version, "scoring_model": record, "result": result},
    )
    return score


def assessment_score_or_record(assessment: Assessment) -> Score | None:
    """Score one assessment on its own. Waiting for a model (NoActiveModel) is not a failure and
    propagates; any other error is logged and recorded on the assessment (ScoringFailure, shown
    to staff with a retry), and None is returned, so a submission or a batch always goes on."""
    try:
        with transaction.atomic():  # a failure rolls back only the scoring, never the caller's work
            score = assessment_score(assessment)
    except NoActiveModel:
        raise
    except Exception as error:  # one bad assessment must not stop the others: record, go on
        logger.exception("Scoring assessment %s failed", assessment.pk)
        scoring_failure_record(assessment=assessment, error=error)
        return None
    ScoringFailure.objects.filter(assessment=assessment).delete()
    return score


def scoring_failure_record(*, assessment: Assessment, error: Exception) -> ScoringFailure:
    text = f"{type(error).__name__}: {error}"[:2000]
    model = ScoringModel.objects.filter(active=True).defer("artifact").order_by("-created_at").first()
    failure, created = ScoringFailure.objects.get_or_create(
        assessment=assessment, defaults={"error": text, "scoring_model": model}
    )
    if not created:
        ScoringFailure.objects.filter(pk=failure.pk).update(
            error=text, scoring_model=model, attempts=F("attempts") + 1
        )
    return failure


@dataclass(frozen=True)
class PendingResult:
    scored: int
    failed: int


def assessments_score_pending() -> PendingResult:
    """Score every submitted assessment that has no score yet (after a model is activated),
    each on its own: one that fails is recorded and the next one is scored all the same."""
    scored = failed = 0
    for assessment in Assessment.objects.filter(status=Assessment.Status.SUBMITTED, score__isnull=True):
        try:
            score = assessment_score_or_record(assessment)
        except NoActiveModel:
            continue
        if score is None:
            failed += 1
        else:
            scored += 1
    return PendingResult(scored=scored, failed=failed)
