"""Each analysis reads only the parts of the account it uses, and answers exactly as on the whole account."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import write_evil_account

from relgraph.account import ALWAYS, QUERIES, read_account
from relgraph.analysis.registry import ANALYSES, Names, Settings, analyse, parts_of, run, table
from relgraph.demo import DEMO_ACCOUNTS, load_demo
from relgraph.export import export_account
from relgraph.generate import generate
from relgraph.loading import load_path

SETTINGS = (Settings(today=dt.date(2026, 11, 23)), Settings(today=dt.date(2026, 11, 23), hidden_only=True, top=5))


def printed(name: str, data, result: dict) -> str:
    """What the analysis prints in every format: its JSON, and each section's table by id and by name."""
    analysis = ANALYSES[name]
    tables = [table(analysis, s.name, result, names) for s in analysis.sections for names in (Names(), Names(data))]
    return json.dumps([result, tables], ensure_ascii=False, default=str)


def only_touchpoints(store, folder: Path) -> Path:
    """The bureau demo account as "touched", its recorded last contacts blanked: only the touchpoints say who
    is in touch."""
    export_account(read_account(store, "bureau"), folder)
    for name, change in (("account.csv", {"id": "touched"}), ("stakeholders.csv", {"last_contact": ""})):
        with open(folder / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with open(folder / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({**row, **change} for row in rows)
    return folder


def test_each_analysis_answers_on_its_own_parts_as_on_the_whole_account(store, tmp_path):
    load_demo(store)
    load_path(store, write_evil_account(tmp_path / "evil"))
    load_path(store, only_touchpoints(store, tmp_path / "touched"))
    generated = generate(tmp_path / "generated", 600, accounts=2, seed=3)
    for folder in generated:
        load_path(store, folder)
    compared = 0
    for account in (*DEMO_ACCOUNTS, "evil", "touched", *(folder.name for folder in generated)):
        for bid in (None, *read_account(store, account).bids):
            for departed in (False, True):
                whole = analyse(store, account, bid, departed)
                for name in (n for n, a in ANALYSES.items() if bid or not a.needs_bid):
                    lean = analyse(store, account, bid, departed, analyses=(name,))
                    assert lean[0].parts == {*ALWAYS, *ANALYSES[name].reads}
                    for settings in SETTINGS:
                        expected = printed(name, whole[0], run(name, *whole, settings))
                        assert printed(name, lean[0], run(name, *lean, settings)) == expected, (name, account, bid)
                        compared += 1
    assert compared > 100


def test_the_parts_not_read_are_empty_and_an_analysis_needing_them_refuses(demo_store):
    centres = read_account(demo_store, "bureau", parts=ANALYSES["centres"].reads)
    assert centres.parts == {"account", "people", "bids", "bid_team", "managers", "influence"}
    assert centres.influence and centres.reports_to and centres.bids
    assert not centres.departments and not centres.vendors and not centres.team and not centres.targets
    assert all(p.our is None and not p.rivals and not p.owners and not p.touchpoints and p.department_id is None
               for p in centres.people.values())
    data, power = analyse(demo_store, "bureau", analyses=("centres",))
    with pytest.raises(ValueError, match="unreached needs the parts contacts, owners, stances, team, vendors"):
        run("unreached", data, power, SETTINGS[0])


def test_several_analyses_read_the_union_of_their_parts_once(demo_store):
    assert set(parts_of(("centres", "position"))) == set(ANALYSES["position"].reads)
    assert set(parts_of(("gaps", "unreached"))) == {*ANALYSES["gaps"].reads, *ANALYSES["unreached"].reads}
    assert set(parts_of(ANALYSES)) == set(QUERIES)  # next reads the whole account
    data, _ = analyse(demo_store, "bureau", analyses=("centres", "position"))
    assert data.parts == {*ALWAYS, *ANALYSES["position"].reads}


def test_an_unknown_part_is_refused(demo_store):
    with pytest.raises(ValueError, match="no such part of an account: stance; parts: account, people"):
        read_account(demo_store, "bureau", parts=("stance",))
