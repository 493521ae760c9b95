"""`relgraph view` through click's runner, on each store with the demo loaded."""

import json
import re

import pytest
from click.testing import CliRunner

from relgraph.cli import cli


@pytest.fixture
def run(store_args):
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, [*store_args, *args], env=env, catch_exceptions=False)

    assert invoke("demo").exit_code == 0
    return invoke


def test_view_writes_the_page_and_says_what_it_drew(run, tmp_path):
    out = tmp_path / "map.html"
    result = run("view", "power", "--account", "bureau", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and result.stderr.strip() == f"wrote {out} (95 nodes, 301 lines)"


def test_view_as_of_sets_the_day_the_page_is_judged_on(run, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for out in (first, second):
        result = run("view", "gaps", "--account", "bureau", "--bid", "T-2026-07", "--as-of", "2026-11-23", "--out", str(out))
        assert result.exit_code == 0, result.output
    page = first.read_text(encoding="utf-8")
    assert "as of 2026-11-23" in page and first.read_bytes() == second.read_bytes()
    assert run("view", "power", "--account", "bureau", "--as-of", "23/11/2026", "--out", str(first)).exit_code == 2


def test_view_grid_prints_the_nine_box(run):
    rows = json.loads(run("view", "grid", "--account", "northwind-health", "--format", "json").stdout)
    assert [r["power"] for r in rows] == ["high", "medium", "low"]
    counts = [sum(len(r[c]) for c in ("supportive", "neutral", "against")) for r in rows]
    assert counts == [18, 18, 36]  # the 72 active people: the top quarter, the rest of the top 36, the bottom 36
    assert all(isinstance(r["supportive"], list) for r in rows)


@pytest.mark.parametrize("args, message", [
    (["view", "power", "--account", "bureau"], "Error: the power view needs --out FILE.html"),
    (["view", "gaps", "--account", "bureau", "--out", "x.html"], "Error: account 'bureau' needs --bid ID; its bids: T-2025-03, T-2026-07"),
    (["view", "power", "--account", "acme", "--out", "x.html"], "Error: no account 'acme' in the store (accounts: bureau, northwind-health)"),
])
def test_view_mistakes_are_one_error_line(run, tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 1 and result.stderr.strip() == message


def test_png_without_chromium_is_a_clear_error_after_the_html(run, tmp_path):
    out = tmp_path / "map.html"
    result = run("view", "power", "--account", "bureau", "--out", str(out), "--png", str(tmp_path / "map.png"),
                 env={"RELGRAPH_CHROMIUM": str(tmp_path / "no-chromium")})
    assert result.exit_code == 1 and out.exists()
    assert result.stderr.strip().splitlines()[-1].startswith("Error: --png needs Chromium, and none was found")


@pytest.mark.parametrize("kind", ["power", "gaps"])
def test_a_redacted_view_names_nobody(run, tmp_path, kind):
    out = tmp_path / "shared.html"
    result = run("view", kind, "--account", "bureau", "--bid", "T-2026-07", "--as-of", "2026-11-23", "--redact",
                 "--include-notes", "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    people = json.loads(run("--format", "json", "query", "stakeholders", "-p", "account=bureau").stdout)
    for person in people:
        assert person["name"] not in page, person["name"]
        assert not person["title"] or person["title"] not in page, person["title"]
        assert f'"{person["id"]}"' not in page, person["id"]  # ids too: an id can be a CRM id or a name's hash
    assert "陈伟 (Chen Wei)" not in page and "tm-sun-hao" not in page
    assert re.search(r"Person \d{3}", page) and re.search(r"Title \d{2}", page)
