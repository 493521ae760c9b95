"""Names to ids: an export's rows resolved against the file itself and what the store holds.

Exports name things the way people do: a manager by name, a department by
name, the person and the competitor of a stance by name. `resolve_export`
turns each such name into the id of the one node it names (in the file first,
then in the store), reports a name that names several, and derives stable ids
for files without an id column, so that loading a file again updates the
same nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table
from relgraph.schema import ID_PREFIXES, KINDS, REPORTING, derived_id, name_key
from relgraph.loaders.keeping import keep_unmentioned
from relgraph.loaders.mapping import NAMED_COLUMNS, OURS_ONLY, Export, listed

__all__ = ["resolve_export", "derived_id"]

_NOUNS = {"stakeholders": ("one", "people"), "departments": ("department", "departments"),
          "vendors": ("vendor", "vendors"), "team": ("team member", "team members"), "bids": ("bid", "bids")}


@dataclass
class Names:
    """The ids of one kind of node, and the ids by name, as one place (this file, or the store) holds them."""

    kind: str
    place: str  # "in this file" or "in the store"
    ids: set[str] = field(default_factory=set)
    by_name: dict[str, dict[str, str]] = field(default_factory=dict)  # name key -> {id: where it is}

    @classmethod
    def stored(cls, kind: str, rows: dict[tuple, dict]) -> Names:
        names = cls(kind, "in the store")
        for (id_,), row in sorted(rows.items()):
            names.add(id_, row.get("name"), id_)
        return names

    def add(self, id_: str, name: str | None, where: str) -> None:
        self.ids.add(id_)
        if name:
            self.by_name.setdefault(name_key(name), {}).setdefault(id_, where)


@dataclass(frozen=True)
class Unresolved:
    message: str
    ambiguous: bool


def find(value: str, *places: Names) -> str | Unresolved:
    """The id `value` stands for: an id, else a name, looked up place by place (the first that knows it wins)."""
    if any(value in place.ids for place in places):
        return value
    for place in places:
        found = place.by_name.get(name_key(value), {})
        if len(found) == 1:
            return next(iter(found))
        if found:
            plural = _NOUNS[place.kind][1]
            where = listed(found.values())
            return Unresolved(f"{len(found)} {plural} {place.place} are called so ({where}); give an id instead", True)
    kind = places[0].kind
    one, plural = _NOUNS[kind]
    where = " or ".join(place.place.removeprefix("in ") for place in places)
    return Unresolved(f"names no {one} in {where}; give the id or name of one of the {plural} there "
                      f"(load new {plural} first, with --kind {kind})", False)


MATCH_BY = ("name-and-department", "name")  # how a stakeholders file without ids finds the stored person of a row


def resolve_export(export: Export, stored: dict[str, dict[tuple, dict]], match_by: str = MATCH_BY[0]
                   ) -> tuple[dict[str, Table], list[Problem]]:
    """Canonical tables for an export, its names resolved against the file and `stored`, the store's rows by kind.

    Columns the file does not have keep the stored values of the nodes and
    relationships it lists; notes about what was derived are added to
    `export.notes`. People of a file without ids are the stored ones of the same name and department, or with
    `match_by="name"` of the same name (who moved). The export's row dicts become the tables' rows (so memory
    holds each row once): do not resolve one Export twice.
    """
    if export.kind == "stakeholders":
        return _resolve_people(export, stored, match_by)
    if export.kind == REPORTING.name:
        return _resolve_reporting(export, stored)
    return _resolve_rows(export, stored)


def _resolve_rows(export: Export, stored: dict) -> tuple[dict[str, Table], list[Problem]]:
    spec = KINDS[export.kind]
    problems: list[Problem] = []
    ids = _row_ids(export, stored, problems) if spec.name in ID_PREFIXES else None
    places = {target: [Names.stored(target, stored.get(target, {}))] for target in NAMED_COLUMNS.get(spec.name, {}).values()}
    if spec.name == "departments":  # a parent department may be named by a line of this very file
        places["departments"].insert(0, _file_names(export, ids))
    table = Table(spec, export.file, headers=dict(export.headers))
    given, known = export.fields | {"id"}, stored.get(spec.name, {})
    ours = set()  # whether a positioning table gives our level or confidence, and has a column of ours
    for index, row in enumerate(export.rows):
        if ids is not None:
            if not ids[index]:
                continue
            row["id"] = ids[index]
        vendor_header = row.get("vendor_id")
        found = [_resolve_cell(export, index, row, column, places[target])
                 for column, target in NAMED_COLUMNS.get(spec.name, {}).items()]
        problems += [p for p in found if p]
        if any(found):
            continue
        old = known.get(spec.key_of(row))
        resolved = {c.name: row[c.name] if c.name in given or old is None else old.get(c.name) for c in spec.columns}
        if export.vendor_columns and not _our_position(export, index, resolved, old, stored, vendor_header, ours,
                                                                problems):
            continue
        table.rows.append(resolved)
        table.lines.append(export.lines[index])
    if export.vendor_columns:
        if ours == {"given"}:
            problems.append(Problem(export.file, None, listed(export.headers.get(f) for f in OURS_ONLY if f in export.headers),
                                    None, "is our relationship with a person, but no vendor column of this positioning "
                                    "table is our own vendor (is_us); add our column, or mark us in the vendors sheet"))
        keep_unmentioned(table, stored)
    return {spec.name: table}, problems


def _our_position(export: Export, index: int, row: dict, old: dict | None, stored: dict, column: str,
                  ours: set, problems: list[Problem]) -> bool:
    """Apply a positioning table's level and confidence to our own vendor's stance only; whether the row stays.

    A competitor keeps its stored level and confidence, and its blank cell is no row; our blank cell on a line
    that gives our level keeps the stored stance (there must be one).
    """
    given = [f for f in OURS_ONLY if f in export.fields]
    if any(row[f] for f in given):
        ours.add("given")
    if not stored.get("vendors", {}).get((row["vendor_id"],), {}).get("is_us"):
        row.update({f: old.get(f) if old else None for f in given})
        return row["stance"] is not None
    ours.add("ours")
    if row["stance"] is None and old is None:
        problems.append(Problem(export.file, export.lines[index], column, None, "gives our level or confidence, but "
                                "the person has no stance toward us: fill this cell with it"))
        return False
    row["stance"] = row["stance"] or old["stance"]
    return True


def _resolve_cell(export: Export, index: int, row: dict, column: str, places: list[Names]) -> Problem | None:
    """Put the id that the cell's id or name stands for in `row[column]`; the problem if there is none."""
    value = row.get(column)
    if not value:
        return None
    if isinstance(value, list):  # several people (an activity's participants): each an id or a name
        found = [find(one, *places) for one in value]
        wrong = next(((one, f) for one, f in zip(value, found) if isinstance(f, Unresolved)), None)
        if wrong:
            return export.problem(index, column, wrong[0], wrong[1].message)
        row[column] = list(dict.fromkeys(found))
        return None
    found = find(value, *places)
    if isinstance(found, Unresolved):
        return export.problem(index, column, value, found.message)
    row[column] = found
    return None


