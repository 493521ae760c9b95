"""Quick edits: one touchpoint, stance, owner, influence tie or move, checked like a load, one revision each."""

import json

import pytest
from click.testing import CliRunner

from relgraph.cli import cli


@pytest.fixture
def acme_run(store_args, acme):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    assert invoke("load", str(acme), "--by", "ann").exit_code == 0
    return invoke


def shown(run, person):
    return json.loads(run("--format", "json", "show", person, "--account", "acme").stdout)


def history(run):
    return json.loads(run("--format", "json", "history", "--account", "acme").stdout)


def test_a_logged_contact_is_a_touchpoint_and_a_revision(acme_run):
    result = acme_run("--format", "json", "log", "contact", "Zhang San", "--account", "acme", "--member", "Alice",
                      "--kind", "visit", "--date", "2026-11-20", "--by", "bo")
    assert result.exit_code == 0, result.output
    assert [r["change"] for r in json.loads(result.stdout)] == ["created"]
    assert {"date": "2026-11-20", "kind": "visit"}.items() <= shown(acme_run, "eng")["touchpoints"][0].items()
    last = history(acme_run)[-1]
    assert (last["by"], last["source"], last["summary"]) == ("bo", "relgraph log contact", {"contacts": {"created": 1}})


def test_set_stance_and_owner_and_influence_take_names(acme_run):
    assert acme_run("set", "stance", "eng", "--account", "acme", "--vendor", "Our Co", "--stance", "supporter",
                    "--level", "favourable", "--as-of", "2026-11-01").exit_code == 0
    stances = {s["vendor_id"]: s for s in shown(acme_run, "eng")["stances"]}
    assert (stances["us"]["stance"], stances["us"]["level"], stances["rival"]["stance"]) == ("supporter", "favourable",
                                                                                           "mentor")
    assert acme_run("set", "owner", "eng", "--account", "acme", "--member", "Alice").exit_code == 0
    assert [o["name"] for o in shown(acme_run, "eng")["owners"]] == ["Alice"]
    assert acme_run("set", "influence", "eng", "ceo", "--account", "acme", "--strength", "4").exit_code == 0
    assert {"id": "ceo", "strength": 4}.items() <= next(
        i for i in shown(acme_run, "eng")["influences"] if i["id"] == "ceo").items()


def test_a_move_changes_only_what_is_given(acme_run):
    before = shown(acme_run, "eng")
    assert acme_run("move", "eng", "--account", "acme", "--title", "Lead Engineer", "--manager", "ceo").exit_code == 0
    after = shown(acme_run, "eng")
    assert (after["title"], after["manager_id"]) == ("Lead Engineer", "ceo")
    assert {k: v for k, v in after.items() if k not in ("title", "manager_id", "manager")} == {
        k: v for k, v in before.items() if k not in ("title", "manager_id", "manager")}


def test_a_bad_edit_names_the_option_and_writes_nothing(acme_run):
    revisions = len(history(acme_run))
    for args, words in ((["set", "stance", "eng", "--vendor", "rival", "--stance", "supporter", "--level", "supports"],
                         "column --level value 'supports'"),
                        (["set", "influence", "eng", "ceo", "--strength", "9"], "column --strength value '9'"),
                        (["log", "contact", "eng", "--member", "nobody"], "column --member value 'nobody'"),
                        (["set", "stance", "eng", "--vendor", "us", "--stance", "fan"], "column --stance value 'fan'")):
        result = acme_run(*args, "--account", "acme")
        assert result.exit_code == 1 and words in result.stderr, (args, result.stderr)
    assert len(history(acme_run)) == revisions


def test_an_edit_that_changes_nothing_records_nothing(acme_run):
    args = ["move", "eng", "--account", "acme", "--title", "Engineer"]
    result = acme_run(*args)
    assert result.exit_code == 0 and "nothing changed" in result.stderr
    assert len(history(acme_run)) == 1
