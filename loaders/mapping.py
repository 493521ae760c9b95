"""Exports as they come — an Excel org chart, a CRM's CSV, a Salesforce Contact export — mapped onto canonical rows.

One mapping layer: a file's columns are matched to fields by header aliases
(English and Chinese, case- and space-insensitive) or `--map COLUMN=FIELD`,
each cell is tidied (Chinese and mixed-case values, dates such as 2026/1/5)
and then checked by the same column parsers as the account folder. The result
is `Table`s of the canonical kinds, so references, the write plan and the
store writes are shared with the account-folder loader.

Parsing needs no store (`parse_export`); `names.resolve_export` then turns
names into ids against the file and what the store already holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from relgraph.errors import Problem
from relgraph.loaders.canonical import parse_cells
from relgraph.schema import ID_PREFIXES, KINDS, REPORTING, Column, Kind, OneOf, unescape_cell, unsafe_character
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.sheets import BadGrid, read_grid

__all__ = ["STANCE_HEADERS", "header_fields", "is_stance", "Export", "EXPORT_KINDS", "SOURCES", "NAMED_COLUMNS", "listed", "parse_export", "salesforce_id",
           "normalise_header", "fields_of"]

EXPORT_KINDS = (*KINDS, REPORTING.name)
SOURCES = ("sheet", "salesforce")
# Columns that name a node: an export may give the node's name instead of its id (see names.py). A
# stakeholders export names departments and managers in columns of its own (VIRTUAL).
NAMED_COLUMNS = {name: kind.references for name, kind in KINDS.items() if kind.references and name != "stakeholders"}
IGNORE = ("ignore", "-")

# Fields an export may give besides the canonical columns; resolved by `resolve_export`.
VIRTUAL = {
    "stakeholders": ("department", "manager"),
    "reporting_lines": ("person", "manager"),
}

_PERSON = ("stakeholder", "stakeholder id", "person", "contact", "name", "姓名", "人员", "联系人", "客户")
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "account": {
        "id": ("account id", "客户编号", "客户id"),
        "name": ("account", "account name", "customer", "客户", "客户名称", "单位", "单位名称"),
        "tier": ("tier", "等级", "客户等级", "客户级别"),
    },
    "departments": {
        "id": ("department id", "dept id", "部门编号", "部门id"),
        "name": ("department", "department name", "dept", "部门", "部门名称", "处室", "科室"),
        "function": ("function", "职能", "部门职能"),
        "parent_id": ("parent", "parent department", "parent id", "上级部门", "所属部门"),
    },
    "stakeholders": {
        "id": ("stakeholder id", "person id", "employee id", "staff id", "工号", "员工编号", "人员编号", "编号"),
        "name": ("full name", "contact name", "employee name", "姓名", "名字", "员工姓名", "人员姓名", "联系人"),
        "title": ("job title", "position", "job", "职务", "职位", "岗位", "职称", "头衔"),
        "department_id": ("department id", "dept id", "部门编号", "部门id"),
        "department": ("department", "dept", "division", "unit", "部门", "所属部门", "部门名称", "处室", "科室"),
        "layer": ("层级", "层次"),
        "roles": ("role", "buying role", "buying roles", "角色", "采购角色"),
        "influence": ("影响力",),
        "manager_id": ("manager id", "reports to id", "上级编号", "上级工号", "上级id"),
        "manager": ("manager", "reports to", "line manager", "supervisor", "boss", "上级", "直属领导", "直属上级",
                    "汇报对象", "上级领导", "领导"),
        "last_contact": ("last contact", "last contacted", "最近联系", "最后联系", "最近联系日期"),
        "status": ("状态", "在职状态"),
        "notes": ("note", "comments", "comment", "remarks", "备注", "说明"),
        "email": ("e-mail", "mail", "email address", "邮箱", "电子邮件", "邮件", "电子邮箱"),
        "organisation": ("organization", "company", "employer", "firm", "单位", "所属单位", "公司", "所属公司",
                         "工作单位"),
    },
    "reporting_lines": {
        "person": ("id", "employee", "stakeholder", "stakeholder_id", "person", "name", "员工", "姓名", "工号", "下属"),
        "manager": ("manager", "manager_id", "reports to", "supervisor", "boss", "上级", "直属领导", "直属上级", "汇报对象"),
    },
    "influence": {
        "source_id": ("source", "from", "influencer", "who influences", "影响者", "影响人", "施加影响者", "影响方"),
        "target_id": ("target", "to", "influenced", "influences", "被影响者", "被影响人", "影响对象", "对象"),
        "strength": ("weight", "强度", "影响强度", "影响程度"),
        "kind": ("type", "influence kind", "influence type", "类型", "影响类型", "影响方式"),
    },
    "vendors": {
        "id": ("vendor id", "厂商编号", "厂商id"),
        "name": ("vendor", "vendor name", "competitor", "company", "厂商", "厂商名称", "供应商", "竞争对手", "公司"),
        "is_us": ("us", "is us", "ours", "我方", "是否我方"),
    },
    "stances": {
        "stakeholder_id": _PERSON,
        "vendor_id": ("vendor", "vendor id", "competitor", "厂商", "供应商", "竞争对手", "对手"),
        "stance": ("attitude", "立场", "态度", "倾向"),
        "level": ("relationship", "relationship level", "关系", "关系程度", "关系等级", "关系级别"),
        "confidence": ("certainty", "可信度", "把握", "置信度"),
        "as_of": ("as of", "date", "日期", "更新日期", "截至"),
        "source": ("information source", "信息来源", "来源"),
    },
    "team": {
        "id": ("member id", "team member id", "成员编号"),
        "name": ("member", "team member", "姓名", "成员", "销售"),
    },
    "owners": {
        "team_member_id": ("owner", "account manager", "team member", "sales rep", "负责人", "客户经理", "对接人", "销售"),
        "stakeholder_id": _PERSON,
        "since": ("from", "start", "起始日期", "开始日期", "负责起始"),
    },
    "contacts": {
        "team_member_id": ("team member", "by", "owner", "sales rep", "拜访人", "负责人", "销售", "我方人员"),
        "stakeholder_id": _PERSON + ("被拜访人",),
        "date": ("contact date", "visit date", "日期", "拜访日期", "联系日期"),
        "kind": ("type", "channel", "方式", "类型", "拜访方式", "联系方式"),
    },
    "bids": {
        "id": ("bid id", "tender id", "tender number", "项目编号", "招标编号"),
        "name": ("bid", "bid name", "tender", "project", "项目", "项目名称", "招标项目"),
        "due": ("deadline", "due date", "截止日期", "投标截止", "截标日期"),
        "stage": ("阶段", "项目阶段"),
    },
    "bid_team": {
        "bid_id": ("bid", "tender", "project", "项目", "项目编号", "招标编号"),
        "stakeholder_id": _PERSON + ("member", "成员", "评委"),
        "role": ("roles", "bid role", "角色", "职责"),
    },
    "targets": {
        "scope": ("target type", "type", "范围", "目标类型", "类型"),
        "stakeholder_id": _PERSON,
        "department_id": ("department", "dept", "部门"),
        "layer": ("层级", "层次"),
        "bid_id": ("bid", "tender", "project", "项目", "项目编号"),
        "role": ("bid role", "角色"),
        "stance": ("target stance", "目标立场", "立场", "态度"),
        "level": ("target level", "relationship", "目标关系", "关系", "关系程度"),
        "status": ("target status", "coverage", "目标状态", "覆盖状态", "覆盖"),
        "measure": ("metric", "指标"),
        "value": ("target value", "target", "目标值", "目标"),
        "due": ("due date", "deadline", "by", "截止日期", "完成日期", "期限"),
        "owner_id": ("owner", "team member", "负责人", "责任人"),
    },
    "activities": {
        "date": ("activity date", "日期", "活动日期", "时间"),
        "kind": ("type", "activity", "activity type", "类型", "活动类型", "活动"),
        "subject": ("title", "topic", "name", "主题", "名称", "活动名称", "内容"),
        "stakeholder_ids": ("customer participants", "customer attendees", "their participants", "customer",
                            "客户参与人", "客户参加人", "客户参与人员", "客户方", "客户出席"),
        "team_member_ids": ("our participants", "our attendees", "our team", "我方参与人", "我方参加人",
                            "我方参与人员", "我方", "我方出席"),
        "ends": ("end", "end date", "until", "term end", "valid until", "expires", "到期日", "有效期至", "结束日期"),
        "score": ("satisfaction", "satisfaction score", "满意度", "得分", "评分"),
    },
    "procurement": {
        "bid_id": ("bid", "tender", "project", "项目", "项目编号", "招标编号"),
        "step": ("procurement step", "stage", "环节", "采购环节", "步骤", "流程"),
        "took_part": ("took part", "participated", "involved", "参与", "是否参与", "我方参与"),
        "date": ("日期", "时间"),
    },
}

_SALESFORCE: dict[str, tuple[str, ...]] = {
    "id": ("id", "contact id", "contactid", "contact: contact id"),
    "first_name": ("firstname", "first name"),
    "last_name": ("lastname", "last name"),
    "name": ("name", "full name", "contact name", "contact: full name"),
    "title": ("title",),
    "department": ("department",),
    "manager_id": ("reportstoid", "reports to id", "reports to: contact id"),
    "manager": ("reports to", "reports to: full name", "reports to name"),
    "email": ("email",),
    "account": ("accountid", "account id", "account name", "account: account name", "account: account id"),
}

_VALUES = {
    "layer": {"高层": "executive", "领导层": "executive", "决策层": "executive", "中层": "middle", "管理层": "middle",
              "基层": "frontline", "一线": "frontline", "执行层": "frontline"},
    "status": {"在职": "active", "离职": "departed", "已离职": "departed", "调离": "departed", "退休": "departed",
               "left": "departed", "inactive": "departed", "former": "departed",
               "已覆盖": "covered", "覆盖": "covered", "劣势": "outnumbered", "薄弱": "weak", "争夺": "contested",
               "未覆盖": "uncovered"},
    "scope": {"人员": "person", "个人": "person", "人": "person", "覆盖": "cell", "单元": "cell", "项目": "bid"},
    "measure": {"支持度": "support_share", "支持率": "support_share", "压制比": "suppression_ratio"},
    "roles": {"决策者": "decision_maker", "决策人": "decision_maker", "审批者": "approver", "审批人": "approver",
              "评估者": "evaluator", "评估人": "evaluator", "影响者": "influencer", "使用者": "user", "用户": "user",
              "把关者": "gatekeeper", "守门人": "gatekeeper", "采购": "procurement"},
    "stance": {"教练": "mentor", "内线": "mentor", "支持者": "supporter", "支持": "supporter", "中立": "neutral",
               "反对者": "opponent", "反对": "opponent", "未知": "unknown"},
    "level": {"反对": "opposed", "接触": "contact", "认可": "accepting", "接受": "accepting", "好感": "favourable",
              "倾向": "favourable", "支持": "supports", "独家支持": "supports_exclusively", "排他": "supports_exclusively",
              "排他支持": "supports_exclusively"},
    "confidence": {"低": "low", "中": "medium", "高": "high"},
    "function": {"领导": "executive", "管理": "executive", "业务": "business", "技术": "technical", "采购": "procurement",
                 "财务": "finance", "行政": "admin", "综合": "admin", "其他": "other"},
    "is_us": {"是": "true", "否": "false"},
    "took_part": {"是": "true", "否": "false", "参与": "true", "已参与": "true", "未参与": "false", "没有": "false"},
    "kind": {"建议": "advice", "技术": "technical", "私人": "personal", "个人": "personal", "政治": "political",
             "拜访": "visit", "宴请": "meal", "吃饭": "meal", "电话": "call", "邮件": "email", "活动": "event",
             "会议": "event", "交流会": "workshop", "研讨会": "workshop", "考察": "site_visit", "参观": "site_visit",
             # an activity's kind (an influence tie's and a touchpoint's take none of these)
             "战略会议": "strategy_meeting", "战略交流": "strategy_meeting", "高层拜访": "executive_visit",
             "高层互访": "executive_visit", "峰会": "summit", "高峰论坛": "summit", "样板点参观": "reference_visit",
             "标杆参观": "reference_visit", "联合创新": "joint_innovation", "战略合作协议": "strategic_agreement",
             "战略协议": "strategic_agreement", "框架协议": "strategic_agreement", "满意度调查": "satisfaction_survey",
             "客户满意度": "satisfaction_survey"},
    "step": {"需求": "need", "识别需求": "need", "需求识别": "need", "立项": "goals", "目标": "goals",
             "确定目标": "goals", "需求规格": "requirements", "技术规格": "requirements", "编写需求": "requirements",
             "规格": "requirements", "招标": "tender", "投标": "tender", "评标": "evaluation", "评估": "evaluation",
             "供应商考察": "supplier_visit", "考察供应商": "supplier_visit", "合同": "contract", "签约": "contract",
             "合同签订": "contract"},
}
_ROLE_LISTS = {"roles"}
_ENUMS = {"layer", "status", "roles", "role", "stance", "level", "confidence", "function", "kind", "is_us", "scope",
          "measure", "took_part", "step"}
_ID_LISTS = {"stakeholder_ids", "team_member_ids"}  # several ids or names: an activity's participants
_DATES = {"last_contact", "as_of", "since", "date", "due", "ends"}
_NUMBERS = {"influence", "strength"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00)?)?$")
_LIST_SEPARATORS = re.compile(r"[;；,，、/]")
_NAME_SEPARATORS = re.compile(r"[;；,，、]")  # between people's names (a name or id may hold a /)
_SF_ID = re.compile(r"^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$")
_FOOTER = ("copyright", "confidential information", "generated by", "salesforce")


def listed(items, limit: int = 12, quote: bool = False) -> str:
    """Items joined by commas, the first `limit` of them: a header of 300,000 columns must not fill the terminal.

    >>> listed(["a", "b", "c"], limit=2, quote=True)
    "'a', 'b' and 1 more"
    """
    items = list(items)
    shown = ", ".join(map(repr, items[:limit]) if quote else items[:limit])
    return shown if len(items) <= limit else f"{shown} and {len(items) - limit:,} more"


def normalise_header(text: str) -> str:
    """A header as compared with the aliases: NFKC, case-folded, without spaces, _ - . : or brackets."""
    return re.sub(r"[\s_\-.:：()（）/]+", "", unicodedata.normalize("NFKC", text)).casefold()


def salesforce_id(value: str) -> str:
    """The 18-character form of a 15- or 18-character Salesforce id (the same record gives the same id).

    An 18-character id whose case was lost (its last three characters encode
    the case of the first fifteen) gets its case back.

    >>> salesforce_id("0035g00000AbCdE") == salesforce_id("0035g00000AbCdEAAV") == salesforce_id("0035G00000ABCDEAAV")
    True
    """
    if not _SF_ID.match(value):
        raise ValueError("expected a 15- or 18-character Salesforce id")
    base = value[:15]
    if len(value) == 18:
        flags = "".join(_case_flags(ch) for ch in value[15:].upper())
        base = "".join(ch.upper() if flag == "1" else ch.lower() for ch, flag in zip(base, flags))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    suffix = "".join(alphabet[sum(1 << i for i, ch in enumerate(base[j:j + 5]) if ch.isupper())] for j in range(0, 15, 5))
    return base + suffix


def _case_flags(ch: str) -> str:
    bits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".index(ch) if ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" else 0
    return "".join("1" if bits >> i & 1 else "0" for i in range(5))


def fields_of(kind: str, source: str = "sheet") -> tuple[str, ...]:
    """The fields a column of an export of `kind` can be mapped to with --map."""
    if source == "salesforce":
        return tuple(_SALESFORCE)
    if kind == REPORTING.name:
        return VIRTUAL[kind]
    return tuple(c.name for c in KINDS[kind].columns) + VIRTUAL.get(kind, ())


@dataclass
class Export:
    """The rows of one export file, by field, before names are resolved to ids."""

    kind: str
    file: str
    source: str = "sheet"  # one of SOURCES
    fields: set[str] = field(default_factory=set)  # fields the file gives a column for
    headers: dict[str, str] = field(default_factory=dict)  # field -> the file's header text
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vendor_columns: dict[int, str] = field(default_factory=dict)  # a positioning table's columns: index -> vendor
    optional: tuple[str, ...] = ()  # required columns the file may leave out (another sheet gives them)
    warnings: list[Problem] = field(default_factory=list)  # loaded as read, but the user should look (a move?)

    def problem(self, index: int, column: str | None, value, message: str) -> Problem:
        return Problem(self.file, self.lines[index], self.headers.get(column, column), value, message)


def parse_export(path: str | Path, kind: str, *, source: str = "sheet", sheet: str | None = None,
                 encoding: str | None = None, mapping: tuple[str, ...] | list[str] = (),
                 max_size: int = MAX_SIZE, optional: tuple[str, ...] = ()) -> tuple[Export, list[Problem]]:
    """Read an export file of `kind` (a canonical kind or reporting_lines) and every problem in it; the
    `optional` columns may be missing."""
    if source == "salesforce":
        kind = "stakeholders"
    aliases = _alias_index(kind, source)
    is_header = lambda cells: sum(normalise_header(c) in aliases for c in cells if c) >= min(2, sum(1 for c in cells if c))
    grid, problems = read_grid(path, sheet=sheet, encoding=encoding, is_header=is_header, max_size=max_size)
    export = Export(kind, grid.file, source, notes=list(grid.notes), optional=optional)
    if problems:
        return export, problems
    columns, problems = _map_columns(export, grid.header, grid.header_line, aliases, mapping, source)
    if problems:
        return export, problems
    spec = _parse_kind(kind, source, export.fields, optional)
    try:
        problems += _parse_rows(export, grid, columns, spec, source)
    except BadGrid as error:
        problems.append(error.problem)
    problems += _unsaved_formulas(export, grid, columns, spec)
    if source == "salesforce":
        problems += _one_salesforce_account(export)
    return export, problems


def _parse_rows(export: Export, grid, columns: dict[int, str], spec: Kind, source: str) -> list[Problem]:
    problems: list[Problem] = []
    blank = Kind(spec.name, tuple(replace(c, required=False) if c.name == "stance" else c for c in spec.columns),
                 spec.key)  # a positioning table's blank cell on a line that gives our level (see _positions)
    footer = False
    for line, cells in grid.rows:
        filled = len(cells) - cells.count("")
        if source == "salesforce" and (not filled or (footer and filled == 1)):
            footer = footer or not filled  # a report's footer: lines of one cell below an empty line
            continue
        if not filled:
            continue
        if any(cells[len(grid.header):]):
            problems.append(Problem(export.file, line, None, None,
                                    f"has {len(cells)} cells but the header names {len(grid.header)} columns"))
            continue
        values = {name: unescape_cell(cells[i]) for i, name in columns.items() if i < len(cells) and cells[i]}
        if source == "salesforce":
            problems += _salesforce_row(export, values, line)
        for values, headers in _positions(export, cells, values) if export.vendor_columns else [(values, export.headers)]:
            loose = export.vendor_columns and "stance" not in values
            row, found = parse_cells(blank if loose else spec, {k: _tidy(k, v) for k, v in values.items()},
                                     export.file, line, headers)
            problems += found
            for name in VIRTUAL.get(export.kind, ()):
                row[name], found = _named(export, values.get(name), line, name)
                problems += found
            if source == "salesforce":
                row["account"] = values.get("account")
            export.rows.append(row)
            export.lines.append(line)
    if footer:
        export.notes.append(f"{export.file}: ignored the report footer below the first empty line")
    return problems


def _unsaved_formulas(export: Export, grid, columns: dict[int, str], spec: Kind) -> list[Problem]:
    """Formula cells that a workbook saved without their value (it was not recalculated), which read as empty.

    One in a column that names a node or must be filled is a problem; elsewhere a note names the cells.
    """
    from openpyxl.utils import get_column_letter

    if not grid.unsaved:
        return []
    needed = {c.name for c in spec.columns if c.required or c.holds_id} | set(VIRTUAL.get(export.kind, ()))
    problems, noted = [], []
    for line, index in grid.unsaved:
        name = columns.get(index) if line > grid.header_line else None
        if name in needed:
            problems.append(Problem(export.file, line, export.headers.get(name, name), None,
                                    f"cell {get_column_letter(index + 1)}{line} holds a formula with no saved value; "
                                    "open the workbook in Excel and save it again, or type the value"))
        else:
            noted.append(f"{get_column_letter(index + 1)}{line}")
    if noted:
        export.notes.append(f"{export.file}: sheet {grid.sheet!r}: cell(s) {listed(noted)} hold a formula with no "
                            "saved value and were read as empty; open the workbook in Excel and save it again")
    return problems


def _named(export: Export, value: str | None, line: int, name: str) -> tuple[str | None, list[Problem]]:
    """A cell that names a node by id or name, checked as an id is (see `parse_cells`)."""
    if not value:
        return value, []
    unsafe = unsafe_character(value, is_id=True)
    if unsafe:
        return None, [Problem(export.file, line, export.headers.get(name, name), value, unsafe)]
    return unicodedata.normalize("NFC", value), []


# A positioning table's columns that describe our own vendor's stance only (names.py applies them to it).
OURS_ONLY = ("level", "confidence")


def _positions(export: Export, cells: list[str], values: dict) -> list[tuple[dict, dict]]:
    """A positioning-table row as one stance row per filled vendor cell, each with the headers that name its cells.

    A line that gives our level or confidence has a row for every vendor column, a blank cell's without a stance:
    which column is ours is known once names are resolved.
    """
    ours = any(values.get(name) for name in OURS_ONLY)
    return [({**values, "vendor_id": vendor, **({"stance": unescape_cell(cells[i])} if i < len(cells) and cells[i]
                                                 else {})},
             {**export.headers, "stance": vendor})
            for i, vendor in export.vendor_columns.items() if ours or (i < len(cells) and cells[i])]


def _alias_index(kind: str, source: str) -> dict[str, str]:
    """Normalised header -> field for this kind: the canonical names, then the aliases."""
    if source == "salesforce":
        table = _SALESFORCE
    else:
        table = {c.name: (c.name,) for c in KINDS[kind].columns} if kind in KINDS else {}
        for name, words in _ALIASES.get(kind, {}).items():
            table = {**table, name: (*table.get(name, ()), *words)}
    return {normalise_header(word): name for name, words in table.items() for word in words}


def _map_columns(export: Export, header: list[str], line: int, aliases: dict[str, str], mapping,
                 source: str) -> tuple[dict[int, str], list[Problem]]:
    """Column index -> field, from --map first, then the aliases; unknown columns are noted as ignored."""
    problems, forced = [], {}
    allowed = fields_of(export.kind, source)
    present = {normalise_header(h) for h in header}
    for item in mapping:
        column, sep, target = item.partition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column or not target:
            problems.append(Problem("(command line)", None, "--map", item, "expected COLUMN=FIELD, e.g. --map 手机=notes"))
        elif target not in allowed and target not in IGNORE:
            problems.append(Problem("(command line)", None, "--map", item,
                                    f"unknown field {target!r}; a {export.kind} column maps to {', '.join(allowed)} or ignore"))
        elif normalise_header(column) not in present:
            problems.append(Problem("(command line)", None, "--map", item,
                                    f"{export.file} has no column {column!r}; it has {listed(header)}"))
        else:
            forced[normalise_header(column)] = target
    columns, unknown, ignored = {}, {}, []
    for index, text in enumerate(header):
        key = normalise_header(text)
        name = forced.get(key) or aliases.get(key)
        if text and name is None:
            unknown[index] = text
            continue
        if not text or name in IGNORE:
            ignored.append(text or f"column {index + 1}")
            continue
        if name in export.fields:
            problems.append(Problem(export.file, line, text, None,
                                    f"means {name}, as column {export.headers[name]!r} does; keep one "
                                    f"(e.g. --map {text}=ignore)"))
            continue
        columns[index] = name
        export.fields.add(name)
        export.headers[name] = text
    if export.kind == "stances" and not {"vendor_id", "stance"} & export.fields and unknown:
        export.vendor_columns, unknown = unknown, {}
        export.fields |= {"vendor_id", "stance"}  # each cell gives both: a changed cell changes the stored stance
        export.headers["vendor_id"] = "(a vendor column)"
        export.notes.append(f"{export.file}: has no vendor or stance column, so it is read as a positioning table: "
                            f"each of the columns {listed(export.vendor_columns.values(), quote=True)} is a vendor "
                            "(an id or a name) and its cells are the stance toward that vendor")
    ignored = [*unknown.values(), *ignored]
    named = set(VIRTUAL.get(export.kind, ())) | set(NAMED_COLUMNS.get(export.kind, {}))
    understood = [f"{export.headers[name]!r} as {name}{' (an id or a name)' if name in named else ''}"
                  for name in columns.values()]
    if understood:
        export.notes.append(f"{export.file}: read column(s) {listed(understood)}")
    if ignored:
        export.notes.append(f"{export.file}: ignored column(s) {listed(ignored, quote=True)} "
                            f"(no matching field; use --map COLUMN=FIELD to load one: {', '.join(allowed)})")
    problems += _missing_columns(export, line, source)
    return columns, problems


def _missing_columns(export: Export, line: int, source: str) -> list[Problem]:
    have = export.fields | ({"vendor_id", "stance"} if export.vendor_columns else set())
    if source == "salesforce":
        need = [] if "name" in have or "last_name" in have else ["Name (or FirstName and LastName)"]
        need += [] if "id" in have else ["Id (or Contact ID)"]
    elif export.kind == REPORTING.name:
        need = [f for f in ("person", "manager") if f not in have]
    else:
        need = [c.name for c in _parse_kind(export.kind, source, have, export.optional).columns
                if c.required and c.name not in have]
        need = ["id or name" if n == "name" and export.kind != "stakeholders" else n for n in need]
    return [Problem(export.file, line, name, None, "required column is missing from the header; name it so, or use --map")
            for name in need]


def _parse_kind(kind: str, source: str, fields: set[str], optional: tuple[str, ...] = ()) -> Kind:
    """The columns checked by the canonical parsers.

    An id may be left to be derived from the name (names.py reports an empty
    id in a file that has an id column); so a file without one needs names.
    """
    if kind == REPORTING.name:
        return Kind(kind, (), ("id",))
    spec = KINDS[kind]
    needs_name = kind in ID_PREFIXES and ("id" not in fields or spec.column("name").required)

    def required(c: Column) -> bool:
        if c.name in optional and c.name not in fields:
            return False
        if kind not in ID_PREFIXES:
            return c.required
        return c.name != "id" and (c.required or c.name == "name" and needs_name)

    return Kind(spec.name, tuple(Column(c.name, _with_aliases(c), required(c), c.refers) for c in spec.columns),
                spec.key)


def _with_aliases(column: Column):
    """A column's parser that, refusing a value, suggests the nearest of the words `_tidy` reads too (支持 ...)."""
    if not isinstance(column.parse, OneOf):
        return column.parse
    words = _VALUES.get("roles" if column.name == "role" else column.name, {})
    known = [word for word, value in words.items() if set(value.split(";")) <= set(column.parse.allowed)]
    return replace(column.parse, aliases=tuple(known))


