"""The advice rules of warm paths, renewals and the analysis date, as properties of any account."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from relgraph.account import Owner, Stance, Touchpoint
from relgraph.analysis.power import power_scores
from relgraph.analysis.registry import Settings, run
from relgraph.analysis.unreached import CAMP_PENALTY, WEAK_PATH, unreached_influencers
from relgraph.cli import cli

from builders import account, person

TODAY = dt.date(2026, 11, 23)
RECENT = "2026-11-20"
LONG_AGO = "2026-01-05"


def ally(pid: str, stance: str = "supporter", last_contact: str | None = RECENT, owners=("ann",), **fields):
    return person(pid, our_stance=stance, our_level="supports", owners=owners, last_contact=last_contact, **fields)


def path_to(data, target: str):
    found = {u.id: u for u in unreached_influencers(data, power_scores(data), TODAY).people}
    return found[target].path


def test_a_path_starts_at_an_ally_in_touch_even_when_a_stale_one_is_closer():
    people = [ally("stale", "mentor", LONG_AGO), ally("fresh"), person("x"), person("target")]
    data = account(people, [("stale", "target", 5, "advice"), ("fresh", "x", 2, "advice"), ("x", "target", 2, "advice")])
    path = path_to(data, "target")
    assert [s.id for s in path.steps] == ["fresh", "x", "target"] and not path.renew_first


def test_when_only_out_of_touch_allies_reach_them_the_path_says_renew_first():
    data = account([ally("stale", "mentor", LONG_AGO), ally("fresh"), person("target")],
                   [("stale", "target", 5, "advice")])
    path = path_to(data, "target")
    assert [s.id for s in path.steps] == ["stale", "target"] and path.renew_first
    text = run("unreached", data, power_scores(data), Settings(today=TODAY))["people"][0]["warm_path"]
    assert text.startswith("renew Stale first, then: Stale (our mentor)")


def test_a_clean_path_wins_over_a_stronger_one_through_a_competitors_camp():
    people = [ally("ally"), person("their_fan", competitor_stances={"rival": "supporter"}), person("x"),
              person("target")]
    ties = [("ally", "their_fan", 5, "advice"), ("their_fan", "target", 5, "advice"),
            ("ally", "x", 2, "advice"), ("x", "target", 2, "advice")]
    path = path_to(account(people, ties), "target")
    assert [s.id for s in path.steps] == ["ally", "x", "target"] and path.clean


def test_without_a_clean_path_the_camp_step_is_marked_and_penalised():
    for camp_member, risk in ((person("their_fan", competitor_stances={"rival": "mentor"}), "mentor of Rival Co"),
                              (person("their_fan", our_stance="opponent"), "opponent of ours")):
        data = account([ally("ally"), camp_member, person("target")],
                       [("ally", "their_fan", 5, "advice"), ("their_fan", "target", 5, "advice")])
        path = path_to(data, "target")
        assert [(s.id, s.risk) for s in path.steps] == [("ally", None), ("their_fan", risk), ("target", None)]
        assert path.strength == round(5 / 6 * 5 / 6 * CAMP_PENALTY, 4)
        rows = run("unreached", data, power_scores(data), Settings(today=TODAY))["people"]
        row = next(r for r in rows if r["id"] == "target")
        assert f"[!] {risk}" in row["warm_path"] and row["path"][1]["risk"] == risk


def test_the_path_names_who_on_our_team_acts():
    data = account([ally("ally", owners=("ann", "bo")), ally("orphan", owners=()), person("a"), person("b")],
                   [("ally", "a", 5, "advice"), ("orphan", "b", 5, "advice")])
    assert path_to(data, "a").act_by == ("ann", "bo")
    rows = {r["id"]: r for r in run("unreached", data, power_scores(data), Settings(today=TODAY))["people"]}
    assert rows["a"]["warm_path"].endswith("acts: ann, bo")
    assert rows["b"]["warm_path"].endswith("acts: nobody owns them: assign an owner")


def test_unreached_lists_no_ally_and_numbers_its_own_order():
    people = [ally("boss", roles=("decision_maker",), layer="executive"), person("mid", layer="middle"),
              person("low", layer="frontline"), ally("stale_one", "mentor", LONG_AGO, layer="frontline")]
    data = account(people, [("boss", "mid", 3, "advice"), ("mid", "low", 3, "advice")])
    power = power_scores(data)
    result = run("unreached", data, power, Settings(today=TODAY))
    assert [r["rank"] for r in result["people"]] == list(range(1, len(result["people"]) + 1))
    assert [r["power_rank"] for r in result["people"]] == sorted(r["power_rank"] for r in result["people"])
    assert {r["id"] for r in result["people"]} == {"mid", "low"}
    assert [r["id"] for r in result["renew"]] == ["stale_one"]


def test_a_fresh_ally_nobody_owns_is_to_be_assigned_an_owner_not_renewed():
    data = account([ally("orphan", owners=())])
    renew = unreached_influencers(data, power_scores(data), TODAY).renew
    assert [r.actions for r in renew] == [("assign an owner: nobody on our team owns them",)]


def test_as_of_a_date_what_was_recorded_later_is_ignored():
    later = "2026-11-20"
    fan = person("fan", our_stance="supporter", our_level="supports", owners=("ann",))
    dated = [replace(fan, touchpoints=(Touchpoint(later, "ann"),), recorded_contact=later,
                     our=Stance("supporter", "supports", as_of=later), owners=(Owner("ann", since=later),))]
    data = account(dated)
    then = data.as_of(dt.date(2026, 6, 1)).people["fan"]
    assert (then.last_contact, then.our_stance, then.owners) == (None, "unknown", ())
    assert data.as_of(dt.date(2026, 11, 21)).people["fan"] == data.people["fan"]
    then_result = run("unreached", data, power_scores(data), Settings(today=dt.date(2026, 6, 1)))
    assert [r["id"] for r in then_result["people"]] == ["fan"] and then_result["renew"] == []


def test_the_map_as_of_an_early_date_shows_no_more_coverage_than_today(cli_demo_json):
    for account_id in ("bureau", "northwind-health"):
        covered = [sum(c["status"] == "covered" for c in cli_demo_json("gaps", "--account", account_id,
                                                                       "--as-of", day)["cells"])
                   for day in ("2020-01-01", "2026-11-23")]
        assert covered[0] == 0 < covered[1]


def test_a_hidden_influencer_most_evaluators_listen_to_is_in_the_brief_and_easy_to_find(cli_demo_json, tmp_path):
    brief = tmp_path / "brief.md"
    cli_demo_json("report", "--account", "bureau", "--bid", "T-2026-07", "--as-of", "2026-11-23", "--out", str(brief))
    unreached = brief.read_text(encoding="utf-8").split("## Unreached influencers")[1].split("###")[0]
    assert "林晓峰" in unreached
    hidden = cli_demo_json("centres", "--account", "bureau", "--bid", "T-2026-07", "--hidden")
    assert "bj-ic-lin" in [p["id"] for p in hidden] and all(p["hidden_influencer"] for p in hidden)


def test_every_unreached_hidden_influencer_is_in_the_brief():
    from relgraph.analysis.brief import TOP, _key_unreached

    rows = [{"rank": n, "hidden_influencer": n in (3, TOP + 5)} for n in range(1, TOP + 10)]
    assert [r["rank"] for r in _key_unreached(rows)] == [*range(1, TOP + 1), TOP + 5]


@pytest.fixture
def cli_demo_json(shared_demo):
    """`relgraph ARGS --format json` on a store of each kind with the demo loaded; the parsed output (None if not
    JSON). Its `args` point the CLI at that store."""
    shared_demo.ready()
    runner = CliRunner()

    def invoke(*args):
        result = runner.invoke(cli, [*shared_demo.args, "--format", "json", *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout) if result.stdout.strip() else None

    invoke.args = shared_demo.args
    return invoke


def test_a_weak_clean_path_gives_way_to_a_strong_one_and_is_called_weak_when_alone():
    chain = [("fresh", "a", 1, "advice"), ("a", "b", 1, "advice"), ("b", "target", 1, "advice")]
    people = [ally("stale", "mentor", LONG_AGO), ally("fresh"), person("a"), person("b"), person("target")]
    path = path_to(account(people, chain + [("stale", "target", 4, "advice")]), "target")
    assert path.steps[0].id == "stale" and path.renew_first and not path.weak
    data = account(people, chain)
    path = path_to(data, "target")
    assert path.steps[0].id == "fresh" and path.weak and path.strength < WEAK_PATH
    row = next(r for r in run("unreached", data, power_scores(data), Settings(today=TODAY))["people"]
               if r["id"] == "target")
    assert row["warm_path"].startswith("only a weak path: Fresh (our supporter)")


def test_position_lists_only_the_vendors_of_this_account(store, acme):
    from relgraph.analysis.registry import analyse
    from relgraph.demo import load_demo
    from relgraph.loading import load_path

    load_demo(store)
    load_path(store, acme)
    vendors = lambda account_id: [v["vendor"] for v in run("position", *analyse(store, account_id))["vendors"]]
    assert vendors("acme") == ["us", "rival"]
    assert vendors("bureau") == ["us", "apexsoft", "bluepeak", "cedartech"]


@pytest.mark.parametrize("account_id, bid", [("bureau", "T-2026-07"), ("northwind-health", "NW-RFP-2026-09")])
def test_the_brief_is_one_page_of_words(cli_demo_json, tmp_path, account_id, bid):
    import re

    brief = tmp_path / "brief.md"
    cli_demo_json("report", "--account", account_id, "--bid", bid, "--as-of", "2026-11-23", "--out", str(brief))
    text = brief.read_text(encoding="utf-8")
    assert not re.search(r"\b0\.\d{3,}", text), "shares are percentages, power two decimals"
    assert not re.search(r"[{\[]\"", text), "no JSON in table cells"
    assert not re.search(r"\bour 1 allies|\b1 allies|level is only", text)
    tables = re.findall(r"(?:^\|.*\n)+", text, re.M)
    assert all(len(t.splitlines()) - 2 <= 20 for t in tables), "no table runs over 20 rows"


def test_human_tables_hold_no_json_and_show_has_labelled_lines(cli_demo_json):
    runner = CliRunner()
    cells = runner.invoke(cli, [*cli_demo_json.args, "gaps", "--account", "bureau", "--section", "cells"]).stdout
    assert "{" not in cells and "BluePeak Technologies: " in cells
    shown = runner.invoke(cli, [*cli_demo_json.args, "show", "bj-ic-lin", "--account", "bureau"]).stdout
    assert "郑国华 (bj-chief-eng), strength 5, technical" in shown
    assert "BluePeak Technologies: supporter, confidence medium, as of 2026-04-09" in shown
