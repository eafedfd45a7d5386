"""Build the book (HTML, PDF), regenerate notebook outputs, and run the tests.

All paths are relative to the repository root; output goes to _build/.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .fsutil import LOCK_NAME, atomic_write_text, write_notebook
from .version import ROOT, pdf_name

BOOK = ROOT / "book"
BUILD = ROOT / "_build"
CHAPTERS = ROOT / "chapters"
TEMPLATES = CHAPTERS / "templates"
KERNEL = "rusregions"
# What notebook results depend on besides their own code: when any of it changes, the cache is stale.
INPUTS = ("data", "src/rusregions", "requirements.txt", "constraints.txt")  # and the sources (see below)
FINGERPRINT = BUILD / ".inputs.sha256"


class BuildError(RuntimeError):
    pass


class UsageError(ValueError):
    """A command was asked for something it must not do (exit status 2)."""


def inputs_fingerprint() -> str:
    """SHA-256 over the names and contents of every file in INPUTS and the sources (bytecode caches excluded)."""
    from .sources import sources_dir

    h = hashlib.sha256()
    for top in [ROOT / entry for entry in INPUTS] + [sources_dir()]:  # $RUSREGIONS_SOURCES may point elsewhere
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in files:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            h.update(str(path).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def refresh_cache() -> bool:
    """Start cold if data, sources, the package or the pins changed since the last build.

    jupyter-cache keys notebooks on their code alone, and Sphinx re-reads only edited pages,
    so a changed number in data/ would otherwise leave the old results in the book.
    Returns True if _build/ was cleared.
    """
    now = inputs_fingerprint()
    before = FINGERPRINT.read_text(encoding="utf-8").strip() if FINGERPRINT.is_file() else None
    stale = before != now
    if stale:
        remove_build()
    BUILD.mkdir(parents=True, exist_ok=True)
    atomic_write_text(FINGERPRINT, now + "\n")
    return stale


def clear_stale_reports() -> None:
    """Forget the failures of an earlier build, and make Sphinx re-read every page.

    A failed notebook is not cached, but Sphinx would not re-read its unchanged page either (the
    HTML and PDF builds share one saved environment), so the old report would be the only trace of
    it: delete every builder's reports and Sphinx's saved environment, so every page is read again
    (from the cache where it holds the notebook) and a notebook that still fails reports again.
    """
    stale = [d for d in (BUILD / "html" / "reports", BUILD / "latex" / "reports") if d.exists()]
    for reports in stale:
        shutil.rmtree(reports)
    if stale:
        (BUILD / ".doctrees" / "environment.pickle").unlink(missing_ok=True)


def toc_pages() -> list[str]:
    """Every page of book/_toc.yml, as written there (relative to book/, usually without suffix)."""
    import yaml

    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                pages.append(e["file"])
            walk(e.get("sections"))
            walk(e.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return pages


def toc_problems() -> list[str]:
    """Pages listed in book/_toc.yml that do not exist (Sphinx would only warn and leave them out)."""
    problems = []
    for page in toc_pages():
        if not any((BOOK / f"{page}{suffix}").is_file() for suffix in ("", ".md", ".ipynb")):
            problems.append(f"book/_toc.yml lists '{page}', but there is no book/{page}.ipynb or .md; "
                            "restore the file or remove it from the table of contents")
    return problems


def preflight() -> None:
    """Refuse to build from invalid data or an incomplete table of contents, saying why."""
    from . import data

    problems = [str(p) for p in data.validate_all()] + toc_problems()
    if problems:
        raise BuildError("\n".join(problems))


def _jb(builder: str, strict: bool) -> list[str]:
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(BOOK), "--path-output", str(ROOT),
           "--builder", builder]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    return cmd


def execution_failures(builder: str = "html") -> list[str]:
    """Notebooks whose execution failed in the last build, with the error log path."""
    reports = BUILD / builder / "reports"
    return sorted(str(p.relative_to(ROOT)) for p in reports.rglob("*.err.log")) if reports.exists() else []


def remove_build() -> None:
    """Remove _build/ (site, PDF and notebook cache) so the next build is cold; keep the lock of a running build."""
    if BUILD.exists():
        for entry in BUILD.iterdir():
            if entry.name == LOCK_NAME:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def build_html(strict: bool = False, clean: bool = False) -> Path:
    if clean:
        remove_build()
    preflight()
    refresh_cache()
    clear_stale_reports()
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
    preflight()
    refresh_cache()
    clear_stale_reports()
    result = subprocess.run(_jb("pdflatex", strict=False), cwd=ROOT)
    failed = execution_failures("latex")
    if failed:
        raise BuildError("notebook execution failed; see the report(s): " + ", ".join(failed))
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


def report_chapters() -> list[Path]:
    """The chapter notebooks of the report: those in the table of contents, not the profiles (generated from
    their template) and not any other notebook a user keeps in chapters/."""
    in_toc = {(BOOK / f"{page}.ipynb").resolve() for page in toc_pages()}
    return [p for p in notebooks() if "profiles" not in p.parts and p.resolve() in in_toc]


def notebook_argument(arg: str | Path) -> Path:
    """The notebook a user named for `execute`, or UsageError saying why it cannot be run in place."""
    path = Path(arg).absolute()
    if not path.exists():
        raise UsageError(f"{arg}: no such file")
    real = path.resolve()
    if not real.is_relative_to(CHAPTERS.resolve()):
        raise UsageError(f"{arg}: not a notebook under chapters/; execute only re-runs the report's own notebooks")
    if real.is_relative_to(TEMPLATES.resolve()):
        raise UsageError(f"{arg}: this is the profile template; it is not run in place "
                         "(regenerate the profiles with `python -m rusregions profiles`)")
    if not real.is_file() or real.suffix != ".ipynb":
        raise UsageError(f"{arg}: not a notebook (.ipynb file)")
    return real


def execute(paths: list[Path] | None = None, timeout: int = 600) -> list[Path]:
    """Re-run notebooks in place so their stored outputs match the data and code.

    Without paths: every chapter, then the region profiles, which are regenerated from
    their template by papermill (rusregions.profiles) rather than re-run in place.
    """
    done = []
    if paths is None:
        from . import profiles

        return execute(report_chapters(), timeout) + profiles.generate()
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # nbformat raises several kinds (JSON, schema, decoding)
            raise BuildError(f"{path.relative_to(ROOT)}: not a readable notebook ({exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log; cell output comes by messages
        except CellExecutionError as exc:
            if exc.ename == "KeyboardInterrupt":  # Ctrl-C reached the kernel first: an interruption, not a failure
                raise KeyboardInterrupt from None
            raise BuildError(f"{path.relative_to(ROOT)}: a cell raised {exc.ename}: {exc.evalue}") from None
        except Exception as exc:
            # nbclient answers Ctrl-C (SIGINT) by shutting the kernel down itself; the run then ends in
            # DeadKernelError or a failed cleanup. Its handler leaves this attribute behind.
            if getattr(client, "_async_cleanup_kernel_future", None) is not None:
                raise KeyboardInterrupt from None
            raise BuildError(f"{path.relative_to(ROOT)}: the kernel stopped ({exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else 'no message'})") from None
        for cell in nb.cells:  # nbclient's per-cell timestamps: a re-run of an unchanged notebook leaves no diff
            cell.metadata.pop("execution", None)
        write_notebook(nb, path)
        done.append(path)
    return done


def run_tests(extra: list[str]) -> int:
    """Validate the data first and stop there if it is invalid: every notebook would fail after it,
    burying the one line that says what is wrong. Then pytest with nbval on every notebook."""
    from . import data

    problems = data.validate_all()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"test stopped: the data is invalid ({len(problems)} problem(s) above); fix it first, or after an "
              "intended change record it with `python -m rusregions validate --update-checksums FILE`",
              file=sys.stderr)
        return 1
    cmd = [sys.executable, "-m", "pytest", "tests", *(str(p.relative_to(ROOT)) for p in notebooks()),
           "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
           "-p", "no:cacheprovider", *extra]
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode
