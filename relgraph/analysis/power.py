"""Power scores: formal authority and informal influence, each person's rank and the reasons for it.

score = 0.45 formal + 0.40 informal + 0.15 estimate, each part in 0..1:

* formal = 0.5 role + 0.3 layer + 0.2 span. role: the strongest buying role
  (for a bid, the role on its team): decision_maker 1, approver 0.8,
  evaluator 0.6, influencer and procurement 0.5, gatekeeper 0.4, user 0.3,
  none 0. layer: executive 1, middle 0.6, frontline or unknown 0.3. span:
  log(1 + people who report up to them, directly or not) / log(N).
* informal = 1 - 2^-x with x = N x PageRank on the graph of who listens to
  whom (each INFLUENCES edge reversed), teleporting in proportion to formal
  authority + 0.05: a person is powerful when powerful people listen to them.
  A strength is absolute: a listener passes strength / max(5, S) of their
  judgement along each tie (S: the summed strengths of their ties) and keeps
  the rest, which teleports like the judgement of someone who listens to no
  one. So one tie of 5 passes it all, one tie of 1 a fifth, and raising a
  tie's strength raises its source. x is 1, and informal 0.5, for an average
  person.
* estimate = (influence - 1) / 4, the team's own 1..5 estimate (0.5 if none).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any, Callable

from relgraph.account import Account, Person
from relgraph.errors import RelgraphError

__all__ = ["Power", "power_scores", "power_reasons", "listening_rank", "tie_positions", "COMPONENTS", "ROLE_WEIGHT",
           "LAYER_WEIGHT", "DECIDER_ROLES"]

ROLE_WEIGHT = {"decision_maker": 1.0, "approver": 0.8, "evaluator": 0.6, "influencer": 0.5,
               "procurement": 0.5, "gatekeeper": 0.4, "user": 0.3}
LAYER_WEIGHT = {"executive": 1.0, "middle": 0.6, "frontline": 0.3}
DECIDER_ROLES = ("decision_maker", "approver")
WEIGHTS = {"formal": 0.45, "informal": 0.40, "estimate": 0.15}
COMPONENTS = ("formal", "role", "layer", "span", "informal", "estimate")  # the parts of a score, as printed
FULL_STRENGTH = 5  # ties of this summed strength pass on a listener's whole judgement
HIDDEN_INFORMAL_QUANTILE = 0.9  # informal influence in the account's top tenth ...
HIDDEN_FORMAL_QUANTILE = 0.5  # ... while formal authority is below its median


@dataclass(frozen=True)
class Power:
    id: str
    score: float
    rank: int
    parts: tuple[float, ...]  # the COMPONENTS of the score, unrounded
    hidden_influencer: bool
    below: int  # people who report up to this person, directly or not
    direct_reports: int

    @property
    def components(self) -> dict[str, float]:
        """The parts of the score by name, rounded to 4 places (worked out only for the people printed)."""
        return {name: round(value, 4) for name, value in zip(COMPONENTS, self.parts)}


def power_scores(account: Account) -> dict[str, Power]:
    """Every active person's power, keyed by id, in rank order (rank 1 = most powerful).

    Worked out on arrays, a person per position in `account.people`: the same
    floating-point operations in the same order as one person at a time, so
    the scores are the same to the last bit.

    >>> from relgraph.account import Account, Influence, Person
    >>> a = Account("t", people={"boss": Person("boss", "Boss", roles=("decision_maker",), layer="executive"),
    ...                          "eng": Person("eng", "Eng", layer="frontline", manager_id="boss")},
    ...             influence=(Influence("eng", "boss", 5, "technical"),))
    >>> [(p.id, p.rank) for p in power_scores(a).values()]
    [('boss', 1), ('eng', 2)]
    """
    import numpy as np

    ids, people = list(account.people), list(account.people.values())
    size = len(ids)
    index = dict(zip(ids, range(size)))
    managers = map(attrgetter("manager_id"), people)
    manager = np.fromiter(map(index.get, managers, repeat(-1)), dtype=np.int64, count=size)  # -1: none here
    below = _people_below(manager)
    role = _weighed(people, "roles", _role_weight)
    layer = _weighed(people, "layer", lambda layer: LAYER_WEIGHT.get(layer or "", 0.3))
    estimate = _weighed(people, "influence", _estimate)
    span = _span(below, size)
    authority = 0.5 * role + 0.3 * layer
    formal = authority + 0.2 * span
    listening = _listening(account, 0.05 + formal)
    informal = np.array([1 - 2 ** -x for x in (listening * size).tolist()])  # Python's power, as it always was
    score = WEIGHTS["formal"] * formal + WEIGHTS["informal"] * informal + WEIGHTS["estimate"] * estimate
    order = _rank_order(ids, score)
    ranked = [ids[i] for i in order.tolist()]
    columns = (score, formal, role, layer, span, informal, estimate, _hidden(authority, informal), below,
               np.bincount(manager[manager >= 0], minlength=size))
    score, *parts, hidden, below, direct = (column[order].tolist() for column in columns)
    records = map(Power, ranked, score, range(1, size + 1), zip(*parts), hidden, below, direct)
    return dict(zip(ranked, records))


def power_reasons(account: Account, power: dict[str, Power]):
    """A function giving the reasons for one person's power, in short sentences."""
    listeners: dict[str, list[str]] = {}
    for edge in account.influence:
        listeners.setdefault(edge.source, []).append(edge.target)

    def reasons(pid: str) -> tuple[str, ...]:
        ranked = tuple(sorted(listeners.get(pid, ()), key=lambda other: power[other].rank))
        return _reasons(account, account.people[pid], power[pid], ranked)

    return reasons


