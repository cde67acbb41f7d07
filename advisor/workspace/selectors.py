"""Reads of the consultant workspace: the firm dashboard's rows and the portfolio position.

A firm may hold hundreds of clients and thousands of assessments, so every read here is one
query per concept (clients, assessments with their scores' headline figures, the latest
scores' ecosystems, the catalog's names), never one per client. Only the scores document's
stable fields are read (`overall.lock_in_index`, `overall.band`, `ecosystems[].ecosystem`,
`exposure`, `band`), which every format version keeps.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from advisor.accounts.models import Firm, Organization
from advisor.catalog.models import CatalogVersion, Ecosystem
from advisor.questionnaire.models import Assessment, Invitation
from advisor.reports.models import Report
from advisor.scoring.models import Score

# A client sees its portfolio position only when the firm has at least this many scored
# clients: with fewer, a percentile would let it guess another client's exposure.
PORTFOLIO_MIN_CLIENTS = 5
# How long an invitee's submission is pointed out on the dashboard.
RECENT_SUBMISSION_DAYS = 14


class Status:
    NONE = "none"
    DRAFT = "draft"
    INVITED = "invited"
    SUBMITTED = "submitted"
    SCORED = "scored"

    LABELS = {
        NONE: "No assessment",
        DRAFT: "Draft",
        INVITED: "Invited",
        SUBMITTED: "Submitted",
        SCORED: "Scored",
    }


@dataclass
class ClientRow:
    organization: Organization
    status: str = Status.NONE
    assessment_id: int | None = None
    assessment_title: str = ""
    scored_assessment_id: int | None = None
    index: float | None = None
    band: str = ""
    top_ecosystem: str = ""
    top_ecosystem_name: str = ""
    top_exposure: float | None = None
    trend: list[float] = field(default_factory=list)
    report_status: str = ""
    last_activity: datetime | None = None
    open_invitations: int = 0
    submitted_by_invitee_at: datetime | None = None
    exposures: dict[str, float] = field(default_factory=dict)
    bands: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def delta(self) -> float | None:
        """The lock-in index's change since the previous scored assessment, in points."""
        if len(self.trend) < 2:
            return None
        return round(self.trend[-1] - self.trend[-2], 1)


def _open_invitation() -> Q:
    return Q(revoked_at__isnull=True, expires_at__gt=timezone.now())


def _open_invitations_by_client(firm: Firm) -> dict[int, int]:
    return dict(
        Invitation.objects.filter(_open_invitation(), assessment__organization__firm=firm)
        .values("assessment__organization_id")
        .annotate(count=Count("pk"))
        .values_list("assessment__organization_id", "count")
    )


def _latest_reports_by_client(firm: Firm) -> dict[int, tuple[str, datetime]]:
    """Client → (status, requested at) of its latest report; oldest first, so the last wins."""
    reports = (
        Report.objects.filter(assessment__organization__firm=firm)
        .order_by("created_at", "pk")
        .values_list("assessment__organization_id", "status", "created_at")
    )
    return {client_id: (status, created_at) for client_id, status, created_at in reports}


def _assessments(firm: Firm):
    """Every assessment of the firm's clients, oldest first, with its score's headline figures."""
    open_invitations = Invitation.objects.filter(_open_invitation(), assessment=OuterRef("pk"))
    return (
        Assessment.objects.filter(organization__firm=firm)
        .annotate(
            invited=Exists(open_invitations),
            via_invitation=Exists(Invitation.objects.filter(assessment=OuterRef("pk"))),
        )
        .values(
            "pk",
            "organization_id",
            "title",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
            "submitted_by_id",
            "invited",
            "via_invitation",
            "score__pk",
            "score__summary__lock_in_index",
            "score__summary__band",
        )
        .order_by("created_at", "pk")
    )


def ecosystem_names() -> dict[str, str]:
    """Slug → name of the active catalog's ecosystems (the names of older slugs stay slugs)."""
    active = CatalogVersion.objects.published().order_by("-number").values("pk")[:1]
    return dict(
        Ecosystem.objects.filter(version__in=Subquery(active))
        .order_by("position", "slug")
        .values_list("slug", "name")
    )


def firm_dashboard_rows(firm: Firm, names: dict[str, str] | None = None) -> list[ClientRow]:
    """One row per client of the firm, ordered by name; `names` are ecosystem_names() if the
    caller has them already."""
    rows = {client.pk: ClientRow(organization=client) for client in firm.clients.order_by("name")}
    for client_id, count in _open_invitations_by_client(firm).items():
        rows[client_id].open_invitations = count
    for client_id, (status, requested_at) in _latest_reports_by_client(firm).items():
        rows[client_id].report_status = status
        rows[client_id].last_activity = requested_at
    latest_scored: dict[int, int] = {}
    for assessment in _assessments(firm):
        row = rows[assessment["organization_id"]]
        _add_assessment(row, assessment)
        if assessment["score__pk"] is not None:
            latest_scored[row.organization.pk] = assessment["pk"]
    names = ecosystem_names() if names is None else names
    for client_id, ecosystems in _latest_ecosystems(latest_scored.values()):
        _add_exposures(rows[client_id], ecosystems or [], names)
    return list(rows.values())


