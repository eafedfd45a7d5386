"""Change one number, break one notebook: the checks fail where they should, on a real copy of the project."""
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, run_cli, small_book

from rusregions import build

pytestmark = pytest.mark.build


@pytest.fixture
def clone(tmp_path):
    dest = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    return dest


def _pytest(clone, *args):
    nbval, env = build.nbval_options({**os.environ, "PYTHONPATH": str(clone / "src")})
    if "--nbval" in args:  # as the test command runs it
        args = [*nbval, *(a for a in args if a != "--nbval")]
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args], cwd=clone,
                          capture_output=True, text=True, env=env)


def test_one_changed_number_fails_validation_provenance_and_nbval(clone):
    table = clone / "data" / "table_4_1.csv"
    text = table.read_text(encoding="utf-8")
    # Khabarovsk Krai, students per capita: 80.0 -> 81.0 (value and printed columns)
    assert ",students,per_capita,2013,80.0,80.0," in text
    table.write_text(text.replace(",students,per_capita,2013,80.0,80.0,", ",students,per_capita,2013,81.0,81.0,"),
                     encoding="utf-8")

    validation = run_cli("validate", cwd=clone)
    assert validation.returncode == 1
    assert "checksum mismatch" in validation.stderr
    assert "total 161.6 for khabarovsk_krai/per_capita does not match the sum of its parts 162.6" in validation.stderr

    # Even with the checksum "updated", the cell no longer matches the source text...
    assert run_cli("validate", "--update-checksums", cwd=clone).returncode == 1
    provenance = _pytest(clone, "tests/test_data.py", "-k", "shards_of_the_source")
    assert provenance.returncode == 1 and "khabarovsk_krai" in provenance.stdout

    # ...and the stored notebook outputs no longer match a re-run.
    nbval = _pytest(clone, "--nbval", "chapters/01_index_tables.ipynb")
    assert nbval.returncode == 1
    assert "failed" in nbval.stdout.splitlines()[-1]


def _insert_cell(path, source, at=2):
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(at, {"cell_type": "code", "id": f"inserted-{at}", "metadata": {}, "execution_count": None,
                            "outputs": [], "source": [source]})
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_a_notebook_that_raises_stops_the_build_and_the_fixed_one_builds(clone):
    small_book(clone, "chapters/09_regionalism_today")  # the quickest chapter: it is run six times
    path = clone / "chapters" / "09_regionalism_today.ipynb"
    original = path.read_bytes()
    _insert_cell(path, "raise RuntimeError('deliberate failure')")
    result = run_cli("build", "html", cwd=clone)
    assert result.returncode == 1
    assert "09_regionalism_today" in result.stderr
    reports = list((clone / "_build" / "html" / "reports").rglob("*09_regionalism_today*.err.log"))
    assert reports and "deliberate failure" in reports[0].read_text()

    # Unchanged, it still fails: the failure is not forgotten because the page was not re-read...
    again = run_cli("build", "html", cwd=clone)
    assert again.returncode == 1 and "09_regionalism_today" in again.stderr

    # ...and once fixed, the next plain build passes: the old report does not fail it.
    path.write_bytes(original)
    fixed = run_cli("build", "html", cwd=clone)
    assert fixed.returncode == 0, fixed.stderr[-3000:]
    assert not (clone / "_build" / "html" / "reports").exists()


