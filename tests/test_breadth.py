"""Breadth (general relationships) on small accounts, and the properties it keeps on any account."""

import datetime as dt
from dataclasses import replace

from relgraph.account import Bid, Touchpoint
from relgraph.analysis.breadth import ALL_LAYERS, breadth

from builders import account, person

TODAY = dt.date(2026, 12, 1)


def member(pid, department, layer="frontline", contacts=(), **fields):
    return replace(person(pid, **fields), department_id=department, layer=layer,
                   touchpoints=tuple(Touchpoint(d, "ann") for d in sorted(contacts, reverse=True)))


def rows_of(data):
    return {(b.department_id, b.layer): b for b in breadth(data, TODAY)}


IT = [member("a", "it", contacts=["2026-11-25", "2026-11-10"]),  # touched within 30 days, 2 touchpoints
      member("b", "it", contacts=["2026-09-15"]),  # within 90 only
      member("c", "it", "middle"),  # never
      member("d", "it", contacts=["2026-12-20"]),  # dated after today: not yet
      member("gone", "it", contacts=["2026-11-30"], status="departed")]
FINANCE = [member("f", "finance", "executive", last_contact="2026-11-29")]


def test_counts_shares_and_touchpoints_per_month_of_one_department():
    rows = rows_of(account([*IT, *FINANCE]))
    it = rows[("it", ALL_LAYERS)]
    assert (it.people, it.touched_recent, it.touched_wide) == (4, 1, 2)
    assert (it.share_recent, it.share_wide) == (0.25, 0.5)
    assert it.touchpoints_per_month == 1.0  # 3 touchpoints in the last 90 days
    assert (rows[("it", "frontline")].people, rows[("it", "middle")].touched_wide) == (3, 0)
    assert rows[(None, ALL_LAYERS)].people == 5 and rows[("finance", "executive")].touched_recent == 1


def test_with_a_bid_only_the_departments_its_team_works_in_count():
    data = account([*IT, *FINANCE], bid=Bid("B-1", "Tender", team={"f": "decision_maker"}))
    assert set(rows_of(data)) == {(None, ALL_LAYERS), ("finance", ALL_LAYERS), ("finance", "executive")}


def test_every_department_row_adds_up_and_no_share_exceeds_one():
    people = [*IT, *FINANCE, member("x", None, contacts=["2026-11-30"])]  # outside the org chart
    rows = breadth(account(people), TODAY)
    total, departments = rows[0], [b for b in rows[1:] if b.layer == ALL_LAYERS]
    assert total.people == sum(b.people for b in departments) + 1
    for b in rows:
        assert 0 <= b.touched_recent <= b.touched_wide <= b.people and 0 <= b.share_recent <= b.share_wide <= 1
    for d in departments:
        layers = [b for b in rows if b.department_id == d.department_id and b.layer != ALL_LAYERS]
        assert sum(b.people for b in layers) == d.people and sum(b.touched_wide for b in layers) == d.touched_wide
