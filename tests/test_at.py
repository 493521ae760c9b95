"""The map at any date: load v1 dated t1, load v2 dated t2, and `--at t1` answers exactly as right after v1."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from relgraph.account import read_account
from relgraph.cli import cli
from relgraph.demo import load_demo
from relgraph.history import read_at
from relgraph.loading import load_path
from relgraph.state import account_from_rows, read_stored

T1, T2 = "2026-11-15", "2026-11-30"

# Each command that reads the account, as right after v1: (arguments, the file it writes or None for stdout).
# The analyses and views are judged as of T1, as `--at T1` judges them by default.
READERS = [
    (["--format", "json", "centres", "--account", "acme"], None),
    (["--format", "json", "centres", "--account", "acme", "--bid", "b1", "--centres"], None),
    (["--format", "json", "unreached", "--account", "acme", "--as-of", T1], None),
    (["--format", "json", "gaps", "--account", "acme", "--bid", "b1", "--as-of", T1], None),
    (["--format", "json", "position", "--account", "acme", "--bid", "b1", "--as-of", T1], None),
    (["--format", "json", "show", "ceo", "--account", "acme"], None),
    (["report", "--account", "acme", "--bid", "b1", "--out", "{out}/brief.md", "--as-of", T1], "brief.md"),
    (["view", "power", "--account", "acme", "--out", "{out}/power.html", "--as-of", T1], "power.html"),
    (["view", "orgchart", "--account", "acme", "--out", "{out}/org.html", "--as-of", T1], "org.html"),
    (["view", "competitor", "--account", "acme", "--vendor", "rival", "--out", "{out}/rival.html", "--as-of", T1],
     "rival.html"),
    (["view", "gaps", "--account", "acme", "--bid", "b1", "--out", "{out}/gaps.html", "--as-of", T1], "gaps.html"),
    (["--format", "json", "view", "grid", "--account", "acme", "--as-of", T1], None),
    (["export", "--account", "acme", "--to", "{out}/acme.json"], "acme.json"),
]


def answers(invoke, out, at=None):
    """What each reader prints or writes (bytes); with `at`, given `--at` and no `--as-of`."""
    out.mkdir(exist_ok=True)
    found = []
    for args, written in READERS:
        args = [a.format(out=out) for a in args]
        if at is not None:
            if "--as-of" in args:
                del args[args.index("--as-of"):args.index("--as-of") + 2]
            args += ["--at", at]
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        found.append((out / written).read_bytes() if written else result.stdout.encode())
    return found


@pytest.fixture
def invoke(store_args):
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [*store_args, *args], catch_exceptions=False)


def test_at_t1_answers_byte_for_byte_as_right_after_v1(invoke, acme, tmp_path):
    assert invoke("load", str(acme), "--as-of", T1).exit_code == 0
    after_v1 = answers(invoke, tmp_path / "v1")
    # v2: the CEO cools to us, the engineer leaves, a new influence tie
    stances = (acme / "stances.csv").read_text(encoding="utf-8")
    (acme / "stances.csv").write_text(stances.replace("ceo,us,supporter,favourable", "ceo,us,neutral,accepting"),
                                      encoding="utf-8")
    people = (acme / "stakeholders.csv").read_text(encoding="utf-8").splitlines()
    (acme / "stakeholders.csv").write_text("\n".join(line for line in people if not line.startswith("eng,")) + "\n",
                                           encoding="utf-8")
    with open(acme / "influence.csv", "a", encoding="utf-8") as handle:
        handle.write("ceo,cto,3,political\n")
    assert invoke("load", str(acme), "--as-of", T2, "--prune").exit_code == 0

    assert answers(invoke, tmp_path / "at-t1", at=T1) == after_v1
    assert answers(invoke, tmp_path / "at-1", at="1") == after_v1
    present = answers(invoke, tmp_path / "now", at=T2)
    differs = [args for (args, _), old, new in zip(READERS, after_v1, present) if old != new]
    assert len(differs) >= len(READERS) - 2, differs  # v2 shows almost everywhere


def test_at_a_day_before_history_or_an_unknown_revision_is_a_clear_error(invoke, acme):
    assert invoke("load", str(acme), "--as-of", T1).exit_code == 0
    for at, message in (("2026-01-01", "no revision on or before that day (revisions 1 to 1, describing "
                                       "2026-11-15 to 2026-11-15)"),
                        ("2", "has no revision 2"), ("last week", "give a date (YYYY-MM-DD) or a revision number")):
        result = invoke("centres", "--account", "acme", "--at", at)
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output, at


def test_a_dated_load_before_the_newest_revision_or_in_the_future_is_refused_and_writes_nothing(invoke, acme):
    assert invoke("load", str(acme), "--as-of", T2).exit_code == 0
    history = invoke("--format", "json", "history", "--account", "acme").stdout
    (acme / "team.csv").write_text("id,name\ntm1,Alicia\n", encoding="utf-8")
    result = invoke("load", str(acme), "--as-of", T1)
    assert result.exit_code == 1
    assert (f"Error: --as-of {T1} comes before revision 1 of account 'acme', which describes {T2}: history is kept "
            "in order, so load dated exports oldest first") in result.stderr
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert "is in the future" in invoke("load", str(acme), "--as-of", tomorrow).stderr
    assert invoke("--format", "json", "history", "--account", "acme").stdout == history
    assert "Alicia" not in invoke("--format", "json", "show", "ceo", "--account", "acme").stdout


def test_a_dated_revision_describes_its_day_and_says_when_it_was_recorded(invoke, acme):
    invoke("load", str(acme), "--as-of", T1)
    invoke("set", "stance", "cto", "--account", "acme", "--vendor", "us", "--stance", "mentor")
    first, second = json.loads(invoke("--format", "json", "history", "--account", "acme").stdout)
    assert first["at"] == T1 and first["recorded"][:10] == dt.date.today().isoformat()
    assert second["at"] == second["recorded"]  # an undated write describes when it was made


def test_the_past_is_built_by_the_read_model_of_the_present(store):
    """account_from_rows turns an account's rows back into exactly the Account the store's queries give."""
    for result in load_demo(store):
        assert account_from_rows(result.account, read_stored(store, result.account)) == read_account(store,
                                                                                                      result.account)


def test_read_at_the_newest_revision_is_the_present(store, acme):
    load_path(store, acme, as_of=dt.date.fromisoformat(T1))
    moment = read_at(store, "acme", "1")
    assert moment.account == read_account(store, "acme") and moment.state is None and moment.day.isoformat() == T1
