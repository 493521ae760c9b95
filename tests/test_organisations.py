"""People of another organisation (consultants, design institutes, integrators): stored, shown, exported, on warm
paths like anyone, and in no department: the load refuses one with a department, coverage and breadth skip them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from relgraph.account import read_account
from relgraph.analysis.breadth import breadth
from relgraph.analysis.gaps import coverage_gaps
from relgraph.analysis.power import power_scores
from relgraph.analysis.unreached import unreached_influencers
from relgraph.cli import cli
from relgraph.errors import InputError
from relgraph.loading import load_path
from relgraph.state import account_from_rows, rows_of
from relgraph.viz.reach import analyse
from relgraph.viz.views import build_view

TODAY = dt.date(2026, 6, 1)
FILES = {
    "account.csv": "id,name,tier\nacme,Acme,S\n",
    "departments.csv": "id,name,function,parent_id\nit,IT,technical,\n",
    "vendors.csv": "id,name,is_us\nus,Our Co,true\nrival,Rival,false\n",
    "team.csv": "id,name\nann,Ann\n",
    "stakeholders.csv": "id,name,title,department_id,layer,roles,influence,organisation\n"
                        "boss,Boss,CIO,it,executive,decision_maker,5,\n"
                        "eng,Eng,Engineer,it,frontline,user,2,\n"
                        "li,Li Ming,Chief consultant,,,influencer,3,Design Institute\n",
    "influence.csv": "source_id,target_id,strength,kind\nli,boss,5,advice\n",
    "stances.csv": "stakeholder_id,vendor_id,stance,level,confidence,as_of,source\n"
                   "li,us,supporter,supports,high,2026-05-01,\neng,rival,mentor,,,,\n",
    "owners.csv": "team_member_id,stakeholder_id,since\nann,li,2026-01-01\n",
    "contacts.csv": "team_member_id,stakeholder_id,date,kind\nann,li,2026-05-20,visit\nann,eng,2026-05-20,call\n",
}


def folder(tmp_path, **changed):
    root = tmp_path / "acme"
    root.mkdir(exist_ok=True)
    for name, text in {**FILES, **changed}.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_stored_read_and_rebuilt(store, tmp_path):
    load_path(store, folder(tmp_path))
    data = read_account(store, "acme")
    assert data.people["li"].organisation == "Design Institute" and data.people["li"].outside
    assert data.people["boss"].organisation is None and not data.people["boss"].outside
    assert account_from_rows("acme", rows_of(data)) == data  # what --at rebuilds from the history


def test_consultant_on_a_warm_path_to_the_decider(store, tmp_path):
    load_path(store, folder(tmp_path))
    scoped = read_account(store, "acme").scoped()
    found = unreached_influencers(scoped, power_scores(scoped), TODAY)
    boss = next(u for u in found.people if u.id == "boss")
    assert [s.id for s in boss.path.steps] == ["li", "boss"]


def test_not_counted_in_coverage_or_breadth(store, tmp_path):
    load_path(store, folder(tmp_path))
    scoped = read_account(store, "acme").scoped()
    cells = coverage_gaps(scoped, power_scores(scoped), TODAY).cells
    assert all("li" not in c.people for c in cells)
    assert [c.department_id for c in cells if c.area == "department"] == ["it", "it"]
    total = breadth(scoped, TODAY)[0]
    assert (total.department_id, total.people, total.touched_recent) == (None, 2, 1)


def test_a_consultant_with_a_department_is_refused(store, tmp_path):
    people = FILES["stakeholders.csv"].replace(",,,influencer,3,Design Institute", ",it,,influencer,3,Design Institute")
    with pytest.raises(InputError) as error:
        load_path(store, folder(tmp_path, **{"stakeholders.csv": people}))
    problem = error.value.problems[0]
    assert (problem.file.endswith("stakeholders.csv"), problem.line, problem.column) == (True, 4, "department_id")
    assert "another organisation" in problem.message and "leave department_id empty" in problem.message
    assert read_account(store, "acme", missing_ok=True) is None  # nothing half-written


def test_move_into_a_department_is_refused(store_args, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, [*store_args, "load", str(folder(tmp_path))]).exit_code == 0
    moved = runner.invoke(cli, [*store_args, "move", "li", "--account", "acme", "--department", "it"])
    assert moved.exit_code != 0 and "another organisation" in moved.output and "Traceback" not in moved.output


def test_export_reload_round_trip_and_show(store_args, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, [*store_args, "load", str(folder(tmp_path))]).exit_code == 0
    out = tmp_path / "out"
    assert runner.invoke(cli, [*store_args, "export", "--account", "acme", "--to", str(out)]).exit_code == 0
    assert "organisation" in (out / "stakeholders.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "Design Institute" in (out / "stakeholders.csv").read_text(encoding="utf-8")
    again = runner.invoke(cli, [*store_args, "load", str(out), "--format", "json"])
    assert again.exit_code == 0, again.output
    shown = runner.invoke(cli, [*store_args, "show", "li", "--account", "acme", "--format", "json"])
    assert json.loads(shown.output)["organisation"] == "Design Institute"
    assert json.loads(runner.invoke(cli, [*store_args, "show", "boss", "--account", "acme", "--format", "json"])
                      .output)["organisation"] is None


@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor"])
def test_marked_in_views(store, tmp_path, kind):
    load_path(store, folder(tmp_path))
    graph = read_account(store, "acme")
    view = build_view(graph, kind, analyse(graph, None, TODAY), vendor="rival" if kind == "competitor" else None)
    labels = {n["id"]: n["label"] for n in view.nodes}
    assert labels["li"].startswith("Li Ming [Design Institute]") and "[" not in labels["boss"]
    assert ["organisation", "Design Institute"] in view.details["li"]["rows"]
    assert "Other organisations" in [section["title"] for section in view.legend]


@pytest.mark.parametrize("header", ["所属单位", "Company", "organization", "单位"])
def test_export_headers_name_the_organisation(store, tmp_path, header):
    sheet = tmp_path / "people.csv"
    sheet.write_text(f"姓名,职务,部门,{header}\n王芳,主任,信息中心,\n李明,咨询顾问,,设计院\n", encoding="utf-8")
    load_path(store, sheet, kind="stakeholders", account="acme")
    people = {p.name: p for p in read_account(store, "acme").people.values()}
    assert people["李明"].organisation == "设计院" and people["王芳"].organisation is None
