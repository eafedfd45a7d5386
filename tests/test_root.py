"""The package finds the project folder by its marker files, from any working directory."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from rusregions import version
from rusregions.version import ProjectRootError, find_root


def _python(code, cwd, pythonpath):
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)


def _project(folder):
    """A minimal project folder: the two marker files."""
    (folder / "book").mkdir(parents=True)
    (folder / "book" / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (folder / "VERSION").write_text("9.9.9\n", encoding="utf-8")
    return folder


def test_the_root_is_this_checkout():
    assert version.ROOT == ROOT


def test_from_a_working_directory_outside_the_project(tmp_path):
    """Run from /tmp-like folder: the package's own location still leads to its project."""
    result = _python("from rusregions import data, version; print(version.ROOT); print(data.DATA_DIR)",
                     cwd=tmp_path, pythonpath=ROOT / "src")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(ROOT), str(ROOT / "data")]


def test_from_a_nested_folder(tmp_path):
    project = _project(tmp_path / "report")
    nested = project / "chapters" / "deep" / "er"
    nested.mkdir(parents=True)
    assert find_root(nested) == project
    assert find_root(project) == project


def test_an_installed_copy_finds_the_project_it_runs_in(tmp_path):
    """A copy of the package outside any project (as pip installs it) uses the working directory."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "src" / "rusregions", site / "rusregions", ignore=shutil.ignore_patterns("__pycache__"))
    project = _project(tmp_path / "report")
    (project / "data").mkdir()
    result = _python("from rusregions import version; print(version.ROOT, version.version())",
                     cwd=project / "data", pythonpath=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{project} 9.9.9"


def test_no_marker_is_a_clear_error(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "VERSION").write_text("1.0.0\n", encoding="utf-8")  # one marker is not enough
    with pytest.raises(ProjectRootError) as exc:
        find_root(nested)
    assert str(exc.value) == (f"no project folder found: no folder above {nested} holds VERSION and "
                              "book/_config.yml; run the command inside the report's folder")


def test_an_installed_copy_outside_any_project_says_so(tmp_path):
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "src" / "rusregions", site / "rusregions", ignore=shutil.ignore_patterns("__pycache__"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _python("import rusregions", cwd=elsewhere, pythonpath=site)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"rusregions.version.ProjectRootError: no project folder found: no folder above {site / 'rusregions'} or "
        f"{elsewhere} holds VERSION and book/_config.yml; run the command inside the report's folder")
