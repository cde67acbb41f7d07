"""Everything the report template shows, gathered in one place.

The figures come from the same view model as the results page (scoring.presentation), so a
number in the PDF is the number on the page; the catalog adds what it says of each ecosystem,
with its sources; the exit plans and the methodology appendix are built here.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from advisor.accounts.models import Firm
from advisor.catalog.models import CatalogVersion, Ecosystem, FoundationModel
from advisor.domain.profile import upgrade_profile_document
from advisor.domain.vocabulary import SCENARIO_NAMES
from advisor.questionnaire.services import questionnaire_for
from advisor.reports.exit_plan import exit_plans
from advisor.scoring.methodology import methodology_sections
from advisor.scoring.models import ScoringModel
from advisor.scoring.presentation import profile_view, results_view

# Bump when the template changes what a report says or how it looks: reports record it.
TEMPLATE_VERSION = "report-2"
APP_ACCENT = "#1f4e79"
# The sections every report has, in order (the table of contents; tests look for each).
SECTION_TITLES = (
    "Executive summary",
    "Exposure and concentration",
    "Ecosystems in use",
    "Workload inventory",
    "Mitigation roadmap",
    "Exit plans (draft)",
    "Methodology",
    "Your answers",
)
CONFIDENTIALITY = (
    "Confidential: prepared for {client} only. Not for distribution beyond its management and advisers."
)
# The appendix: what the model is, how the exit cost and the ranges are made, and what it cannot say.
METHODOLOGY_PARTS = (
    "What the model is, and what it is not",
    "Exit cost",
    "Uncertainty and evidence",
    "Limits",
)


@dataclass(frozen=True)
class Branding:
    name: str  # who the report is from: the firm, or the app itself
    accent: str  # "#rrggbb", validated
    logo_name: str = ""  # the firm's stored logo (a name in default storage), or ""
    is_firm: bool = False


def branding_for(firm: Firm | None) -> Branding:
    if firm is None:
        return Branding(name=settings.SITE_NAME, accent=APP_ACCENT)
    return Branding(
        name=firm.name,
        accent=firm.accent_colour or APP_ACCENT,
        logo_name=(firm.logo.name or "") if firm.logo else "",
        is_firm=True,
    )


@dataclass(frozen=True)
class ReportInput:
    """What one report is made from; a Report record and the render_report command both give one."""

    profile: dict
    result: dict
    catalog_version: CatalogVersion
    client_name: str
    title: str
    branding: Branding
    date: date
    plan: dict | None = None  # the improvement plan (scoring.plans.plan_document), if any


def report_context(data: ReportInput) -> dict:
    version = data.catalog_version
    ecosystems = list(version.ecosystems.prefetch_related("moats__channel", "risks"))
    names = {e.slug: e.name for e in ecosystems}
    results = results_view(
        result=data.result,
        ecosystem_names=names,
        channel_names=dict(version.channels.values_list("slug", "name")),
        workloads=list(data.profile.get("workloads", [])),
    )
    questionnaire = questionnaire_for(version)
    # A profile stored in format 1 is shown with the platforms its deployments imply.
    profile = profile_view(profile=upgrade_profile_document(data.profile), questionnaire=questionnaire)
    facts = {e.slug: _ecosystem_facts(e) for e in ecosystems}
    alternatives = _alternatives(version, results)
    risks = {slug: fact["risks"] for slug, fact in facts.items()}
    in_use = [
        {
            **entry,
            "facts": facts[entry["ecosystem"]],
            "top_moats": _top_moats(entry, facts[entry["ecosystem"]]),
            "driver_table": [
                {**d, "strength": facts[entry["ecosystem"]]["moats"].get(d["factor"], {}).get("strength")}
                for d in entry["driver_rows"]
            ],
            "workload_rows": [w for w in profile.workloads if _same(w, entry, names)],
        }
        for entry in results.in_use
    ]
    card = (
        ScoringModel.objects.filter(version=data.result["model_version"])
        .values_list("card", flat=True)
        .first()
    )
    return {
        "input": data,
        "branding": data.branding,
        "results": results,
        "in_use": in_use,
        "profile": profile,
        "top_exposures": [e for e in results.in_use if e["exposure"] > 0][:3],
        "top_risks": _top_risks(results, risks)[:3],
        "top_actions": results.roadmap[:3],
        "plan": data.plan,
        "exit_plans": exit_plans(
            results=results,
            profile=data.profile,
            risks=risks,
            alternatives=alternatives,
            criticality_labels=_choice_labels(questionnaire, "workloads", "criticality"),
        ),
        "methodology": _methodology(),
        "card": card,
        "card_sklearn": (card or {}).get("libraries", {}).get("scikit-learn", ""),
        "section_titles": SECTION_TITLES,
        "confidentiality": CONFIDENTIALITY.format(client=data.client_name),
        "template_version": TEMPLATE_VERSION,
        "catalog_label": version.label,
    }


def _same(workload_row: dict, entry: dict, names: dict) -> bool:
    return workload_row["ecosystem"] == names.get(entry["ecosystem"], entry["ecosystem"])


def _quote(record) -> dict:
    source = record.source or (record.sources or [{}])[0]
    return {"quote": source.get("quote", ""), "document": source.get("document", "")}


def _ecosystem_facts(ecosystem: Ecosystem) -> dict:
    return {
        "primary_moat": ecosystem.primary_moat or "",
        "key_risk": ecosystem.key_risk or "",
        "summary": ecosystem.summary,
        "source": _quote(ecosystem),
        "moats": {
            m.channel.slug: {"strength": m.strength, "justification": m.justification, **_quote(m)}
            for m in ecosystem.moats.all()
        },
        "risks": [
            {
                "scenario": r.scenario,
                "label": SCENARIO_NAMES.get(r.scenario, r.scenario),
                "likelihood": r.likelihood,
                "impact": r.impact,
                "justification": r.justification,
                **_quote(r),
            }
            for r in ecosystem.risks.all()
        ],
    }


def _top_moats(entry: dict, facts: dict) -> list[dict]:
    """The catalog's word on the channels that drive this exposure most."""
    rows = []
    for driver in entry["driver_rows"]:
        moat = facts["moats"].get(driver["factor"])
        if moat is not None and driver["contribution"] > 0:
            rows.append({"label": driver["label"], "contribution": driver["contribution"], **moat})
    return rows[:3]


