"""The relgraph command line: thin commands that parse options, call one library function, print."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from relgraph.errors import SHOWN_PROBLEMS, RelgraphError
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.mapping import EXPORT_KINDS, SOURCES
from relgraph.loaders.names import MATCH_BY
from relgraph.model import TARGET_SCOPES
from relgraph.output import FORMATS, render
from relgraph.store import STORE_KINDS
from relgraph.viz import VIEWS

__all__ = ["cli", "main"]

PROGRESS_ROWS = 5000


class _Group(click.Group):
    """Turns a RelgraphError into one `Error:` line and its exit status, never a traceback.

    Every command runs with the cyclic garbage collector paused (see gc_paused): loads and analyses build
    millions of small acyclic records, and each batch of them set off a collection that walked them all.
    """

    def invoke(self, ctx):
        from relgraph.store.compact import gc_paused

        try:
            with gc_paused():
                return super().invoke(ctx)
        except RelgraphError as error:
            from relgraph.output import printable

            failure = click.ClickException(printable(str(error)))
            failure.exit_code = error.exit_code
            raise failure from None


class _Session:
    """The global options, and the store opened on first use and closed when the command ends."""

    def __init__(self, store_kind: str, data_dir: Path | None, fmt: str):
        self.store_kind, self.data_dir, self.format = store_kind, data_dir, fmt
        self._store = None

    def store(self, start: bool = True):
        if self._store is None:
            from relgraph.store import open_store

            self._store = open_store(self.store_kind, self.data_dir, start=start)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def format_option(command):
    """`--format` on a command, defaulting to the global one."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                        help="Output format (default: the global --format, else table).")(command)


def at_option(command):
    """--at, shared by the commands that read an account: the account as it stood then."""
    return click.option("--at", metavar="DATE|REVISION",
                        help="Answer as right after this revision of the account's history (a number), or on this "
                             "date (YYYY-MM-DD: the last revision on or before it); --as-of defaults to its date."
                        )(command)


def _emit(ctx: click.Context, fmt: str | None, rows: list[dict], columns: list[str]) -> None:
    click.echo(render(rows, columns, fmt or ctx.obj.format))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_kind", type=click.Choice(STORE_KINDS), default="embedded", envvar="RELGRAPH_STORE",
              show_default=True, help="Where the graph lives [env: RELGRAPH_STORE]. neo4j reads NEO4J_URI, "
              "NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="RELGRAPH_DATA_DIR",
              help="The embedded store's directory [env: RELGRAPH_DATA_DIR; default: the per-user data directory].")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format; json and csv print nothing else on stdout.")
@click.version_option(package_name="relgraph")
@click.pass_context
def cli(ctx: click.Context, store_kind: str, data_dir: Path | None, fmt: str) -> None:
    """relgraph: the power map of a customer organisation, kept as a graph.

    Load an account folder with `relgraph load`, or try `relgraph demo`.
    """
    ctx.obj = _Session(store_kind, data_dir, fmt)
    ctx.call_on_close(ctx.obj.close)


@cli.group(invoke_without_command=True)
@format_option
@click.pass_context
def accounts(ctx: click.Context, fmt: str | None) -> None:
    """List the accounts in the store, with their size; `accounts delete ID` erases one."""
    from relgraph.lookups import list_accounts

    if ctx.invoked_subcommand is None:
        _emit(ctx, fmt, list_accounts(ctx.obj.store()), ["id", "name", "tier", "departments", "stakeholders", "bids"])


def erase_options(command):
    """--dry-run and --yes, shared by the commands that erase."""
    command = click.option("--yes", is_flag=True, help="Erase without asking (needed when not on a terminal).")(command)
    return click.option("--dry-run", is_flag=True, help="Show what would be erased; erase nothing.")(command)


def _on_terminal() -> bool:
    return sys.stdin.isatty()


def _erase(ctx, fmt: str | None, erase, what: str, dry_run: bool, yes: bool) -> None:
    """Run an erasure: previewed with --dry-run, confirmed on a terminal, or with --yes in a script."""
    columns = ["removed", "count"]
    if not (dry_run or yes or _on_terminal()):
        raise click.UsageError(f"erasing {what} cannot be undone: confirm with --yes, or preview with --dry-run")

    def confirm(removed: list[dict]) -> bool:
        click.echo(render(removed, columns, "table"), err=True)
        return click.confirm(f"Erase {what} for good?", err=True)

    _emit(ctx, fmt, erase(dry_run=dry_run, confirm=None if dry_run or yes else confirm), columns)
    if dry_run:
        click.echo(f"dry run: nothing was erased; --yes erases {what}", err=True)


@accounts.command("delete")
@click.argument("account")
@erase_options
@format_option
@click.pass_context
def delete_account(ctx: click.Context, account: str, dry_run: bool, yes: bool, fmt: str | None) -> None:
    """Erase a whole account: its people, departments, bids and every relationship among them (vendors and
    our team members, which all accounts share, stay); print what was removed."""
    from relgraph.privacy import delete_account as erase_account

    _erase(ctx, fmt, lambda **how: erase_account(ctx.obj.store(), account, **how), f"account {account!r}",
           dry_run, yes)


@cli.command()
@click.argument("stakeholder")
@click.option("--account", required=True, help="The account the person belongs to.")
@at_option
@format_option
@click.pass_context
def show(ctx: click.Context, stakeholder: str, account: str, at: str | None, fmt: str | None) -> None:
    """Show one stakeholder (an id, or a name only they have): department, manager, reports, influence,
    stances, owner, last contact."""
    from relgraph.history import read_at
    from relgraph.lookups import show_rows, show_stakeholder
    from relgraph.output import render_record

    fmt = fmt or ctx.obj.format
    person = show_stakeholder(read_at(ctx.obj.store(), account, at).account, stakeholder)
    if fmt in ("table", "markdown"):
        click.echo(render(show_rows(person), ["field", "value"], fmt))
    else:
        click.echo(render_record(person, fmt))


@cli.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter; repeat for more.")
@click.option("--list", "list_queries", is_flag=True, help="List the queries, their parameters and columns.")
@format_option
@click.pass_context
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], list_queries: bool, fmt: str | None) -> None:
    """Run the named read query NAME from cypher/read/ and print its rows.

    Example: relgraph query stakeholders -p account=bureau
    """
    from relgraph.lookups import run_named_query
    from relgraph.queries import read_queries

    if list_queries or not name:
        rows = [{"name": n, "params": ", ".join(q.params), "returns": ", ".join(q.returns), "description": q.doc}
                for n, q in sorted(read_queries().items())]
        _emit(ctx, fmt, rows, ["name", "params", "returns", "description"])
        return
    columns, rows = run_named_query(ctx.obj.store(), name, params)
    _emit(ctx, fmt, rows, columns)


def by_option(command):
    """--by, for the commands that write: who the account's history says made the change."""
    return click.option("--by", metavar="NAME", help="Who makes this change, for the account's history "
                        "(default: your login name).")(command)


LOAD_COLUMNS = ["account", "kind", "rows", "created", "updated", "unchanged", "removed", "departed"]
CHANGE_COLUMNS = ["account", "kind", "id", "name", "change", "fields"]


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--kind", type=click.Choice(EXPORT_KINDS),
              help="PATH is one file (.csv or .xlsx) holding rows of this kind (default: PATH is an account folder).")
@click.option("--account", help="The account to load into (default: the id in account.csv).")
@click.option("--from", "source", type=click.Choice(SOURCES), default="sheet", show_default=True,
              help="What made the file: any spreadsheet or CSV export, or a Salesforce Contact export.")
@click.option("--sheet", "sheets", multiple=True, metavar="NAME[=KIND]",
              help="With --kind: the sheet of an .xlsx workbook to read (default: the first). Without: read sheet "
                   "NAME as KIND (or ignore it: NAME=ignore), whatever its name says; repeat for more.")
@click.option("--encoding", help="The text encoding of a CSV file (default: UTF-8, else GB18030), e.g. gbk, cp1252.")
@click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD",
              help="Read the file's COLUMN as FIELD (or ignore it: COLUMN=ignore); repeat for more.")
@click.option("--dry-run", is_flag=True, help="Check and compare with the store, print what would change, write nothing.")
@click.option("--prune", is_flag=True, help="Mark stored people the stakeholders file no longer lists as departed.")
@click.option("--append", is_flag=True, help="With --kind contacts, stances, influence, owners, bid_team, targets, activities or procurement: "
              "add and update the file's rows, remove none of that kind (by default such a file replaces them).")
@click.option("--match-by", type=click.Choice(MATCH_BY), default=MATCH_BY[0], show_default=True,
              help="How a stakeholders file or sheet without an id column finds the stored person of a row: by name "
                   "and department, or by name alone, so that a person listed in another department is the same "
                   "person, moved (two stored people of the name are refused).")
@click.option("--max-size", type=click.IntRange(1), default=MAX_SIZE // 2**20, show_default=True, metavar="MB",
              help="Refuse a file (or an .xlsx unpacking to more) larger than this many megabytes.")
@click.option("-v", "--verbose", is_flag=True, help="Print the change of every row, not only the counts per kind.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="The file shows the organisation as it was on this date: the revision describes that day "
                   "(back-fill old exports oldest first; a date before the account's newest revision is refused).")
@by_option
@format_option
@click.pass_context
def load(ctx: click.Context, path: Path, kind: str | None, account: str | None, source: str, sheets: tuple[str, ...],
         encoding: str | None, mapping: tuple[str, ...], dry_run: bool, prune: bool, append: bool, match_by: str,
         max_size: int, verbose: bool, as_of, by: str | None, fmt: str | None) -> None:
    """Load an account folder, a whole workbook (.xlsx without --kind), or one file with --kind, into the store.

    A single file may be any export (.xlsx, or CSV with comma, semicolon or
    tab, UTF-8 or GB18030): columns are matched by name in English or Chinese
    (姓名, 职务, 部门, 上级 ...), and people, departments, vendors, team members
    and bids may be given by name instead of id. Notes say how each column was
    read and which were ignored. Every row is checked first; if anything is
    wrong, every problem is listed and nothing is written. Ends with what was
    created, updated, unchanged.
    """
    from relgraph.changes import summary
    from relgraph.loading import load_path

    sheet, overrides = _sheet_options(sheets, kind)
    with _progress() as progress:
        result = load_path(ctx.obj.store(), path, kind=kind, account=account, progress=progress, source=source,
                           sheet=sheet, sheets=overrides, encoding=encoding, mapping=mapping, dry_run=dry_run, prune=prune,
                           max_size=max_size * 2**20, by=by, append=append, match_by=match_by,
                           as_of=_day(as_of))
    from relgraph.output import printable

    for note in result.notes:
        click.echo(f"Note: {printable(note)}", err=True)
    for warning in result.warnings[:SHOWN_PROBLEMS]:
        click.echo(f"Warning: {printable(str(warning))} (loaded as given)", err=True)
    if len(result.warnings) > SHOWN_PROBLEMS:
        click.echo(f"Warning: ... and {len(result.warnings) - SHOWN_PROBLEMS:,} more contradictions", err=True)
    if verbose:
        _emit(ctx, fmt, [c.as_row(result.account) for c in result.changes], CHANGE_COLUMNS)
    if not verbose or (fmt or ctx.obj.format) in ("table", "markdown"):
        if verbose:
            click.echo()
        _emit(ctx, fmt, summary(result.account, result.rows, result.changes), LOAD_COLUMNS)
    if dry_run:
        click.echo("Dry run: nothing was written.", err=True)


