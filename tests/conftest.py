import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def run_cli(*args, cwd=ROOT):
    """Run the real command line, as a user would; in another checkout, that checkout's own package."""
    import os

    env = {**os.environ, "PYTHONPATH": str(Path(cwd) / "src")}
    return subprocess.run([sys.executable, "-m", "rusregions", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ to corrupt."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def toc_pages():
    """Every page of the book's table of contents, as paths relative to book/ without suffix."""
    import yaml

    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        for ch in part["chapters"]:
            pages.append(ch["file"])
            pages += [s["file"] for s in ch.get("sections", [])]
    return pages


@pytest.fixture(scope="session")
def built_book():
    """One clean build for the whole session: strict HTML (warnings are errors), then the PDF."""
    from rusregions import build
    from rusregions.fsutil import checkout_lock

    with checkout_lock(build.BUILD, "test"):  # never two builds in one _build/
        build.build_html(strict=True, clean=True)
        pdf = build.build_pdf()
    return {"html": ROOT / "_build" / "html", "pdf": pdf}
