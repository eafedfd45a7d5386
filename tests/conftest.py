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


BOOK_LOCK, BOOK_RECORD = "built_book.lock", "built_book.json"


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path plugin has set up the run's base folder
def pytest_configure(config):
    """Under `python -m rusregions test` (which sets RUSREGIONS_BUILD_AHEAD), the controlling process starts the
    shared book build at once, beside the workers, and holds the lock that `built_book` waits on until it ends."""
    import fcntl
    import os
    import threading

    if os.environ.get("RUSREGIONS_BUILD_AHEAD") != "1" or hasattr(config, "workerinput") \
            or not getattr(config.option, "numprocesses", None):
        return
    shared = config._tmp_path_factory.getbasetemp()  # the workers' basetemps are folders of this one
    lock = open(shared / BOOK_LOCK, "w")
    fcntl.flock(lock, fcntl.LOCK_EX)  # taken before any worker starts

    def run():
        with lock:
            with open(shared / "built_book.log", "w") as log:
                subprocess.run([sys.executable, str(Path(__file__).with_name("book_build.py")),
                                str(shared / BOOK_RECORD)], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)

    threading.Thread(target=run, daemon=True).start()


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id):
    """The whole book, built once for the whole run (tests/book_build.py): by the controlling process, ahead
    of the tests, or else by whichever worker asks first while the others wait."""
    import fcntl
    import json

    from book_build import build_book

    # the folder all workers of this run share (without xdist, this run's own)
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker_id != "master" else shared
    with open(shared / BOOK_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # wait for the build ahead, or for the first worker's
        record = shared / BOOK_RECORD
        result = json.loads(record.read_text(encoding="utf-8")) if record.exists() else build_book(record)
    if "error" in result:
        pytest.fail(f"the book did not build: {result['error']}", pytrace=False)
    return {"html": ROOT / "_build" / "html", "pdf": Path(result["pdf"])}
