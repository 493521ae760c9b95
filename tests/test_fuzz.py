"""Fuzzed input: whatever bytes a file holds, loaders answer with problems naming the file, never a crash."""

import csv
import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_store, snapshot
from relgraph.errors import InputError
from relgraph.loaders import parse_file
from relgraph.schema import KINDS
from relgraph.loaders.mapping import EXPORT_KINDS, parse_export
from relgraph.loading import load_path

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
HEADERS = [list(k.columns[i].name for i in range(len(k.columns))) for k in KINDS.values()]


@st.composite
def csv_files(draw) -> bytes:
    """CSV-ish bytes: a real or random header, rows of random cells with quotes, newlines and controls, any encoding."""
    header = draw(st.one_of(st.sampled_from(HEADERS), st.lists(CELL, max_size=8)))
    rows = draw(st.lists(st.lists(CELL, max_size=len(header) + 2), max_size=15))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"]))).writerows([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


ANY_BYTES = st.one_of(csv_files(), st.binary(max_size=3000))


@FUZZ
@given(content=ANY_BYTES, kind=st.sampled_from(sorted(KINDS)))
def test_the_canonical_reader_answers_any_bytes_with_located_problems(tmp_path, content, kind):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(content)
    table, problems = parse_file(path, kind)
    assert all(p.file == str(path) for p in problems)
    assert all(isinstance(p.line, int) for p in problems if p.column)


@FUZZ
@given(content=ANY_BYTES, kind=st.sampled_from(EXPORT_KINDS))
def test_the_export_reader_answers_any_bytes_with_located_problems(tmp_path, content, kind):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    _, problems = parse_export(path, kind)
    assert all(str(path) in p.file for p in problems)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=ANY_BYTES)
def test_a_fuzzed_load_writes_all_or_nothing(tmp_path_factory, any_store, content):
    path = tmp_path_factory.mktemp("fuzz") / "stakeholders.csv"
    path.write_bytes(content)
    before = snapshot(any_store, "fuzz")
    try:
        load_path(any_store, path, kind="stakeholders", account="fuzz")
    except InputError as error:
        assert error.problems
        assert snapshot(any_store, "fuzz") == before


shared_empty = shared_store(lambda store, root: None)


@pytest.fixture
def any_store(shared_empty):
    """A store of each kind, shared by the module's tests (each writes to an account of its own)."""
    return shared_empty.ready()


@pytest.mark.parametrize("kind", ["stakeholders", "influence"])
def test_a_million_columns_in_a_header_is_refused_quickly(tmp_path, kind):
    path = tmp_path / f"{kind}.csv"
    path.write_text(",".join(["id"] * 1_000_000) + "\na,b\n", encoding="utf-8")
    start = time.monotonic()
    _, problems = parse_file(path, kind)
    assert problems and time.monotonic() - start < 60  # a quadratic check would take hours, not a minute
    assert len(str(InputError(problems)).splitlines()) < 120


@pytest.mark.parametrize("kind", ["stakeholders", "stances"])  # stances: 300,000 vendor columns of a positioning table
def test_a_header_of_300000_unknown_columns_gives_short_notes(tmp_path, kind):
    path = tmp_path / "export.csv"
    path.write_text("name," + ",".join(f"v{i}" for i in range(300_000)) + "\nAnn," + "x," * 299_999 + "x\n",
                    encoding="utf-8")
    export, _ = parse_export(path, kind)
    assert export.notes and sum(len(note) for note in export.notes) < 3000


def test_a_huge_field_is_refused_with_its_line(tmp_path):
    path = tmp_path / "stakeholders.csv"
    path.write_text("id,name,notes\na,A," + "x" * 300_000 + "\n", encoding="utf-8")
    _, problems = parse_file(path, "stakeholders")
    assert problems and problems[0].line == 2


XLSX_CELL = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                      st.dates(), st.booleans(),
                      st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.one_of(st.just(["姓名", "职务", "部门", "上级"]), st.lists(XLSX_CELL, max_size=6)),
       rows=st.lists(st.lists(XLSX_CELL, max_size=7), max_size=12))
def test_the_export_reader_answers_any_workbook_with_located_problems(tmp_path, header, rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    path = tmp_path / "org.xlsx"
    book.save(path)
    _, problems = parse_export(path, "stakeholders")
    assert all(str(path) in p.file for p in problems)


@FUZZ
@given(content=st.binary(max_size=3000))
def test_junk_named_xlsx_is_a_problem_not_a_crash(tmp_path, content):
    path = tmp_path / "org.xlsx"
    path.write_bytes(content)
    _, problems = parse_export(path, "stakeholders")
    assert problems and all(str(path) in p.file for p in problems)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> bytes:
    """A valid org-chart workbook's bytes, made once: the corruptions below are positions in these bytes."""
    from test_import import ORG_CHART, xlsx

    return xlsx(tmp_path_factory.mktemp("book") / "org.xlsx", ORG_CHART).read_bytes()


@settings(max_examples=150, deadline=None, derandomize=True,  # seeded: the same corruptions on every run
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_corruptions_of_a_valid_workbook_are_refusals_not_crashes(tmp_path, workbook, data):
    content = bytearray(workbook)
    for _ in range(data.draw(st.integers(1, 8))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        content = content[:data.draw(st.integers(len(content) // 2, len(content)))]
    path = tmp_path / "org.xlsx"
    path.write_bytes(bytes(content))
    _, problems = parse_export(path, "stakeholders")
    assert all(str(path) in p.file for p in problems)


def test_a_workbook_unpacking_to_more_than_the_cap_is_refused(tmp_path, workbook):
    path = tmp_path / "org.xlsx"
    path.write_bytes(workbook)
    _, problems = parse_export(path, "stakeholders", max_size=path.stat().st_size + 100)
    [problem] = problems
    assert problem.message.startswith("unpacks to ") and "pass --max-size 1 (MB)" in problem.message


def test_a_bundle_nested_deeper_than_python_recurses_is_a_refusal(tmp_path):
    from relgraph.loaders.bundle import parse_bundle

    path = tmp_path / "bundle.json"
    path.write_text('{"format": "relgraph-bundle", "kinds": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    _, problems = parse_bundle(path)
    assert [str(p) for p in problems] == [f"{path}: nests its JSON too deeply to be a relgraph-bundle"]


def test_a_nul_byte_is_refused_before_anything_is_written(tmp_path, any_store):
    path = tmp_path / "stakeholders.csv"
    path.write_text("id,name,title\na,Ann,Chief\x00Officer\n", encoding="utf-8")
    before = snapshot(any_store, "nul")
    with pytest.raises(InputError) as error:
        load_path(any_store, path, kind="stakeholders", account="nul")
    assert [(p.line, p.column) for p in error.value.problems] == [(2, "title")]
    assert snapshot(any_store, "nul") == before