def _sheet_options(sheets: tuple[str, ...], kind: str | None) -> tuple[str | None, dict[str, str]]:
    """--sheet as given: with --kind, the one sheet to read; without, NAME=KIND overrides of a workbook's sheets."""
    from relgraph.loaders.mapping import IGNORE
    from relgraph.loaders.workbook import SHEET_KINDS

    if kind:
        if len(sheets) > 1:
            raise click.BadParameter("give one sheet with --kind (a workbook's sheets load without --kind)",
                                     param_hint="--sheet")
        return (sheets[0] if sheets else None), {}
    overrides = {}
    for item in sheets:
        name, sep, sheet_kind = item.rpartition("=")
        if not sep or not name or sheet_kind not in (*SHEET_KINDS, *IGNORE):
            raise click.BadParameter(f"{item!r}: expected NAME=KIND, KIND one of {', '.join(SHEET_KINDS)} or ignore "
                                     "(or give --kind to read one sheet)", param_hint="--sheet")
        overrides[name] = sheet_kind
    return None, overrides


@cli.command()
@format_option
@click.pass_context
def demo(ctx: click.Context, fmt: str | None) -> None:
    """Load the two bundled demo accounts into the store."""
    from relgraph.demo import load_demo

    rows = [row for result in load_demo(ctx.obj.store()) for row in _summary(result)]
    _emit(ctx, fmt, rows, ["account", "kind", "rows"])
    if (fmt or ctx.obj.format) == "table":
        click.echo("\nNext: relgraph accounts; relgraph query --list; relgraph show bj-chief --account bureau", err=True)


@cli.command()
@click.option("--account", required=True, help="The account to export.")
@click.option("--to", "target", required=True, type=click.Path(),
              help="A folder (the account folder, CSV), or FILE.graphml, FILE.gexf (Gephi, yEd), FILE.json (one bundle) or FILE.xlsx (a workbook to edit and load).")
@click.option("--redact", is_flag=True, help="Replace people's ids, names, titles, e-mails and notes with pseudonyms.")
@at_option
@format_option
@click.pass_context
def export(ctx: click.Context, account: str, target: str, redact: bool, at: str | None, fmt: str | None) -> None:
    """Export one account: the account folder, GraphML/GEXF, a JSON bundle, or a workbook.

    The folder loads back into the same graph. CSV cells that a spreadsheet
    would run as a formula (starting with = + - @) get a leading apostrophe,
    which `relgraph load` strips again.
    """
    from relgraph.export import export_account
    from relgraph.history import read_at
    from relgraph.state import read_stored

    if not target.strip():
        raise click.BadParameter("is empty: give a folder, or a file ending .graphml, .gexf or .json", param_hint="--to")
    store = ctx.obj.store()
    moment = read_at(store, account, at)
    known = None
    if target.lower().endswith(".xlsx"):  # vendors and team are shared: names are told apart among all of them
        known = moment.state or read_stored(store, account)
    written = export_account(moment.account, Path(target), redact=redact, known=known)
    _emit(ctx, fmt, written, ["file", "kind", "rows"])


@cli.command()
@click.argument("stakeholder")
@click.option("--account", required=True, help="The account the person belongs to.")
@erase_options
@by_option
@format_option
@click.pass_context
def forget(ctx: click.Context, stakeholder: str, account: str, dry_run: bool, yes: bool, by: str | None,
           fmt: str | None) -> None:
    """Erase a person (an id, or a name only they have) and every relationship and touchpoint about them;
    print what was removed. Asks first on a terminal; --yes in a script.

    Loading a file that still lists the person brings them back: remove them
    from your files too.
    """
    from relgraph.privacy import forget as forget_person

    _erase(ctx, fmt, lambda **how: forget_person(ctx.obj.store(), account, stakeholder, by=by, **how),
           f"stakeholder {stakeholder!r}", dry_run, yes)


@cli.command()
@click.argument("stakeholder", required=False)
@click.option("--account", required=True, help="The account whose history to show.")
@format_option
@click.pass_context
def history(ctx: click.Context, stakeholder: str | None, account: str, fmt: str | None) -> None:
    """The account's revisions (every load and erasure: when, by whom, from what, what changed), oldest first;
    with STAKEHOLDER (an id, or a name only they have), every change of theirs: their row, stances, influence,
    owners, touchpoints, bid-team places."""
    from relgraph.history import person_rows, read_history, revision_rows

    data, revisions, changes = read_history(ctx.obj.store(), account)
    if stakeholder is None:
        columns = ["revision", "at", "by", "source", "changes"]
        scripts = (fmt or ctx.obj.format) == "json"
        _emit(ctx, fmt, revision_rows(revisions), [*columns, "recorded", "summary"] if scripts else columns)
    else:
        person = data.require_person(stakeholder).id
        _emit(ctx, fmt, person_rows(data, revisions, changes, person), ["revision", "at", "by", "kind", "about", "change"])


def _edit(ctx, fmt: str | None, account: str, kind: str, typed: dict, by: str | None, **names) -> None:
    """Run one quick edit and print what it changed."""
    import datetime as dt

    from relgraph.edits import edit
    from relgraph.history import default_author

    options = {column: EDIT_OPTIONS.get(column, f"--{column}") for column in typed}
    typed = {c: (dt.date.today().isoformat() if v == TODAY else v) for c, v in typed.items()}
    result = edit(ctx.obj.store(), account, kind, typed, by=by or default_author(),
                  command="relgraph " + ctx.command_path.split(" ", 1)[1],  # whatever the program is called
                  options=options, **names)
    changed = [c.as_row(result.account) for c in result.changes if c.change != "unchanged"]
    _emit(ctx, fmt, changed, CHANGE_COLUMNS)
    if not changed:
        click.echo("Note: nothing changed: the store already held that", err=True)


TODAY = "today"
# The argument or option of a quick edit that gives each column, for its problems.
EDIT_OPTIONS = {"id": "PERSON", "stakeholder_id": "PERSON", "source_id": "SOURCE", "target_id": "TARGET",
                "team_member_id": "--member", "vendor_id": "--vendor", "department_id": "--department",
                "manager_id": "--manager", "as_of": "--as-of", "bid_id": "--bid", "owner_id": "--owner"}


