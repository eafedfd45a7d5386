"""Build the book (HTML, PDF), regenerate notebook outputs, and run the tests.

All paths are relative to the repository root; output goes to _build/.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .version import ROOT, pdf_name

BOOK = ROOT / "book"
BUILD = ROOT / "_build"
CHAPTERS = ROOT / "chapters"
KERNEL = "rusregions"


class BuildError(RuntimeError):
    pass


def _jb(builder: str, strict: bool) -> list[str]:
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(BOOK), "--path-output", str(ROOT),
           "--builder", builder]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    return cmd


def execution_failures() -> list[str]:
    """Notebooks whose execution failed in the last build, with the error log path."""
    reports = BUILD / "html" / "reports"
    return sorted(str(p.relative_to(ROOT)) for p in reports.rglob("*.err.log")) if reports.exists() else []


def remove_build() -> None:
    """Remove _build/ (site, PDF and notebook cache) so the next build is cold."""
    if BUILD.exists():
        shutil.rmtree(BUILD)


def build_html(strict: bool = False, clean: bool = False) -> Path:
    if clean:
        remove_build()
    result = subprocess.run(_jb("html", strict), cwd=ROOT)
    failed = execution_failures()
    if failed:
        raise BuildError("notebook execution failed; see the report(s): " + ", ".join(failed))
    if result.returncode:
        raise BuildError(f"HTML build failed (exit {result.returncode})")
    pdf = BUILD / "pdf" / pdf_name()
    if pdf.exists():  # offer the PDF from every page (footer link)
        shutil.copy2(pdf, BUILD / "html" / pdf_name())
    return BUILD / "html" / "index.html"


def build_pdf() -> Path:
    if shutil.which("xelatex") is None or shutil.which("latexmk") is None:
        raise BuildError("xelatex/latexmk not found: install the Debian packages listed by scripts/setup.sh "
                         "(run `make setup` as root)")
    result = subprocess.run(_jb("pdflatex", strict=False), cwd=ROOT)
    pdfs = sorted((BUILD / "latex").glob("*.pdf"))
    if result.returncode or not pdfs:
        raise BuildError(f"PDF build failed (exit {result.returncode}); see _build/latex/*.log")
    out = BUILD / "pdf" / pdf_name()
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdfs[0], out)
    if (BUILD / "html").exists():
        shutil.copy2(out, BUILD / "html" / pdf_name())
    return out


def notebooks() -> list[Path]:
    """Every chapter and profile notebook (not the profile template, not checkpoints)."""
    return sorted(p for p in CHAPTERS.rglob("*.ipynb")
                  if "templates" not in p.parts and ".ipynb_checkpoints" not in p.parts)


def execute(paths: list[Path] | None = None, timeout: int = 600) -> list[Path]:
    """Re-run notebooks in place so their stored outputs match the data and code.

    Without paths: every chapter, then the region profiles, which are regenerated from
    their template by papermill (rusregions.profiles) rather than re-run in place.
    """
    done = []
    if paths is None:
        from . import profiles

        chapters = [p for p in notebooks() if "profiles" not in p.parts]
        return execute(chapters, timeout) + profiles.generate()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            raise BuildError(f"{path.relative_to(ROOT)} failed:\n{exc}") from None
        for cell in nb.cells:  # nbclient's per-cell timestamps: a re-run of an unchanged notebook leaves no diff
            cell.metadata.pop("execution", None)
        nbformat.write(nb, path)
        done.append(path)
    return done


def run_tests(extra: list[str]) -> int:
    cmd = [sys.executable, "-m", "pytest", "tests", *(str(p.relative_to(ROOT)) for p in notebooks()),
           "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
           "-p", "no:cacheprovider", *extra]
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode
