"""Real bad files get a clear error naming file, row and column, and a non-zero exit."""
import json
import os
import shutil
import stat

import pytest

from conftest import ROOT, run_cli
from rusregions import data

BAD = ROOT / "tests" / "bad_data"

CASES = {
    "table_4_1__wrong_header.csv":
        "table_4_1.csv, row 1: header does not match datapackage.json (missing ['value']; unexpected ['score']); "
        "expected ['region_id', 'region_as_printed', 'indicator', 'measure', 'year', 'value', 'printed', 'source_id', 'section', "
        "'page', 'quote', 'cite_key']",
    "table_4_1__wrong_type.csv":
        "table_4_1.csv, row 3, column 'value': '5,0' is not a number (use '.' as decimal mark, no separators)",
    "table_4_1__missing_required.csv":
        "table_4_1.csv, row 5, column 'region_id': value is required but missing",
    "table_4_1__duplicate_key.csv":
        "table_4_1.csv, row 92, column 'region_id,indicator,measure': duplicate key "
        "('sakha_republic', 'tourists', 'per_capita') (first at row 8)",
    "table_4_1__total_mismatch.csv":
        "table_4_1.csv, row 20, column 'value': total 171.6 for khabarovsk_krai/per_capita does not match "
        "the sum of its parts 161.6 (tolerance 0.25)",
    "cooperation_programmes_1990s__unit_not_allowed.csv":
        "cooperation_programmes_1990s.csv, row 2, column 'unit': unit 'nok_millions' is not allowed "
        "(see rusregions.units.UNITS)",
    "bright_side_facts__share_out_of_range.csv":
        "bright_side_facts.csv, row 3, column 'value': share 156.0 is outside 0-100 percent",
    "protest_regions__unknown_region.csv":
        "protest_regions.csv, row 5, column 'region_id': 'republic_of_bashkortostan' is not in "
        "codelists/regions.csv (add it there, or correct the id)",
    "twin_cities__unknown_country.csv":
        "twin_cities.csv, row 3, column 'partner_country': 'usa' is not in codelists/countries.csv "
        "(add it there, or correct the id)",
    "federal_programmes__unknown_programme.csv":
        "federal_programmes.csv, row 17, column 'programme_id': 'energy_strategy_2035' is not in "
        "codelists/programmes.csv (add it there, or correct the id)",
    "turovskiy_models__not_a_boolean.csv":
        "turovskiy_models.csv, row 3, column 'dominant_in_russia': 'no' is not a boolean (true/false)",
    "table_4_1__exponent.csv":  # Frictionless reads 5e0 as a number; data/README.md asks for plain decimals
        "table_4_1.csv, row 3, column 'value': '5e0' is not a number (use '.' as decimal mark, no separators)",
    "turovskiy_models__blank_line.csv":
        "turovskiy_models.csv, row 4: is blank; delete the empty line",
    "far_east_regions__extra_cell.csv":
        "far_east_regions.csv, row 4: has 10 cells, expected 9",
    # Found in the data: the 2002 ordinance is named in a sentence that cites the 2011 MOFA regulation; Namchak is
    # cited for the sentence before it.
    "legal_acts__credited_to_the_wrong_work.csv":
        "legal_acts.csv, row 17, column 'cite_key': 'namchak2012' (Namchak) is not the work the source credits "
        "for this passage",
    # Found in the data: Khabarovsk's twin cities credited to its passport, which their paragraph does not cite.
    "twin_cities__credited_to_an_uncited_passport.csv":
        "twin_cities.csv, row 2, column 'cite_key': 'mid_pasport_khabarovsk_2014' (Ministerstvo): the source "
        "paragraph of this passage cites no work; credit the source itself ('pietrasiak2018')",
}
# Codelists sit in data/codelists/, below the descriptor: they are checked with the whole folder.
CODELIST_CASES = {
    "regions__duplicate_display_order.csv":  # a `unique` column that is not the key
        "codelists/regions.csv, row 5, column 'display_order': duplicate value '2' (first at row 3); "
        "the values of this column must be unique",
    "regions__unknown_federal_district.csv":  # a foreign key into the same file
        "codelists/regions.csv, row 4, column 'federal_district_id': 'far_eastern_district' is not in "
        "codelists/regions.csv (add it there, or correct the id)",
    "sources__missing_documents.csv":  # the synthesis chapter's table of sources prints this column
        "codelists/sources.csv, row 5, column 'documents': value is required but missing",
}


def _install(bad_name, data_copy):
    target = data_copy / data.describe(bad_name.split("__")[0], data_copy)["path"]
    shutil.copy(BAD / bad_name, target)
    return target


@pytest.mark.parametrize("bad_name, message", CASES.items())
def test_validate_command_names_file_row_and_column(bad_name, message, data_copy):
    target = _install(bad_name, data_copy)
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert message in result.stderr.splitlines()


