"""`make run`'s demo firm: clients with two scored assessments a quarter apart, idempotent."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from advisor.accounts.models import Firm
from advisor.questionnaire.models import Assessment
from advisor.workspace.management.commands.seed_demo_portfolio import CLIENTS, FIRM_SLUG
from advisor.workspace.selectors import firm_dashboard_rows

pytestmark = pytest.mark.django_db


def test_the_demo_firm_gets_scored_clients_a_quarter_apart_once(catalog, active_model):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo_portfolio", stdout=io.StringIO())
    firm = Firm.objects.get(slug=FIRM_SLUG)
    rows = {row.name: row for row in firm_dashboard_rows(firm)}
    for _slug, name, _template, _change in CLIENTS:
        assert len(rows[name].trend) == 2, name
        earlier, later = Assessment.objects.filter(organization__name=name).order_by("submitted_at")
        assert later.submitted_at - earlier.submitted_at >= timedelta(days=90)
        assert earlier.title != later.title
        assert earlier.score.scoring_model == active_model  # scored by the real engine
    assert {row.delta for row in rows.values() if row.delta is not None} - {0.0}  # trends move
    assert rows["Fourth Coffee"].status == "invited"

    call_command("seed_demo_portfolio", stdout=io.StringIO())
    assert Assessment.objects.filter(organization__firm=firm).count() == 2 * len(CLIENTS) + 1
