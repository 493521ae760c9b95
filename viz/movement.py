"""What moved since an earlier moment, drawn on a view: marks after names, tooltip rows, the warm paths broken.

The comparison is `relgraph diff`'s (relgraph.analysis.diff.compare); this module only says how a view shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relgraph.account import Account
from relgraph.analysis.diff import compare, side_of
from relgraph.history import Moment

from .view import View

__all__ = ["Movement", "movement", "mark_movement", "UP", "DOWN", "NEW"]

UP, DOWN, NEW = "\u25b2", "\u25bc", "(new)"


@dataclass(frozen=True)
class LostPath:
    """A warm path there then and broken now: to `target`, over `steps` (id, name then), broken by `left` (ids)."""

    target: str
    steps: tuple[tuple[str, str], ...]
    left: tuple[str, ...]


@dataclass
class Movement:
    """Since `day`: each moved or new person's mark and tooltip rows, and the warm paths broken."""

    day: dt.date
    marks: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[list[str]]] = field(default_factory=dict)
    lost: list[LostPath] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"since {self.day.isoformat()}"


def movement(then: Moment, now: Account, bid: str | None, day: dt.date) -> Movement:
    """What moved from `then` to `now` (judged as of `day`) for our side: stance to us and our level, people
    who joined or came back, warm paths lost (for `bid`'s analyses, when given)."""
    before = side_of(then.account, bid, then.day, then.revision)
    found = compare(before, side_of(now, bid, day))
    moved = Movement(then.day)
    directions: dict[str, set[str]] = {}
    for row in found["stances"]:
        if row["vendor"] == now.us:
            shown = "stance to us" if row["field"] == "stance" else "our level"
            moved.rows.setdefault(row["id"], []).append(
                [moved.label, f"{shown}: {_value(row['before'])} -> {_value(row['after'])}"])
            if row["direction"]:
                directions.setdefault(row["id"], set()).add(row["direction"])
    for pid, seen in directions.items():
        moved.marks[pid] = (UP if "up" in seen else "") + (DOWN if "down" in seen else "")
    for row in found["people"]:
        if row["change"] in ("joined", "returned"):
            moved.marks[row["id"]] = NEW
            moved.rows.setdefault(row["id"], []).append([moved.label, row["change"]])
    paths = {p["id"]: p["path"] for p in before.answers["unreached"]["people"]}
    left = set(then.account.active_people()) - set(now.active_people())
    for row in found["warm_paths"]:
        if row["change"] == "lost":
            steps = tuple((s["id"], s["name"]) for s in paths[row["id"]])
            moved.lost.append(LostPath(row["id"], steps, tuple(pid for pid, _ in steps if pid in left)))
    return moved


def _value(value: str | None) -> str:
    return (value or "(none)").replace("_", " ")


def mark_movement(view: View, moved: Movement, names: dict[str, str], ids: dict[str, str] | None = None) -> None:
    """Draw `moved` on `view`: a mark after each moved or new person's name, their tooltip rows, the broken warm
    paths on their target's tooltip and in the legend. `names`: each person's name as the view shows it (by the
    view's id); `ids`: the view's id of each person (a redacted view renames them; default: the same)."""
    shown = lambda pid: (ids or {}).get(pid, pid)
    name = lambda pid, then: names.get(shown(pid)) or ("someone no longer on the map" if ids else then)
    marks = {shown(pid): mark for pid, mark in moved.marks.items()}
    for node in view.nodes:
        if node["id"] in marks:
            node["label"] += f" {marks[node['id']]}"
    for pid, rows in moved.rows.items():
        if shown(pid) in view.details:
            view.details[shown(pid)]["rows"] += rows
    broken = []
    for path in moved.lost:
        then = dict(path.steps)
        text = " \u2192 ".join(name(pid, then[pid]) for pid, _ in path.steps)
        if path.left:
            text += f" ({', '.join(name(pid, then[pid]) for pid in path.left)} left)"
        broken.append(f"to {name(path.target, then.get(path.target, '?'))}: {text}")
        if shown(path.target) in view.details:
            view.details[shown(path.target)]["rows"].append([moved.label, f"warm path broken, was {text}"])
    view.legend.append(_legend(moved, broken))


def _legend(moved: Movement, broken: list[str]) -> dict:
    text = (f"After a name: {UP} their stance to us or our level moved up {moved.label}, {DOWN} it moved down "
            f"({UP}{DOWN}: one up, the other down), {NEW} they joined or came back {moved.label}; the tooltip says "
            f"from what to what. Warm paths there then and broken now: "
            + ("; ".join(broken) if broken else "none") + ".")
    return {"title": f"Movement {moved.label}", "text": text}
