"""Exports as they come — an Excel org chart, a CRM's CSV, a Salesforce Contact export — mapped onto canonical rows.

One mapping layer: a file's columns are matched to fields by header aliases
(English and Chinese, case- and space-insensitive) or `--map COLUMN=FIELD`,
each cell is tidied (Chinese and mixed-case values, dates such as 2026/1/5)
and then checked by the same column parsers as the account folder. The result
is `Table`s of the canonical kinds, so references, the write plan and the
store writes are shared with the account-folder loader.

Parsing needs no store (`parse_export`); `resolve_export` then turns names into
ids against the file and what the store already holds: departments given by
name, managers given by name, and stable ids for files without an id column.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import Problem
from relgraph.loaders.canonical import KINDS, Column, Kind, Table, parse_cells, unescape_cell
from relgraph.loaders.sheets import BadGrid, read_grid

__all__ = ["Export", "REPORTING", "EXPORT_KINDS", "SOURCES", "parse_export", "resolve_export", "salesforce_id",
           "derived_id", "normalise_header", "fields_of"]

# A separate two-column file of reporting lines: who (id or name) reports to whom.
REPORTING = Kind("reporting_lines", (Column("id", required=True), Column("manager_id", required=True)), ("id",))
EXPORT_KINDS = (*KINDS, REPORTING.name)
SOURCES = ("sheet", "salesforce")
IGNORE = ("ignore", "-")

# Fields an export may give besides the canonical columns; resolved by `resolve_export`.
VIRTUAL = {
    "stakeholders": ("department", "manager"),
    "reporting_lines": ("person", "manager"),
}

_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "stakeholders": {
        "id": ("id", "stakeholder id", "person id", "employee id", "staff id", "工号", "员工编号", "人员编号", "编号"),
        "name": ("name", "full name", "contact name", "employee name", "姓名", "名字", "员工姓名", "人员姓名", "联系人"),
        "title": ("title", "job title", "position", "job", "职务", "职位", "岗位", "职称", "头衔"),
        "department_id": ("department_id", "department id", "dept id", "部门编号", "部门id"),
        "department": ("department", "dept", "division", "unit", "部门", "所属部门", "部门名称", "处室", "科室"),
        "layer": ("layer", "层级", "层次"),
        "roles": ("roles", "role", "buying role", "buying roles", "角色", "采购角色"),
        "influence": ("influence", "影响力"),
        "manager_id": ("manager_id", "manager id", "reports to id", "上级编号", "上级工号", "上级id"),
        "manager": ("manager", "reports to", "line manager", "supervisor", "boss", "上级", "直属领导", "直属上级",
                    "汇报对象", "上级领导", "领导"),
        "last_contact": ("last_contact", "last contact", "last contacted", "最近联系", "最后联系", "最近联系日期"),
        "status": ("status", "状态", "在职状态"),
        "notes": ("notes", "note", "comments", "comment", "remarks", "备注", "说明"),
        "email": ("email", "e-mail", "mail", "email address", "邮箱", "电子邮件", "邮件", "电子邮箱"),
    },
    "reporting_lines": {
        "person": ("id", "person", "employee", "name", "stakeholder", "stakeholder_id", "员工", "姓名", "工号", "下属"),
        "manager": ("manager", "manager_id", "reports to", "supervisor", "boss", "上级", "直属领导", "直属上级", "汇报对象"),
    },
    "departments": {
        "name": ("name", "department", "部门", "部门名称"),
        "function": ("function", "职能"),
        "parent_id": ("parent_id", "parent", "parent department", "上级部门"),
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
               "left": "departed", "inactive": "departed", "former": "departed"},
    "roles": {"决策者": "decision_maker", "决策人": "decision_maker", "审批者": "approver", "审批人": "approver",
              "评估者": "evaluator", "评估人": "evaluator", "影响者": "influencer", "使用者": "user", "用户": "user",
              "把关者": "gatekeeper", "守门人": "gatekeeper", "采购": "procurement"},
    "stance": {"教练": "mentor", "支持者": "supporter", "中立": "neutral", "反对者": "opponent", "未知": "unknown"},
    "is_us": {"是": "true", "否": "false"},
}
_ROLE_LISTS = {"roles"}
_ENUMS = {"layer", "status", "roles", "role", "stance", "level", "confidence", "function", "kind", "is_us"}
_DATES = {"last_contact", "as_of", "since", "date", "due"}
_NUMBERS = {"influence", "strength"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00)?)?$")
_LIST_SEPARATORS = re.compile(r"[;；,，、/]")
_SF_ID = re.compile(r"^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$")
_FOOTER = ("copyright", "confidential information", "generated by", "salesforce")


def normalise_header(text: str) -> str:
    """A header as compared with the aliases: NFKC, case-folded, without spaces, _ - . : or brackets."""
    return re.sub(r"[\s_\-.:：()（）/]+", "", unicodedata.normalize("NFKC", text)).casefold()


def _name_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def derived_id(prefix: str, *parts: str | None) -> str:
    """A stable id from the normalised parts: `prefix` and 10 hex digits of their SHA-1.

    >>> derived_id("s-", "Wang  Fang", "d-1") == derived_id("s-", "wang fang", "d-1")
    True
    """
    key = "|".join(_name_key(p or "") for p in parts)
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


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
    fields: set[str] = field(default_factory=set)  # fields the file gives a column for
    headers: dict[str, str] = field(default_factory=dict)  # field -> the file's header text
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, index: int, column: str | None, value, message: str) -> Problem:
        return Problem(self.file, self.lines[index], self.headers.get(column, column), value, message)


def parse_export(path: str | Path, kind: str, *, source: str = "sheet", sheet: str | None = None,
                 encoding: str | None = None, mapping: tuple[str, ...] | list[str] = ()) -> tuple[Export, list[Problem]]:
    """Read an export file of `kind` (a canonical kind or reporting_lines) and every problem in it."""
    if source == "salesforce":
        kind = "stakeholders"
    aliases = _alias_index(kind, source)
    is_header = lambda cells: sum(normalise_header(c) in aliases for c in cells if c) >= min(2, sum(1 for c in cells if c))
    grid, problems = read_grid(path, sheet=sheet, encoding=encoding, is_header=is_header)
    export = Export(kind, grid.file, notes=list(grid.notes))
    if problems:
        return export, problems
    columns, problems = _map_columns(export, grid.header, grid.header_line, aliases, mapping, source)
    if problems:
        return export, problems
    spec = _parse_kind(kind, source)
    try:
        problems += _parse_rows(export, grid, columns, spec, source)
    except BadGrid as error:
        problems.append(error.problem)
    if source == "salesforce":
        problems += _one_salesforce_account(export)
    return export, problems


def _parse_rows(export: Export, grid, columns: dict[int, str], spec: Kind, source: str) -> list[Problem]:
    problems: list[Problem] = []
    footer = False
    for line, cells in grid.rows:
        filled = sum(1 for c in cells if c)
        if source == "salesforce" and (not filled or (footer and filled == 1)):
            footer = footer or not filled  # a report's footer: lines of one cell below an empty line
            continue
        if not filled:
            continue
        extra = [c for c in cells[len(grid.header):] if c]
        if extra:
            problems.append(Problem(export.file, line, None, None,
                                    f"has {len(cells)} cells but the header names {len(grid.header)} columns"))
            continue
        values = {name: unescape_cell(cells[i]) for i, name in columns.items() if i < len(cells) and cells[i]}
        if source == "salesforce":
            problems += _salesforce_row(export, values, line)
        row, found = parse_cells(spec, {k: _tidy(k, v) for k, v in values.items()}, export.file, line, export.headers)
        problems += found
        for name in VIRTUAL.get(export.kind, ()):
            row[name] = values.get(name)
        if source == "salesforce":
            row["account"] = values.get("account")
        export.rows.append(row)
        export.lines.append(line)
    if footer:
        export.notes.append(f"{export.file}: ignored the report footer below the first empty line")
    return problems


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
                                    f"{export.file} has no column {column!r}; it has {', '.join(header)}"))
        else:
            forced[normalise_header(column)] = target
    columns, ignored = {}, []
    for index, text in enumerate(header):
        key = normalise_header(text)
        name = forced.get(key) or aliases.get(key)
        if not text or name is None or name in IGNORE:
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
    if ignored:
        export.notes.append(f"{export.file}: ignored column(s) {', '.join(map(repr, ignored))} "
                            f"(no matching field; use --map COLUMN=FIELD to load one: {', '.join(allowed)})")
    problems += _missing_columns(export, line, source)
    return columns, problems


def _missing_columns(export: Export, line: int, source: str) -> list[Problem]:
    have = export.fields
    if source == "salesforce":
        need = [] if "name" in have or "last_name" in have else ["Name (or FirstName and LastName)"]
        need += [] if "id" in have else ["Id (or Contact ID)"]
    elif export.kind == "stakeholders":
        need = [] if "name" in have else ["name (姓名)"]
    elif export.kind == REPORTING.name:
        need = [f for f in ("person", "manager") if f not in have]
    else:
        need = [c.name for c in KINDS[export.kind].columns if c.required and c.name not in have]
    return [Problem(export.file, line, name, None, "required column is missing from the header; name it so, or use --map")
            for name in need]


def _parse_kind(kind: str, source: str) -> Kind:
    """The columns checked by the canonical parsers; an export's stakeholder id may be left to be derived."""
    if kind == REPORTING.name:
        return Kind(kind, (), ("id",))
    spec = KINDS[kind]
    if kind != "stakeholders":
        return spec
    columns = tuple(Column(c.name, c.parse, c.required and c.name != "id") for c in spec.columns)
    return Kind(spec.name, columns, spec.key)


