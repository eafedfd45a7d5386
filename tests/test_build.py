"""The built report: a clean strict HTML build and a PDF a reader can use."""
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, toc_pages
from rusregions.version import version

pytestmark = pytest.mark.build


def _pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _chapter_titles():
    titles = []
    for page in toc_pages():
        path = ROOT / "book" / f"{page}.ipynb"
        if path.exists():
            nb = nbformat.read(path, as_version=4)
            first = next(c for c in nb.cells if c.cell_type == "markdown")
            title = first.source.splitlines()[0].lstrip("# ").strip()
            if "{glue:md}" in title:  # a region profile: its title is the region's name, glued from data
                from rusregions import data
                labels = data.load("far_east_regions").set_index("region_id")["label"]
                title = labels[Path(page).name]
            titles.append(title)
    return titles


def test_every_toc_page_is_built(built_book):
    for page in toc_pages():
        assert (built_book["html"] / f"{page}.html").exists(), page


def test_footer_carries_version_commit_and_date(built_book):
    html = (built_book["html"] / "intro.html").read_text(encoding="utf-8")
    assert re.search(rf"Version {re.escape(version())} · commit <code>[0-9a-f]{{7,}}</code> · built \d{{4}}-\d{{2}}-\d{{2}}",
                     html)


def test_bibliography_renders_every_cited_work(built_book):
    html = (built_book["html"] / "bibliography.html").read_text(encoding="utf-8")
    assert "Zubarevich" in html and "Регионы России" in html


def test_pdf_title_page_shows_title_version_and_commit(built_book):
    first_pages = subprocess.run(["pdftotext", "-l", "3", str(built_book["pdf"]), "-"],
                                 capture_output=True, text=True, check=True).stdout
    assert "Russia's Regions" in first_pages
    assert f"Release {version()}" in first_pages
    assert re.search(r"commit [0-9a-f]{7,}", first_pages)
    assert "How to read this report" in first_pages  # the table of contents


def test_pdf_has_every_chapter_cyrillic_and_figures(built_book):
    def norm(t):  # Sphinx's smart quotes and line wrapping
        return re.sub(r"\s+", " ", t.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))

    text = norm(_pdf_text(built_book["pdf"]))
    for title in _chapter_titles():
        assert norm(title) in text, title
    assert re.search(r"[А-Яа-я]{4,}", text), "no Cyrillic text in the PDF"
    images = subprocess.run(["pdfimages", "-list", str(built_book["pdf"])], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    n_figures = sum(1 for page in toc_pages() if (ROOT / "book" / f"{page}.ipynb").exists()
                    for c in nbformat.read(ROOT / "book" / f"{page}.ipynb", as_version=4).cells
                    if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert len(images) >= n_figures > 0


def test_pdf_page_count_is_sane(built_book):
    info = subprocess.run(["pdfinfo", str(built_book["pdf"])], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 20 <= pages <= 600


def test_html_offers_the_pdf_and_notebooks(built_book):
    from rusregions.version import pdf_name
    assert (built_book["html"] / pdf_name()).exists()
    assert (built_book["html"] / "_sources" / "chapters" / "01_index_tables.ipynb").exists()
