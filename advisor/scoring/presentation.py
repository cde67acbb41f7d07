"""A stored score as the results page and the PDF report show it.

`results_view` builds new data from the scores document and never changes it: a Score's result
is a record of what was computed, read by pages, reports and the API alike. It reads both
formats: lockin-scores/2 (ranges, evidence, exit cost, a defined probability, practices not
credited, recommendations with their effort) and lockin-scores/1, which the scores of
assessments submitted before v2 keep. A figure format 1 lacks is None, and the templates leave it out.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from advisor.domain.questionnaire import Question, Questionnaire, Section
from advisor.domain.vocabulary import PRACTICES, SCENARIO_NAMES
from advisor.scoring import labels
from advisor.scoring.charts import exposure_chart_svg
from advisor.scoring.methodology import methodology_anchor
from advisor.scoring.models import Score

SCORES_FORMAT_2 = "lockin-scores/2"
BASIS_LABELS = {
    "prior-implied": "Prior-implied",
    "outcome-calibrated": "Calibrated on recorded outcomes",
}
BASIS_NOTES = {
    "prior-implied": (
        "Not yet learned from real migrations: it follows from the model's stated assumptions, "
        "until enough real outcomes are recorded."
    ),
    "outcome-calibrated": "Fitted to migrations that organizations recorded.",
}


@dataclass(frozen=True)
class ResultsView:
    overall: dict
    ecosystems: list[dict]  # every ecosystem of the catalog, highest exposure first, with its name
    in_use: list[dict]  # those with spend or exposure, each with driver rows and its workloads
    chart: SafeString  # the exposure chart as inline SVG
    recommendations: list[dict]
    scenarios: list[dict]
    catalog_version: str
    model_version: str
    concentration: str  # the HHI in words
    roadmap: list[dict]  # recommendations as steps: an organization-wide practice appears once
    best_value: list[dict] = field(default_factory=list)  # the steps removing most per person-month
    is_v2: bool = False  # a lockin-scores/2 document, with the figures below
    probability_event: str = ""  # what the probability is the probability of, and its horizon
    probability_basis: str = ""  # "prior-implied" or "outcome-calibrated" ("" in format 1)
    probability_basis_label: str = ""  # the basis as the page says it
    probability_basis_note: str = ""
    practices_not_credited: list[dict] = field(default_factory=list)  # {practice, label, reason}
    explanations: dict = field(default_factory=dict)  # figure -> {text, anchor}: see EXPLANATIONS


# A short explanation beside each headline figure, and the methodology section that says more
# (found by the words its heading uses, so a rewritten methodology still gets a working link).
EXPLANATIONS = {
    "lock_in_index": (
        "How hard your AI estate as a whole is to move, 0 to 100: each ecosystem's exposure, "
        "weighted by how much of your footprint it holds.",
        ("lock-in index", "outputs"),
    ),
    "exposure": (
        "How costly leaving this ecosystem would be, 0 to 100, from the channels you use (models, "
        "agents, data, suite, cloud, contracts) and how strongly the vendor binds each one. The range "
        "is what the figure becomes when the catalog's ratings are off by one point either way.",
        ("uncertainty", "exposure", "channel pressures", "outputs"),
    ),
    "evidence": (
        "Insufficient evidence means most of this vendor's ratings rest on the sources saying nothing: "
        "a low figure is then not a sign of low risk.",
        ("evidence", "uncertainty", "limits"),
    ),
    "exit_cost": (
        "What moving these workloads elsewhere would take, in person-months and dollars, low to high, "
        "summed from the parts listed: an estimate for planning, not a quote.",
        ("exit cost", "outputs"),
    ),
    "probability": (
        "Not a forecast that you will leave: the chance that leaving, if you had to, would cost more "
        "than the threshold stated above.",
        ("probability", "estimators", "outputs"),
    ),
    "concentration": (
        "How concentrated your spend is: 10,000 when one vendor takes it all.",
        ("concentration", "hhi", "outputs"),
    ),
    "practices_not_credited": (
        "Practices you declared that cannot hold for this profile, so they lower no exposure.",
        ("practices", "portability", "channel pressures"),
    ),
    "recommendations": (
        "Each action applied to your profile and scored again; effort is the work it takes, "
        "in person-months.",
        ("recommendations", "outputs"),
    ),
}


def results_view(
    *, result: dict, ecosystem_names: dict[str, str], channel_names: dict[str, str], workloads: list[dict]
) -> ResultsView:
    """The view model of a scores document (lockin-scores/2 or /1), for a profile's `workloads`."""
    is_v2 = result.get("format") == SCORES_FORMAT_2
    factor_names = dict([labels.CONTRACT_FACTOR, *channel_names.items(), labels.PRACTICES_FACTOR])
    ecosystems = [
        {
            **entry,
            "name": ecosystem_names.get(entry["ecosystem"], entry["ecosystem"]),
            **_v2_figures(entry),
        }
        for entry in result["ecosystems"]
    ]
    scenarios = [
        {
            **s,
            "label": SCENARIO_NAMES.get(s["scenario"], s["scenario"]),
            "name": ecosystem_names.get(s["ecosystem"], s["ecosystem"]),
        }
        for s in result.get("scenarios", [])
    ]
    in_use = [
        {
            **entry,
            "driver_rows": [_driver_row(driver, factor_names) for driver in entry["drivers"]],
            "workloads": [w for w in workloads if w.get("ecosystem") == entry["ecosystem"]],
            "scenarios": [s for s in scenarios if s["ecosystem"] == entry["ecosystem"]],
        }
        for entry in ecosystems
        if entry["spend_share"] > 0 or entry["exposure"] > 0 or entry["exit_cost"] is not None
    ]
    recommendations = [
        {
            **r,
            "label": labels.ACTIONS.get(r["action"], r["action"]),
            "name": ecosystem_names.get(r["ecosystem"], r["ecosystem"]),
        }
        for r in recommendation_rows(result)
    ]
    steps = [
        {
            **r,
            "label": labels.ACTIONS.get(r["action"], r["action"]),
            "name": ecosystem_names.get(r["ecosystem"], r["ecosystem"]) if r.get("ecosystem") else "",
        }
        for r in result["recommendations"]
    ]
    basis = result.get("probability_basis", "")
    steps = roadmap_v2(steps, ecosystems) if is_v2 else roadmap(recommendations)
    return ResultsView(
        overall=dict(result["overall"]),
        ecosystems=ecosystems,
        in_use=in_use,
        chart=mark_safe(exposure_chart_svg(result["ecosystems"], ecosystem_names)),
        recommendations=recommendations,
        scenarios=scenarios,
        catalog_version=result["catalog_version"],
        model_version=result["model_version"],
        concentration=concentration_in_words(result["overall"]["concentration_hhi"], ecosystems),
        roadmap=steps,
        best_value=best_value(steps),
        is_v2=is_v2,
        probability_event=result.get("probability_event", ""),
        probability_basis=basis,
        probability_basis_label=BASIS_LABELS.get(basis, basis),
        probability_basis_note=BASIS_NOTES.get(basis, ""),
        practices_not_credited=[
            {**item, "label": labels.ACTIONS.get(item["practice"], item["practice"])}
            for item in result.get("practices_not_credited", [])
        ],
        explanations=explanations(),
    )


