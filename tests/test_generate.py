"""Synthetic organisations: deterministic, valid, realistic in shape."""

import json

from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.generate import generate
from relgraph.loaders import Known, check_references, read_folder


def test_the_same_seed_writes_the_same_files_and_another_seed_other_files(tmp_path):
    first = generate(tmp_path / "a", 300, accounts=2, seed=5)
    again = generate(tmp_path / "b", 300, accounts=2, seed=5)
    other = generate(tmp_path / "c", 300, accounts=2, seed=6)
    for x, y, z in zip(first, again, other):
        assert [p.read_bytes() for p in sorted(x.iterdir())] == [p.read_bytes() for p in sorted(y.iterdir())]
        assert (x / "stakeholders.csv").read_bytes() != (z / "stakeholders.csv").read_bytes()


def test_generated_folders_pass_every_check_and_look_like_an_organisation(tmp_path):
    folder = generate(tmp_path, 500, seed=2)[0]
    tables = read_folder(folder)
    check_references(tables, Known())
    people = tables["stakeholders"].rows
    assert len(people) == 500
    spans = {}
    for person in people:
        if person["manager_id"]:
            spans[person["manager_id"]] = spans.get(person["manager_id"], 0) + 1
    assert max(spans.values()) <= 8
    assert 2.5 <= len(tables["influence"].rows) / len(people) <= 3.5
    assert len({r["vendor_id"] for r in tables["stances"].rows}) == 4
    assert tables["owners"].rows and tables["contacts"].rows and tables["bid_team"].rows


def test_generate_and_load_through_the_cli(tmp_path, store_args):
    runner = CliRunner()
    result = runner.invoke(cli, ["--format", "json", "generate", "--people", "120", "--accounts", "2", "--out", str(tmp_path)],
                           catch_exceptions=False)
    assert [r["stakeholders"] for r in json.loads(result.stdout)] == [60, 60]
    loaded = runner.invoke(cli, [*store_args, "load", str(tmp_path / "synthetic-1")], catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    assert "Warning" not in loaded.stderr  # generated stances are consistent: one side, levels that fit
