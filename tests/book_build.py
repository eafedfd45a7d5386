"""The one clean build of the whole book that a test run shares: strict HTML (warnings are errors), then the PDF.

It shows the outputs stored in the notebooks without executing them again: nbval, in the same run, re-executes
every notebook and fails on any output that differs from the stored one. The `built_book` fixture runs it in
its own process; `python -m rusregions test` starts it before the tests (see conftest.pytest_configure), so that
it runs beside them instead of leaving a worker waiting for it.
"""
import json
import sys
from pathlib import Path


def build_book(record: Path) -> dict:
    """Build, and write what came of it to `record` (JSON: the PDF's path, or the error)."""
    from rusregions import build
    from rusregions.fsutil import checkout_lock

    try:
        with checkout_lock(build.BUILD, "test"):  # never two builds in one _build/
            # HTML first and clean: a strict build must read every page to see every warning
            build.build_html(strict=True, clean=True, outputs="stored")
            result = {"pdf": str(build.build_pdf(outputs="stored"))}
    except Exception as exc:  # every worker reports the one failure, none builds again
        result = {"error": f"{exc.__class__.__name__}: {exc}"}
    record.write_text(json.dumps(result), encoding="utf-8")
    return result


if __name__ == "__main__":
    build_book(Path(sys.argv[1]))