def _file_names(export: Export, ids: list[str | None] | None) -> Names:
    names = Names(export.kind, "in this file")
    for index, row in enumerate(export.rows):
        id_ = ids[index] if ids is not None else row.get("id")
        if id_:
            names.add(id_, row.get("name"), f"line {export.lines[index]}")
    return names


def _row_ids(export: Export, stored: dict, problems: list[Problem]) -> list[str | None]:
    """Each row's id (None where there is none): from the id column, else the id of the stored node of the same
    name, else one derived from the name, so that loading the file again updates the same nodes."""
    if "id" in export.fields:
        return _given_ids(export, problems)
    candidates: dict[str, list[str]] = {}
    for (id_,), row in sorted(stored.get(export.kind, {}).items()):
        if row.get("name"):
            candidates.setdefault(name_key(row["name"]), []).append(id_)

    def choose(index: int, row: dict) -> str:
        match = candidates.get(name_key(row["name"]), [])
        return match[0] if len(match) == 1 else derived_id(ID_PREFIXES[export.kind], row["name"])

    ids = _unique_ids(export, problems, choose, "name")
    export.notes.append(f"{export.file} has no id column: each row's id is the stored one of the same name, else "
                        f"derived from the name ({ID_PREFIXES[export.kind]}...); loading the file again updates the "
                        "same rows. If a name changed, add an id column.")
    return ids


