"""Competitive position: the positioning table (people x vendors) and each vendor's power-weighted support."""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.account import ALLY_STANCES, Account
from relgraph.analysis.power import Power
from relgraph.model import STANCES

__all__ = ["VendorStanding", "Position", "competitive_position"]


@dataclass(frozen=True)
class VendorStanding:
    vendor: str
    name: str
    is_us: bool
    counts: dict[str, int]  # stance -> people; no recorded stance counts as unknown
    weighted_support: float  # power of its mentors and supporters over everyone's power


@dataclass(frozen=True)
class Position:
    vendors: list[VendorStanding]  # us first, then competitors by id
    table: list[dict]  # one row per person by power: id, name, score, and a stance per vendor id
    suppression_ratio: float | None  # our weighted support over the strongest competitor's
    strongest_competitor: str | None


def competitive_position(account: Account, power: dict[str, Power]) -> Position:
    scope = [pid for pid in power if account.focus is None or pid in account.focus.team]
    vendors = ([(account.us, account.us_name or account.us, True)] if account.us else []) + [(v, n, False) for v, n in account.competitors.items()]
    table = []
    for pid in scope:
        person = account.people[pid]
        row = {"id": pid, "name": person.name, "title": person.title, "score": round(power[pid].score, 4)}
        for vendor, _, is_us in vendors:
            row[vendor] = account.stance_to(person, vendor)
        table.append(row)
    total = sum(power[pid].score for pid in scope) or 1.0
    standings = []
    for vendor, name, is_us in vendors:
        stances = [row[vendor] for row in table]
        support = sum(power[row["id"]].score for row in table if row[vendor] in ALLY_STANCES)
        standings.append(VendorStanding(vendor, name, is_us,
                                        {s: stances.count(s) for s in STANCES}, round(support / total, 4)))
    return Position(standings, table, *_suppression(standings))


def _suppression(standings: list[VendorStanding]) -> tuple[float | None, str | None]:
    ours = next((s for s in standings if s.is_us), None)
    rivals = [s for s in standings if not s.is_us]
    if ours is None or not rivals:
        return None, None
    strongest = max(rivals, key=lambda s: (s.weighted_support, s.vendor))
    if strongest.weighted_support == 0:
        return None, strongest.vendor
    return round(ours.weighted_support / strongest.weighted_support, 4), strongest.vendor
