"""Charts as SVG text, drawn on the server: the same markup serves the page and the PDF.

Presentation attributes (fill, font-size) rather than style attributes, so the strict
Content-Security-Policy needs no exception.
"""

from html import escape

from advisor.scoring.labels import BAND_COLOURS

ROW_HEIGHT = 34
LABEL_WIDTH = 170
BAR_WIDTH = 440
TOP = 26


def exposure_chart_svg(ecosystems: list[dict], names: dict[str, str]) -> str:
    """Horizontal bars: exposure 0–100 per ecosystem, coloured by band, with the band limits."""
    height = TOP + ROW_HEIGHT * len(ecosystems) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="exposure-chart-title" '
        'font-family="DejaVu Sans, sans-serif">',
        '<title id="exposure-chart-title">Exposure to each AI ecosystem, 0 to 100</title>',
    ]
    for limit, label in ((0, "0"), (25, "25"), (50, "50"), (75, "75"), (100, "100")):
        x = LABEL_WIDTH + BAR_WIDTH * limit / 100
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 8}" stroke="#d6dde4"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{TOP - 10}" font-size="11" fill="#5b6b7a" '
            f'text-anchor="middle">{label}</text>'
        )
    for row, entry in enumerate(ecosystems):
        y = TOP + row * ROW_HEIGHT
        name = escape(names.get(entry["ecosystem"], entry["ecosystem"]))
        bar = BAR_WIDTH * entry["exposure"] / 100
        colour = BAND_COLOURS[entry["band"]]
        parts.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{y + 20}" font-size="13" fill="#1b2733" '
            f'text-anchor="end">{name}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{bar:.1f}" height="20" rx="3" fill="{colour}"/>'
        )
        label_x = LABEL_WIDTH + bar + 6
        if entry.get("exposure_range") and entry["exposure_range"][1] > entry["exposure_range"][0]:
            parts.append(_whisker(entry["exposure_range"], y + 16))
            label_x = LABEL_WIDTH + BAR_WIDTH * max(entry["exposure"], entry["exposure_range"][1]) / 100 + 6
        parts.append(
            f'<text x="{label_x:.1f}" y="{y + 20}" font-size="12" fill="#1b2733">'
            f"{entry['exposure']:.1f} ({entry['band']})</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _whisker(exposure_range: list[float], y: float) -> str:
    """The exposure's range (10th to 90th percentile) as a line with end ticks across the bar."""
    low, high = (LABEL_WIDTH + BAR_WIDTH * value / 100 for value in exposure_range)
    return (
        f'<g stroke="#1b2733" stroke-width="1.5">'
        f"<title>range {exposure_range[0]:.1f}–{exposure_range[1]:.1f}</title>"
        f'<line x1="{low:.1f}" y1="{y}" x2="{high:.1f}" y2="{y}"/>'
        f'<line x1="{low:.1f}" y1="{y - 5}" x2="{low:.1f}" y2="{y + 5}"/>'
        f'<line x1="{high:.1f}" y1="{y - 5}" x2="{high:.1f}" y2="{y + 5}"/></g>'
    )
