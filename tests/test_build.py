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
                    if c.cell_type == "code" for o in c.get("outputs", [])
                    if "image/png" in o.get("data", {}) and "scrapbook" not in o.get("metadata", {})
                    or "{glue:figure}" in o.get("data", {}).get("text/markdown", ""))  # shown, or glued as a figure
    assert len(images) >= n_figures > 0


def test_pdf_page_count_is_sane(built_book):
    info = subprocess.run(["pdfinfo", str(built_book["pdf"])], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 20 <= pages <= 600


def test_html_offers_the_pdf_and_notebooks(built_book):
    from rusregions.version import pdf_name
    assert (built_book["html"] / pdf_name()).exists()
    assert (built_book["html"] / "_sources" / "chapters" / "01_index_tables.ipynb").exists()


# --- nothing lost off the page ----------------------------------------------------------------

OVERFULL_TOLERANCE_PT = 5.0  # a hair of a character; anything wider is text cut off or in the margin


def overfull_boxes(log_path: Path) -> list[tuple[float, str]]:
    """(points too wide, where) of every overfull hbox in a LaTeX log."""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return [(float(pt), where.strip()) for pt, where in
            re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) (in [^\n]*)", text)]


def text_outside_pages(pdf: Path) -> list[str]:
    """Words whose box pokes out of the page, from `pdftotext -bbox` (page sizes per page)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for n, (width, height, body) in enumerate(re.findall(
            r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, flags=re.S), start=1):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>', body):
            if float(x0) < 0 or float(y0) < 0 or float(x1) > float(width) or float(y1) > float(height):
                out.append(f"page {n}: {word!r} at x {x0}-{x1} of {width}")
    return out


def test_no_text_lies_outside_a_pdf_page(built_book):
    assert text_outside_pages(built_book["pdf"]) == []


def test_latex_sets_nothing_wider_than_the_text(built_book):
    logs = sorted((ROOT / "_build" / "latex").glob("*.log"))
    assert logs, "no LaTeX log in _build/latex"
    wide = [(pt, where) for pt, where in overfull_boxes(logs[0]) if pt > OVERFULL_TOLERANCE_PT]
    assert wide == [], f"{len(wide)} overfull box(es), worst {max(wide)[0]} pt: {sorted(wide, reverse=True)[:5]}"


def test_the_checks_find_a_table_that_runs_off_the_page(tmp_path):
    """The two checks above, on a real LaTeX document with a table wider than the page."""
    tex = tmp_path / "wide.tex"
    tex.write_text("\\documentclass{article}\\begin{document}\n\\begin{tabular}{lll}\n"
                   + " & ".join(["a-very-long-cell-that-does-not-wrap-" * 2] * 3) + "\\\\\n"
                   "\\end{tabular}\n\\end{document}\n", encoding="utf-8")
    subprocess.run(["xelatex", "-interaction=nonstopmode", tex.name], cwd=tmp_path, capture_output=True)
    assert max(pt for pt, _ in overfull_boxes(tmp_path / "wide.log")) > 100
    assert any("a-very-long-cell" in w for w in text_outside_pages(tmp_path / "wide.pdf"))


def test_the_data_catalogue_is_named_and_linked_in_the_pdf_only(built_book):
    text = re.sub(r"\s+", " ", _pdf_text(built_book["pdf"]))
    assert "Data catalogue" in text
    assert "appendix of the HTML edition only" in text and "data_catalogue.html" in text
    assert "sha256:" not in text  # the catalogue's body (checksums of every file) stays in the HTML
    html = (built_book["html"] / "data_catalogue.html").read_text(encoding="utf-8")
    assert "sha256:" in html


def test_pdf_column_widths_keep_every_word_whole_and_fill_the_line():
    from rusregions.sphinxext import CHAR_PT, PAD_PT, TEXT_PT, _column_weights

    longest, word = [7, 300, 300, 12], [7, 14, 14, 12]  # "Yeltsin", two long texts, a number
    weights = _column_weights(longest, word)
    assert abs(sum(weights) - 1000) <= 2
    for w, n in zip(weights, word):
        assert w / 1000 * TEXT_PT >= n * CHAR_PT + PAD_PT - 0.5
    assert weights[1] == weights[2] > weights[0]


def test_changelog_page_shows_the_data_diff_against_the_previous_release(built_book):
    from rusregions import diff

    version, changes = diff.against_previous_release()
    html = (built_book["html"] / "changelog.html").read_text(encoding="utf-8")
    assert f"Compared with release {version}: {changes.summary()}" in html


def test_an_identifier_in_a_pdf_table_may_break_after_underscores():
    from docutils import nodes

    from rusregions.sphinxext import BREAKS, _allow_breaks

    entry = nodes.entry("", nodes.paragraph("", "event_id=league_of_nations_formed and more"))
    _allow_breaks(entry)
    assert entry.astext().replace("\\allowbreak{}", "") == "event_id=league_of_nations_formed and more"
    assert len(list(entry.findall(nodes.raw))) == 5  # after 'event_', 'id=', 'league_', 'of_', 'nations_'
    assert max(len(w) for w in BREAKS.split("relation=friendship_economic_cooperation_agreement")) == len("cooperation_")
