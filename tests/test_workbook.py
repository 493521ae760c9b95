"""The account's workbook both ways: export --to book.xlsx, edit, load book.xlsx as one load, the round trip; sheets told
by name or header, positioning tables with our level, moves and departures."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from relgraph.account import read_account
from relgraph.errors import InputError
from relgraph.export import export_account
from relgraph.history import read_history
from relgraph.loading import load_path
from relgraph.state import read_stored


def chinese_account(acme: Path) -> Path:
    """ACME with Chinese names, two people of one name, and a formula-like note."""
    (acme / "stakeholders.csv").write_text(
        "id,name,title,department_id,layer,roles,influence,manager_id,notes\n"
        "ceo,王总,总经理,,executive,decision_maker,5,,\"=HYPERLINK(\"\"x\"\")\"\n"
        "cto,李伟,CTO,it,middle,evaluator,4,ceo,\n"
        "eng,张三,工程师,it,frontline,user,2,cto,\n"
        "eng2,张三,工程师,it,frontline,,1,cto,同名\n", encoding="utf-8")
    return acme


def revisions(store, account):
    return read_history(store, account)[1]


def without_shared(state):
    """An account's rows without the vendors and team no stance, owner or contact of it names."""
    used = {("vendors", r["vendor_id"]) for r in state["stances"].values()} | \
           {("team", r["team_member_id"]) for kind in ("owners", "contacts") for r in state[kind].values()}
    return {kind: {key: row for key, row in rows.items() if kind not in ("vendors", "team") or (kind, key[0]) in used}
            for kind, rows in state.items()}


def test_the_workbook_loads_back_unchanged_then_with_exactly_the_edited_cell(store, acme, tmp_path, empty_store):
    load_path(store, chinese_account(acme))
    book = tmp_path / "book.xlsx"
    written = export_account(read_account(store, "acme"), book, known=read_stored(store, "acme"))
    assert {w["kind"] for w in written} >= {"stakeholders", "stances", "positioning"}
    before, history = read_stored(store, "acme"), len(revisions(store, "acme"))

    again = load_path(store, book, account="acme")
    assert {c.change for c in again.changes} == {"unchanged"}
    assert read_stored(store, "acme") == before and len(revisions(store, "acme")) == history
    assert any("sheet 'positioning' read as positioning" in note for note in again.notes)

    sheets = load_workbook(book)
    people = sheets["stakeholders"]
    header = [c.value for c in people[1]]
    assert people.cell(2, header.index("notes") + 1).value == "'=HYPERLINK(\"x\")"  # text, never a formula
    assert [people.cell(r, header.index("manager") + 1).value for r in range(2, 6)] == [None, "王总", "李伟", "李伟"]
    assert sorted(people.cell(r, header.index("name") + 1).value for r in range(2, 6)) == ["张三", "张三", "李伟", "王总"]
    positioning = sheets["positioning"]
    vendors = [c.value for c in positioning[1]]
    ceo_row = next(r for r in range(2, positioning.max_row + 1) if positioning.cell(r, 1).value == "王总")
    positioning.cell(ceo_row, vendors.index("Our Co") + 1).value = "中立"
    sheets.save(book)
    edited = load_path(store, book, account="acme")
    assert [(c.kind, c.key, c.fields) for c in edited.changes if c.change != "unchanged"] == [
        ("stances", "ceo/us", ("stance: supporter -> neutral",))]
    assert len(revisions(store, "acme")) == history + 1

    load_path(empty_store, book, account="acme")
    assert without_shared(read_stored(empty_store, "acme")) == without_shared(read_stored(store, "acme"))


def test_sheets_named_in_chinese_load_as_one_load_and_unknown_sheets_are_named(store, tmp_path):
    book = Workbook()
    book.active.title = "人员"
    for row in [["姓名", "职务", "部门", "上级"], ["周建国", "局长", "局领导", None], ["陈立新", "副局长", "局领导", "周建国"]]:
        book.active.append(row)
    for title, rows in {"厂商": [["厂商名称", "是否我方"], ["星河科技", "是"], ["华为", "否"]],
                        "站位表": [["姓名", "星河科技", "华为"], ["周建国", "支持", "中立"]],
                        "影响": [["影响者", "被影响者", "强度"], ["陈立新", "周建国", 4]],
                        "说明": [["这是一个说明"]]}.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "团队.xlsx"
    book.save(path)
    result = load_path(store, path, account="bureau")
    assert result.rows == {"departments": 1, "stakeholders": 2, "influence": 1, "vendors": 2, "stances": 2}
    assert any("ignored sheet(s) '说明'" in note for note in result.notes)
    assert len(revisions(store, "bureau")) == 1

    book["影响"].append(["钱多多", "周建国", 2])
    book.save(path)
    before = read_stored(store, "bureau")
    with pytest.raises(InputError) as error:
        load_path(store, path, account="bureau")
    assert "钱多多" in str(error.value) and "影响" in str(error.value)
    assert read_stored(store, "bureau") == before  # all or nothing
    result = load_path(store, path, account="bureau", sheets={"影响": "ignore", "说明": "ignore"})
    assert "influence" not in result.rows


def team_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook of the given sheets (title -> rows), as a team keeps it: no id columns."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


FIRST = {
    "人员": [["姓名", "部门", "职务"], ["张伟", "信息中心", "主任"], ["李娜", "财务处", "处长"], ["王芳", "信息中心", "工程师"]],
    "厂商": [["厂商名称", "是否我方"], ["星河科技", "是"], ["华为", "否"]],
    "团队": [["姓名"], ["小刘"]],
    "立场": [["姓名", "厂商", "态度", "关系"], ["张伟", "星河科技", "支持", "好感"], ["李娜", "华为", "内线", None],
           ["王芳", "星河科技", "中立", "接触"]],
    "拜访": [["拜访人", "被拜访人", "拜访日期", "方式"], ["小刘", "张伟", "2026-05-06", "拜访"], ["小刘", "李娜", "2026-05-07", "电话"]],
}


def people_by_name(store, account):
    return {row["name"]: row for row in read_stored(store, account)["stakeholders"].values()}


def test_a_name_in_another_department_warns_same_person_moved_and_match_by_name_moves_them(store, tmp_path):
    load_path(store, team_book(tmp_path / "q2.xlsx", FIRST), account="bureau")
    zhang = people_by_name(store, "bureau")["张伟"]
    departments = {row["name"]: id_ for (id_,), row in read_stored(store, "bureau")["departments"].items()}
    path = team_book(tmp_path / "q3.xlsx", {"人员": [["姓名", "部门", "职务"], ["张伟", "财务处", "副处长"],
                                                    ["李娜", "财务处", "处长"]]})
    before = read_stored(store, "bureau")

    dry = load_path(store, path, account="bureau", dry_run=True)
    assert [str(w) for w in dry.warnings] == [
        f"{path}:2: column 姓名 value '张伟': same person moved? the store holds {zhang['id']} in '信息中心'; "
        "this row (in '财务处') becomes a new person. If it is the same person, load with --match-by name (same id, "
        "history, stances and touchpoints), or add an id column"]
    assert read_stored(store, "bureau") == before

    moved = load_path(store, path, account="bureau", match_by="name")
    assert [(c.key, c.fields) for c in moved.changes if c.kind == "stakeholders" and c.change == "updated"] == [
        (zhang["id"], ("title: 主任 -> 副处长", f"department_id: {departments['信息中心']} -> {departments['财务处']}"))]
    assert any("found by name moved department: 张伟 ('信息中心' -> '财务处')" in note for note in moved.notes)
    after = read_stored(store, "bureau")
    assert len(after["stakeholders"]) == 3
    for kind in ("stances", "contacts"):  # the same person: their stances and touchpoints are still theirs
        theirs = {k: r for k, r in before[kind].items() if zhang["id"] in k}
        assert theirs and {k: r for k, r in after[kind].items() if zhang["id"] in k} == theirs
    assert len(revisions(store, "bureau")) == 2


def test_two_stored_people_of_one_name_are_never_merged_by_match_by_name(store, tmp_path):
    load_path(store, team_book(tmp_path / "q2.xlsx", FIRST), account="bureau")
    namesake = team_book(tmp_path / "namesake.xlsx", {"人员": [["姓名", "部门"], ["张伟", "办公室"]]})
    assert load_path(store, namesake, account="bureau").warnings  # a second 张伟, loaded as given with a warning
    before = read_stored(store, "bureau")
    path = team_book(tmp_path / "q3.xlsx", {"人员": [["姓名", "部门"], ["张伟", "采购部"]]})
    with pytest.raises(InputError) as error:
        load_path(store, path, account="bureau", match_by="name")
    assert f"{path}:2: column 姓名 value '张伟': 2 stored people are called so (" in str(error.value)
    assert "--match-by name cannot tell which one moved; add an id column" in str(error.value)
    assert read_stored(store, "bureau") == before


