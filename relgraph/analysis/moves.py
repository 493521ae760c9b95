"""Next best moves: candidate moves for a bid, ranked by what each would gain, weighted by how feasible it is.

Candidates, on the bid's scoped account (what the analyses look at):

* win: an unreached person (see unreached) becomes our supporter and is visited, for the CANDIDATES most
  powerful unreached people, every unreached member of the bid team (the neutral evaluator), and the CANDIDATES
  most powerful unreached people who listen to a competitor's mentor;
* renew: a visit to one of the CANDIDATES most powerful allies of ours who are out of touch;
* own: an owner for one of the CANDIDATES most powerful people nobody owns.

gain = standing(after) - standing(before), where standing is our support once influence has played out (the
forecast's support, -1..1) minus FLAG_COST[severity] for each person a flag names (a flag naming nobody
counts once): so a move pays for what it does to the vote through everyone who listens, and for the red flags
it clears. feasibility (0..1): for a win, the strength of the warm path (COLD without one), halved when the path
starts at an ally out of touch, times LEVEL_EASE of our level with them, times OUT_OF_TOUCH_EASE when we are
not in touch with them, halved when they are in a competitor's camp; for a renewal or an owner, 1. Moves are ranked by gain x feasibility, then by
power rank. Each costs one forecast (re-settled from the present's fixed point) and the red flags, both linear in
the account's people and ties, and there are at most 4 x CANDIDATES plus the bid team; the warm paths are four
searches over the ties (n log n), read only for the candidates: `next` grows linearly with the account, not with
its square (BENCHMARKS.md fits the exponent).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import Account, Person
from relgraph.analysis.forecast import Model
from relgraph.analysis.gaps import red_flags
from relgraph.analysis.power import Power
from relgraph.analysis.unreached import (STALE_DAYS, Reach, WarmPaths, camp, is_fresh, path_text,
                                        unreached_influencers)
from relgraph.analysis.whatif import Move, apply_moves

__all__ = ["NextMove", "next_moves", "standing", "CANDIDATES", "FLAG_COST", "COLD"]

CANDIDATES = 15
FLAG_COST = {"critical": 0.1, "warning": 0.02, "info": 0.0}
COLD = 0.1  # the feasibility of winning someone with no warm path to them
LEVEL_EASE = {"opposed": 0.25, "contact": 0.5, "accepting": 0.75, None: 0.5}  # better levels: 1
OUT_OF_TOUCH_EASE = 0.75


@dataclass(frozen=True)
class NextMove:
    kind: str  # win | renew | own
    id: str
    gain: float
    feasibility: float
    act_by: tuple[str, ...]  # our team members who act (ids); empty: someone must be assigned
    through: tuple[str, ...]  # the people a warm path goes through, between our ally and them
    why: str

    @property
    def score(self) -> float:
        return round(self.gain * self.feasibility, 4)


def standing(account: Account, power: dict[str, Power], today: dt.date, limits: dict[str, int] = STALE_DAYS,
             support: dict[str, float] | None = None) -> float:
    """Our forecast support (`support`: as already forecast) minus the cost of the red flags (see the module)."""
    if support is None:
        support = Model(account, power, today, limits).forecast_support()
    flags = red_flags(account, power, today, limits)
    return support.get(account.us, 0.0) - sum(FLAG_COST[f.severity] * max(1, len(f.stakeholders)) for f in flags)


def next_moves(account: Account, power: dict[str, Power], today: dt.date, limits: dict[str, int] = STALE_DAYS,
               top: int = 5) -> list[NextMove]:
    """The `top` best moves on a scoped account, best first (see the module)."""
    reach = unreached_influencers(account, power, today, limits, paths=False)  # everyone's: the candidates
    paths = WarmPaths(account, today, limits)  # and the warm paths of the few chosen
    model = Model(account, power, today, limits)
    before = standing(account, power, today, limits, model.forecast_support())
    moves = []
    for kind, pid, made, feasibility, act_by, through, why in _candidates(account, power, reach, paths, today,
                                                                         limits):
        moved = apply_moves(account, made, today)
        after = standing(moved, power, today, limits, model.support_after([moved.people[pid]]))
        moves.append(NextMove(kind, pid, round(after - before, 4), feasibility, act_by, through, why))
    moves.sort(key=lambda m: (-m.score, power[m.id].rank, m.kind))
    return [m for m in moves if m.score > 0][:top]


def _win_feasibility(account: Account, person: Person, path, today: dt.date, limits: dict[str, int]) -> float:
    ease = (path.strength if path else COLD) * (0.5 if path and path.renew_first else 1.0)
    ease *= LEVEL_EASE.get(person.our_level, 1.0) * (1.0 if is_fresh(person, today, limits) else OUT_OF_TOUCH_EASE)
    return round(ease * (0.5 if camp(account, person) else 1.0), 4)


def _candidates(account: Account, power: dict[str, Power], reach: Reach, paths: WarmPaths, today: dt.date,
                limits: dict[str, int]):
    team = account.focus.team if account.focus else {}
    mentors = {pid for pid, p in account.people.items() if any(s.stance == "mentor" for s in p.rivals.values())}
    listeners = {e.target for e in account.influence if e.source in mentors}
    heard = [u.id for u in reach.people if u.id in listeners][:CANDIDATES]
    for n, u in enumerate(reach.people):
        if n >= CANDIDATES and u.id not in team and u.id not in heard:
            continue
        person = account.people[u.id]
        path, path_note = paths.path_to(u.id)
        feasibility = _win_feasibility(account, person, path, today, limits)
        side = camp(account, person)
        why = "; ".join([*u.reasons, *([side] if side else [])])
        why += f"; warm path {path_text(path, account)}" if path else f"; {path_note}"
        made = [Move("set", "win", u.id, vendor=account.us, stance="supporter"), Move("contact", "win", u.id)]
        yield ("win", u.id, made, feasibility, path.act_by if path else (),
               tuple(s.id for s in path.steps[1:-1]) if path else (), why)
    lapsed = [r for r in reach.renew if any(a.startswith(("renew the contact", "get in touch")) for a in r.actions)]
    for r in lapsed[:CANDIDATES]:
        yield ("renew", r.id, [Move("contact", "renew", r.id)], 1.0,
               tuple(o.team_member_id for o in account.people[r.id].owners), (), "; ".join(r.actions))
    unreached = {u.id for u in reach.people}
    unowned = sorted((pid for pid, p in account.people.items() if not p.owners), key=lambda pid: power[pid].rank)
    for pid in unowned[:CANDIDATES]:
        # the owner of the ally a warm path to them (if unreached) starts from is the one to take them on
        near = paths.path_to(pid)[0] if pid in unreached else None
        yield ("own", pid, [Move("own", "own", pid, member=near.act_by[0] if near and near.act_by else None)], 1.0,
               near.act_by if near else (), (), f"power rank {power[pid].rank}, owned by nobody on our team")
