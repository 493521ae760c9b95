"""Interactive HTML views of the power map: self-contained, offline, every label escaped text.

relgraph draws with vis-network, the library pyvis wraps, taken from the
files pyvis ships and inlined into relgraph's own template (pyvis's stock
template loads bootstrap and more from CDNs). The view data is built here as
plain dicts rather than through `pyvis.network.Network`, whose per-edge
membership checks are quadratic on a 5,000-person map and whose tooltips are
HTML strings.

>>> from relgraph.viz import VIEWS
>>> VIEWS
('power', 'orgchart', 'competitor', 'gaps', 'grid')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.store import Store

__all__ = ["VIEWS", "ViewResult", "render_view"]

VIEWS = ("power", "orgchart", "competitor", "gaps", "grid")


@dataclass
class ViewResult:
    """What was written: the files, and how many people and lines the view draws (or the grid's rows)."""

    kind: str
    out: Path | None
    png: Path | None
    nodes: int = 0
    edges: int = 0
    table: list[dict] = field(default_factory=list)


def render_view(store: Store, kind: str, *, account: str, bid: str | None = None, vendor: str | None = None,
                out: Path | None = None, include_notes: bool = False, png: Path | None = None,
                as_of: date | None = None, redact: bool = False) -> ViewResult:
    """Write the view KIND of one account as a self-contained HTML file (and a PNG of it with `png`).

    `bid` is for `gaps`, `vendor` for `competitor`. `grid` is the power x attitude nine-box: its rows are
    returned as `table`, and its page is written when `out` or `png` is given. Power, the unreached people
    and department coverage come from the analyses, judged as of `as_of` (default: today); the same store
    and date give the same file. `redact` replaces people's names, titles and notes and our team's names
    with pseudonyms, for sharing outside the account team.
    """
    from relgraph.account import read_account

    from .reach import analyse
    from .views import require_competitor

    if kind not in VIEWS:
        raise RelgraphError(f"unknown view {kind!r}; views: {', '.join(VIEWS)}")
    if out is None and kind != "grid":
        raise RelgraphError(f"the {kind} view needs --out FILE.html")
    graph = read_account(store, account)  # the one read of the store
    if kind == "gaps":
        bid = graph.require_bid(bid).id
    if kind == "competitor":
        vendor = require_competitor(graph, vendor)
    insight = analyse(graph, bid if kind == "gaps" else None, as_of or date.today())
    if redact:
        from .redact import redact_view_data

        graph, insight = redact_view_data(graph, insight)
    if kind == "grid":
        return _render_grid(graph, insight, out, png)
    from .page import render_html
    from .views import build_view

    view = build_view(graph, kind, insight, bid=bid, vendor=vendor, include_notes=include_notes)
    _write(Path(out), render_html(view))
    return ViewResult(kind, Path(out), _png(Path(out), png), nodes=len(view.nodes), edges=len(view.edges))


def _render_grid(graph, insight, out: Path | None, png: Path | None) -> ViewResult:
    import tempfile

    from .ninebox import nine_box, nine_box_html

    rows = nine_box(graph, insight.power)
    if out is None and png is None:
        return ViewResult("grid", None, None, table=rows)
    page = nine_box_html(graph, rows)
    if out is not None:
        _write(Path(out), page)
        return ViewResult("grid", Path(out), _png(Path(out), png, width=1400, height=900), table=rows)
    with tempfile.TemporaryDirectory(prefix="relgraph-grid-") as folder:
        path = Path(folder) / "grid.html"
        _write(path, page)
        return ViewResult("grid", None, _png(path, png, width=1400, height=900), table=rows)


def _png(page: Path, png: Path | None, **size) -> Path | None:
    if png is None:
        return None
    from .snapshot import screenshot

    return screenshot(page, Path(png), **size)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise RelgraphError(f"cannot write {path}: {error.strerror}") from None
