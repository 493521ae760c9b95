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

from relgraph.account import QUERIES
from relgraph.errors import RelgraphError
from relgraph.files import write_private
from relgraph.store import Store

__all__ = ["VIEWS", "Uses", "EVERYTHING", "USES", "ViewResult", "render_view"]

VIEWS = ("power", "orgchart", "competitor", "gaps", "grid")


@dataclass(frozen=True)
class Uses:
    """What one view reads of the account (relgraph.account's parts, besides the people and bids every reader
    gets) and shows of the analyses besides power: the unreached marks, with the warm paths of all of them or
    only of the bid team's (and of the marked people on those paths: the gaps view draws no one else), the
    coverage of departments, their breadth. What a view does not use is neither read nor computed."""

    parts: tuple[str, ...] = QUERIES
    marks: bool = True
    paths: str = "all"  # or "bid team"
    coverage: bool = True
    breadth: bool = True


EVERYTHING = Uses()
# A drawn view tells each person's department, stances, owners and last contact, and draws the reporting and
# influence lines (which power rests on); the grid shows power and the stance to us.
DRAWN = ("departments", "memberships", "managers", "influence", "stances", "vendors", "owners", "team", "contacts")
USES = {"power": Uses(DRAWN, coverage=False, breadth=False),
        "orgchart": Uses(DRAWN, coverage=False),
        "competitor": Uses(DRAWN, marks=False, coverage=False, breadth=False),
        "gaps": Uses(DRAWN, paths="bid team", breadth=False),
        "grid": Uses(("managers", "influence", "stances", "vendors"), marks=False, coverage=False, breadth=False)}


@dataclass
class ViewResult:
    """What was written: the files, how many people and lines the view draws (or the grid's rows), and notes
    about the picture for the reader."""

    kind: str
    out: Path | None
    png: Path | None
    nodes: int = 0
    edges: int = 0
    table: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def render_view(store: Store, kind: str, *, account: str, bid: str | None = None, vendor: str | None = None,
                out: Path | None = None, include_notes: bool = False, png: Path | None = None,
                as_of: date | None = None, redact: bool = False, at: str | None = None,
                since: str | None = None) -> ViewResult:
    """Write the view KIND of one account as a self-contained HTML file (and a PNG of it with `png`).

    `bid` is for `gaps`, `vendor` for `competitor`. `grid` is the power x attitude nine-box: its rows are
    returned as `table`, and its page is written when `out` or `png` is given. Power, the unreached people
    and department coverage come from the analyses, judged as of `as_of` (default: today); the same store
    and date give the same file. `redact` replaces people's names, titles and notes and our team's names
    with pseudonyms, for sharing outside the account team. With `at` the account is drawn as it stood right
    after that revision (see relgraph.history.read_at), judged as of its day unless `as_of` is given.
    With `since` (a revision or date, as `at`) the people whose stance to us or our level moved since then
    are marked up or down, the people new since then marked new, and the warm paths broken since then listed
    (viz.movement, from `relgraph diff`'s comparison).
    """
    from relgraph.history import read_at

    from .reach import analyse
    from .views import require_competitor

    if kind not in VIEWS:
        raise RelgraphError(f"unknown view {kind!r}; views: {', '.join(VIEWS)}")
    if out is None and kind != "grid":
        raise RelgraphError(f"the {kind} view needs --out FILE.html")
    if since is not None and kind == "grid":
        raise RelgraphError("--since marks people on a drawn view; the grid has none: use power, orgchart, "
                            "competitor or gaps")
    uses = USES[kind]
    # the one read of the store (and of its history, for the past); --since compares the whole account
    moment = read_at(store, account, at, parts=QUERIES if since is not None else uses.parts)
    as_of = as_of or moment.day or date.today()
    graph = moment.account.as_of(as_of)  # as the map stood then
    if kind == "gaps":
        bid = graph.require_bid(bid).id
    if kind == "competitor":
        vendor = require_competitor(graph, vendor)
    insight = analyse(graph, bid if kind == "gaps" else None, as_of, uses)
    moved = _movement(store, account, since, moment.account, bid if kind == "gaps" else None, as_of)
    named = graph
    if redact:
        from .redact import redact_view_data

        graph, insight = redact_view_data(graph, insight)
    if kind == "grid":
        return _render_grid(graph, insight, out, png)
    from .page import render_html
    from .views import build_view

    view = build_view(graph, kind, insight, bid=bid, vendor=vendor, include_notes=include_notes)
    if moved is not None:
        from .movement import mark_movement

        mark_movement(view, moved, {p.id: p.name for p in graph.people.values()},
                      dict(zip(named.people, graph.people)) if redact else None)
    write_private(Path(out), render_html(view))
    return _with_png(ViewResult(kind, Path(out), None, nodes=len(view.nodes), edges=len(view.edges)), Path(out), png)


def _movement(store: Store, account: str, since: str | None, now, bid: str | None, as_of: date):
    """What moved since `since` (None without it)."""
    if since is None:
        return None
    from relgraph.history import read_at

    from .movement import movement

    return movement(read_at(store, account, since, "--since"), now, bid, as_of)


def _render_grid(graph, insight, out: Path | None, png: Path | None) -> ViewResult:
    import tempfile

    from .ninebox import nine_box, nine_box_html

    rows = nine_box(graph, insight.power)
    if out is None and png is None:
        return ViewResult("grid", None, None, table=rows)
    page = nine_box_html(graph, rows)
    if out is not None:
        write_private(Path(out), page)
        return _with_png(ViewResult("grid", Path(out), None, table=rows), Path(out), png)
    with tempfile.TemporaryDirectory(prefix="relgraph-grid-") as folder:
        path = Path(folder) / "grid.html"
        write_private(path, page)
        return _with_png(ViewResult("grid", None, None, table=rows), path, png)


def _with_png(result: ViewResult, page: Path, png: Path | None) -> ViewResult:
    """The result, with the picture of `page` written to `png` when asked for."""
    if png is not None:
        from .snapshot import screenshot

        picture = screenshot(page, Path(png))
        result.png, result.notes = picture.png, picture.notes
    return result
