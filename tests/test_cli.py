"""The command line as a user meets it."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli


def test_help_lists_the_commands():
    out = run_cli("--help").stdout
    for command in ("build", "validate", "execute", "audit", "catalogue", "profiles", "test", "release"):
        assert command in out


def test_version_comes_from_the_version_file():
    from conftest import ROOT
    assert run_cli("--version").stdout.strip() == (ROOT / "VERSION").read_text().strip()


def test_audit_prints_its_findings_as_csv_and_exits_0():
    result = run_cli("audit")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["table", "region", "indicator", "published_value", "expected_value", "reason"]
    found = {(r["region"], r["indicator"]) for r in rows}
    assert found == {("sakha_republic", "students_overall"), ("amur_oblast", "fdi_overall"),
                     ("jewish_autonomous_oblast", "tourists_overall")}
    amur = next(r for r in rows if r["region"] == "amur_oblast")
    assert float(amur["published_value"]) == 64.7


# --- exit statuses: 1 bad data, 2 bad usage ------------------------------------------------------------------

def test_an_unknown_option_is_bad_usage():
    result = run_cli("validate", "--no-such-option")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "python -m rusregions: error: unrecognized arguments: --no-such-option"


@pytest.mark.parametrize("arg, message", [
    ("README.md", "README.md: not a notebook under chapters/; execute only re-runs the report's own notebooks"),
    ("chapters/templates/region_profile.ipynb",
     "chapters/templates/region_profile.ipynb: this is the profile template; it is not run in place "
     "(regenerate the profiles with `python -m rusregions profiles`)"),
    ("chapters/99_missing.ipynb", "chapters/99_missing.ipynb: no such file"),
    ("chapters/profiles", "chapters/profiles: not a notebook (.ipynb file)"),
])
def test_execute_refuses_what_it_must_not_run(arg, message):
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "chapters").rglob("*.ipynb")}
    result = run_cli("execute", arg)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"python -m rusregions execute: {message}"]
    assert before == {p: p.stat().st_mtime_ns for p in (ROOT / "chapters").rglob("*.ipynb")}


def test_execute_refuses_a_notebook_outside_the_repository(tmp_path):
    outside = tmp_path / "mine.ipynb"
    shutil.copy(ROOT / "chapters" / "01_index_tables.ipynb", outside)
    result = run_cli("execute", outside)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"python -m rusregions execute: {outside}: not a notebook under chapters/; "
                                     "execute only re-runs the report's own notebooks")


# --- validate DIR and --update-checksums [FILE] ----------------------------------------------------------------

def test_validate_a_folder_validates_its_package(data_copy):
    result = run_cli("validate", data_copy)
    n = len(json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))["resources"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"data OK: {n} resource(s) valid"


def _hashes(data_dir):
    dp = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["hash"] for r in dp["resources"]}


def _nudge(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_update_checksums_of_one_file_records_only_that_file(data_copy):
    table, regions = data_copy / "table_4_1.csv", data_copy / "far_east_regions.csv"
    _nudge(table, ",80.0,80.0,", ",80.1,80.1,")  # within the rounding of its total: breaks no rule
    _nudge(regions, "\n", "\r\n")  # line endings changed: valid, but not the recorded bytes
    before = _hashes(data_copy)
    result = run_cli("validate", "--update-checksums", table)
    after = _hashes(data_copy)
    assert result.stdout.splitlines()[0] == "checksums recorded; changed: table_4_1"
    assert after["table_4_1"] != before["table_4_1"]
    assert {k: v for k, v in after.items() if k != "table_4_1"} == {k: v for k, v in before.items()
                                                                    if k != "table_4_1"}
    # the rest of the package is still checked, so the other changed file is still reported
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("far_east_regions.csv: checksum mismatch")

    everything = run_cli("validate", data_copy, "--update-checksums")
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.splitlines()[0] == "checksums recorded; changed: far_east_regions"


def test_update_checksums_of_a_codelist_finds_the_descriptor_above_it(data_copy):
    """data/codelists/*.csv are described by data/datapackage.json, one folder up."""
    codelist = data_copy / "codelists" / "regions.csv"
    _nudge(codelist, "\n", "\r\n")  # line endings changed: valid, but not the recorded bytes
    before = _hashes(data_copy)
    result = run_cli("validate", "--update-checksums", codelist)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["checksums recorded; changed: regions",
                                          f"data OK: {len(before)} resource(s) valid"]
    assert {k for k, v in _hashes(data_copy).items() if v != before[k]} == {"regions"}


def test_a_csv_outside_any_data_package_is_refused_in_one_line(tmp_path):
    stray = tmp_path / "stray.csv"
    stray.write_text("a,b\n1,2\n")
    result = run_cli("validate", stray)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["stray.csv: no datapackage.json beside this file or in a folder above it"]


def test_update_checksums_refuses_a_broken_file(data_copy):
    shutil.copy(ROOT / "tests" / "bad_data" / "table_4_1__total_mismatch.csv", data_copy / "table_4_1.csv")
    descriptor = (data_copy / "datapackage.json").read_bytes()
    result = run_cli("validate", "--update-checksums", data_copy / "table_4_1.csv")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "table_4_1.csv, row 20, column 'value': total 171.6 for khabarovsk_krai/per_capita does not match "
        "the sum of its parts 161.6 (tolerance 0.25)",
        "checksums not recorded: fix the problem(s) above first"]
    assert (data_copy / "datapackage.json").read_bytes() == descriptor


# --- every command: bad data is one line per problem, never a traceback -------------------------------------

@pytest.mark.parametrize("command", ["audit", "catalogue", "profiles", "build"])
def test_commands_report_a_broken_descriptor_in_one_line(command, tmp_path):
    """In a copy of the project whose datapackage.json lost its end (an interrupted editor save)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    desc = clone / "data" / "datapackage.json"
    desc.write_text(desc.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    result = run_cli(command, cwd=clone)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = [ln for ln in result.stderr.splitlines() if "datapackage.json" in ln]
    assert len(line) == 1 and "datapackage.json: is not valid JSON: " in line[0], result.stderr


def test_a_bare_execute_runs_only_the_report_chapters(tmp_path):
    """A notebook of the user's in chapters/ is neither run nor rewritten by `execute` without arguments."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    shutil.copy(clone / "chapters" / "01_index_tables.ipynb", clone / "chapters" / "my_scratch.ipynb")
    listed = subprocess.run([sys.executable, "-c", "from rusregions import build\n"
                             "print('\\n'.join(p.name for p in build.report_chapters()))"],
                            cwd=clone, env={**os.environ, "PYTHONPATH": str(clone / "src")},
                            capture_output=True, text=True, check=True).stdout.split()
    assert listed == sorted(p.name for p in (clone / "chapters").glob("[0-9][0-9]_*.ipynb"))
    assert "my_scratch.ipynb" not in listed