@pytest.mark.parametrize("prune", [False, True])
def test_people_a_later_workbook_no_longer_lists_keep_their_stances_and_touchpoints(store, tmp_path, prune):
    load_path(store, team_book(tmp_path / "q2.xlsx", FIRST), account="bureau")
    li = people_by_name(store, "bureau")["李娜"]["id"]
    kept = {kind: {k: r for k, r in read_stored(store, "bureau")[kind].items() if li in k} for kind in ("stances", "contacts")}
    later = {"人员": [row for row in FIRST["人员"] if row[0] != "李娜"],
             "立场": [["姓名", "厂商", "态度", "关系"], ["张伟", "星河科技", "内线", "支持"]],
             "拜访": [["拜访人", "被拜访人", "拜访日期", "方式"], ["小刘", "张伟", "2026-06-01", "宴请"]]}
    result = load_path(store, team_book(tmp_path / "q3.xlsx", later), account="bureau", prune=prune)
    after = read_stored(store, "bureau")
    for kind in ("stances", "contacts"):
        assert kept[kind] and {k: r for k, r in after[kind].items() if li in k} == kept[kind]
    assert not [c for c in result.changes if c.change == "removed" and li in c.key_values]
    removed = {(c.kind, c.name) for c in result.changes if c.change == "removed"}
    assert removed == {("stances", "王芳 → 星河科技"), ("contacts", "小刘 → 张伟")}  # a listed person's are the sheets'
    assert people_by_name(store, "bureau")["李娜"]["status"] == ("departed" if prune else "active")


def test_a_positioning_sheet_carries_our_level_and_confidence_and_keeps_the_stances_it_leaves_blank(store, tmp_path):
    load_path(store, team_book(tmp_path / "q2.xlsx", FIRST), account="bureau")  # its 立场 sheet: stances and levels
    people = {name: row["id"] for name, row in people_by_name(store, "bureau").items()}
    vendors = {row["name"]: id_ for (id_,), row in read_stored(store, "bureau")["vendors"].items()}
    us, rival = vendors["星河科技"], vendors["华为"]
    table = [["姓名", "星河科技", "华为", "关系", "可信度"], ["张伟", "内线", None, "排他", "高"],
             ["王芳", None, "反对", "认可", "中"], ["李娜", None, None, None, None]]
    result = load_path(store, team_book(tmp_path / "站位.xlsx", {"站位表": table}), account="bureau")
    assert any("sheet '站位表' read as positioning" in note for note in result.notes)
    assert not [c for c in result.changes if c.change == "removed"]
    stances = read_stored(store, "bureau")["stances"]
    shown = {(name, vendor): (s["stance"], s["level"], s["confidence"]) for (person, vendor_id), s in stances.items()
             for name, id_ in people.items() if id_ == person for vendor, v in vendors.items() if v == vendor_id}
    assert shown == {("张伟", "星河科技"): ("mentor", "supports_exclusively", "high"),
                     ("王芳", "星河科技"): ("neutral", "accepting", "medium"),  # a blank cell keeps the stance
                     ("王芳", "华为"): ("opponent", None, None),  # our level is ours, not the competitor's
                     ("李娜", "华为"): ("mentor", None, None)}  # a blank line keeps it all
    assert (people["张伟"], us) in stances and (people["李娜"], rival) in stances

    table.append(["小王", None, "中立", "接触", None])
    load_path(store, team_book(tmp_path / "人员.xlsx", {"人员": [["姓名", "部门"], ["小王", "信息中心"]]}),
              account="bureau")
    before = read_stored(store, "bureau")
    path = team_book(tmp_path / "站位.xlsx", {"站位表": table})
    with pytest.raises(InputError) as error:
        load_path(store, path, account="bureau")
    assert f"{path}:5: column 星河科技: gives our level or confidence, but the person has no stance toward us" \
           in str(error.value)
    assert read_stored(store, "bureau") == before


