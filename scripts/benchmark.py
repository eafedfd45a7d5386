"""Speed benchmark (not a test): cold build, no-change rebuild, one-chapter edit, PDF, test suite,
and the peak memory of validating a 200 MB CSV.

Run: .venv/bin/python scripts/benchmark.py   (takes several minutes; leaves _build/ rebuilt)
     .venv/bin/python scripts/benchmark.py validation   (the validation figures only, about a minute)
Targets on 2 cores: cold HTML < 120 s, no-change < 15 s, one-chapter edit < 30 s, PDF < 180 s,
tests < 10 min, HTML site < 30 MB; validating a 200 MB CSV < 300 MB peak memory, and a bounded report.

Measured (2026-11-28, 2 cores shared with other jobs): validating a 200 MB table_4_1.csv (its rows
repeated, so every repeat is a duplicate key) peaked at 73 MB resident and printed 22 lines, in 106 s;
before the row-by-row validation the issue recorded 1.5 GB and 666,637 lines.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


LOG = []


def timed(args, **kw):
    start = time.perf_counter()
    out = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True, **kw)
    LOG.append(out.stdout + out.stderr)
    return time.perf_counter() - start


def notebook_execution_seconds(log: str) -> float:
    """The notebooks' own execution time, as myst-nb reports it ("Executed notebook in X seconds")."""
    return sum(float(x) for x in re.findall(r"Executed notebook in ([0-9.]+) seconds", log))


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
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        start = time.perf_counter()
        out = subprocess.run([PY, "-c", _PEAK, PY, "-m", "rusregions", "validate", str(table)], env=env,
                             capture_output=True, text=True, check=True).stdout.split()
        seconds = time.perf_counter() - start
    return {"validate_csv_mb": size / 1e6, "validate_exit": int(out[0]), "validate_lines": int(out[1]),
            "validate_peak_mb": int(out[2]) / 1024, "validate_s": seconds}


def main():
    if sys.argv[1:] == ["validation"]:
        for k, v in validation_cost().items():
            print(f"{k:28s} {v:8.1f}")
        return
    results = {}
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    results["cold_html_s"] = timed([PY, "-m", "rusregions", "build", "html"])
    results["notebooks_execution_s"] = notebook_execution_seconds(LOG[-1])
    results["no_change_rebuild_s"] = timed([PY, "-m", "rusregions", "build", "html"])
    chapter = ROOT / "chapters" / "01_index_tables.ipynb"
    original = chapter.read_text(encoding="utf-8")
    nb = json.loads(original)
    nb["cells"][0]["source"] = nb["cells"][0]["source"] + ["\n", "(benchmark edit)"]
    chapter.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    try:
        results["one_chapter_edit_s"] = timed([PY, "-m", "rusregions", "build", "html"])
    finally:
        chapter.write_text(original, encoding="utf-8")
    results["pdf_s"] = timed([PY, "-m", "rusregions", "build", "pdf"])
    results["tests_s"] = timed([PY, "-m", "rusregions", "test"])
    results["html_site_mb"] = sum(p.stat().st_size for p in (ROOT / "_build" / "html").rglob("*") if p.is_file()) / 1e6
    results["build_to_execution_ratio"] = results["cold_html_s"] / max(results["notebooks_execution_s"], 1e-9)
    results.update(validation_cost())
    for k, v in results.items():
        print(f"{k:28s} {v:8.1f}")


if __name__ == "__main__":
    main()
