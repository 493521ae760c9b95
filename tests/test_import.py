"""Imports of real-world files: Excel org charts, messy CSV (GB18030, BOM, ; and tab), Salesforce exports."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import snapshot
from relgraph.account import read_account
from relgraph.lookups import show_stakeholder
from relgraph.cli import cli
from relgraph.errors import InputError
from relgraph.loaders.mapping import parse_export, salesforce_id
from relgraph.schema import derived_id
from relgraph.loaders.sheets import read_grid
from relgraph.loading import load_path
from relgraph.state import read_stored

# A Chinese bureau's org chart as an account team keeps it: a title line above
# the table, Chinese headers, managers and departments by name, a phone column
# relgraph has no field for.
ORG_CHART = [
    ["江城市交通运输局 组织架构（2026年11月）"],
    ["姓名", "职务", "部门", "上级", "邮箱", "手机"],
    ["周建国", "局长", "局领导", None, "zhou@example.cn", "13800000001"],
    ["陈立新", "副局长", "局领导", "周建国", None, None],
    ["杨志刚", "科技信息处处长", "科技信息处", "陈立新", None, None],
    ["林晓峰", "工程师", "信息中心", "杨志刚", None, "13800000004"],
]


def xlsx(path: Path, rows: list[list], title: str = "组织架构") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_text(rows: list[list], delimiter: str = ",") -> str:
    return "".join(delimiter.join("" if c is None else str(c) for c in row) + "\r\n" for row in rows)


def people(store, account: str) -> dict[str, dict]:
    """Stored stakeholders by name."""
    return {row["name"]: row for row in read_stored(store, account)["stakeholders"].values()}


def messages(error: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_an_excel_org_chart_with_chinese_headers_loads_in_one_step(store, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", ORG_CHART)
    result = load_path(store, path, kind="stakeholders", account="bureau")
    assert result.rows == {"departments": 3, "stakeholders": 4}
    assert {c.change for c in result.changes} == {"created"}
    found = people(store, "bureau")
    zhou, chen, lin = found["周建国"], found["陈立新"], found["林晓峰"]
    assert zhou["title"] == "局长" and zhou["email"] == "zhou@example.cn" and zhou["manager_id"] is None
    assert chen["manager_id"] == zhou["id"] and lin["manager_id"] == found["杨志刚"]["id"]
    assert zhou["id"] == derived_id("s-", "周建国", zhou["department_id"])
    departments = {r["name"]: r["id"] for r in read_stored(store, "bureau")["departments"].values()}
    assert set(departments) == {"局领导", "科技信息处", "信息中心"} and lin["department_id"] == departments["信息中心"]
    notes = "\n".join(result.notes)
    assert "header is on line 2" in notes and "'手机'" in notes and "no id column" in notes and "3 department(s)" in notes


def test_reloading_the_same_sheet_updates_and_never_duplicates(store, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", ORG_CHART)
    load_path(store, path, kind="stakeholders", account="bureau")
    before = snapshot(store, "bureau")
    again = load_path(store, path, kind="stakeholders", account="bureau")
    assert {c.change for c in again.changes} == {"unchanged"} and again.rows == {"stakeholders": 4}
    assert snapshot(store, "bureau") == before
    edited = [row[:] for row in ORG_CHART]
    edited[5][1] = "高级工程师"
    result = load_path(store, xlsx(path, edited), kind="stakeholders", account="bureau")
    updated = [c for c in result.changes if c.change == "updated"]
    assert [(c.name, c.fields) for c in updated] == [("林晓峰", ("title: 工程师 -> 高级工程师",))]
    assert len(people(store, "bureau")) == 4


@pytest.mark.parametrize("encoding, delimiter", [("gb18030", ","), ("gbk", ";"), ("utf-8-sig", ";"), ("utf-8-sig", "\t"),
                                                 ("utf-8", ";"), ("utf-16", "\t")])  # the last: Excel's "Unicode text"
def test_csv_from_excel_on_any_windows_reads_the_same(store, tmp_path, encoding, delimiter):
    path = tmp_path / "org.csv"
    path.write_bytes(csv_text(ORG_CHART[1:], delimiter).encode(encoding))
    result = load_path(store, path, kind="stakeholders", account="bureau")
    assert result.rows["stakeholders"] == 4
    assert people(store, "bureau")["陈立新"]["title"] == "副局长"
    assert ("not UTF-8" in "\n".join(result.notes)) == (encoding not in ("utf-8", "utf-8-sig"))


def test_a_latin_file_is_not_misread_as_chinese(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("name;title\nJosé Müller;Directeur général\n".encode("cp1252"))
    with pytest.raises(InputError, match="pass --encoding"):
        load_path(store, path, kind="stakeholders", account="acme")
    load_path(store, path, kind="stakeholders", account="acme", encoding="cp1252")
    assert people(store, "acme")["José Müller"]["title"] == "Directeur général"


def test_header_aliases_are_case_and_space_insensitive_and_values_are_tidied(store, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("Full Name,JOB TITLE,Reports To,Layer,Role,Influence,Last Contact,Status\n"
                    "Ann Lee,CIO,,Executive,Decision Maker；approver,4.0,2026/1/5,在职\n"
                    "Bob Ray,Engineer,ann lee,基层,用户,2,2026年11月3日,离职\n", encoding="utf-8")
    load_path(store, path, kind="stakeholders", account="acme")
    found = people(store, "acme")
    ann, bob = found["Ann Lee"], found["Bob Ray"]
    assert ann["layer"] == "executive" and ann["roles"] == ["decision_maker", "approver"] and ann["influence"] == 4
    assert ann["last_contact"] == "2026-01-05" and ann["status"] == "active"
    assert bob["manager_id"] == ann["id"] and bob["layer"] == "frontline" and bob["status"] == "departed"
    assert bob["last_contact"] == "2026-11-03"


def test_every_problem_names_file_line_and_the_files_own_column(store, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", [
        ["姓名", "职务", "层级", "上级", "最近联系"],
        ["王伟", "处长", "boss", None, "2026-13-01"],
        ["王伟", "科长", None, None, None],
        ["李娜", "科员", None, "王伟", None],
        ["赵强", "科员", None, "钱多多", None],
    ])
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="stakeholders", account="bureau")
    found = messages(error)
    assert any(f"{path}:2: column 层级 value 'boss': allowed: executive" in m for m in found)
    assert any(f"{path}:2: column 最近联系 value '2026-13-01'" in m for m in found)
    assert any(f"{path}:3: column 姓名 value '王伟': the same name and department as line 2" in m for m in found)
    assert any(f"{path}:5: column 上级 value '钱多多': names no one" in m for m in found)
    assert read_stored(store, "bureau")["stakeholders"] == {}


def test_an_ambiguous_manager_name_is_reported_not_guessed(store, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", [
        ["工号", "姓名", "上级"], ["e1", "王伟", None], ["e2", "王伟", None], ["e3", "李娜", "王伟"], ["e4", "赵强", "e2"],
    ])
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="stakeholders", account="bureau")
    assert messages(error) == [f"{path}:4: column 上级 value '王伟': 2 people in this file are called so "
                               "(line 2, line 3); give an id instead"]


def test_map_loads_any_column_and_unknown_columns_are_reported(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,Mobile,Comments,Hobby\nAnn,+86 138,likes tea,golf\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme", mapping=("Hobby=notes", "comments=ignore"))
    assert people(store, "acme")["Ann"]["notes"] == "golf"
    assert any("ignored column(s) 'Mobile', 'Comments'" in n for n in result.notes)
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="stakeholders", account="acme", mapping=("Hobby=hobbies", "Shoe=notes", "nonsense"))
    assert len(error.value.problems) == 3 and all(p.column == "--map" for p in error.value.problems)


def test_two_columns_meaning_the_same_field_are_refused(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("姓名,职务,职位\n张三,处长,科长\n", encoding="utf-8")
    with pytest.raises(InputError, match="means title, as column '职务' does"):
        load_path(store, path, kind="stakeholders", account="acme")


def test_columns_a_file_lacks_keep_the_stored_values(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "titles.csv"
    path.write_text("id,title\ncto,Chief Technology Officer\n", encoding="utf-8")
    with pytest.raises(InputError, match="name"):  # a stakeholder file needs names
        load_path(store, path, kind="stakeholders", account="acme")
    path.write_text("id,name,title\ncto,Li Wei,Chief Technology Officer\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme")
    cto = show_stakeholder(read_account(store, "acme"), "cto")
    assert cto["title"] == "Chief Technology Officer" and cto["roles"] == ["approver", "evaluator"]
    assert cto["department_id"] == "it" and cto["manager_id"] == "ceo" and cto["influence"] == 4
    assert [c.fields for c in result.changes] == [("title: CTO -> Chief Technology Officer",)]


def test_a_department_named_like_a_stored_one_is_matched(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "new.csv"
    path.write_text("name,department,manager\nNew Hire,it 信息中心,Li Wei\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme")
    assert result.rows == {"stakeholders": 1}
    new = people(store, "acme")["New Hire"]
    assert new["department_id"] == "it" and new["manager_id"] == "cto"


def test_reporting_lines_may_come_as_a_separate_two_column_file(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "lines.csv"
    path.write_text("员工,上级\nZhang San,王总\n", encoding="utf-8-sig")
    result = load_path(store, path, kind="reporting_lines", account="acme")
    assert [(c.key, c.change, c.fields) for c in result.changes] == [("eng", "updated", ("manager_id: cto -> ceo",))]
    assert show_stakeholder(read_account(store, "acme"), "eng")["manager_id"] == "ceo"
    path.write_text("员工,上级\n王总,Zhang San\nnobody,ceo\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="reporting_lines", account="acme")
    found = "\n".join(messages(error))
    assert "cycle in the reporting line" in found and "column 员工 value 'nobody': names no one" in found


def test_every_kind_takes_chinese_headers_and_names_instead_of_ids(store, tmp_path):
    load_path(store, xlsx(tmp_path / "org.xlsx", ORG_CHART), kind="stakeholders", account="bureau")
    sheets = {  # kind -> what an account team keeps in a spreadsheet, by name, in Chinese
        "departments": [["部门名称", "上级部门", "职能"], ["局领导", None, "领导"], ["科技信息处", "局领导", "技术"],
                        ["信息中心", "科技信息处", "技术"]],
        "vendors": [["厂商名称", "是否我方"], ["星河科技", "是"], ["华为", "否"]],
        "team": [["姓名"], ["刘销售"]],
        "stances": [["姓名", "竞争对手", "态度", "关系", "日期"], ["周建国", "星河科技", "支持", "认可", "2026/11/1"],
                    ["杨志刚", "华为", "内线", None, None]],
        "influence": [["影响者", "被影响者", "强度", "类型"], ["林晓峰", "杨志刚", 4, "技术"]],
        "owners": [["客户经理", "客户"], ["刘销售", "周建国"]],
        "contacts": [["拜访人", "被拜访人", "拜访日期", "方式"], ["刘销售", "周建国", "2026-11-02", "拜访"]],
        "bids": [["项目名称", "截止日期"], ["智慧交通平台", "2026-12-20"]],
        "bid_team": [["项目", "评委", "角色"], ["智慧交通平台", "杨志刚", "评估者"]],
    }
    results = {kind: load_path(store, xlsx(tmp_path / f"{kind}.xlsx", rows), kind=kind, account="bureau")
               for kind, rows in sheets.items()}
    assert [c.name for c in results["stances"].changes] == ["周建国 → 星河科技", "杨志刚 → 华为"]  # what -v shows
    state = read_stored(store, "bureau")
    person = {row["name"]: id_ for (id_,), row in state["stakeholders"].items()}
    department = {row["name"]: row for row in state["departments"].values()}
    assert len(department) == 3  # the org chart's departments, matched by name, not created again
    assert department["信息中心"]["parent_id"] == department["科技信息处"]["id"]
    assert department["科技信息处"]["function"] == "technical"
    vendor = {row["name"]: id_ for (id_,), row in state["vendors"].items()}
    assert set(state["stances"]) == {(person["周建国"], vendor["星河科技"]), (person["杨志刚"], vendor["华为"])}
    assert state["stances"][(person["周建国"], vendor["星河科技"])]["level"] == "accepting"
    assert state["stances"][(person["杨志刚"], vendor["华为"])]["stance"] == "mentor"
    assert state["influence"][(person["林晓峰"], person["杨志刚"])]["kind"] == "technical"
    assert [row["kind"] for row in state["contacts"].values()] == ["visit"]
    [bid] = state["bids"].values()
    assert bid["name"] == "智慧交通平台" and bid["due"] == "2026-12-20"
    assert [(row["bid_id"], row["stakeholder_id"], row["role"]) for row in state["bid_team"].values()] == [
        (bid["id"], person["杨志刚"], "evaluator")]
    again = load_path(store, xlsx(tmp_path / "vendors.xlsx", sheets["vendors"]), kind="vendors", account="bureau")
    assert {c.change for c in again.changes} == {"unchanged"}  # derived ids: loading again never duplicates


def test_a_positioning_table_is_read_as_one_stance_per_person_and_vendor(store, tmp_path):
    load_path(store, xlsx(tmp_path / "org.xlsx", ORG_CHART), kind="stakeholders", account="bureau")
    load_path(store, xlsx(tmp_path / "vendors.xlsx", [["厂商名称", "是否我方"], ["星河科技", "是"], ["华为", "否"]]),
              kind="vendors", account="bureau")
    table = [["姓名", "星河科技", "华为"], ["周建国", "支持", "中立"], ["陈立新", None, "反对"], ["杨志刚", "内线", "maybe"]]
    path = xlsx(tmp_path / "position.xlsx", table)
    before = snapshot(store, "bureau")
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="stances", account="bureau")
    assert messages(error) == [f"{path}:4: column 华为 value 'maybe': allowed: mentor, supporter, neutral, opponent, unknown"]
    assert snapshot(store, "bureau") == before
    table[3][2] = "未知"
    result = load_path(store, xlsx(path, table), kind="stances", account="bureau")
    assert any("read as a positioning table" in note for note in result.notes)
    stances = {c.name: c.change for c in result.changes}
    assert set(stances) == {"周建国 → 星河科技", "周建国 → 华为", "陈立新 → 华为", "杨志刚 → 星河科技", "杨志刚 → 华为"}
    person = {row["name"]: id_ for (id_,), row in read_stored(store, "bureau")["stakeholders"].items()}
    stored = {(r["stakeholder_id"], r["stance"]) for r in read_stored(store, "bureau")["stances"].values()}
    assert (person["杨志刚"], "mentor") in stored and (person["陈立新"], "opponent") in stored


def test_a_changed_cell_of_a_positioning_table_changes_that_stance_and_keeps_its_level(store, acme, tmp_path):
    load_path(store, acme)
    table = xlsx(tmp_path / "position.xlsx", [["stakeholder", "Our Co", "Rival Inc"], ["ceo", "opponent", "neutral"],
                                              ["eng", None, "mentor"]])
    result = load_path(store, table, kind="stances", account="acme")
    assert [(c.key, c.change, c.fields) for c in result.changes if c.change != "unchanged"] == [
        ("ceo/us", "updated", ("stance: supporter -> opponent",))]
    ours = read_stored(store, "acme")["stances"][("ceo", "us")]
    assert (ours["stance"], ours["level"], ours["source"]) == ("opponent", "favourable", "dinner")


def test_a_name_that_names_no_one_or_several_is_refused_and_nothing_is_written(store, tmp_path):
    load_path(store, xlsx(tmp_path / "org.xlsx", ORG_CHART), kind="stakeholders", account="bureau")
    namesake = tmp_path / "namesake.csv"
    namesake.write_text("姓名,部门\n周建国,信息中心\n", encoding="utf-8")
    load_path(store, namesake, kind="stakeholders", account="bureau")
    before = snapshot(store, "bureau")
    path = tmp_path / "influence.csv"
    path.write_text("影响者,被影响者\n周建国,陈立新\n陈立新,钱多多\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(store, path, kind="influence", account="bureau")
    first, second = messages(error)
    assert first.startswith(f"{path}:2: column 影响者 value '周建国': 2 people in the store are called so (s-")
    assert second.startswith(f"{path}:3: column 被影响者 value '钱多多': names no one in the store")
    assert snapshot(store, "bureau") == before


def test_header_aliases_never_mean_two_fields():
    from relgraph.loaders.mapping import _ALIASES, normalise_header

    for kind, fields in _ALIASES.items():
        meaning: dict[str, str] = {}
        for field, words in fields.items():
            for word in (field, *words):
                assert meaning.setdefault(normalise_header(word), field) == field, (kind, word)


SALESFORCE = (
    '"Contact ID","First Name","Last Name","Title","Department","Reports To ID","Email","Account Name","Phone"\n'
    '"0035g00000AbCdEAAV","Ann","Lee","CIO","IT","","ann@acme.example","ACME","1"\n'
    '"0035g00000XyZaB","Bob","Ray","Engineer","IT","0035g00000AbCdE","bob@acme.example","ACME","2"\n'
    '"0035g00000QqQqQ","伟","王","CFO","Finance","0035G00000ABCDEAAV","","ACME",""\n'
    '\n'
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
    '"Confidential Information - Do Not Distribute"\n'
)


def test_a_salesforce_contact_export_loads_people_lines_and_departments(store, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(SALESFORCE, encoding="utf-8")
    result = load_path(store, path, source="salesforce", account="acme")
    assert result.rows == {"departments": 2, "stakeholders": 3}
    found = people(store, "acme")
    ann = found["Ann Lee"]
    assert ann["id"] == salesforce_id("0035g00000AbCdE") == "0035g00000AbCdEAAV"
    assert found["Bob Ray"]["manager_id"] == ann["id"] and found["王伟"]["manager_id"] == ann["id"]
    assert found["Bob Ray"]["email"] == "bob@acme.example"
    departments = {r["name"] for r in read_stored(store, "acme")["departments"].values()}
    assert departments == {"IT", "Finance"}
    assert any("footer" in n for n in result.notes) and any("'Phone'" in n for n in result.notes)
    again = load_path(store, path, source="salesforce", account="acme")
    assert {c.change for c in again.changes} == {"unchanged"}


def test_a_salesforce_manager_outside_the_export_is_left_out_with_a_note(store, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text('"Contact ID","Last Name","Reports To ID"\n"0035g00000AbCdE","Lee","0035g00000ZzZzZ"\n'
                    '"0035g00000XyZaB","Ray","0035g00000AbCdEAAV"\n', encoding="utf-8")
    result = load_path(store, path, source="salesforce", account="acme")
    found = people(store, "acme")
    assert found["Lee"]["manager_id"] is None and found["Ray"]["manager_id"] == found["Lee"]["id"]
    assert any("left out: line 2 (0035g00000ZzZzZAAV)" in note for note in result.notes)
    path.write_text('"Contact ID","Last Name"\n"0035g00000ZzZzZ","Boss"\n', encoding="utf-8")
    load_path(store, path, source="salesforce", account="acme")  # the manager's contact, from another report
    path.write_text('"Contact ID","Last Name","Reports To ID"\n"0035g00000AbCdE","Lee","0035g00000ZzZzZ"\n',
                    encoding="utf-8")
    load_path(store, path, source="salesforce", account="acme")
    assert people(store, "acme")["Lee"]["manager_id"] == "0035g00000ZzZzZAAV"


def test_a_salesforce_export_of_several_accounts_or_with_bad_ids_is_refused(store, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("Id,LastName,AccountId,ReportsToId\n0035g00000AbCdE,Lee,001A,\n0035g00000XyZaB,Ray,001B,12345\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(store, path, source="salesforce", account="acme")
    found = "\n".join(messages(error))
    assert "2 Salesforce accounts" in found and "column ReportsToId value '12345': expected a 15- or 18-character" in found


def test_dry_run_reports_and_writes_nothing(store, acme, tmp_path):
    load_path(store, acme)
    before = snapshot(store, "acme")
    (acme / "stakeholders.csv").write_text(
        "id,name,title,department_id,manager_id\nceo,王总,Chairman,exec,\ncto,Li Wei,CTO,it,ceo\nnew,New,,it,cto\n",
        encoding="utf-8")
    (acme / "influence.csv").write_text("source_id,target_id,strength,kind\ncto,ceo,4,advice\n", encoding="utf-8")
    result = load_path(store, acme, dry_run=True, prune=True)
    assert result.dry_run and snapshot(store, "acme") == before
    changes = {(c.kind, c.key): c.change for c in result.changes}
    assert changes[("stakeholders", "ceo")] == "updated" and changes[("stakeholders", "new")] == "created"
    assert changes[("stakeholders", "eng")] == "departed" and changes[("influence", "eng/cto")] == "removed"
    assert changes[("influence", "cto/ceo")] == "unchanged" and changes[("departments", "it")] == "unchanged"


def test_prune_marks_people_who_left_as_departed_and_keeps_them(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "people.csv"
    path.write_text("id,name\nceo,王总\ncto,Li Wei\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme", prune=True)
    assert [(c.key, c.change) for c in result.changes if c.change == "departed"] == [("eng", "departed")]
    eng = show_stakeholder(read_account(store, "acme"), "eng")
    assert eng["status"] == "departed" and eng["influences"] and eng["manager_id"] == "cto"
    with pytest.raises(Exception, match="--prune applies to a load of stakeholders"):
        load_path(store, acme / "team.csv", kind="team", account="acme", prune=True)


def test_someone_who_left_and_is_listed_again_is_active_again(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "people.csv"
    path.write_text("id,name\nceo,王总\ncto,Li Wei\n", encoding="utf-8")
    load_path(store, path, kind="stakeholders", account="acme", prune=True)
    path.write_text("id,name,title\nceo,王总,CEO\ncto,Li Wei,CTO\neng,Zhang San,Engineer\n", encoding="utf-8")
    result = load_path(store, path, kind="stakeholders", account="acme")
    assert show_stakeholder(read_account(store, "acme"), "eng")["status"] == "active"
    assert any("listed again and marked active: eng" in note for note in result.notes)


def test_read_grid_sniffs_delimiters_and_handles_old_and_broken_workbooks(tmp_path):
    (tmp_path / "a.csv").write_text('name\t"title, with comma"\nAnn\tCIO\n', encoding="utf-8")
    grid, problems = read_grid(tmp_path / "a.csv")
    assert not problems and grid.header == ["name", "title, with comma"] and list(grid.rows) == [(2, ["Ann", "CIO"])]
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .xlsx" in str(read_grid(tmp_path / "old.xls")[1][0])
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    assert "not an Excel .xlsx workbook" in str(read_grid(tmp_path / "broken.xlsx")[1][0])
    book = xlsx(tmp_path / "two.xlsx", [["name"], ["Ann"]])
    assert "no such sheet; the workbook has 组织架构" in str(read_grid(book, sheet="Sheet9")[1][0])


def test_an_empty_first_sheet_points_to_the_others(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "封面"
    book.create_sheet("名单").append(["姓名", "职务"])
    book["名单"].append(["甲", "处长"])
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(InputError, match=r"holds no rows.*sheets 封面, 名单: choose one with --sheet NAME"):
        load_path(store, tmp_path / "two.xlsx", kind="stakeholders", account="a")
    assert load_path(store, tmp_path / "two.xlsx", kind="stakeholders", account="a", sheet="名单").rows == {"stakeholders": 1}


def test_parse_export_needs_no_store(tmp_path):
    export, problems = parse_export(xlsx(tmp_path / "org.xlsx", ORG_CHART), "stakeholders")
    assert not problems and [r["manager"] for r in export.rows] == [None, "周建国", "陈立新", "杨志刚"]
    assert export.headers["manager"] == "上级" and export.fields >= {"name", "title", "department", "manager", "email"}


@pytest.fixture
def run(data_dir):
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)


def test_cli_load_of_an_excel_file_reports_what_it_did(run, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", ORG_CHART)
    dry = run("load", str(path), "--kind", "stakeholders", "--account", "bureau", "--dry-run")
    assert dry.exit_code == 0 and "Dry run: nothing was written." in dry.stderr
    assert "Note:" in dry.stderr and "'手机'" in dry.stderr
    assert json.loads(run("--format", "json", "accounts").stdout) == []
    result = run("--format", "json", "load", str(path), "--kind", "stakeholders", "--account", "bureau")
    assert json.loads(result.stdout) == [
        {"account": "bureau", "kind": "departments", "rows": 3, "created": 3, "updated": 0, "unchanged": 0, "removed": 0, "departed": 0},
        {"account": "bureau", "kind": "stakeholders", "rows": 4, "created": 4, "updated": 0, "unchanged": 0, "removed": 0, "departed": 0},
    ]
    verbose = run("load", str(path), "--kind", "stakeholders", "--account", "bureau", "-v")
    assert verbose.exit_code == 0 and "周建国" in verbose.stdout and verbose.stdout.count("unchanged") >= 5


def test_cli_refusals_are_error_lines_never_tracebacks(run, tmp_path):
    broken = tmp_path / "org.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    for args in (["load", str(broken), "--kind", "stakeholders", "--account", "a"],
                 ["load", str(broken), "--kind", "stakeholders", "--account", "a", "--sheet", "x"],
                 ["load", str(tmp_path), "--prune", "--account", "a"]):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.startswith("Error: ") and "Traceback" not in result.output


def test_cli_shows_what_it_read_and_ignored_also_when_it_refuses(run, tmp_path):
    path = tmp_path / "org.csv"
    path.write_text("姓名,职务,层级,手机\n王伟,处长,boss,138\n", encoding="utf-8")
    result = run("load", str(path), "--kind", "stakeholders", "--account", "a")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "column 层级 value 'boss'" in result.stderr
    assert "read column(s) '姓名' as name, '职务' as title, '层级' as layer" in result.stderr
    assert "ignored column(s) '手机'" in result.stderr


# Workbooks as other programs write them: their sheet XML edited inside the zip.

PEOPLE = [["id", "name", "title"], *[[f"p{i}", f"Person {i}", f"Title {i}"] for i in range(1, 6)]]


def edit_sheet(path: Path, edit) -> Path:
    """Rewrite the first sheet's XML of a workbook with `edit(text) -> text`, the other members kept as they are."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return path


