"""The relgraph command line: thin commands that parse options, call one library function, print."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from relgraph.errors import RelgraphError
from relgraph.loaders import KINDS
from relgraph.output import FORMATS, render
from relgraph.store import STORE_KINDS

__all__ = ["cli", "main"]

PROGRESS_ROWS = 5000


class _Group(click.Group):
    """Turns a RelgraphError into one `Error:` line and its exit status, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RelgraphError as error:
            failure = click.ClickException(str(error))
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


@cli.command()
@format_option
@click.pass_context
def accounts(ctx: click.Context, fmt: str | None) -> None:
    """List the accounts in the store, with their size."""
    from relgraph.accounts import list_accounts

    _emit(ctx, fmt, list_accounts(ctx.obj.store()), ["id", "name", "tier", "departments", "stakeholders", "bids"])


@cli.command()
@click.argument("stakeholder_id")
@click.option("--account", required=True, help="The account the person belongs to.")
@format_option
@click.pass_context
def show(ctx: click.Context, stakeholder_id: str, account: str, fmt: str | None) -> None:
    """Show one stakeholder: department, manager, reports, influence, stances, owner, last contact."""
    from relgraph.accounts import show_stakeholder
    from relgraph.output import render_record

    click.echo(render_record(show_stakeholder(ctx.obj.store(), account, stakeholder_id), fmt or ctx.obj.format))


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
    from relgraph.accounts import run_named_query
    from relgraph.queries import read_queries

    if list_queries or not name:
        rows = [{"name": n, "params": ", ".join(q.params), "returns": ", ".join(q.returns), "description": q.doc}
                for n, q in sorted(read_queries().items())]
        _emit(ctx, fmt, rows, ["name", "params", "returns", "description"])
        return
    columns, rows = run_named_query(ctx.obj.store(), name, params)
    _emit(ctx, fmt, rows, columns)


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--kind", type=click.Choice(list(KINDS)),
              help="PATH is one file holding rows of this kind (default: PATH is an account folder).")
@click.option("--account", help="The account to load into (default: the id in account.csv).")
@format_option
@click.pass_context
def load(ctx: click.Context, path: Path, kind: str | None, account: str | None, fmt: str | None) -> None:
    """Load an account folder (or one file with --kind) into the store.

    Every row is checked first; if anything is wrong, every problem is listed
    and nothing is written.
    """
    from relgraph.loading import load_path

    with _progress() as progress:
        result = load_path(ctx.obj.store(), path, kind=kind, account=account, progress=progress)
    _emit(ctx, fmt, _summary(result), ["account", "kind", "rows"])


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
