"""The trend of an account as one static, offline page: inline SVG line charts drawn here, and the table.

No script, no external resource (the CSP allows none), every name escaped.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from relgraph.files import write_private

from .view import FONT_STACK

__all__ = ["trend_html", "write_trend"]

COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457", "#9e9d24")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 900, 260, 56, 180, 16, 40


def _chart(title: str, days: list[str], series: dict[str, list]) -> str:
    """One SVG line chart: a line per series over the period ends (a missing value breaks the line)."""
    values = [v for points in series.values() for v in points if v is not None]
    top = max([1.0, *values]) if values else 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x = lambda i: LEFT + (plot_w * i / (len(days) - 1) if len(days) > 1 else plot_w / 2)
    y = lambda v: TOP + plot_h * (1 - v / top)
    parts = [f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{LEFT + plot_w}" y2="{y(0):.1f}" class="axis"/>',
             f'<text x="{LEFT - 6}" y="{y(top) + 4:.1f}" text-anchor="end">{top:g}</text>',
             f'<text x="{LEFT - 6}" y="{y(0) + 4:.1f}" text-anchor="end">0</text>']
    step = max(1, len(days) // 8)
    parts += [f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" text-anchor="middle">{html.escape(day)}</text>'
              for i, day in enumerate(days) if i % step == 0 or i == len(days) - 1]
    for n, (label, points) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        runs, run = [], []
        for i, v in enumerate(points):
            if v is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append(f"{x(i):.1f},{y(v):.1f}")
        for line in [*runs, run] if run else runs:
            parts.append(f'<polyline points="{" ".join(line)}" stroke="{colour}"/>')
            parts += [f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>' for p in line]
        row = TOP + 10 + 18 * n
        parts.append(f'<line x1="{LEFT + plot_w + 10}" y1="{row}" x2="{LEFT + plot_w + 28}" y2="{row}" '
                     f'stroke="{colour}" stroke-width="3"/>'
                     f'<text x="{LEFT + plot_w + 34}" y="{row + 4}">{html.escape(label)}</text>')
    return (f'<h2>{html.escape(title)}</h2><svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
            f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{html.escape(title)}">'
            f'{"".join(parts)}</svg>')


def trend_html(title: str, rows: list[dict], table: tuple[list[dict], list[str]], names: dict[str, str]) -> str:
    """The page: charts of support and readiness, the suppression ratio, stances and levels toward us, then
    the table (`table`: flat rows and their columns); `names` gives each vendor's name by id."""
    days = [r["day"] for r in rows]
    column = lambda key: {k: [r[key].get(k) for r in rows] for k in (rows[0][key] if rows else {})}
    shares = {f"support: {names.get(v, v)}": points for v, points in column("support").items()}
    shares["readiness: allied power share"] = [r["readiness"] for r in rows]
    charts = [_chart("Support share per vendor, and readiness", days, shares),
              _chart("Suppression ratio (our support over the strongest competitor's)", days,
                     {"suppression ratio": [r["suppression_ratio"] for r in rows]}),
              _chart("People per stance toward us", days, column("stances")),
              _chart("People per level of ours", days, column("levels"))]
    flat, columns = table
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>"
                                    for c in columns) + "</tr>" for r in flat)
    title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
body {{ font-family: {html.escape(FONT_STACK, quote=False)}; margin: 24px; color: #212121; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }} h2 {{ font-size: 18px; margin: 20px 0 4px; }}
p {{ margin: 0 0 14px; color: #555; }}
svg text {{ font-size: 12px; fill: #424242; }} svg polyline {{ fill: none; stroke-width: 2; }}
svg .axis {{ stroke: #9e9e9e; }}
table {{ border-collapse: collapse; margin-top: 20px; font-size: 13px; }}
th, td {{ border: 1px solid #bdbdbd; padding: 4px 8px; text-align: right; }} th {{ background: #eeeeee; }}
</style></head><body>
<h1>{title}</h1>
<p>One point per period end, each judged on the map right after the last revision on or before that day, as of that day.</p>
{"".join(charts)}
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
</body></html>
"""


def write_trend(page: str, out: Path | None, png: Path | None) -> list[str]:
    """Write the page to `out` and/or a picture of it to `png`; the picture's notes."""
    from .snapshot import screenshot

    if out is not None:
        write_private(Path(out), page)
    if png is None:
        return []
    if out is not None:
        return screenshot(Path(out), Path(png)).notes
    with tempfile.TemporaryDirectory(prefix="relgraph-trend-") as folder:
        path = Path(folder) / "trend.html"
        write_private(path, page)
        return screenshot(path, Path(png)).notes