def tie_positions(account: Account):
    """The influence ties as three numpy arrays: each source's and target's position in `account.people`, and the
    strength."""
    import numpy as np

    index = dict(zip(account.people, range(len(account.people))))
    ties, count = account.influence, len(account.influence)

    def positions(end: str):
        return np.fromiter(map(index.__getitem__, map(attrgetter(end), ties)), dtype=np.int64, count=count)

    strength = np.fromiter(map(attrgetter("strength"), ties), dtype=float, count=count)
    return positions("source"), positions("target"), strength


def _weighed(people: list[Person], attribute: str, weigh: Callable[[Any], float]):
    """weigh(each person's `attribute`) as an array, worked out once for each distinct value."""
    import numpy as np

    values = list(map(attrgetter(attribute), people))
    weight = {value: weigh(value) for value in set(values)}
    return np.fromiter(map(weight.__getitem__, values), dtype=float, count=len(values))


def _estimate(influence: int | None) -> float:
    return 0.5 if influence is None else (influence - 1) / 4


def _role_weight(roles: tuple[str, ...]) -> float:
    return max((ROLE_WEIGHT.get(r, 0.0) for r in roles), default=0.0)


def _rank_order(ids: list[str], score):
    """The positions from the most powerful to the least: by score rounded to 9 places (by Python's round, as it
    always was), equal ones by id."""
    import numpy as np

    by_id = np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)
    rounded = np.array([round(s, 9) for s in score.tolist()])
    return by_id[np.argsort(-rounded[by_id], kind="stable")]


def _span(below, size: int):
    """log(1 + people below) / log(N), by math's log1p once per distinct count (numpy's vectorised logarithm
    may differ from the C library's in the last bit)."""
    import numpy as np

    if size <= 1:
        return np.zeros(size)
    counts, position = np.unique(below, return_inverse=True)
    return np.array([math.log1p(c) for c in counts.tolist()])[position] / math.log(size)


def _people_below(manager):
    """How many people report up to each person, directly or indirectly (`manager`: each person's manager's
    position, -1 for none): added up one level of the hierarchy at a time, the deepest first, each level's
    people passing themselves and those below them to their managers."""
    import numpy as np

    size = len(manager)
    depth, up = (manager >= 0).astype(np.int64), manager.copy()
    for _ in range(size.bit_length()):  # pointer jumping: after k rounds, `up` is 2^k levels up (or -1, the top)
        climbing = up >= 0
        if not climbing.any():
            break
        depth[climbing] += depth[up[climbing]]
        up[climbing] = up[up[climbing]]
    depth[up >= 0] = -1  # never reaching the top: in or under a loop of managers (refused by the loader)
    by_depth = np.argsort(depth, kind="stable")
    depths = depth[by_depth]
    below = np.zeros(size, dtype=np.int64)
    for level in range(int(depths.max(initial=0)), 0, -1):
        people = by_depth[np.searchsorted(depths, level):np.searchsorted(depths, level, side="right")]
        np.add.at(below, manager[people], below[people] + 1)
    return below


