"""Each view reads only the parts of the account it uses and computes only what it shows, and writes exactly the
page it writes from the whole account with every analysis computed."""

from __future__ import annotations

import datetime as dt

from conftest import write_evil_account

import relgraph.viz as viz
from relgraph.account import ALWAYS, QUERIES, read_account
from relgraph.demo import DEMO_ACCOUNTS, load_demo
from relgraph.generate import generate
from relgraph.loading import load_path
from relgraph.viz import EVERYTHING, USES, VIEWS, render_view

TODAY = dt.date(2026, 11, 23)


def views_of(store, account: str):
    """(kind, options) of every view of the account: the competitor view of each competitor, the gaps view of
    each bid, redacted and with notes too."""
    data = read_account(store, account)
    found = [("power", {}), ("power", {"redact": True, "include_notes": True}), ("orgchart", {}), ("grid", {})]
    found += [("competitor", {"vendor": vendor}) for vendor in data.competitors]
    found += [("gaps", {"bid": bid}) for bid in data.bids]
    found += [("gaps", {"bid": bid, "redact": True}) for bid in list(data.bids)[:1]]
    return found


def page(store, folder, kind: str, account: str, options: dict) -> tuple[str, list]:
    out = folder / f"{kind}.html"
    result = render_view(store, kind, account=account, out=out, as_of=TODAY, **options)
    return out.read_text(encoding="utf-8"), result.table


def test_each_view_on_its_own_parts_writes_the_page_of_the_whole_account(store, tmp_path, monkeypatch):
    load_demo(store)
    load_path(store, write_evil_account(tmp_path / "evil"))
    generated = generate(tmp_path / "generated", 600, accounts=2, seed=3)
    for folder in generated:
        load_path(store, folder)
    left_out = set(QUERIES) - {*ALWAYS, *USES["power"].parts}
    assert left_out == {"targets", "activities", "procurement"}
    assert all(getattr(read_account(store, account), part) for account in DEMO_ACCOUNTS
               for part in ("activities", "procurement"))  # left out, and there to leave out
    compared = 0
    for account in (*DEMO_ACCOUNTS, "evil", *(folder.name for folder in generated)):
        for kind, options in views_of(store, account):
            lean = page(store, tmp_path, kind, account, options)
            with monkeypatch.context() as whole:
                whole.setattr(viz, "USES", dict.fromkeys(VIEWS, EVERYTHING))
                assert page(store, tmp_path, kind, account, options) == lean, (account, kind, options)
            compared += 1
    assert compared > 30
