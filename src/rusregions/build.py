"""Build the book (HTML, PDF), regenerate notebook outputs, and run the tests.

All paths are relative to the repository root; output goes to _build/.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .fsutil import LOCK_NAME, atomic_write_text, write_notebook
from .version import ROOT, pdf_name

if TYPE_CHECKING:  # a rebuild with nothing to execute never reads a notebook: spare the import
    import nbformat

BOOK = ROOT / "book"
BUILD = ROOT / "_build"
CHAPTERS = ROOT / "chapters"
TEMPLATES = CHAPTERS / "templates"
# What notebook results depend on besides their own code: when any of it changes, the cache is stale.
# CHANGELOG.md and VERSION: the changelog page diffs the data against the release CHANGELOG.md names last.
# + the sources; references.bib because validation reads it (a row must credit a work the bibliography holds)
INPUTS = ("data", "src/rusregions", "requirements.txt", "constraints.txt", "CHANGELOG.md", "VERSION",
          "book/references.bib")
FINGERPRINT = BUILD / ".inputs.sha256"
VALIDATED = BUILD / ".validated.sha256"  # the inputs' fingerprint when the data last passed validation
CACHED_PAGES = BUILD / ".cached_pages.json"  # pages known to be in the cache (or plain), by mtime, size, key
CACHE = BUILD / ".jupyter_cache"  # as book/_config.yml names it
TIMEOUT = 300  # seconds a cell may take, as book/_config.yml allows
# How a build gets the notebooks' outputs: "execute" runs them (cached by code and inputs); "stored" renders
# the outputs saved in the notebooks, for the test command, whose nbval has just re-run and compared every one.
OUTPUTS = ("execute", "stored")


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
            # names relative to their folder: a moved or copied checkout keeps its cache
            h.update(f"{top.name}/{path.relative_to(top).as_posix()}".encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def refresh_cache(outputs: str = "execute", fingerprint: str | None = None) -> bool:
    """Start cold if data, sources, the package or the pins changed since the last build, or if the
    last build took its outputs another way (executed against stored).

    jupyter-cache keys notebooks on their code alone, and Sphinx re-reads only edited pages,
    so a changed number in data/ would otherwise leave the old results in the book; and stored
    outputs, trusted because nbval has just compared them, must not stand in for a later executed build.
    Returns True if _build/ was cleared.
    """
    now = (fingerprint or inputs_fingerprint()) + ("" if outputs == "execute" else f" {outputs}")
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


def preflight(fingerprint: str | None = None) -> None:
    """Refuse to build from invalid data or an incomplete table of contents, saying why.

    The data is validated again only if the inputs changed since it last passed (the fingerprint covers
    data/, the sources and the validator itself), so a rebuild after a prose edit does not wait for it.
    """
    problems = toc_problems()
    if fingerprint is None or not VALIDATED.is_file() or VALIDATED.read_text(encoding="utf-8").strip() != fingerprint:
        from . import data

        problems = [str(p) for p in data.validate_all()] + problems
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


def read_page(path: Path) -> nbformat.NotebookNode | None:
    """A page of the book as the notebook myst-nb makes of it (same cells, so the same cache key), or None
    if the page is plain Markdown."""
    if path.suffix == ".ipynb":
        import nbformat

        return nbformat.read(path, as_version=4)
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):  # a MyST notebook says so in its front matter; spare the import of myst-nb
        return None
    from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

    return read_myst_markdown_notebook(text, add_source_map=True, path=path) if is_myst_markdown_notebook(text) \
        else None


def _stamp(name: str) -> list[int]:
    st = os.stat(name)
    return [st.st_mtime_ns, st.st_size]


def page_key(path: Path) -> str | None:
    """A hash of all that the notebook cache keys a page on, and more; None for Markdown without front matter,
    which cannot be a notebook.

    For a .ipynb page: its nbformat version, its metadata, and the source and metadata of its code cells
    (jupyter-cache hashes the same, with less of the metadata); not its Markdown cells or outputs. So a prose
    edit, or outputs stored anew, leave it unchanged. For a Markdown page: its whole text."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return hashlib.sha256(text.encode()).hexdigest() if text.startswith("---") else None
    nb = json.loads(text)
    code = [[c.get("source"), c.get("metadata")] for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    return hashlib.sha256(json.dumps([nb.get("nbformat"), nb.get("nbformat_minor"), nb.get("metadata"), code],
                                     sort_keys=True).encode()).hexdigest()


def toc_page_paths() -> list[Path]:
    """The file of every page of book/_toc.yml that exists."""
    paths = (next((BOOK / f"{page}{s}" for s in ("", ".ipynb", ".md") if (BOOK / f"{page}{s}").is_file()), None)
             for page in toc_pages())
    return [p for p in paths if p is not None]


def toc_notebooks() -> dict[str, nbformat.NotebookNode]:
    """The notebooks the book shows, by path: .ipynb pages of the table of contents, and Markdown pages
    written as notebooks (MyST with a kernel)."""
    return {str(path): nb for path in toc_page_paths() if (nb := read_page(path)) is not None}


def pages_to_look_up(paths: list[Path], known: dict) -> dict[str, tuple[nbformat.NotebookNode, dict]]:
    """The notebook pages among `paths` that the cache may not hold, each with the entry `known` is to record
    for it once it does; `known` (path: {"stamp": [mtime, size], "key": page_key}) is brought up to date in place
    for every other page.

    A page is looked up only if its key changed since it was known to be cached: an edit to its prose or a
    plain Markdown page costs neither reading the notebook nor a cache query."""
    look_up = {}
    for path in paths:
        name, stamp = str(path), _stamp(str(path))
        entry = known.get(name)
        if entry is not None and entry["stamp"] == stamp:
            continue
        key = page_key(path)
        if entry is not None and entry["key"] == key:
            entry["stamp"] = stamp
            continue
        nb = read_page(path)
        if nb is None:  # Markdown that is not a notebook: nothing to cache
            known[name] = {"stamp": stamp, "key": key}
        else:
            look_up[name] = (nb, {"stamp": stamp, "key": key})  # as read, before any run: a later edit is seen
    return look_up


def fill_cache(outputs: str = "execute") -> None:
    """Put every notebook of the book into the jupyter-cache before Sphinx reads it, so the build itself
    executes nothing. "execute": run the notebooks missing from the cache, all cores at once (Sphinx would
    run them one by one); "stored": cache the outputs saved in the .ipynb files, as they are (Markdown pages
    written as notebooks have none saved, so they are run).

    A notebook that fails is left out of the cache: the build then runs it once more itself and writes its
    failure report (reports/*.err.log), as it always has.
    """
    known = json.loads(CACHED_PAGES.read_text(encoding="utf-8")) if CACHED_PAGES.is_file() and CACHE.is_dir() else {}
    known = {name: entry for name, entry in known.items() if isinstance(entry, dict)}  # older builds kept stamps only
    before = json.dumps(known, sort_keys=True)
    unknown = pages_to_look_up(toc_page_paths(), known)
    if unknown:
        _cache_pages(unknown, known, outputs)
    if json.dumps(known, sort_keys=True) != before:
        atomic_write_text(CACHED_PAGES, json.dumps(known, indent=0, sort_keys=True))


def _cache_pages(unknown: dict, known: dict, outputs: str) -> None:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from . import execution

    cache = get_cache(str(CACHE))
    missing = {}
    for name, (nb, entry) in unknown.items():
        try:
            cache.match_cache_notebook(nb)
            known[name] = entry
        except KeyError:
            missing[name] = nb
    runs = []
    if outputs == "stored":  # a Markdown page written as a notebook stores no outputs: it is executed
        runs = [execution.Run(name, nb, 0.0) for name, nb in missing.items() if name.endswith(".ipynb")]
        missing = {name: nb for name, nb in missing.items() if not name.endswith(".ipynb")}
    if missing:
        print(f"Executing {len(missing)} notebook(s), {min(execution.jobs(), len(missing))} at a time", flush=True)
        tasks = [(nb, Path(name).parent, TIMEOUT, name) for name, nb in missing.items()]
        runs = itertools.chain(runs, execution.run_parallel(execution.execute_notebook, tasks))
    for run in runs:
        if run.error:
            continue
        cache.cache_notebook_bundle(CacheBundleIn(run.nb, run.name, data={"execution_seconds": run.seconds}),
                                    check_validity=False, overwrite=True)
        known[run.name] = unknown[run.name][1]


def prepare(outputs: str = "execute") -> None:
    """What every build does first: refuse bad data, start cold if the inputs changed, forget old failures,
    and fill the notebook cache."""
    if outputs not in OUTPUTS:
        raise UsageError(f"outputs={outputs!r}: choose one of {', '.join(OUTPUTS)}")
    fingerprint = inputs_fingerprint()
    preflight(fingerprint)
    refresh_cache(outputs, fingerprint)
    atomic_write_text(VALIDATED, fingerprint + "\n")
    clear_stale_reports()
    fill_cache(outputs)


def build_html(strict: bool = False, clean: bool = False, outputs: str = "execute") -> Path:
    if clean:
        remove_build()
    prepare(outputs)
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


def build_pdf(outputs: str = "execute") -> Path:
    if shutil.which("xelatex") is None or shutil.which("latexmk") is None:
        raise BuildError("xelatex/latexmk not found: install the Debian packages listed by scripts/setup.sh "
                         "(run `make setup` as root)")
    prepare(outputs)
    # latexmk's xelatex mode: the reruns for references write .xdv only, and the PDF (images embedded) is made
    # once at the end, as Sphinx's Makefile advises for latexmk 4.52b and later.
    result = subprocess.run(_jb("pdflatex", strict=False), cwd=ROOT, env={**os.environ, "LATEXMKOPTS": "-xelatex"})
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
    """Re-run notebooks in place, all cores at once, so their stored outputs match the data and code.

    Without paths: every chapter, then the region profiles, which are regenerated from
    their template by papermill (rusregions.profiles) rather than re-run in place.
    A notebook is rewritten only if it ran to the end; the first failure stops the command.
    """
    import nbformat

    from . import execution

    if paths is None:
        from . import profiles

        return execute(report_chapters(), timeout) + profiles.generate()
    notebooks = {}
    for path in paths:
        try:
            notebooks[str(path)] = nbformat.read(path, as_version=4)
        except Exception as exc:  # nbformat raises several kinds (JSON, schema, decoding)
            raise BuildError(f"{path.relative_to(ROOT)}: not a readable notebook ({exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    tasks = [(nb, Path(name).parent, timeout, name) for name, nb in notebooks.items()]
    done = []
    for run in execution.run_parallel(execution.execute_notebook, tasks):
        path = Path(run.name)
        if run.error:
            raise BuildError(f"{path.relative_to(ROOT)}: {run.error}")
        write_notebook(run.nb, path)
        done.append(path)
    return sorted(done, key=paths.index)


def nbval_options(env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """pytest's arguments and environment for nbval as the test command runs it: each notebook in a kernel forked
    from a warmed process (rusregions.warmkernel; its kernel spec is found through $JUPYTER_PATH), outputs
    compared after tests/nbval_sanitize.cfg."""
    from .warmkernel import KERNEL, KERNELSPECS

    path = os.pathsep.join(p for p in (str(KERNELSPECS), env.get("JUPYTER_PATH", "")) if p)
    return (["--nbval", "--nbval-kernel-name", KERNEL, "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"],
            {**env, "JUPYTER_PATH": path})


def run_tests(extra: list[str]) -> int:
    """Validate the data first and stop there if it is invalid: every notebook would fail after it,
    burying the one line that says what is wrong. Then pytest with nbval on every notebook, on every core."""
    from . import data

    problems = data.validate_all()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"test stopped: the data is invalid ({len(problems)} problem(s) above); fix it first, or after an "
              "intended change record it with `python -m rusregions validate --update-checksums FILE`",
              file=sys.stderr)
        return 1
    from .execution import jobs

    # One worker per core (pytest-xdist), a file to a worker: nbval runs a notebook's cells in order in one
    # kernel. (--dist loadgroup would be finer, but it does not group under pytest 9.2: xdist issue 1386.)
    # The longest files that need no book first, so that no worker is left with one of them at the end; those
    # that need the built book last, as it is built beside the others (conftest.py), and a worker reaching them
    # early would wait for it.
    first = ["tests/test_release.py", "tests/test_reliability.py"]
    last = ["tests/test_browser.py", "tests/test_browser_a11y.py", "tests/test_browser_a11y_chapters.py",
            "tests/test_build.py"]
    middle = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "tests").glob("test_*.py"))]
    middle = [p for p in middle if p not in first + last]
    nbval, env = nbval_options({**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", "RUSREGIONS_BUILD_AHEAD": "1"})
    cmd = [sys.executable, "-m", "pytest", *first, *middle, *(str(p.relative_to(ROOT)) for p in notebooks()), *last,
           *nbval, "-p", "no:cacheprovider", "-n", str(jobs()), "--dist", "loadfile",
           "--no-loadscope-reorder", *extra]  # keep this order: xdist would put the files with most tests first
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode
