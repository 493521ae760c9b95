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
from collections import Counter
from dataclasses import dataclass

from relgraph.account import Account, Person
from relgraph.errors import RelgraphError

__all__ = ["Power", "power_scores", "power_reasons", "listening_rank", "ROLE_WEIGHT", "LAYER_WEIGHT", "DECIDER_ROLES"]

ROLE_WEIGHT = {"decision_maker": 1.0, "approver": 0.8, "evaluator": 0.6, "influencer": 0.5,
               "procurement": 0.5, "gatekeeper": 0.4, "user": 0.3}
LAYER_WEIGHT = {"executive": 1.0, "middle": 0.6, "frontline": 0.3}
DECIDER_ROLES = ("decision_maker", "approver")
WEIGHTS = {"formal": 0.45, "informal": 0.40, "estimate": 0.15}
FULL_STRENGTH = 5  # ties of this summed strength pass on a listener's whole judgement
HIDDEN_INFORMAL_QUANTILE = 0.9  # informal influence in the account's top tenth ...
HIDDEN_FORMAL_QUANTILE = 0.5  # ... while formal authority is below its median


@dataclass(frozen=True)
class Power:
    id: str
    score: float
    rank: int
    components: dict[str, float]
    hidden_influencer: bool
    below: int  # people who report up to this person, directly or not
    direct_reports: int


def power_scores(account: Account) -> dict[str, Power]:
    """Every active person's power, keyed by id, in rank order (rank 1 = most powerful).

    >>> from relgraph.account import Account, Influence, Person
    >>> a = Account("t", people={"boss": Person("boss", "Boss", roles=("decision_maker",), layer="executive"),
    ...                          "eng": Person("eng", "Eng", layer="frontline", manager_id="boss")},
    ...             influence=(Influence("eng", "boss", 5, "technical"),))
    >>> [(p.id, p.rank) for p in power_scores(a).values()]
    [('boss', 1), ('eng', 2)]
    """
    people, reports_to = account.people, account.reports_to
    span = _people_below(account, reports_to)
    direct = Counter(reports_to.values())
    formal = {pid: _formal(p, span[pid], len(people)) for pid, p in people.items()}
    informal = _informal(account, formal)
    scores = {pid: _combine(formal[pid]["formal"], informal[pid], _estimate(p)) for pid, p in people.items()}
    order = sorted(people, key=lambda pid: (-round(scores[pid], 9), pid))
    hidden = _hidden(formal, informal)
    result = {}
    for rank, pid in enumerate(order, start=1):
        components = {**formal[pid], "informal": informal[pid], "estimate": _estimate(people[pid])}
        result[pid] = Power(pid, scores[pid], rank, {k: round(v, 4) for k, v in components.items()},
                            pid in hidden, span[pid], direct[pid])
    return result


def power_reasons(account: Account, power: dict[str, Power]):
    """A function giving the reasons for one person's power, in short sentences."""
    listeners: dict[str, list[str]] = {}
    for edge in account.influence:
        listeners.setdefault(edge.source, []).append(edge.target)

    def reasons(pid: str) -> tuple[str, ...]:
        ranked = tuple(sorted(listeners.get(pid, ()), key=lambda other: power[other].rank))
        return _reasons(account, account.people[pid], power[pid], ranked)

    return reasons


def _combine(formal: float, informal: float, estimate: float) -> float:
    return WEIGHTS["formal"] * formal + WEIGHTS["informal"] * informal + WEIGHTS["estimate"] * estimate


def _estimate(person: Person) -> float:
    return 0.5 if person.influence is None else (person.influence - 1) / 4


def _role_weight(person: Person) -> float:
    return max((ROLE_WEIGHT.get(r, 0.0) for r in person.roles), default=0.0)


def _formal(person: Person, below: int, size: int) -> dict[str, float]:
    role = _role_weight(person)
    layer = LAYER_WEIGHT.get(person.layer or "", 0.3)
    span = math.log1p(below) / math.log(size) if size > 1 else 0.0
    return {"formal": 0.5 * role + 0.3 * layer + 0.2 * span, "role": role, "layer": layer, "span": span}


def _people_below(account: Account, reports_to: dict[str, str]) -> dict[str, int]:
    """How many people report up to each person, directly or indirectly: one pass down each tree of the forest."""
    children: dict[str, list[str]] = {pid: [] for pid in account.people}
    for person, manager in reports_to.items():
        children[manager].append(person)
    below: dict[str, int] = {}
    for root in (pid for pid in account.people if pid not in reports_to):
        stack, order = [root], []
        while stack:  # iterative, so a deep hierarchy cannot overflow the stack
            node = stack.pop()
            order.append(node)
            stack.extend(children[node])
        for node in reversed(order):  # reports before their managers
            below[node] = sum(1 + below[c] for c in children[node])
    return {pid: below.get(pid, 0) for pid in account.people}  # 0 in a loop of managers (refused by the loader)


def _informal(account: Account, formal: dict[str, dict[str, float]]) -> dict[str, float]:
    teleport = {pid: 0.05 + f["formal"] for pid, f in formal.items()}
    rank = listening_rank(account, teleport)
    size = len(account.people)
    return {pid: _pull(rank[pid] * size) for pid in account.people}


def _pull(x: float) -> float:
    return 1 - 2 ** -x


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
    import scipy.sparse as sparse

    ids = list(account.people)
    index = {pid: i for i, pid in enumerate(ids)}
    size, edges = len(ids), len(account.influence)
    listener = np.fromiter((index[e.target] for e in account.influence), dtype=np.int64, count=edges)
    advisor = np.fromiter((index[e.source] for e in account.influence), dtype=np.int64, count=edges)
    weight = np.fromiter((e.strength for e in account.influence), dtype=float, count=edges)
    matrix = sparse.csr_array((weight, (listener, advisor)), shape=(size, size))
    strengths = np.asarray(matrix.sum(axis=1)).ravel()
    passed = 1.0 / np.maximum(strengths, FULL_STRENGTH)
    matrix = sparse.diags_array(passed) @ matrix
    kept = 1.0 - strengths * passed  # 1 for a person who listens to no one
    p = np.fromiter((teleport[pid] for pid in ids), dtype=float, count=size)
    p /= p.sum()
    x = np.full(size, 1.0 / size)
    for _ in range(max_iter):
        previous = x
        x = alpha * (previous @ matrix + (previous @ kept) * p) + (1 - alpha) * p
        if np.abs(x - previous).sum() < size * tol:
            return dict(zip(ids, x.tolist()))
    raise RelgraphError(f"the influence ranking of account {account.id!r} did not settle (iteration limit "
                        f"{max_iter:,} reached, last change {np.abs(x - previous).sum():.3g}, needed below "
                        f"{size * tol:.3g}); "
                        "this is a bug in relgraph, please report it with the account's influence.csv")


def _hidden(formal: dict[str, dict[str, float]], informal: dict[str, float]) -> set[str]:
    """People whose informal influence is far above what their layer and roles suggest."""
    if len(informal) < 5:
        return set()
    informal_cut = _quantile(sorted(informal.values()), HIDDEN_INFORMAL_QUANTILE)
    authority = {pid: 0.5 * f["role"] + 0.3 * f["layer"] for pid, f in formal.items()}
    formal_cut = _quantile(sorted(authority.values()), HIDDEN_FORMAL_QUANTILE)
    return {pid for pid in informal if informal[pid] >= informal_cut and authority[pid] <= formal_cut}


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


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