def _tidy(column: str, cell: str) -> str:
    """A cell as the canonical parser expects it: lower-case values, ISO dates, whole numbers."""
    if column in _ENUMS:
        words = _LIST_SEPARATORS.split(cell) if column in _ROLE_LISTS else [cell]
        aliases = _VALUES.get(column, {}) if column not in ("role",) else _VALUES["roles"]
        tidy = [aliases.get(w.strip(), re.sub(r"[\s\-]+", "_", w.strip().casefold())) for w in words if w.strip()]
        return ";".join(tidy)
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
                        f"holds contacts of {len(accounts)} Salesforce accounts ({', '.join(accounts[:5])}); "
                        "export the contacts of one account, which --account names")]
    return []


def resolve_export(export: Export, stored: dict[str, dict[tuple, dict]]) -> tuple[dict[str, Table], list[Problem]]:
    """Canonical tables for an export, its names resolved against the file and `stored`, the account's rows by kind.

    Columns the file does not have keep the stored values of the people (or
    departments, bids ...) it names; notes about what was derived are added to
    `export.notes`. The export's row dicts become the tables' rows (so memory
    holds each row once): do not resolve one Export twice.
    """
    if export.kind == "stakeholders":
        return _resolve_people(export, stored)
    if export.kind == REPORTING.name:
        return _resolve_reporting(export, stored)
    spec = KINDS[export.kind]
    table = Table(spec, export.file, lines=list(export.lines), headers=dict(export.headers))
    known = stored.get(export.kind, {})
    for row in export.rows:
        old = known.get(tuple(row[k] for k in spec.key))
        table.rows.append({c.name: row[c.name] if c.name in export.fields or old is None else old.get(c.name)
                           for c in spec.columns})
    return {export.kind: table}, []


