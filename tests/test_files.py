"""Output files: written whole to a new private file, never through a link planted at the name (see relgraph.files)."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.errors import RelgraphError
from relgraph.files import USE_UMASK, write_private
from relgraph.store import open_store

SECRET = b"someone else's file\n"


@pytest.fixture(scope="module")
def run():
    """`relgraph ARGS...` on one store holding the demo, under the common umask 022."""
    root = Path(tempfile.mkdtemp(prefix="rg-", dir="/tmp"))
    runner, umask = CliRunner(), os.umask(0o022)

    def invoke(*args, env=None):
        return runner.invoke(cli, ["--data-dir", str(root / "store"), *args], env=env, catch_exceptions=False)

    assert invoke("demo").exit_code == 0
    yield invoke
    os.umask(umask)
    open_store("embedded", root / "store", start=False).stop()
    shutil.rmtree(root, ignore_errors=True)


def plant_links(out: Path, victims: Path) -> list[tuple[Path, Path]]:
    """Symlinks at `out` and at the temporary name relgraph once used, each to a file of someone else's."""
    victims.mkdir(exist_ok=True)
    links = []
    for link in (out, out.with_name(f".{out.name}.tmp")):
        target = victims / f"victim-{link.name}"
        target.write_bytes(SECRET)
        link.symlink_to(target)
        links.append((link, target))
    return links


def assert_written_safely(out: Path, links: list[tuple[Path, Path]]) -> None:
    assert stat.S_ISREG(out.lstat().st_mode) and out.stat().st_size > 0, f"{out} is not a new regular file"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    for link, target in links:
        assert target.read_bytes() == SECRET, f"written through the link {link}"
    temporary = out.with_name(f".{out.name}.tmp")
    assert temporary.is_symlink() and os.readlink(temporary) == str(links[1][1])  # left alone, never opened
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp") and p != temporary]


@pytest.mark.parametrize("name, command", [
    ("bureau.json", ["export", "--account", "bureau", "--to"]),
    ("bureau.graphml", ["export", "--account", "bureau", "--to"]),
    ("bureau.gexf", ["export", "--account", "bureau", "--to"]),
    ("brief.md", ["report", "--account", "bureau", "--bid", "T-2026-07", "--out"]),
    ("power.html", ["view", "power", "--account", "bureau", "--out"]),
    ("grid.html", ["view", "grid", "--account", "bureau", "--out"]),
])
def test_an_output_file_replaces_planted_links_and_is_private(run, tmp_path, name, command):
    out = tmp_path / name
    links = plant_links(out, tmp_path / "victims")
    result = run(*command, str(out))
    assert result.exit_code == 0, result.output
    assert_written_safely(out, links)


def test_an_account_folder_export_is_private_and_replaces_planted_links(run, tmp_path):
    new = tmp_path / "new" / "bureau"
    assert run("export", "--account", "bureau", "--to", str(new)).exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in new.iterdir()} == {0o600}

    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    links = plant_links(existing / "stakeholders.csv", tmp_path / "victims")
    assert run("export", "--account", "bureau", "--to", str(existing)).exit_code == 0
    assert_written_safely(existing / "stakeholders.csv", links)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755  # a folder relgraph did not create keeps its mode


def test_generated_accounts_replace_planted_links(run, tmp_path):
    folder = tmp_path / "synthetic-1"
    folder.mkdir()
    links = plant_links(folder / "stakeholders.csv", tmp_path / "victims")
    assert run("generate", "--people", "20", "--out", str(tmp_path)).exit_code == 0
    assert_written_safely(folder / "stakeholders.csv", links)


def test_relgraph_use_umask_gives_the_modes_the_umask_allows(run, tmp_path):
    env = {USE_UMASK: "1"}
    assert run("export", "--account", "bureau", "--to", str(tmp_path / "bureau"), env=env).exit_code == 0
    assert run("report", "--account", "bureau", "--bid", "T-2026-07", "--out", str(tmp_path / "b.md"), env=env).exit_code == 0
    assert stat.S_IMODE((tmp_path / "bureau").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "bureau" / "stakeholders.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.md").stat().st_mode) == 0o644


def test_replacing_a_file_neither_writes_through_a_hard_link_nor_keeps_its_mode(tmp_path):
    out, other = tmp_path / "brief.md", tmp_path / "other-name"
    out.write_bytes(SECRET)
    out.chmod(0o644)
    os.link(out, other)
    write_private(out, "the brief")
    assert other.read_bytes() == SECRET and out.read_text() == "the brief"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("make, message", [
    (lambda p: (p / "a-file").write_text("x"), "cannot write {tmp}/a-file/out.md: Not a directory"),
    (lambda p: (p / "a-file" / "out.md").mkdir(parents=True), "cannot write {tmp}/a-file/out.md: Is a directory"),
    (lambda p: None, "cannot write {tmp}/a-file/out.md: No such file or directory; the folder {tmp}/a-file does not exist"),
])
def test_a_file_that_cannot_be_written_is_one_clear_line_and_leaves_nothing_behind(tmp_path, make, message):
    make(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(RelgraphError) as raised:
        write_private(tmp_path / "a-file" / "out.md", "text")
    assert str(raised.value) == message.format(tmp=tmp_path)
    assert sorted(tmp_path.rglob("*")) == before