@pytest.mark.parametrize("bad_name, message", CODELIST_CASES.items())
def test_a_bad_codelist_is_named_with_row_and_column(bad_name, message, data_copy):
    _install(bad_name, data_copy)
    result = run_cli("validate", data_copy)
    assert result.returncode == 1
    assert [ln for ln in result.stderr.splitlines() if "checksum" not in ln] == [message, "2 problem(s) found"]


@pytest.mark.parametrize("bad_name", [n for n in [*CASES, *CODELIST_CASES] if n != "table_4_1__wrong_header.csv"])
def test_a_changed_file_also_fails_its_checksum(bad_name, data_copy):
    _install(bad_name, data_copy)
    problems = [str(p) for p in data.validate_resource(bad_name.split("__")[0], data_copy)]
    assert any("checksum mismatch" in p for p in problems)


def test_load_raises_with_every_problem(data_copy):
    _install("table_4_1__total_mismatch.csv", data_copy)
    with pytest.raises(data.DataError, match="does not match the sum of its parts"):
        data.load("table_4_1", data_copy)


def test_one_changed_number_is_caught_by_checksum_alone(data_copy):
    """A plausible edit that breaks no rule (a component nudged within rounding) still fails."""
    target = data_copy / "table_4_1.csv"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(",80.0,80.0,", ",80.1,80.1,", 1), encoding="utf-8")
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert "checksum mismatch" in result.stderr


def test_the_credit_the_source_gives_passes(data_copy):
    """The row of legal_acts__credited_to_the_wrong_work.csv credited to the work its sentence cites."""
    target = _install("legal_acts__credited_to_the_wrong_work.csv", data_copy)
    _edit(target, "Ordinance act,namchak2012\n", "Ordinance act,mid_polozheniye_2011\n")
    problems = [str(p) for p in data.validate_resource("legal_acts", data_copy)]
    assert len(problems) == 1 and problems[0].startswith("legal_acts.csv: checksum mismatch"), problems


def test_a_quote_not_in_its_source_and_a_key_not_in_the_bibliography(data_copy):
    """Where the credit cannot be checked, validate says why."""
    target = data_copy / "legal_acts.csv"
    _edit(target, "2002 On the Russian Federation Representative", "2003 On the Russian Federation Representative")
    _edit(target, ",duma_ob_osnovakh\n", ",duma_ob_osnovakh_2003\n")
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "legal_acts.csv, row 17, column 'quote': not found in source 002; the quote must be the source's words "
        "verbatim",
        "legal_acts.csv, row 18, column 'cite_key': 'duma_ob_osnovakh_2003' is not in book/references.bib"]


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_real_data_passes(tmp_path):
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")


# --- files that cannot be read as CSV at all: one line, no traceback, exit 1 ----------------------------------

UNREADABLE = {
    "centre_region_models__windows_1252.csv":  # saved from a spreadsheet in Windows-1252: the en dash is 0x96
        "centre_region_models.csv: line 2: byte 0x96 at offset 226 is not UTF-8; save the file as UTF-8",
    "centre_region_models__unclosed_quote.csv":
        "centre_region_models.csv, row 3: malformed CSV: ',' expected after '\"' (is a quote left unclosed?); "
        "the rest was not read",
    "centre_region_models__header_only.csv":
        "centre_region_models.csv: has a header but no rows; the resource needs at least one",
    "centre_region_models__empty.csv":
        "centre_region_models.csv: file is empty; expected the header ['model_id', 'model_label', 'period_start', "
        "'period_end', 'dimension', 'description', 'examples', 'note', 'source_id', 'section', 'page', 'quote', "
        "'cite_key'] and at least one row",
}


def _no_traceback(result):
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.mark.parametrize("bad_name, message", UNREADABLE.items())
def test_a_file_that_is_not_clean_csv_gets_one_line(bad_name, message, data_copy):
    target = _install(bad_name, data_copy)
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == message
    _no_traceback(result)


def test_an_oversized_cell_is_refused_naming_its_row(data_copy):
    target = data_copy / "centre_region_models.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[3] = "x" * (data.FIELD_LIMIT + 1) + lines[3]  # row 4's first cell
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"centre_region_models.csv, row 4: malformed CSV: a cell is longer than {data.FIELD_LIMIT} characters "
        "(is a quote left unclosed?); the rest was not read")
    _no_traceback(result)


