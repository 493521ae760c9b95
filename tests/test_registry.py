"""The analysis registry: each declaration is what the analysis gives, what the CLI prints and what the README says."""

import re
from pathlib import Path

import pytest

from relgraph.analysis.registry import ANALYSES, Settings, analyse, run, table
from relgraph.errors import RelgraphError

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _contract(name: str) -> list[tuple[str, ...]]:
    """The key lists `{a, b, c: {...}}` of the README's JSON contract of one command, in order."""
    bullet = re.search(rf"^\* `{name}`:(.*?)(?=^\* `|^$)", README, re.S | re.M).group(1)
    groups, depth, current = [], 0, ""
    for ch in bullet:
        if ch == "{":
            depth += 1
            if depth == 1:
                current = ""
                continue
        elif ch == "}":
            depth -= 1
            if depth == 0:
                groups.append(tuple(part.split(":")[0].strip() for part in _top_level(current)))
                continue
        if depth >= 1:
            current += ch
    return groups


def _top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current]


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_the_readme_gives_every_declared_section_and_object(name):
    analysis, groups = ANALYSES[name], _contract(name)
    for section in analysis.sections:
        assert section.keys in groups, (section.name, groups)
    if analysis.whole:
        assert analysis.whole == groups[0]


@pytest.mark.parametrize("bid", [None, "T-2026-07"])
@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_every_result_has_exactly_the_declared_keys(demo_store, name, bid):
    analysis = ANALYSES[name]
    if analysis.needs_bid and bid is None:
        with pytest.raises(RelgraphError, match="needs --bid"):
            run(name, *analyse(demo_store, "bureau"), Settings())
        return
    data, power = analyse(demo_store, "bureau", bid)
    result = run(name, data, power, Settings())
    if analysis.whole:
        assert tuple(result) == analysis.whole
    vendors = ["us", "apexsoft", "bluepeak", "cedartech"]
    for section in analysis.sections:
        rows = [result[section.name]] if section.record else result[section.name]
        assert rows
        extra = vendors if name == "position" and section.name == "table" else []
        assert all(list(row) == [*section.keys, *extra] for row in rows), section.name
        rows, columns = table(analysis, section.name, result)
        assert rows and all(set(row) <= set(columns) | set(section.keys) for row in rows), section.name


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_the_json_of_every_command_and_section_has_every_declared_key(shared_demo, name):
    import json

    from click.testing import CliRunner

    from relgraph.cli import cli

    analysis = ANALYSES[name]
    shared_demo.ready()
    runner = CliRunner()
    invoke = lambda *args: json.loads(runner.invoke(cli, [*shared_demo.args, "--format", "json", name,
                                                          "--account", "bureau", "--bid", "T-2026-07", *args],
                                                    catch_exceptions=False).stdout)
    if analysis.whole:
        assert tuple(invoke()) == analysis.whole
    options = {"centres": {"people": [], "centres": ["--centres"]}, "next": {"moves": []}, "health": {"layers": []}}.get(name)
    for section in analysis.sections:
        part = invoke(*(options[section.name] if options else ["--section", section.name]))
        rows = [part] if section.record else part
        assert rows and all(set(section.keys) <= set(row) for row in rows), section.name


def test_centres_builds_only_the_rows_asked_for_and_names_the_hidden_influencers_below_them(demo_store):
    data, power = analyse(demo_store, "bureau")
    everyone = run("centres", data, power)
    top = run("centres", data, power, Settings(top=3))
    assert top["people"] == everyone["people"][:3] and top["centres"] == everyone["centres"]
    named = lambda rows: [{"id": p["id"], "name": p["name"], "rank": p["rank"]} for p in rows if p["hidden_influencer"]]  # noqa: E731
    assert named(everyone["people"][3:]) and top["hidden_below_top"] == named(everyone["people"][3:])
    assert everyone["hidden_below_top"] == []
    hidden = run("centres", data, power, Settings(top=1, hidden_only=True))
    assert named(hidden["people"]) == named(everyone["people"])[:1]
    assert hidden["hidden_below_top"] == named(everyone["people"])[1:]


def test_big_json_is_on_one_line_and_small_json_indented():
    import json

    from relgraph.output import PRETTY_JSON_ROWS, render

    small = [{"id": "a", "name": "Ann"}]
    big = [{"id": str(n), "name": "<&\u2028"} for n in range(PRETTY_JSON_ROWS + 1)]
    assert render(small, ["id", "name"], "json") == json.dumps(small, ensure_ascii=False, indent=2)
    text = render(big, ["id", "name"], "json")
    assert "\n" not in text and json.loads(text) == big
