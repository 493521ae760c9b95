"""The read model, the write plan and forget on a recording fake store: no server, every query checked."""

import datetime as dt
from pathlib import Path

import pytest

from fakes import RecordingStore
from relgraph.account import Owner, Stance, Touchpoint, read_account
from relgraph.errors import QueryError, RelgraphError
from relgraph.loading import load_path
from relgraph.privacy import delete_account, forget

DATA = Path(__file__).parent / "data"
P = dict(title=None, email=None, layer=None, roles=None, influence=None, status="active", last_contact=None, notes=None,
         organisation=None)


def canned() -> dict[str, list[dict]]:
    """A small account, its rows in no particular order, as a store may answer."""
    return {
        "account/account": [{"id": "a", "name": "A Co", "tier": "S"}],
        "account/people": [{**P, "id": "zed", "name": "Zed", "status": "departed"},
                           {**P, "id": "boss", "name": "Boss", "roles": ["decision_maker"], "last_contact": "2026-01-05"},
                           {**P, "id": "eng", "name": "Eng", "title": "Engineer"}],
        "account/departments": [{"id": "d1", "name": "IT", "function": "technical", "parent_id": None}],
        "account/memberships": [{"id": "eng", "department_id": "d1"}],
        "account/managers": [{"id": "eng", "manager_id": "boss"}, {"id": "zed", "manager_id": "boss"}],
        "account/influence": [{"source_id": "eng", "target_id": "boss", "strength": 5, "kind": "technical"},
                              {"source_id": "boss", "target_id": "eng", "strength": 2, "kind": None}],
        "account/stances": [{"id": "eng", "vendor_id": "rival2", "stance": "supporter", "level": None,
                             "confidence": None, "as_of": None, "source": None},
                            {"id": "eng", "vendor_id": "rival1", "stance": "supporter", "level": None,
                             "confidence": None, "as_of": None, "source": None},
                            {"id": "eng", "vendor_id": "rival3", "stance": "mentor", "level": None,
                             "confidence": None, "as_of": None, "source": None},
                            {"id": "boss", "vendor_id": "us", "stance": "mentor", "level": "supports",
                             "confidence": "high", "as_of": "2026-01-01", "source": "lunch"}],
        "account/vendors": [{"id": "rival1", "name": None, "is_us": False}, {"id": "us", "name": "Us", "is_us": True},
                            {"id": "rival2", "name": "Two", "is_us": False}, {"id": "rival3", "name": "Three", "is_us": False}],
        "account/team": [{"id": "t1", "name": "Ann"}],
        "account/owners": [{"id": "boss", "team_member_id": "t1", "since": "2025-01-01"}],
        "account/contacts": [{"id": "boss", "team_member_id": "t1", "date": "2025-12-01", "kind": "call"},
                             {"id": "boss", "team_member_id": "t1", "date": "2026-02-01", "kind": "visit"}],
        "account/bids": [{"id": "b1", "name": "Tender", "due": None, "stage": "rfp"}],
        "account/bid_team": [{"bid_id": "b1", "id": "eng", "role": "evaluator"}, {"bid_id": "b1", "id": "boss", "role": None}],
        "read/accounts": [{"id": "a", "name": "A Co", "tier": "S", "departments": 1, "stakeholders": 3, "bids": 1}],
    }


def test_an_account_is_read_in_one_read_into_its_model():
    store = RecordingStore(canned())
    account = read_account(store, "a")
    assert len(store.reads) == 1  # one state of the store
    assert list(account.people) == ["boss", "eng", "zed"] and list(account.active_people()) == ["boss", "eng"]
    boss, eng = account.people["boss"], account.people["eng"]
    assert boss.our == Stance("mentor", "supports", "high", "2026-01-01", "lunch") and boss.rivals == {}
    assert boss.our_stance == "mentor" and boss.our_level == "supports" and boss.is_ally
    assert boss.owners == (Owner("t1", "2025-01-01"),)
    assert boss.touchpoints == (Touchpoint("2026-02-01", "t1", "visit"), Touchpoint("2025-12-01", "t1", "call"))
    assert boss.last_contact == "2026-02-01" and boss.recorded_contact == "2026-01-05"
    assert eng.our is None and eng.our_stance == "unknown" and eng.last_contact is None
    assert list(eng.rivals) == ["rival1", "rival2", "rival3"] and eng.leans_to() == ("rival3", "rival1", "rival2")
    assert account.stance_to(eng, "us") == "unknown" and account.stance_to(boss, "us") == "mentor"
    assert account.us == "us" and account.competitors == {"rival1": "rival1", "rival2": "Two", "rival3": "Three"}
    assert account.reports_to == {"eng": "boss", "zed": "boss"} and eng.department_id == "d1"
    assert [(e.source, e.target) for e in account.influence] == [("boss", "eng"), ("eng", "boss")]
    assert account.bids["b1"].team == {"boss": None, "eng": "evaluator"}