def listening_rank(account: Account, teleport: dict[str, float], *, alpha: float = 0.85, tol: float = 1e-10,
                   max_iter: int = 1000) -> dict[str, float]:
    """Personalised PageRank on who listens to whom, where a weak tie passes on less of a listener's judgement.

    A listener passes strength / max(5, S) of their judgement along each tie
    (S: the summed strengths of their ties) and keeps the rest, which restarts
    in proportion to `teleport` like the judgement of someone who listens to
    no one. It is networkx's pagerank iteration (with an "own judgement" node
    per listener, tested so), on a scipy matrix built directly from the edge
    list: at 300,000 edges networkx's graph and its conversion took five times
    as long as the iteration itself. Raises RelgraphError if it does not
    converge within `max_iter` iterations.
    """
    import numpy as np

    p = np.fromiter((teleport[pid] for pid in account.people), dtype=float, count=len(account.people))
    return dict(zip(account.people, _listening(account, p, alpha=alpha, tol=tol, max_iter=max_iter).tolist()))


def _listening(account: Account, teleport, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000):
    """listening_rank on arrays: `teleport` and the answer by position in `account.people`."""
    import numpy as np
    import scipy.sparse as sparse

    size = len(account.people)
    advisor, listener, weight = tie_positions(account)
    matrix = sparse.csr_array((weight, (listener, advisor)), shape=(size, size))
    strengths = np.asarray(matrix.sum(axis=1)).ravel()
    passed = 1.0 / np.maximum(strengths, FULL_STRENGTH)
    matrix = sparse.diags_array(passed) @ matrix
    kept = 1.0 - strengths * passed  # 1 for a person who listens to no one
    p = teleport / teleport.sum()
    x = np.full(size, 1.0 / size)
    for _ in range(max_iter):
        previous = x
        x = alpha * (previous @ matrix + (previous @ kept) * p) + (1 - alpha) * p
        if np.abs(x - previous).sum() < size * tol:
            return x
    raise RelgraphError(f"the influence ranking of account {account.id!r} did not settle (iteration limit "
                        f"{max_iter:,} reached, last change {np.abs(x - previous).sum():.3g}, needed below "
                        f"{size * tol:.3g}); "
                        "this is a bug in relgraph, please report it with the account's influence.csv")


def _hidden(authority, informal):
    """Who is a hidden influencer (a boolean array): informal influence far above what layer and roles suggest."""
    import numpy as np

    if len(informal) < 5:
        return np.zeros(len(informal), dtype=bool)
    return ((informal >= _quantile(informal, HIDDEN_INFORMAL_QUANTILE))
            & (authority <= _quantile(authority, HIDDEN_FORMAL_QUANTILE)))


def _quantile(values, q: float) -> float:
    import numpy as np

    return np.sort(values)[min(len(values) - 1, int(q * len(values)))]


def _reasons(account: Account, person: Person, power: Power, listeners: tuple[str, ...]) -> tuple[str, ...]:
    reasons = []
    bid = account.focus
    if bid is not None and person.id in bid.team:
        role = bid.team[person.id]
        reasons.append(f"{_words(role)} on bid {bid.label}" if role else f"on the team of bid {bid.label}")
    elif person.roles:
        outside = f", not on the team of bid {bid.label}" if bid is not None else ""
        reasons.append(" and ".join(_words(r) for r in person.roles) + outside)
    if person.layer:
        reasons.append(f"{person.layer} layer")
    if power.below:
        verb = "reports" if power.below == 1 else "report"
        reasons.append(f"{power.below} {_people(power.below)} {verb} up to them ({power.direct_reports} directly)")
    if listeners:
        named = ", ".join(account.people[pid].label for pid in listeners[:3])
        verb = "listens" if len(listeners) == 1 else "listen"
        reasons.append(f"{len(listeners)} {_people(len(listeners))} {verb} to them, most powerful: {named}")
    if bid is not None and listeners:
        reasons += _bid_listeners(account, listeners)
    if person.influence is not None:
        reasons.append(f"team estimate {person.influence}/5")
    if power.hidden_influencer:
        reasons.append("hidden influencer: informal influence far above their layer and roles")
    return tuple(reasons)


def _bid_listeners(account: Account, listeners: tuple[str, ...]) -> list[str]:
    bid = account.focus
    roles = bid.team
    sentences = []
    for role in sorted({r for r in roles.values() if r}, key=list(ROLE_WEIGHT).index):
        team = [pid for pid, r in roles.items() if r == role and pid in account.people]
        listening = [pid for pid in team if pid in listeners]
        if listening:
            sentences.append(f"{len(listening)} of the {len(team)} {_words(role)}s on bid {bid.label} listen to them"
                             if len(team) > 1 else f"the {_words(role)} on bid {bid.label} listens to them")
    return sentences


def _words(role: str) -> str:
    return role.replace("_", " ")


def _people(count: int) -> str:
    return "person" if count == 1 else "people"