def _people_by_name(stored_people: dict[tuple, dict]) -> dict[str, list[str]]:
    by_name: dict[str, list[str]] = {}
    for (id_,), row in sorted(stored_people.items()):
        if row.get("name"):
            by_name.setdefault(_name_key(row["name"]), []).append(id_)
    return by_name


def _resolve_people(export: Export, stored: dict) -> tuple[dict[str, Table], list[Problem]]:
    problems: list[Problem] = []
    people = stored.get("stakeholders", {})
    departments, created = _resolve_departments(export, stored.get("departments", {}), problems)
    ids = _resolve_ids(export, people, departments, problems)
    managers = _resolve_managers(export, ids, people, problems)
    spec = KINDS["stakeholders"]
    headers = dict(export.headers)
    for column, by_name in (("department_id", "department"), ("manager_id", "manager")):
        if column not in headers and by_name in headers:
            headers[column] = headers[by_name]  # a problem with the resolved id names the file's column
    table = Table(spec, export.file, headers=headers)
    given = {"id"} | {c.name for c in spec.columns if c.name in headers}
    canonical = {c.name for c in spec.columns}
    returned: list[str] = []
    for index, row in enumerate(export.rows):
        if ids[index] is None:
            continue
        row.update(id=ids[index], department_id=departments[index], manager_id=managers[index])
        old = people.get((ids[index],))
        for name in [k for k in row if k not in canonical]:
            del row[name]  # the row becomes the table's: one dict per row, not two
        if old is not None:
            row.update({c.name: old.get(c.name) for c in spec.columns if c.name not in given})
            if "status" not in given and row.get("status") == "departed":
                row["status"] = "active"  # listed again in an org chart: back, not departed
                returned.append(ids[index])
        table.rows.append(row)
        table.lines.append(export.lines[index])
    if returned:
        export.notes.append(f"{export.file}: {len(returned)} person(s) marked departed before are listed again and "
                            f"marked active: {', '.join(returned[:10])}{' ...' if len(returned) > 10 else ''}")
    tables = {"stakeholders": table}
    if created:
        tables["departments"] = created
    return tables, problems


