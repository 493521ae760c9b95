"""The seeds' nine-box: power (high, medium, low) against attitude to us (supportive, neutral, against)."""

from __future__ import annotations

import html

from relgraph.account import ALLY_STANCES, Account, Person
from relgraph.analysis.gaps import powerful_count
from relgraph.analysis.power import Power

from .view import FONT_STACK

__all__ = ["POWER_BANDS", "ATTITUDES", "power_band", "attitude", "nine_box", "nine_box_html"]

POWER_BANDS = ("high", "medium", "low")
ATTITUDES = ("supportive", "neutral", "against")


def power_band(power: Power, people: int) -> str:
    """The band of a power rank among `people` scored: fixed cut-offs by rank, not by score.

    high: the top quarter by power rank (the analyses' "most powerful", at least one person);
    low: the bottom half (rank beyond half the people, rounded up); medium: everyone in between.

    >>> from relgraph.analysis.power import Power
    >>> [power_band(Power(str(r), 0.5, r, {}, False, 0, 0), 8) for r in range(1, 9)]
    ['high', 'high', 'medium', 'medium', 'low', 'low', 'low', 'low']
    """
    if power.rank <= powerful_count(people):
        return "high"
    return "low" if power.rank > people - people // 2 else "medium"


def attitude(person: Person) -> str:
    """Supportive: our mentor or supporter; against: our opponent; neutral: neutral, or unknown (marked '?')."""
    stance = person.our_stance
    return "supportive" if stance in ALLY_STANCES else "against" if stance == "opponent" else "neutral"


def nine_box(graph: Account, power: dict[str, Power]) -> list[dict]:
    """Three rows (power high to low), one column per attitude holding the names, most powerful first.

    `power` is the analyses' power of the active people. An unknown stance counts as neutral and its name
    carries a trailing '?'. Departed people are left out.
    """
    cells: dict[tuple[str, str], list[Person]] = {}
    for pid, person in graph.people.items():
        if person.active and pid in power:
            cells.setdefault((power_band(power[pid], len(power)), attitude(person)), []).append(person)
    rows = []
    for band in POWER_BANDS:
        row = {"power": band}
        for att in ATTITUDES:
            members = sorted(cells.get((band, att), []), key=lambda p: power[p.id].rank)
            row[att] = [p.name + ("?" if p.our_stance == "unknown" else "") for p in members]
        rows.append(row)
    return rows


def nine_box_html(graph: Account, rows: list[dict]) -> str:
    """A static page (no script at all) with the grid, every name escaped."""
    def cell(names: list[str]) -> str:
        items = "".join(f"<li>{html.escape(n)}</li>" for n in names)
        return f"<td><b>{len(names)}</b><ul>{items}</ul></td>"

    body = "".join(f"<tr><th>{html.escape(r['power'])} power</th>{''.join(cell(r[a]) for a in ATTITUDES)}</tr>"
                   for r in rows)
    title = html.escape(f"Power \u00d7 attitude \u2014 {graph.name or graph.id}")
    head = "".join(f"<th>{a}</th>" for a in ATTITUDES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: {html.escape(FONT_STACK, quote=False)}; margin: 24px; color: #212121; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }} p {{ margin: 0 0 14px; color: #555; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 1px solid #9e9e9e; padding: 8px 10px; vertical-align: top; font-size: 16px; }}
thead th {{ background: #eeeeee; }} tbody th {{ width: 140px; background: #f5f5f5; text-align: left; }}
td:nth-child(2) {{ background: #e8f5e9; }} td:nth-child(3) {{ background: #fafafa; }} td:nth-child(4) {{ background: #ffebee; }}
ul {{ margin: 4px 0 0; padding-left: 18px; column-width: 9em; column-gap: 1.5em; }}
</style></head><body>
<h1>{title}</h1>
<p>Power: the power score's rank (high: the top quarter, low: the bottom half, medium: between).
Attitude: stance to us
(supportive = mentor or supporter; against = opponent; neutral = neutral, or unknown marked ?). Departed people left out.</p>
<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>
</body></html>
"""
