import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def run_cli(*args, cwd=ROOT):
    """Run the real command line, as a user would."""
    return subprocess.run([sys.executable, "-m", "rusregions", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ to corrupt."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("_fragments"))
    return dest
