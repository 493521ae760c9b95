"""Safe deletes: forget and accounts delete preview with --dry-run, ask on a terminal, need --yes in a script."""

import json

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.loading import load_path
from relgraph.privacy import delete_account, forget
from relgraph.errors import RelgraphError

from conftest import snapshot


@pytest.fixture
def acme_cli(data_dir, acme, monkeypatch):
    runner = CliRunner()

    def invoke(*args, input=None, tty=False):
        monkeypatch.setattr("relgraph.cli._on_terminal", lambda: tty)  # CliRunner's stdin is never a terminal
        return runner.invoke(cli, ["--data-dir", str(data_dir), *args], input=input)

    assert invoke("load", str(acme)).exit_code == 0
    return invoke


def people(invoke) -> int:
    return json.loads(invoke("accounts", "--format", "json").stdout)[0]["stakeholders"]


def test_a_dry_run_shows_what_would_go_and_erases_nothing(acme_cli):
    for args in (["forget", "cto", "--account", "acme"], ["accounts", "delete", "acme"]):
        result = acme_cli(*args, "--dry-run", "--format", "json")
        assert result.exit_code == 0 and "nothing was erased" in result.stderr
        assert json.loads(result.stdout)[0]["count"] == 1 and people(acme_cli) == 3


def test_in_a_script_an_erasure_needs_yes(acme_cli):
    result = acme_cli("forget", "cto", "--account", "acme")
    assert result.exit_code == 2 and "confirm with --yes" in result.stderr and people(acme_cli) == 3
    assert acme_cli("forget", "cto", "--account", "acme", "--yes").exit_code == 0 and people(acme_cli) == 2


def test_on_a_terminal_an_erasure_asks_first(acme_cli):
    declined = acme_cli("accounts", "delete", "acme", input="n\n", tty=True)
    assert declined.exit_code == 1 and "Erase account 'acme' for good?" in declined.stderr
    assert "nothing was erased" in declined.stderr and people(acme_cli) == 3
    accepted = acme_cli("accounts", "delete", "acme", input="y\n", tty=True)
    assert accepted.exit_code == 0 and "stakeholders" in accepted.stdout
    assert json.loads(acme_cli("accounts", "--format", "json").stdout) == []


def test_deleting_an_account_leaves_the_others_and_the_shared_vendors(store, acme):
    from relgraph.demo import load_demo

    load_demo(store)
    load_path(store, acme)
    bureau = snapshot(store, "bureau")
    removed = {r["removed"]: r["count"] for r in delete_account(store, "acme")}
    assert removed["stakeholders"] == 3 and removed["account acme (ACME 集团)"] == 1
    assert snapshot(store, "acme") == ((), ()) and snapshot(store, "bureau") == bureau
    assert {a["id"] for a in store.read("read/accounts")} == {"bureau", "northwind-health"}
    assert {v["id"] for v in store.read("read/vendors", {"account": "bureau"})} >= {"us", "apexsoft"}


def test_an_account_changed_while_asking_is_not_erased(store, acme):
    load_path(store, acme)

    def meanwhile(removed):
        forget(store, "acme", "eng")  # another user erases someone while this one is asked
        return True

    with pytest.raises(RelgraphError, match="changed while you were asked; nothing was erased"):
        delete_account(store, "acme", confirm=meanwhile)
    assert {a["id"] for a in store.read("read/accounts")} == {"acme"}