def with_dimension(text: str, ref: str) -> str:
    import re

    return re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text)


def test_a_dimension_record_that_understates_the_sheet_loses_no_row_or_column(store, tmp_path):
    path = xlsx(tmp_path / "org.xlsx", PEOPLE)
    load_path(store, path, kind="stakeholders", account="a")
    edit_sheet(path, lambda text: with_dimension(text, "A1:B2"))
    result = load_path(store, path, kind="stakeholders", account="a", prune=True)
    assert result.rows == {"stakeholders": 5} and {c.change for c in result.changes} == {"unchanged"}
    stored = people(store, "a")
    assert [stored[f"Person {i}"]["status"] for i in range(1, 6)] == ["active"] * 5
    assert stored["Person 5"]["title"] == "Title 5"


def test_a_dimension_record_that_overstates_the_sheet_costs_only_the_cells_there(tmp_path):
    import subprocess
    import sys

    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
    path = edit_sheet(xlsx(tmp_path / "org.xlsx", PEOPLE),
                      lambda text: with_dimension(text, "A1:XFD1048576").replace("</sheetData>", far))
    code = ("import sys; from relgraph.loaders.mapping import parse_export; "
            "export, problems = parse_export(sys.argv[1], 'stakeholders'); "
            "print(len(export.rows), *[p.line for p in problems])")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)  # not the checkout: the installed package, as a user has it
    assert done.stdout.split() == ["5", "1048576"], done.stderr  # the far cell is outside the table: a located problem


