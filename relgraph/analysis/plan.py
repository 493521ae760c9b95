"""The relationship plan against the map: each target, where it stands now, the gap, whether it is met, and
whether it is behind (unmet past its due date).

Where a target stands is read from the analyses' own results: a person's stance and level from the account
as of the day, a cell's status from the coverage gaps, a bid's support share and suppression ratio from
the competitive position, the people of a bid role from its coverage cell. `judge_plan` is a pure function
of the account and the day, so the same targets can be judged on the map at another date and the two
compared (`distance` shrinks as a target comes nearer).

Better for us, best first: stances mentor, supporter, neutral, unknown, opponent; levels as the scale goes
(supports_exclusively best); coverage statuses as gaps.py orders them (covered best). A target is met when
the map is there or better.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from relgraph.account import Account, Person, Target
from relgraph.analysis.gaps import department_coverage
from relgraph.analysis.power import power_scores
from relgraph.analysis.registry import Settings, run
from relgraph.analysis.unreached import STALE_DAYS
from relgraph.model import COVERAGE_STATUSES, LEVELS
from relgraph.schema import KINDS
from relgraph.targets import form_of

__all__ = ["judge_plan", "plan_summary", "with_moves", "STANCE_ORDER", "PROGRESS", "PLAN_COLUMNS", "MOVES"]

STANCE_ORDER = ("mentor", "supporter", "neutral", "unknown", "opponent")  # toward us, best first
PROGRESS = ("behind", "open", "met")  # behind: unmet and past its due date; in the order `plan` lists them
PLAN_COLUMNS = ("progress", "about", "target", "now", "gap", "moved", "due", "owner")  # what a table shows
MOVES = ("toward", "away", "same", "new")  # since the previous review: nearer the target, further, neither, no target


def judge_plan(account: Account, today: dt.date, bid: str | None = None, include_departed: bool = False,
               limits: dict[str, int] = STALE_DAYS) -> list[dict]:
    """Every target of the account's plan (with `bid`: that bid's and those of no bid), judged on the map as of
    `today`: behind first, then open, then met, each by due date.

    Each row: the target's own columns (ids), `about` and `target` in words, `now` (where it stands), `gap`
    (what is missing, empty when met), `distance` (0 when met; steps on the scale, points of share, people
    short), `met`, `overdue` (unmet and due before `today`), `progress` (behind, open or met) and `owner`
    (the owner's name).
    """
    wanted = account.require_bid(bid).id if bid is not None else None
    targets = [t for t in account.targets if wanted is None or t.bid_id in (None, wanted)]
    settings = Settings(today=today, limits=limits)
    judged = _Judged(account, settings, include_departed)
    rows = [_row(account, target, judged, today) for target in targets]
    return sorted(rows, key=lambda r: (PROGRESS.index(r["progress"]), r["due"] or "9999"))


def with_moves(rows: list[dict], before: list[dict] | None) -> list[dict]:
    """The rows, each with `moved` since `before` (the same plan judged at the previous review; None: no review
    before, `moved` null): toward the target when its distance shrank, away when it grew, same, or new when
    the target was not in the plan then."""
    key_of = KINDS["targets"].key_of
    then = {key_of(row): row["distance"] for row in before or ()}
    def moved(row: dict) -> str | None:
        if before is None:
            return None
        was = then.get(key_of(row))
        return "new" if was is None else "toward" if row["distance"] < was else "away" if row["distance"] > was else "same"
    return [{**row, "moved": moved(row)} for row in rows]


def plan_summary(rows: list[dict]) -> dict:
    """How many targets there are, and how many are behind, open and met."""
    return {"targets": len(rows), **{progress: sum(r["progress"] == progress for r in rows) for progress in PROGRESS}}


class _Judged:
    """The analyses a plan reads, run once per bid (None: the whole account) and only when a target needs them."""

    def __init__(self, account: Account, settings: Settings, include_departed: bool):
        self.account, self.settings, self.include_departed = account, settings, include_departed
        self.now = account.as_of(settings.day)  # what run() judges on
        self.results = cache(self._results)

    def _results(self, bid: str | None) -> tuple[Account, dict, dict, dict]:
        scoped = self.account.scoped(bid, self.include_departed)
        power = power_scores(scoped)
        gaps, position = run("gaps", scoped, power, self.settings), run("position", scoped, power, self.settings)
        departments = department_coverage(scoped.as_of(self.settings.day), power, self.settings.day,
                                          self.settings.limits)
        return scoped, gaps, position, departments


def _row(account: Account, target: Target, judged: _Judged, today: dt.date) -> dict:
    form = form_of(vars(target))
    now, gap, distance = _STANDING[form](target, judged)
    met = distance == 0
    overdue = not met and target.due is not None and target.due < today.isoformat()
    return {**vars(target), "about": _about(account, target, form), "target": _wanted(target, form), "now": now,
            "gap": "" if met else gap, "distance": distance, "met": met, "overdue": overdue,
            "progress": "met" if met else "behind" if overdue else "open",
            "owner": account.team_name(target.owner_id) if target.owner_id else None}


def _about(account: Account, target: Target, form: str) -> str:
    bid = f"bid {account.bids[target.bid_id].label}" if target.bid_id in account.bids else None
    if form == "person":
        person = account.display_names["stakeholders"].get(target.stakeholder_id, target.stakeholder_id)
        return person + (f", for {bid}" if bid else "")
    if form == "department cell":
        where = account.department_name(target.department_id) or target.department_id
        return f"{where}, {target.layer or 'every layer'}" + (f", for {bid}" if bid else "")
    role = (target.role or "").replace("_", " ")
    if form == "role cell":
        return f"{role} role on {bid}"
    if form == "bid role":
        return f"every {role} on {bid}"
    return f"{target.measure.replace('_', ' ')} on {bid}"


def _wanted(target: Target, form: str) -> str:
    if form in ("person", "bid role"):
        return ", ".join(part for part in (target.stance, target.level and f"level {target.level}") if part)
    if form in ("department cell", "role cell"):
        return target.status
    return _measure(target.measure, target.value) + " or more"


def _measure(measure: str, value: float | None) -> str:
    if value is None:
        return "none"
    return f"{value:.0%}" if measure == "support_share" else f"{value:.2f}"


def _person(target: Target, judged: _Judged) -> tuple[str, str, float]:
    person = judged.now.people[target.stakeholder_id]  # a load checked the id; forget erases their targets
    now, gap, steps = _attitude(person, target)
    if not person.active:
        return f"departed ({now})", "departed: set a new target for their successor", max(steps, 1)
    return now, gap, steps


def _attitude(person: Person, target: Target) -> tuple[str, str, float]:
    """A person's stance and level toward us, what is missing for the target's, and how many steps short."""
    stance, level = person.our_stance, person.our_level
    gaps, steps = [], 0
    if target.stance is not None:
        short = max(0, STANCE_ORDER.index(stance) - STANCE_ORDER.index(target.stance))
        if short:
            gaps.append(f"stance {stance} -> {target.stance} ({_steps(short)})")
        steps += short
    if target.level is not None:
        held = LEVELS.index(level) if level else -1
        short = max(0, LEVELS.index(target.level) - held)
        if short:
            gaps.append(f"level {level or 'none'} -> {target.level} ({_steps(short)})")
        steps += short
    return f"{stance}, level {level or 'none'}", "; ".join(gaps), steps


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def _cell(status: str | None, target: Target, nobody: str) -> tuple[str, str, float]:
    held = status or "uncovered"
    short = max(0, COVERAGE_STATUSES.index(held) - COVERAGE_STATUSES.index(target.status))
    now = held if status else f"uncovered ({nobody})"
    return now, f"{held} -> {target.status} ({_steps(short)})", short


def _department_cell(target: Target, judged: _Judged) -> tuple[str, str, float]:
    _, gaps, _, departments = judged.results(target.bid_id)
    if target.layer is None:
        cell = departments.get(target.department_id)
        return _cell(cell.status if cell else None, target, "nobody in the department")
    found = next((c["status"] for c in gaps["cells"] if c["area"] == "department"
                  and c["department_id"] == target.department_id and c["layer"] == target.layer), None)
    return _cell(found, target, "nobody at that layer")


def _role_cell(target: Target, judged: _Judged) -> tuple[str, str, float]:
    cell = _role_of(target, judged)
    return _cell(cell["status"] if cell else None, target, "nobody on the bid team has that role")


def _role_of(target: Target, judged: _Judged) -> dict | None:
    _, gaps, _, _ = judged.results(target.bid_id)
    return next((c for c in gaps["cells"] if c["area"] == "role" and c["role"] == target.role), None)


def _bid_role(target: Target, judged: _Judged) -> tuple[str, str, float]:
    cell = _role_of(target, judged)
    if cell is None:
        return "nobody on the bid team has that role", "give the role to someone on the bid team", 1
    scoped = judged.results(target.bid_id)[0]
    people = [judged.now.people[pid] for pid in cell["people"]]
    short = [(p, _attitude(p, target)) for p in people]
    below = [(p, found) for p, found in short if found[2]]
    names = scoped.display_names["stakeholders"]
    gap = "; ".join(f"{names.get(p.id, p.name)}: {found[1]}" for p, found in below)
    return f"{len(people) - len(below)} of {len(people)} there", gap, len(below)


def _bid_measure(target: Target, judged: _Judged) -> tuple[str, str, float]:
    _, _, position, _ = judged.results(target.bid_id)
    ours = next((v["weighted_support"] for v in position["vendors"] if v["is_us"]), None)
    held = ours if target.measure == "support_share" else position["suppression_ratio"]
    if ours is None:
        return "none (no vendor is marked as us)", "mark our vendor (is_us) in vendors.csv", 1
    if held is None:  # no competitor has support: any ratio is reached once we have some
        return "none (no competitor has support)", "we have no support yet", 0 if ours > 0 else target.value
    short = round(max(0.0, target.value - held), 4)
    return _measure(target.measure, held), f"{_measure(target.measure, short)} short", short


_STANDING = {"person": _person, "department cell": _department_cell, "role cell": _role_cell,
             "bid role": _bid_role, "bid measure": _bid_measure}