def _resolve_departments(export: Export, stored: dict, problems: list[Problem]) -> tuple[list, Table | None]:
    """Each row's department id: a department column holds an id or a name; unknown names become new departments."""
    by_name: dict[str, list[str]] = {}
    for (id_,), row in sorted(stored.items()):
        by_name.setdefault(_name_key(row.get("name") or ""), []).append(id_)
    created = Table(KINDS["departments"], export.file, headers={"name": export.headers.get("department", "department"),
                                                                 "id": export.headers.get("department", "department")})
    new: dict[str, str] = {}
    result = []
    for index, row in enumerate(export.rows):
        value = row.get("department")
        if row.get("department_id") or not value:
            result.append(row.get("department_id"))
            continue
        key = _name_key(value)
        if (value,) in stored:
            result.append(value)
        elif len(by_name.get(key, ())) == 1:
            result.append(by_name[key][0])
        elif by_name.get(key):
            problems.append(export.problem(index, "department", value, f"{len(by_name[key])} departments in the store are "
                                           f"called so ({', '.join(by_name[key])}); give the department's id instead"))
            result.append(None)
        else:
            if key not in new:
                new[key] = derived_id("d-", value)
                created.rows.append({"id": new[key], "name": value, "function": None, "parent_id": None})
                created.lines.append(export.lines[index])
            result.append(new[key])
    if created.rows:
        export.notes.append(f"{export.file}: {len(created.rows)} department(s) named in column "
                            f"{export.headers['department']!r} are new; their ids are derived from the name (d-...)")
    return result, created if created.rows else None


