"""Which pages a build looks up in the notebook cache (build.pages_to_look_up): only those whose code may have
changed since they were cached; a prose edit or a plain Markdown page costs no notebook read and no cache query."""
import json
import shutil

import pytest

from conftest import ROOT
from rusregions import build

CHAPTER = ROOT / "chapters" / "03_federalism_and_law.ipynb"


@pytest.fixture
def pages(tmp_path):
    nb = tmp_path / "chapter.ipynb"
    shutil.copy(CHAPTER, nb)
    plain = tmp_path / "plain.md"
    plain.write_text("# A page\n\nProse only.\n", encoding="utf-8")
    myst = tmp_path / "myst.md"
    myst.write_text("---\nfile_format: mystnb\nkernelspec:\n  name: rusregions\n  display_name: Python\n---\n"
                    "# Executed\n\n```{code-cell}\nprint(1)\n```\n", encoding="utf-8")
    return nb, plain, myst


def _edit(path, change):
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb), encoding="utf-8")


def _first(nb, kind):
    return next(c for c in nb["cells"] if c["cell_type"] == kind)


def test_a_first_build_looks_up_every_notebook_and_records_plain_pages(pages):
    nb, plain, myst = pages
    known = {}
    assert sorted(build.pages_to_look_up(list(pages), known)) == sorted([str(nb), str(myst)])
    assert known == {str(plain): {"stamp": build._stamp(str(plain)), "key": None}}


def _cached(pages):
    """`known` as a build leaves it once every notebook is in the cache."""
    known = {}
    for name, (_, entry) in build.pages_to_look_up(list(pages), known).items():
        known[name] = entry
    return known


@pytest.mark.parametrize("what, change", [
    ("prose", lambda nb: _first(nb, "markdown")["source"].append("\nOne more sentence.")),
    ("outputs", lambda nb: _first(nb, "code").update(outputs=[], execution_count=None)),
])
def test_an_edit_that_leaves_the_code_alone_needs_no_look_up(pages, what, change):
    nb, plain, myst = pages
    known = _cached(pages)
    _edit(nb, change)
    plain.write_text(plain.read_text(encoding="utf-8") + "\nMore prose.\n", encoding="utf-8")
    assert build.pages_to_look_up(list(pages), known) == {}
    assert known[str(nb)]["stamp"] == build._stamp(str(nb))  # recorded: the next build does not even hash it
    assert known[str(plain)]["stamp"] == build._stamp(str(plain))


@pytest.mark.parametrize("what, change", [
    ("code", lambda nb: _first(nb, "code")["source"].append("\nx = 1")),
    ("cell metadata", lambda nb: _first(nb, "code")["metadata"].update(scrolled=True)),
    ("kernel", lambda nb: nb["metadata"]["kernelspec"].update(name="python3")),
])
def test_an_edit_that_may_change_the_cache_key_is_looked_up(pages, what, change):
    nb, plain, myst = pages
    known = _cached(pages)
    _edit(nb, change)
    assert list(build.pages_to_look_up(list(pages), known)) == [str(nb)]


def test_any_edit_of_a_markdown_notebook_is_looked_up(pages):
    nb, plain, myst = pages
    known = _cached(pages)
    myst.write_text(myst.read_text(encoding="utf-8").replace("# Executed", "# Executed, retitled"), encoding="utf-8")
    assert list(build.pages_to_look_up(list(pages), known)) == [str(myst)]


def test_a_plain_page_that_becomes_a_notebook_is_looked_up(pages):
    nb, plain, myst = pages
    known = _cached(pages)
    plain.write_text(myst.read_text(encoding="utf-8"), encoding="utf-8")
    assert list(build.pages_to_look_up(list(pages), known)) == [str(plain)]