def recommendation_rows(result: dict) -> list[dict]:
    """One row per (action, ecosystem) with `exposure_after` and `delta` numbers: format 1's
    entries as they are, format 2's spread over the ecosystems each one lowers."""
    if result.get("format") != SCORES_FORMAT_2:
        return list(result["recommendations"])
    exposure = {entry["ecosystem"]: entry["exposure"] for entry in result["ecosystems"]}
    return [
        {**r, "ecosystem": slug, "exposure_after": after, "delta": round(after - exposure[slug], 1)}
        for r in result["recommendations"]
        for slug, after in r["exposure_after"].items()
    ]


def explanations() -> dict[str, dict]:
    return {
        figure: {"text": text, "anchor": methodology_anchor(*keywords)}
        for figure, (text, keywords) in EXPLANATIONS.items()
    }


def _v2_figures(entry: dict) -> dict:
    """An ecosystem's figures whichever the format: the probability under its one name, and the
    range, evidence and exit cost (None in format 1)."""
    probability = entry.get("probability_costly_exit", entry.get("probability_high_cost_migration"))
    exposure_range = entry.get("exposure_range")
    return {
        "probability": probability,
        "exposure_range": tuple(exposure_range) if exposure_range else None,
        "evidence": entry.get("evidence"),
        "evidence_note": entry.get("evidence_note", ""),
        "exit_cost": _exit_cost(entry.get("exit_cost")),
    }


