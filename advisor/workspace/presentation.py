"""How the dashboard shows its rows: the filters and sorts of the table, sparklines, heat cells
and the CSV file. SVG is drawn on the server with attributes and classes only (the
Content-Security-Policy allows no inline style)."""

import csv
import io
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from advisor.workspace.selectors import ClientRow, Status

BANDS = ["low", "moderate", "high", "critical"]
SPARK_WIDTH = 96
SPARK_HEIGHT = 24
SPARK_PAD = 3
SPARK_MIN_SPAN = 10.0


# Column → the value it sorts by; rows whose value is None (nothing scored yet) come last.
SORTS = {
    "name": lambda row: row.name.casefold(),
    "index": lambda row: row.index,
    "trend": lambda row: row.delta,
    "ecosystem": lambda row: row.top_exposure,
    "status": lambda row: list(Status.LABELS).index(row.status),
    "report": lambda row: row.report_status,
    "activity": lambda row: row.last_activity,
    "invitations": lambda row: row.open_invitations,
}


COLUMNS = [
    ("name", "Client", False),
    ("index", "Lock-in index", True),
    ("trend", "Trend", False),
    ("ecosystem", "Most exposed to", False),
    ("status", "Assessment", False),
    ("report", "Report", False),
    ("activity", "Last activity", False),
    ("invitations", "Invitations", True),
]


@dataclass(frozen=True)
class TableQuery:
    """The table's GET parameters, each checked against what it may be."""

    search: str = ""
    status: str = ""
    band: str = ""
    sort: str = "name"
    descending: bool = False

    @classmethod
    def from_params(cls, params: QueryDict) -> "TableQuery":
        sort = params.get("sort", "name")
        descending = sort.startswith("-")
        sort = sort.removeprefix("-")
        status = params.get("status", "")
        band = params.get("band", "")
        return cls(
            search=params.get("q", "").strip()[:100],
            status=status if status in Status.LABELS else "",
            band=band if band in BANDS else "",
            sort=sort if sort in SORTS else "name",
            descending=descending and sort in SORTS,
        )

    def apply(self, rows: list[ClientRow]) -> list[ClientRow]:
        needle = self.search.casefold()
        kept = [
            row
            for row in rows
            if (not needle or needle in row.name.casefold() or needle in row.top_ecosystem_name.casefold())
            and (not self.status or row.status == self.status)
            and (not self.band or row.band == self.band)
        ]
        key = SORTS[self.sort]
        known = [row for row in kept if key(row) is not None]
        unknown = [row for row in kept if key(row) is None]
        return sorted(known, key=key, reverse=self.descending) + unknown

    def params(self, sort: str | None = None) -> str:
        """The query string of this view, or of the same view sorted by `sort`."""
        if sort is None:
            sort = f"-{self.sort}" if self.descending else self.sort
        pairs = {"q": self.search, "status": self.status, "band": self.band, "sort": sort}
        return urlencode({name: value for name, value in pairs.items() if value})

    def columns(self) -> list[dict]:
        """The table's headers, each linking to the table sorted by it: ascending first, then
        descending."""
        columns = []
        for key, label, numeric in COLUMNS:
            current = self.sort == key
            toggled = f"-{key}" if current and not self.descending else key
            aria = ("descending" if self.descending else "ascending") if current else "none"
            columns.append(
                {"label": label, "numeric": numeric, "href": "?" + self.params(toggled), "aria_sort": aria}
            )
        return columns


def sparkline_svg(values: list[float], label: str) -> str:
    """A small line of the lock-in index over the client's scored assessments. Its scale spans
    the client's own values, at least SPARK_MIN_SPAN points, so that a move is visible."""
    if not values:
        return ""
    middle = (max(values) + min(values)) / 2
    span = max(max(values) - min(values), SPARK_MIN_SPAN)
    low = middle - span / 2
    title = escape(f"{label}: lock-in index " + " → ".join(f"{v:.1f}" for v in values))
    inner_w = SPARK_WIDTH - 2 * SPARK_PAD
    inner_h = SPARK_HEIGHT - 2 * SPARK_PAD
    step = inner_w / (len(values) - 1) if len(values) > 1 else 0
    points = [
        (
            SPARK_PAD + (i * step if len(values) > 1 else inner_w / 2),
            SPARK_PAD + inner_h * (1 - (v - low) / span),
        )
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (
        '<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'role="img"><title>{title}</title>'
        f'<polyline class="sparkline-line" fill="none" points="{path}"/>'
        f'<circle class="sparkline-dot" cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5"/></svg>'
    )


def heat_level(exposure: float | None) -> int:
    """0–5, darker for more exposure: readable in greyscale, the number is in the cell too."""
    if exposure is None:
        return 0
    return min(5, 1 + int(exposure // 20))


def heat_cells_html(exposures: dict[str, float], slugs: list[str]) -> SafeString:
    """One heat-map row's cells, in the order of `slugs`: the number in each, "–" when unscored."""
    return format_html_join(
        "",
        '<td class="heat heat-{}">{}</td>',
        (
            (heat_level(exposures.get(slug)), "–" if slug not in exposures else f"{exposures[slug]:.0f}")
            for slug in slugs
        ),
    )


# ---------------------------------------------------------------------------------------------
# CSV

CSV_HEADER = [
    "Client",
    "Latest assessment",
    "Status",
    "Lock-in index",
    "Band",
    "Change since previous",
    "Most exposed to",
    "Exposure",
    "Latest report",
    "Last activity (UTC)",
    "Open invitations",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A text cell a spreadsheet would run as a formula starts with a quote instead."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_row(row: ClientRow) -> list:
    return [
        row.name,
        row.assessment_title,
        row.status_label,
        "" if row.index is None else f"{row.index:.1f}",
        row.band,
        "" if row.delta is None else f"{row.delta:+.1f}",
        row.top_ecosystem_name,
        "" if row.top_exposure is None else f"{row.top_exposure:.1f}",
        row.report_status,
        row.last_activity.strftime("%Y-%m-%d %H:%M") if row.last_activity else "",
        row.open_invitations,
    ]


def rows_csv(rows: list[ClientRow]) -> str:
    """Text fields from people (names, titles) are neutralised; the figures we write are not."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        cells = _csv_row(row)
        cells[0], cells[1] = csv_safe(cells[0]), csv_safe(cells[1])
        writer.writerow(cells)
    return out.getvalue()