def person_edit(command):
    """PERSON and --account, shared by the quick edits about one person."""
    command = click.option("--account", required=True, help="The account of the person.")(command)
    return click.argument("person")(command)


@cli.group("set")
def set_group() -> None:
    """Set one stance, owner, influence tie or target (each a revision of the account's history)."""


@set_group.command("stance")
@person_edit
@click.option("--vendor", required=True, help="The vendor (us or a competitor): id or name.")
@click.option("--stance", required=True, help="mentor, supporter, neutral, opponent or unknown.")
@click.option("--level", help="Our relationship level (only toward us): opposed ... supports_exclusively.")
@click.option("--confidence", help="low, medium or high.")
@click.option("--source", "source_text", help="Where the judgement comes from.")
@click.option("--as-of", "as_of", default=TODAY, show_default=True, help="The date of the judgement (YYYY-MM-DD).")
@by_option
@format_option
@click.pass_context
def set_stance(ctx, person, account, vendor, stance, level, confidence, source_text, as_of, by, fmt):
    """Set PERSON's stance toward a vendor (PERSON: an id, or a name only they have)."""
    _edit(ctx, fmt, account, "stances", {"stakeholder_id": person, "vendor_id": vendor, "stance": stance,
                                         "level": level, "confidence": confidence, "as_of": as_of,
                                         "source": source_text}, by, people=("stakeholder_id",), vendors=("vendor_id",))


@set_group.command("owner")
@person_edit
@click.option("--member", required=True, help="Our team member who owns the relationship: id or name.")
@click.option("--since", default=TODAY, show_default=True, help="Since when (YYYY-MM-DD).")
@by_option
@format_option
@click.pass_context
def set_owner(ctx, person, account, member, since, by, fmt):
    """Make a team member an owner of PERSON's relationship."""
    _edit(ctx, fmt, account, "owners", {"team_member_id": member, "stakeholder_id": person, "since": since}, by,
          people=("stakeholder_id",), team=("team_member_id",))


@set_group.command("influence")
@click.argument("source")
@click.argument("target")
@click.option("--account", required=True, help="The account of the two people.")
@click.option("--strength", required=True, help="1 (weak) to 5 (strong).")
@click.option("--kind", "tie_kind", help="advice, technical, personal or political.")
@by_option
@format_option
@click.pass_context
def set_influence(ctx, source, target, account, strength, tie_kind, by, fmt):
    """Record that TARGET listens to SOURCE, with a strength (ids or names)."""
    _edit(ctx, fmt, account, "influence", {"source_id": source, "target_id": target, "strength": strength,
                                           "kind": tie_kind}, by, people=("source_id", "target_id"))


@set_group.command("target")
@click.argument("person", required=False)
@click.option("--account", required=True, help="The account of the plan.")
@click.option("--scope", type=click.Choice(TARGET_SCOPES), default="person", show_default=True,
              help="person (PERSON), cell (--department [--layer], or --bid and --role) or bid (--bid, and --measure "
                   "with --value, or --role with --level/--stance).")
@click.option("--department", help="A cell target's department: id or name.")
@click.option("--layer", help="A cell target's layer: executive, middle or frontline (default: every layer).")
@click.option("--bid", help="The bid the target serves: id or name.")
@click.option("--role", help="A buying role on the bid's team (decision_maker, evaluator ...).")
@click.option("--stance", help="The stance toward us to reach: mentor, supporter, neutral ...")
@click.option("--level", help="Our relationship level to reach: contact ... supports_exclusively.")
@click.option("--status", help="The coverage status to reach: covered, outnumbered, weak, contested.")
@click.option("--measure", help="A bid's measure: support_share or suppression_ratio.")
@click.option("--value", help="The measure's value to reach: 0.4 or 40% (a share), 1.5 (a ratio).")
@click.option("--due", help="The date to reach it by (YYYY-MM-DD).")
@click.option("--owner", help="Our team member who owns the target: id or name.")
@by_option
@format_option
@click.pass_context
def set_target(ctx, person, account, scope, department, layer, bid, role, stance, level, status, measure, value,
               due, owner, by, fmt):
    """Set one target of the relationship plan, as one row of targets.csv (README: the targets file).

    Examples: set target 王总 --account bureau --level supports --due 2026-03-31 --owner 李明;
    set target --account bureau --scope bid --bid T-2026-07 --role decision_maker --level supports.
    """
    _edit(ctx, fmt, account, "targets", {"scope": scope, "stakeholder_id": person, "department_id": department,
                                         "layer": layer, "bid_id": bid, "role": role, "stance": stance,
                                         "level": level, "status": status, "measure": measure, "value": value,
                                         "due": due, "owner_id": owner}, by,
          people=("stakeholder_id",), departments=("department_id",), bids=("bid_id",), team=("owner_id",))


@cli.group("log")
def log_group() -> None:
    """Log what happened (each a revision of the account's history)."""


@log_group.command("contact")
@person_edit
@click.option("--member", required=True, help="Our team member who met them: id or name.")
@click.option("--kind", "contact_kind", help="visit, call, meal, email, workshop ...")
@click.option("--date", default=TODAY, show_default=True, help="When (YYYY-MM-DD).")
@by_option
@format_option
@click.pass_context
def log_contact(ctx, person, account, member, contact_kind, date, by, fmt):
    """Log a touchpoint with PERSON (an id, or a name only they have)."""
    _edit(ctx, fmt, account, "contacts", {"team_member_id": member, "stakeholder_id": person, "date": date,
                                          "kind": contact_kind}, by, people=("stakeholder_id",),
          team=("team_member_id",))


@cli.command()
@person_edit
@click.option("--department", help="Their new department: id or name.")
@click.option("--manager", help="Their new manager: id or name.")
@click.option("--title", help="Their new title.")
@by_option
@format_option
@click.pass_context
def move(ctx, person, account, department, manager, title, by, fmt):
    """Record that PERSON moved: a new department, manager or title (what is not given stays)."""
    if department is None and manager is None and title is None:
        raise click.UsageError("say what moved: --department, --manager or --title")
    _edit(ctx, fmt, account, "stakeholders", {"id": person, "department_id": department, "manager_id": manager,
                                              "title": title}, by, people=("id", "manager_id"),
          departments=("department_id",))


def _summary(result) -> list[dict]:
    return [{"account": result.account, "kind": kind, "rows": rows} for kind, rows in result.rows.items()]


class _progress:
    """A progress bar on stderr for loads of PROGRESS_ROWS rows or more, shown only on a terminal."""

    def __enter__(self):
        self.bar = None
        return self if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_ROWS:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Loading", file=sys.stderr)
        self.bar.update(done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.render_finish()


include_departed_option = click.option("--include-departed", is_flag=True,
                                       help="Count people marked departed too (left out by default).")


def account_options(command):
    """--account, --bid, --include-departed and --at, shared by the analyses."""
    command = at_option(include_departed_option(command))
    command = click.option("--bid", help="Analyse for this bid: its team's roles count, and its team is the scope.")(command)
    return click.option("--account", required=True, help="The account to analyse.")(command)


def section_option(sections):
    """--section: one part of a result, the only way to print it as csv."""
    return click.option("--section", type=click.Choice(sections), help="Print only this part (needed for csv).")


def stale_options(command):
    """--as-of and --stale-days, shared by the analyses that judge touchpoints."""
    command = click.option("--stale-days", "stale_days", multiple=True, metavar="[STANCE=]DAYS",
                           help="Contact limit: DAYS for everyone but mentors and supporters, or mentor=DAYS, "
                                "supporter=DAYS (defaults 14, 30, other 90). Repeatable.")(command)
    return click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
                        help="Judge touchpoints as of this date (default: the --at date, else today).")(command)


def _limits(values: tuple[str, ...]) -> dict[str, int]:
    from relgraph.analysis.unreached import STALE_DAYS

    limits = dict(STALE_DAYS)
    for value in values:
        stance, _, days = value.rpartition("=")
        stance = stance or "other"
        if stance not in limits or not days.isdigit():
            raise click.BadParameter(f"{value!r}: use DAYS, mentor=DAYS, supporter=DAYS or other=DAYS", param_hint="--stale-days")
        limits[stance] = int(days)
    return limits


def _day(value) -> object:
    return value.date() if value else None


def _analysis(ctx, name: str, account: str, bid: str | None, include_departed: bool, at: str | None,
              as_of=None, stale_days: tuple[str, ...] = (), **settings):
    """The account as the analysis saw it (now, or right after the revision `at`; only what it reads), and the
    analysis's result, judged as of `as_of` (the --as-of option), else the day of `at`, with the contact limits
    of `stale_days` (the --stale-days option)."""
    from relgraph.analysis.registry import ANALYSES, Settings, run, score
    from relgraph.history import read_at

    moment = read_at(ctx.obj.store(), account, at, parts=ANALYSES[name].reads)
    data, power = score(moment.account, bid, include_departed)
    settings = Settings(today=_day(as_of) or moment.day, limits=_limits(stale_days), **settings)
    return data, run(name, data, power, settings)


HIDDEN_NAMED = 5  # hidden influencers a note below --top names (`--hidden` lists them all)


def _emit_analysis(ctx, fmt: str | None, name: str, found, section: str | None = None) -> None:
    """Print a result as its declaration says: one section's rows, or (JSON) the whole object, or titled tables;
    table and Markdown show people and vendors by name, JSON and CSV by id."""
    from relgraph.analysis.registry import ANALYSES, Names, table
    from relgraph.output import json_text, render_sections

    (data, result), analysis, fmt = found, ANALYSES[name], fmt or ctx.obj.format
    names = Names(data) if fmt in ("table", "markdown") else Names()
    if section is None and not analysis.whole:
        section = analysis.sections[0].name
    if fmt == "json":  # the whole result, or exactly one part of it: every declared key
        click.echo(json_text(result[section] if section else result))
    elif section:
        _emit(ctx, fmt, *table(analysis, section, result, names))
    elif fmt == "csv":
        choices = ", ".join(s.name for s in analysis.sections)
        raise click.UsageError(f"csv holds one table: choose one with --section ({choices})")
    else:
        click.echo(render_sections([(s.name, *table(analysis, s.name, result, names)) for s in analysis.sections], fmt))


def _sections(name: str) -> list[str]:
    from relgraph.analysis.registry import ANALYSES

    return [s.name for s in ANALYSES[name].sections]


@cli.command()
@account_options
@click.option("--top", type=click.IntRange(min=1), help="Show only the N most powerful people.")
@click.option("--centres", "show_centres", is_flag=True, help="Print the decision centres instead of the people.")
@click.option("--hidden", "hidden_only", is_flag=True,
              help="Only the hidden influencers: far more listened to than their layer and roles suggest.")
@format_option
@click.pass_context
def centres(ctx, account, bid, include_departed, at, top, show_centres, hidden_only, fmt):
    """Who really decides: everyone ranked by power, with the reasons, and the decision centres.

    The score (0..1) weighs formal authority (buying role, layer, people below
    them) and informal influence (who listens to whom); see the README.
    """
    data, result = _analysis(ctx, "centres", account, bid, include_departed, at, top=top, hidden_only=hidden_only)
    _emit_analysis(ctx, fmt, "centres", (data, result), "centres" if show_centres else None)
    if show_centres and result["centres"] and fmt not in ("json", "csv"):
        click.echo(f"Note: {len(result['centres'])} decision centres (Louvain), modularity "
                   f"{result['centres'][0]['modularity']}", err=True)
    left_out = result["hidden_below_top"]
    if left_out and not show_centres:
        names = ", ".join(f"{p['name']} (rank {p['rank']})" for p in left_out[:HIDDEN_NAMED])
        more = f" and {len(left_out) - HIDDEN_NAMED} more" if len(left_out) > HIDDEN_NAMED else ""
        click.echo(f"{len(left_out)} hidden influencer(s) below the top {top}: {names}{more}; `--hidden` lists them",
                   err=True)


