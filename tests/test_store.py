"""Loading into each store: round trip, idempotence, updates, and refusals that leave the store as it was."""

import pytest

from conftest import snapshot
from relgraph.account import read_account
from relgraph.lookups import list_accounts, show_stakeholder
from relgraph.errors import InputError
from relgraph.loading import load_path


def test_round_trip_of_every_file_kind(store, acme):
    result = load_path(store, acme)
    assert result.account == "acme"
    assert result.rows == {"account": 1, "departments": 2, "stakeholders": 3, "influence": 2, "vendors": 2,
                           "stances": 3, "team": 1, "owners": 1, "contacts": 2, "bids": 1, "bid_team": 2}
    assert list_accounts(store) == [{"id": "acme", "name": "ACME 集团", "tier": "S",
                                     "departments": 2, "stakeholders": 3, "bids": 1}]
    nodes, edges = snapshot(store, "acme")
    assert ("Department", "it", repr(sorted({"account": "acme", "id": "it", "name": "IT 信息中心", "function": "technical"}.items()))) in nodes
    assert [e[:3] for e in edges if e[0] == "PART_OF"] == [("PART_OF", "it", "exec")]
    assert sorted(e[:3] for e in edges if e[0] == "REPORTS_TO") == [("REPORTS_TO", "cto", "ceo"), ("REPORTS_TO", "eng", "cto")]
    assert sorted(e[:3] for e in edges if e[0] == "MEMBER_OF") == [("MEMBER_OF", "ceo", "exec"), ("MEMBER_OF", "cto", "it"), ("MEMBER_OF", "eng", "it")]
    ceo = show_stakeholder(read_account(store, "acme"), "ceo")
    assert ceo["roles"] == ["decision_maker"] and ceo["notes"] == 'likes golf, "really"'
    assert ceo["reports"] == [{"id": "cto", "name": "Li Wei", "title": "CTO"}]
    assert ceo["influenced_by"] == [{"id": "cto", "name": "Li Wei", "strength": 4, "kind": "advice"}]
    assert [(s["vendor_id"], s["stance"], s["level"]) for s in ceo["stances"]] == [("us", "supporter", "favourable"), ("rival", "neutral", None)]
    assert ceo["owners"] == [{"id": "tm1", "name": "Alice", "since": "2025-01-01"}]
    assert [(t["date"], t["kind"]) for t in ceo["touchpoints"]] == [("2026-11-01", "call"), ("2026-10-01", "meal")]
    assert ceo["last_contact"] == "2026-11-01"
    eng = show_stakeholder(read_account(store, "acme"), "eng")
    assert eng["influences"] == [{"id": "cto", "name": "Li Wei", "strength": 5, "kind": "technical"}]
    assert eng["manager_id"] == "cto" and eng["department"] == "IT 信息中心"
    assert store.read("read/bid_team", {"account": "acme", "bid": "b1"}) == [
        {"id": "ceo", "name": "王总", "title": "CEO", "role": "decision_maker", "our_stance": "supporter", "our_level": "favourable"},
        {"id": "eng", "name": "Zhang San", "title": "Engineer", "role": "evaluator", "our_stance": None, "our_level": None},
    ]


def test_loading_the_same_folder_twice_changes_nothing(store, acme):
    load_path(store, acme)
    first = snapshot(store, "acme")
    load_path(store, acme)
    assert snapshot(store, "acme") == first


def test_an_edited_folder_updates_what_changed(store, acme):
    load_path(store, acme)
    (acme / "stakeholders.csv").write_text(
        "id,name,title,department_id,layer,roles,influence,manager_id\n"
        "ceo,王总,Chairman,exec,executive,decision_maker,5,\n"
        "cto,Li Wei,CTO,it,executive,approver,4,ceo\n"
        "eng,Zhang San,Senior Engineer,exec,frontline,evaluator,2,ceo\n", encoding="utf-8")
    (acme / "influence.csv").write_text("source_id,target_id,strength,kind\neng,ceo,2,personal\n", encoding="utf-8")
    load_path(store, acme)
    eng = show_stakeholder(read_account(store, "acme"), "eng")
    assert (eng["title"], eng["department_id"], eng["manager_id"]) == ("Senior Engineer", "exec", "ceo")
    assert eng["influences"] == [{"id": "ceo", "name": "王总", "strength": 2, "kind": "personal"}]
    assert show_stakeholder(read_account(store, "acme"), "cto")["roles"] == ["approver"]
    assert show_stakeholder(read_account(store, "acme"), "ceo")["title"] == "Chairman"
    _, edges = snapshot(store, "acme")
    assert len([e for e in edges if e[0] == "REPORTS_TO"]) == 2 and len([e for e in edges if e[0] == "INFLUENCES"]) == 1


def test_one_file_loads_into_an_existing_account(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "more.csv"
    path.write_text("id,name,department_id,manager_id\nnew,New Hire,it,cto\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme")
    assert result.rows == {"stakeholders": 1}
    assert show_stakeholder(read_account(store, "acme"), "new")["manager"] == "Li Wei"
    assert len(show_stakeholder(read_account(store, "acme"), "cto")["reports"]) == 2


REFUSALS = {
    "unknown enum": ("stakeholders.csv", "id,name,layer\nceo,CEO,boss\n", "allowed: executive"),
    "reference to no one": ("stakeholders.csv", "id,name,manager_id\nceo,CEO,ghost\n", "names no stakeholder"),
    "duplicate id": ("team.csv", "id,name\ntm1,A\ntm1,B\n", "duplicate of line 2"),
    "reporting cycle": ("stakeholders.csv", "id,name,manager_id\nceo,CEO,cto\ncto,CTO,ceo\n", "cycle in the reporting line"),
    "self-influence": ("influence.csv", "source_id,target_id\nceo,ceo\n", "cannot influence themselves"),
    "malformed date": ("contacts.csv", "team_member_id,stakeholder_id,date\ntm1,ceo,01/02/2026\n", "YYYY-MM-DD"),
    "malformed number": ("influence.csv", "source_id,target_id,strength\ncto,ceo,strong\n", "whole number"),
    "empty required field": ("departments.csv", "id,name\nit,\n", "required value is empty"),
    "second us vendor": ("vendors.csv", "id,name,is_us\nus,Us,true\nrival,Rival,true\n", "only one vendor can be us"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_a_refused_folder_leaves_the_store_exactly_as_it_was(store, acme, case):
    load_path(store, acme)
    before = snapshot(store, "acme")
    filename, content, message = REFUSALS[case]
    (acme / filename).write_text(content, encoding="utf-8")
    (acme / "departments.csv").write_text("id,name,function\nexec,Renamed,executive\nit,IT,technical\n", encoding="utf-8") if filename != "departments.csv" else None
    with pytest.raises(InputError, match=message):
        load_path(store, acme)
    assert snapshot(store, "acme") == before


def test_a_failure_midway_through_the_writes_leaves_the_store_as_it_was(store, acme):
    load_path(store, acme)
    before, counts = snapshot(store, "acme"), store.read("read/counts")
    with pytest.raises(ZeroDivisionError):
        store.write([("load/upsert_team", {"rows": [{"id": "tm9", "name": "Half"}]})], on_done=lambda: 1 / 0)
    assert snapshot(store, "acme") == before
    assert store.read("read/counts") == counts  # the half-written team member is gone too
