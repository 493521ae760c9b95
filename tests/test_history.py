"""Revisions: every write recorded in the store, enough to give the account as it was after any revision."""

import csv
import json

import pytest

from relgraph.errors import InputError
from relgraph.history import read_history, state_after
from relgraph.loading import load_path
from relgraph.privacy import delete_account, forget
from relgraph.state import read_stored

SHARED = ("vendors", "team")  # shared by all accounts: compared apart


def edit(folder, name, change):
    """Rewrite one CSV of an account folder: `change(rows)` gets and returns its rows as dicts."""
    path = folder / name
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def own(state):
    return {kind: rows for kind, rows in state.items() if kind not in SHARED}


def test_every_load_is_a_revision_and_any_revision_can_be_given_back(store, acme, tmp_path):
    after = []
    load_path(store, acme, by="ann")
    after.append(read_stored(store, "acme"))
    edit(acme, "stakeholders.csv", lambda rows: [{**r, "title": "Chief Executive"} if r["id"] == "ceo" else r
                                                 for r in rows])
    edit(acme, "stances.csv", lambda rows: [{**r, "stance": "supporter"} if r["stakeholder_id"] == "eng" else r
                                            for r in rows][1:])  # one stance changed, one removed
    edit(acme, "influence.csv", lambda rows: rows + [{"source_id": "eng", "target_id": "ceo", "strength": "4",
                                                      "kind": "technical"}])
    load_path(store, acme, by="bo")
    after.append(read_stored(store, "acme"))
    edit(acme, "stakeholders.csv", lambda rows: [r for r in rows if r["id"] != "eng"])
    load_path(store, acme, prune=True)
    after.append(read_stored(store, "acme"))
    load_path(store, acme)  # changes nothing: no revision

    data, revisions, _ = read_history(store, "acme")
    assert [(r.number, r.by) for r in revisions][:2] == [(1, "ann"), (2, "bo")] and len(revisions) == 3
    assert revisions[1].summary == {"influence": {"created": 1}, "stakeholders": {"updated": 1},
                                    "stances": {"removed": 1, "updated": 1}}
    assert revisions[2].summary == {"stakeholders": {"departed": 1}} and revisions[0].source == str(acme)
    parts = store.read("history/undo", {"account": "acme"})
    now = read_stored(store, "acme")
    for number, expected in enumerate(after, start=1):
        assert own(state_after(parts, now, number)) == own(expected), number
    assert all(not rows for kind, rows in own(state_after(parts, now, 0)).items()), "before the first load: nothing"


def test_a_dry_run_or_a_refused_load_records_nothing(store, acme):
    load_path(store, acme, dry_run=True)
    edit(acme, "influence.csv", lambda rows: rows + [{"source_id": "nobody", "target_id": "ceo", "strength": "4",
                                                      "kind": ""}])
    with pytest.raises(InputError):
        load_path(store, acme)
    assert store.read("history/revisions", {"account": "acme"}) == []


def test_one_persons_history_says_what_moved(store, acme):
    load_path(store, acme)
    edit(acme, "stakeholders.csv", lambda rows: [{**r, "title": "Chief Executive"} if r["id"] == "ceo" else r
                                                 for r in rows])
    edit(acme, "stances.csv", lambda rows: [{**r, "stance": "mentor"} if (r["stakeholder_id"], r["vendor_id"]) ==
                                            ("ceo", "us") else r for r in rows])
    load_path(store, acme, by="bo")
    from relgraph.history import person_rows

    data, revisions, changes = read_history(store, "acme")
    second = [(r["kind"], r["about"], r["change"]) for r in person_rows(data, revisions, changes, "ceo")
              if r["revision"] == 2]
    assert second == [("stakeholders", "", "title: CEO -> Chief Executive"),
                      ("stances", "toward Our Co", "stance: supporter -> mentor")]


def test_forget_erases_the_person_from_the_history_too(store, acme):
    load_path(store, acme)
    edit(acme, "stakeholders.csv", lambda rows: [{**r, "title": "Chief Technology Officer"} if r["id"] == "cto"
                                                 else r for r in rows])
    load_path(store, acme)
    forget(store, "acme", "cto", by="dpo")
    parts = json.dumps([p["rows"] for p in store.read("history/undo", {"account": "acme"})], ensure_ascii=False)
    assert '"cto"' not in parts and "Li Wei" not in parts and "CTO" not in parts
    _, revisions, _ = read_history(store, "acme")
    assert (revisions[-1].by, revisions[-1].source, revisions[-1].summary) == (
        "dpo", "forget", {"stakeholders": {"erased": 1}})


def test_deleting_an_account_deletes_its_history(store, acme):
    load_path(store, acme)
    delete_account(store, "acme")
    assert store.read("history/revisions", {"account": "acme"}) == []
    assert store.read("history/undo", {"account": "acme"}) == []


def test_the_load_creating_an_account_records_only_that_and_history_still_tells_every_row_it_added(store, acme):
    from relgraph.history import OWN_KINDS, row_changes

    load_path(store, acme)
    first = read_stored(store, "acme")
    edit(acme, "stakeholders.csv", lambda rows: [{**r, "title": "Chief Executive"} if r["id"] == "ceo" else r
                                                 for r in rows])
    edit(acme, "stances.csv", lambda rows: rows[1:])
    load_path(store, acme)
    parts = store.read("history/undo", {"account": "acme"})
    created = [row for part in parts if part["number"] == 1 for row in json.loads(part["rows"])]
    assert ["account", ["acme"], None] in created and {kind for kind, _, _ in created} <= {"account", *SHARED}

    # the same history as it was recorded before: revision 1 listing every row it created
    listed = created + [[kind, list(key), None] for kind in OWN_KINDS if kind != "account" for key in first[kind]]
    legacy = [{**part, "rows": json.dumps(listed)} if part["number"] == 1 else part for part in parts]
    now = read_stored(store, "acme")
    assert row_changes(parts, now) == row_changes(legacy, now)
    added = {(c.kind, c.key): c.after for c in row_changes(parts, now) if c.revision == 1 and c.kind in OWN_KINDS}
    assert added == {(kind, key): row for kind in OWN_KINDS for key, row in first[kind].items()}
    for number in (0, 1, 2):
        assert state_after(parts, now, number) == state_after(legacy, now, number), number