@cli.command()
@account_options
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many people to list (in each list).")
@section_option(_sections("unreached"))
@stale_options
@format_option
@click.pass_context
def unreached(ctx, account, bid, include_departed, at, top, section, as_of, stale_days, fmt):
    """Powerful people we have not reached, why, and the best warm path to each; and our own allies who need
    renewing (out of touch, owned by nobody, a weak level), with what to do."""
    found = _analysis(ctx, "unreached", account, bid, include_departed, at, as_of, stale_days, top=top)
    _emit_analysis(ctx, fmt, "unreached", found, section)


@cli.command()
@account_options
@click.option("--fail-on", type=click.Choice(["critical", "warning"]),
              help="Exit with status 4 when a flag of this severity or worse is raised.")
@section_option(_sections("gaps"))
@stale_options
@format_option
@click.pass_context
def gaps(ctx, account, bid, include_departed, at, fail_on, section, as_of, stale_days, fmt):
    """Where we are uncovered or a competitor holds the ground: coverage matrix, red flags, readiness."""
    from relgraph.analysis.gaps import SEVERITIES

    found = _analysis(ctx, "gaps", account, bid, include_departed, at, as_of, stale_days)
    _emit_analysis(ctx, fmt, "gaps", found, section)
    result = found[1]
    if fail_on:
        worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        failing = [f for f in result["flags"] if f["severity"] in worst]
        if failing:
            click.echo(f"gaps: {len(failing)} flag(s) at {fail_on} or worse ({', '.join(sorted({f['code'] for f in failing}))})", err=True)
            ctx.exit(4)


@cli.command()
@account_options
@section_option(_sections("position"))
@stale_options
@format_option
@click.pass_context
def position(ctx, account, bid, include_departed, at, section, as_of, stale_days, fmt):
    """The positioning table (people x vendors) and each vendor's weighted support (see the README)."""
    found = _analysis(ctx, "position", account, bid, include_departed, at, as_of, stale_days)
    _emit_analysis(ctx, fmt, "position", found, section)


def _emit_comparison(ctx, fmt: str | None, found: dict, section: str | None, sections: dict) -> None:
    """A diff or a what-if: the whole object (JSON), one section, or every section as titled tables."""
    from relgraph.output import json_text, render_sections

    fmt = fmt or ctx.obj.format
    if fmt == "json":
        click.echo(json_text(found[section] if section else found))
    elif section:
        _emit(ctx, fmt, found[section], list(sections[section][0 if fmt == "csv" else 1]))
    elif fmt == "csv":
        raise click.UsageError(f"csv holds one table: choose one with --section ({', '.join(sections)})")
    else:
        click.echo(render_sections([(name, found[name], list(columns[1])) for name, columns in sections.items()],
                                   fmt))


def _diff_sections() -> tuple[str, ...]:
    from relgraph.analysis.diff import SECTIONS

    return tuple(SECTIONS)


DIFF_SECTIONS = _diff_sections()


@cli.command("diff")
@click.option("--account", required=True, help="The account to compare.")
@click.option("--bid", help="Compare the answers for this bid: its team's roles count, and its team is the scope.")
@click.option("--since", required=True, metavar="DATE|REVISION",
              help="From right after this revision (a number), or the last revision on or before this date.")
@click.option("--until", metavar="DATE|REVISION", help="To right after this revision or date (default: now).")
@click.option("--fail-on", type=click.Choice(["regression"]),
              help="Exit with status 4 when anything moved against us (see the README: a stance or level toward "
                   "us down or toward a competitor up, a coverage cell worse, a flag raised, our support down or "
                   "a competitor's up, a warm path lost).")
@section_option(DIFF_SECTIONS)
@format_option
@click.pass_context
def diff_command(ctx, account, bid, since, until, fail_on, section, fmt):
    """What moved between two moments of the account's history: people who joined, left or moved, stance and
    level moves, influence ties, owners; and the effect on the answers: power ranks, coverage cells, flags,
    each vendor's support, warm paths lost."""
    from relgraph.analysis.diff import SECTIONS, diff

    found = diff(ctx.obj.store(), account, since, until, bid)
    if (fmt or ctx.obj.format) not in ("json", "csv"):
        when = lambda side: f"revision {side['revision']} ({side['at'][:10]})" if side["revision"] else "now"
        click.echo(f"{account}: from {when(found['since'])} to {when(found['until'])}", err=True)
    _emit_comparison(ctx, fmt, found, section, SECTIONS)
    if fail_on and found["regressions"]:
        click.echo(f"diff: {len(found['regressions'])} regression(s): "
                   + "; ".join(r["text"] for r in found["regressions"][:5]), err=True)
        ctx.exit(4)