def _top_risks(results, risks: dict[str, list[dict]]) -> list[dict]:
    """The scenarios that would cost most if they happened, with the catalog's reason."""
    ranked = sorted(results.scenarios, key=lambda s: -s["expected_cost_usd"])
    top = []
    for scenario in ranked:
        if scenario["expected_cost_usd"] <= 0:
            continue
        rating = next(
            (r for r in risks.get(scenario["ecosystem"], []) if r["scenario"] == scenario["scenario"]), {}
        )
        top.append({**scenario, "justification": rating.get("justification", "")})
    return top


def _alternatives(version: CatalogVersion, results) -> dict[str, list[dict]]:
    """For each ecosystem in use, the catalog's models elsewhere: least exposed camp first."""
    exposure = {e["ecosystem"]: e["exposure"] for e in results.ecosystems}
    models = list(FoundationModel.objects.filter(version=version).select_related("ecosystem"))
    options = {}
    for entry in results.in_use:
        others = [m for m in models if m.ecosystem.slug != entry["ecosystem"]]
        others.sort(key=lambda m: (not m.open_weights, exposure.get(m.ecosystem.slug, 0), m.position))
        options[entry["ecosystem"]] = [
            {
                "name": m.name,
                "ecosystem": m.ecosystem.name,
                "open_weights": m.open_weights,
                "mmlu": m.mmlu,
                "price": m.cost_per_1m_output_usd,
            }
            for m in others[:3]
        ]
    return options


def _methodology() -> list[dict]:
    return [section for section in methodology_sections() if section["title"] in METHODOLOGY_PARTS]


def _choice_labels(questionnaire, repeat_key: str, question_key: str) -> dict[str, str]:
    for repeat in questionnaire.repeats():
        for question in repeat.questions:
            if repeat.key == repeat_key and question.key == question_key:
                return {str(value): label for value, label in question.choices}
    return {}