def _exit_cost(cost: dict | None) -> dict | None:
    if not cost:
        return None
    low, mid, high = cost["person_months"]
    usd_low, usd_mid, usd_high = cost["usd"]
    return {
        "person_months": {"low": low, "mid": mid, "high": high},
        "usd": {"low": usd_low, "mid": usd_mid, "high": usd_high},
        "parts": [
            {**part, "label": part.get("label") or part["part"].replace("_", " ").capitalize()}
            for part in cost.get("parts", [])
        ],
    }


# The antitrust yardstick for the Herfindahl–Hirschman index (US merger guidelines, 2010):
# below 1,500 unconcentrated, 1,500 to 2,500 moderately concentrated, above highly concentrated.
HHI_MODERATE, HHI_HIGH = 1500, 2500


def concentration_in_words(hhi: int, ecosystems: list[dict]) -> str:
    """The spend concentration (HHI) explained for a reader who has never met the index."""
    spending = sorted((e for e in ecosystems if e["spend_share"] > 0), key=lambda e: -e["spend_share"])
    if not spending:
        return "No workload spend is recorded, so the concentration of spend cannot be measured."
    top = spending[0]
    if len(spending) == 1:
        return (
            f"All workload spend goes to {top['name']}: the index is at its maximum of 10,000. "
            "There is no second vendor in production to fall back on."
        )
    level = (
        "highly concentrated"
        if hhi > HHI_HIGH
        else "moderately concentrated"
        if hhi >= HHI_MODERATE
        else "spread out"
    )
    return (
        f"The index is {hhi:,} of 10,000: spend is {level}. {top['name']} takes "
        f"{top['spend_share'] * 100:.0f}% of workload spend, across {len(spending)} ecosystems in all. "
        "An even split over two vendors would score 5,000; above 2,500 counts as highly concentrated."
    )


def roadmap(recommendations: list[dict]) -> list[dict]:
    """The recommendations as steps: an organization-wide practice is one step with its effect on
    every ecosystem; a clause or a workload change is a step for its ecosystem. Most removed first."""
    steps: dict[tuple[str, str], dict] = {}
    for r in recommendations:
        wide = r["action"] in PRACTICES
        key = (r["action"], "" if wide else r["ecosystem"])
        step = steps.setdefault(
            key,
            {
                "action": r["action"],
                "label": r["label"],
                "scope": "Organization-wide" if wide else r["name"],
                "organization_wide": wide,
                "effects": [],
                "removed": 0.0,
            },
        )
        step["effects"].append(
            {"name": r["name"], "delta": r["delta"], "exposure_after": r["exposure_after"]}
        )
        step["removed"] = round(step["removed"] - r["delta"], 1)
    return sorted(steps.values(), key=lambda step: -step["removed"])


def best_value(steps: list[dict], count: int = 3) -> list[dict]:
    """The second ranking the roadmap needs: the steps that remove most exposure per person-month
    of stated effort (a cheap practice can beat a big migration that removes more)."""
    costed = [step for step in steps if step.get("removed_per_person_month")]
    return sorted(costed, key=lambda step: -step["removed_per_person_month"])[:count]


