"""The account's workbook both ways: export --to book.xlsx, edit, load book.xlsx as one load, and the round trip."""

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