def _resolve_people(export: Export, stored: dict, match_by: str) -> tuple[dict[str, Table], list[Problem]]:
    problems: list[Problem] = []
    people = stored.get("stakeholders", {})
    departments, created = _resolve_departments(export, stored.get("departments", {}), problems)
    for row, department in zip(export.rows, departments):
        row["department_id"] = department
    if "id" in export.fields:
        ids = _given_ids(export, problems)
    else:
        if not {"department", "department_id"} & export.fields:
            match_by = "name"  # a file without departments: a name is all there is to match
        named = {id_: row["name"] for (id_,), row in stored.get("departments", {}).items()}
        named.update((row["id"], row["name"]) for row in (created.rows if created else ()))
        ids = _person_ids(export, people, problems, match_by, named)
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
        row.update(id=ids[index], manager_id=managers[index])
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
                            f"marked active: {listed(returned)}")
    tables = {"stakeholders": table}
    if created:
        tables["departments"] = created
    return tables, problems


def _person_ids(export: Export, people: dict, problems: list[Problem], match_by: str,
                departments: dict[str, str]) -> list[str | None]:
    """Each row's id in a stakeholders file without an id column: the stored person of the same name and department,
    else (with `match_by="name"`) the one stored person of the name, who moved; else one derived from both.

    A derived id beside a stored person of the name elsewhere is a warning (same person moved?); with
    `match_by="name"`, two stored people of the name are a problem: they are never merged on a guess.
    """
    by_name: dict[str, list[tuple[str, str | None]]] = {}
    for (id_,), row in sorted(people.items()):
        if row.get("name"):
            by_name.setdefault(name_key(row["name"]), []).append((id_, row.get("department_id")))
    shown = lambda department: repr(departments.get(department, department)) if department else "no department"
    moved: list[str] = []

    def choose(index: int, row: dict) -> str | None:
        namesakes = by_name.get(name_key(row["name"]), [])
        here = [id_ for id_, department in namesakes if department == row["department_id"]]
        elsewhere = [(id_, department) for id_, department in namesakes if department != row["department_id"]]
        new = derived_id(ID_PREFIXES["stakeholders"], row["name"], row["department_id"])
        if here or not elsewhere:
            return here[0] if len(here) == 1 else new
        where = ", ".join(f"{other} in {shown(department)}" for other, department in elsewhere)
        if match_by == "name" and len(elsewhere) == 1:
            moved.append(f"{row['name']} ({shown(elsewhere[0][1])} -> {shown(row['department_id'])})")
            return elsewhere[0][0]
        if match_by == "name":
            problems.append(export.problem(index, "name", row["name"], f"{len(elsewhere)} stored people are "
                                           f"called so ({where}), none in {shown(row['department_id'])}: "
                                           "--match-by name cannot tell which one moved; add an id column"))
            return None
        export.warnings.append(export.problem(
            index, "name", row["name"], f"same person moved? the store holds {where}; this row (in "
            f"{shown(row['department_id'])}) becomes a new person. If it is the same person, load with "
            "--match-by name (same id, history, stances and touchpoints), or add an id column"))
        return new

    ids = _unique_ids(export, problems, choose, "name and department")
    export.notes.append(f"{export.file} has no id column: each row is the stored person of the same "
                        f"{'name' if match_by == 'name' else 'name and department'}, else a new one with an id derived "
                        "from the name and department (s-...); loading the file again updates the same people.")
    if moved:
        export.notes.append(f"{export.file}: {len(moved)} person(s) found by name moved department: {listed(moved)}")
    return ids


