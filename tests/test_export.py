"""Exports (account folder, GraphML, GEXF, JSON), formula-safe CSV, pseudonyms, and forgetting a person."""

import csv
import json

import pytest
from click.testing import CliRunner

from conftest import snapshot
from relgraph.account import read_account
from relgraph.cli import cli
from relgraph.demo import load_demo
from relgraph.errors import InputError, RelgraphError
from relgraph.export import export_account
from relgraph.loaders import read_folder
from relgraph.loading import load_path
from relgraph.privacy import forget

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1 555", "-2+3", "@SUM(A1)", "'quoted", "\tindented"]


def test_the_account_folder_round_trips_to_an_identical_graph(store, acme, tmp_path, empty_store):
    load_path(store, acme)
    export_account(read_account(store, "acme"), tmp_path / "out")
    load_path(empty_store, tmp_path / "out")
    assert snapshot(empty_store, "acme") == snapshot(store, "acme")


def test_the_demo_accounts_round_trip(store, tmp_path, empty_store):
    load_demo(store)
    for account in ("bureau", "northwind-health"):
        export_account(read_account(store, account), tmp_path / account)
        load_path(empty_store, tmp_path / account)
        assert snapshot(empty_store, account) == snapshot(store, account)


def test_formula_cells_are_written_as_text_and_read_back_unchanged(store, acme, tmp_path, empty_store):
    rows = "".join(f'p{i},Person {i},"{value.replace(chr(34), chr(34) * 2)}"\n' for i, value in enumerate(DANGEROUS))
    (acme / "stakeholders.csv").write_text("id,name,notes\nceo,王总,\ncto,Li Wei,\neng,Zhang San,\n" + rows, encoding="utf-8")
    load_path(store, acme)
    notes = {r["id"]: r["notes"] for r in read_folder(acme)["stakeholders"].rows}
    assert notes["p5"] == "indented"  # the canonical reader strips cells; the tab never reaches the store
    export_account(read_account(store, "acme"), tmp_path / "out")
    with open(tmp_path / "out" / "stakeholders.csv", encoding="utf-8", newline="") as handle:
        written = {row["id"]: row["notes"] for row in csv.DictReader(handle)}
    assert [written[f"p{i}"] for i in range(5)] == ["'" + value for value in DANGEROUS[:5]]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in written.values())
    load_path(empty_store, tmp_path / "out")
    assert snapshot(empty_store, "acme") == snapshot(store, "acme")


def test_csv_output_of_commands_is_formula_safe(acme, store_args):
    rows = "".join(f'p{i},"{value.replace(chr(34), chr(34) * 2)}",it,cto\n' for i, value in enumerate(DANGEROUS))
    (acme / "stakeholders.csv").write_text("id,name,department_id,manager_id\nceo,王总,,\ncto,Li Wei,it,ceo\n"
                                           "eng,Zhang San,it,cto\n" + rows, encoding="utf-8")
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(cli, [*store_args, *args], catch_exceptions=False)
    assert invoke("load", str(acme)).exit_code == 0
    for args in (["query", "stakeholders", "-p", "account=acme"], ["centres", "--account", "acme"]):
        result = invoke("--format", "csv", *args)
        assert result.exit_code == 0, result.output
        names = [row["name"] for row in csv.DictReader(result.stdout.splitlines())]
        assert {"'" + value for value in DANGEROUS[:5]} <= set(names)
        assert not any(name.startswith(("=", "+", "-", "@", "\t")) for name in names)
    as_json = json.loads(invoke("--format", "json", "query", "stakeholders", "-p", "account=acme").stdout)
    assert {row["name"] for row in as_json} >= set(DANGEROUS[:5])  # JSON is for scripts: values as they are


def test_graphml_gexf_and_json_hold_the_whole_graph(store, acme, tmp_path):
    import networkx as nx

    load_path(store, acme)
    nodes, edges = snapshot(store, "acme")
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        export_account(read_account(store, "acme"), tmp_path / f"acme{suffix}")
        G = read(tmp_path / f"acme{suffix}")
        assert G.number_of_nodes() == len(nodes) and G.number_of_edges() == len(edges)
        assert G.nodes["Stakeholder:ceo"]["label"] == "王总"
        assert {d["relation"] for *_, d in G.edges(data=True)} == {e[0] for e in edges}
    export_account(read_account(store, "acme"), tmp_path / "acme.json")
    bundle = json.loads((tmp_path / "acme.json").read_text(encoding="utf-8"))
    assert bundle["format"] == "relgraph-bundle" and bundle["account"] == "acme"
    assert [r["id"] for r in bundle["kinds"]["stakeholders"]] == ["ceo", "cto", "eng"]
    assert bundle["kinds"]["stakeholders"][1]["roles"] == ["approver", "evaluator"]


