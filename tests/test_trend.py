"""relgraph trend: acme loaded dated T1, then with the CEO cooled to us dated T2; each period shows the map in force."""

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from conftest import SCRIPT
from relgraph.cli import cli

T1, T2, UNTIL = "2026-10-15", "2026-11-20", "2026-12-02"


@pytest.fixture
def invoke(store_args):
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [*store_args, *args], catch_exceptions=False)


@pytest.fixture
def two_loads(invoke, acme):
    assert invoke("load", str(acme), "--as-of", T1).exit_code == 0
    stances = (acme / "stances.csv").read_text(encoding="utf-8")
    (acme / "stances.csv").write_text(stances.replace("ceo,us,supporter,favourable", "ceo,us,neutral,accepting"),
                                      encoding="utf-8")
    assert invoke("load", str(acme), "--as-of", T2).exit_code == 0
    return invoke


def _rows(invoke, *args):
    result = invoke("--format", "json", "trend", "--account", "acme", "--until", UNTIL, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_monthly_trend_shows_the_change_at_its_month(two_loads):
    rows = _rows(two_loads, "--bid", "b1")
    assert [(r["day"], r["revision"]) for r in rows] == [("2026-10-31", 1), ("2026-11-30", 2), (UNTIL, 2)]
    before, after = rows[0], rows[1]
    assert before["stances"]["supporter"] == 1 and after["stances"]["supporter"] == 0
    assert after["stances"]["neutral"] == before["stances"]["neutral"] + 1
    assert before["levels"]["favourable"] == 1 and after["levels"]["accepting"] == 1
    assert after["support"]["us"] < before["support"]["us"]
    assert after["suppression_ratio"] < before["suppression_ratio"] and after["readiness"] < before["readiness"]
    assert rows[2] == {**rows[1], "day": UNTIL}


def test_weekly_trend_ends_on_sundays_and_starts_at_the_first_revision(two_loads):
    rows = _rows(two_loads, "--every", "week")
    days = [r["day"] for r in rows]
    assert days[0] == "2026-10-18" and days[-1] == UNTIL and min(days) >= T1
    assert all(dt.date.fromisoformat(d).weekday() == 6 for d in days[:-1]) and len(days) == 8
    changed = [r["day"] for r in rows if r["revision"] == 2]
    assert changed[0] == "2026-11-22"  # the first Sunday on or after T2
    assert {r["stances"]["supporter"] for r in rows if r["revision"] == 1} == {1}
    assert {r["stances"]["supporter"] for r in rows if r["revision"] == 2} == {0}


def test_csv_is_flat_and_unknown_or_historyless_accounts_are_errors(two_loads):
    result = two_loads("--format", "csv", "trend", "--account", "acme", "--until", UNTIL)
    header = result.stdout.splitlines()[0].split(",")
    assert header[:4] == ["day", "revision", "support:us", "support:rival"] and "level:none" in header
    missing = two_loads("trend", "--account", "nope")
    assert missing.exit_code != 0 and "Error:" in missing.output and "Traceback" not in missing.output
    early = two_loads("trend", "--account", "acme", "--until", "2026-01-01")
    assert early.exit_code != 0 and "no revision on or before" in early.output


def test_page_is_offline_and_escapes_a_hostile_name(two_loads, acme, tmp_path):
    account = (acme / "account.csv").read_text(encoding="utf-8")
    (acme / "account.csv").write_text(account.replace("ACME 集团", SCRIPT), encoding="utf-8")
    assert two_loads("load", str(acme), "--as-of", "2026-11-25").exit_code == 0
    out = tmp_path / "trend.html"
    result = two_loads("trend", "--account", "acme", "--until", UNTIL, "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert SCRIPT not in page and "&lt;/script&gt;" in page
    assert not re.search(r"(src|href)\s*=|https?://(?!www\.w3\.org/2000/svg)|@import|url\(", page)
    assert "default-src 'none'" in page and "<script" not in page and page.count("<svg") == 4


def test_png_is_written(acme, tmp_path, data_dir):
    """The one browser test: the picture is of the same page, so the embedded store only."""
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    assert invoke("load", str(acme), "--as-of", T1).exit_code == 0
    png = tmp_path / "trend.png"
    result = invoke("trend", "--account", "acme", "--until", UNTIL, "--png", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
