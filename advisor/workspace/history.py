"""The client page and the comparison of two assessments, as the templates show them.

Scores documents are read through the fields lockin-scores/1 and /2 share: overall index and band,
each ecosystem's exposure and band, drivers' factor and contribution, catalog and model versions.
"""

from dataclasses import dataclass
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe

from advisor.domain import scoring as engine
from advisor.domain.comparison import AnswerChange, ScoresDiff, profile_diff, scores_diff
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.services import assessment_profile, questionnaire_for
from advisor.scoring import labels
from advisor.scoring import services as scoring
from advisor.scoring.presentation import answer_text
from advisor.workspace.charts import TrendPoint, trend_chart_svg

OVERALL = "overall"


def _names(versions) -> tuple[dict[str, str], dict[str, str]]:
    """Ecosystem and driver names from every catalog version involved, the newest winning."""
    ecosystems: dict[str, str] = {}
    factors: dict[str, str] = {labels.PRACTICES_FACTOR[0]: labels.PRACTICES_FACTOR[1]}
    for version in sorted({v.pk: v for v in versions}.values(), key=lambda v: v.pk):
        ecosystems |= dict(version.ecosystems.values_list("slug", "name"))
        factors |= dict(version.channels.values_list("slug", "name"))
    return ecosystems, factors


def _method(result: dict) -> tuple[str, str]:
    return (str(result.get("catalog_version", "")), str(result.get("model_version", "")))


# ---------------------------------------------------------------------------------------------
# The client page: assessments over time


@dataclass(frozen=True)
class Trend:
    key: str
    name: str
    latest: float
    band: str
    chart: SafeString


def scored_in_order(assessments: list[Assessment]) -> list[Assessment]:
    """The submitted, scored assessments, oldest first (by submission)."""
    scored = [a for a in assessments if a.is_submitted and getattr(a, "score", None) is not None]
    return sorted(scored, key=lambda a: (a.submitted_at or a.created_at, a.pk))


def client_trends(scored: list[Assessment]) -> list[Trend]:
    """The lock-in index and the exposure of each ecosystem the client ever used, over time."""
    if not scored:
        return []
    names, _ = _names(a.score.catalog_version for a in scored)
    results = [a.score.result for a in scored]
    changed = [False] + [_method(before) != _method(after) for before, after in pairwise(results)]
    when = [f"{a.submitted_at or a.created_at:%Y-%m-%d}" for a in scored]
    series: dict[str, list[TrendPoint]] = {
        OVERALL: [
            TrendPoint(w, r["overall"]["lock_in_index"], r["overall"]["band"], c)
            for w, r, c in zip(when, results, changed, strict=True)
        ]
    }
    used = {e["ecosystem"] for r in results for e in r["ecosystems"] if e["exposure"] > 0}
    for slug in used:
        points = []
        for w, r, c in zip(when, results, changed, strict=True):
            entry = next((e for e in r["ecosystems"] if e["ecosystem"] == slug), None)
            points.append(
                TrendPoint(w, entry["exposure"] if entry else None, entry["band"] if entry else "", c)
            )
        series[slug] = points
    trends = []
    for key, points in series.items():
        name = "Lock-in index" if key == OVERALL else names.get(key, key)
        last = next(p for p in reversed(points) if p.value is not None)
        title = f"{name} over {len(points)} assessment{'s' if len(points) != 1 else ''}, 0 to 100"
        chart = trend_chart_svg(title=title, points=points, chart_id=f"trend-{key}")
        trends.append(Trend(key, name, last.value or 0, last.band, mark_safe(chart)))
    overall, ecosystems = trends[0], trends[1:]
    return [overall, *sorted(ecosystems, key=lambda t: -t.latest)]


# ---------------------------------------------------------------------------------------------
# The comparison of two assessments


@dataclass(frozen=True)
class Rescore:
    """The older profile scored with today's catalog and model, beside the two as scored."""

    catalog_version: str
    model_version: str
    diff: ScoresDiff | None  # today's older vs the newer (itself re-scored if it needs to be)
    rows: list[dict]  # per ecosystem: older as scored, older today, newer
    error: str = ""


