"""The notebooks stay thin: they load, call the package and show; helpers live in the package, with tests.

Counted as the issue that set the limits counts: non-blank lines of code cells, comments included, over the ten
chapters and the profile template (the nine profiles are generated from it).
"""
import re

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")) + [ROOT / "chapters/templates/region_profile.ipynb"]
MAX_TOTAL, MAX_CELL = 1000, 30
DEFINITION = re.compile(r"^\s*(def|class|async\s+def)\s|\blambda\b")


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(i, [ln for ln in c.source.splitlines() if ln.strip()]) for i, c in enumerate(nb.cells)
            if c.cell_type == "code"]


def test_the_notebooks_hold_under_a_thousand_code_lines():
    counts = {p.name: sum(len(lines) for _, lines in _code_cells(p)) for p in NOTEBOOKS}
    assert len(counts) == 11
    assert sum(counts.values()) < MAX_TOTAL, counts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_is_longer_than_thirty_lines(path):
    long = {i: len(lines) for i, lines in _code_cells(path) if len(lines) > MAX_CELL}
    assert not long, f"cells over {MAX_CELL} lines (cell index: lines): {long}; move the code into the package"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_notebook_defines_a_helper(path):
    """A function defined in a notebook is untested and gets copied; it belongs in src/rusregions/."""
    found = [f"cell {i}: {ln.strip()}" for i, lines in _code_cells(path) for ln in lines if DEFINITION.search(ln)]
    assert not found, found


def test_the_helper_check_sees_a_definition_and_nothing_else():
    assert [bool(DEFINITION.search(s)) for s in (
        "def num(x):", "    class Table:", "key = lambda r: r.rank", "definitions = md.definitions(rows)",
        "show(deficit.classes)")] == [True, True, True, False, False]
