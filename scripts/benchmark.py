"""Speed benchmark (not a test): the figures of issue 15, measured in one run so that their ratios hold on any
machine, and the peak memory of validating a 200 MB CSV.

Run: .venv/bin/python scripts/benchmark.py             (about 15 minutes on 2 cores; leaves _build/ rebuilt)
     .venv/bin/python scripts/benchmark.py build       (the same without the test suite, about 5 minutes)
     .venv/bin/python scripts/benchmark.py validation  (the validation figures only, about a minute)

What it measures, in this order, on this checkout:
  serial_notebooks_s   every notebook of the book run alone, one after another, in a fresh kernel each (the sum)
  serial_warm_notebooks_s  the same, each kernel forked from a warmed process (rusregions.warmkernel) as the build
                       runs them (the first waits for that process to import)
  cold_html_s          `build html` from an empty _build/ (notebooks executed, on every core)
  no_change_s          `build html` again, nothing changed (median of 3)
  one_chapter_edit_s   `build html` after a prose edit in one chapter (median of 3 edits)
  pdf_cached_s         `build pdf` with the notebooks' outputs in the cache
  tests_s              `python -m rusregions test` (the whole suite, on a warm checkout)
Targets: cold_html <= 0.6 x serial_notebooks; tests <= 2 x cold_html; no_change and one_chapter_edit < 5 s;
pdf_cached < 30 s. Validating a 200 MB CSV: peak < 300 MB, a bounded report.

Measured on 2026-11-28, 2 cores (another light job running at times), one run of this script:
  serial_notebooks 156.0 s, cold_html 118.1 s (0.76x; was 1.16x), no_change 6.0 s, one_chapter_edit 8.1 s,
  pdf_cached 42.5 s, tests 739 s (6.3x cold_html; the suite was 35.5 min before pytest-xdist and stored outputs),
  validating 200 MB: 93 MB peak, 22 lines, 1.3 s.
Measured on 2026-12-06, 2 cores, quiet, `benchmark.py build` twice (pybtex's plugins registered once between them):
  serial_notebooks 120.1 / 102.5 s, cold_html 76.7 / 73.5 s (0.64x / 0.72x: the serial sum varies by a sixth
  from run to run), no_change 4.4 / 4.2 s, one_chapter_edit 6.2 / 6.0 s, pdf_cached 30.7 / 24.2 s; the test
  command 7 min 41 s (the whole suite, 1,019 tests).
Measured on 2026-12-06, 2 cores, quiet, each from a fresh clone (kernels forked from a warmed process):
  `benchmark.py` (all): serial_notebooks 102.5 s (warm 56.2 s), cold_html 50.0 s (0.49x), no_change 3.9 s,
  one_chapter_edit 5.0 s, pdf_cached 24.2 s, tests 414.5 s (8.3x; the suite's own CPU time is about 450 s, so on
  2 cores it cannot end before about 225 s); validating 200 MB: 102 MB peak, 22 lines, 1.2 s.
  Then `benchmark.py build`, after Sphinx stopped importing pandas and with medians of three: serial_notebooks
  109.6 s (warm 56.3 s), cold_html 49.3 s (0.45x), no_change 3.6 s, one_chapter_edit 4.8 s, pdf_cached 24.6 s.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def timed(*args) -> float:
    start = time.perf_counter()
    out = subprocess.run([PY, "-m", "rusregions", *args], cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode:
        sys.exit(f"benchmark: `rusregions {' '.join(args)}` failed (exit {out.returncode}):\n{out.stderr[-3000:]}")
    return seconds


def serial_notebooks(warm: bool) -> float:
    """Each notebook of the book alone, one after another, each in a new kernel: started from nothing, as
    JupyterLab starts one (warm=False: the issue's measure), or forked from a warmed process as the build does."""
    sys.path.insert(0, str(ROOT / "src"))
    from rusregions import build, execution

    total = 0.0
    for name, nb in build.toc_notebooks().items():
        run = execution.execute_notebook(nb, Path(name).parent, build.TIMEOUT, name, warm=warm)
        if run.error:
            sys.exit(f"benchmark: {name}: {run.error}")
        total += run.seconds
    return total


VALIDATION_MB = 200
# Runs the validation in a child and reports the child's peak resident memory (ru_maxrss is in KiB on Linux).
_PEAK = """
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(r.returncode, len(r.stderr.splitlines()) + len(r.stdout.splitlines()),
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def validation_cost(mb: int = VALIDATION_MB) -> dict:
    """Peak memory, printed lines and time of `validate` on a CSV of `mb` MB (table_4_1's rows, repeated)."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        table = data / "table_4_1.csv"
        header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
        body = "".join(rows).encode("utf-8")
        with open(table, "wb") as fh:
            fh.write(header.encode("utf-8"))
            while fh.tell() < mb * 1_000_000:
                fh.write(body)
        size = table.stat().st_size
        start = time.perf_counter()
        out = subprocess.run([PY, "-c", _PEAK, PY, "-m", "rusregions", "validate", str(table)], env=ENV,
                             capture_output=True, text=True, check=True).stdout.split()
        seconds = time.perf_counter() - start
    return {"validate_csv_mb": size / 1e6, "validate_exit": int(out[0]), "validate_lines": int(out[1]),
            "validate_peak_mb": int(out[2]) / 1024, "validate_s": seconds}


def edit_one_chapter(n: int):
    """A prose edit in chapter 1 (a Markdown cell): its code, and so its cached outputs, are unchanged."""
    chapter = ROOT / "chapters" / "01_index_tables.ipynb"
    original = chapter.read_text(encoding="utf-8")
    nb = json.loads(original)
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = cell["source"] + ["\n", f"(benchmark edit {n})"]
    chapter.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return lambda: chapter.write_text(original, encoding="utf-8")


def median_of_3(measure) -> float:
    """The short figures vary by a few tenths of a second from run to run on a shared machine."""
    return statistics.median(measure(n) for n in range(3))


def edited_build(n: int) -> float:
    restore = edit_one_chapter(n)
    try:
        return timed("build", "html")
    finally:
        restore()
        timed("build", "html")  # back to the unedited chapter


def build_figures() -> dict:
    r = {"serial_notebooks_s": serial_notebooks(warm=False), "serial_warm_notebooks_s": serial_notebooks(warm=True)}
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    r["cold_html_s"] = timed("build", "html")
    r["no_change_s"] = median_of_3(lambda n: timed("build", "html"))
    r["one_chapter_edit_s"] = median_of_3(edited_build)
    r["pdf_cached_s"] = timed("build", "pdf")
    return r


def report(r: dict) -> None:
    rows = [(k, f"{v:8.1f}", "") for k, v in r.items()]
    if "cold_html_s" in r:
        ratio = r["cold_html_s"] / r["serial_notebooks_s"]
        rows.append(("cold_html / serial_notebooks", f"{ratio:8.2f}", "target <= 0.60 " + _ok(ratio <= 0.6)))
        rows.append(("no_change < 5 s", "", _ok(r["no_change_s"] < 5)))
        rows.append(("one_chapter_edit < 5 s", "", _ok(r["one_chapter_edit_s"] < 5)))
        rows.append(("pdf_cached < 30 s", "", _ok(r["pdf_cached_s"] < 30)))
    if "tests_s" in r:
        ratio = r["tests_s"] / r["cold_html_s"]
        rows.append(("tests / cold_html", f"{ratio:8.2f}", "target <= 2.00 " + _ok(ratio <= 2)))
    if "validate_peak_mb" in r:
        rows.append(("validate peak < 300 MB", "", _ok(r["validate_peak_mb"] < 300)))
    print(f"{'figure':32s} {'value':>8s}  check")
    for name, value, check in rows:
        print(f"{name:32s} {value:>8s}  {check}")


def _ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


def main():
    what = sys.argv[1:] or ["all"]
    r = {}
    if what == ["validation"]:
        r.update(validation_cost())
    else:
        r.update(build_figures())
        if what == ["all"]:
            r["tests_s"] = timed("test")
            r.update(validation_cost())
    report(r)


if __name__ == "__main__":
    main()