@cli.command("trend")
@click.option("--account", required=True, help="The account to follow.")
@click.option("--bid", help="The measures for this bid: its team's roles count, and its team is the scope.")
@click.option("--every", type=click.Choice(["week", "month"]), default="month", show_default=True,
              help="Period length: weeks end on Sunday, months on their last day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="The last period end (default: today).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the trend as an offline HTML page of charts and the table.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a picture of that page for slides (needs Chromium).")
@format_option
@click.pass_context
def trend_command(ctx, account, bid, every, until, out, png, fmt):
    """How the account's numbers moved: one row per period end from its first revision, with the revision in
    force, each vendor's support share, the suppression ratio, readiness (the allied power share), and the
    people per stance toward us and per level of ours; each judged on the map right after the last revision
    on or before that day, as of that day."""
    from relgraph.analysis.trend import flat_rows, read_trend
    from relgraph.output import json_text, printable
    from relgraph.viz.trend import trend_html, write_trend

    now, rows = read_trend(ctx.obj.store(), account, bid, every, _day(until))
    names = {v.id: v.name or v.id for v in now.vendors.values()}
    table = flat_rows(rows, names)
    fmt = fmt or ctx.obj.format
    if fmt == "json":
        click.echo(json_text(rows))
    else:
        _emit(ctx, fmt, *(flat_rows(rows, {}) if fmt == "csv" else table))
    if out or png:
        title = f"Trend \u2014 {now.name or now.id}" + (f", {now.require_bid(bid).name or bid}" if bid else "")
        notes = write_trend(trend_html(title, rows, table, names), out, png)
        for path in (out, png):
            if path:
                click.echo(f"wrote {path}", err=True)
        for note in notes:
            click.echo(f"Note: {printable(note)}", err=True)


WHATIF_SECTIONS = ("summary", *DIFF_SECTIONS)


@cli.command("whatif")
@click.option("--account", required=True, help="The account of the bid.")
@click.option("--bid", required=True, help="The bid to simulate (its id or name).")
@click.option("--set", "sets", multiple=True, metavar="PERSON:VENDOR=STANCE[/LEVEL]",
              help="Set a person's stance toward a vendor (and, toward us, our level), e.g. bj-chief:us=supporter/"
                   "supports. Repeatable.")
@click.option("--contact", "contacts", multiple=True, metavar="PERSON",
              help="A visit today (by their owner): they are in touch. Repeatable.")
@click.option("--remove", "removals", multiple=True, metavar="PERSON", help="The person leaves. Repeatable.")
@click.option("--tie", "ties", multiple=True, metavar="SOURCE>TARGET:STRENGTH",
              help="TARGET listens to SOURCE at STRENGTH 1..5 (a new tie, or a stronger or weaker one). Repeatable.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Judge touchpoints as of this date (default: today).")
@section_option(WHATIF_SECTIONS)
@format_option
@click.pass_context
def whatif(ctx, account, bid, sets, contacts, removals, ties, as_of, section, fmt):
    """Every analysis of a bid on the map with these moves made, in memory only (nothing is written): support
    per vendor, the suppression ratio, readiness and the forecast's vote split before -> after, coverage cells
    that change, flags raised or cleared, power ranks that move. Moves are made in the order --set, --contact,
    --remove, --tie."""
    import datetime as dt

    from relgraph.account import read_account
    from relgraph.analysis.diff import SECTIONS
    from relgraph.analysis.simulate import SUMMARY_KEYS, what_if
    from relgraph.analysis.whatif import parse_contact, parse_remove, parse_set, parse_tie

    moves = [*map(parse_set, sets), *map(parse_contact, contacts), *map(parse_remove, removals), *map(parse_tie, ties)]
    if not moves:
        raise click.UsageError("give at least one move: --set, --contact, --remove or --tie")
    found = what_if(read_account(ctx.obj.store(), account), bid, moves, _day(as_of) or dt.date.today())
    _emit_comparison(ctx, fmt, found, section, {"summary": (SUMMARY_KEYS, SUMMARY_KEYS), **SECTIONS})


@cli.command("plan")
@account_options
@click.option("--fail-on", type=click.Choice(["behind"]),
              help="Exit with status 4 when a target is behind: unmet past its due date.")
@click.option("--since", metavar="DATE|REVISION",
              help="Say how each target moved since this review: right after this revision, or the last one on or "
                   "before this date (default: the revision before the one in view).")
@stale_options
@format_option
@click.pass_context
def plan_command(ctx, account, bid, include_departed, at, fail_on, since, as_of, stale_days, fmt):
    """The relationship plan against the map: each target, where it stands now, the gap, and whether it is met,
    open or behind (unmet past its due date); with --bid, that bid's targets and those of no bid."""
    import datetime as dt

    from relgraph.analysis.plan import PLAN_COLUMNS, judge_plan, plan_summary, with_moves
    from relgraph.history import read_at, read_before
    from relgraph.output import json_text

    store = ctx.obj.store()
    moment = read_at(store, account, at)
    today = _day(as_of) or moment.day or dt.date.today()
    rows = judge_plan(moment.account, today, bid, include_departed, _limits(stale_days))
    review = read_at(store, account, since, "--since") if since else read_before(store, account, moment)
    before = judge_plan(review.account, review.day, bid, include_departed, _limits(stale_days)) if review else None
    rows = with_moves(rows, before)
    if (fmt or ctx.obj.format) == "json":
        since_json = {"revision": review.revision.number, "day": review.day.isoformat()} if review else None
        click.echo(json_text({"as_of": today.isoformat(), "since": since_json, "targets": rows,
                              "summary": plan_summary(rows)}))
    else:
        _emit(ctx, fmt, rows, list(PLAN_COLUMNS))
    if not rows:
        click.echo(f"Note: account {account!r} has no targets yet: load a targets.csv (--kind targets) or use "
                   "`relgraph set target`", err=True)
    behind = [r for r in rows if r["progress"] == "behind"]
    if fail_on and behind:
        click.echo(f"plan: {len(behind)} target(s) behind: {'; '.join(r['about'] for r in behind)}", err=True)
        ctx.exit(4)


@cli.command()
@account_options
@section_option(_sections("forecast"))
@stale_options
@format_option
@click.pass_context
def forecast(ctx, account, bid, include_departed, at, section, as_of, stale_days, fmt):
    """How each person will lean once influence has played out, and how the decision-weighted vote splits.

    A Friedkin-Johnsen model on the influence graph, starting from today's
    stated stances (see the README): who the forecast turns for or against
    us, and who pulls them there.
    """
    found = _analysis(ctx, "forecast", account, bid, include_departed, at, as_of, stale_days)
    _emit_analysis(ctx, fmt, "forecast", found, section)
    if fmt not in ("json", "csv"):
        turned = [p for p in found[1]["people"] if p["turned"] in ("for us", "against us")]
        click.echo(f"Note: the forecast turns {sum(p['turned'] == 'for us' for p in turned)} for us and "
                   f"{sum(p['turned'] == 'against us' for p in turned)} against us; a model of influence alone, "
                   "not a prediction of the award", err=True)


@cli.command()
@account_options
@stale_options
@format_option
@click.pass_context
def health(ctx, account, bid, include_departed, at, as_of, stale_days, fmt):
    """The three layers of the relationship, each strong, fair or weak with its reasons: key (the deciders and
    the powerful), general (breadth across the departments) and organisational (company to company: visits,
    agreements, the procurement steps we took part in); see the README for the thresholds."""
    found = _analysis(ctx, "health", account, bid, include_departed, at, as_of, stale_days)
    _emit_analysis(ctx, fmt, "health", found, None)


@cli.command("next")
@account_options
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="How many moves to list.")
@stale_options
@format_option
@click.pass_context
def next_moves(ctx, account, bid, include_departed, at, top, as_of, stale_days, fmt):
    """The next best moves for a bid (--bid is needed): whom to win, renew or give an owner, ranked by what
    each would gain (our forecast support and the red flags it clears) times how feasible it is, with who on
    our team acts, through whom, and why (see the README)."""
    found = _analysis(ctx, "next", account, bid, include_departed, at, as_of, stale_days, top=top)
    _emit_analysis(ctx, fmt, "next", found, None)


