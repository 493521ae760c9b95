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


def test_a_kind_file_that_is_not_a_regular_file_is_one_problem_each(acme, tmp_path):
    import os

    (acme / "team.csv").unlink()
    (acme / "team.csv").mkdir()
    (acme / "owners.csv").unlink()
    (acme / "owners.csv").symlink_to(tmp_path / "gone.csv")
    (acme / "contacts.csv").unlink()
    os.mkfifo(acme / "contacts.csv")
    with pytest.raises(InputError) as error:
        read_folder(acme)
    assert problems(error) == [f"{acme / 'team.csv'}: is a folder, not a regular file; give a file's path",
                               f"{acme / 'owners.csv'}: is a symbolic link to a missing file ({tmp_path / 'gone.csv'})",
                               f"{acme / 'contacts.csv'}: is a named pipe, not a regular file; give a file's path"]


def test_a_single_file_that_is_a_device_or_a_pipe_is_refused_without_reading_it(tmp_path):
    import os
    import threading

    from relgraph.loaders.mapping import parse_export

    os.mkfifo(tmp_path / "pipe.csv")
    found = {}
    for path in ("/dev/zero", tmp_path / "pipe.csv"):
        reader = threading.Thread(target=lambda: found.update({path: parse_export(path, "stakeholders")[1]}), daemon=True)
        reader.start()
        reader.join(timeout=20)  # reading a pipe without a writer would wait for ever, /dev/zero fill the memory
        assert [p.message for p in found[path]] in (["is a character device, not a regular file; give a file's path"],
                                                    ["is a named pipe, not a regular file; give a file's path"])


def test_a_file_over_the_size_cap_is_refused_with_the_option_that_raises_it(tmp_path, data_dir):
    from click.testing import CliRunner

    from relgraph.cli import cli

    path = write(tmp_path, "team.csv", "id,name\n" + "".join(f"t{i},T\n" for i in range(150_000)))  # 1.3 MB
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "load", str(path), "--kind", "team",
                                      "--account", "a", "--max-size", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}: is 1.3 MB, more than the 1.0 MB a load reads; pass --max-size 2 (MB)" in result.stderr
    assert read_file(path, "team", max_size=2 * 2**20).rows  # over the old cap


def test_a_control_character_in_a_cell_is_refused_naming_the_cell(tmp_path):
    path = write(tmp_path, "stakeholders.csv", 'id,name,notes\na,Ann\x00,"tab\tand\nnewline"\nb\x1b]0;x\x07,Bob,\n')
    with pytest.raises(InputError) as error:
        read_file(path, "stakeholders")
    assert problems(error) == [
        f"{path}:2: column name value 'Ann\\x00': holds the control character U+0000 (a control character) at "
        "position 4; retype the value without it",
        f"{path}:4: column id value 'b\\x1b]0;x\\x07': holds the control character U+001B (a control character) at "
        "position 2; retype the value without it"]


def test_ids_typed_in_either_unicode_form_are_one_id(tmp_path):
    path = write(tmp_path, "stakeholders.csv", "id,name,manager_id\ncaf\u00e9,Ann,\nb,Bob,cafe\u0301\n")
    rows = read_file(path, "stakeholders").rows
    assert [r["id"] for r in rows] == ["caf\u00e9", "b"] and rows[1]["manager_id"] == "caf\u00e9"
    write(tmp_path, "stakeholders.csv", "id,name\ncaf\u00e9,Ann\ncafe\u0301,Ann again\n")
    with pytest.raises(InputError, match="duplicate of line 2"):
        read_file(path, "stakeholders")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u202e", "\ufeff", "\u2066"])
def test_an_invisible_character_in_an_id_is_refused_naming_file_row_and_column(tmp_path, invisible):
    path = write(tmp_path, "influence.csv", f"source_id,target_id\nx1,x2\nx1{invisible},x2\n")
    with pytest.raises(InputError) as error:
        read_file(path, "influence")
    [problem] = error.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 3, "source_id")
    assert f"holds the invisible character U+{ord(invisible):04X}" in problem.message


def test_every_invisible_or_control_character_is_refused_in_an_id():
    import sys
    import unicodedata

    from relgraph.schema import unsafe_character

    missed = [hex(code) for code in range(sys.maxunicode + 1)
              if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and not unsafe_character(chr(code), True)]
    assert missed == []