def roadmap_v2(recommendations: list[dict], ecosystems: list[dict]) -> list[dict]:
    """Format 2's recommendations as the same steps: the engine already lists an organization-wide
    practice once, with its exposure after on every ecosystem, and states the effort."""
    now = {e["ecosystem"]: e for e in ecosystems}
    steps = []
    for r in recommendations:
        effects = [
            {
                "name": now[slug]["name"] if slug in now else slug,
                "exposure_after": after,
                "delta": round(after - now[slug]["exposure"], 1) if slug in now else None,
            }
            for slug, after in r.get("exposure_after", {}).items()
        ]
        wide = r.get("scope") == "organization"
        steps.append(
            {
                "action": r["action"],
                "label": r["label"],
                "scope": "Organization-wide" if wide else r["name"],
                "organization_wide": wide,
                "effects": [effect for effect in effects if effect["delta"] != 0],
                "removed": r["exposure_removed"],
                "effort_person_months": r.get("effort_person_months"),
                "removed_per_person_month": r.get("removed_per_person_month"),
            }
        )
    return sorted(steps, key=lambda step: -step["removed"])


def _driver_row(driver: dict, factor_names: dict[str, str]) -> dict:
    return {
        **driver,
        "label": factor_names.get(driver["factor"], driver["factor"]),
        "width": min(abs(driver["contribution"]), 100),
    }


def score_results_view(score: Score) -> ResultsView:
    """The view model of a stored score, named by the catalog version it was scored with."""
    version = score.catalog_version
    return results_view(
        result=score.result,
        ecosystem_names=dict(version.ecosystems.values_list("slug", "name")),
        channel_names=dict(version.channels.values_list("slug", "name")),
        workloads=list((score.assessment.profile or {}).get("workloads", [])),
    )


# ---------------------------------------------------------------------------------------------
# The profile, in words: the workload inventory and the answers as a readable table


@dataclass(frozen=True)
class ProfileView:
    workloads: list[dict]  # one row per workload, every code replaced by its label
    sections: list[dict]  # {title, rows: [(label, text)], items: [{title, rows}]}


def profile_view(*, profile: dict, questionnaire: Questionnaire) -> ProfileView:
    """The answers a profile holds, labelled by the questionnaire that asked them."""
    workload_questions = {
        q.key: q for r in questionnaire.repeats() if r.key == "workloads" for q in r.questions
    }
    workloads = [
        {
            "name": w["name"],
            **{
                key: answer_text(workload_questions[key], w.get(key))
                for key in workload_questions
                if key != "name"
            },
            "monthly_spend_usd": w.get("monthly_spend_usd", 0),
        }
        for w in profile.get("workloads", [])
    ]
    return ProfileView(
        workloads=workloads, sections=[_section_view(s, profile) for s in questionnaire.sections]
    )


def _section_view(section: Section, profile: dict) -> dict:
    rows = [(q.label, answer_text(q, _get(profile, q.key))) for q in section.questions]
    items = []
    if section.repeat is not None:
        for position, record in enumerate(profile.get(section.repeat.key, []), start=1):
            title = f"{section.repeat.item_label} {position}"
            if record.get("name"):
                title += f": {record['name']}"
            items.append(
                {
                    "title": title,
                    "rows": [(q.label, answer_text(q, record.get(q.key))) for q in section.repeat.questions],
                }
            )
    return {"title": section.title, "rows": rows, "items": items}


def answer_text(question: Question, value) -> str:
    """An answer as a person reads it: choice labels, Yes/No, numbers with their unit."""
    if value is None:
        return "Not answered"
    if question.type == "boolean" or isinstance(value, bool):
        return "Yes" if value else "No"
    choices = {str(v): label for v, label in question.choices}
    if isinstance(value, list):
        return ", ".join(choices.get(str(v), str(v)) for v in value) or "None"
    if question.type == "choice":
        return choices.get(str(value), str(value))
    if question.type in ("integer", "number"):
        number = value * question.display_scale
        text = f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}".rstrip("0")
        return f"{text} {question.unit}".strip() if question.unit not in ("%",) else f"{text}%"
    return str(value)


def _get(profile: dict, key: str):
    value = profile
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value
