"""A stored score as the results page and the PDF report show it.

`results_view` builds new data from the scores document and never changes it: a Score's result
is a record of what was computed, read by pages, reports and the API alike.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from advisor.domain.vocabulary import SCENARIO_NAMES
from advisor.scoring import labels
from advisor.scoring.charts import exposure_chart_svg
from advisor.scoring.models import Score


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


def results_view(
    *, result: dict, ecosystem_names: dict[str, str], channel_names: dict[str, str], workloads: list[dict]
) -> ResultsView:
    """The view model of a scores document (lockin-scores/1), for a profile's `workloads`."""
    factor_names = {**channel_names, labels.PRACTICES_FACTOR[0]: labels.PRACTICES_FACTOR[1]}
    ecosystems = [
        {**entry, "name": ecosystem_names.get(entry["ecosystem"], entry["ecosystem"])}
        for entry in result["ecosystems"]
    ]
    in_use = [
        {
            **entry,
            "driver_rows": [_driver_row(driver, factor_names) for driver in entry["drivers"]],
            "workloads": [w for w in workloads if w.get("ecosystem") == entry["ecosystem"]],
        }
        for entry in ecosystems
        if entry["spend_share"] > 0 or entry["exposure"] > 0
    ]
    return ResultsView(
        overall=dict(result["overall"]),
        ecosystems=ecosystems,
        in_use=in_use,
        chart=mark_safe(exposure_chart_svg(result["ecosystems"], ecosystem_names)),
        recommendations=[
            {
                **r,
                "label": labels.ACTIONS.get(r["action"], r["action"]),
                "name": ecosystem_names.get(r["ecosystem"], r["ecosystem"]),
            }
            for r in result["recommendations"]
        ],
        scenarios=[
            {
                **s,
                "label": SCENARIO_NAMES.get(s["scenario"], s["scenario"]),
                "name": ecosystem_names.get(s["ecosystem"], s["ecosystem"]),
            }
            for s in result.get("scenarios", [])
        ],
        catalog_version=result["catalog_version"],
        model_version=result["model_version"],
    )


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
