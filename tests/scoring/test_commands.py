"""manage.py train_model and manage.py score, as an administrator and a script use them."""

import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from advisor.catalog.services import catalog_version_document
from advisor.domain.scoring import catalog as engine_catalog_module
from advisor.scoring import services
from advisor.scoring.models import MigrationOutcome, Score, ScoringFailure, ScoringModel
from tests.conftest import subprocess_env

pytestmark = pytest.mark.django_db


def train(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("train_model", "--profiles", "2500", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.slow
def test_train_model_stores_an_activated_model_with_its_card(catalog, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    output = train()
    record = ScoringModel.objects.get()
    assert record.active
    assert record.passed
    assert record.catalog_version == catalog
    assert "held out: Brier" in output
    assert f"Activated {record.version}" in output
    assert record.card["metrics"]["ece"] <= 0.05
    assert (tmp_path / "models" / record.version / "model.skops").read_bytes() == bytes(record.artifact)
    card = (tmp_path / "models" / record.version / "model_card.md").read_text()
    assert "Brier" in card
    assert "catalog" in card.lower()


@pytest.mark.slow
def test_a_model_failing_its_gates_is_not_activated_and_the_command_says_why(
    catalog, settings, tmp_path, monkeypatch
):
    settings.VAR_DIR = tmp_path
    train()
    active = ScoringModel.objects.get(active=True)
    monkeypatch.setattr(services.engine, "train", _failing_train(services.engine.train))
    with pytest.raises(CommandError, match="NOT activated: calibration_error"):
        train()
    assert ScoringModel.objects.get(active=True) == active


def _failing_train(real_train):
    from dataclasses import replace

    from advisor.domain.scoring import Gate

    def train(*args, **kwargs):
        result = real_train(*args, **kwargs)
        failed = Gate("calibration_error", False, "0.2", "≤ 0.05")
        model = replace(result.model, version=result.model.version + "-bad")
        return replace(
            result,
            model=model,
            gates=(failed,),
            passed=False,
            reasons=("calibration_error: 0.2 (needs ≤ 0.05)",),
        )

    return train


def test_if_missing_keeps_an_active_model(active_model):
    assert "not retraining" in train("--if-missing")
    assert ScoringModel.objects.count() == 1


@pytest.mark.slow
def test_if_missing_retrains_when_the_active_model_is_of_an_earlier_format(
    catalog, active_model, settings, tmp_path, monkeypatch
):
    """An upgrade of the engine (scoring v1 → v2) keeps the catalog's ratings, so only the model
    format in the catalog digest tells that the stored model can no longer serve it."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(engine_catalog_module, "MODEL_FORMAT", "lockin-model/1")
    document = catalog_version_document(catalog)
    active_model.catalog_digest = engine_catalog_module.catalog_from_document(document, catalog.label).digest
    active_model.save(update_fields=["catalog_digest"])
    monkeypatch.undo()

    output = train("--if-missing")

    assert "not retraining" not in output
    new = ScoringModel.objects.filter(active=True).exclude(pk=active_model.pk).get()
    assert new.catalog_digest == services.engine_catalog(catalog).digest != active_model.catalog_digest


@pytest.mark.slow
def test_training_scores_the_assessments_waiting_for_a_model(submitted, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert not Score.objects.exists()
    assert "Scored 1 submitted assessment" in train()
    assert Score.objects.get().assessment == submitted


@pytest.mark.slow
def test_training_scores_every_waiting_assessment_past_one_that_fails(
    personas, catalog, bank_profile, settings, tmp_path
):
    from tests.scoring.test_failures import submitted_with_legacy_profile

    settings.VAR_DIR = tmp_path
    bad = submitted_with_legacy_profile(personas, bank_profile, spend=1e308)
    good = submitted_with_legacy_profile(personas, bank_profile, spend=4200)
    out, err = io.StringIO(), io.StringIO()

    call_command("train_model", "--profiles", "2500", stdout=out, stderr=err)

    assert "Scored 1 submitted assessment" in out.getvalue()
    assert "1 assessment(s) could not be scored" in err.getvalue()
    assert Score.objects.get().assessment == good
    assert ScoringFailure.objects.get().assessment == bad


@pytest.mark.slow
def test_a_bad_recorded_outcome_is_left_out_of_training_not_fatal(submitted, settings, tmp_path, caplog):
    settings.VAR_DIR = tmp_path
    MigrationOutcome.objects.create(
        assessment=submitted,
        ecosystem="mistral",
        effort_person_months=3,
        cost_usd=1,
        high_cost=False,
        status=MigrationOutcome.Status.APPROVED,
    )
    train()
    assert "does not use mistral" in caplog.text
    assert ScoringModel.objects.get().card["data"]["outcomes"] == 0


def test_score_prints_the_scores_document(active_model, tmp_path, bank_profile):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(bank_profile))
    out = io.StringIO()
    call_command("score", str(path), stdout=out)
    scores = json.loads(out.getvalue())
    assert scores["format"] == "lockin-scores/2"
    assert scores["model_version"] == active_model.version
    assert scores["catalog_version"] == "v1"
    assert scores["ecosystems"][0]["ecosystem"] == "openai-microsoft"
    assert len(scores["ecosystems"]) == 7


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "{not json",
            "profile.json: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ),
        ('{"format": "lockin-profile/1"}', "organization: required field missing"),
        ("[" * 100_000, "profile.json: nested too deeply to read; a profile is nested at most 8 levels"),
        ('{"format": 1' + "0" * 4999 + "}",
         "profile.json: a number has 5,000 digits; a number in a profile has at most 30"),
        ('{"workloads": [' + ",".join(["{}"] * 26_000) + "]}",
         "workloads: has 26,000 items, more than any list of a profile may have"),
        (" " * 300_000, "profile.json: the file has 300,000 bytes; a profile has at most 262,144"),
    ],
)  # fmt: skip
def test_score_names_the_problem_on_one_line_and_exits_non_zero(
    active_model, tmp_path, content, expected, capsys
):
    path = tmp_path / "profile.json"
    path.write_text(content)
    with pytest.raises(SystemExit) as exit_:
        call_command("score", str(path), stdout=io.StringIO())
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert expected in err
    assert err.count("\n") <= 1


def test_score_names_the_offending_field(active_model, tmp_path, bank_profile, capsys):
    bank_profile["workloads"][2]["deployment"] = "on_prem"
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(bank_profile))
    with pytest.raises(SystemExit):
        call_command("score", str(path), stdout=io.StringIO())
    assert capsys.readouterr().err.startswith("workloads[2].deployment:")


@pytest.mark.django_db(transaction=True)
def test_score_runs_as_a_real_process_on_standard_input(active_model, bank_profile):
    def run(text: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", "score", "-"], input=text, capture_output=True, text=True,
            env=subprocess_env(), cwd=settings.BASE_DIR,
        )  # fmt: skip

    good = run(json.dumps(bank_profile))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["model_version"] == active_model.version
    bad = run("{}")
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.strip() == "format: required field missing"


@pytest.mark.slow
def test_an_outcome_far_off_the_estimate_is_flagged_for_review_not_learned(submitted, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    outlier = MigrationOutcome.objects.create(
        assessment=submitted,
        ecosystem="openai-microsoft",
        effort_person_months=1000,
        cost_usd=1,
        high_cost=True,
        status=MigrationOutcome.Status.APPROVED,
    )

    train()

    outlier.refresh_from_db()
    assert outlier.status == MigrationOutcome.Status.FLAGGED
    card = ScoringModel.objects.get().card
    assert [item["status"] for item in card["outcomes"]] == ["outlier"]
    assert card["coefficients"]["ecosystem_scale"]["openai-microsoft"] == 1.0