def test_a_formula_without_a_saved_value_is_noted_or_refused_where_a_value_is_needed(tmp_path):
    rows = [row[:] for row in PEOPLE]
    rows[2][2] = '=UPPER("x")'  # openpyxl, like a script, saves a formula without its value
    export, problems = parse_export(xlsx(tmp_path / "org.xlsx", rows, title="名单"), "stakeholders")
    assert not problems and export.rows[1]["title"] is None
    assert any("sheet '名单': cell(s) C3 hold a formula with no saved value" in note for note in export.notes)
    rows[3][0] = "=A2"
    _, problems = parse_export(xlsx(tmp_path / "org.xlsx", rows), "stakeholders")
    assert [str(p) for p in problems] == [f"{tmp_path / 'org.xlsx'}:4: column id: cell A4 holds a formula with no "
                                          "saved value; open the workbook in Excel and save it again, or type the value"]


def stored_with_overlong_member(path: Path) -> Path:
    """The workbook stored uncompressed, its sheet last and said to be longer than the file: a file cut short while
    it was read."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = sorted(((i.filename, source.read(i)) for i in source.infolist()),
                         key=lambda m: m[0] == "xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for name, data in members:
            target.writestr(name, data)
    raw = bytearray(path.read_bytes())
    entry = raw.rindex(b"PK\x01\x02")  # the last entry of the central directory: the sheet's
    for offset in (20, 24):  # its compressed and uncompressed sizes
        size = int.from_bytes(raw[entry + offset:entry + offset + 4], "little")
        raw[entry + offset:entry + offset + 4] = (size + 10_000).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("damage", ["truncated XML", "cut short", "member overruns the file"])
def test_a_damaged_workbook_is_refused_naming_the_file(run, tmp_path, damage):
    path = xlsx(tmp_path / "org.xlsx", PEOPLE)
    if damage == "truncated XML":
        edit_sheet(path, lambda text: text[: len(text) // 2])
    elif damage == "cut short":
        path.write_bytes(path.read_bytes()[:-200])
    else:
        stored_with_overlong_member(path)
    result = run("load", str(path), "--kind", "stakeholders", "--account", "a")
    assert result.exit_code == 1 and "Traceback" not in result.output and "Aborted" not in result.output
    assert result.stderr.startswith("Error: ") and f"{path}" in result.stderr and "damaged" in result.stderr
    assert json.loads(run("--format", "json", "accounts").stdout) == []