def _resolve_ids(export: Export, people: dict, departments: list, problems: list[Problem]) -> list[str | None]:
    """Each row's stakeholder id: from the id column, else the stored person of that name and department, else derived."""
    if "id" in export.fields:
        ids = []
        for index, row in enumerate(export.rows):
            if not row.get("id"):
                problems.append(export.problem(index, "id", "", "required value is empty (every row of a file "
                                               "with an id column needs one)"))
            ids.append(row.get("id") or None)
        return ids
    candidates: dict[tuple[str, str | None], list[str]] = {}
    for (id_,), row in sorted(people.items()):
        candidates.setdefault((_name_key(row.get("name") or ""), row.get("department_id")), []).append(id_)
    ids, seen = [], {}
    for index, row in enumerate(export.rows):
        if not row.get("name"):
            ids.append(None)
            continue
        department = departments[index]
        match = candidates.get((_name_key(row["name"]), department), [])
        id_ = match[0] if len(match) == 1 else derived_id("s-", row["name"], department)
        if id_ in seen:
            problems.append(export.problem(index, "name", row["name"], f"the same name and department as line "
                                           f"{seen[id_]}; add an id column to tell the two apart"))
            ids.append(None)
            continue
        seen[id_] = export.lines[index]
        ids.append(id_)
    export.notes.append(f"{export.file} has no id column: each person's id is derived from name + department "
                        "(s-...), or is the stored person's of that name and department; loading the file again "
                        "updates the same people. If someone changed department, add an id column.")
    return ids


def _resolve_managers(export: Export, ids: list, people: dict, problems: list[Problem]) -> list[str | None]:
    """Each row's manager id: a manager column holds an id or a name, looked up in the file, then the store."""
    in_file: dict[str, list[int]] = {}
    for index, row in enumerate(export.rows):
        if row.get("name"):
            in_file.setdefault(_name_key(row["name"]), []).append(index)
    known_ids = {i for i in ids if i} | {key[0] for key in people}
    stored_names = _people_by_name(people)
    result = []
    for index, row in enumerate(export.rows):
        value = row.get("manager")
        if row.get("manager_id") or not value:
            result.append(row.get("manager_id"))
            continue
        found = _lookup(value, known_ids, in_file, ids, export, stored_names)
        if isinstance(found, str):
            result.append(found)
        else:
            problems.append(export.problem(index, "manager", value, found[0]))
            result.append(None)
    return result


def _lookup(value: str, known_ids: set, in_file: dict, ids: list, export: Export, stored_names: dict):
    """The id a name or id stands for, or (message,) when it names no one or several people."""
    if value in known_ids:
        return value
    key = _name_key(value)
    rows = [i for i in in_file.get(key, []) if ids[i]]
    if len(rows) == 1:
        return ids[rows[0]]
    if len(rows) > 1:
        lines = ", ".join(str(export.lines[i]) for i in rows)
        return (f"{len(rows)} people in this file are called so (lines {lines}); give the manager's id instead",)
    stored = stored_names.get(key, [])
    if len(stored) == 1:
        return stored[0]
    if stored:
        return (f"{len(stored)} people in the store are called so ({', '.join(stored)}); give the manager's id instead",)
    return ("names no one in this file or the store; use a name from the name column or a stakeholder id",)


def _resolve_reporting(export: Export, stored: dict) -> tuple[dict[str, Table], list[Problem]]:
    people = stored.get("stakeholders", {})
    known_ids = {key[0] for key in people}
    names = _people_by_name(people)
    table = Table(REPORTING, export.file, headers={"id": export.headers["person"], "manager_id": export.headers["manager"]})
    problems = []
    for index, row in enumerate(export.rows):
        resolved = {}
        for name, column in (("person", "id"), ("manager", "manager_id")):
            value = row.get(name)
            if not value:
                problems.append(export.problem(index, name, "", "required value is empty"))
                continue
            found = _lookup(value, known_ids, {}, [], export, names)
            if isinstance(found, str):
                resolved[column] = found
            else:
                problems.append(export.problem(index, name, value, found[0].replace("in this file or ", "in ")))
        if len(resolved) == 2:
            table.rows.append(resolved)
            table.lines.append(export.lines[index])
    seen: dict[str, int] = {}
    for index, row in enumerate(table.rows):
        if row["id"] in seen:
            problems.append(table.problem(index, "id", row["id"], f"has a second manager; line {seen[row['id']]} "
                                          "already gives one (a person has one formal manager)"))
        seen.setdefault(row["id"], table.lines[index])
    return {REPORTING.name: table}, problems