@cli.command()
@click.option("--account", required=True, help="The account of the bid.")
@click.option("--bid", required=True, help="The bid to brief on (its id or name).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The Markdown file to write.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Judge touchpoints as of this date (default: the --at date, else today).")
@include_departed_option
@at_option
@click.pass_context
def report(ctx, account, bid, out, as_of, include_departed, at):
    """Write a one-page bid brief in Markdown: who decides, whom we have not reached, coverage, flags, position."""
    from relgraph.analysis.brief import bid_brief
    from relgraph.files import write_private

    brief = bid_brief(ctx.obj.store(), account, bid, _day(as_of), include_departed, at=at)
    write_private(out, brief)
    click.echo(f"wrote {out}", err=True)


@cli.command()
@click.argument("kind", type=click.Choice(VIEWS))
@click.option("--account", required=True, help="The account to draw.")
@click.option("--bid", help="The bid whose team the gaps view shows (its id or name).")
@click.option("--vendor", help="The competitor whose side the competitor view shows (its id or name).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (needed for every view but grid).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a picture of the view for slides (needs Chromium).")
@click.option("--include-notes", is_flag=True, help="Show people's notes in the tooltips (left out by default).")
@click.option("--open", "open_browser", is_flag=True, help="Open the HTML file in the browser.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Judge touchpoints (who is unreached, coverage) as of this date (default: the --at date, else "
                   "today).")
@click.option("--redact", is_flag=True, help="Replace people's names, titles and notes with pseudonyms, to share the map.")
@click.option("--since", metavar="DATE|REVISION",
              help="Mark what moved since right after this revision, or the last one on or before this date: "
                   "stance to us or our level up or down, people new, warm paths broken (not for grid).")
@at_option
@format_option
@click.pass_context
def view(ctx, kind, account, bid, vendor, out, png, include_notes, open_browser, as_of, redact, since, at, fmt):
    """Draw an account as one self-contained, offline HTML page.

    KIND: power (everyone, by our relationship), orgchart (the reporting
    lines), competitor (--vendor ID: one competitor's side), gaps (--bid ID:
    the bid team and uncovered departments), grid (the power x attitude
    nine-box: printed as a table; a page with --out, a picture with --png).
    """
    from relgraph.viz import render_view

    result = render_view(ctx.obj.store(), kind, account=account, bid=bid, vendor=vendor, out=out,
                         include_notes=include_notes, png=png, as_of=_day(as_of), redact=redact, at=at,
                         since=since)
    if kind == "grid":
        _emit(ctx, fmt, result.table, ["power", "supportive", "neutral", "against"])
    for path in (result.out, result.png):
        if path:
            click.echo(f"wrote {path}" + (f" ({result.nodes} nodes, {result.edges} lines)" if result.nodes else ""), err=True)
    from relgraph.output import printable

    for note in result.notes:
        click.echo(f"Note: {printable(note)}", err=True)
    if open_browser and result.out:
        click.launch(str(result.out))


@cli.command()
@click.option("--people", type=click.IntRange(min=1), required=True, help="How many stakeholders in all.")
@click.option("--accounts", type=click.IntRange(min=1), default=1, show_default=True, help="How many accounts to split them into.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed writes the same files.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="The folder to write account folders into.")
@format_option
@click.pass_context
def generate(ctx, people, accounts, seed, out, fmt):
    """Write synthetic account folders (for benchmarks and trials); load them with `relgraph load`."""
    from relgraph.generate import account_sizes
    from relgraph.generate import generate as write_accounts

    folders = write_accounts(out, people, accounts, seed)
    rows = [{"account": f.name, "folder": str(f), "stakeholders": size}
            for f, size in zip(folders, account_sizes(people, accounts))]
    _emit(ctx, fmt, rows, ["account", "folder", "stakeholders"])


@cli.group()
def db() -> None:
    """The store itself: status, stop."""


@db.command()
@format_option
@click.pass_context
def status(ctx: click.Context, fmt: str | None) -> None:
    """Tell whether the store runs, where, and how much it holds."""
    info = ctx.obj.store(start=False).status()
    rows = [{"field": k, "value": v} for k, v in info.items()]
    _emit(ctx, fmt, rows, ["field", "value"])


@db.command()
@click.pass_context
def stop(ctx: click.Context) -> None:
    """Stop the embedded store's server (its data stays in the data directory)."""
    stopped = ctx.obj.store(start=False).stop()
    click.echo("stopped the embedded server" if stopped else "the embedded server was not running", err=True)


def main() -> None:
    cli(prog_name="relgraph")
