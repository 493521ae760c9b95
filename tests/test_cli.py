"""Every command through click's runner, on each store with the demo loaded."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.queries import read_queries

README = Path(__file__).parent.parent / "README.md"


EMBEDDED_ONLY = pytest.mark.parametrize("store_args", ["embedded"], indirect=True)


@pytest.fixture
def run(store_args):
    """Run `relgraph ARGS...` against an empty store; returns the click Result."""
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, [*store_args, *args], env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def demo(run):
    result = run("--format", "json", "demo")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_demo_loads_two_accounts_that_accounts_lists(run, demo):
    assert {row["account"] for row in demo} == {"bureau", "northwind-health"}
    accounts = json.loads(run("accounts", "--format", "json").stdout)
    assert [a["id"] for a in accounts] == ["bureau", "northwind-health"]
    assert all(60 <= a["stakeholders"] <= 150 for a in accounts)
    assert accounts[0]["name"] == "江城市交通运输局"


def test_show_tells_everything_about_a_person(run, demo):
    person = json.loads(run("show", "bj-ic-lin", "--account", "bureau", "--format", "json").stdout)
    assert person["name"] == "林晓峰" and person["layer"] == "frontline"
    assert person["manager_id"] == "bj-ic-ops-dep" and person["department"]
    assert {i["id"] for i in person["influences"]} >= {"bj-chief-eng", "bj-ic-dir"}
    assert {s["vendor_id"] for s in person["stances"]} == {"us", "apexsoft", "bluepeak", "cedartech"}
    assert person["stances"][0]["vendor_id"] == "us"
    table = run("show", "bj-ic-lin", "--account", "bureau").stdout
    assert "林晓峰" in table and "bj-chief-eng" in table


def test_show_of_an_unknown_person_is_one_error_line(run, demo):
    result = run("show", "nobody", "--account", "bureau")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: no stakeholder 'nobody' in account 'bureau'; `relgraph query stakeholders -p account=bureau` lists them"]


def test_every_read_query_returns_the_columns_its_header_names(run, demo):
    values = {"account": "bureau", "stakeholder": "bj-chief", "bid": "T-2026-07"}
    for name, query in read_queries().items():
        args = [f"-p{p}={values[p]}" for p in query.params]
        result = run("--format", "json", "query", name, *args)
        assert result.exit_code == 0, (name, result.output)
        rows = json.loads(result.stdout)
        assert rows, f"{name} returned no rows on the demo"
        assert list(rows[0]) == list(query.returns), name


def test_query_prints_csv_for_scripts(run, demo):
    result = run("query", "bid_team", "-p", "account=bureau", "-p", "bid=T-2026-07", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "id,name,title,role,our_stance,our_level"
    assert len(lines) == 13


def test_query_list_names_every_read_query(run):
    listed = json.loads(run("--format", "json", "query", "--list").stdout)
    assert [q["name"] for q in listed] == sorted(read_queries())


@pytest.mark.parametrize("args, message", [
    (["query", "nope"], "no read query named 'nope'"),
    (["query", "stakeholders"], "needs -p account=..."),
    (["query", "stakeholders", "-p", "account=x", "-p", "top=3"], "takes no parameter 'top'"),
    (["query", "stakeholders", "-p", "account"], "is not key=value"),
])
def test_query_mistakes_are_one_clear_line(run, args, message):
    result = run(*args)
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def test_a_bad_folder_is_refused_with_every_problem_and_nothing_written(run, demo, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "account.csv").write_text("id,name\nbad,Bad Co\n", encoding="utf-8")
    (folder / "stakeholders.csv").write_text("id,name,layer,manager_id\na,A,boss,\nb,B,middle,zz\nb,C,,\n", encoding="utf-8")
    result = run("load", str(folder))
    assert result.exit_code == 1
    assert "3 problems in the input; nothing was written" in result.stderr
    assert f"{folder / 'stakeholders.csv'}:2: column layer value 'boss'" in result.stderr
    assert f"{folder / 'stakeholders.csv'}:4: column id value 'b': duplicate of line 3" in result.stderr
    assert "manager_id value 'zz': names no stakeholder" in result.stderr
    assert "bad" not in [a["id"] for a in json.loads(run("--format", "json", "accounts").stdout)]


def test_load_of_one_file_needs_its_kind(run, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("id,name\na,A\n", encoding="utf-8")
    result = run("load", str(path))
    assert result.exit_code == 1 and "say which kind it holds with --kind" in result.stderr
    result = run("load", str(path), "--kind", "stakeholders")
    assert result.exit_code == 1 and "no account id: pass --account ID" in result.stderr
    result = run("--format", "json", "load", str(path), "--kind", "stakeholders", "--account", "acme")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"account": "acme", "kind": "stakeholders", "rows": 1, "created": 1,
                                          "updated": 0, "unchanged": 0, "removed": 0, "departed": 0}]


def _contradictory_folder(root: Path) -> Path:
    """An account whose stances, touchpoints and last contacts contradict themselves or lie in the future."""
    folder = root / "odd"
    folder.mkdir()
    files = {
        "account.csv": "id,name\nodd,Odd Co\n",
        "stakeholders.csv": "id,name,last_contact\nann,Ann,2999-01-01\nbo,Bo,2020-05-01\ncy,Cy,\ndi,Di,\n",
        "vendors.csv": "id,name,is_us\nus,Our Co,true\nrival,Rival,false\n",
        "stances.csv": ("stakeholder_id,vendor_id,stance,level,as_of\n"
                        "ann,us,mentor,opposed,2020-01-01\n"        # line 2: a mentor at level opposed
                        "bo,us,opponent,supports,2020-01-01\n"      # line 3: an opponent who supports us
                        "cy,us,supporter,favourable,2999-12-31\n"   # line 4: judged in the future
                        "cy,rival,supporter,,2020-01-01\n"          # line 5: a supporter of two vendors
                        "di,us,neutral,accepting,2020-01-01\n"),    # line 6: consistent
        "team.csv": "id,name\nt1,Tess\n",
        "contacts.csv": "team_member_id,stakeholder_id,date,kind\nt1,bo,2998-02-03,call\nt1,di,2020-02-03,call\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_contradictory_input_is_loaded_with_a_warning_naming_file_row_and_column(run, tmp_path):
    folder = _contradictory_folder(tmp_path)
    result = run("--format", "json", "load", str(folder))
    assert result.exit_code == 0, result.stderr
    assert {row["kind"] for row in json.loads(result.stdout)} >= {"stances", "contacts"}  # stdout is the JSON alone
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    stances, contacts, people = (folder / "stances.csv", folder / "contacts.csv", folder / "stakeholders.csv")
    expected = [
        f"{stances}:2: column level value 'opposed': our level contradicts the stance 'mentor'",
        f"{stances}:3: column level value 'supports': our level contradicts the stance 'opponent'",
        f"{stances}:5: column stance value 'supporter': cy is also supporter of 'us' (line 4)",
        f"{stances}:4: column as_of value '2999-12-31': a stance dated after today",
        f"{contacts}:2: column date value '2998-02-03': a touchpoint dated after today",
        f"{people}:2: column last_contact value '2999-01-01': a last contact dated after today",
    ]
    assert len(warnings) == len(expected)
    for warning, start in zip(warnings, expected):
        assert warning.startswith(f"Warning: {start}"), warning
    shown = json.loads(run("--format", "json", "show", "ann", "--account", "odd").stdout)
    assert shown["stances"][0]["level"] == "opposed"  # loaded as given


def test_a_flood_of_contradictions_shows_the_first_hundred_and_a_count(run, tmp_path):
    folder = _contradictory_folder(tmp_path)
    (folder / "contacts.csv").write_text("team_member_id,stakeholder_id,date,kind\n" + "".join(
        f"t1,bo,2998-01-{day:02d},{kind}\n" for day in range(1, 29) for kind in ("call", "visit", "meal", "email")),
        encoding="utf-8")
    result = run("load", str(folder))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert result.exit_code == 0 and len(warnings) == 101
    assert warnings[-1] == "Warning: ... and 17 more contradictions"


@pytest.mark.parametrize("name", ["bureau", "northwind-health"])
def test_the_demo_accounts_load_without_warnings(run, name):
    import relgraph.demo

    result = run("load", str(Path(relgraph.demo.__file__).parent / name))
    assert result.exit_code == 0 and "Warning" not in result.stderr


@EMBEDDED_ONLY
def test_db_status_and_stop(run, demo, data_dir):
    status = {r["field"]: r["value"] for r in json.loads(run("--format", "json", "db", "status").stdout)}
    assert status["running"] is True and status["data_dir"] == str(data_dir.resolve())
    assert status["Stakeholder nodes"] == 95 + 75
    assert run("db", "stop").exit_code == 0
    status = {r["field"]: r["value"] for r in json.loads(run("--format", "json", "db", "status").stdout)}
    assert status["running"] is False and status["snapshot_bytes"] > 0
    assert len(json.loads(run("--format", "json", "accounts").stdout)) == 2


@EMBEDDED_ONLY
def test_the_data_directory_is_private(run, data_dir):
    run("accounts")
    assert data_dir.stat().st_mode & 0o777 == 0o700


@EMBEDDED_ONLY
def test_neo4j_unreachable_is_one_line_without_the_password(run):
    env = {"RELGRAPH_STORE": "neo4j", "NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_USERNAME": "neo4j",
           "NEO4J_PASSWORD": "s3cret-Pa55"}
    result = run("accounts", env=env)
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "Error: cannot reach Neo4j at bolt://127.0.0.1:9: is it running? (NEO4J_URI; `docker compose up -d` starts one)"]
    assert "s3cret" not in result.output


@EMBEDDED_ONLY
def test_neo4j_without_a_uri_says_what_to_set(run):
    result = run("--store", "neo4j", "accounts", env={"NEO4J_URI": ""})
    assert result.exit_code == 3 and "needs NEO4J_URI" in result.stderr


def test_every_command_has_help_and_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    commands = [(name, command) for name, command in cli.commands.items()]
    commands += [(f"db {name}", command) for name, command in cli.commands["db"].commands.items()]
    for name, command in commands:
        assert command.help, f"`relgraph {name}` has no help"
        assert re.search(rf"relgraph (\S+ )*{name}\b", readme), f"README shows no `relgraph {name}`"


@pytest.fixture
def hostile(run, tmp_path, data_dir, store_args):
    """An account whose names try to break out: markup, and terminal control sequences.

    A load refuses control characters, so the name with them is written to the store past the loader, as
    another tool or an older relgraph might have stored it.
    """
    from conftest import write_evil_account
    from relgraph.loaders import read_folder
    from relgraph.loading import plan
    from relgraph.store import open_store

    folder = write_evil_account(tmp_path / "evil")
    assert run("load", str(folder)).exit_code == 0
    tables = read_folder(folder)
    for row in tables["stakeholders"].rows:
        row["name"] = row["name"].replace("Plain Person", "Plain\x1b]0;owned\x07 Person")
    store = open_store("neo4j") if "neo4j" in store_args else open_store("embedded", data_dir)
    store.write(plan("evil", tables))
    store.close()
    return run


def test_control_characters_never_reach_the_terminal_raw(hostile):
    for args in (["query", "stakeholders", "-p", "account=evil"], ["centres", "--account", "evil"],
                 ["--format", "markdown", "query", "stakeholders", "-p", "account=evil"]):
        result = hostile(*args)
        assert result.exit_code == 0 and re.search(r"x1b\\?\]0;owned", result.stdout) and "x07 Person" in result.stdout
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout), args


def test_markdown_output_and_the_brief_carry_no_markup_from_the_data(hostile, tmp_path):
    from conftest import IMG, SCRIPT

    table = hostile("--format", "markdown", "query", "stakeholders", "-p", "account=evil").stdout
    brief = tmp_path / "brief.md"
    assert hostile("report", "--account", "evil", "--bid", "b1", "--out", str(brief)).exit_code == 0
    for text in (table, brief.read_text(encoding="utf-8")):
        assert "<img" not in text and "<script" not in text and "<svg" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in table and IMG not in table and SCRIPT not in table


def test_markdown_text_in_a_cell_or_a_sentence_is_inert():
    """A link, emphasis or code from the data would render as markup; a cell's bar would split the row."""
    from relgraph.output import markdown_text, render

    assert markdown_text("[win](javascript:x) **now** `c` a|b _x_ <b>") == (
        r"\[win\](javascript:x) \*\*now\*\* \`c\` a\|b \_x\_ &lt;b&gt;")
    assert markdown_text("decision_maker\non two lines") == "decision_maker on two lines"  # intraword: no emphasis
    cell = render([{"name": "*A* | [b](c)"}], ["name"], "markdown").splitlines()[-1]
    assert cell == r"| \*A\* \| \[b\](c) |"