def _pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_a_data_change_reaches_the_html_and_pdf_of_a_warm_build(clone):
    """jupyter-cache keys on notebook code only; a changed number in data/ must still reach the book."""
    small_book(clone, "chapters/06_case_studies")
    first = run_cli("build", "pdf", "html", cwd=clone)
    assert first.returncode == 0, first.stderr[-3000:]
    page = clone / "_build" / "html" / "chapters" / "06_case_studies.html"
    pdf = next((clone / "_build" / "pdf").glob("*.pdf"))
    # the export-structure table and the consistency check of the case-study chapter (prose notes in the
    # data quote the published 95.7 and rightly keep it)
    shown = [r"fuel-energy complex\s+{}%", r"fuel-energy share\s+{}\s"]
    assert "95.7%" in page.read_text(encoding="utf-8")
    assert all(re.search(p.format(r"95\.7"), _pdf_text(pdf)) for p in shown)
    unchanged = run_cli("build", "html", cwd=clone)  # nothing changed: every notebook comes from the cache
    assert unchanged.returncode == 0 and "Executing" not in unchanged.stdout + unchanged.stderr

    table = clone / "data" / "trade_structure.csv"
    row = "sakhalin_oblast,export,fuel_energy,fuel-energy complex,2014,95.7,"
    text = table.read_text(encoding="utf-8")
    assert row in text
    table.write_text(text.replace(row, row.replace(",95.7,", ",89.7,")), encoding="utf-8")
    recorded = run_cli("validate", "--update-checksums", table, cwd=clone)
    assert recorded.returncode == 0, recorded.stderr

    second = run_cli("build", "pdf", "html", cwd=clone)
    assert second.returncode == 0, second.stderr[-3000:]
    html = page.read_text(encoding="utf-8")
    assert "89.7%" in html and "95.7%" not in html
    text = _pdf_text(next((clone / "_build" / "pdf").glob("*.pdf")))
    assert all(re.search(p.format(r"89\.7"), text) for p in shown)
    assert not any(re.search(p.format(r"95\.7"), text) for p in shown)


def _wait_for(predicate, timeout=120, what="condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _start(clone, *args):
    """A command in its own session, so a signal to its group is what Ctrl-C in a terminal sends."""
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    return subprocess.Popen([sys.executable, "-m", "rusregions", *args], cwd=clone, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def test_a_second_build_is_refused_and_ctrl_c_stops_the_first_cleanly(clone):
    small_book(clone, "chapters/01_index_tables", "chapters/02_all_russia_comparison", "chapters/03_federalism_and_law")
    lock = clone / "_build" / ".lock"
    first = _start(clone, "build", "html")
    _wait_for(lambda: lock.exists() and lock.read_text().startswith("build, pid"), what="the first build's lock")
    second = run_cli("build", "html", cwd=clone)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"build refused: another command is already running in this checkout (build, pid {first.pid}); "
        "wait for it to finish, then run this again"]

    # Ctrl-C once the notebooks are being executed: exit 130, one line, no traceback
    _wait_for(lambda: (clone / "_build" / ".jupyter_cache").exists(), what="execution to start")
    time.sleep(3)
    os.killpg(first.pid, signal.SIGINT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 130, err[-3000:]
    assert "build interrupted" in err.splitlines()  # kernels shutting down may log after it
    assert "Traceback" not in err

    # the interrupted build left nothing that breaks the next one
    third = run_cli("build", "html", cwd=clone)
    assert third.returncode == 0, third.stderr[-3000:]


def test_an_interrupted_execute_leaves_the_notebook_as_it_was(clone):
    path = clone / "chapters" / "02_all_russia_comparison.ipynb"
    _insert_cell(path, "import time\ntime.sleep(300)", at=len(json.loads(path.read_text())["cells"]))
    before = path.read_bytes()
    run = _start(clone, "execute", "chapters/02_all_russia_comparison.ipynb")
    time.sleep(8)
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130
    assert "execute interrupted" in err.splitlines() and "Traceback" not in err
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_chapter_missing_from_the_toc_fails_the_build(clone):
    (clone / "chapters" / "05_far_east.ipynb").unlink()
    for args in (("build", "html"), ("build", "pdf", "html", "--strict")):  # `make report` and `make html`
        result = run_cli(*args, cwd=clone)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "build failed: book/_toc.yml lists 'chapters/05_far_east', but there is no "
            "book/chapters/05_far_east.ipynb or .md; restore the file or remove it from the table of contents"]


def test_the_test_command_stops_at_invalid_data_in_its_own_words(clone):
    table = clone / "data" / "table_4_1.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace(",students,per_capita,2013,80.0,80.0,", ",students,per_capita,2013,81.0,81.0,"),
                     encoding="utf-8")
    result = run_cli("test", cwd=clone)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == ("table_4_1.csv, row 20, column 'value': total 161.6 for khabarovsk_krai/per_capita does not "
                        "match the sum of its parts 162.6 (tolerance 0.25)")
    assert lines[1].startswith("table_4_1.csv: checksum mismatch")
    assert lines[2] == ("test stopped: the data is invalid (2 problem(s) above); fix it first, or after an intended "
                        "change record it with `python -m rusregions validate --update-checksums FILE`")
    assert len(lines) == 3
    assert result.stdout == ""  # no notebook was run, so none fails in its wake
