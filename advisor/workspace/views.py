from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from advisor.accounts.forms import BrandingForm, ClientForm, PersonForm
from advisor.accounts.models import Firm, Organization
from advisor.accounts.selectors import firm_get_for_member, firm_is_admin, firm_open_invitations
from advisor.accounts.signals import firm_page_panels
from advisor.reports.views import HtmxHttpRequest
from advisor.workspace import selectors
from advisor.workspace.presentation import BANDS, TableQuery, heat_level, rows_csv, sparkline_svg
from advisor.workspace.selectors import Status


@login_required
def firm_dashboard(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The firm's landing page: every client's standing, the portfolio heat map, and the forms
    for clients, consultants, branding and batches of reports."""
    firm = firm_get_for_member(user=request.user, slug=slug)
    is_admin = firm_is_admin(user=request.user, firm=firm)
    all_rows = selectors.firm_dashboard_rows(firm)
    query = TableQuery.from_params(request.GET)
    rows = query.apply(all_rows)
    names = selectors.ecosystem_names()
    context = {
        "firm": firm,
        "is_admin": is_admin,
        "query": query,
        "rows": [_row_view(row, names) for row in rows],
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
            "panels": [
                panel
                for _receiver, panel in firm_page_panels.send(sender=Firm, firm=firm, request=request)
                if panel
            ],
        }
    )
    return render(request, "workspace/dashboard.html", context)


def _row_view(row: selectors.ClientRow, names: dict[str, str]) -> dict:
    return {
        "row": row,
        "sparkline": mark_safe(sparkline_svg(row.trend, row.name)),
        "heat": [
            {
                "name": name,
                "exposure": row.exposures.get(slug),
                "level": heat_level(row.exposures.get(slug)),
            }
            for slug, name in names.items()
        ],
    }


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