def _tidy(column: str, cell: str) -> str:
    """A cell as the canonical parser expects it: lower-case values, ISO dates, whole numbers."""
    if column in _ENUMS:
        words = _LIST_SEPARATORS.split(cell) if column in _ROLE_LISTS else [cell]
        aliases = _VALUES.get(column, {}) if column not in ("role",) else _VALUES["roles"]
        tidy = [aliases.get(w.strip(), re.sub(r"[\s\-]+", "_", w.strip().casefold())) for w in words if w.strip()]
        return ";".join(tidy)
    if column in _ID_LISTS:
        return ";".join(w.strip() for w in _NAME_SEPARATORS.split(cell) if w.strip())
    if column in _DATES:
        match = _DATE.match(cell)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    if column in _NUMBERS and re.fullmatch(r"\d+\.0+", cell):
        return cell.split(".")[0]
    return cell


def _salesforce_row(export: Export, values: dict, line: int) -> list[Problem]:
    """Make a Salesforce row canonical in place: 18-character ids, Name from FirstName + LastName."""
    problems = []
    for name in ("id", "manager_id"):
        if values.get(name):
            try:
                values[name] = salesforce_id(values[name])
            except ValueError as error:
                problems.append(Problem(export.file, line, export.headers.get(name), values[name], str(error)))
                values.pop(name)
    if not values.get("name"):
        first, last = values.pop("first_name", ""), values.pop("last_name", "")
        cjk = any("\u4e00" <= ch <= "\u9fff" for ch in first + last)
        values["name"] = (last + first) if cjk else " ".join(p for p in (first, last) if p)
        if "name" not in export.headers:
            export.headers["name"] = export.headers.get("last_name", "LastName")
    return problems


def _one_salesforce_account(export: Export) -> list[Problem]:
    accounts = sorted({r["account"] for r in export.rows if r.get("account")})
    if len(accounts) > 1:
        return [Problem(export.file, None, export.headers.get("account"), None,
                        f"holds contacts of {len(accounts)} Salesforce accounts ({listed(accounts, 5)}); "
                        "export the contacts of one account, which --account names")]
    return []


def header_fields(kind: str, header: list[str]) -> dict[int, str]:
    """Column index -> the field of `kind` its header cell names (by the aliases), for the cells that name one."""
    aliases = _alias_index(kind, "sheet")
    return {i: aliases[normalise_header(cell)] for i, cell in enumerate(header)
            if cell and normalise_header(cell) in aliases}


def is_stance(cell: str) -> bool:
    """Whether a cell reads as a stance (支持, 内线, Supporter ...), as a positioning table's cells do."""
    return _tidy("stance", unescape_cell(cell)) in KINDS["stances"].column("stance").parse.allowed


# Headers a stances file reads as a field: a positioning table's vendor column cannot be called so.
STANCE_HEADERS = frozenset(_alias_index("stances", "sheet"))
