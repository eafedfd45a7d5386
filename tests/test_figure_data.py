"""Every numbered figure offers exactly one CSV of its plotted numbers, and no CSV outlives its figure."""
import re

import nbformat

from conftest import ROOT
from rusregions.build import notebooks

FIGURE = re.compile(r"```\{glue:figure\} (fig-[a-z0-9-]+)")


def _figures(path):
    nb = nbformat.read(path, as_version=4)
    text = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    return set(FIGURE.findall(text))


def test_every_figure_has_its_csv_and_every_csv_its_figure():
    for folder in (ROOT / "chapters", ROOT / "chapters" / "profiles"):
        shown = set().union(*(_figures(p) for p in notebooks() if p.parent == folder))
        files = {p.stem for p in (folder / "figure_data").glob("*.csv")}
        assert shown, folder
        assert files == shown, (folder, sorted(files ^ shown))
