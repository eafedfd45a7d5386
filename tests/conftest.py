import csv
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

# Figures drawn by the tests need no screen. Set here, not by $MPLBACKEND: the environment would reach the nbval
# and papermill kernels, whose inline figures must stay as stored.
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def run_cli(*args, cwd=ROOT):
    """Run the real command line, as a user would; in another checkout, that checkout's own package."""
    import os

    env = {**os.environ, "PYTHONPATH": str(Path(cwd) / "src")}
    return subprocess.run([sys.executable, "-m", "rusregions", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


def csv_rows(name):
    """The rows of data/<name>.csv as the file holds them (strings), to compute expected values from."""
    with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


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


def small_book(checkout: Path, *pages: str) -> None:
    """Cut the table of contents of a copy of the project down to its root page and `pages`.

    For tests of the build's own machinery (failure reports, stale numbers, Ctrl-C), which need a real book
    but not every notebook in it: the whole book is built by `built_book` (strict) and by the release test.
    """
    import yaml

    toc_file = checkout / "book" / "_toc.yml"
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    toc["parts"] = [{"caption": "Chapters", "chapters": [{"file": page} for page in pages]}]
    toc_file.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id):
    """One clean build for the whole run, whichever worker asks first: strict HTML (warnings are errors),
    then the PDF. It shows the outputs stored in the notebooks without executing them again: nbval, in the
    same run, re-executes every notebook and fails on any output that differs from the stored one."""
    import fcntl
    import json

    from rusregions import build
    from rusregions.fsutil import checkout_lock

    # the folder all workers of this run share (without xdist, this run's own)
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker_id != "master" else shared
    with open(shared / "built_book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait here for the first one's build
        record = shared / "built_book.json"
        if not record.exists():
            try:
                with checkout_lock(build.BUILD, "test"):  # never two builds in one _build/
                    # HTML first and clean: a strict build must read every page to see every warning
                    build.build_html(strict=True, clean=True, outputs="stored")
                    pdf = build.build_pdf(outputs="stored")
                result = {"pdf": str(pdf)}
            except Exception as exc:  # every worker reports the one failure, none builds again
                result = {"error": f"{exc.__class__.__name__}: {exc}"}
            record.write_text(json.dumps(result), encoding="utf-8")
        result = json.loads(record.read_text(encoding="utf-8"))
    if "error" in result:
        pytest.fail(f"the book did not build: {result['error']}", pytrace=False)
    return {"html": ROOT / "_build" / "html", "pdf": Path(result["pdf"])}
