"""Demo clients of the demo firm, each with two scored assessments a quarter apart, so that a
first look at the dashboard shows scores, trends and a heat map.

The assessments go through the real services: created from a template profile, every section
confirmed, submitted, and scored at once by the real engine and the active model (`prepare`
trains one first). The earlier one is then dated a quarter back. A client that already has an
assessment is left alone, so `make run` can call this every time.
"""

import copy
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from advisor.accounts.management.commands.seed_demo import CONSULTANT
from advisor.accounts.models import Firm, Organization, User
from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.profiles import profile_template
from advisor.scoring.models import Score

FIRM_SLUG = "meridian-advisory"
QUARTER = timedelta(days=91)

# slug, name, template, what changed over the quarter (applied to the later profile)
CLIENTS = [
    ("northwind-bank", "Northwind Bank", "regulated-bank", "gateway"),
    ("contoso-health", "Contoso Health", "public-sector-body", "grew"),
    ("tailspin-software", "Tailspin Software", "saas-company", "exit_plan"),
    ("woodgrove-finance", "Woodgrove Finance", "regulated-bank", "grew"),
    ("litware-insurance", "Litware Insurance", "public-sector-body", "gateway"),
    ("adventure-works", "Adventure Works", "saas-company", "grew"),
]
INVITED_CLIENT = ("fourth-coffee", "Fourth Coffee", "cio@fourthcoffee.example")


def earlier_profile(profile: dict) -> dict:
    """A quarter ago: fewer portability practices in place and less spent."""
    earlier = copy.deepcopy(profile)
    for practice in ("llm_gateway", "exit_plan_documented", "data_export_tested", "eval_harness"):
        earlier["practices"][practice] = False
    for workload in earlier["workloads"]:
        workload["monthly_spend_usd"] = round(workload["monthly_spend_usd"] * 0.7)
    return earlier


def later_profile(profile: dict, change: str) -> dict:
    later = copy.deepcopy(profile)
    if change == "gateway":
        later["practices"]["llm_gateway"] = True
        later["practices"]["multi_vendor_in_production"] = True
    elif change == "exit_plan":
        later["practices"]["exit_plan_documented"] = True
        later["practices"]["data_export_tested"] = True
    elif change == "grew":  # more spent on the main workload, no new practice
        later["practices"] = earlier_profile(profile)["practices"]
        later["workloads"][0]["monthly_spend_usd"] = round(later["workloads"][0]["monthly_spend_usd"] * 2.5)
    return later


def quarter_title(name: str, when) -> str:
    return f"{name} – Q{(when.month - 1) // 3 + 1} {when.year}"


class Command(BaseCommand):
    help = "Give the demo firm's clients two scored assessments each, a quarter apart (idempotent)."

    def handle(self, *args, **options):
        firm = Firm.objects.filter(slug=FIRM_SLUG).first()
        consultant = User.objects.filter(username=CONSULTANT).first()
        if firm is None or consultant is None:
            self.stdout.write("No demo firm: run `python manage.py seed_demo` first.")
            return
        now = timezone.now()
        for slug, name, template, change in CLIENTS:
            client, _ = Organization.objects.get_or_create(slug=slug, defaults={"name": name, "firm": firm})
            if client.assessments.exists():
                continue
            profile = profile_template(template)
            self._scored(client, consultant, earlier_profile(profile), now - QUARTER)
            self._scored(client, consultant, later_profile(profile, change), now)
        self._invited(firm, consultant, now)
        scored = Score.objects.filter(assessment__organization__firm=firm).count()
        self.stdout.write(f"Demo portfolio: {firm.clients.count()} clients, {scored} scored assessments.")

    @transaction.atomic
    def _scored(self, client: Organization, user: User, profile: dict, when) -> Assessment:
        assessment = questionnaire.assessment_create(
            organization=client,
            user=user,
            origin=Assessment.Origin.TEMPLATE,
            profile=profile,
            title=quarter_title(client.name, when),
        )
        questionnaire.sections_confirm_all(assessment=assessment, user=user)
        questionnaire.assessment_submit(assessment=assessment, user=user)  # scored on submit
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=when, updated_at=when, submitted_at=when
        )
        Score.objects.filter(assessment=assessment).update(created_at=when)
        return assessment

    def _invited(self, firm: Firm, user: User, now) -> None:
        slug, name, email = INVITED_CLIENT
        client, _ = Organization.objects.get_or_create(slug=slug, defaults={"name": name, "firm": firm})
        if client.assessments.exists():
            return
        assessment = questionnaire.assessment_create(
            organization=client, user=user, title=quarter_title(name, now)
        )
        questionnaire.invitation_create(assessment=assessment, email=email, user=user)
