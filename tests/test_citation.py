"""CITATION.cff is valid for cffconvert and carries the project's version."""
import subprocess

import yaml

from conftest import ROOT

CFFCONVERT = ROOT / ".venv" / "tools" / "cff" / "bin" / "cffconvert"


def test_citation_cff_passes_cffconvert_validate():
    assert CFFCONVERT.exists(), "run `make setup` (installs cffconvert in .venv/tools/cff)"
    result = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_version_is_the_project_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == (ROOT / "VERSION").read_text().strip()


def test_data_package_version_is_the_project_version():
    import json

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == (ROOT / "VERSION").read_text().strip()
