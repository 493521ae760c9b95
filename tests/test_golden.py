"""Every command's output on both demo accounts, compared with the recorded output in tests/golden/demo.json.

A change of any output fails here until it is meant: then record the new output with
`RELGRAPH_WRITE_GOLDEN=1 pytest tests/test_golden.py` and say in the commit what changed and why.
Text outputs are kept whole, so a failure shows the difference; pages, exports and `show` (168 people)
are kept as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli

GOLDEN = Path(__file__).parent / "golden" / "demo.json"
AS_OF = "2026-11-23"
ACCOUNTS = {"bureau": "T-2026-07", "northwind-health": "NW-RFP-2026-09"}
COMPETITORS = ("apexsoft", "bluepeak", "cedartech")


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _analyses(account: str, bid: str) -> dict[str, list[str]]:
    dated = ["--as-of", AS_OF]
    commands = {}
    for scope in ([], ["--bid", bid]):
        for departed in ([], ["--include-departed"]):
            args = [*scope, *departed]
            commands |= {
                f"centres {account} {' '.join(args)}": ["centres", "--account", account, *args],
                f"centres --centres {account} {' '.join(args)}": ["centres", "--account", account, "--centres", *args],
                f"unreached {account} {' '.join(args)}": ["unreached", "--account", account, "--top", "200", *dated, *args],
                f"gaps {account} {' '.join(args)}": ["gaps", "--account", account, *dated, *args],
                f"position {account} {' '.join(args)}": ["position", "--account", account, *dated, *args],
                f"forecast {account} {' '.join(args)}": ["forecast", "--account", account, *dated, *args],
            }
            if scope:
                commands[f"next {account} {' '.join(args)}"] = ["next", "--account", account, "--top", "10", *dated, *args]
    return {name: ["--format", "json", *args] for name, args in commands.items()}


def _tables(account: str, bid: str) -> dict[str, list[str]]:
    return {f"{fmt} {command} {account}": ["--format", fmt, command, "--account", account, "--bid", bid,
                                           *(["--as-of", AS_OF] if command in ("unreached", "gaps", "position") else [])]
            for fmt in ("table", "markdown") for command in ("centres", "unreached", "gaps", "position")}


def record(store_args: list[str], work: Path) -> dict[str, str]:
    """Run every command on a fresh store (given by its global options) holding the demo; their outputs by a
    name for each call."""
    runner = CliRunner()

    def run(*args: str, **kwargs) -> str:
        result = runner.invoke(cli, [*store_args, *args], catch_exceptions=False, **kwargs)
        assert result.exit_code in (0, 4), (args, result.output)
        return result.stdout

    out = {"demo": run("--format", "json", "demo"), "accounts": run("--format", "json", "accounts")}
    for account, bid in ACCOUNTS.items():
        for name, args in {**_analyses(account, bid), **_tables(account, bid)}.items():
            out[name] = run(*args)
        report = work / f"{account}.md"
        run("report", "--account", account, "--bid", bid, "--out", str(report), "--as-of", AS_OF)
        out[f"report {account}"] = report.read_text(encoding="utf-8")
        people = json.loads(run("--format", "json", "query", "stakeholders", "-p", f"account={account}"))
        shown = {p["id"]: json.loads(run("--format", "json", "show", p["id"], "--account", account)) for p in people}
        out[f"show {account}"] = _digest(json.dumps(shown, ensure_ascii=False, sort_keys=True).encode())
        out[f"show first {account}"] = run("--format", "json", "show", people[0]["id"], "--account", account)
        out[f"grid {account}"] = run("--format", "json", "view", "grid", "--account", account)
        views = {"power": [], "orgchart": [], "gaps": ["--bid", bid],
                 **{f"competitor-{v}": ["--vendor", v] for v in COMPETITORS}}
        for view, extra in views.items():
            page = work / f"{account}-{view}.html"
            run("view", view.split("-")[0], "--account", account, "--out", str(page), "--as-of", AS_OF, *extra)
            out[f"view {view} {account}"] = _digest(page.read_bytes())
        redacted = work / f"{account}-redacted.html"
        run("view", "power", "--account", account, "--out", str(redacted), "--as-of", AS_OF, "--redact")
        out[f"view power --redact {account}"] = _digest(redacted.read_bytes())
        for target in (f"{account}-folder", f"{account}.json", f"{account}.graphml", f"{account}.gexf",
                       f"{account}-redacted"):
            path = work / target
            out[f"export {target}"] = run("--format", "json", "export", "--account", account, "--to", str(path),
                                          *(["--redact"] if target.endswith("redacted") else [])).replace(str(work), "WORK")
            files = sorted(path.iterdir()) if path.is_dir() else [path]
            out[f"export {target} files"] = _digest(b"".join(f.name.encode() + f.read_bytes() for f in files))
        out[f"reload {account}"] = run("--format", "json", "load", str(work / f"{account}-folder"), "--dry-run", "-v")
    for account in ACCOUNTS:
        out[f"forget {account}"] = run("--format", "json", "forget",
                                       "bj-ic-lin" if account == "bureau" else "nw-coo", "--account", account, "--yes")
        out[f"after forget {account}"] = run("--format", "json", "centres", "--account", account)
    return out


@pytest.fixture
def recorded(store_args, tmp_path) -> dict[str, str]:
    return record(store_args, tmp_path)


def test_every_command_prints_what_was_recorded(recorded, store_args):
    """On each store: the golden outputs are recorded on the embedded one, and Neo4j must print the same."""
    if os.environ.get("RELGRAPH_WRITE_GOLDEN") and "--data-dir" in store_args:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(recorded) == sorted(golden)
    changed = [name for name in golden if recorded[name] != golden[name]]
    for name in changed[:1]:  # the first difference in full; the names of all below
        assert recorded[name] == golden[name], f"{name} (all that changed: {', '.join(changed)})"
