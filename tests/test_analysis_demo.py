"""Every analysis on the demo accounts, on each store, and every analysis command through the CLI."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from relgraph.analysis.registry import Settings, analyse, run
from relgraph.cli import cli
from relgraph.demo import load_demo
from relgraph.errors import RelgraphError

TODAY = dt.date(2026, 11, 23)


def analysis(store, name: str, account: str, bid: str | None = None, include_departed: bool = False, **settings):
    return run(name, *analyse(store, account, bid, include_departed), Settings(**settings))


@pytest.fixture
def demo_store(store):
    load_demo(store)
    return store


def test_who_decides_in_the_bureau(demo_store):
    result = analysis(demo_store, "centres", "bureau", "T-2026-07")
    people = {row["id"]: row for row in result["people"]}
    assert result["people"][0]["id"] == "bj-chief"
    assert people["bj-chief"]["reasons"][0] == "decision maker on bid T-2026-07"
    assert people["bj-ic-lin"]["hidden_influencer"] is True
    assert people["bj-ic-lin"]["rank"] < len(people) // 3
    assert result["centres"][0]["centre"] == "bj-chief" and "bj-chief" in result["centres"][0]["deciders"]
    assert set(people["bj-chief"]["components"]) == {"formal", "role", "layer", "span", "informal", "estimate"}


def test_departed_people_count_only_when_asked(demo_store, cli_demo):
    ranked = lambda **kw: {row["id"]: row for row in analysis(demo_store, "centres", "bureau", **kw)["people"]}
    assert "bj-dep-retired" not in ranked()
    with_departed = ranked(include_departed=True)
    assert "bj-dep-retired" in with_departed  # retired, yet still fishing with the chief
    assert with_departed["bj-chief"]["score"] != ranked()["bj-chief"]["score"]
    result = cli_demo("--format", "json", "unreached", "--account", "bureau", "--top", "100", "--include-departed")
    assert result.exit_code == 0 and "bj-dep-retired" in {row["id"] for row in json.loads(result.stdout)["people"]}


def test_the_unknown_coo_is_unreached_with_a_warm_path(demo_store):
    rows = {row["id"]: row for row in analysis(demo_store, "unreached", "northwind-health", top=20, today=TODAY)["people"]}
    coo = rows["nw-coo"]
    assert "stance to us is unknown" in coo["reasons"] and "nobody on our team owns them" in coo["reasons"]
    assert coo["path"][0]["relation"] in ("our mentor", "our supporter") and coo["path"][-1]["id"] == "nw-coo"


def test_the_bureau_bid_has_no_technical_supporter_and_northwind_too_many_mentors(demo_store):
    bureau = analysis(demo_store, "gaps", "bureau", "T-2026-07", today=TODAY)
    assert {"no_technical_supporter"} <= {f["code"] for f in bureau["flags"] if f["severity"] == "critical"}
    assert bureau["readiness"]["scope"] == "bid T-2026-07 team" and bureau["readiness"]["people"] == 12
    northwind = {f["code"]: f for f in analysis(demo_store, "gaps", "northwind-health", today=TODAY)["flags"]}
    assert len(northwind["too_many_mentors"]["stakeholders"]) == 3
    assert northwind["decider_stance_unknown"]["stakeholders"] == ["nw-coo"]


def test_the_positioning_table_has_every_vendor(demo_store):
    result = analysis(demo_store, "position", "bureau", "T-2026-07", today=TODAY)
    assert [v["vendor"] for v in result["vendors"]] == ["us", "apexsoft", "bluepeak", "cedartech"]
    assert len(result["table"]) == 12 and result["table"][0]["id"] == "bj-chief"
    assert result["strongest_competitor"] == "apexsoft" and result["suppression_ratio"] < 1  # 3 of 4 evaluators


def test_the_same_input_gives_the_same_answer(demo_store):
    first = analysis(demo_store, "centres", "northwind-health"), analysis(demo_store, "gaps", "northwind-health", today=TODAY)
    assert (analysis(demo_store, "centres", "northwind-health"), analysis(demo_store, "gaps", "northwind-health", today=TODAY)) == first


def test_an_unknown_account_or_bid_names_what_exists(demo_store):
    with pytest.raises(RelgraphError, match=r"no account 'nope'.*accounts: bureau, northwind-health"):
        analysis(demo_store, "centres", "nope")
    with pytest.raises(RelgraphError, match=r"account 'bureau' has no bid 'X'; its bids: T-2025-03, T-2026-07"):
        analysis(demo_store, "gaps", "bureau", "X")


@pytest.fixture
def cli_demo(data_dir):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)

    assert invoke("demo").exit_code == 0
    return invoke


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_analysis_command_prints_every_format(cli_demo, fmt):
    commands = [["centres", "--account", "bureau", "--top", "5"], ["centres", "--account", "bureau", "--centres"],
                ["unreached", "--account", "bureau", "--as-of", "2026-11-23"],
                ["gaps", "--account", "bureau", "--bid", "T-2026-07", "--as-of", "2026-11-23"],
                ["position", "--account", "northwind-health"]]
    for args in commands:
        if fmt == "csv" and args[0] in ("gaps", "position", "unreached"):
            args = args + ["--section", {"gaps": "flags", "position": "vendors", "unreached": "renew"}[args[0]]]
        result = cli_demo(*args, "--format", fmt)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout.strip()
        if fmt == "json":
            json.loads(result.stdout)


def test_centres_json_rows_are_the_documented_contract(cli_demo):
    rows = json.loads(cli_demo("centres", "--account", "bureau", "--top", "3", "--format", "json").stdout)
    assert [row["rank"] for row in rows] == [1, 2, 3]
    assert list(rows[0]) == ["rank", "id", "name", "title", "score", "hidden_influencer", "centre", "components", "reasons"]


def test_gaps_fail_on_gates_a_pipeline(cli_demo):
    result = cli_demo("gaps", "--account", "bureau", "--bid", "T-2026-07", "--fail-on", "critical", "--format", "json")
    assert result.exit_code == 4
    assert "no_technical_supporter" in result.stderr
    assert json.loads(result.stdout)["readiness"]["flags"]["critical"] >= 1


def test_csv_needs_a_section(cli_demo):
    result = cli_demo("gaps", "--account", "bureau", "--format", "csv")
    assert result.exit_code == 2 and "choose one with --section" in result.stderr


def test_a_bad_stale_days_value_is_a_usage_error(cli_demo):
    result = cli_demo("unreached", "--account", "bureau", "--stale-days", "boss=3")
    assert result.exit_code == 2 and "--stale-days" in result.stderr


def test_the_bid_brief_has_every_section_in_order(cli_demo, tmp_path):
    out = tmp_path / "brief.md"
    result = cli_demo("report", "--account", "bureau", "--bid", "T-2026-07", "--out", str(out), "--as-of", "2026-11-23")
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[1:] == ["## Three layers of relationship", "## Who decides", "### Decision centres",
                            "## Unreached influencers", "### Allies to renew", "## Coverage",
                            "## Organisational relationships", "## Red flags", "## Next 5 moves", "## Competitive position"]
    assert "智慧交通综合监管平台" in headings[0] and "**Hidden influencers**" in text and "林晓峰" in text
    assert "**Forecast**" in text and "pts |" in text
