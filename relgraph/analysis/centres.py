"""Decision centres: communities of the influence graph, each named by its most powerful member."""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.account import Account
from relgraph.analysis.power import DECIDER_ROLES, Power

__all__ = ["Centre", "decision_centres", "SEED"]

SEED = 7  # both methods are randomised; a fixed seed makes the centres the same on every run
LOUVAIN_MAX_PEOPLE = 20_000  # Louvain took 50 s at 100,000 people; label propagation 9 s


@dataclass(frozen=True)
class Centre:
    leader: str  # the most powerful member's id
    members: tuple[str, ...]  # most powerful first
    power: float  # the members' summed power score
    share: float  # of the whole account's power
    deciders: tuple[str, ...]  # decision makers and approvers among the members


def decision_centres(account: Account, power: dict[str, Power]) -> list[Centre]:
    """The groups of two or more people tied by influence, the one with the most powerful leader first."""
    import networkx as nx

    ties = nx.Graph()
    ties.add_nodes_from(account.people)
    for edge in account.influence:
        weight = ties.get_edge_data(edge.source, edge.target, {"weight": 0})["weight"] + edge.strength
        ties.add_edge(edge.source, edge.target, weight=weight)
    if len(ties) <= LOUVAIN_MAX_PEOPLE:
        groups = nx.community.louvain_communities(ties, weight="weight", seed=SEED)
    else:
        groups = nx.community.fast_label_propagation_communities(ties, weight="weight", seed=SEED)
    total = sum(p.score for p in power.values()) or 1.0
    centres = []
    for group in groups:
        if len(group) < 2:
            continue
        members = tuple(sorted(group, key=lambda pid: power[pid].rank))
        summed = sum(power[pid].score for pid in members)
        deciders = tuple(pid for pid in members if set(account.people[pid].roles) & set(DECIDER_ROLES))
        centres.append(Centre(members[0], members, summed, summed / total, deciders))
    return sorted(centres, key=lambda c: power[c.leader].rank)