def test_the_json_bundle_loads_back_into_the_same_graph(store, acme, tmp_path, empty_store):
    load_path(store, acme)
    export_account(read_account(store, "acme"), tmp_path / "acme.json")
    load_path(empty_store, tmp_path / "acme.json")
    assert snapshot(empty_store, "acme") == snapshot(store, "acme")
    bundle = json.loads((tmp_path / "acme.json").read_text(encoding="utf-8"))
    bundle["kinds"]["stakeholders"][0]["layer"] = "boss"
    bundle["kinds"]["stakeholders"][1]["shoe"] = 42
    (tmp_path / "bad.json").write_text(json.dumps(bundle), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(empty_store, tmp_path / "bad.json")
    assert [str(p) for p in error.value.problems] == [
        f"{tmp_path / 'bad.json'}#stakeholders:1: column layer value 'boss': allowed: executive, middle, frontline",
        f"{tmp_path / 'bad.json'}#stakeholders:2: column shoe: unknown field; stakeholders has id, name, title, "
        "department_id, layer, roles, influence, manager_id, last_contact, status, notes, email, organisation"]


def test_redacted_exports_share_stable_pseudonyms_and_leak_nothing(store, acme, tmp_path):
    (acme / "stakeholders.csv").write_text(
        "id,name,title,email,notes,manager_id\nceo,王总,CEO,wang@acme.example,likes golf,\n"
        "cto,Li Wei,CTO,,,ceo\neng,Zhang San,CTO,,,cto\n", encoding="utf-8")
    load_path(store, acme)
    export_account(read_account(store, "acme"), tmp_path / "out", redact=True)
    export_account(read_account(store, "acme"), tmp_path / "acme.graphml", redact=True)
    text = "".join(p.read_text(encoding="utf-8") for p in [*(tmp_path / "out").glob("*.csv"), tmp_path / "acme.graphml"])
    for secret in ("王总", "Li Wei", "Zhang San", "wang@acme", "golf", "Alice", "CEO", ",ceo,", "Stakeholder:ceo"):
        assert secret not in text, secret
    people = {r["id"]: r for r in read_folder(tmp_path / "out")["stakeholders"].rows}
    assert people["p001"]["name"] == "Person 001" and people["p002"]["manager_id"] == "p001"
    assert people["p002"]["title"] == people["p003"]["title"] == "Title 02"
    influence = read_folder(tmp_path / "out")["influence"].rows
    assert {(r["source_id"], r["target_id"]) for r in influence} == {("p002", "p001"), ("p003", "p002")}


def test_forget_erases_a_person_and_says_what(store, acme):
    load_path(store, acme)
    removed = {r["removed"]: r["count"] for r in forget(store, "acme", "cto")}
    assert removed == {"stakeholder cto (Li Wei)": 1, "department membership": 1, "reporting line to their manager": 1,
                       "reporting lines of their reports": 1, "influence on others": 1, "influence from others": 1}
    nodes, edges = snapshot(store, "acme")
    assert "cto" not in {n[1] for n in nodes} and not [e for e in edges if "cto" in e[1:3]]
    with pytest.raises(RelgraphError, match="no stakeholder 'cto' in account 'acme'"):
        forget(store, "acme", "cto")


def test_forget_leaves_no_byte_of_the_person_in_the_data_directory(data_dir, acme):
    from relgraph.store import open_store

    import time

    store = open_store("embedded", data_dir)
    load_path(store, acme)
    time.sleep(2)  # FalkorDB adds its telemetry a moment after the queries: give it the time to
    forget(store, "acme", "cto")
    store.stop()
    secrets = ("Li Wei".encode(), "CTO".encode())
    for path in data_dir.iterdir():
        content = path.read_bytes()
        for found in [content, *_lzf_strings(content)]:
            assert not any(secret in found for secret in secrets), path.name
    store = open_store("embedded", data_dir)  # started again from the snapshot
    assert store._db.connection.keys("*") == ["relgraph"]  # no stream of recent queries, nothing but the graph
    assert store._db.connection.execute_command("GRAPH.CONFIG", "GET", "CMD_INFO") == ["CMD_INFO", 0]
    store.stop()


def _lzf_strings(content: bytes) -> list[bytes]:
    """Every LZF-compressed string an RDB snapshot may hold (marker 0xC3, two lengths, the data), decompressed."""
    found = []
    for start in (i for i, byte in enumerate(content) if byte == 0xC3):
        try:
            packed, at = _rdb_length(content, start + 1)
            size, at = _rdb_length(content, at)
            found.append(_lzf(content[at:at + packed], size))
        except (IndexError, ValueError):
            continue
    return found


def _rdb_length(content: bytes, at: int) -> tuple[int, int]:
    kind = content[at] >> 6
    if kind == 0:
        return content[at] & 0x3F, at + 1
    if kind == 1:
        return ((content[at] & 0x3F) << 8) | content[at + 1], at + 2
    if content[at] == 0x80:
        return int.from_bytes(content[at + 1:at + 5], "big"), at + 5
    raise ValueError("not a length")


def _lzf(data: bytes, size: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        control = data[i]
        i += 1
        if control < 32:
            out += data[i:i + control + 1]
            i += control + 1
            continue
        length, back = control >> 5, (control & 0x1F) << 8
        if length == 7:
            length += data[i]
            i += 1
        reference = len(out) - back - data[i] - 1
        i += 1
        if reference < 0:
            raise ValueError("bad reference")
        for _ in range(length + 2):
            out.append(out[reference])
            reference += 1
    if len(out) != size:
        raise ValueError("not LZF")
    return bytes(out)


def test_cli_export_and_forget(store_args, acme, tmp_path):
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    assert run("load", str(acme)).exit_code == 0
    result = run("--format", "json", "export", "--account", "acme", "--to", str(tmp_path / "out"))
    assert {r["kind"]: r["rows"] for r in json.loads(result.stdout)}["stakeholders"] == 3
    assert run("export", "--account", "nope", "--to", str(tmp_path / "x")).exit_code == 1
    bad = run("export", "--account", "acme", "--to", str(tmp_path / "acme.pdf"))
    assert bad.exit_code == 1 and "cannot tell the export format" in bad.stderr
    forgotten = run("--format", "json", "forget", "eng", "--account", "acme", "--yes")
    assert forgotten.exit_code == 0 and json.loads(forgotten.stdout)[0] == {"removed": "stakeholder eng (Zhang San)", "count": 1}
    again = run("forget", "eng", "--account", "acme", "--yes")
    assert again.exit_code == 1 and again.stderr.startswith("Error: no stakeholder 'eng'")
