"""Decision centres: communities of the influence graph, each named by its most powerful member."""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.account import Account
from relgraph.analysis.power import DECIDER_ROLES, Power, tie_positions

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
    community, modularity = _communities(account)
    if not community:
        return Centres([], 0.0)
    groups: dict[int, list[str]] = {}
    for pid in power:  # in rank order: each group's most powerful member first, the groups in their order
        groups.setdefault(community[pid], []).append(pid)
    total = sum(p.score for p in power.values()) or 1.0
    deciding = set(DECIDER_ROLES)
    centres = []
    for members in groups.values():
        if len(members) < 2:
            continue
        summed = sum(power[pid].score for pid in members)
        deciders = tuple(pid for pid in members if not deciding.isdisjoint(account.people[pid].roles))
        centres.append(Centre(members[0], tuple(members), summed, summed / total, deciders))
    return Centres(centres, round(modularity, 4))


def _communities(account: Account) -> tuple[dict[str, int], float]:
    """igraph's multilevel Louvain on the undirected influence graph (ties both ways summed), people in id order
    and its random numbers seeded, so that the same account gives the same partition on every run and store:
    each person's community, and the partition's modularity."""
    import random

    import igraph
    import numpy as np

    source, target, strength = tie_positions(account)
    if not len(source):
        return {}, 0.0
    size = len(account.people)
    low, high = np.minimum(source, target), np.maximum(source, target)
    pairs, first, which = np.unique(low * size + high, return_index=True, return_inverse=True)
    order = np.argsort(first)  # each pair where a tie first names it: the order igraph's Louvain has always seen
    weights = np.bincount(which, weights=strength, minlength=len(pairs))[order]
    edges = zip(low[first[order]].tolist(), high[first[order]].tolist())  # no list per edge for the GC to scan
    graph = igraph.Graph(n=size, edges=edges, directed=False)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        partition = graph.community_multilevel(weights=weights.tolist())
    finally:
        igraph.set_random_number_generator(random)
    return dict(zip(account.people, partition.membership)), partition.modularity
