"""Speed benchmark (not a test): cold build, no-change rebuild, one-chapter edit, PDF, test suite.

Run: .venv/bin/python scripts/benchmark.py   (takes several minutes; leaves _build/ rebuilt)
Targets on 2 cores: cold HTML < 120 s, no-change < 15 s, one-chapter edit < 30 s, PDF < 180 s,
tests < 10 min, HTML site < 30 MB.
"""
import json
import re
import shutil
import subprocess
import sys
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


def main():
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
    for k, v in results.items():
        print(f"{k:28s} {v:8.1f}")


if __name__ == "__main__":
    main()
