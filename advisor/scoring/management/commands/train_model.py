from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from advisor.catalog.models import CatalogVersion
from advisor.domain import scoring as engine
from advisor.scoring.models import ScoringModel
from advisor.scoring.services import (
    NoActiveModel,
    active_model_for,
    assessments_score_pending,
    engine_catalog,
    model_train,
)


class Command(BaseCommand):
    help = (
        "Train the scoring model on the active catalog's moat and risk ratings plus the recorded "
        "migration outcomes, write it (skops) with its model card, and activate it only if it "
        "passes its quality gates (calibration, monotonicity, golden cases)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--profiles", type=int, help="synthetic profiles to generate (default: production size)"
        )
        parser.add_argument(
            "--no-activate", action="store_true", help="store the model but keep the current one"
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when an active model fits the active catalog",
        )

    def handle(self, *args, profiles=None, no_activate=False, if_missing=False, **options):
        version = CatalogVersion.objects.active()
        if version is None:
            raise CommandError("No catalog is published: run `python manage.py load_fixtures` first.")
        if if_missing and self._has_active_model(version):
            self.stdout.write(f"An active scoring model fits catalog {version.label}; not retraining.")
            return
        record, result = self._train(version, profiles, activate=not no_activate)
        self._write_files(record)
        self._report(record, result)
        if not result.passed:
            raise CommandError(
                "The model failed its quality gates and was NOT activated: " + "; ".join(result.reasons)
            )
        if no_activate:
            self.stdout.write(f"Stored {record.version} without activating it (--no-activate).")
        elif record.active:
            pending = assessments_score_pending()
            self.stdout.write(
                f"Activated {record.version}. "
                f"Scored {pending.scored} submitted assessment(s) waiting for a model."
            )
            if pending.failed:
                self.stderr.write(
                    f"{pending.failed} assessment(s) could not be scored: see Scoring failures in the admin, "
                    "where each can be retried."
                )

    def _has_active_model(self, version) -> bool:
        try:
            active_model_for(engine_catalog(version))
        except NoActiveModel:
            return False
        return True

    def _train(self, version, profiles, activate):
        with tqdm(total=6, desc="Training", unit="step", file=self.stderr._out, leave=True) as bar:

            def progress(step: str, done: int, total: int) -> None:
                bar.set_postfix_str(step)
                bar.update(done - bar.n)

            return model_train(version=version, n_profiles=profiles, activate=activate, progress=progress)

    def _write_files(self, record: ScoringModel) -> None:
        folder = settings.VAR_DIR / "models" / record.version
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "model.skops").write_bytes(bytes(record.artifact))
        (folder / "model_card.md").write_text(engine.model_card_markdown(record.card))
        self.stdout.write(f"Wrote {folder}/model.skops and model_card.md")

    def _report(self, record: ScoringModel, result) -> None:
        metrics = result.metrics
        self.stdout.write(f"Model {record.version} on catalog {record.catalog_version.label}")
        self.stdout.write(
            f"  held out: Brier {metrics.brier:.4f} (no skill {metrics.brier_no_skill:.4f}), "
            f"ECE {metrics.ece:.4f}, ROC AUC {metrics.roc_auc:.3f}, exposure MAE {metrics.exposure_mae:.2f}, "
            f"R² {metrics.exposure_r2:.3f}"
        )
        for gate in result.gates:
            mark = "pass" if gate.passed else "FAIL"
            self.stdout.write(f"  [{mark}] {gate.name}: {gate.value} (needs {gate.threshold})")