def _latest_ecosystems(assessment_ids):
    return Score.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        "assessment__organization_id", "summary__ecosystems"
    )


def _add_assessment(row: ClientRow, assessment: dict) -> None:
    """Fold one assessment (they come oldest first) into its client's row."""
    row.assessment_id = assessment["pk"]
    row.assessment_title = assessment["title"]
    row.status = _status(assessment)
    if assessment["score__pk"] is not None:
        row.scored_assessment_id = assessment["pk"]
        row.trend.append(float(assessment["score__summary__lock_in_index"]))
        row.index = row.trend[-1]
        row.band = assessment["score__summary__band"] or ""
    moments = [assessment["updated_at"], assessment["submitted_at"], row.last_activity]
    row.last_activity = max(moment for moment in moments if moment is not None)
    recent = timezone.now() - timedelta(days=RECENT_SUBMISSION_DAYS)
    submitted_at = assessment["submitted_at"]
    by_invitee = assessment["via_invitation"] and assessment["submitted_by_id"] is None
    if by_invitee and submitted_at is not None and submitted_at >= recent:
        row.submitted_by_invitee_at = submitted_at


def recent_invitee_submissions(rows: list[ClientRow]) -> list[ClientRow]:
    """The clients whose latest submission came from an invitee lately, the newest first."""
    submitted = [(row.submitted_by_invitee_at, row) for row in rows if row.submitted_by_invitee_at]
    return [row for _at, row in sorted(submitted, key=lambda pair: pair[0], reverse=True)]


def _status(assessment: dict) -> str:
    if assessment["score__pk"] is not None:
        return Status.SCORED
    if assessment["status"] == Assessment.Status.SUBMITTED:
        return Status.SUBMITTED
    return Status.INVITED if assessment["invited"] else Status.DRAFT


def _add_exposures(row: ClientRow, ecosystems: list[dict], names: dict[str, str]) -> None:
    for entry in ecosystems:
        row.exposures[entry["ecosystem"]] = float(entry["exposure"])
        row.bands[entry["ecosystem"]] = entry["band"]
    if row.exposures:
        top = max(row.exposures, key=lambda slug: (row.exposures[slug], slug))
        row.top_ecosystem = top
        row.top_ecosystem_name = names.get(top, top)
        row.top_exposure = row.exposures[top]


# ---------------------------------------------------------------------------------------------
# Portfolio position


@dataclass(frozen=True)
class Position:
    ecosystem: str
    name: str
    exposure: float
    percentile: int  # share of the firm's scored clients less exposed, ties counted half


@dataclass(frozen=True)
class PortfolioPosition:
    clients: int  # scored clients of the firm, this one included
    positions: list[Position]

    @property
    def shown(self) -> bool:
        return self.clients >= PORTFOLIO_MIN_CLIENTS and bool(self.positions)


def percentile_rank(value: float, population: list[float]) -> int:
    """Mid-rank percentile of `value` in `population` (which holds it): below + half the ties."""
    below = sum(1 for other in population if other < value)
    ties = sum(1 for other in population if other == value)
    return round(100 * (below + 0.5 * ties) / len(population))


def portfolio_position(organization: Organization) -> PortfolioPosition:
    """Where the organization sits among its firm's clients, per ecosystem, by the exposure of
    each client's latest scored assessment. Only percentiles and counts leave this function."""
    if organization.firm_id is None:
        return PortfolioPosition(clients=0, positions=[])
    scored = (
        Assessment.objects.filter(organization__firm_id=organization.firm_id, score__isnull=False)
        .order_by("created_at", "pk")
        .values_list("organization_id", "pk")
    )
    latest_scored = dict(scored)  # the last one of each client wins
    exposures = {
        client_id: {e["ecosystem"]: float(e["exposure"]) for e in ecosystems or []}
        for client_id, ecosystems in _latest_ecosystems(latest_scored.values())
    }
    own = exposures.get(organization.pk)
    if own is None:
        return PortfolioPosition(clients=len(exposures), positions=[])
    names = ecosystem_names()
    positions = []
    for slug, exposure in own.items():
        population = [client[slug] for client in exposures.values() if slug in client]
        positions.append(
            Position(slug, names.get(slug, slug), exposure, percentile_rank(exposure, population))
        )
    order = list(names)
    positions.sort(
        key=lambda p: (order.index(p.ecosystem) if p.ecosystem in order else len(order), p.ecosystem)
    )
    return PortfolioPosition(clients=len(exposures), positions=positions)
