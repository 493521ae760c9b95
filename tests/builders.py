"""Small accounts built in code for the analysis tests: a person unknown to us unless told otherwise."""

from __future__ import annotations

from dataclasses import replace

from relgraph.account import Account, Bid, Influence, Owner, Person, Stance, Vendor

US = Vendor("us", "Our Co", True)


def person(pid: str, *, our_stance: str | None = None, our_level: str | None = None,
           competitor_stances: dict[str, str] | None = None, owners: tuple[str, ...] = (),
           last_contact: str | None = None, **fields) -> Person:
    """A person named after their id; our stance, owners and last contact given as plain values."""
    our = Stance(our_stance or "unknown", our_level) if our_stance or our_level else None
    return Person(pid, fields.pop("name", pid.title()), our=our, recorded_contact=last_contact,
                  rivals={v: Stance(s) for v, s in sorted((competitor_stances or {}).items())},
                  owners=tuple(Owner(o) for o in sorted(owners)), **fields)


def account(people, influence=(), reports_to=None, bid: Bid | None = None, vendors=None) -> Account:
    """An account of `people`, with `reports_to` (person -> manager) setting their managers, scoped to `bid`."""
    reports_to = reports_to or {}
    people = {p.id: replace(p, manager_id=reports_to.get(p.id, p.manager_id))
              for p in sorted(people, key=lambda p: p.id)}
    rivals = {v: Vendor(v, name) for v, name in sorted((vendors or {"rival": "Rival Co"}).items())}
    data = Account("t", "T", None, people, influence=tuple(sorted((Influence(*e) for e in influence),
                                                                  key=lambda e: (e.source, e.target))),
                   vendors={"us": US, **rivals}, bids={bid.id: bid} if bid else {})
    return data.scoped(bid.id if bid else None, include_departed=True)


# The header of each file of an account folder, for tests that write one.
FOLDER_HEADERS = {
    "account": "id,name,tier", "departments": "id,name,function,parent_id", "team": "id,name",
    "vendors": "id,name,is_us",
    "stakeholders": "id,name,title,department_id,layer,roles,influence,manager_id,last_contact,status,notes",
    "influence": "source_id,target_id,strength,kind",
    "stances": "stakeholder_id,vendor_id,stance,level,confidence,as_of,source",
    "owners": "team_member_id,stakeholder_id,since", "contacts": "team_member_id,stakeholder_id,date,kind",
    "bids": "id,name,due,stage", "bid_team": "bid_id,stakeholder_id,role",
    "activities": "date,kind,subject,stakeholder_ids,team_member_ids,ends,score",
    "procurement": "bid_id,step,took_part,date",
}


def write_folder(folder, files: dict[str, list[str]]):
    """An account folder of `files`: kind -> its CSV lines without the header."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, lines in files.items():
        (folder / f"{kind}.csv").write_text("\n".join([FOLDER_HEADERS[kind], *lines]) + "\n", encoding="utf-8")
    return folder