def test_a_csv_header_is_formula_safe_too():
    from relgraph.output import render

    assert render([{"=us": "mentor", "id": "p"}], ["id", "=us", "+rival"], "csv").splitlines()[0] == "id,'=us,'+rival"


def test_writing_into_a_missing_folder_or_nowhere_is_a_clear_error(demo, run, tmp_path):
    missing = tmp_path / "no" / "such"
    report = run("report", "--account", "bureau", "--bid", "T-2026-07", "--out", str(missing / "brief.md"))
    assert report.exit_code == 1 and f"the folder {missing} does not exist" in report.stderr
    export = run("export", "--account", "bureau", "--to", str(missing / "bureau.json"))
    assert export.exit_code == 1 and f"the folder {missing} does not exist" in export.stderr
    nowhere = run("export", "--account", "bureau", "--to", "")
    assert nowhere.exit_code == 2 and "--to" in nowhere.stderr and "is empty" in nowhere.stderr


def test_a_stray_quote_is_refused_in_a_single_file_as_in_an_account_folder(run, tmp_path):
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "account.csv").write_text("id,name\nacme,ACME\n", encoding="utf-8")
    (folder / "stakeholders.csv").write_text('id,name,title\na,Ann,"Boss\nb,Bob,Eng\nc,Cy,Clerk\n', encoding="utf-8")
    single = run("load", str(folder / "stakeholders.csv"), "--kind", "stakeholders", "--account", "acme")
    whole = run("load", str(folder))
    for result in (single, whole):
        assert result.exit_code == 1
        assert f"{folder / 'stakeholders.csv'}:2: is not valid CSV" in result.stderr and "stray quote" in result.stderr
    assert json.loads(run("--format", "json", "accounts").stdout) == []


def test_a_command_in_a_shell_writes_no_stray_lines_to_stderr(store_args, demo, tmp_path):
    """Run as a person does, outside pytest's log capture: the Neo4j driver would log a server notification
    there for every property or relationship type that the store holds none of yet. (Run away from the
    source tree, so that the installed relgraph runs.)"""
    done = subprocess.run([sys.executable, "-m", "relgraph", *store_args, "centres", "--account", "bureau"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and "bj-chief" in done.stdout
    assert done.stderr == ""


def test_the_note_on_hidden_influencers_below_top_names_a_few_and_counts_the_rest(demo, run, monkeypatch):
    import relgraph.cli

    monkeypatch.setattr(relgraph.cli, "HIDDEN_NAMED", 1)
    everyone = json.loads(run("--format", "json", "centres", "--account", "bureau", "--hidden").stdout)
    below = [p for p in everyone if p["rank"] > 1]
    assert len(below) >= 2
    note = run("centres", "--account", "bureau", "--top", "1").stderr
    assert note.startswith(f"{len(below)} hidden influencer(s) below the top 1: {below[0]['name']} (rank ")
    assert f"and {len(below) - 1} more; `--hidden` lists them" in note and below[1]["name"] not in note
