"""Real bad files get a clear error naming file, row and column, and a non-zero exit."""
import shutil

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
}


def _install(bad_name, data_copy):
    target = data_copy / (bad_name.split("__")[0] + ".csv")
    shutil.copy(BAD / bad_name, target)
    return target


@pytest.mark.parametrize("bad_name, message", CASES.items())
def test_validate_command_names_file_row_and_column(bad_name, message, data_copy):
    target = _install(bad_name, data_copy)
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert message in result.stderr.splitlines()


@pytest.mark.parametrize("bad_name", [n for n in CASES if n != "table_4_1__wrong_header.csv"])
def test_a_changed_file_also_fails_its_checksum(bad_name, data_copy):
    target = _install(bad_name, data_copy)
    problems = [str(p) for p in data.validate_path(target)]
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


def test_the_real_data_passes(tmp_path):
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")
