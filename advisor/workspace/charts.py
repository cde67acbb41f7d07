"""Trend charts as SVG text, drawn on the server in the style of scoring.charts (presentation
attributes only, so the strict Content-Security-Policy needs no exception)."""

from dataclasses import dataclass
from html import escape

from advisor.scoring.labels import BAND_COLOURS

WIDTH, HEIGHT = 320, 168
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 18, 132  # the plot area: exposure 100 at TOP, 0 at BOTTOM
INSET = 30
BANDS = (("low", 0, 25), ("moderate", 25, 50), ("high", 50, 75), ("critical", 75, 100))


@dataclass(frozen=True)
class TrendPoint:
    label: str  # under the point: when the assessment was submitted
    value: float | None  # None: the ecosystem was not scored in that assessment
    band: str = ""
    method_changed: bool = False  # scored with another catalog or model than the point before


def _y(value: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * value / 100


def trend_chart_svg(*, title: str, points: list[TrendPoint], chart_id: str) -> str:
    """One series, 0–100, over the client's scored assessments in order, on faint band stripes.
    A dashed line marks where the method changed, so a jump there is not read as a change of
    exposure."""
    first, last = LEFT + INSET, WIDTH - RIGHT - INSET  # points stay clear of the axis labels
    step = (last - first) / max(len(points) - 1, 1)
    xs = [first + step * i if len(points) > 1 else (first + last) / 2 for i in range(len(points))]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title" '
        'font-family="DejaVu Sans, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for band, low, high in BANDS:
        parts.append(
            f'<rect x="{LEFT}" y="{_y(high):.1f}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{_y(low) - _y(high):.1f}" fill="{BAND_COLOURS[band]}" fill-opacity="0.07"/>'
        )
    for limit in (0, 25, 50, 75, 100):
        y = _y(limit)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d6dde4"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="10" fill="#5b6b7a" '
            f'text-anchor="end">{limit}</text>'
        )
    for x, point in zip(xs, points, strict=True):
        if point.method_changed:
            parts.append(
                f'<line x1="{x - step / 2:.1f}" y1="{TOP - 4}" x2="{x - step / 2:.1f}" y2="{BOTTOM}" '
                'stroke="#7a4cc2" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            parts.append(
                f'<text x="{x - step / 2 + 3:.1f}" y="{TOP + 6}" font-size="9" '
                'fill="#7a4cc2">new method</text>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{BOTTOM + 16}" font-size="10" fill="#5b6b7a" '
            f'text-anchor="middle">{escape(point.label)}</text>'
        )
    scored = [(x, p) for x, p in zip(xs, points, strict=True) if p.value is not None]
    if len(scored) > 1:
        path = " ".join(f"{x:.1f},{_y(p.value or 0):.1f}" for x, p in scored)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    for x, point in scored:
        value = point.value or 0
        colour = BAND_COLOURS.get(point.band, "#1f4e79")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{_y(value):.1f}" r="4.5" fill="{colour}" '
            'stroke="#fff" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{_y(value) - 9:.1f}" font-size="11" font-weight="bold" fill="#1b2733" '
            f'text-anchor="middle">{value:.1f}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
