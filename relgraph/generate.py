"""Synthetic organisations in the canonical account-folder format, for benchmarks and tests.

Each account is a hierarchy with spans of control of 3 to 8, departments
with functions, about three influence edges per person (half along the
hierarchy, half across it), stances toward us and three competitors, our
team's owners and touchpoints, and one open bid. The same seed gives the same
files, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from relgraph import model
from relgraph.files import make_private_folder, write_private

__all__ = ["generate", "account_sizes"]

COMPETITORS = (("us", "Our Company", True), ("rival-a", "Rival A", False), ("rival-b", "Rival B", False),
               ("rival-c", "Rival C", False))
FUNCTIONS = ("business", "technical", "procurement", "finance", "admin", "other")
START = dt.date(2026, 1, 1)


@dataclass
class _Org:
    prefix: str
    rng: random.Random
    people: list[dict] = field(default_factory=list)
    departments: list[dict] = field(default_factory=list)


def account_sizes(people: int, accounts: int) -> list[int]:
    """How many stakeholders each of `accounts` generated accounts holds: `people` split as evenly as can be.

    >>> account_sizes(10, 3)
    [4, 3, 3]
    """
    return [people // accounts + (1 if i < people % accounts else 0) for i in range(accounts)]


def generate(out: str | Path, people: int, accounts: int = 1, seed: int = 1) -> list[Path]:
    """Write `accounts` account folders holding `people` stakeholders in all under `out`."""
    out = Path(out)
    folders = []
    for index, size in enumerate(account_sizes(people, accounts)):
        folder = out / f"synthetic-{index + 1}"
        make_private_folder(folder)
        _write_account(folder, f"synthetic-{index + 1}", f"s{index + 1}", size, random.Random(f"{seed}-{index}"))
        folders.append(folder)
    return folders


def _write_account(folder: Path, account: str, prefix: str, size: int, rng: random.Random) -> None:
    org = _Org(prefix, rng)
    _hierarchy(org, size)
    ids = [p["id"] for p in org.people]
    _write(folder / "account.csv", ["id", "name", "tier"], [[account, f"Synthetic Org {prefix[1:]}", rng.choice(model.TIERS)]])
    _write(folder / "departments.csv", ["id", "name", "function", "parent_id"],
           [[d["id"], d["name"], d["function"], d["parent_id"]] for d in org.departments])
    _write(folder / "stakeholders.csv",
           ["id", "name", "title", "department_id", "layer", "roles", "influence", "manager_id", "last_contact", "status", "notes"],
           [[p["id"], p["name"], p["title"], p["department_id"], p["layer"], ";".join(p["roles"]), p["influence"],
             p["manager_id"], p["last_contact"], "active", ""] for p in org.people])
    _write(folder / "influence.csv", ["source_id", "target_id", "strength", "kind"], _influence(org))
    _write(folder / "vendors.csv", ["id", "name", "is_us"], [[v, n, str(us).lower()] for v, n, us in COMPETITORS])
    _write(folder / "stances.csv", ["stakeholder_id", "vendor_id", "stance", "level", "confidence", "as_of", "source"], _stances(org))
    team = [f"{prefix}-tm{i}" for i in range(1, 6)]
    _write(folder / "team.csv", ["id", "name"], [[t, f"Team Member {t}"] for t in team])
    owned = [pid for pid in ids if rng.random() < 0.5]
    _write(folder / "owners.csv", ["team_member_id", "stakeholder_id", "since"],
           [[rng.choice(team), pid, _day(rng, 0, 300)] for pid in owned])
    _write(folder / "contacts.csv", ["team_member_id", "stakeholder_id", "date", "kind"], _contacts(org, team))
    bid = f"{prefix}-bid-1"
    _write(folder / "bids.csv", ["id", "name", "due", "stage"], [[bid, "Synthetic tender", "2027-03-01", "rfp"]])
    members = org.people[: min(len(org.people), 12)]
    _write(folder / "bid_team.csv", ["bid_id", "stakeholder_id", "role"],
           [[bid, p["id"], (p["roles"] or ["user"])[0]] for p in members])


def _hierarchy(org: _Org, size: int) -> None:
    """People level by level, each manager taking 3 to 8 reports; a department per middle manager's team."""
    rng, prefix = org.rng, org.prefix
    org.departments.append({"id": f"{prefix}-d0", "name": "Executive Office", "function": "executive", "parent_id": ""})
    top = _person(org, "executive", f"{prefix}-d0", "", ("decision_maker",), "Chief Executive")
    managers = [top]
    while len(org.people) < size:
        next_level = []
        for manager in managers:
            for _ in range(rng.randint(3, 8)):
                if len(org.people) >= size:
                    break
                next_level.append(_report(org, manager))
        managers = next_level or managers