def test_a_scoped_account_holds_the_active_people_with_their_bid_roles():
    account = read_account(RecordingStore(canned()), "a")
    scoped = account.scoped("b1")
    assert list(scoped.people) == ["boss", "eng"] and scoped.focus.id == "b1"
    assert scoped.people["eng"].roles == ("evaluator",) and scoped.people["boss"].roles == ("decision_maker",)
    assert scoped.reports_to == {"eng": "boss"}
    assert list(account.scoped(include_departed=True).people) == ["boss", "eng", "zed"]
    with pytest.raises(RelgraphError, match=r"account 'a' has no bid 'b9' \(did you mean 'b1'\?\); its bids: b1"):
        account.scoped("b9")


def test_an_unknown_account_names_those_the_store_holds():
    elsewhere = {**canned(), "account/account": []}  # the store holds account a, not x
    with pytest.raises(RelgraphError, match=r"no account 'x' in the store \(accounts: a\)"):
        read_account(RecordingStore(elsewhere), "x")
    with pytest.raises(RelgraphError, match="it holds none yet: load one with `relgraph load`, or try `relgraph demo`"):
        read_account(RecordingStore(), "x")
    assert read_account(RecordingStore(), "x", missing_ok=True) is None


def test_a_view_reads_the_store_once(tmp_path):
    from relgraph.viz import render_view

    store = RecordingStore(canned())
    result = render_view(store, "gaps", account="a", bid="b1", out=tmp_path / "v.html", as_of=dt.date(2026, 2, 2))
    assert len(store.reads) == 1 and result.nodes >= 2 and not store.writes


def test_a_load_is_one_write_with_nodes_before_the_edges_that_join_them():
    store = RecordingStore()
    result = load_path(store, DATA / "acme")
    assert result.account == "acme" and len(store.reads) == 1 and len(store.writes) == 1
    names = [name for name, _ in store.writes[0]]
    assert names[0] == "load/upsert_account"
    assert names.index("load/create_stakeholders") < names.index("load/link_managers") < names.index("load/link_influence")
    assert names.index("load/upsert_vendors") < names.index("load/link_stances")
    people = dict(store.writes[0])["load/create_stakeholders"]["rows"]
    assert [p["id"] for p in people] == ["ceo", "cto", "eng"] and people[1]["roles"] == ["approver", "evaluator"]


def test_a_new_account_is_created_without_clearing_and_a_stored_one_is_merged_and_cleared():
    new = RecordingStore()
    load_path(new, DATA / "acme")
    names = {name for name, _ in new.writes[0]}
    assert {"load/create_departments", "load/create_stakeholders", "load/create_bids"} <= names
    assert not {name for name in names if name.startswith("load/clear_") or name.startswith("load/upsert_")} - {
        "load/upsert_account", "load/upsert_vendors", "load/upsert_team"}, "a new account has nothing to clear"
    stored = RecordingStore({**canned(), "account/account": [{"id": "acme", "name": "Acme", "tier": "A"}]})
    load_path(stored, DATA / "acme")
    names = {name for name, _ in stored.writes[0]}
    assert {"load/upsert_stakeholders", "load/clear_stakeholder_links", "load/clear_influence"} <= names
    assert not {name for name in names if name.startswith("load/create_")} - {"load/create_targets"}


def test_a_dry_run_writes_nothing():
    store = RecordingStore()
    assert load_path(store, DATA / "acme", dry_run=True).dry_run and store.writes == []


def test_forget_counts_from_the_model_and_erases_in_one_write():
    store = RecordingStore(canned())
    removed = forget(store, "a", "boss")
    assert removed == [{"removed": "stakeholder boss (Boss)", "count": 1}, {"removed": "bid-team places", "count": 1},
                       {"removed": "influence from others", "count": 1}, {"removed": "influence on others", "count": 1},
                       {"removed": "owners on our team", "count": 1}, {"removed": "reporting lines of their reports", "count": 2},
                       {"removed": "stances toward vendors", "count": 1}, {"removed": "touchpoints", "count": 2}]
    [(erase, params), erase_targets, erase_places, (revision, recorded)] = store.writes[0]
    assert (erase, params) == ("load/forget_stakeholder", {"account": "a", "stakeholder": "boss"})
    assert erase_targets == ("load/forget_targets", params)
    assert erase_places == ("load/forget_activities", params)
    assert revision == "history/add_revision" and recorded["source"] == "forget" and "Boss" not in str(recorded)
    assert forget(RecordingStore(canned()), "a", "boss", dry_run=True) == removed


def test_deleting_an_account_counts_from_the_model_and_erases_in_one_write():
    store = RecordingStore(canned())
    removed = {r["removed"]: r["count"] for r in delete_account(store, "a")}
    assert removed["stakeholders"] == len(read_account(RecordingStore(canned()), "a").people)
    assert store.writes == [[("load/delete_account_members", {"account": "a"}), ("load/delete_account", {"account": "a"})]]


def test_the_fake_keeps_the_catalogue_contract():
    store = RecordingStore()
    with pytest.raises(QueryError, match="cannot be run as a read"):
        store.read("load/forget_stakeholder", {"account": "a", "stakeholder": "b"})
    with pytest.raises(AssertionError, match="takes"):
        store.read("read/accounts", {"account": "a"})