def _unique_ids(export: Export, problems: list[Problem], choose, same: str) -> list[str | None]:
    """Each named row's id by `choose(index, row)` (None: it reported why there is none); a row whose id an
    earlier row has is a problem. A row without a name gets None: the parser has reported the empty name."""
    ids, seen = [], {}
    for index, row in enumerate(export.rows):
        id_ = choose(index, row) if row.get("name") else None
        if id_ is not None and id_ in seen:
            problems.append(export.problem(index, "name", row["name"], f"the same {same} as line {seen[id_]}; "
                                           "add an id column to tell the two apart"))
            id_ = None
        elif id_ is not None:
            seen[id_] = export.lines[index]
        ids.append(id_)
    return ids


def _given_ids(export: Export, problems: list[Problem]) -> list[str | None]:
    ids = []
    for index, row in enumerate(export.rows):
        if not row.get("id"):
            problems.append(export.problem(index, "id", "", "required value is empty (every row of a file "
                                           "with an id column needs one)"))
        ids.append(row.get("id") or None)
    return ids


def _resolve_departments(export: Export, stored: dict, problems: list[Problem]) -> tuple[list, Table | None]:
    """Each row's department id: a department column holds an id or a name; unknown names become new departments."""
    places = Names.stored("departments", stored)
    shown = export.headers.get("department", "department")
    created = Table(KINDS["departments"], export.file, headers={"name": shown, "id": shown})
    new: dict[str, str] = {}
    result = []
    for index, row in enumerate(export.rows):
        value = row.get("department")
        if row.get("department_id") or not value:
            result.append(row.get("department_id"))
            continue
        found = find(value, places)
        if isinstance(found, str):
            result.append(found)
            continue
        result.append(None)
        if found.ambiguous:
            problems.append(export.problem(index, "department", value, found.message))
            continue
        key = name_key(value)
        if key not in new:
            new[key] = derived_id(ID_PREFIXES["departments"], value)
            created.rows.append({"id": new[key], "name": value, "function": None, "parent_id": None})
            created.lines.append(export.lines[index])
        result[-1] = new[key]
    if created.rows:
        export.notes.append(f"{export.file}: {len(created.rows)} department(s) named in column "
                            f"{shown!r} are new; their ids are derived from the name (d-...)")
    return result, created if created.rows else None


def _resolve_managers(export: Export, ids: list, people: dict, problems: list[Problem]) -> list[str | None]:
    """Each row's manager id: a manager column holds an id or a name, looked up in the file, then the store.

    A CRM export may name a manager it does not include (a contact outside
    the report): that reporting line is left out, and a note says so.
    """
    in_file = _file_names(export, ids)
    in_store = Names.stored("stakeholders", people)
    known = in_file.ids | in_store.ids if export.source == "salesforce" else None
    result, outside = [], []
    for index, row in enumerate(export.rows):
        manager_id, value = row.get("manager_id"), row.get("manager")
        if known is not None and manager_id and manager_id not in known:
            outside.append(f"line {export.lines[index]} ({manager_id})")
            manager_id = None
        if manager_id or not value:
            result.append(manager_id)
            continue
        found = find(value, in_file, in_store)
        if isinstance(found, Unresolved):
            problems.append(export.problem(index, "manager", value, found.message))
            found = None
        result.append(found)
    if outside:
        export.notes.append(f"{export.file}: {len(outside)} manager(s) in column {export.headers['manager_id']!r} are "
                            f"neither in this file nor in the store, so those reporting lines are left out: "
                            f"{listed(outside)}. Load the managers' "
                            "contacts, then this file again, to add them.")
    return result


def _resolve_reporting(export: Export, stored: dict) -> tuple[dict[str, Table], list[Problem]]:
    people = Names.stored("stakeholders", stored.get("stakeholders", {}))
    table = Table(REPORTING, export.file, headers={"id": export.headers["person"], "manager_id": export.headers["manager"]})
    problems = []
    for index, row in enumerate(export.rows):
        resolved = {}
        for name, column in (("person", "id"), ("manager", "manager_id")):
            value = row.get(name)
            if not value:
                problems.append(export.problem(index, name, "", "required value is empty"))
                continue
            found = find(value, people)
            if isinstance(found, str):
                resolved[column] = found
            else:
                problems.append(export.problem(index, name, value, found.message))
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