def comparison(*, older: Assessment, newer: Assessment, rescore: bool) -> dict:
    """What changed from `older` to `newer`: answers by question label, exposures and drivers
    by ecosystem, and whether the method (catalog or model version) changed in between."""
    questionnaire = questionnaire_for(newer.catalog_version)
    # As the questionnaire's services give them: a profile frozen in an older format comes in
    # today's, so a field the old format lacked is not read as a changed answer.
    old_profile, new_profile = assessment_profile(older), assessment_profile(newer)
    answers = profile_diff(old_profile, new_profile, questionnaire)
    old_score, new_score = getattr(older, "score", None), getattr(newer, "score", None)
    versions = [older.catalog_version, newer.catalog_version]
    versions += [s.catalog_version for s in (old_score, new_score) if s is not None]
    names, factors = _names(versions)
    context: dict = {
        "older": older,
        "newer": newer,
        "answers_changed": len(answers.answers) + len(answers.items),
        "organization_wide": [_answer_row(c) for c in answers.answers if not c.ecosystems],
        "scored": old_score is not None and new_score is not None,
    }
    if old_score is None or new_score is None:
        context["item_rows"] = [_answer_row(c) for c in answers.answers if c.ecosystems]
        context["items"] = answers.items
        return context
    diff = scores_diff(old_score.result, new_score.result)
    context["diff"] = diff
    context["ecosystems"] = [
        {
            "slug": move.ecosystem,
            "name": names.get(move.ecosystem, move.ecosystem),
            "move": move,
            "drivers": [
                {"label": factors.get(d.factor, d.factor), "old": d.old, "new": d.new, "delta": d.delta}
                for d in move.drivers
            ],
            "answers": [_answer_row(c) for c in answers.answers if move.ecosystem in c.ecosystems],
            "items": [i for i in answers.items if move.ecosystem in i.ecosystems],
        }
        for move in diff.ecosystems
        if move.delta != 0 or move.drivers or any(move.ecosystem in c.ecosystems for c in answers.answers)
    ]
    context["unchanged"] = [
        names.get(m.ecosystem, m.ecosystem)
        for m in diff.ecosystems
        if m.ecosystem not in {e["slug"] for e in context["ecosystems"]} and (m.new_exposure or 0) > 0
    ]
    if diff.method_changed and rescore:
        context["rescore"] = _rescore(old_profile, new_profile, old_score.result, new_score.result, names)
    return context


def _answer_row(change: AnswerChange) -> dict:
    return {
        "label": change.question.label,
        "section": change.section,
        "item": change.item,
        "old": answer_text(change.question, change.old),
        "new": answer_text(change.question, change.new),
    }


def _rescore(old_profile: dict, new_profile: dict, old_result: dict, new_result: dict, names) -> Rescore:
    try:
        today_old = scoring.profile_score(old_profile)
        today_new = (
            new_result if _method(new_result) == _method(today_old) else scoring.profile_score(new_profile)
        )
    except scoring.NoActiveModel:
        return Rescore("", "", None, [], "No scoring model is active for today's catalog yet.")
    except engine.ProfileError as error:
        return Rescore("", "", None, [], f"The older profile does not pass today's checks: {error}")
    catalog_version, model_version = _method(today_old)
    as_scored = {e["ecosystem"]: e for e in old_result["ecosystems"]}
    today = {e["ecosystem"]: e for e in today_old["ecosystems"]}
    newest = {e["ecosystem"]: e for e in new_result["ecosystems"]}
    rows = [
        _side_by_side(names.get(slug, slug), [source.get(slug) for source in (as_scored, today, newest)])
        for slug in dict.fromkeys([*newest, *today, *as_scored])
        if any((source.get(slug) or {}).get("exposure", 0) > 0 for source in (as_scored, today, newest))
    ]
    overall = _side_by_side(
        "Lock-in index",
        [
            {"exposure": r["overall"]["lock_in_index"], "band": r["overall"]["band"]}
            for r in (old_result, today_old, new_result)
        ],
    )
    return Rescore(catalog_version, model_version, scores_diff(today_old, today_new), [overall, *rows])


def _side_by_side(name: str, entries: list[dict | None]) -> dict:
    """A row: the older as scored then, the older with today's method, the newer; and the
    like-for-like change from the second to the third."""
    cells = [{"value": e["exposure"], "band": e["band"]} if e else None for e in entries]
    today, newer = cells[1], cells[2]
    delta = round(newer["value"] - today["value"], 1) if today and newer else None
    return {"name": name, "cells": cells, "delta": delta}
