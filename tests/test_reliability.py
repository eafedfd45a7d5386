"""Change one number, break one notebook: the checks fail where they should, on a real copy of the project."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.build


@pytest.fixture
def clone(tmp_path):
    dest = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    return dest


def _pytest(clone, *args):
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
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
    nbval = _pytest(clone, "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                    "chapters/01_index_tables.ipynb")
    assert nbval.returncode == 1
    assert "failed" in nbval.stdout.splitlines()[-1]


def test_a_notebook_that_raises_stops_the_build_naming_the_chapter(clone):
    path = clone / "chapters" / "01_index_tables.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(2, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": ["raise RuntimeError('deliberate failure')"]})
    path.write_text(json.dumps(nb), encoding="utf-8")
    result = run_cli("build", "html", cwd=clone)
    assert result.returncode == 1
    assert "01_index_tables" in result.stderr
    reports = list((clone / "_build" / "html" / "reports").rglob("*01_index_tables*.err.log"))
    assert reports and "deliberate failure" in reports[0].read_text()
