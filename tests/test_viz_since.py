"""Views with --since: who moved up or down, who is new, and which warm paths broke since an earlier load."""

import json
import re

import pytest
from click.testing import CliRunner
from builders import write_folder
from test_diff import JUNE, SEPTEMBER

from relgraph.cli import cli

BID = {"bids": ["b1,Renewal,2026-12-01,rfp"], "bid_team": ["b1,cfo,approver", "b1,ceo,decision_maker"]}


@pytest.fixture
def northstar(store_args, tmp_path):
    """Northstar of test_diff with a bid on the CFO and CEO: by September the CEO cooled (stance and level
    down), Dan joined, and Ben, the middle of the only warm path to the CFO, left."""
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    assert invoke("load", str(write_folder(tmp_path / "june", {**JUNE, **BID})), "--as-of", "2026-06-30").exit_code == 0
    assert invoke("load", str(write_folder(tmp_path / "sept", {**SEPTEMBER, **BID})), "--as-of", "2026-09-30",
                  "--prune").exit_code == 0
    return invoke


def page_data(path):
    block = re.search(r'<script type="application/json" id="view-data">(.*?)</script>',
                      path.read_text(encoding="utf-8"), re.S).group(1)
    data = json.loads(block)
    rows = {pid: [(data["labels"][k], v) for k, v in d["rows"]] for pid, d in data["details"].items()}
    return {n["id"]: n["label"] for n in data["nodes"]}, rows, {s["title"]: s.get("text") for s in data["legend"]}


def test_power_view_since_marks_who_moved_and_who_is_new(northstar, tmp_path):
    out = tmp_path / "power.html"
    assert northstar("view", "power", "--account", "northstar", "--out", str(out), "--since", "2026-07-01",
                     "--as-of", "2026-09-30").exit_code == 0
    labels, rows, legend = page_data(out)
    assert {pid: label for pid, label in labels.items() if label.endswith(("\u25b2", "\u25bc", "(new)"))} == {
        "ceo": "Chen \u25bc", "dan": "Dan (new)"}
    assert [r for r in rows["ceo"] if r[0] == "since 2026-07-01"] == [
        ("since 2026-07-01", "stance to us: supporter -> neutral"), ("since 2026-07-01", "our level: favourable -> accepting")]
    assert ("since 2026-07-01", "joined") in rows["dan"]
    assert "\u25bc it moved down" in legend["Movement since 2026-07-01"]


def test_gaps_view_since_lists_the_warm_path_broken_when_its_middle_left(northstar, tmp_path):
    out = tmp_path / "gaps.html"
    assert northstar("view", "gaps", "--account", "northstar", "--bid", "b1", "--out", str(out),
                     "--since", "1").exit_code == 0
    labels, rows, legend = page_data(out)
    text = legend["Movement since 2026-06-30"]
    assert "to Fang: Ivy \u2192 Ben \u2192 Fang (Ben left)" in text
    assert ("since 2026-06-30", "warm path broken, was Ivy \u2192 Ben \u2192 Fang (Ben left)") in rows["cfo"]


def test_redacted_view_since_names_nobody(northstar, tmp_path):
    out = tmp_path / "gaps.html"
    assert northstar("view", "gaps", "--account", "northstar", "--bid", "b1", "--out", str(out), "--since", "1",
                     "--redact").exit_code == 0
    labels, rows, legend = page_data(out)
    shown = json.dumps([labels, rows, legend], ensure_ascii=False)
    assert not [name for name in ("Fang", "Ben", "Ivy", "Chen", "Dan") if re.search(rf"\b{name}\b", shown)]
    assert re.search(r"to Person \d+: Person \d+ → Person \d+ → Person \d+ \(Person \d+ left\)",
                     legend["Movement since 2026-06-30"])

def test_without_since_a_view_has_no_movement(northstar, tmp_path):
    out = tmp_path / "power.html"
    assert northstar("view", "power", "--account", "northstar", "--out", str(out)).exit_code == 0
    labels, _, legend = page_data(out)
    assert not any(t.startswith("Movement") for t in legend) and labels["dan"] == "Dan"


def test_unknown_since_is_one_clear_error(northstar, tmp_path):
    result = northstar("view", "power", "--account", "northstar", "--out", str(tmp_path / "p.html"),
                       "--since", "2026-01-01")
    assert result.exit_code == 1 and result.stderr.startswith("Error: --since 2026-01-01")
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "p.html").exists()
    grid = northstar("view", "grid", "--account", "northstar", "--since", "1")
    assert grid.exit_code == 1 and grid.stderr.startswith("Error: --since marks people on a drawn view")
