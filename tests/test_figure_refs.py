"""Every figure of a chapter is referred to by number ({numref}) in that chapter's prose."""
import re

import nbformat
import pytest

from conftest import ROOT

NAME = re.compile(r"^:name: (fig-[a-z0-9-]+)$", re.M)
# {numref}`fig-x` or, with a title of its own, {numref}`Figure %s <fig-x>`
NUMREF = re.compile(r"\{numref\}`(?:[^`<]*<)?(fig-[a-z0-9-]+)>?`")
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


def unreferenced(path):
    """A message naming the figures of notebook `path` that its markdown never cites with {numref}, or None."""
    nb = nbformat.read(path, as_version=4)
    shown = [name for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
             for name in NAME.findall(o.get("data", {}).get("text/markdown", ""))]
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    missing = [n for n in dict.fromkeys(shown) if n not in set(NUMREF.findall(prose))]
    if missing:
        return f"{path.name}: figures never referenced with {{numref}} in its markdown: {', '.join(missing)}"
    return None


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_chapter_figure_is_referenced_in_its_prose(path):
    assert unreferenced(path) is None


def test_the_chapters_have_figures_to_check():
    # the check above passes vacuously if figures stop being found, e.g. when the output format changes
    nb = nbformat.read(ROOT / "chapters" / "06_case_studies.ipynb", as_version=4)
    text = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
    assert len(NAME.findall(text)) == 8


def test_a_figure_the_prose_does_not_cite_is_named(tmp_path):
    # a real chapter whose prose loses two references; one of them survives only in a code cell, which is not prose
    nb = nbformat.read(ROOT / "chapters" / "02_all_russia_comparison.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = (cell.source.replace(" (see {numref}`fig-leagues`)", "")
                           .replace(" (see {numref}`fig-index-by-league`)", ""))
    nb.cells[1].source += "\n# {numref}`fig-leagues`"
    bad = tmp_path / "02_all_russia_comparison.ipynb"
    nbformat.write(nb, bad)
    assert unreferenced(bad) == ("02_all_russia_comparison.ipynb: figures never referenced with {numref} in its "
                                 "markdown: fig-leagues, fig-index-by-league")
