"""The account-folder loader: every row checked, every problem named with file, line and column."""

from pathlib import Path

import pytest

from relgraph.errors import InputError
from relgraph.loaders import Known, check_references, read_file, read_folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(error: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_a_good_folder_reads_every_kind(acme):
    tables = read_folder(acme)
    assert set(tables) == {"account", "departments", "stakeholders", "influence", "vendors", "stances",
                           "team", "owners", "contacts", "bids", "bid_team"}
    cto = next(r for r in tables["stakeholders"].rows if r["id"] == "cto")
    assert cto["roles"] == ["approver", "evaluator"] and cto["influence"] == 4 and cto["status"] == "active"
    ceo = next(r for r in tables["stakeholders"].rows if r["id"] == "ceo")
    assert ceo["notes"] == 'likes golf, "really"' and ceo["name"] == "王总"


def test_every_bad_cell_is_reported_not_just_the_first(tmp_path):
    path = write(tmp_path, "stakeholders.csv",
                 "id,name,layer,influence,last_contact,roles\n"
                 "a,Ann,boss,9,2024-13-01,decider\n"
                 "b,,middle,3,,\n")
    with pytest.raises(InputError) as error:
        read_file(path, "stakeholders")
    found = problems(error)
    assert f"{path}:2: column layer value 'boss': allowed: executive, middle, frontline" in found
    assert f"{path}:2: column influence value '9': expected a whole number from 1 to 5" in found
    assert f"{path}:2: column last_contact value '2024-13-01': expected a date as YYYY-MM-DD" in found
    assert any("column roles value 'decider': unknown 'decider'" in p for p in found)
    assert f"{path}:3: column name value '': required value is empty" in found
    assert len(found) == 5


def test_an_unknown_value_suggests_the_nearest_allowed_one(tmp_path):
    path = write(tmp_path, "stakeholders.csv", "id,name,layer,roles\nceo,CEO,middel,evalutor\n")
    with pytest.raises(InputError) as error:
        read_file(path, "stakeholders")
    assert problems(error) == [
        f"{path}:2: column layer value 'middel': did you mean 'middle'? allowed: executive, middle, frontline",
        f"{path}:2: column roles value 'evalutor': unknown 'evalutor' (did you mean 'evaluator'?); allowed, separated "
        "by ';': decision_maker, approver, evaluator, influencer, user, gatekeeper, procurement"]


def test_line_numbers_count_newlines_inside_quoted_cells(tmp_path):
    path = write(tmp_path, "stakeholders.csv", 'id,name,notes,layer\na,Ann,"two\nlines",middle\nb,Bob,,chief\n')
    with pytest.raises(InputError) as error:
        read_file(path, "stakeholders")
    assert problems(error) == [f"{path}:4: column layer value 'chief': allowed: executive, middle, frontline"]


def test_duplicate_ids_name_both_lines(tmp_path):
    path = write(tmp_path, "departments.csv", "id,name\nit,IT\nhr,HR\nit,Info Tech\n")
    with pytest.raises(InputError, match=r"departments.csv:4: column id value 'it': duplicate of line 2"):
        read_file(path, "departments")


def test_unknown_and_missing_columns_are_refused(tmp_path):
    path = write(tmp_path, "influence.csv", "source_id,weight\na,3\n")
    with pytest.raises(InputError) as error:
        read_file(path, "influence")
    found = problems(error)
    assert any("column weight: unknown column" in p for p in found)
    assert any("column target_id: required column is missing" in p for p in found)


def test_an_empty_file_and_a_non_utf8_file_are_refused(tmp_path):
    with pytest.raises(InputError, match="is empty"):
        read_file(write(tmp_path, "team.csv", ""), "team")
    path = tmp_path / "team2.csv"
    path.write_bytes("id,name\nt1,张三\n".encode("gb18030"))
    with pytest.raises(InputError, match=r"team2.csv:2: is not UTF-8 text"):
        read_file(path, "team")


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "team.csv"
    path.write_bytes("\ufeffid,name\nt1,Ann\n".encode("utf-8"))
    assert read_file(path, "team").rows == [{"id": "t1", "name": "Ann"}]


def test_an_unknown_file_in_the_folder_is_refused(acme):
    write(acme, "people.csv", "id\n")
    with pytest.raises(InputError, match="people.csv: unknown file"):
        read_folder(acme)


def test_references_to_no_one_are_refused_with_what_to_use(acme):
    write(acme, "influence.csv", "source_id,target_id,strength,kind\nghost,cto,3,advice\n")
    write(acme, "stances.csv", "stakeholder_id,vendor_id,stance\nceo,nobody,mentor\n")
    with pytest.raises(InputError) as error:
        check_references(read_folder(acme), Known())
    found = problems(error)
    assert any("influence.csv:2: column source_id value 'ghost': names no stakeholder" in p for p in found)
    assert any("stances.csv:2: column vendor_id value 'nobody': names no vendor" in p for p in found)


def test_a_reference_to_someone_already_in_the_store_is_accepted(tmp_path):
    path = write(tmp_path, "influence.csv", "source_id,target_id\na,b\n")
    check_references({"influence": read_file(path, "influence")}, Known(stakeholders={"a": None, "b": None}))


def test_a_reporting_cycle_is_refused_with_the_chain(acme):
    write(acme, "stakeholders.csv", "id,name,manager_id\nceo,CEO,eng\ncto,CTO,ceo\neng,Eng,cto\n")
    with pytest.raises(InputError, match=r"closes a cycle in the reporting line: ceo -> eng -> cto -> ceo"):
        check_references(read_folder(acme), Known())


def test_a_cycle_through_people_already_stored_is_refused(tmp_path):
    path = write(tmp_path, "stakeholders.csv", "id,name,manager_id\na,A,b\n")
    with pytest.raises(InputError, match="cycle in the reporting line: a -> b -> a"):
        check_references({"stakeholders": read_file(path, "stakeholders")}, Known(stakeholders={"b": "a"}))


def test_self_influence_is_refused(acme):
    write(acme, "influence.csv", "source_id,target_id\ncto,cto\n")
    with pytest.raises(InputError, match="cannot influence themselves"):
        check_references(read_folder(acme), Known())


def test_a_second_us_vendor_is_refused_in_the_file_and_against_the_store(acme, tmp_path):
    write(acme, "vendors.csv", "id,name,is_us\nus,Us,true\nus2,Also us,true\n")
    with pytest.raises(InputError, match="only one vendor can be us; 'us' already is"):
        check_references(read_folder(acme), Known())
    path = write(tmp_path, "vendors.csv", "id,is_us\nnew,true\n")
    with pytest.raises(InputError, match="'old' already is"):
        check_references({"vendors": read_file(path, "vendors")}, Known(vendors={"old": True}))


def test_a_level_toward_a_competitor_is_refused(acme):
    write(acme, "stances.csv", "stakeholder_id,vendor_id,stance,level\nceo,rival,supporter,supports\n")
    with pytest.raises(InputError, match="level is our relationship"):
        check_references(read_folder(acme), Known())


def test_broken_csv_quoting_is_a_located_problem_even_in_the_header(tmp_path):
    path = tmp_path / "team.csv"
    for text, line in (('"id\n"x,name\n', 1), ('id,name\nt1,"Ann"x\n', 2)):  # the line where the broken record begins
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as error:
            read_file(path, "team")
        [problem] = error.value.problems
        assert problem.line == line and "is not valid CSV" in problem.message
