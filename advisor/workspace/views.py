from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from advisor.accounts.forms import BrandingForm, ClientForm, PersonForm
from advisor.accounts.models import Firm, Organization
from advisor.accounts.selectors import firm_get_for_member, firm_is_admin, firm_open_invitations
from advisor.accounts.signals import firm_page_panels
from advisor.reports.views import HtmxHttpRequest
from advisor.workspace import selectors
from advisor.workspace.presentation import BANDS, TableQuery, heat_cells_html, rows_csv, sparkline_svg
from advisor.workspace.selectors import Status

# A page of the table (and of the heat map): enough to scan, short enough to read at once.
ROWS_PER_PAGE = 50


@login_required
def firm_dashboard(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The firm's landing page: every client's standing, the portfolio heat map, and the forms
    for clients, consultants, branding and batches of reports."""
    firm = firm_get_for_member(user=request.user, slug=slug)
    is_admin = firm_is_admin(user=request.user, firm=firm)
    names = selectors.ecosystem_names()
    all_rows = selectors.firm_dashboard_rows(firm, names)
    query = TableQuery.from_params(request.GET)
    rows = query.apply(all_rows)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    urls = _RowUrls()
    context = {
        "firm": firm,
        "is_admin": is_admin,
        "query": query,
        "rows": [_row_view(row, list(names), urls) for row in page.object_list],
        "page": page,
        "matching": len(rows),
        "client_count": len(all_rows),
        "summary": _summary(all_rows),
        "recent_submissions": selectors.recent_invitee_submissions(all_rows),
        "ecosystems": [{"slug": slug, "name": name} for slug, name in names.items()],
        "statuses": Status.LABELS.items(),
        "bands": BANDS,
        "columns": query.columns(),
    }
    if request.htmx and request.htmx.target == "client-table":
        return render(request, "workspace/_client_table.html", context)
    context.update(
        {
            "consultants": firm.memberships.select_related("user").order_by("user__username"),
            "invited": firm_open_invitations(firm=firm) if is_admin else [],
            "client_form": ClientForm(),
            "consultant_form": PersonForm(),
            "branding_form": BrandingForm(initial={"accent_colour": firm.accent_colour or "#1f4e79"}),
        }
    )
    return render(request, "workspace/dashboard.html", context)


class _RowUrls:
    """Each row's links, reversed once per page rather than once per row (200 rows add up)."""

    PLACEHOLDER = 2_147_000_000

    def __init__(self) -> None:
        self.organization = reverse("questionnaire:organization", args=["-slug-"])
        self.results = reverse("scoring:results", args=[self.PLACEHOLDER])
        self.review = reverse("questionnaire:assessment_review", args=[self.PLACEHOLDER])

    def for_row(self, row: selectors.ClientRow) -> dict:
        assessment = self.results if row.status == Status.SCORED else self.review
        return {
            "organization_url": self.organization.replace("-slug-", row.organization.slug),
            "assessment_url": assessment.replace(str(self.PLACEHOLDER), str(row.assessment_id)),
        }


def _row_view(row: selectors.ClientRow, slugs: list[str], urls: _RowUrls) -> dict:
    return {
        "row": row,
        "sparkline": mark_safe(sparkline_svg(row.trend, row.name)),
        "heat_cells": heat_cells_html(row.exposures, slugs),
        **urls.for_row(row),
    }


@login_required
def firm_panels(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The other apps' panels of the firm page (reports' batches of client reports), loaded after
    the dashboard: listing every scored assessment of a large firm must not hold up its table."""
    firm = firm_get_for_member(user=request.user, slug=slug)
    panels = [
        panel for _receiver, panel in firm_page_panels.send(sender=Firm, firm=firm, request=request) if panel
    ]
    template = "workspace/_panels.html" if request.htmx else "workspace/panels.html"
    return render(request, template, {"firm": firm, "panels": panels})


def _summary(rows: list[selectors.ClientRow]) -> dict:
    scored = [row.index for row in rows if row.index is not None]
    return {
        "scored": len(scored),
        "average_index": round(sum(scored) / len(scored), 1) if scored else None,
        "high_or_critical": sum(1 for row in rows if row.band in ("high", "critical")),
        "open_invitations": sum(row.open_invitations for row in rows),
        "awaiting": sum(1 for row in rows if row.status in (Status.DRAFT, Status.INVITED)),
    }


@login_required
def firm_dashboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The dashboard's table as filtered and sorted on screen, for a spreadsheet."""
    firm = firm_get_for_member(user=request.user, slug=slug)
    rows = TableQuery.from_params(request.GET).apply(selectors.firm_dashboard_rows(firm))
    response = HttpResponse(rows_csv(rows), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(firm.name) or 'clients'}-clients-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def portfolio_position_html(request: HttpRequest, organization: Organization) -> str | None:
    """The organization page's block of percentiles; nothing while the firm has too few scored
    clients for a percentile to hide the others."""
    position = selectors.portfolio_position(organization)
    if not position.shown:
        return None
    return render_to_string(
        "workspace/_portfolio_position.html",
        {"organization": organization, "position": position},
        request=request,
    )