def test_a_file_over_the_size_limit_is_refused_unread(data_copy):
    target = data_copy / "centre_region_models.csv"
    os.truncate(target, data.MAX_BYTES + 1)  # sparse: big on paper, nothing to read
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"centre_region_models.csv: is {(data.MAX_BYTES + 1) / 1e6:.1f} MB, over the limit of "
        f"{data.MAX_BYTES / 1e6:.0f} MB for one data file; it was not read")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "is a directory, not a file"),
    (lambda p: os.mkfifo(p), "is not a regular file (a device, pipe or socket); data files must be ordinary files"),
    (lambda p: os.mknod(p, 0o644 | stat.S_IFCHR, os.makedev(1, 3)),  # a character device, like /dev/null
     "is not a regular file (a device, pipe or socket); data files must be ordinary files"),
])
def test_a_data_file_that_is_not_a_regular_file(make, message, data_copy):
    target = data_copy / "centre_region_models.csv"
    target.unlink()
    make(target)
    result = run_cli("validate", data_copy)  # the whole folder: a named directory would be read as a package
    assert result.returncode == 1
    assert f"centre_region_models.csv: {message}" in result.stderr.splitlines()
    _no_traceback(result)


def test_a_symlink_leading_outside_the_data_folder_is_refused(data_copy, tmp_path):
    target = data_copy / "centre_region_models.csv"
    outside = tmp_path / "elsewhere.csv"
    shutil.move(target, outside)
    target.symlink_to(outside)
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"centre_region_models.csv: is a symlink leading outside the data folder (to {outside}); "
        "data files must be real files inside it")


def test_a_missing_data_file(data_copy):
    (data_copy / "centre_region_models.csv").unlink()
    result = run_cli("validate", data_copy)
    assert result.returncode == 1
    assert ("centre_region_models.csv: no such file (restore it from git, or fix the path in datapackage.json)"
            in result.stderr.splitlines())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, so a file root cannot read cannot be made")
def test_an_unreadable_data_file(data_copy):
    target = data_copy / "centre_region_models.csv"
    target.chmod(0)
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "centre_region_models.csv: cannot be read (permission denied); check its permissions")


def test_a_path_that_does_not_exist_is_bad_usage(data_copy):
    result = run_cli("validate", data_copy / "no_such_table.csv")
    assert result.returncode == 2
    assert result.stderr.strip() == f"python -m rusregions validate: {data_copy / 'no_such_table.csv'}: no such file or folder"


# --- the descriptor ---------------------------------------------------------------------------------------------

def test_a_truncated_descriptor_is_named_with_line_and_column(data_copy):
    desc = data_copy / "datapackage.json"
    text = desc.read_text(encoding="utf-8")
    desc.write_text(text[: len(text) // 2], encoding="utf-8")
    result = run_cli("validate", data_copy)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.startswith("datapackage.json: is not valid JSON: ") and ", column " in line, line
    _no_traceback(result)


def test_an_incomplete_descriptor_names_what_is_missing(data_copy):
    desc = data_copy / "datapackage.json"
    dp = json.loads(desc.read_text(encoding="utf-8"))
    del dp["resources"][1]["schema"]
    dp["resources"][2]["schema"]["fields"][0]["type"] = "decimal"
    desc.write_text(json.dumps(dp), encoding="utf-8")
    name1, name2 = dp["resources"][1]["name"], dp["resources"][2]["name"]
    field = dp["resources"][2]["schema"]["fields"][0]["name"]
    result = run_cli("validate", data_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"datapackage.json: resource 2 ('{name1}') has no 'schema' with 'fields'; restore it from git or fix it "
        "by hand",
        f"datapackage.json: resource 3 ('{name2}'), field '{field}' has type 'decimal', expected one of "
        "['boolean', 'integer', 'number', 'string', 'year']; restore it from git or fix it by hand"]


def test_a_descriptor_that_is_not_utf8(data_copy):
    desc = data_copy / "datapackage.json"
    desc.write_bytes(desc.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    result = run_cli("validate", data_copy)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("datapackage.json: is not valid UTF-8 (byte ")


# --- bounded output -------------------------------------------------------------------------------------------

def test_problems_are_capped_per_file(data_copy):
    """Every row's year written with a stray letter: one problem a row; reading stops after the first few."""
    target = data_copy / "table_4_1.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    bad = [lines[0]] + [ln.replace(",2013,", ",2013a,", 1) for ln in lines[1:]]
    assert all(",2013a," in ln for ln in bad[1:])
    target.write_text("\n".join(bad) + "\n", encoding="utf-8")
    result = run_cli("validate", target)
    assert result.returncode == 1
    out = result.stderr.splitlines()
    assert out[0] == "table_4_1.csv, row 2, column 'year': '2013a' is not a year"
    assert out[data.MAX_PROBLEMS:] == [  # rows 2 to 21 listed, the next one stops the reading
        f"table_4_1.csv, row {data.MAX_PROBLEMS + 2}: reading stopped here, after {data.MAX_PROBLEMS} problems; "
        "fix them and validate again",
        f"{data.MAX_PROBLEMS + 1} problem(s) found"]
