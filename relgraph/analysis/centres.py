"""Decision centres: communities of the influence graph, each named by its most powerful member."""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.account import Account
from relgraph.analysis.power import DECIDER_ROLES, Power

__all__ = ["Centre", "Centres", "decision_centres", "SEED"]

SEED = 7  # Louvain is randomised; a fixed seed makes the centres the same on every run


@dataclass(frozen=True)
class Centre:
    leader: str  # the most powerful member's id
    members: tuple[str, ...]  # most powerful first
    power: float  # the members' summed power score
    share: float  # of the whole account's power
    deciders: tuple[str, ...]  # decision makers and approvers among the members


@dataclass(frozen=True)
class Centres:
    centres: list[Centre]  # the one with the most powerful leader first
    modularity: float  # of the whole partition, by influence strength: how clearly the groups stand apart


def decision_centres(account: Account, power: dict[str, Power]) -> Centres:
    """The groups of two or more people tied by influence (Louvain, at every size, weighted by strength)."""
    groups, modularity = _communities(account)
    total = sum(p.score for p in power.values()) or 1.0
    centres = []
    for group in groups:
        if len(group) < 2:
            continue
        members = tuple(sorted(group, key=lambda pid: power[pid].rank))
        summed = sum(power[pid].score for pid in members)
        deciders = tuple(pid for pid in members if set(account.people[pid].roles) & set(DECIDER_ROLES))
        centres.append(Centre(members[0], members, summed, summed / total, deciders))
    return Centres(sorted(centres, key=lambda c: power[c.leader].rank), round(modularity, 4))


def _communities(account: Account) -> tuple[list[list[str]], float]:
    """igraph's multilevel Louvain on the undirected influence graph (ties both ways summed), people in id order
    and its random numbers seeded, so that the same account gives the same partition on every run and store."""
    import random

    import igraph

    ids = list(account.people)
    index = {pid: i for i, pid in enumerate(ids)}
    weights: dict[tuple[int, int], int] = {}
    for edge in account.influence:
        pair = tuple(sorted((index[edge.source], index[edge.target])))
        weights[pair] = weights.get(pair, 0) + edge.strength
    if not weights:
        return [], 0.0
    graph = igraph.Graph(n=len(ids), edges=list(weights), directed=False)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        partition = graph.community_multilevel(weights=list(weights.values()))
    finally:
        igraph.set_random_number_generator(random)
    return [[ids[i] for i in group] for group in partition], partition.modularity