def test_sheets_whose_names_say_nothing_are_read_by_their_header_and_the_report_says_how(store, tmp_path):
    path = team_book(tmp_path / "2026.xlsx", {
        "Sheet1": [["2026年三季度 客户组织"], ["工号", "姓名", "职务", "部门"], ["E01", "周建国", "局长", "局领导"],
                   ["E02", "陈立新", "副局长", "局领导"]],
        "厂商": FIRST["厂商"], "团队": FIRST["团队"],
        "2026 Q3": [["拜访日期", "拜访人", "被拜访人"], ["2026-07-01", "小刘", "周建国"]],
        "Sheet3": [["姓名", "星河科技", "华为", "关系"], ["周建国", "支持", "中立", "好感"], ["陈立新", None, "内线", None]],
        "备忘": [["下周再约"]], "空白": []})
    result = load_path(store, path, account="bureau")
    assert result.rows == {"departments": 1, "stakeholders": 2, "vendors": 2, "team": 1, "stances": 3, "contacts": 1}
    read = {note.split(": sheet ")[1] for note in result.notes if ": sheet " in note}
    assert read == {"'Sheet1' read as stakeholders (by its header: '工号', '姓名', '职务', '部门')",
                    "'厂商' read as vendors (by its name)", "'团队' read as team (by its name)",
                    "'2026 Q3' read as contacts (by its header: '拜访日期', '拜访人', '被拜访人')",
                    "'Sheet3' read as positioning (by its header: '姓名', '星河科技', '华为', '关系')"}
    assert f"{path}: ignored sheet(s) '备忘', '空白': neither their names nor their headers say a kind of rows; " \
           "name a sheet's kind with --sheet NAME=KIND" in "\n".join(result.notes)
    ours = {(r["stakeholder_id"], r["level"]) for r in read_stored(store, "bureau")["stances"].values() if r["level"]}
    assert ours == {("E01", "favourable")}


def test_a_header_that_fits_two_kinds_is_reported_not_guessed_and_sheet_decides(store, tmp_path):
    path = team_book(tmp_path / "book.xlsx", {"人员": [["姓名", "部门"], ["周建国", "局领导"]],
                                              "团队": FIRST["团队"], "Sheet2": [["销售", "姓名"], ["小刘", "周建国"]]})
    with pytest.raises(InputError) as error:
        load_path(store, path, account="bureau")
    assert str(error.value).splitlines()[1] == (
        f"  {path}[Sheet2]:1: its header ('销售', '姓名') fits team and owners alike; say which with "
        "--sheet 'Sheet2=KIND' (or 'Sheet2=ignore')")
    assert read_stored(store, "bureau")["stakeholders"] == {}
    result = load_path(store, path, account="bureau", sheets={"Sheet2": "owners"})
    assert result.rows["owners"] == 1
    assert any("sheet 'Sheet2' read as owners (--sheet)" in note for note in result.notes)


def test_load_warns_of_a_move_on_stderr_and_match_by_name_moves_the_person(store_args, tmp_path):
    from click.testing import CliRunner

    from relgraph.cli import cli

    run = lambda *args: CliRunner().invoke(cli, [*store_args, *args], catch_exceptions=False)
    assert run("load", str(team_book(tmp_path / "q2.xlsx", FIRST)), "--account", "bureau").exit_code == 0
    q3 = str(team_book(tmp_path / "q3.xlsx", {"人员": [["姓名", "部门"], ["王芳", "财务处"]]}))
    dry = run("--format", "json", "load", q3, "--account", "bureau", "--dry-run")
    assert dry.exit_code == 0 and "Warning: " in dry.stderr and "value '王芳': same person moved?" in dry.stderr
    assert {row["kind"]: row["created"] for row in json.loads(dry.stdout)}["stakeholders"] == 1
    moved = run("--format", "json", "load", q3, "--account", "bureau", "--match-by", "name")
    assert moved.exit_code == 0 and "same person moved?" not in moved.stderr
    assert {row["kind"]: (row["created"], row["updated"]) for row in json.loads(moved.stdout)}[
        "stakeholders"] == (0, 1)
    shown = run("--format", "json", "show", "王芳", "--account", "bureau")
    assert shown.exit_code == 0 and "财务处" in shown.stdout