def _report(org: _Org, manager: dict) -> dict:
    rng = org.rng
    depth = manager["depth"] + 1
    if depth == 1:
        return _person(org, "executive", manager["department_id"], manager["id"], ("approver",), "Deputy Head", depth)
    if depth == 2:
        function = rng.choice(FUNCTIONS)
        department = f"{org.prefix}-d{len(org.departments)}"
        org.departments.append({"id": department, "name": f"{function.title()} Division {len(org.departments)}",
                                "function": function, "parent_id": manager["department_id"]})
        roles = {"technical": ("evaluator",), "procurement": ("procurement",), "finance": ("approver",)}.get(function, ("influencer",))
        return _person(org, "middle", department, manager["id"], roles, "Division Head", depth)
    roles = rng.choice([(), ("user",), ("user",), ("evaluator",), ("gatekeeper",)])
    if depth == 3:
        parent = next(d for d in org.departments if d["id"] == manager["department_id"])
        section = f"{org.prefix}-d{len(org.departments)}"
        org.departments.append({"id": section, "name": f"Section {len(org.departments)}", "function": parent["function"],
                                "parent_id": parent["id"]})
        return _person(org, "middle", section, manager["id"], roles, "Section Chief", depth)
    return _person(org, "frontline", manager["department_id"], manager["id"], roles, "Officer", depth)


def _person(org: _Org, layer: str, department: str, manager: str, roles: tuple, title: str, depth: int = 0) -> dict:
    rng = org.rng
    number = len(org.people) + 1
    person = {"id": f"{org.prefix}-p{number}", "name": f"Person {org.prefix}-{number}", "title": title,
              "department_id": department, "layer": layer, "roles": list(roles), "manager_id": manager,
              "influence": {"executive": rng.randint(4, 5), "middle": rng.randint(2, 4)}.get(layer, rng.randint(1, 3)),
              "last_contact": _day(rng, 0, 320) if rng.random() < 0.6 else "", "depth": depth}
    org.people.append(person)
    return person


def _influence(org: _Org) -> list[list]:
    rng, people = org.rng, org.people
    edges = {}
    for person in people:
        if person["manager_id"]:
            edges[(person["id"], person["manager_id"])] = rng.choice(model.INFLUENCE_KINDS[:2])
        for _ in range(2):
            other = people[rng.randrange(len(people))]["id"]
            if other != person["id"]:
                edges[(person["id"], other)] = rng.choice(model.INFLUENCE_KINDS)
    return [[s, t, rng.randint(1, 5), kind] for (s, t), kind in edges.items()]


def _stances(org: _Org) -> list[list]:
    rng, rows = org.rng, []
    for person in org.people:
        if rng.random() < 0.15:
            continue
        allied = False  # a person takes one vendor's side, at a level that does not contradict it
        for vendor, _, us in COMPETITORS:
            stance = rng.choices(model.STANCES, weights=(1, 12, 40, 10, 37))[0]
            if stance in model.ALLY_STANCES and allied:
                stance = "neutral"
            allied = allied or stance in model.ALLY_STANCES
            at_odds = model.LEVELS_AT_ODDS.get(stance, ())
            level = rng.choice([lv for lv in model.LEVELS if lv not in at_odds]) if us else ""
            rows.append([person["id"], vendor, stance, level, rng.choice(model.CONFIDENCES), _day(rng, 100, 320), "synthetic"])
    return rows


def _contacts(org: _Org, team: list[str]) -> list[list]:
    rng, rows = org.rng, set()
    for person in org.people:
        if person["last_contact"]:
            rows.add((rng.choice(team), person["id"], person["last_contact"], rng.choice(model.CONTACT_KINDS)))
    return sorted(rows)


def _day(rng: random.Random, low: int, high: int) -> str:
    return (START + dt.timedelta(days=rng.randint(low, high))).isoformat()


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    write_private(path, text.getvalue())
