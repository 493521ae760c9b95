"""`load --append`: a file of relationships adds and updates its rows and removes none of its kind."""

import pytest

from relgraph.account import read_account
from relgraph.errors import InputError, RelgraphError
from relgraph.history import read_history
from relgraph.loading import load_path


def touchpoints(store):
    return sorted((t.date, t.kind) for t in read_account(store, "acme").people["ceo"].touchpoints)


def test_appended_touchpoints_keep_those_stored(store, acme, tmp_path):
    load_path(store, acme)
    visits = tmp_path / "visits.csv"
    visits.write_text("team_member_id,stakeholder_id,date,kind\ntm1,ceo,2026-11-20,visit\ntm1,ceo,2026-11-01,call\n",
                      encoding="utf-8")
    result = load_path(store, visits, kind="contacts", account="acme", append=True, by="bo")
    assert touchpoints(store) == [("2026-10-01", "meal"), ("2026-11-01", "call"), ("2026-11-20", "visit")]
    assert result.rows == {"contacts": 2}  # the file's rows, not the stored ones kept
    assert sorted(c.change for c in result.changes) == ["created", "unchanged"]
    _, revisions, _ = read_history(store, "acme")
    assert (revisions[-1].by, revisions[-1].summary) == ("bo", {"contacts": {"created": 1}})
    load_path(store, visits, kind="contacts", account="acme")  # without --append the file is the whole truth
    assert touchpoints(store) == [("2026-11-01", "call"), ("2026-11-20", "visit")]


def test_an_appended_stance_updates_one_and_keeps_the_others(store, acme, tmp_path):
    load_path(store, acme)
    stance = tmp_path / "stance.csv"
    stance.write_text("stakeholder_id,vendor_id,stance,level\n王总,us,mentor,supports\n", encoding="utf-8")
    result = load_path(store, stance, kind="stances", account="acme", append=True)
    assert [(c.key, c.change) for c in result.changes] == [("ceo/us", "updated")]
    people = read_account(store, "acme").people
    assert (people["ceo"].our.stance, people["ceo"].our.level) == ("mentor", "supports")
    assert (people["ceo"].rivals["rival"].stance, people["eng"].rivals["rival"].stance) == ("neutral", "mentor")


def test_a_bad_row_in_an_appended_file_writes_nothing(store, acme, tmp_path):
    load_path(store, acme)
    before, (_, revisions, _) = touchpoints(store), read_history(store, "acme")
    visits = tmp_path / "visits.csv"
    visits.write_text("team_member_id,stakeholder_id,date,kind\ntm1,ceo,2026-11-20,visit\ntm1,nobody,2026-11-21,\n",
                      encoding="utf-8")
    with pytest.raises(InputError, match="visits.csv:3: column stakeholder_id"):
        load_path(store, visits, kind="contacts", account="acme", append=True)
    assert touchpoints(store) == before and read_history(store, "acme")[1] == revisions


@pytest.mark.parametrize("kind, expected", [
    ("stakeholders", "a stakeholders file never removes rows anyway, load it without --append"),
    (None, "give its --kind"),
])
def test_append_is_refused_where_it_means_nothing(store, acme, kind, expected):
    path = acme / "stakeholders.csv" if kind else acme
    with pytest.raises(RelgraphError, match=f"--append applies to one file of influence, stances, .*{expected}"):
        load_path(store, path, kind=kind, account="acme", append=True)


def test_load_append_on_the_command_line(store_args, acme, tmp_path):
    from click.testing import CliRunner

    from relgraph.cli import cli

    run = lambda *args: CliRunner().invoke(cli, [*store_args, *args], catch_exceptions=False)  # noqa: E731
    assert run("load", str(acme)).exit_code == 0
    visits = tmp_path / "visits.csv"
    visits.write_text("拜访人,被拜访人,拜访日期,方式\nAlice,王总,2026/11/20,拜访\n", encoding="utf-8")
    assert run("load", str(visits), "--kind", "contacts", "--account", "acme", "--append").exit_code == 0
    assert run("--format", "json", "show", "ceo", "--account", "acme").stdout.count('"date"') == 3
    refused = run("load", str(acme / "stakeholders.csv"), "--kind", "stakeholders", "--account", "acme", "--append")
    assert refused.exit_code == 1 and refused.output.startswith("Error: --append applies to one file of")
